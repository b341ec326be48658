//! The one-page clinician report: one model, built from the rules, the answers file
//! and the outcome, that the markdown and HTML renderers share.
//!
//! The model holds plain text exactly as it appears in the files; each renderer
//! escapes it for its own format. Its fields are in the order the report shows them.
//! Texts are in the rules' shown language, which the report's own words follow.

use super::triage_headline;
use crate::answers::{AnswerValue, AnswersFile};
use crate::engine::{Fit, Outcome, SeriousCauseFirst, answer_text};
use crate::i18n::Lang;
use crate::rules::{Level, Question, QuestionKind, Rules};
use crate::tr;
use serde_json::Value;

/// Everything on the report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The language of the texts, which the renderers' own words follow.
    pub lang: Lang,
    /// The rules file's title, e.g. "Low back pain self-screening".
    pub title: String,
    pub triage: TriageSummary,
    /// Every red-flag question, in asking order.
    pub red_flag_screen: Vec<ScreenRow>,
    /// How long the pain has lasted, when the rules ask it (see [`duration_question`]).
    pub duration: Option<KeyFact>,
    /// Pain now, when the rules ask it (see [`pain_question`]).
    pub pain: Option<KeyFact>,
    /// Likely causes, most likely first.
    pub causes: Vec<CauseRow>,
    /// At `urgent` and `emergency`: a serious cause comes first, and `causes` are shown as
    /// other patterns for the clinician, under the heading this gives.
    pub serious_cause_first: Option<SeriousCauseFirst>,
    pub art: FitSummary,
    pub rehab: FitSummary,
    /// Every answer, grouped by section, in asking order. Sections without answers are left out.
    pub answers: Vec<AnswerGroup>,
    pub rules_id: String,
    pub rules_version: String,
    /// When the answers were saved: `saved_at` in the answers file as written, or "not
    /// recorded" (in `lang`). For a person, show [`Report::saved`] when it is there.
    pub date: String,
    /// `saved_at` as a person reads it (local time, in `lang`) and in UTC; `None` when the
    /// file has none or it is not an RFC 3339 date and time (then show `date`).
    pub saved: Option<SavedAt>,
    pub status: Status,
    pub disclaimer: String,
    /// Who the report is about, as given by `--patient` (free text, never from the answers).
    pub patient: Option<String>,
    /// The answers file's name as given on the command line (`None` for standard input).
    pub file_name: Option<String>,
}

/// When the answers were saved, for a person and exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedAt {
    /// In the machine's time zone, with the month's name in the report's language:
    /// "24 November 2026, 14:05", "24 de noviembre de 2026, 14:05".
    pub local: String,
    /// The same moment in UTC, to the second: "2026-11-24 13:05:09 UTC" (for a tooltip or footnote).
    pub utc: String,
}

impl SavedAt {
    /// `saved_at` (RFC 3339, any offset) read in time zone `tz`; `None` if it is not a date and time.
    pub fn read(saved_at: &str, tz: &jiff::tz::TimeZone, lang: Lang) -> Option<SavedAt> {
        let at: jiff::Timestamp = saved_at.trim().parse().ok()?;
        let local = tz.to_datetime(at);
        let utc = jiff::tz::TimeZone::UTC.to_datetime(at);
        let month = tr!(lang, "report-month", month = i64::from(local.month()));
        Some(SavedAt {
            local: tr!(
                lang,
                "report-date-time",
                day = local.day().to_string(),
                month = month,
                year = local.year().to_string(),
                time = format!("{:02}:{:02}", local.hour(), local.minute())
            ),
            utc: format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
                utc.year(),
                utc.month(),
                utc.day(),
                utc.hour(),
                utc.minute(),
                utc.second()
            ),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriageSummary {
    pub level: Level,
    /// What the level means, in one line: "EMERGENCY: get emergency care now".
    pub headline: String,
    /// Every red flag that fired, most urgent first.
    pub red_flags: Vec<FlagRow>,
    /// Red flags a "not sure" answer leaves open (`triggered_by`: the answers not sure
    /// about); the message says what to do if the symptom is there.
    pub open: Vec<FlagRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlagRow {
    pub name: String,
    pub level: Level,
    pub message: String,
    /// The answers that made it fire: (question text, answer text).
    pub triggered_by: Vec<(String, String)>,
    pub sources: Vec<Citation>,
}

/// A source id resolved against the rules' `sources`.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub id: String,
    /// The full citation; the id itself when the rules do not list it.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScreenRow {
    pub question_id: String,
    pub question: String,
    pub answer: ScreenAnswer,
    /// The answer made a red flag fire (not merely read by one: see `engine::FiredFlag::triggered_by`).
    pub flagged: bool,
    /// When only some of a multiple-choice answer's ticked answers made a flag fire: their
    /// texts, in the order given (show them marked; the others are not). Empty otherwise.
    pub flagged_choices: Vec<String>,
    /// Not answered although it applies: this part of the safety screen is missing.
    pub not_screened: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScreenAnswer {
    Yes,
    No,
    /// A choice, several choices or a number, in words.
    Other(String),
    NotAsked,
}

impl ScreenAnswer {
    /// "yes", "no", the answer in words, or "not asked", in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ScreenAnswer::Yes => tr!(lang, "report-yes"),
            ScreenAnswer::No => tr!(lang, "report-no"),
            ScreenAnswer::Other(s) => s.clone(),
            ScreenAnswer::NotAsked => tr!(lang, "report-not-asked"),
        }
    }
}

/// One question and its answer in words, or `None` when it has no answer.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFact {
    pub question: String,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CauseRow {
    pub name: String,
    pub score: i64,
    /// The score if every evidence item held: the sum of the cause's weights.
    pub max_score: i64,
    /// The `because` of every evidence item that counted.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FitSummary {
    pub name: String,
    pub may_fit: bool,
    pub reasons_for: Vec<String>,
    pub reasons_against: Vec<String>,
    /// "Areas to work on" (ART) or "Focus on" (rehab).
    pub list_label: String,
    /// ART: soft-tissue areas; rehab: rehab components, most likely cause first.
    pub list: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerGroup {
    pub section_id: String,
    pub title: String,
    pub rows: Vec<AnswerRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    pub question_id: String,
    pub question: String,
    pub answer: String,
    /// The question is also a row of the red-flag screen.
    pub in_red_flag_screen: bool,
}

/// How the interview ended, from `status` in the answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Complete,
    Incomplete,
    StoppedAtEmergency,
    /// The file has no `status` (e.g. written by hand).
    NotRecorded,
    /// A `status` this version does not know, as written.
    Other(String),
}

impl Status {
    pub fn from_file(file: &AnswersFile) -> Status {
        match file.other.get("status") {
            Some(Value::String(s)) => match s.as_str() {
                "complete" => Status::Complete,
                "incomplete" => Status::Incomplete,
                "stopped_at_emergency" => Status::StoppedAtEmergency,
                _ => Status::Other(s.clone()),
            },
            _ => Status::NotRecorded,
        }
    }

    /// In words, in `lang`: "complete", "incomplete", "stopped at emergency", "not recorded";
    /// a status this version does not know as written.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Complete => tr!(lang, "report-status-complete"),
            Status::Incomplete => tr!(lang, "report-status-incomplete"),
            Status::StoppedAtEmergency => tr!(lang, "report-status-stopped-at-emergency"),
            Status::NotRecorded => tr!(lang, "report-not-recorded"),
            Status::Other(s) => s.clone(),
        }
    }
}

impl Report {
    /// Every source cited by a fired (or open) red flag, once each, in order of first mention.
    pub fn cited_sources(&self) -> Vec<&Citation> {
        let mut out: Vec<&Citation> = Vec::new();
        for c in self.triage.red_flags.iter().chain(&self.triage.open).flat_map(|f| &f.sources) {
            if !out.iter().any(|o| o.id == c.id) {
                out.push(c);
            }
        }
        out
    }
}

/// A question as the report names it: its text, after its `topic` when it has one, so that
/// a row says what it is about ("Bone health: Do any of these apply to you?").
pub fn question_label(rules: &Rules, q: &Question) -> String {
    match &q.topic {
        Some(topic) => format!("{}: {}", rules.t(topic), rules.t(&q.text)),
        None => rules.t(&q.text).to_string(),
    }
}

/// The report for one answers file. `outcome` is `engine::evaluate(rules, &file.answers)`.
/// Dates are read in the machine's time zone.
pub fn build(rules: &Rules, file: &AnswersFile, outcome: &Outcome) -> Report {
    build_in(rules, file, outcome, &jiff::tz::TimeZone::system())
}

/// [`build`], with dates read in time zone `tz`.
pub fn build_in(rules: &Rules, file: &AnswersFile, outcome: &Outcome, tz: &jiff::tz::TimeZone) -> Report {
    let lang = rules.lang();
    let t = |text: &crate::text::Text| rules.t(text).to_string();
    let label = |id: &str, text: &str| {
        rules.question(id).map_or_else(|| text.to_string(), |q| question_label(rules, q))
    };
    let order: Vec<&Question> = rules.asking_order().into_iter().map(|i| &rules.questions[i]).collect();
    let red = rules.red_flag_questions();

    let row =
        |name: &str, level, message: &str, why: &[crate::engine::GivenAnswer], source: &[String]| FlagRow {
            name: name.to_string(),
            level,
            message: message.to_string(),
            triggered_by: why.iter().map(|a| (label(&a.question, &a.text), a.answer_text.clone())).collect(),
            sources: source
                .iter()
                .map(|id| Citation {
                    id: id.clone(),
                    text: rules.source(id).map_or_else(|| id.clone(), |s| t(&s.citation)),
                })
                .collect(),
        };
    let red_flags: Vec<FlagRow> = outcome
        .triage
        .red_flags
        .iter()
        .map(|f| row(&f.name, f.level, &f.message, &f.triggered_by, &f.source))
        .collect();
    let open: Vec<FlagRow> = outcome
        .triage
        .open
        .iter()
        .map(|f| row(&f.name, f.level, &f.message, &f.not_sure_about, &f.source))
        .collect();

    let red_flag_screen = order
        .iter()
        .filter(|q| red.contains(q.id.as_str()))
        .map(|q| {
            let answer = match file.answers.get(&q.id) {
                None => ScreenAnswer::NotAsked,
                Some(AnswerValue::Bool(true)) => ScreenAnswer::Yes,
                Some(AnswerValue::Bool(false)) => ScreenAnswer::No,
                Some(v) => ScreenAnswer::Other(answer_text(rules, &q.id, v)),
            };
            let fired: Vec<&AnswerValue> = outcome
                .triage
                .red_flags
                .iter()
                .flat_map(|f| &f.triggered_by)
                .filter(|a| a.question == q.id)
                .map(|a| &a.answer)
                .collect();
            // The ticked answers that made a flag fire, when not all of them did.
            let flagged_choices = match file.answers.get(&q.id) {
                Some(AnswerValue::Choices(given)) => {
                    let hit = |c: &String| {
                        fired.iter().any(|f| match f {
                            AnswerValue::Choices(cs) => cs.contains(c),
                            _ => true,
                        })
                    };
                    let some: Vec<&String> = given.iter().filter(|c| hit(c)).collect();
                    if some.len() < given.len() {
                        some.into_iter()
                            .map(|c| answer_text(rules, &q.id, &AnswerValue::Choice(c.clone())))
                            .collect()
                    } else {
                        Vec::new()
                    }
                }
                _ => Vec::new(),
            };
            ScreenRow {
                question_id: q.id.clone(),
                question: question_label(rules, q),
                answer,
                flagged: !fired.is_empty(),
                flagged_choices,
                not_screened: outcome.triage.not_screened.iter().any(|n| n.id == q.id),
            }
        })
        .collect();

    let fact = |q: Option<&Question>| {
        q.map(|q| KeyFact {
            question: t(&q.text),
            answer: file.answers.get(&q.id).map(|v| answer_text(rules, &q.id, v)),
        })
    };

    let causes =
        outcome
            .causes
            .iter()
            .map(|c| CauseRow {
                name: c.name.clone(),
                score: c.score,
                max_score: rules.causes.iter().find(|rc| rc.id == c.id).map_or(c.score, |rc| {
                    rc.evidence.iter().fold(0i64, |sum, e| sum.saturating_add(e.weight))
                }),
                evidence: c.evidence.clone(),
            })
            .collect();

    let mut answers: Vec<AnswerGroup> = Vec::new();
    for q in &order {
        let Some(value) = file.answers.get(&q.id) else { continue };
        let row = AnswerRow {
            question_id: q.id.clone(),
            question: question_label(rules, q),
            answer: answer_text(rules, &q.id, value),
            in_red_flag_screen: red.contains(q.id.as_str()),
        };
        match answers.iter_mut().find(|g| g.section_id == q.section) {
            Some(group) => group.rows.push(row),
            None => answers.push(AnswerGroup {
                section_id: q.section.clone(),
                title: rules
                    .sections
                    .iter()
                    .find(|s| s.id == q.section)
                    .map_or_else(|| q.section.clone(), |s| t(&s.title)),
                rows: vec![row],
            }),
        }
    }

    Report {
        lang,
        title: outcome.rules.title.clone(),
        triage: TriageSummary {
            level: outcome.triage.level,
            headline: triage_headline(&outcome.triage, lang),
            red_flags,
            open,
        },
        red_flag_screen,
        duration: fact(duration_question(rules)),
        pain: fact(pain_question(rules)),
        causes,
        serious_cause_first: outcome.serious_cause_first.clone(),
        art: fit_summary(&outcome.art, outcome.art.targets.as_deref(), tr!(lang, "fit-areas-to-work-on")),
        rehab: fit_summary(&outcome.rehab, outcome.rehab.focus.as_deref(), tr!(lang, "fit-focus-on")),
        answers,
        rules_id: outcome.rules.id.clone(),
        rules_version: outcome.rules.version.clone(),
        date: match file.other.get("saved_at") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => tr!(lang, "report-not-recorded"),
        },
        saved: match file.other.get("saved_at") {
            Some(Value::String(s)) => SavedAt::read(s, tz, lang),
            _ => None,
        },
        status: Status::from_file(file),
        disclaimer: outcome.disclaimer.clone(),
        patient: None,
        file_name: None,
    }
}

impl Report {
    /// The report labelled with the patient and the answers file it came from.
    pub fn labelled(mut self, patient: Option<&str>, file_name: Option<&str>) -> Self {
        // A blank label labels nothing.
        self.patient = patient.map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
        self.file_name = file_name.map(str::to_string);
        self
    }
}

fn fit_summary(fit: &Fit, list: Option<&[String]>, list_label: String) -> FitSummary {
    FitSummary {
        name: fit.name.clone(),
        may_fit: fit.may_fit,
        reasons_for: fit.reasons.clone(),
        reasons_against: fit.reasons_against.clone(),
        list_label,
        list: list.unwrap_or_default().to_vec(),
    }
}

/// The question that asks how long the pain has lasted. Rules files do not mark it,
/// so: the question with id `duration_weeks` (the built-in rules), else, as a
/// heuristic, the first `number` question (in file order) whose unit mentions "week"
/// ("semana"). Every language of the unit is looked at, so the report shows the same
/// facts in whatever language it is read.
pub fn duration_question(rules: &Rules) -> Option<&Question> {
    let is_number = |q: &&Question| matches!(q.kind, QuestionKind::Number { .. });
    let weeks = |unit: &crate::text::Text| {
        crate::text::LANGUAGES.iter().any(|l| {
            let unit = unit.get(l, &rules.language).to_lowercase();
            unit.contains("week") || unit.contains("semana")
        })
    };
    rules.question("duration_weeks").filter(is_number).or_else(|| {
        rules.questions.iter().find(|q| match &q.kind {
            QuestionKind::Number { unit: Some(unit), .. } => weeks(unit),
            _ => false,
        })
    })
}

/// The question that asks how bad the pain is now: the question with id `pain_now`
/// (the built-in rules), else, as a heuristic, the first `scale` question in file order.
pub fn pain_question(rules: &Rules) -> Option<&Question> {
    rules
        .question("pain_now")
        .filter(|q| matches!(q.kind, QuestionKind::Scale | QuestionKind::Number { .. }))
        .or_else(|| rules.questions.iter().find(|q| matches!(q.kind, QuestionKind::Scale)))
}
