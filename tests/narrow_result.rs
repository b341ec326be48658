//! The result fits any terminal: at 40 columns, every line `evaluate` and the end of the
//! interview print (the result, the cause chart, the closing summary) is at most 40
//! columns wide, in every language, for every vignette.

use backscreen::i18n::Lang;
use backscreen::render::{chart, text};
use backscreen::{answers, engine, rules};
use std::path::Path;

fn widest_line(out: &[u8]) -> (usize, String) {
    let text = String::from_utf8(out.to_vec()).expect("utf-8");
    text.lines()
        .map(|l| (console::measure_text_width(l), l.to_string()))
        .max_by_key(|(w, _)| *w)
        .unwrap_or_default()
}

#[test]
fn at_40_columns_no_line_of_any_vignettes_result_is_wider_than_the_terminal() {
    colored::control::set_override(false);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("vignettes")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 37);
    for lang in Lang::ALL {
        let mut rules = rules::load(None).expect("built-in rules");
        assert!(rules.show_in(lang), "the built-in rules speak {lang:?}");
        for file in &files {
            let answers = answers::load(file, &rules).expect("vignette").answers;
            let outcome = engine::evaluate(&rules, &answers);
            for width in [40, 57] {
                let mut out = Vec::new();
                text::write(&mut out, &outcome, Some(width)).expect("write");
                chart::write(&mut out, &outcome, Some(width)).expect("write");
                text::summary(&mut out, &outcome, Some(width)).expect("write");
                let (widest, line) = widest_line(&out);
                assert!(
                    widest <= width,
                    "{} ({lang:?}) at {width}: {widest} columns: {line:?}",
                    file.display()
                );
            }
        }
    }
}
