//! What a clinician reads, pinned: the text, Markdown, HTML and FHIR output of a
//! self-care, a soon and an emergency vignette. A change to any of them shows in review
//! as a change to a file under `tests/snapshots/`; accept it with `cargo insta review`
//! (or `INSTA_UPDATE=always cargo test --test snapshots`) once it is meant.

mod common;

use common::{backscreen_env, fixture};
use serde_json::Value;

/// self-care, soon, emergency.
const VIGNETTES: [&str; 3] = ["p01", "p05", "p02"];

/// The output of `evaluate --format FORMAT` for a vignette, in English, in UTC, with no
/// colour and no terminal width, labelled as a clinic would label it.
fn evaluate(id: &str, format: &str) -> String {
    let file = fixture(&format!("vignettes/{id}.json"));
    let run = backscreen_env(
        &[
            "--lang",
            "en",
            "--color",
            "never",
            "evaluate",
            "--format",
            format,
            "--patient",
            "Test Patient 0042",
            file.to_str().expect("utf-8 path"),
        ],
        "",
        &[("TZ", "UTC")],
    );
    run.assert_ok();
    // The answers file's path is the machine's; its name is what a reader sees.
    run.stdout.replace(file.to_str().expect("utf-8 path"), &format!("tests/vignettes/{id}.json"))
}

#[test]
fn the_text_result_of_each_vignette_is_pinned() {
    for id in VIGNETTES {
        insta::assert_snapshot!(format!("{id}-text"), evaluate(id, "text"));
    }
}

#[test]
fn the_markdown_report_of_each_vignette_is_pinned() {
    for id in VIGNETTES {
        insta::assert_snapshot!(format!("{id}-markdown"), evaluate(id, "markdown"));
    }
}

#[test]
fn the_html_report_of_each_vignette_is_pinned() {
    for id in VIGNETTES {
        insta::assert_snapshot!(format!("{id}-html"), evaluate(id, "html"));
    }
}

#[test]
fn the_fhir_response_of_each_vignette_is_pinned() {
    for id in VIGNETTES {
        let mut response: Value = serde_json::from_str(&evaluate(id, "fhir")).expect("JSON");
        // The vignettes carry no `saved_at`, so the time is the moment of the run.
        response["authored"] = "[the time of the run]".into();
        response["contained"][0]["occurrenceDateTime"] = "[the time of the run]".into();
        let pretty = serde_json::to_string_pretty(&response).expect("JSON");
        insta::assert_snapshot!(format!("{id}-fhir"), pretty);
    }
}
