//! Word wrapping for the terminal: long rules text breaks at spaces, never mid-word.

use console::measure_text_width as width_of;

/// `text` as lines of at most `width` columns (a longer word gets a line of its own).
/// `None` leaves it as one line, for pipes and files.
pub fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width.filter(|w| *w >= 10) else { return vec![text.to_string()] };
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && width_of(&line) + 1 + width_of(word) > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Writes `text` after `first` (e.g. "  - "), continuation lines indented to match.
pub fn hanging(first: &str, text: &str, width: Option<usize>) -> Vec<String> {
    let indent = " ".repeat(width_of(first));
    wrap(text, width.map(|w| w.saturating_sub(indent.len())))
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { format!("{first}{l}") } else { format!("{indent}{l}") })
        .collect()
}

/// The width to wrap text output at: the terminal's (at most 100 columns), or none
/// when standard output is not a terminal.
pub fn terminal_width() -> Option<usize> {
    console::Term::stdout().size_checked().map(|(_, cols)| usize::from(cols).min(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", Some(15));
        assert_eq!(lines, ["the quick brown", "fox jumps over", "the lazy dog"]);
        assert!(lines.iter().all(|l| l.len() <= 15));
    }

    #[test]
    fn no_width_means_one_line() {
        assert_eq!(wrap("a b c", None), ["a b c"]);
    }

    #[test]
    fn hanging_indent_lines_up_continuations() {
        assert_eq!(hanging("  - ", "one two three four", Some(14)), ["  - one two", "    three four"]);
    }
}
