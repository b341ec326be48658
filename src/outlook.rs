//! The outlook: what answers to the questions not yet asked could still change.
//!
//! Every condition is evaluated to the *set* of values it could end with, true, false
//! or unknown, over every way the unasked questions might be answered (including "not
//! sure", and never being asked because skip logic rules them out). Answers given stay
//! fixed; a "not sure" stays unknown. The sets are over-approximations (parts of `all`
//! and `any` are combined as if independent), so the check is sound: when a part of the
//! result has one possible value, no answer still to come can change it; it may call
//! a part open that in fact is settled, never the reverse.

use crate::condition::{Bound, Condition, Truth};
use crate::decision::{TOP_CAUSES, rank_points};
use crate::rules::{Level, Recommendation, Rules};
use crate::value::{AnswerValue, Answers};

/// A set of truth values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Poss(u8);

const ALL_TRUTHS: [Truth; 3] = [Truth::True, Truth::False, Truth::Unknown];

impl Poss {
    pub const TRUE: Poss = Poss(1);
    pub const FALSE: Poss = Poss(2);
    pub const UNKNOWN: Poss = Poss(4);
    pub const ANY: Poss = Poss(7);

    fn bit(t: Truth) -> u8 {
        match t {
            Truth::True => 1,
            Truth::False => 2,
            Truth::Unknown => 4,
        }
    }

    pub fn of(t: Truth) -> Poss {
        Poss(Self::bit(t))
    }

    pub fn can(self, t: Truth) -> bool {
        self.0 & Self::bit(t) != 0
    }

    /// The one value it can take, if only one.
    pub fn settled(self) -> Option<Truth> {
        ALL_TRUTHS.into_iter().find(|&t| self == Poss::of(t))
    }

    fn union(self, other: Poss) -> Poss {
        Poss(self.0 | other.0)
    }

    fn truths(self) -> impl Iterator<Item = Truth> {
        ALL_TRUTHS.into_iter().filter(move |&t| self.can(t))
    }

    fn lift(self, other: Poss, f: fn(Truth, Truth) -> Truth) -> Poss {
        let mut out = Poss(0);
        for a in self.truths() {
            for b in other.truths() {
                out = out.union(Poss::of(f(a, b)));
            }
        }
        out
    }

    fn not(self) -> Poss {
        let mut out = Poss(self.0 & 4);
        if self.can(Truth::True) {
            out = out.union(Poss::FALSE);
        }
        if self.can(Truth::False) {
            out = out.union(Poss::TRUE);
        }
        out
    }
}

fn and(a: Truth, b: Truth) -> Truth {
    match (a, b) {
        (Truth::False, _) | (_, Truth::False) => Truth::False,
        (Truth::True, Truth::True) => Truth::True,
        _ => Truth::Unknown,
    }
}

fn or(a: Truth, b: Truth) -> Truth {
    match (a, b) {
        (Truth::True, _) | (_, Truth::True) => Truth::True,
        (Truth::False, Truth::False) => Truth::False,
        _ => Truth::Unknown,
    }
}

/// Where a partly known sum can end: the least and most its low and high edges can be
/// (see [`crate::condition::Range`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spread {
    pub min_low: i64,
    pub max_low: i64,
    pub min_high: i64,
    pub max_high: i64,
}

impl Spread {
    fn add(&mut self, p: Poss, points: i64) {
        let edges = |t: Truth| match t {
            Truth::True => (points, points),
            Truth::Unknown => (points.min(0), points.max(0)),
            Truth::False => (0, 0),
        };
        let (mut lo_min, mut lo_max, mut hi_min, mut hi_max) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
        for t in p.truths() {
            let (l, h) = edges(t);
            lo_min = lo_min.min(l);
            lo_max = lo_max.max(l);
            hi_min = hi_min.min(h);
            hi_max = hi_max.max(h);
        }
        // Saturating, as `Range::add`: a huge value must not wrap round.
        self.min_low = self.min_low.saturating_add(lo_min);
        self.max_low = self.max_low.saturating_add(lo_max);
        self.min_high = self.min_high.saturating_add(hi_min);
        self.max_high = self.max_high.saturating_add(hi_max);
    }

    /// The values `range compared with bound` can take, for any range within the spread.
    fn compare(self, bound: Bound) -> Poss {
        let mut out = Poss(0);
        let mut may = |cond: bool, p: Poss| {
            if cond {
                out = out.union(p)
            }
        };
        match bound {
            Bound::AtLeast(n) => {
                may(self.max_low >= n, Poss::TRUE);
                may(self.min_high < n, Poss::FALSE);
                may(self.min_low < n && self.max_high >= n, Poss::UNKNOWN);
            }
            Bound::AtMost(n) => {
                may(self.min_high <= n, Poss::TRUE);
                may(self.max_low > n, Poss::FALSE);
                may(self.min_low <= n && self.max_high > n, Poss::UNKNOWN);
            }
        }
        out
    }
}

/// The possible values of everything in the rules, given the answers so far.
struct World<'a> {
    rules: &'a Rules,
    answers: &'a Answers,
    /// By question index: not answered, and skip logic rules it out for good.
    never: Vec<bool>,
    scores: Option<Vec<Spread>>,
    causes: Vec<Spread>,
}

impl World<'_> {
    fn unasked(&self, question: &str) -> Poss {
        match self.rules.question_index(question) {
            Some(i) if self.never[i] => Poss::UNKNOWN,
            _ => Poss::ANY,
        }
    }

    fn eval(&self, c: &Condition) -> Poss {
        match c {
            Condition::Answer { question, test } => match self.answers.get(question) {
                Some(AnswerValue::NotSure) => Poss::UNKNOWN,
                Some(v) => Poss::of(if test.holds(v) { Truth::True } else { Truth::False }),
                None => self.unasked(question),
            },
            Condition::Answered(q) => match self.answers.get(q) {
                Some(_) => Poss::TRUE,
                None if self.unasked(q) == Poss::UNKNOWN => Poss::FALSE,
                None => Poss::TRUE.union(Poss::FALSE),
            },
            Condition::NotSure(q) => match self.answers.get(q) {
                Some(v) => Poss::of(if v.is_not_sure() { Truth::True } else { Truth::False }),
                None => self.unasked(q),
            },
            Condition::Score { score, bound } => {
                let i = self.rules.derived().score_index.get(score).copied();
                let spread = match (&self.scores, i) {
                    (Some(s), Some(i)) => s[i],
                    (None, Some(i)) => self.score(i),
                    _ => Spread::default(),
                };
                spread.compare(*bound)
            }
            Condition::Cause { cause, bound } => {
                let i = self.rules.derived().cause_index.get(cause).copied();
                i.and_then(|i| self.causes.get(i)).copied().unwrap_or_default().compare(*bound)
            }
            // The values the flag itself can end with (red flags look at no red flag).
            Condition::RedFlag(flag) => match self.rules.red_flags.iter().find(|f| &f.id == flag) {
                Some(f) => self.eval(&f.when),
                None => Poss::UNKNOWN,
            },
            Condition::All(parts) => parts.iter().fold(Poss::TRUE, |acc, p| acc.lift(self.eval(p), and)),
            Condition::Any(parts) => parts.iter().fold(Poss::FALSE, |acc, p| acc.lift(self.eval(p), or)),
            Condition::Not(inner) => self.eval(inner).not(),
        }
    }

    fn score(&self, i: usize) -> Spread {
        let mut s = Spread::default();
        for item in &self.rules.scores[i].items {
            s.add(self.eval(&item.when), item.points);
        }
        s
    }
}

/// How a recommendation can still turn out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitOutlook {
    pub can_fit: bool,
    pub can_not_fit: bool,
}

impl FitOutlook {
    pub fn settled(self) -> bool {
        !(self.can_fit && self.can_not_fit)
    }
}

/// What is settled and what is still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlook {
    /// By red-flag index.
    pub flags: Vec<Poss>,
    /// The lowest and highest triage level still possible.
    pub lowest: Level,
    pub highest: Level,
    pub art: FitOutlook,
    pub rehab: FitOutlook,
    /// By cause index: where its score can end, `(least, most)`.
    pub causes: Vec<(i64, i64)>,
    /// The top causes, in order, can no longer change.
    pub causes_settled: bool,
    /// By cause index: its score can still change where it could matter to the top.
    pub contending: Vec<bool>,
    /// By question index: not answered, and skip logic rules it out for good.
    pub never: Vec<bool>,
}

impl Outlook {
    /// Nothing any answer still to come could change: every red flag (fired, ruled out,
    /// or open only through "not sure"), the level, ART, rehab, and the top causes.
    pub fn settled(&self) -> bool {
        self.flags.iter().all(|p| p.settled().is_some())
            && self.lowest == self.highest
            && self.art.settled()
            && self.rehab.settled()
            && self.causes_settled
    }
}

/// The outlook for these answers; questions missing from `answers` are the ones not yet asked.
pub fn outlook(rules: &Rules, answers: &Answers) -> Outlook {
    let n = rules.questions.len();
    let mut world = World { rules, answers, never: vec![false; n], scores: None, causes: Vec::new() };
    // Skip logic only looks back in asking order, so one pass in that order settles it.
    for &i in &rules.derived().order {
        let q = &rules.questions[i];
        if answers.contains_key(&q.id) {
            continue;
        }
        if let Some(c) = &q.ask_if {
            world.never[i] = world.eval(c) == Poss::FALSE;
        }
    }
    world.scores = Some((0..rules.scores.len()).map(|i| world.score(i)).collect());
    let flags: Vec<Poss> = rules.red_flags.iter().map(|f| world.eval(&f.when)).collect();
    let level_where = |pick: fn(Poss) -> bool| {
        rules.red_flags.iter().zip(&flags).filter(|(_, p)| pick(**p)).map(|(f, _)| f.level).max()
    };
    let lowest = level_where(|p| p == Poss::TRUE).unwrap_or(Level::SelfCare);
    let highest = level_where(|p| p.can(Truth::True)).unwrap_or(Level::SelfCare);
    // Each cause's score, and its ranking key (see `decision::rank_points`): the same
    // items, each adding its key points instead of its weight.
    let points = rank_points(rules);
    let mut keys = Vec::new();
    for cause in &rules.causes {
        let (mut s, mut key) = (Spread::default(), Spread::default());
        for e in &cause.evidence {
            let p = world.eval(&e.when);
            s.add(p, e.weight);
            key.add(p, points(e.weight));
        }
        world.causes.push(s);
        keys.push((key.min_low, key.max_low));
    }
    // A cause's score is its range's low edge.
    let causes: Vec<(i64, i64)> = world.causes.iter().map(|s| (s.min_low, s.max_low)).collect();
    let fit = |rec: &Recommendation| {
        let fits: Vec<Poss> = rec.fits_if.iter().map(|r| world.eval(&r.when)).collect();
        let against: Vec<Poss> = rec.not_if.iter().map(|r| world.eval(&r.when)).collect();
        FitOutlook {
            can_fit: lowest < rec.not_at_or_above
                && fits.iter().any(|p| p.can(Truth::True))
                && against.iter().all(|p| p.can(Truth::False)),
            can_not_fit: highest >= rec.not_at_or_above
                || fits.iter().all(|p| p.can(Truth::False) || p.can(Truth::Unknown))
                || against.iter().any(|p| p.can(Truth::True) || p.can(Truth::Unknown)),
        }
    };
    let art = fit(&rules.recommendations.art);
    let rehab = fit(&rules.recommendations.rehab);
    let causes_settled = top_settled(&keys);
    let contending = contending(&keys, causes_settled);
    let never = world.never;
    Outlook { flags, lowest, highest, art, rehab, causes, causes_settled, contending, never }
}

/// The values red flag `flag` can still end with: the same reasoning as [`outlook`],
/// limited to the questions the flag depends on, so a search over its answers stays cheap.
pub fn flag_outlook(rules: &Rules, answers: &Answers, flag: usize) -> Poss {
    let mask = &dependencies(rules).flags[flag];
    let n = rules.questions.len();
    let mut world = World { rules, answers, never: vec![false; n], scores: None, causes: Vec::new() };
    for &i in rules.derived().order.iter().filter(|&&i| mask[i]) {
        let q = &rules.questions[i];
        if let (None, Some(c)) = (answers.get(&q.id), &q.ask_if) {
            world.never[i] = world.eval(c) == Poss::FALSE;
        }
    }
    world.eval(&rules.red_flags[flag].when)
}

/// The questions each part of the result depends on, through scores, causes and the
/// skip logic that leads to them: masks by question index.
#[derive(Debug, Clone, Default)]
pub struct Dependencies {
    pub flags: Vec<Vec<bool>>,
    pub art: Vec<bool>,
    pub rehab: Vec<bool>,
    pub causes: Vec<Vec<bool>>,
    /// By cause, then question index: the evidence weight that rests on the question
    /// (directly, or through the skip logic that leads to it).
    pub stakes: Vec<Vec<u64>>,
    /// By question index: answers that stand for every way it can be answered, as far
    /// as the rules can tell them apart (each choice; numbers on each side of every
    /// bound a condition puts on them).
    pub probes: Vec<Vec<AnswerValue>>,
}

/// The rules' dependencies, worked out once.
pub fn dependencies(rules: &Rules) -> &Dependencies {
    rules.derived().dependencies.get_or_init(|| {
        let mask = |conditions: &mut dyn Iterator<Item = &Condition>| {
            let mut m = vec![false; rules.questions.len()];
            for c in conditions {
                mark(rules, c, &mut m);
            }
            // Reverse asking order: a drill-down's ask_if only looks back.
            for &i in rules.derived().order.iter().rev() {
                if let (true, Some(ask_if)) = (m[i], &rules.questions[i].ask_if) {
                    mark(rules, ask_if, &mut m);
                }
            }
            m
        };
        let rec = |r: &Recommendation| mask(&mut r.fits_if.iter().chain(&r.not_if).map(|x| &x.when));
        Dependencies {
            flags: rules.red_flags.iter().map(|f| mask(&mut std::iter::once(&f.when))).collect(),
            art: rec(&rules.recommendations.art),
            rehab: rec(&rules.recommendations.rehab),
            causes: rules.causes.iter().map(|c| mask(&mut c.evidence.iter().map(|e| &e.when))).collect(),
            stakes: rules
                .causes
                .iter()
                .map(|c| {
                    let mut at = vec![0; rules.questions.len()];
                    for e in &c.evidence {
                        let m = mask(&mut std::iter::once(&e.when));
                        for (a, on) in at.iter_mut().zip(m) {
                            *a += if on { e.weight.unsigned_abs() } else { 0 };
                        }
                    }
                    at
                })
                .collect(),
            probes: probes(rules),
        }
    })
}

fn probes(rules: &Rules) -> Vec<Vec<AnswerValue>> {
    use crate::condition::Test;
    use crate::rules::QuestionKind;
    let mut bounds: Vec<Vec<i64>> = vec![Vec::new(); rules.questions.len()];
    let mut note = |c: &Condition| {
        c.walk(&mut |part| {
            if let Condition::Answer { question, test } = part
                && let Some(i) = rules.question_index(question)
            {
                let near = |n: i64| [n.saturating_sub(1), n, n.saturating_add(1)];
                match test {
                    Test::AtLeast(n) | Test::AtMost(n) | Test::Equals(AnswerValue::Number(n)) => {
                        bounds[i].extend(near(*n))
                    }
                    Test::In(values) => {
                        for v in values {
                            if let AnswerValue::Number(n) = v {
                                bounds[i].extend(near(*n));
                            }
                        }
                    }
                    _ => {}
                }
            }
        })
    };
    for q in &rules.questions {
        q.ask_if.iter().for_each(&mut note);
    }
    rules.scores.iter().flat_map(|s| &s.items).for_each(|i| note(&i.when));
    rules.red_flags.iter().for_each(|f| note(&f.when));
    rules.causes.iter().flat_map(|c| &c.evidence).for_each(|e| note(&e.when));
    for rec in [&rules.recommendations.art, &rules.recommendations.rehab] {
        rec.fits_if.iter().chain(&rec.not_if).for_each(|r| note(&r.when));
    }
    rules
        .questions
        .iter()
        .zip(bounds)
        .map(|(q, mut at)| match &q.kind {
            QuestionKind::YesNo => vec![AnswerValue::Bool(true), AnswerValue::Bool(false)],
            QuestionKind::SingleChoice(c) => c.iter().map(|c| AnswerValue::Choice(c.id.clone())).collect(),
            QuestionKind::MultipleChoice(c) => {
                let mut out: Vec<AnswerValue> =
                    c.iter().map(|c| AnswerValue::Choices(vec![c.id.clone()])).collect();
                if !c.iter().any(|c| c.exclusive) {
                    out.push(AnswerValue::Choices(Vec::new()));
                }
                out
            }
            kind => {
                let (min, max) = kind.range().unwrap_or((0, 10));
                at.push(min);
                at.retain(|n| (min..=max).contains(n));
                at.sort_unstable();
                at.dedup();
                at.into_iter().map(AnswerValue::Number).collect()
            }
        })
        .collect()
}

/// Marks the questions `c` looks at, opening scores and causes.
fn mark(rules: &Rules, c: &Condition, m: &mut [bool]) {
    c.walk(&mut |part| match part {
        Condition::Answer { question: q, .. } | Condition::Answered(q) | Condition::NotSure(q) => {
            if let Some(i) = rules.question_index(q) {
                m[i] = true;
            }
        }
        Condition::Score { score, .. } => {
            for item in rules.scores.iter().filter(|s| &s.id == score).flat_map(|s| &s.items) {
                mark(rules, &item.when, m);
            }
        }
        Condition::Cause { cause, .. } => {
            for e in rules.causes.iter().filter(|c| &c.id == cause).flat_map(|c| &c.evidence) {
                mark(rules, &e.when, m);
            }
        }
        Condition::RedFlag(flag) => {
            for f in rules.red_flags.iter().filter(|f| &f.id == flag) {
                mark(rules, &f.when, m);
            }
        }
        _ => {}
    });
}

impl Outlook {
    /// By question index: the question bears on a part of the result that is still open.
    pub fn open_questions(&self, rules: &Rules) -> Vec<bool> {
        let deps = dependencies(rules);
        let mut open = vec![false; rules.questions.len()];
        let mut add = |mask: &[bool]| open.iter_mut().zip(mask).for_each(|(o, m)| *o |= *m);
        for (i, p) in self.flags.iter().enumerate() {
            if p.settled().is_none() {
                add(&deps.flags[i]);
            }
        }
        if !self.art.settled() {
            add(&deps.art);
        }
        if !self.rehab.settled() {
            add(&deps.rehab);
        }
        for (c, contending) in self.contending.iter().enumerate() {
            if *contending {
                add(&deps.causes[c]);
            }
        }
        open
    }
}

/// Cause `a` ranks above `b` however the ranking keys end (`(least, most)` by cause, see
/// `decision::rank_points`; equal keys go to file order).
fn beats(causes: &[(i64, i64)], a: usize, b: usize) -> bool {
    causes[a].0 > causes[b].1 || (causes[a].0 == causes[b].1 && a < b)
}

/// Whether the first [`TOP_CAUSES`] listed causes, in order, are the same however the
/// ranking keys end. A cause is listed when its key is at least 1 (some evidence holds).
fn top_settled(causes: &[(i64, i64)]) -> bool {
    let mut remaining: Vec<usize> = (0..causes.len()).filter(|&i| causes[i].1 >= 1).collect();
    for _ in 0..TOP_CAUSES {
        if remaining.is_empty() {
            return true;
        }
        let next = remaining
            .iter()
            .position(|&c| causes[c].0 >= 1 && remaining.iter().all(|&o| o == c || beats(causes, c, o)));
        match next {
            Some(p) => {
                remaining.remove(p);
            }
            None => return false,
        }
    }
    true
}

/// Causes whose ranking key (so score) can still move and could still matter to the top.
fn contending(causes: &[(i64, i64)], settled: bool) -> Vec<bool> {
    (0..causes.len())
        .map(|c| {
            let (least, most) = causes[c];
            let beaten_by = (0..causes.len()).filter(|&o| o != c && beats(causes, o, c)).count();
            !settled && least != most && most >= 1 && beaten_by < TOP_CAUSES
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_swaps_true_and_false_and_keeps_unknown() {
        assert_eq!(Poss::TRUE.not(), Poss::FALSE);
        assert_eq!(Poss::ANY.not(), Poss::ANY);
        assert_eq!(Poss::UNKNOWN.not(), Poss::UNKNOWN);
    }

    #[test]
    fn an_all_with_one_false_part_is_settled_false() {
        assert_eq!(Poss::FALSE.lift(Poss::ANY, and), Poss::FALSE);
        assert_eq!(Poss::TRUE.lift(Poss::ANY, or), Poss::TRUE);
        assert_eq!(Poss::TRUE.lift(Poss::ANY, and), Poss::ANY);
    }

    #[test]
    fn a_score_is_settled_only_when_no_open_item_can_cross_the_bound() {
        let mut s = Spread::default();
        s.add(Poss::TRUE, 2);
        s.add(Poss::ANY, 1);
        assert_eq!(s.compare(Bound::AtLeast(2)), Poss::TRUE);
        assert_eq!(s.compare(Bound::AtLeast(4)), Poss::FALSE);
        assert!(s.compare(Bound::AtLeast(3)).settled().is_none());
    }

    #[test]
    fn the_top_causes_are_settled_only_when_no_score_still_to_come_can_reorder_them() {
        assert!(top_settled(&[(5, 5), (3, 3), (1, 2), (0, 0)]));
        assert!(!top_settled(&[(5, 5), (3, 4), (2, 4)]), "the second and third can swap");
        assert!(top_settled(&[(4, 4), (4, 4)]), "a tie goes to file order");
        assert!(!top_settled(&[(4, 4), (0, 1)]), "the second may or may not be listed");
        assert!(top_settled(&[(9, 9), (8, 8), (7, 7), (0, 6)]), "the fourth cannot reach the top three");
    }
}
