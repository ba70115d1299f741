//! serde_json's errors in our words: where in the file (line, column and the
//! path into the document) and what is wrong there, said so that someone
//! editing the file by hand can fix it. Apart from [`format`](super::format),
//! which reads and writes the file, because the words are most of the code.

use super::error::StoreError;
use super::locate;
use incidesk_domain::text::clean_line;
use std::path::Path;

/// serde_json's message without its " at line L column C".
pub(crate) fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    full.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&full).to_string()
}

/// A serde_json error in our words. `syntax_pass`: the text is being checked
/// for JSON syntax only; afterwards every error is a misfit of the format
/// (serde_json calls some of those syntax errors, e.g. a number for a severity).
pub(crate) fn json_error(path: &Path, text: &[u8], e: &serde_json::Error, syntax_pass: bool) -> StoreError {
    use serde_json::error::Category;
    let mut offset = offset_of(text, e.line(), e.column());
    let message = serde_message(e);
    if message.starts_with("control character") {
        // serde_json points at the control character or just before it.
        offset += text[offset..].iter().take(2).position(|&b| b < 0x20).unwrap_or(0);
    }
    if !syntax_pass {
        return misfit_at(path, text, offset, &message, false);
    }
    match e.classify() {
        Category::Eof => misfit_at(path, text, offset, &message, true),
        Category::Data | Category::Syntax | Category::Io => {
            let (line, column) = position(text, offset);
            let message = clean_line(&syntax_words(text, offset, &message));
            StoreError::Syntax { path: path.to_path_buf(), line, column, message }
        }
    }
}

/// A misfit (or, with `cut`, the end of a cut-off file) at `offset`, saying
/// where in the document that is.
pub(crate) fn misfit_at(path: &Path, text: &[u8], offset: usize, message: &str, cut: bool) -> StoreError {
    let (line, column) = position(text, offset);
    let place = locate::place(text, offset);
    let mut words = if cut { eof_words(message) } else { misfit_words(text, offset, &place, message) };
    if !place.path.is_empty() {
        words = format!("in {}: {words}", place.path);
    }
    // Keys and values quoted from the file reach a terminal.
    let words = clean_line(&words);
    let path = path.to_path_buf();
    if cut {
        StoreError::Truncated { path, line, column, message: words }
    } else {
        StoreError::Schema { path, line, column, message: words }
    }
}

fn eof_words(message: &str) -> String {
    match message {
        "EOF while parsing a string" => "it stops inside a text value".into(),
        "EOF while parsing a list" => "it stops inside a list (a `]` is missing)".into(),
        "EOF while parsing an object" => "it stops inside an object (a `}` is missing)".into(),
        "EOF while parsing a value" => "it stops where a value should be".into(),
        other => other.to_string(),
    }
}

/// Dates and instants as the file writes them.
const DATE_KEYS: [&str; 6] =
    ["purchased", "mainstream_end", "extended_end", "holidays", "received", "expires"];
/// What chrono says about a date or time it can't read.
const CHRONO_ERRORS: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

fn misfit_words(text: &[u8], offset: usize, place: &locate::Place, message: &str) -> String {
    let value = string_ending_at(text, offset);
    let quoted = value.as_deref().map_or(String::new(), |v| format!("'{v}' "));
    if CHRONO_ERRORS.contains(&message) {
        let expected = if place.key.as_deref().is_some_and(|k| DATE_KEYS.contains(&k)) {
            "a date is written YYYY-MM-DD, e.g. 2026-03-02"
        } else {
            "an instant is written in RFC 3339, e.g. 2026-03-02T09:30:00Z"
        };
        return format!("{quoted}is not a valid date or time ({message}): {expected}");
    }
    if message.starts_with("failed to parse timezone") {
        return format!("{message}: use an IANA time zone name such as Europe/Stockholm");
    }
    if message == "recursion limit exceeded" {
        return "lists and objects nested more than 128 deep: this is not an incidesk data file".into();
    }
    if message == "expected value" {
        return "the value has the wrong type for this field (see DATA-FORMAT.md)".into();
    }
    message.to_string()
}

fn syntax_words(text: &[u8], offset: usize, message: &str) -> String {
    if let Some(first) = binary_start(text) {
        return binary_words(&first);
    }
    let here = text.get(offset).copied();
    match message {
        "expected value" | "key must be a string" if here == Some(b'/') => {
            "JSON does not allow comments (// or /* */)".into()
        }
        "expected value" => {
            "expected a value here: text in quotes, a number, true, false, null, a list [...] or an object {...}".into()
        }
        "trailing characters" => "more text after the end of the document: a data file is one JSON object".into(),
        m if m.starts_with("control character") => format!(
            "a raw control character (byte 0x{:02X}) inside a text value: remove it, or write it as an escape such as \\u0000",
            here.unwrap_or(0)
        ),
        m => m.to_string(),
    }
}

pub(crate) fn binary_words(first: &str) -> String {
    format!(
        "the file holds binary data, not text (it starts with bytes {first}); it is not an incidesk data file"
    )
}

/// The first bytes as hex, when the file does not start like text: a control
/// byte or bytes that are not UTF-8 among its first four (PNG, ZIP, gzip, ELF...).
pub(crate) fn binary_start(text: &[u8]) -> Option<String> {
    let head = &text[..text.len().min(4)];
    let not_utf8 = std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some());
    let controls = head.iter().any(|&b| (b < 0x20 && !b"\t\n\r".contains(&b)) || b == 0x7F);
    (not_utf8 || controls).then(|| {
        let hex: Vec<String> = text.iter().take(8).map(|b| format!("{b:02X}")).collect();
        hex.join(" ")
    })
}

/// The JSON string whose closing quote is at `offset`, if short enough to quote.
fn string_ending_at(text: &[u8], offset: usize) -> Option<String> {
    if text.get(offset) != Some(&b'"') {
        return None;
    }
    let open = text[..offset].iter().rposition(|&b| b == b'"')?;
    let s = std::str::from_utf8(&text[open + 1..offset]).ok()?;
    (s.chars().count() <= 40 && !s.contains('\\')).then(|| s.to_string())
}

/// Byte offset of serde_json's 1-based line and column (column 0: the line's start).
pub(crate) fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        let mut seen = 1;
        for (i, &b) in text.iter().enumerate() {
            if b == b'\n' {
                seen += 1;
                if seen == line {
                    start = i + 1;
                    break;
                }
            }
        }
    }
    (start + column.saturating_sub(1)).min(text.len())
}

/// 1-based line and column of a byte offset.
pub(crate) fn position(text: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    (line, column)
}
