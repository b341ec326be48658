//! Text that a rules file shows to people, in one or more languages.
//!
//! Every text field of a rules file is either a plain string (in the file's own
//! language) or a map from language code to string, so translations can be added
//! to a file later without changing its format.

use std::collections::BTreeMap;

/// The languages backscreen knows. A rules file names one as its own.
pub const LANGUAGES: &[&str] = &["en", "es"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Written in the rules file's own language.
    Plain(String),
    /// One entry per language code; always holds the file's own language.
    Translated(BTreeMap<String, String>),
}

impl Text {
    /// The text in `lang`, falling back to the file's own language `default`.
    pub fn get<'a>(&'a self, lang: &str, default: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => {
                map.get(lang).or_else(|| map.get(default)).map(String::as_str).unwrap_or_default()
            }
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}
