//! Batch evaluation: many answers files (or a directory of them), one CSV or JSON
//! Lines row per file. Streaming: each file is read, evaluated and written before the
//! next is opened, so memory stays flat however many files there are.

use crate::answers;
use crate::decision::{self, TOP_CAUSES};
use crate::rules::{Level, Rules};
use serde_json::json;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    Jsonl,
}

const CSV_HEADER: &str = "file,ok,triage,red_flags,top_causes,art_may_fit,rehab_may_fit,error";

/// Counts of what a batch did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub evaluated: usize,
    pub failed: usize,
    /// Files evaluated at each triage level, indexed by `Level as usize`.
    pub levels: [usize; 4],
}

impl Tally {
    /// One line for stderr: `4 files: 3 evaluated (emergency 1, urgent 0, soon 0,
    /// self_care 2), 1 error`. Levels by their machine names, as in the rows.
    pub fn summary(&self) -> String {
        let n =
            |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let levels: Vec<String> =
            Level::ALL.iter().rev().map(|l| format!("{l} {}", self.levels[*l as usize])).collect();
        format!(
            "{}: {} evaluated ({}), {}",
            n(self.evaluated + self.failed, "file", "files"),
            self.evaluated,
            levels.join(", "),
            n(self.failed, "error", "errors")
        )
    }
}

/// Files in flight at once (read or evaluated but not yet written): bounds memory
/// whatever the number of files.
pub const WINDOW: usize = 64;

/// One file's row, and its error lines for stderr.
struct Row {
    seq: usize,
    line: String,
    errors: Option<String>,
    level: Option<Level>,
}

/// Evaluates every answers file named (a directory stands for the `*.json` files in it),
/// writing a row for each in input order; a file that fails gets an error row and a line
/// on `errors`. Files are evaluated on every core, at most [`WINDOW`] at a time.
pub fn run(
    rules: &Rules,
    inputs: &[PathBuf],
    format: RowFormat,
    out: &mut (impl Write + Send),
    errors: &mut (impl Write + Send),
) -> io::Result<Tally> {
    if format == RowFormat::Csv {
        writeln!(out, "{CSV_HEADER}")?;
    }
    let _ = rules.asking_order(); // settle the shared derived facts before the workers start
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, PathBuf)>(WINDOW);
    let job_rx = Mutex::new(job_rx);
    let (row_tx, row_rx) = mpsc::sync_channel::<Row>(WINDOW);
    // A permit per file in flight, handed back when its row is written.
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(WINDOW);
    for _ in 0..WINDOW {
        let _ = permit_tx.send(());
    }
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, row_tx) = (&job_rx, row_tx.clone());
            scope.spawn(move || {
                loop {
                    let job = job_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, path)) = job else { break };
                    if row_tx.send(row(rules, seq, &path, format)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(row_tx);
        let writer = scope.spawn(move || -> io::Result<Tally> {
            let mut tally = Tally::default();
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0;
            for r in row_rx {
                waiting.insert(r.seq, r);
                while let Some(r) = waiting.remove(&next) {
                    out.write_all(r.line.as_bytes())?;
                    match r.errors {
                        Some(e) => {
                            tally.failed += 1;
                            errors.write_all(e.as_bytes())?;
                        }
                        None => tally.evaluated += 1,
                    }
                    if let Some(level) = r.level {
                        tally.levels[level as usize] += 1;
                    }
                    next += 1;
                    let _ = permit_tx.send(());
                }
            }
            out.flush()?;
            Ok(tally)
        });
        let mut seq = 0;
        let mut send = |path: PathBuf| -> bool {
            // Wait for a free place in the window before reading further.
            if permit_rx.recv().is_err() {
                return false;
            }
            let ok = job_tx.send((seq, path)).is_ok();
            seq += 1;
            ok
        };
        let listed = list(inputs, &mut send);
        drop(job_tx);
        let tally = writer.join().unwrap_or_else(|_| Err(io::Error::other("the batch writer stopped")))?;
        listed.map(|()| tally)
    })
}

/// Sends every answers file named, in the order given; a directory's files in order of
/// their names, whatever order the file system lists them in.
fn list(inputs: &[PathBuf], send: &mut dyn FnMut(PathBuf) -> bool) -> io::Result<()> {
    for input in inputs {
        if input.is_dir() {
            let named =
                |e: io::Error| io::Error::new(e.kind(), format!("cannot read {}: {e}", input.display()));
            // Only the names are held to sort them (about a hundred bytes a file); the files
            // are still read a window at a time.
            let mut paths = Vec::new();
            for entry in std::fs::read_dir(input).map_err(named)? {
                let path = entry.map_err(named)?.path();
                let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                // Every `*.json` entry gets a row, a file or not: a dangling link, a link loop, a
                // pipe or a folder so named is an error in its row, never skipped in silence.
                if path.extension().is_some_and(|e| e == "json") && !hidden {
                    paths.push(path);
                }
            }
            paths.sort();
            for path in paths {
                if !send(path) {
                    return Ok(());
                }
            }
        } else if !send(input.clone()) {
            return Ok(());
        }
    }
    Ok(())
}

fn row(rules: &Rules, seq: usize, path: &Path, format: RowFormat) -> Row {
    let name = path.display().to_string();
    match answers::load(path, rules) {
        Ok(file) => {
            // A row needs only what is decided, by index: no text is built for it.
            let d = decision::decide(rules, &file.answers);
            let mut fired: Vec<usize> = (0..d.flags.len()).filter(|&i| d.flags[i].is_true()).collect();
            // Most urgent first; file order within a level, as in every other output.
            fired.sort_by_key(|&i| std::cmp::Reverse(rules.red_flags[i].level));
            let flags: Vec<&str> = fired.iter().map(|&i| rules.red_flags[i].id.as_str()).collect();
            let causes: Vec<&str> =
                d.ranking.iter().take(TOP_CAUSES).map(|&i| rules.causes[i].id.as_str()).collect();
            let line = match format {
                RowFormat::Csv => format!(
                    "{},true,{},{},{},{},{},\n",
                    csv(&name),
                    d.level,
                    csv(&flags.join(";")),
                    csv(&causes.join(";")),
                    d.art.may_fit,
                    d.rehab.may_fit
                ),
                RowFormat::Jsonl => format!(
                    "{}\n",
                    json!({
                        "file": name, "ok": true, "triage": d.level, "red_flags": flags,
                        "top_causes": causes, "art_may_fit": d.art.may_fit, "rehab_may_fit": d.rehab.may_fit,
                    })
                ),
            };
            Row { seq, line, errors: None, level: Some(d.level) }
        }
        Err(e) => {
            let text = e.to_string();
            // One line per file in the row, however many problems the file has.
            let message = text.lines().collect::<Vec<_>>().join("; ");
            let errors = text
                .lines()
                .map(|l| format!("backscreen: {}\n", crate::sanitize::for_terminal(l)))
                .collect::<String>();
            let line = match format {
                RowFormat::Csv => format!("{},false,,,,,,{}\n", csv(&name), csv(&message)),
                RowFormat::Jsonl => format!("{}\n", json!({ "file": name, "ok": false, "error": message })),
            };
            Row { seq, line, errors: Some(errors), level: None }
        }
    }
}

/// One CSV field (RFC 4180), and never a formula when opened in a spreadsheet: a field
/// starting with a character a spreadsheet reads as the start of a formula (`=`, `+`,
/// `-`, `@`, and TAB or CR, which some strip before looking) gets a leading `'`, as
/// OWASP's CSV-injection advice says.
fn csv(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("=cmd()"), "'=cmd()");
    }

    #[test]
    fn csv_fields_starting_with_tab_or_carriage_return_are_not_formulas_either() {
        for lead in ['=', '+', '-', '@', '\t'] {
            assert_eq!(csv(&format!("{lead}cmd|' /C calc'!A0")), format!("'{lead}cmd|' /C calc'!A0"));
        }
        assert_eq!(csv("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(csv("\t=1+1,2"), "\"'\t=1+1,2\"");
    }
}
