//! The file document: `{"schema_version": 1, "desk": {...}}`, and turning bytes
//! into a checked desk and back.

use super::SCHEMA_VERSION;
use super::error::StoreError;
use super::validate;
use crate::domain::Desk;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The whole document as read. `deny_unknown_fields` so that a typo in a field
/// name is reported instead of silently dropped on the next save.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    schema_version: u32,
    desk: Desk,
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    schema_version: u32,
    desk: &'a Desk,
}

/// Reads only the version (the rest is checked for JSON syntax and skipped), so
/// that a file from a newer incidesk is refused for its version, not for the
/// fields this one does not know.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    schema_version: Option<u64>,
}

/// Bytes of a data file to a desk that passed `validate::problems`.
///
/// A good file is parsed once, straight into the desk. Only when that fails
/// is it read again, step by step, to say precisely what is wrong (see
/// [`diagnose`]): on a big desk each pass over the bytes costs as much as
/// the typed parse itself.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<Desk, StoreError> {
    // A byte-order mark from a Windows editor is harmless; drop it.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.trim_ascii().is_empty() {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    // serde would also accept a top-level array as the envelope; we don't.
    let envelope = match text.trim_ascii_start().first() {
        Some(b'{') => serde_json::from_slice::<Envelope>(text).ok(),
        _ => None,
    };
    let Some(envelope) = envelope else {
        return diagnose(path, text).and_then(|desk| checked(path, desk));
    };
    match envelope.schema_version {
        0 => return Err(StoreError::UnknownVersion { path: path.to_path_buf(), found: 0 }),
        v if v > SCHEMA_VERSION => {
            return Err(StoreError::NewerVersion { path: path.to_path_buf(), found: u64::from(v) });
        }
        _ => {}
    }
    checked(path, envelope.desk)
}

fn checked(path: &Path, desk: Desk) -> Result<Desk, StoreError> {
    let problems = validate::problems(&desk);
    if problems.is_empty() {
        Ok(desk)
    } else {
        Err(StoreError::Invalid { path: path.to_path_buf(), problems })
    }
}

/// Reads `text` step by step to say why it is not a data file this incidesk
/// reads: JSON syntax first, then the top level, then the version (so that a
/// newer file is refused for its version, not for fields this incidesk does
/// not know), then the schema. (Called after the typed parse failed, so one
/// of the steps fails too.)
fn diagnose(path: &Path, text: &[u8]) -> Result<Desk, StoreError> {
    // JSON syntax first, so that a broken file is called that whatever its shape.
    serde_json::from_slice::<serde::de::IgnoredAny>(text).map_err(|e| json_error(path, &e))?;
    // serde would also accept a top-level array as the envelope; we don't.
    let start = text.len() - text.trim_ascii_start().len();
    if text[start] != b'{' {
        let (line, column) = position(text, start);
        return Err(StoreError::Schema {
            path: path.to_path_buf(),
            line,
            column,
            message: format!(
                "the top level must be an object: {{\"schema_version\": {SCHEMA_VERSION}, \"desk\": {{...}}}}"
            ),
        });
    }
    let probe: Probe = serde_json::from_slice(text).map_err(|e| json_error(path, &e))?;
    match probe.schema_version {
        None => {
            return Err(StoreError::MissingVersion { path: path.to_path_buf() });
        }
        Some(0) => {
            return Err(StoreError::UnknownVersion { path: path.to_path_buf(), found: 0 });
        }
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(StoreError::NewerVersion { path: path.to_path_buf(), found: v });
        }
        Some(_) => {}
    }
    let envelope: Envelope = serde_json::from_slice(text).map_err(|e| json_error(path, &e))?;
    Ok(envelope.desk)
}

/// The file content for a desk: pretty JSON (people read and diff it) with a
/// trailing newline.
pub(crate) fn encode(desk: &Desk) -> Result<Vec<u8>, StoreError> {
    let doc = EnvelopeRef { schema_version: SCHEMA_VERSION, desk };
    let mut bytes =
        serde_json::to_vec_pretty(&doc).map_err(|e| StoreError::Encode { message: e.to_string() })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn json_error(path: &Path, e: &serde_json::Error) -> StoreError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    // serde_json appends " at line L column C"; we say that in our own words.
    let full = e.to_string();
    let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full).to_string();
    let path = path.to_path_buf();
    match e.classify() {
        Category::Eof => StoreError::Truncated { path, line, column, message },
        Category::Data => StoreError::Schema { path, line, column, message },
        Category::Syntax | Category::Io => StoreError::Syntax { path, line, column, message },
    }
}

/// 1-based line and column of a byte offset.
fn position(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> StoreError {
        decode(Path::new("d.json"), text.as_bytes()).unwrap_err()
    }

    #[test]
    fn classifies_errors() {
        assert!(matches!(err("  \n"), StoreError::Empty { .. }));
        assert!(matches!(err("{\"schema_version\": 1,\n x}"), StoreError::Syntax { line: 2, column: 2, .. }));
        assert!(matches!(err("{\"schema_version\": 1, \"desk\": {"), StoreError::Truncated { .. }));
        assert!(matches!(err("{\"desk\": {}}"), StoreError::MissingVersion { .. }));
        assert!(matches!(err("{\"schema_version\": 0, \"desk\": {}}"), StoreError::UnknownVersion { .. }));
        assert!(matches!(
            err("{\"schema_version\": 7, \"desk\": {\"new\": 1}}"),
            StoreError::NewerVersion { found: 7, .. }
        ));
        assert!(matches!(
            err("{\"schema_version\": 2, \"desk\": {}}"),
            StoreError::NewerVersion { found: 2, .. }
        ));
        assert!(matches!(err("\n [1, {}]"), StoreError::Schema { line: 2, column: 2, .. }));
        assert!(matches!(err("\n [1, {"), StoreError::Truncated { .. }));
        assert!(matches!(err("nonsense"), StoreError::Syntax { line: 1, .. }));
        assert!(matches!(
            err("{\"schema_version\": \"1\", \"desk\": {}}"),
            StoreError::Schema { line: 1, .. }
        ));
        assert!(matches!(
            err("{\"schema_version\": 1, \"desk\": {\"customer\": []}}"),
            StoreError::Schema { .. }
        ));
        assert!(matches!(err("{\"schema_version\": 1}"), StoreError::Schema { .. }));
    }

    #[test]
    fn round_trips_an_empty_desk() {
        let bytes = encode(&Desk::default()).unwrap();
        assert!(bytes.ends_with(b"}\n"));
        assert_eq!(decode(Path::new("d.json"), &bytes).unwrap(), Desk::default());
        let bom = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
        assert_eq!(decode(Path::new("d.json"), &bom).unwrap(), Desk::default());
    }
}
