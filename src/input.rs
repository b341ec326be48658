//! Reading input files (rules, answers) safely: bounded size, UTF-8, stdin as `-`.
//!
//! A UTF-8 byte-order mark at the start of a file (Windows Notepad writes one) is
//! skipped: RFC 8259 lets a JSON reader ignore it, and refusing an invisible character
//! would only puzzle the person who saved the file.

use crate::sanitize::quote;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;
use serde_json::{Map, Value};
use std::io::Read;
use std::path::Path;
use thiserror::Error;

/// No rules or answers file comes near this; a bigger one is a mistake, not data.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// The deepest nesting of `[` and `{` read: serde_json's recursion limit (128) refuses
/// the 128th level.
pub const MAX_JSON_DEPTH: usize = 127;

const BOM: char = '\u{FEFF}';

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
    #[error("it is {0}, not a file; give the path of a JSON file (or `-` for standard input)")]
    NotAFile(&'static str),
}

/// Reads a whole file, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().lock().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    } else {
        // Looked at before it is opened: opening a FIFO waits for a writer, forever.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(InputError::NotAFile(what_it_is(&meta.file_type())));
        }
        std::fs::File::open(path)?.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    }
    from_bytes(bytes)
}

/// What a path that is not a regular file is, in words.
fn what_it_is(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a directory" } else { "not a regular file" }
}

pub fn from_bytes(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge);
    }
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8(e.utf8_error().valid_up_to()))?;
    if text.starts_with(BOM) {
        text.drain(..BOM.len_utf8());
    }
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

/// Parses JSON, refusing a key repeated in one object: serde_json would keep the
/// last silently, so `{"saddle": true, "saddle": false}` could hide a red flag.
pub fn parse_json(text: &str) -> Result<Value, SyntaxError> {
    serde_json::from_str::<Strict>(text).map(|s| s.0).map_err(|e| {
        let raw = e.to_string();
        let plain = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
        let message = match e.classify() {
            Category::Eof => format!("the JSON ends too early ({plain}); is the file cut short?"),
            Category::Data => plain.to_string(),
            _ if plain.contains("recursion limit") => {
                format!("invalid JSON: nested too deeply (more than {MAX_JSON_DEPTH} levels of [ and {{)")
            }
            _ if plain.contains("number out of range") => format!(
                "invalid JSON: a number too large to read; whole numbers are from {} to {}",
                i64::MIN,
                i64::MAX
            ),
            _ => format!("invalid JSON: {plain}"),
        };
        // serde_json reports column 0 at the start of a line; editors count from 1.
        SyntaxError { line: e.line(), column: e.column().max(1), message }
    })
}

struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json reads `-0` as the float -0.0; minus zero is zero.
        if v == 0.0 && v.is_sign_negative() {
            return Ok(Value::from(0));
        }
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "the key \"{}\" appears twice in the same object; keep one",
                    quote(&key)
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_an_error_with_its_place() {
        let err =
            parse_json("{\n  \"answers\": {\"saddle\": true, \"saddle\": false}\n}").expect_err("duplicate");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("\"saddle\" appears twice"), "{}", err.message);
    }

    #[test]
    fn values_parse_as_usual() {
        let v = parse_json(r#"{"a": [1, -2, 1.5, "x", null, true, {"b": {}}]}"#).expect("valid");
        assert_eq!(v["a"][1], -2);
        assert_eq!(v["a"][6]["b"], serde_json::json!({}));
    }

    #[test]
    fn minus_zero_is_zero() {
        let v = parse_json(r#"{"a": -0, "b": -0.0}"#).expect("valid");
        assert_eq!(v["a"].as_i64(), Some(0));
        assert_eq!(v["b"].as_i64(), Some(0));
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let text = from_bytes(b"\xef\xbb\xbf{\"a\": 1}".to_vec()).expect("UTF-8");
        assert_eq!(text, "{\"a\": 1}");
        assert!(parse_json(&text).is_ok());
        assert!(matches!(from_bytes(b"\xef\xbb\xbf \n".to_vec()), Err(InputError::Empty)));
    }

    #[test]
    fn the_json_depth_limit_is_the_one_the_message_names() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse_json(&nested(MAX_JSON_DEPTH)).is_ok());
        let err = parse_json(&nested(MAX_JSON_DEPTH + 1)).expect_err("one level too deep");
        assert!(err.message.contains(&format!("more than {MAX_JSON_DEPTH} levels")), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_a_plain_error_not_a_crash() {
        let err = parse_json(&"[".repeat(10_000)).expect_err("too deep");
        assert!(err.message.contains("nested too deeply"), "{}", err.message);
    }
}
