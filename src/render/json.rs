//! The outcome as JSON, for machines. The keys are a stable interface.

use crate::engine::Outcome;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, outcome)?;
    writeln!(out)
}
