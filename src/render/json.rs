//! The outcome as JSON, for machines. The keys are a stable interface.

use serde::Serialize;
use std::io::{self, Write};

/// Any serialisable value (an outcome, a FHIR resource) as pretty JSON and a newline.
pub fn write(out: &mut (impl Write + ?Sized), value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
