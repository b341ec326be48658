//! The time per prompt of the adaptive interview on the built-in rules: choosing the next
//! prompt (the strategy tries every candidate's answers against the outlook) and deciding
//! whether to stop. Each public vignette is replayed through the real flow many times;
//! the figure printed is the mean time per prompt, and the slowest vignette's.
//!
//!     cargo bench --bench interview
//!
//! The target is under 5 ms per prompt; this prints the figure rather than failing, so a
//! slow machine does not turn a measurement into a red test.

use backscreen::{answers, interview, rules};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let rules = rules::load(None).expect("the built-in rules load");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vignettes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('p') && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    let rounds = 20;
    let (mut total, mut prompts) = (Duration::ZERO, 0usize);
    let mut slowest = (String::new(), Duration::ZERO);
    for path in &files {
        let file = answers::load(path, &rules).expect("a vignette loads");
        // One warm-up run, then the timed rounds.
        let session = interview::replay::replay(&rules, &file.answers, None, None).expect("replay");
        let n = session.prompts.len().max(1);
        let start = Instant::now();
        for _ in 0..rounds {
            interview::replay::replay(&rules, &file.answers, None, None).expect("replay");
        }
        let spent = start.elapsed();
        let per_prompt = spent / (rounds * n as u32);
        if per_prompt > slowest.1 {
            slowest = (path.file_stem().unwrap_or_default().to_string_lossy().into_owned(), per_prompt);
        }
        total += spent;
        prompts += rounds as usize * n;
    }
    let mean = total / prompts.max(1) as u32;
    println!("vignettes: {}, prompts replayed: {prompts}", files.len());
    println!("time per prompt (choose the next prompt and decide whether to stop): mean {mean:.2?}");
    println!("slowest vignette: {} at {:.2?} per prompt (target: under 5 ms)", slowest.0, slowest.1);
}
