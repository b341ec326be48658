//! Batch evaluation: one row per answers file, bad files reported without stopping the rest.

mod common;

use backscreen::batch::{self, RowFormat};
use common::{backscreen, fixture};
use std::io::Write;
use std::path::PathBuf;

fn vignette_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for id in ["p01", "p02", "p03"] {
        std::fs::copy(fixture(&format!("vignettes/{id}.json")), dir.path().join(format!("{id}.json")))
            .expect("copy");
    }
    dir
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_directory_gives_one_csv_row_per_answers_file() {
    let dir = vignette_dir();
    let run = backscreen(&["evaluate", "--format", "csv", s(dir.path())], "");
    run.assert_ok();
    let mut lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.remove(0), "file,ok,triage,red_flags,top_causes,art_may_fit,rehab_may_fit,error");
    lines.sort();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].contains("p01.json,true,self_care,,") && lines[0].ends_with(",true,true,"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("p02.json,true,emergency,"), "{}", lines[1]);
}

#[test]
fn a_bad_file_is_reported_in_its_row_and_on_stderr_and_the_others_are_still_evaluated() {
    let dir = vignette_dir();
    std::fs::write(dir.path().join("broken.json"), "{\"answers\": {\"saddle_numbness\": \"maybe\"}}")
        .expect("write");
    let run = backscreen(&["evaluate", "--format", "jsonl", s(dir.path())], "");
    assert_eq!(run.code, 1, "any failure makes the exit code 1");
    let rows: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(rows.len(), 4);
    let bad =
        rows.iter().find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("broken.json"))).expect("row");
    assert_eq!(bad["ok"], false);
    assert!(bad["error"].as_str().expect("error").contains("saddle_numbness"));
    assert_eq!(rows.iter().filter(|r| r["ok"] == true).count(), 3);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "backscreen: 4 files: 3 evaluated (emergency 1, urgent 0, soon 0, self_care 2), 1 error\n"
        ),
        "the summary comes last: {}",
        run.stderr
    );
}

#[test]
fn a_directorys_rows_come_in_order_of_file_name_whatever_order_the_files_were_made_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Made in an order unlike the names', many enough that no directory lists them sorted by chance.
    let names: Vec<String> = (0..40).map(|i| format!("{:02}-{}.json", (i * 17) % 40, i)).collect();
    for name in &names {
        std::fs::copy(fixture("vignettes/p01.json"), dir.path().join(name)).expect("copy");
    }
    let run = backscreen(&["evaluate", "--format", "jsonl", s(dir.path())], "");
    run.assert_ok();
    let files: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["file"].as_str().expect("file").into()
        })
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), 40);
}

#[test]
fn a_summary_line_on_stderr_counts_files_errors_and_each_triage_level() {
    let dir = vignette_dir();
    let run = backscreen(&["evaluate", "--format", "csv", s(dir.path())], "");
    run.assert_ok();
    assert_eq!(
        run.stderr,
        "backscreen: 3 files: 3 evaluated (emergency 1, urgent 0, soon 0, self_care 2), 0 errors\n"
    );
}

#[test]
fn jsonl_rows_carry_triage_red_flags_top_causes_and_may_fit() {
    let run = backscreen(&["evaluate", "--format", "jsonl", s(&fixture("vignettes/p10.json"))], "");
    run.assert_ok();
    let row: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("JSON");
    assert_eq!(row["triage"], "urgent");
    assert!(row["red_flags"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(row["top_causes"].as_array().is_some_and(|c| c.len() <= 3 && !c.is_empty()));
    assert_eq!((row["art_may_fit"].clone(), row["rehab_may_fit"].clone()), (false.into(), false.into()));
}

#[test]
fn several_files_need_a_row_format() {
    let (a, b) = (fixture("vignettes/p01.json"), fixture("vignettes/p02.json"));
    let run = backscreen(&["evaluate", s(&a), s(&b)], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--format csv or jsonl"), "{}", run.stderr);
}

#[test]
fn batch_output_to_a_file_is_owner_only_and_not_overwritten_without_force() {
    let dir = vignette_dir();
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("rows.csv");
    backscreen(&["evaluate", "--format", "csv", "-o", s(&target), s(dir.path())], "").assert_ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&target).expect("written").permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(std::fs::read_to_string(&target).expect("read").lines().count(), 4);
    let again = backscreen(&["evaluate", "--format", "csv", "-o", s(&target), s(dir.path())], "");
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    backscreen(&["evaluate", "--format", "csv", "-o", s(&target), "--force", s(dir.path())], "").assert_ok();
}

/// Deletes `victim` as soon as the first row arrives.
struct DeleteOnFirstRow {
    victim: PathBuf,
    rows: Vec<u8>,
}

impl Write for DeleteOnFirstRow {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.rows.is_empty() {
            let _ = std::fs::remove_file(&self.victim);
        }
        self.rows.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn files_are_read_only_a_bounded_window_ahead_of_the_rows_written() {
    // Streaming, so memory stays flat: had every file been read up front, deleting the
    // last one when the first row is written could not make the last row fail.
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read(fixture("vignettes/p01.json")).expect("fixture");
    let count = batch::WINDOW * 3;
    let files: Vec<PathBuf> = (0..count)
        .map(|i| {
            let path = dir.path().join(format!("a{i:04}.json"));
            std::fs::write(&path, &source).expect("write");
            path
        })
        .collect();
    let rules = backscreen::rules::load(None).expect("rules");
    let mut out = DeleteOnFirstRow { victim: files[count - 1].clone(), rows: Vec::new() };
    let tally = batch::run(&rules, &files, RowFormat::Jsonl, &mut out, &mut Vec::new()).expect("runs");
    assert_eq!((tally.evaluated, tally.failed), (count - 1, 1));
    let text = String::from_utf8(out.rows).expect("utf-8");
    let last = text.lines().last().expect("rows");
    assert!(last.contains(&format!("a{:04}.json", count - 1)) && last.contains("\"ok\":false"), "{last}");
    let order: Vec<&str> = text.lines().map(|l| &l[l.find("a0").expect("name")..][..5]).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "rows come in input order");
}

#[test]
fn every_vignette_row_says_what_evaluate_says() {
    // Rows are built from the decision alone, without the words; they must not drift
    // from the full result.
    for n in 1..=13 {
        let path = fixture(&format!("vignettes/p{n:02}.json"));
        let row = backscreen(&["evaluate", "--format", "jsonl", s(&path)], "");
        row.assert_ok();
        let row = row.json();
        let full = backscreen(&["evaluate", "--format", "json", s(&path)], "").json();
        let ids = |list: &serde_json::Value, take: usize| -> Vec<String> {
            list.as_array()
                .expect("list")
                .iter()
                .take(take)
                .map(|v| v["id"].as_str().expect("id").to_string())
                .collect()
        };
        assert_eq!(row["triage"], full["triage"]["level"], "p{n:02}");
        assert_eq!(
            row["red_flags"],
            serde_json::json!(ids(&full["triage"]["red_flags"], usize::MAX)),
            "p{n:02}"
        );
        assert_eq!(row["top_causes"], serde_json::json!(ids(&full["causes"], 3)), "p{n:02}");
        assert_eq!(row["art_may_fit"], full["art"]["may_fit"], "p{n:02}");
        assert_eq!(row["rehab_may_fit"], full["rehab"]["may_fit"], "p{n:02}");
    }
}
