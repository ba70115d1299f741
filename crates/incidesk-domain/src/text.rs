//! Text from people (titles, notes, names) is cleaned once, where it enters the
//! desk, so nothing downstream can emit a control sequence to a terminal.
//!
//! Whole escape sequences are removed, not just their introducer: a terminal
//! library that drops the lone ESC would otherwise print the rest
//! (`"A\x1b]0;X\x07B"` must become `AB`, not `A]0;XB`).
//!
//! The rest is decided by Unicode property (tables generated into
//! `unicode_tables.rs` by `tools/unicode_tables.py`), not by lists of blocks,
//! so that what is stored is what people see and what ratatui measures is
//! what a terminal draws, character by character:
//!
//! - Default_Ignorable_Code_Point and format (Cf) characters are removed:
//!   tags, fillers, zero-width and bidi controls, soft hyphens.
//! - Line and paragraph separators (Zl, Zp) are line breaks, like `\n`.
//! - Other space separators (Zs: no-break, em, ideographic spaces) become a
//!   plain space.
//! - Combining marks (Mn, Mc, Me) are capped per grapheme cluster, taken as a
//!   base character and the marks after it: at most [`MAX_MARKS_PER_CLUSTER`]
//!   marks, the same mark at most [`MAX_COMBINING_RUN`] times. Real text
//!   (Devanagari, Myanmar, pointed Hebrew, Vietnamese) needs up to four.
//!
//! Emoji sequences, a choice: ZERO WIDTH JOINER and the variation selectors
//! are Default_Ignorable and go, so a ZWJ family becomes its people side by
//! side and `❤️` the plain `❤`; a skin-tone modifier after a character goes
//! too (ratatui measures `👍🏽` 2 cells, a terminal drawing characters 4).
//! Each emoji that remains is exactly as wide in the layout as on screen.

use crate::unicode_tables::{COMBINING_MARK, INVISIBLE, LINE_BREAK, SPACE_SEPARATOR, contains};

/// The Unicode version of the cleaner's property tables, `"18.0.0"`: it
/// should match the `unicode-width` ratatui measures with (a test checks).
pub use crate::unicode_tables::UNICODE_VERSION;

/// Cleans one line of text: no line breaks, no controls, surrounding blanks trimmed.
pub fn clean_line(input: &str) -> String {
    let out = clean(input, false);
    let trimmed = trim_edges(&out, |c| c == ' ');
    if trimmed.len() == out.len() { out } else { trimmed.to_string() }
}

/// Cleans a block of text: keeps line breaks (`\n`), removes every other control.
pub fn clean_block(input: &str) -> String {
    let cleaned = clean(input, true);
    trim_edges(&cleaned, |c| c == '\n' || c == ' ').to_string()
}

/// Cleans a piece of text pasted into a field: like [`clean_block`] (or
/// [`clean_line`] when `multiline` is false) but keeps blanks at its edges,
/// since it lands in the middle of what is being typed.
pub fn clean_paste(input: &str, multiline: bool) -> String {
    clean(input, multiline)
}

/// Whether a typed character may go into a field: no controls, no invisible
/// formatting (bidi overrides, zero-width characters, tags, fillers), no
/// line separators. Other spaces may be typed: saving makes them plain.
pub fn is_typable(c: char) -> bool {
    !c.is_control() && !is_invisible(c) && !contains(LINE_BREAK, c)
}

/// The most combining marks kept on one base character: enough for real
/// text (`क़ीं`, `ကြို့`), too few to stack over the rows above and below.
const MAX_MARKS_PER_CLUSTER: usize = 4;

/// The most times one mark is kept on one base: real text does not repeat
/// a mark, zalgo does.
const MAX_COMBINING_RUN: usize = 2;

/// The marks kept so far on the current base character.
#[derive(Default)]
struct Cluster {
    marks: [char; MAX_MARKS_PER_CLUSTER],
    len: usize,
}

impl Cluster {
    /// Records `mark` and says whether it is kept.
    fn admit(&mut self, mark: char) -> bool {
        let same = self.marks[..self.len].iter().filter(|&&m| m == mark).count();
        if self.len == MAX_MARKS_PER_CLUSTER || same >= MAX_COMBINING_RUN {
            return false;
        }
        self.marks[self.len] = mark;
        self.len += 1;
        true
    }
}

fn clean(input: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    // None where a mark has nothing to sit on: the start, after a line break.
    let mut cluster: Option<Cluster> = None;
    while let Some(c) = chars.next() {
        // Only kept characters change `cluster`, so cleaning twice changes
        // nothing the first time did not.
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            // Most text is ASCII: no table look-up for it.
            ' '..='~' => {
                out.push(c);
                cluster = Some(Cluster::default());
            }
            '\n' => line_break(&mut out, &mut cluster, keep_newlines),
            c if contains(LINE_BREAK, c) => line_break(&mut out, &mut cluster, keep_newlines),
            '\t' => {
                out.push(' ');
                cluster = Some(Cluster::default());
            }
            c if c.is_control() || is_invisible(c) => {}
            c if contains(SPACE_SEPARATOR, c) => {
                out.push(' ');
                cluster = Some(Cluster::default());
            }
            c if is_mark(c) => {
                if cluster.as_mut().is_some_and(|k| k.admit(c)) {
                    out.push(c);
                }
            }
            // A skin tone after anything goes: ratatui would measure the pair
            // one emoji wide, a terminal drawing characters two.
            c if is_emoji_modifier(c) && out.ends_with(|p: char| p != ' ' && p != '\n') => {}
            c => {
                out.push(c);
                cluster = Some(Cluster::default());
            }
        }
    }
    out
}

fn line_break(out: &mut String, cluster: &mut Option<Cluster>, keep_newlines: bool) {
    if keep_newlines {
        out.push('\n');
        *cluster = None;
    } else {
        out.push(' ');
        *cluster = Some(Cluster::default());
    }
}

/// Trims blanks, and marks left at the start with no base to sit on.
fn trim_edges(s: &str, blank: impl Fn(char) -> bool) -> &str {
    s.trim_start_matches(|c| blank(c) || is_mark(c)).trim_end_matches(blank)
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

/// Default_Ignorable and format characters: bidi overrides and isolates,
/// zero-width characters, tags, fillers, anything that could reorder or
/// hide what people read or take no room on one terminal and some on another.
fn is_invisible(c: char) -> bool {
    contains(INVISIBLE, c)
}

fn is_mark(c: char) -> bool {
    contains(COMBINING_MARK, c)
}

/// EMOJI MODIFIER FITZPATRICK TYPE-1-2..6 (the skin tones).
fn is_emoji_modifier(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
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
