//! Neutralising text from files before it reaches a terminal.
//!
//! Rules and answers files are data: an escape sequence hidden in a question's
//! text must not be able to move the cursor, change colours or retitle the window,
//! and a bidirectional override must not make a line read differently from what it
//! says (the "Trojan Source" trick, CVE-2021-42574).

use std::borrow::Cow;

/// At most this many characters of a value taken from a file are quoted in a message:
/// a 3 MB key must not make a 3 MB line.
pub const QUOTE_CHARS: usize = 60;

/// Replaces control characters (C0, DEL and C1, including ESC) and invisible
/// formatting characters (bidirectional overrides, embeddings, isolates and marks,
/// line and paragraph separators) with U+FFFD; tabs become spaces and newlines are
/// kept, for multi-line text. A string that cannot hold a newline (an id, or a
/// version, which the rules decoder keeps to one line) stays one line.
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

/// A value from a file as it is quoted in a one-line message: every character that
/// could break the line or drive the terminal is written as an escape (`\n`,
/// `\u{1b}`, `\u{202e}`), and the result is cut to [`QUOTE_CHARS`] characters with
/// an ellipsis.
pub fn quote(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= QUOTE_CHARS && !s.chars().any(breaks_line) {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        let piece: String = if breaks_line(c) { c.escape_default().collect() } else { c.into() };
        let n = piece.chars().count();
        if len + n > QUOTE_CHARS {
            out.push('\u{2026}');
            break;
        }
        out.push_str(&piece);
        len += n;
    }
    Cow::Owned(out)
}

/// Whether `c` must not appear in one line of terminal output: a control character
/// (newline and tab included) or an invisible formatting character.
pub fn breaks_line(c: char) -> bool {
    c == '\n' || c == '\t' || is_unsafe(c)
}

fn is_unsafe(c: char) -> bool {
    c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c) || is_format(c))
}

/// Invisible characters that reorder or hide text. Zero-width joiners and
/// non-joiners are left alone: scripts and emoji need them, and they reorder nothing.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'                    // Arabic letter mark
        | '\u{200E}' | '\u{200F}'     // left-to-right and right-to-left marks
        | '\u{202A}'..='\u{202E}'     // embeddings and overrides, pop directional formatting
        | '\u{2066}'..='\u{2069}'     // isolates and pop directional isolate
        | '\u{206A}'..='\u{206F}'     // deprecated formatting (symmetric swapping, digit shapes)
        | '\u{2028}' | '\u{2029}'     // line and paragraph separators
        | '\u{FEFF}'                  // zero-width no-break space (a byte-order mark mid-text)
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
    )
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
    fn bidirectional_controls_are_neutralised() {
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert_eq!(for_terminal(&format!("1.0{c}x")), "1.0\u{FFFD}x", "U+{:04X}", c as u32);
        }
        for c in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}', '\u{FEFF}'] {
            assert_eq!(for_terminal(&format!("a{c}")), "a\u{FFFD}", "U+{:04X}", c as u32);
        }
        // Joiners are part of ordinary text (emoji, Indic scripts).
        assert!(matches!(for_terminal("a\u{200D}b\u{200C}c"), Cow::Borrowed(_)));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert!(matches!(for_terminal("¿Dolor? 5/10\nok"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\tb"), "a b");
    }

    #[test]
    fn a_quoted_value_is_one_short_line_with_its_hidden_characters_shown() {
        assert!(matches!(quote("saddle_2"), Cow::Borrowed(_)));
        assert_eq!(quote("a\nb\r\u{1b}[31m\u{202e}"), "a\\nb\\r\\u{1b}[31m\\u{202e}");
        let long = quote(&"k".repeat(3_000_000)).into_owned();
        assert_eq!(long.chars().count(), QUOTE_CHARS + 1);
        assert!(long.ends_with('\u{2026}'));
        assert_eq!(quote(&"é".repeat(QUOTE_CHARS)), "é".repeat(QUOTE_CHARS));
        // An escape is never cut in half.
        let escapes = quote(&"\n".repeat(100)).into_owned();
        assert_eq!(escapes, format!("{}\u{2026}", "\\n".repeat(QUOTE_CHARS / 2)));
    }
}
