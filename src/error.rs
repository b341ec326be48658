//! The errors a run can end with, and the exit code each maps to.

use crate::answers::AnswersError;
use crate::rules::RulesError;
use thiserror::Error;

/// Writes a line to standard error, like `eprintln!`, but never panics: a message about
/// a failure must not fail itself, so an error writing it (stderr closed or full) is
/// ignored, and the exit code still says what happened.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The documented exit codes (README, `--help`).
pub mod exit {
    pub const OK: u8 = 0;
    /// Invalid input (rules or answers) or an I/O error.
    pub const FAILURE: u8 = 1;
    /// Usage error: a bad flag, or no terminal for the interview.
    pub const USAGE: u8 = 2;
    /// The person cancelled the interview (Ctrl-C / Ctrl-D).
    pub const CANCELLED: u8 = 130;
}

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Answers(#[from] AnswersError),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("{0}")]
    Usage(String),
    #[error("screening cancelled")]
    Cancelled,
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// The message in `lang` where a patient may be the one reading it; messages about
    /// files and flags (for whoever set the tool up) stay in English.
    pub fn for_person(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Error::Cancelled => crate::tr!(lang, "error-cancelled"),
            e => e.to_string(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::Cancelled => exit::CANCELLED,
            _ => exit::FAILURE,
        }
    }

    /// Output cut short by a closed pipe (`backscreen evaluate x | head`) is not an error to report.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}
