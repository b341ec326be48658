//! The decision: what a set of answers decides, by index into the rules and with no
//! text: each score's range, each red flag (fired, ruled out, or open), the triage
//! level, every cause's score and the ranking, and whether ART and rehab may fit.
//!
//! [`crate::engine`] turns a decision into words. Kept apart so that work which weighs
//! many answers (the interview's stop rule, batches) builds no strings.

use crate::condition::{Condition, Facts, Range, Truth};
use crate::rules::{Level, Recommendation, Rules};
use crate::value::{AnswerValue, Answers};

/// How many causes, in order, count as "the result".
pub const TOP_CAUSES: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// By score index.
    pub scores: Vec<Range>,
    /// By red-flag index: fired (true), ruled out (false), or open (unknown).
    pub flags: Vec<Truth>,
    pub level: Level,
    /// By cause index: the evidence sum; the cause's score is `low`.
    pub causes: Vec<Range>,
    /// The causes with evidence that holds, most likely first: by score, then by how
    /// many evidence items hold, then in file order (see [`rank_points`]).
    pub ranking: Vec<usize>,
    pub art: FitDecision,
    pub rehab: FitDecision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitDecision {
    pub may_fit: bool,
    /// The triage level alone rules it out.
    pub ruled_out_by_level: bool,
    /// By `fits_if` index.
    pub fits: Vec<Truth>,
    /// By `not_if` index.
    pub against: Vec<Truth>,
}

/// The part of a decision that is "the result": what the interview must not stop
/// before it is settled, and what a replay must reproduce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub level: Level,
    pub flags: Vec<Truth>,
    pub art: bool,
    pub rehab: bool,
    /// The first [`TOP_CAUSES`] of the ranking.
    pub top: Vec<usize>,
}

impl Decision {
    pub fn verdict(&self) -> Verdict {
        Verdict {
            level: self.level,
            flags: self.flags.clone(),
            art: self.art.may_fit,
            rehab: self.rehab.may_fit,
            top: self.ranking.iter().take(TOP_CAUSES).copied().collect(),
        }
    }
}

/// What a condition sees: the answers, and the scores and causes worked out so far.
pub struct Env<'a> {
    pub rules: &'a Rules,
    pub answers: &'a Answers,
    scores: Vec<Range>,
    causes: Vec<Range>,
    /// By red-flag index, once decided (recommendations look at them).
    flags: Vec<Truth>,
}

impl Facts for Env<'_> {
    fn answer(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question)
    }
    fn score(&self, score: &str) -> Range {
        let d = self.rules.derived();
        d.score_index.get(score).and_then(|&i| self.scores.get(i)).copied().unwrap_or_default()
    }
    fn cause(&self, cause: &str) -> Range {
        let d = self.rules.derived();
        d.cause_index.get(cause).and_then(|&i| self.causes.get(i)).copied().unwrap_or_default()
    }
    fn red_flag(&self, flag: &str) -> Truth {
        let i = self.rules.red_flags.iter().position(|f| f.id == flag);
        i.and_then(|i| self.flags.get(i)).copied().unwrap_or(Truth::Unknown)
    }
}

impl<'a> Env<'a> {
    /// The facts a decision was made on, to explain it.
    pub fn of(rules: &'a Rules, answers: &'a Answers, d: &Decision) -> Self {
        Env { rules, answers, scores: d.scores.clone(), causes: d.causes.clone(), flags: d.flags.clone() }
    }
}

fn sum<'c>(env: &Env, items: impl Iterator<Item = (&'c Condition, i64)>) -> Range {
    let mut range = Range::default();
    for (when, points) in items {
        range.add(when.eval(env), points);
    }
    range
}

/// What one evidence item that holds adds to its cause's ranking key: its weight times
/// more than any cause has items, plus one. So a cause's key, the sum over the items that
/// hold, is `score * unit + items held`: causes rank by score, and at an equal score the
/// one more answers point to comes first (then file order). The outlook sums the same
/// points to know when the ranking can no longer change.
pub fn rank_points(rules: &Rules) -> impl Fn(i64) -> i64 + use<> {
    let unit = rules.causes.iter().map(|c| c.evidence.len()).max().unwrap_or(0) as i64 + 1;
    move |weight: i64| weight.saturating_mul(unit).saturating_add(1)
}

/// The decision for these answers. Answers are assumed checked against the rules
/// (`answers::from_value`); anything else is treated as not holding.
///
/// Order of work: scores (from answers), then red flags and causes (which may use
/// scores), then recommendations (which may use causes, red flags and the triage level).
pub fn decide(rules: &Rules, answers: &Answers) -> Decision {
    let mut env = Env { rules, answers, scores: Vec::new(), causes: Vec::new(), flags: Vec::new() };
    env.scores =
        rules.scores.iter().map(|s| sum(&env, s.items.iter().map(|i| (&i.when, i.points)))).collect();
    let flags: Vec<Truth> = rules.red_flags.iter().map(|f| f.when.eval(&env)).collect();
    let level = rules
        .red_flags
        .iter()
        .zip(&flags)
        .filter(|(_, t)| t.is_true())
        .map(|(f, _)| f.level)
        .max()
        .unwrap_or(Level::SelfCare);
    env.flags = flags;
    let points = rank_points(rules);
    let mut listed = Vec::new();
    for cause in &rules.causes {
        let held: Vec<Truth> = cause.evidence.iter().map(|e| e.when.eval(&env)).collect();
        let mut range = Range::default();
        let mut key = Range::default();
        for (e, t) in cause.evidence.iter().zip(&held) {
            range.add(*t, e.weight);
            key.add(*t, points(e.weight));
        }
        env.causes.push(range);
        // Listed when some evidence holds.
        listed.push(held.iter().any(|t| t.is_true()).then_some(key.low));
    }
    let mut ranking: Vec<usize> = (0..rules.causes.len()).filter(|&i| listed[i].is_some()).collect();
    // Stable: equal keys keep file order.
    ranking.sort_by_key(|&i| std::cmp::Reverse(listed[i]));
    let art = fit(&rules.recommendations.art, level, &env);
    let rehab = fit(&rules.recommendations.rehab, level, &env);
    Decision { scores: env.scores, flags: env.flags, level, causes: env.causes, ranking, art, rehab }
}

fn fit(rec: &Recommendation, level: Level, env: &Env) -> FitDecision {
    let fits: Vec<Truth> = rec.fits_if.iter().map(|r| r.when.eval(env)).collect();
    let against: Vec<Truth> = rec.not_if.iter().map(|r| r.when.eval(env)).collect();
    let ruled_out_by_level = level >= rec.not_at_or_above;
    // A contraindication nobody answered must not let a therapy through.
    let may_fit =
        !ruled_out_by_level && fits.iter().any(|t| t.is_true()) && against.iter().all(|t| *t == Truth::False);
    FitDecision { may_fit, ruled_out_by_level, fits, against }
}
