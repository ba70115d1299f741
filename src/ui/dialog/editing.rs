//! Editing a field's text at a cursor. Moves and deletions by grapheme and
//! by word are the kept crate tui-input's; what it knows nothing of, lines
//! (Home/End, Ctrl-U/K and ↑/↓ in a multi-line field), is done here.
//!
//! The cursor counts the codepoints before it, as tui-input does.

use tui_input::{Input, InputRequest};
use unicode_segmentation::UnicodeSegmentation;

/// One editing step, as the key table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// The line above, at the same column; nothing on the first line.
    LineUp,
    /// The line below, at the same column; nothing on the last line.
    LineDown,
    /// The grapheme before the cursor (Backspace).
    DeleteBack,
    /// The grapheme under the cursor (Delete).
    DeleteForward,
    /// The word before the cursor (Ctrl-W).
    DeleteWordBack,
    /// From the start of the line to the cursor (Ctrl-U).
    DeleteToLineStart,
    /// From the cursor to the end of the line, or the line break there (Ctrl-K).
    DeleteToLineEnd,
}

/// Does `edit` on `text` at `cursor`; `true` when the text or the cursor moved.
pub fn apply(text: &mut String, cursor: &mut usize, edit: Edit) -> bool {
    *cursor = (*cursor).min(text.chars().count());
    let before = *cursor;
    match edit {
        Edit::Left => request(text, cursor, InputRequest::GoToPrevChar),
        Edit::Right => request(text, cursor, InputRequest::GoToNextChar),
        Edit::WordLeft => request(text, cursor, InputRequest::GoToPrevWord),
        Edit::WordRight => request(text, cursor, InputRequest::GoToNextWord),
        Edit::DeleteBack => request(text, cursor, InputRequest::DeletePrevChar),
        Edit::DeleteForward => request(text, cursor, InputRequest::DeleteNextChar),
        Edit::DeleteWordBack => request(text, cursor, InputRequest::DeletePrevWord),
        Edit::LineStart => {
            *cursor = line_bounds(text, *cursor).0;
            *cursor != before
        }
        Edit::LineEnd => {
            *cursor = line_bounds(text, *cursor).1;
            *cursor != before
        }
        Edit::LineUp | Edit::LineDown => move_line(text, cursor, edit == Edit::LineDown),
        Edit::DeleteToLineStart => {
            let (start, _) = line_bounds(text, *cursor);
            remove(text, start, *cursor);
            *cursor = start;
            start != before
        }
        Edit::DeleteToLineEnd => {
            let (_, end) = line_bounds(text, *cursor);
            // At the end of a line, the line break goes: the next line joins.
            let end = if end == *cursor && end < text.chars().count() { end + 1 } else { end };
            remove(text, *cursor, end);
            end != *cursor
        }
    }
}

/// Puts `typed` in at the cursor and moves the cursor past it.
pub fn insert(text: &mut String, cursor: &mut usize, typed: &str) {
    *cursor = (*cursor).min(text.chars().count());
    text.insert_str(byte_of(text, *cursor), typed);
    *cursor += typed.chars().count();
}

/// The text before and after the cursor (for drawing it between them).
pub fn split_at_cursor(text: &str, cursor: usize) -> (&str, &str) {
    text.split_at(byte_of(text, cursor))
}

/// Which line (0-based, split at `\n`) the cursor is on.
pub fn cursor_line(text: &str, cursor: usize) -> usize {
    split_at_cursor(text, cursor).0.matches('\n').count()
}

fn request(text: &mut String, cursor: &mut usize, request: InputRequest) -> bool {
    let mut input = Input::new(std::mem::take(text)).with_cursor(*cursor);
    let changed = input.handle(request).is_some();
    *cursor = input.cursor();
    *text = input.value_and_reset();
    changed
}

/// The byte where the `cursor`-th codepoint starts (the end after the last).
fn byte_of(text: &str, cursor: usize) -> usize {
    text.char_indices().nth(cursor).map_or(text.len(), |(i, _)| i)
}

fn codepoints(s: &str) -> usize {
    s.chars().count()
}

/// The cursor positions of the start and the end of the cursor's line.
fn line_bounds(text: &str, cursor: usize) -> (usize, usize) {
    let (before, after) = split_at_cursor(text, cursor);
    let start = before.rfind('\n').map_or(0, |i| codepoints(&before[..=i]));
    let end = cursor + after.find('\n').map_or(codepoints(after), |i| codepoints(&after[..i]));
    (start, end)
}

/// Removes the codepoints from `start` up to `end`.
fn remove(text: &mut String, start: usize, end: usize) {
    let (from, to) = (byte_of(text, start), byte_of(text, end));
    text.replace_range(from..to, "");
}

/// To the same grapheme column of the next or previous line, or its end.
fn move_line(text: &str, cursor: &mut usize, down: bool) -> bool {
    let (start, end) = line_bounds(text, *cursor);
    let column = split_at_cursor(text, *cursor).0[byte_of(text, start)..].graphemes(true).count();
    let target_start = if down {
        if end >= codepoints(text) {
            return false;
        }
        end + 1
    } else {
        if start == 0 {
            return false;
        }
        line_bounds(text, start - 1).0
    };
    let (_, target_end) = line_bounds(text, target_start);
    let line = &text[byte_of(text, target_start)..byte_of(text, target_end)];
    let into: usize = line.graphemes(true).take(column).map(codepoints).sum();
    *cursor = target_start + into;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the edits to `text` with the cursor at its end; the text
    /// after, with `|` where the cursor is.
    fn after(text: &str, edits: &[Edit]) -> String {
        let (mut t, mut c) = (text.to_string(), text.chars().count());
        for e in edits {
            apply(&mut t, &mut c, *e);
        }
        let (a, b) = split_at_cursor(&t, c);
        format!("{a}|{b}")
    }

    use Edit::*;

    #[test]
    fn moves_by_grapheme_word_and_line() {
        assert_eq!(after("hello world", &[Left, Left]), "hello wor|ld");
        assert_eq!(after("hello world", &[WordLeft]), "hello |world");
        assert_eq!(after("hello world", &[WordLeft, WordLeft, WordRight]), "hello |world");
        assert_eq!(after("hello world", &[LineStart, Right]), "h|ello world");
        assert_eq!(after("hello world", &[LineStart, LineEnd]), "hello world|");
        assert_eq!(after("ab\ncd", &[LineStart]), "ab\n|cd", "Home is the line's start");
        assert_eq!(after("ab\ncd", &[LineUp, LineStart, LineEnd]), "ab|\ncd");
        assert_eq!(after("abc\nd", &[LineUp]), "a|bc\nd", "same column");
        assert_eq!(after("a\nlong", &[LineUp]), "a|\nlong", "or the end of a shorter line");
        assert_eq!(after("a\nlong", &[LineUp, LineDown]), "a\nl|ong");
        let mut t = "one".to_string();
        let mut c = 3;
        assert!(!apply(&mut t, &mut c, LineUp), "no line above: the form moves on");
        assert!(!apply(&mut t, &mut c, LineDown));
        assert!(!apply(&mut t, &mut c, Right), "nothing right of the end");
    }

    #[test]
    fn deletes_whole_graphemes() {
        let composed = "café";
        let decomposed = "cafe\u{301}";
        assert_eq!(after(composed, &[DeleteBack]), "caf|");
        assert_eq!(after(decomposed, &[DeleteBack]), "caf|", "e and its accent go together");
        assert_eq!(after(decomposed, &[Left]), "caf|e\u{301}", "← steps over the accent");
        assert_eq!(after(decomposed, &[Left, DeleteForward]), "caf|");
        let family = "ok 👨‍👩‍👧 🤦🏼‍♂️";
        assert_eq!(after(family, &[DeleteBack]), "ok 👨‍👩‍👧 |");
        assert_eq!(after(family, &[DeleteBack, DeleteBack, DeleteBack]), "ok |");
        assert_eq!(after("🇸🇪x", &[Left, Left, DeleteForward]), "|x", "a flag is one grapheme");
    }

    #[test]
    fn readline_deletions() {
        assert_eq!(after("fix the disk", &[DeleteWordBack]), "fix the |");
        assert_eq!(after("fix the disk", &[WordLeft, DeleteToLineStart]), "|disk");
        assert_eq!(after("fix the disk", &[WordLeft, DeleteToLineEnd]), "fix the |");
        assert_eq!(after("ab\ncd", &[DeleteToLineStart]), "ab\n|", "Ctrl-U stops at the line");
        assert_eq!(after("ab\ncd", &[LineUp, LineEnd, DeleteToLineEnd]), "ab|cd", "Ctrl-K joins lines");
        assert_eq!(after("", &[DeleteBack, DeleteForward, DeleteWordBack, DeleteToLineEnd]), "|");
    }

    #[test]
    fn inserts_at_the_cursor() {
        let (mut t, mut c) = ("held".to_string(), 2);
        insert(&mut t, &mut c, "é");
        assert_eq!((t.as_str(), c), ("heéld", 3));
        insert(&mut t, &mut c, "a\nb");
        assert_eq!(split_at_cursor(&t, c), ("heéa\nb", "ld"));
        assert_eq!(cursor_line(&t, c), 1);
        let (mut t, mut c) = ("x".to_string(), 99);
        insert(&mut t, &mut c, "y");
        assert_eq!((t.as_str(), c), ("xy", 2), "a cursor past the end is put at the end");
    }
}
