//! Text from people (titles, notes, names) is cleaned once, where it enters the
//! desk, so nothing downstream can emit a control sequence to a terminal.
//!
//! Whole escape sequences are removed, not just their introducer: a terminal
//! library that drops the lone ESC would otherwise print the rest
//! (`"A\x1b]0;X\x07B"` must become `AB`, not `A]0;XB`).

/// Cleans one line of text: no line breaks, no controls, surrounding blanks trimmed.
pub fn clean_line(input: &str) -> String {
    let mut out = clean(input, false);
    let trimmed = out.trim();
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    out
}

/// Cleans a block of text: keeps line breaks (`\n`), removes every other control.
pub fn clean_block(input: &str) -> String {
    let cleaned = clean(input, true);
    cleaned.trim_matches(|c: char| c == '\n' || c == ' ').to_string()
}

/// Cleans a piece of text pasted into a field: like [`clean_block`] (or
/// [`clean_line`] when `multiline` is false) but keeps blanks at its edges,
/// since it lands in the middle of what is being typed.
pub fn clean_paste(input: &str, multiline: bool) -> String {
    clean(input, multiline)
}

/// Whether a typed character may go into a field: no controls, no invisible
/// formatting (bidi overrides, zero-width characters).
pub fn is_typable(c: char) -> bool {
    !c.is_control() && !is_invisible_format(c)
}

const MAX_COMBINING_RUN: usize = 2;

fn clean(input: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    let mut combining_run = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' => {
                out.push(if keep_newlines { '\n' } else { ' ' });
                combining_run = 0;
            }
            '\t' => {
                out.push(' ');
                combining_run = 0;
            }
            c if c.is_control() || is_invisible_format(c) => {}
            c if is_combining(c) => {
                // A base with dozens of stacked marks breaks row layout.
                combining_run += 1;
                if combining_run <= MAX_COMBINING_RUN && !out.is_empty() {
                    out.push(c);
                }
            }
            c => {
                out.push(c);
                combining_run = 0;
            }
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: CSI, OSC and the string sequences run to their terminator;
/// any other escape is ESC plus one character.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // nF escapes: intermediates (0x20–0x2F) then one final byte.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in 0x40–0x7E.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS, SOS, PM, APC: up to BEL, ST (`ESC \` or U+009C), or the end.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Bidi overrides and isolates, zero-width characters and other invisible
/// formatting that could reorder or hide what people read.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{ad}')
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_whole_escape_sequences() {
        assert_eq!(clean_line("A\x1b]0;X\x07B"), "AB");
        assert_eq!(clean_line("A\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\B"), "AlinkB");
        assert_eq!(clean_line("\x1b[31mred\x1b[0m"), "red");
        assert_eq!(clean_line("a\x1b[?1049hb"), "ab");
        assert_eq!(clean_line("a\u{9b}31mb"), "ab");
        assert_eq!(clean_line("a\u{9d}0;t\u{9c}b"), "ab");
        assert_eq!(clean_line("a\x1bPq#0\x1b\\b"), "ab");
        assert_eq!(clean_line("a\x1b(Bb"), "ab");
        assert_eq!(clean_line("a\x1bcb"), "ab");
    }

    #[test]
    fn removes_controls_and_invisible_formatting() {
        assert_eq!(clean_line("be\x07ll\x08\x7f\r"), "bell");
        assert_eq!(clean_line("a\u{85}b\u{80}c"), "abc");
        assert_eq!(clean_line("\u{202e}evil\u{202c}"), "evil");
        assert_eq!(clean_line("zero\u{200b}width\u{feff}"), "zerowidth");
        assert_eq!(clean_line("two\nlines\tand tab"), "two lines and tab");
        assert_eq!(clean_block("two\r\nlines\n"), "two\nlines");
    }

    #[test]
    fn keeps_printable_unicode_and_limits_stacked_marks() {
        assert_eq!(clean_line("Åsa 東京 🚀 é"), "Åsa 東京 🚀 é");
        let zalgo = format!("a{}", "\u{0301}".repeat(50));
        assert_eq!(clean_line(&zalgo).chars().count(), 1 + MAX_COMBINING_RUN);
        assert_eq!(clean_line("\u{0301}x"), "x");
    }

    #[test]
    fn pastes_keep_their_edges_and_typing_refuses_invisible_characters() {
        assert_eq!(clean_paste(" A\x1b]0;X\x07B \r\n", false), " AB  ");
        assert_eq!(clean_paste("one\r\ntwo", true), "one\ntwo");
        assert!(is_typable('é') && is_typable('東') && is_typable('🚀'));
        assert!(
            !is_typable('\u{9b}')
                && !is_typable('\u{202e}')
                && !is_typable('\u{200b}')
                && !is_typable('\x07')
        );
    }

    #[test]
    fn unterminated_sequences_end_the_text() {
        assert_eq!(clean_line("ok\x1b]0;never ends"), "ok");
        assert_eq!(clean_line("ok\x1b["), "ok");
        assert_eq!(clean_line("ok\x1b"), "ok");
    }
}
