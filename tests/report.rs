//! The clinician report: one model, rendered as markdown and as one self-contained HTML page.

use backscreen::answers::{self, AnswersFile};
use backscreen::engine::evaluate;
use backscreen::render::report::{self, Report, ScreenAnswer, Status};
use backscreen::render::{html, markdown};
use backscreen::rules::{self, Level, Rules};
use std::path::{Path, PathBuf};

fn vignette(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes").join(format!("{name}.json"))
}

fn report_for(rules: &Rules, file: &AnswersFile) -> Report {
    let outcome = evaluate(rules, &file.answers);
    report::build(rules, file, &outcome)
}

fn built_in_report(name: &str) -> Report {
    let rules = rules::load(None).expect("built-in rules load");
    let file = answers::load(&vignette(name), &rules).expect("vignette loads");
    report_for(&rules, &file)
}

fn to_html(report: &Report) -> String {
    let mut out = Vec::new();
    html::write(&mut out, report).expect("writing to a Vec succeeds");
    String::from_utf8(out).expect("HTML is UTF-8")
}

fn to_markdown(report: &Report) -> String {
    let mut out = Vec::new();
    markdown::write(&mut out, report).expect("writing to a Vec succeeds");
    String::from_utf8(out).expect("markdown is UTF-8")
}

#[track_caller]
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..].find(needle).unwrap_or_else(|| panic!("`{needle}` is missing or out of order"));
        from += at + needle.len();
    }
}

/// The minimal test rules with some of its strings replaced by hostile ones.
fn hostile_rules() -> (tempfile::TempDir, Rules) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/minimal.json");
    let text = std::fs::read_to_string(fixture).expect("fixture exists");
    let text = text
        .replace("\"Numb between the legs?\"", r#""Numb <script>alert(1)</script> \"quotes\" | *x* [a](b)?""#)
        .replace("\"Possible cauda equina syndrome\"", r#""CES <script>alert(1)</script> \"quotes\"""#)
        .replace("\"Minimal test rules\"", r#""Rules <img src=x onerror=alert(1)>""#)
        .replace("\"A test source.\"", r#""Source 'single' & <b>bold</b>""#);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, &text).expect("write the modified rules");
    let read = std::fs::read_to_string(&path).expect("read back");
    let rules = rules::parse(&read, &path.display().to_string()).expect("the modified rules are valid");
    (dir, rules)
}

fn hostile_report() -> (tempfile::TempDir, Report) {
    let (dir, rules) = hostile_rules();
    let answers_path = dir.path().join("answers.json");
    std::fs::write(
        &answers_path,
        r#"{"answers": {"saddle": true, "weak": "none", "age": 40, "pain": 5, "sitting": 8},
            "status": "stopped_at_emergency", "saved_at": "2026-01-02T03:04:05Z <i>"}"#,
    )
    .expect("write answers");
    let file = answers::load(&answers_path, &rules).expect("answers load");
    let report = report_for(&rules, &file);
    (dir, report)
}

#[test]
fn the_markdown_report_has_its_sections_in_order() {
    let md = to_markdown(&built_in_report("p01"));
    assert_in_order(
        &md,
        &[
            "## Triage",
            "## Red-flag screen",
            "## Pain and duration",
            "## Likely causes",
            "## ART and rehab",
            "## All answers",
            "## Rules, version and date",
            "## Disclaimer",
        ],
    );
}

#[test]
fn the_html_report_has_its_sections_in_order() {
    let page = to_html(&built_in_report("p01"));
    assert_in_order(
        &page,
        &[
            "<section id=\"triage\"",
            "<section id=\"red-flag-screen\"",
            "<section id=\"pain-duration\"",
            "<section id=\"causes\"",
            "<section id=\"treatment\"",
            "<section id=\"answers\"",
            "<section id=\"record\"",
            "<section id=\"disclaimer\"",
        ],
    );
    assert_in_order(
        &page,
        &["Triage</h2>", "Red-flag screen</h2>", "Likely causes</h2>", "ART and rehab</h2>", ">All answers"],
    );
}

#[test]
fn the_red_flag_screen_lists_every_red_flag_question_as_yes_no_an_answer_or_not_asked() {
    let rules = rules::load(None).expect("built-in rules load");
    let report = built_in_report("p01");
    assert_eq!(report.red_flag_screen.len(), rules.red_flag_questions().len());
    let answer = |id: &str| {
        report.red_flag_screen.iter().find(|r| r.question_id == id).map(|r| r.answer.clone()).expect("row")
    };
    assert_eq!(answer("saddle_numbness"), ScreenAnswer::No);
    assert_eq!(answer("leg_pain").text(report.lang), "No, the pain stays in my back"); // a choice, in words
    assert_eq!(answer("unwell"), ScreenAnswer::NotAsked);

    let md = to_markdown(&report);
    assert!(md.contains(" | no |"), "{md}");
    assert!(md.contains("_not asked_"), "{md}");
    let page = to_html(&report);
    assert!(page.contains("<td class=\"ans\">no</td>"));
    assert!(page.contains("not asked"));

    let p13 = built_in_report("p13");
    let yes = p13.red_flag_screen.iter().find(|r| r.question_id == "new_bilateral_leg_pain").expect("row");
    assert_eq!(yes.answer, ScreenAnswer::Yes);
    assert!(yes.flagged);
    assert!(to_markdown(&p13).contains("**yes** (red flag)"));
    assert!(to_html(&p13).contains("yes <span class=\"tag\">"));
}

#[test]
fn an_unanswered_red_flag_question_that_applies_is_marked_not_screened() {
    let rules = rules::load(None).expect("built-in rules load");
    let file = answers::parse(
        r#"{"answers": {"saddle_numbness": false, "fever": true}, "status": "incomplete"}"#,
        "partial.json",
        &rules,
    )
    .expect("answers parse");
    let report = report_for(&rules, &file);
    assert_eq!(report.status, Status::Incomplete);
    let row = |id: &str| report.red_flag_screen.iter().find(|r| r.question_id == id).expect("row");
    assert!(!row("saddle_numbness").not_screened);
    assert!(row("bladder_change").not_screened);
    assert_eq!(row("bladder_change").answer, ScreenAnswer::NotAsked);
    // Asked only after a fever: it applies now, so it is a gap in the screen.
    assert!(row("unwell").not_screened);
    assert!(to_html(&report).contains("(not screened)"));
    assert!(to_markdown(&report).contains("_not asked (not screened)_"));
    assert!(to_markdown(&report).contains("Status: incomplete"));
}

#[test]
fn duration_pain_date_and_status_come_from_the_files() {
    let report = built_in_report("p01");
    assert_eq!(report.duration.as_ref().and_then(|f| f.answer.as_deref()), Some("3 weeks"));
    assert_eq!(report.pain.as_ref().and_then(|f| f.answer.as_deref()), Some("4/10"));
    assert_eq!(report.date, "not recorded");
    assert_eq!(report.status, Status::NotRecorded);
    let built_in = backscreen::rules::load(None).expect("built-in rules");
    assert_eq!(
        (report.rules_id.as_str(), report.rules_version.as_str()),
        ("low-back", built_in.version.as_str())
    );

    let (_dir, hostile) = hostile_report();
    assert_eq!(hostile.status, Status::StoppedAtEmergency);
    assert_eq!(hostile.status.text(hostile.lang), "stopped at emergency");
    assert_eq!(hostile.date, "2026-01-02T03:04:05Z <i>");
    // The minimal rules have no `duration_weeks`, and no number in weeks; `pain` is their first scale.
    assert!(hostile.duration.is_none());
    assert_eq!(hostile.pain.as_ref().and_then(|f| f.answer.as_deref()), Some("5/10"));
}

#[test]
fn every_answer_is_grouped_by_section_in_asking_order() {
    let rules = rules::load(None).expect("built-in rules load");
    let file = answers::load(&vignette("p01"), &rules).expect("vignette loads");
    let report = report_for(&rules, &file);
    let rows: usize = report.answers.iter().map(|g| g.rows.len()).sum();
    assert_eq!(rows, file.answers.len());
    let titles: Vec<&str> = report.answers.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(titles[0], "Safety questions");
    let order: Vec<&str> = rules.asking_order().into_iter().map(|i| rules.questions[i].id.as_str()).collect();
    for group in &report.answers {
        let positions: Vec<usize> = group
            .rows
            .iter()
            .map(|r| order.iter().position(|id| *id == r.question_id).expect("asked"))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}: {positions:?}", group.title);
    }
}

#[test]
fn the_html_report_loads_nothing_and_runs_nothing() {
    for name in ["p01", "p13"] {
        let page = to_html(&built_in_report(name)).to_lowercase();
        assert!(page.starts_with("<!doctype html>"));
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(!page.contains("<script"), "{name}");
        assert!(!page.contains("@import"), "{name}");
        assert!(!page.contains("@font-face"), "{name}");
        assert!(!page.contains("<link"), "{name}");
        for attr in ["src=", "href=", "url("] {
            for (at, _) in page.match_indices(attr) {
                let value = &page[at + attr.len()..(at + attr.len() + 12).min(page.len())];
                assert!(
                    !value.contains("http://") && !value.contains("https://") && !value.contains("//"),
                    "{name}: {attr}{value}"
                );
            }
        }
        assert!(page.contains("@media print"));
        assert!(page.contains("@page"));
    }
}

#[test]
fn hostile_strings_from_the_rules_are_escaped_in_html() {
    let (_dir, report) = hostile_report();
    let page = to_html(&report);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<i>"), "{page}");
    assert!(!page.contains("\"quotes\""), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;quotes&quot;"));
    assert!(page.contains("Source &#39;single&#39; &amp; &lt;b&gt;bold&lt;/b&gt;"));
}

#[test]
fn hostile_strings_from_the_rules_are_escaped_in_markdown() {
    let (_dir, report) = hostile_report();
    let md = to_markdown(&report);
    // Every `<` from the file carries a backslash, so no HTML tag survives.
    for (at, _) in md.match_indices('<').filter(|(at, _)| !md[*at..].starts_with("<br>")) {
        assert_eq!(&md[at - 1..at], "\\", "unescaped `<` at {at}: {}", &md[at..(at + 20).min(md.len())]);
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(md.contains("\\| \\*x\\* \\[a\\](b)"), "{md}");
    // Every screen row still has exactly two cells: the `|` in the question did not split it.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| Numb ")).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 3, "{row}");
    }
}

#[test]
fn every_opened_html_tag_is_closed() {
    for name in ["p01", "p13", "p05"] {
        let page = to_html(&built_in_report(name));
        for tag in
            ["html", "head", "body", "section", "table", "tr", "td", "th", "h1", "h2", "ul", "li", "svg"]
        {
            let opened =
                page.matches(&format!("<{tag}>")).count() + page.matches(&format!("<{tag} ")).count();
            let closed = page.matches(&format!("</{tag}>")).count();
            assert!(opened > 0 || matches!(tag, "svg"), "{name}: no <{tag}>");
            assert_eq!(opened, closed, "{name}: <{tag}> opened {opened} times, closed {closed}");
        }
    }
    let (_dir, hostile) = hostile_report();
    let page = to_html(&hostile);
    for tag in ["section", "table", "tr", "td", "ul", "li"] {
        let opened = page.matches(&format!("<{tag}>")).count() + page.matches(&format!("<{tag} ")).count();
        assert_eq!(opened, page.matches(&format!("</{tag}>")).count(), "hostile: <{tag}>");
    }
}

#[test]
fn the_emergency_vignette_p13_names_its_red_flags_and_level_in_html() {
    let report = built_in_report("p13");
    assert_eq!(report.triage.level, Level::Emergency);
    let page = to_html(&report);
    assert!(page.contains("Triage level: Emergency"));
    assert!(page.contains("EMERGENCY: get emergency care now"));
    assert!(page.contains("class=\"banner level-emergency\""));
    assert!(!report.triage.red_flags.is_empty());
    for flag in &report.triage.red_flags {
        let name = html::escape_html(&flag.name);
        assert!(page.contains(&name), "{name}");
        for source in &flag.sources {
            assert!(page.contains(&html::escape_html(&source.text)), "{}", source.id);
        }
    }
    assert!(page.contains("Possible cauda equina syndrome: new pain in both legs"));
}

#[test]
fn fired_red_flags_resolve_their_sources_to_citations() {
    let report = built_in_report("p13");
    let flag = &report.triage.red_flags[0];
    assert_eq!(flag.sources[0].id, "S8");
    assert!(flag.sources[0].text.starts_with("SBNS & BASS."), "{}", flag.sources[0].text);
    let cited: Vec<&str> = report.cited_sources().iter().map(|c| c.id.as_str()).collect();
    let mut unique = cited.clone();
    unique.dedup();
    assert_eq!(cited.len(), unique.len());
}

/// Writes the p01 and p13 reports to the temp directory, to look at in a browser.
/// `cargo test --test report -- --ignored --nocapture`
#[test]
#[ignore]
fn write_sample_reports_for_a_person_to_look_at() {
    for name in ["p01", "p13"] {
        let report = built_in_report(name);
        let dir = std::env::temp_dir();
        let html_path = dir.join(format!("report-{name}.html"));
        std::fs::write(&html_path, to_html(&report)).expect("write html");
        let md_path = dir.join(format!("report-{name}.md"));
        std::fs::write(&md_path, to_markdown(&report)).expect("write markdown");
        println!("{}\n{}", html_path.display(), md_path.display());
    }
}

#[test]
fn a_red_flag_left_open_by_not_sure_is_in_both_reports_with_what_to_do_if_it_applies() {
    let rules = rules::load(None).expect("built-in rules load");
    let text = r#"{"answers": {"saddle_numbness": false, "bladder_change": "not_sure", "bowel_change": false,
                   "sexual_change": false, "gait_change": false}}"#;
    let file = answers::parse(text, "unsure.json", &rules).expect("not_sure is an answer");
    let report = report_for(&rules, &file);
    let open: Vec<&str> = report.triage.open.iter().map(|f| f.name.as_str()).collect();
    assert!(open.iter().any(|n| n.contains("bladder")), "{open:?}");
    let outcome = backscreen::engine::evaluate(&rules, &file.answers);
    let mut md = Vec::new();
    backscreen::render::markdown::write(&mut md, &report).expect("markdown");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(md.contains("left open by a \"not sure\" answer"), "{md}");
    assert!(md.contains("If it applies: A new change in passing or feeling urine"));
    let mut html = Vec::new();
    backscreen::render::html::write(&mut html, &report).expect("html");
    let html = String::from_utf8(html).expect("utf-8");
    assert!(html.contains("aria-label=\"Red flags left open by a not-sure answer\""));
    // As in the text and Markdown: the flags that fired, then the open ones, then the sources.
    let at = |label: &str| html.find(label).unwrap_or_else(|| panic!("{label} in the HTML"));
    assert!(at("Red flags that fired") < at("Red flags left open by a not-sure answer"));
    assert!(at("Red flags left open by a not-sure answer") < at("Sources cited"));
    let at_md = |label: &str| md.find(label).unwrap_or_else(|| panic!("{label} in the Markdown"));
    assert!(at_md("Red flags that fired") < at_md("left open by a \"not sure\" answer"));
    assert_eq!(outcome.triage.level, rules::Level::Urgent);
}

#[test]
fn at_emergency_both_reports_list_causes_for_the_clinician_and_say_a_serious_cause_comes_first() {
    let report = built_in_report("p13");
    assert_eq!(report.triage.level, Level::Emergency);
    assert!(!report.causes.is_empty(), "p13 has causes to list");
    let heading = "For your clinician: other patterns in your answers (not an explanation while a serious cause \
                   is being ruled out)";
    let md = to_markdown(&report);
    assert!(!md.contains("## Likely causes"), "{md}");
    assert_in_order(
        &md,
        &[
            "## Triage",
            &format!("## {heading}"),
            "**A serious cause must be ruled out first.**",
            "| # | Cause |",
        ],
    );
    let page = to_html(&report);
    assert!(!page.contains("Likely causes</h2>"), "{page}");
    assert_in_order(
        &page,
        &[
            "<section id=\"causes\"",
            &format!("<h2 id=\"h-causes\">{heading}</h2>"),
            "<strong>A serious cause must be ruled out first.</strong>",
            "<table class=\"causes\">",
        ],
    );
}

#[test]
fn below_urgent_both_reports_show_likely_causes_as_before() {
    let report = built_in_report("p01");
    assert!(report.serious_cause_first.is_none());
    let md = to_markdown(&report);
    assert!(md.contains("## Likely causes\n\n| # | Cause | Score | Evidence |"), "{md}");
    assert!(!md.contains("serious cause"), "{md}");
    let page = to_html(&report);
    assert!(page.contains("<h2 id=\"h-causes\">Likely causes</h2>"));
    assert!(!page.contains("serious cause"));
}
