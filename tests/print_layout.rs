//! The HTML report on paper: the stylesheet leaves the paper size to the printer and keeps
//! print text at 9pt or more, and the page says whose report it is. (Whether every vignette
//! fits one A4 and one Letter page in a real browser: `python3 bench/print.py`.)

mod common;
use common::{backscreen, fixture};

fn html_report(lang: &str, vignette: &str, extra: &[&str]) -> String {
    let path = fixture(&format!("vignettes/{vignette}.json"));
    let path = path.to_str().expect("UTF-8 path");
    let mut args = vec!["--lang", lang, "evaluate", "--format", "html"];
    args.extend_from_slice(extra);
    args.push(path);
    backscreen(&args, "").assert_ok().stdout.clone()
}

fn stylesheet(page: &str) -> &str {
    let start = page.find("<style>").expect("a <style> element") + "<style>".len();
    let end = page[start..].find("</style>").expect("</style>") + start;
    &page[start..end]
}

/// The body of every block whose prelude starts with `at` (e.g. "@media print"), braces matched.
fn blocks<'a>(css: &'a str, at: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = css[from..].find(at) {
        let open = from + i + css[from + i..].find('{').expect("a block");
        let mut depth = 0;
        let mut end = open;
        for (j, c) in css[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = open + j;
                break;
            }
        }
        found.push(&css[open + 1..end]);
        from = end;
    }
    found
}

/// Every `font-size` value declared in `css`.
fn font_sizes(css: &str) -> Vec<String> {
    css.match_indices("font-size:")
        .map(|(i, m)| {
            let rest = &css[i + m.len()..];
            rest[..rest.find([';', '}']).unwrap_or(rest.len())].trim().to_string()
        })
        .collect()
}

#[test]
fn the_stylesheet_leaves_the_paper_size_to_the_printer() {
    for lang in ["en", "es"] {
        let page = html_report(lang, "p02", &[]);
        let css = stylesheet(&page);
        let pages = blocks(css, "@page");
        assert!(!pages.is_empty(), "margins are set in @page");
        for rules in pages {
            assert!(!rules.contains("size"), "@page sets no paper size: {rules}");
        }
    }
}

#[test]
fn no_print_text_is_smaller_than_9pt() {
    let page = html_report("en", "p02", &[]);
    let css = stylesheet(&page);
    let print = blocks(css, "@media print");
    assert_eq!(print.len(), 1, "one print block");
    let print = print[0];
    // A floor for everything on the page, which no screen rule can undercut.
    assert!(print.contains("html, body, main * { font-size: 9pt !important; }"), "{print}");
    let outside = css.replace(print, "");
    assert!(
        font_sizes(&outside).iter().all(|size| !size.contains("!important")),
        "no screen rule outranks the print floor"
    );
    let sizes = font_sizes(print);
    assert!(!sizes.is_empty());
    for size in sizes {
        let points: f64 = size
            .trim_end_matches("!important")
            .trim()
            .strip_suffix("pt")
            .unwrap_or_else(|| panic!("print sizes are in points: {size}"))
            .parse()
            .unwrap_or_else(|_| panic!("a number of points: {size}"));
        assert!(points >= 9.0, "print text at {size}");
    }
    assert!(!print.contains("font:"), "no shorthand slips a size past the check");
}

#[test]
fn the_patient_label_and_the_file_name_are_on_the_report_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("jane<&>doe.json");
    std::fs::copy(fixture("vignettes/p01.json"), &file).expect("copy");
    let file = file.to_str().expect("UTF-8 path");
    let run =
        backscreen(&["--lang", "en", "evaluate", "--format", "html", "--patient", "<b>Jane</b>", file], "");
    let page = &run.assert_ok().stdout;
    let header = &page[page.find("<header>").expect("header")..page.find("</header>").expect("/header")];
    assert!(header.contains("Patient:</span> <b>&lt;b&gt;Jane&lt;/b&gt;</b>"), "{header}");
    assert!(header.contains("jane&lt;&amp;&gt;doe.json</b>"), "{header}");
    assert!(!page.contains("<b>Jane</b>") && !page.contains("jane<&>doe"));
}

#[test]
fn without_a_patient_label_paper_has_a_line_to_write_the_name_on() {
    let page = html_report("en", "p01", &[]);
    assert!(page.contains("<span class=\"prt\"><span class=\"k\">Patient:</span> <span class=\"blank\">"));
}

#[test]
fn what_paper_leaves_out_of_the_screen_and_the_answers_it_says_on_the_page() {
    // Self-care: the safety questions answered "no" are counted, the other answers listed.
    let page = html_report("en", "p01", &[]);
    assert!(page.contains("safety questions: no.") || page.contains("answered without a red flag"));
    assert!(page.contains("safety questions were not asked: they did not apply."));
    assert!(page.contains("Every answer: on screen and in the answers file."));
    // Emergency: every fired flag's name and message stays on paper; the rest is counted.
    let page = html_report("en", "p02", &[]);
    assert_eq!(page.matches("<span class=\"msg\">").count(), 6, "p02 fires six red flags");
    assert!(page.contains("besides the safety questions"));
    assert!(page.contains("The evidence for each pattern: on screen."));
    assert!(page.contains("Full citations: on screen and in the rules file."));
}
