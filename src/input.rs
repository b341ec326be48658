//! Reading input files (rules, answers) safely: bounded size, UTF-8, stdin as `-`.

use std::io::Read;
use std::path::Path;
use thiserror::Error;

/// No rules or answers file comes near this; a bigger one is a mistake, not data.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
    #[error("it is larger than {} MB; is it the right file?", MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("it is not UTF-8 text (invalid byte at offset {0}); save it as UTF-8 JSON")]
    NotUtf8(usize),
    #[error("it is empty; expected a JSON object")]
    Empty,
}

/// Reads a whole file, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().lock().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(path)?.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    }
    from_bytes(bytes)
}

pub fn from_bytes(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge);
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8(e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

/// A JSON syntax error in words, with its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn parse_json(text: &str) -> Result<serde_json::Value, SyntaxError> {
    serde_json::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let plain = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
        let message = match e.classify() {
            serde_json::error::Category::Eof => {
                format!("the JSON ends too early ({plain}); is the file cut short?")
            }
            _ => format!("invalid JSON: {plain}"),
        };
        SyntaxError { line: e.line(), column: e.column(), message }
    })
}
