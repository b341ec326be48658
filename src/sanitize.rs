//! Neutralising text from files before it reaches a terminal.
//!
//! Rules and answers files are data: an escape sequence hidden in a question's
//! text must not be able to move the cursor, change colours or retitle the window.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL and C1, including ESC) with U+FFFD;
/// tabs become spaces and newlines are kept.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(for_terminal("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(for_terminal("x\u{9b}31m"), "x\u{FFFD}31m");
        assert_eq!(for_terminal("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert!(matches!(for_terminal("¿Dolor? 5/10\nok"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\tb"), "a b");
    }
}
