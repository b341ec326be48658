//! The adaptive interview on the built-in rules, per strategy: the prompts each public
//! vignette is asked, and the time per prompt to choose the next prompt (the strategy
//! tries every candidate's answers against the outlook) and decide whether to stop.
//!
//!     cargo bench --bench interview
//!
//! The target is under 5 ms per prompt for the strategy the interview uses (safety
//! first); this prints the figures rather than failing, so a slow machine does not turn
//! a measurement into a red test.

use backscreen::interview::{AskingOrder, SafetyFirst, Strategy, replay};
use backscreen::{answers, rules};
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
    let vignettes: Vec<_> =
        files.iter().map(|p| answers::load(p, &rules).expect("a vignette loads").answers).collect();
    let rounds = 20;
    println!("{} vignettes, {rounds} timed rounds each", vignettes.len());
    let strategies: [&dyn Strategy; 2] = [&SafetyFirst, &AskingOrder];
    for strategy in strategies {
        let (mut total, mut prompts) = (Duration::ZERO, 0usize);
        let mut slowest = Duration::ZERO;
        let mut counts = Vec::new();
        let mut emergencies = Vec::new();
        for answers in &vignettes {
            // One untimed run for the count, then the timed rounds.
            let session = replay::replay_with(&rules, strategy, answers, None, None).expect("replay");
            let n = session.prompts.len().max(1);
            counts.push(n);
            if session.ending == backscreen::interview::Ending::Emergency {
                emergencies.push(n);
            }
            let start = Instant::now();
            for _ in 0..rounds {
                replay::replay_with(&rules, strategy, answers, None, None).expect("replay");
            }
            let spent = start.elapsed();
            slowest = slowest.max(spent / (rounds * n as u32));
            total += spent;
            prompts += rounds as usize * n;
        }
        counts.sort_unstable();
        let median = if counts.len() % 2 == 0 {
            (counts[counts.len() / 2 - 1] + counts[counts.len() / 2]) as f64 / 2.0
        } else {
            counts[counts.len() / 2] as f64
        };
        println!(
            "{:<13} prompts: median {median}, max {}; emergencies stopped at {emergencies:?}; \
             time per prompt: mean {:.2?}, slowest vignette {:.2?} (target: under 5 ms)",
            strategy.name(),
            counts.last().copied().unwrap_or(0),
            total / prompts.max(1) as u32,
            slowest
        );
    }
}
