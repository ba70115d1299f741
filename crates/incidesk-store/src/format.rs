//! The file document: `{"schema_version": 1, "desk": {...}}`, and turning bytes
//! into a checked desk and back. What a file that does not fit is told, in
//! words, is in `json_errors.rs`.

use super::error::StoreError;
use super::json_errors::{
    binary_start, binary_words, json_error, misfit_at, offset_of, position, serde_message,
};
use super::{SCHEMA_PLAIN, SCHEMA_VERSION};
use super::{locate, validate};
use incidesk_domain::archive::Archive;
use incidesk_domain::desk::Issued;
use incidesk_domain::{Customer, Desk, HistoryEntry, Incident, Pack, Product};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::Path;

/// The whole document as read. `deny_unknown_fields` so that a typo in a field
/// name is reported instead of silently dropped on the next save.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    schema_version: u32,
    /// The last journal change folded into this file; present in a file that
    /// uses the journal, so that an incidesk that knows no journal refuses it.
    #[serde(default)]
    journal_seq: Option<u64>,
    /// The id of the journal that goes with this version of the file (new at
    /// each rewrite): journal lines name it, so that lines written after a
    /// rewrite are never replayed onto an older copy.
    #[serde(default)]
    journal_id: Option<String>,
    desk: Desk,
}

/// What a data file says about its journal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// `journal_seq`: the last journal change folded into the file.
    pub seq: Option<u64>,
    /// `journal_id`: what the lines after it must name.
    pub id: Option<String>,
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    schema_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    journal_seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    journal_id: Option<&'a str>,
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

/// Bytes of a data file to a desk that passed `validate::problems`, its text
/// cleaned (see [`decode_counted`]).
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<Desk, StoreError> {
    decode_counted(path, bytes).map(|(desk, _)| desk)
}

/// [`decode`], and how many text fields held control sequences or other
/// invisible characters. The file may have been written by someone else, so
/// its text is cleaned as typed text is ([`Desk::clean_text`]); the file
/// itself is rewritten cleaned only by the next change saved.
pub(crate) fn decode_counted(path: &Path, bytes: &[u8]) -> Result<(Desk, usize), StoreError> {
    let (mut desk, _) = parse(path, bytes)?;
    let cleaned = desk.clean_text();
    let problems = validate::problems(&desk);
    if problems.is_empty() {
        Ok((desk, cleaned))
    } else {
        Err(StoreError::Invalid { path: path.to_path_buf(), problems })
    }
}

/// Like [`decode`], for `incidesk check`: when the file does not fit the
/// format, every element of the desk's lists is also checked on its own, so
/// that all the misfits are listed, not only the first.
pub(crate) fn decode_all(path: &Path, bytes: &[u8]) -> Result<(Desk, usize), Vec<StoreError>> {
    match decode_counted(path, bytes) {
        Ok(done) => Ok(done),
        Err(first @ StoreError::Schema { .. }) => {
            let text = strip_bom(bytes);
            let mut all = element_misfits(path, text);
            let inside = |e: &StoreError| match (e, &first) {
                (StoreError::Schema { line, column, .. }, StoreError::Schema { line: l, column: c, .. }) => {
                    (line, column) == (l, c)
                }
                _ => false,
            };
            if !all.iter().any(inside) {
                // The first misfit is outside the lists (or only shows in context).
                all.insert(0, first);
            }
            Err(all)
        }
        Err(e) => Err(vec![e]),
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    // A byte-order mark from a Windows editor is harmless; drop it.
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The document with the desk's history skipped (checked as JSON, not
/// built): the fields are [`Desk`]'s.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeWithoutHistory {
    schema_version: u32,
    #[serde(default)]
    journal_seq: Option<u64>,
    #[serde(default)]
    journal_id: Option<String>,
    desk: DeskWithoutHistory,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskWithoutHistory {
    #[serde(default)]
    customers: Vec<Customer>,
    #[serde(default)]
    products: Vec<Product>,
    #[serde(default)]
    packs: Vec<Pack>,
    #[serde(default)]
    incidents: Vec<Incident>,
    #[serde(default)]
    history: Vec<HistoryStub>,
    #[serde(default)]
    issued: Issued,
    #[serde(default)]
    archive: Archive,
}

/// A history entry checked like one but without its text kept: its `who`
/// and `what` are most of a big file, and needed by none of the views of
/// the queue, packs or report. When, whom it is about and the shape of the
/// rest are checked as for a whole entry, so a broken file is still refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryStub {
    #[serde(deserialize_with = "incidesk_domain::instant::de")]
    at: incidesk_domain::Instant,
    #[allow(dead_code)]
    who: AnyText,
    subject: incidesk_domain::Subject,
    #[allow(dead_code)]
    what: AnyText,
}

/// A JSON string, checked and not kept.
struct AnyText;

impl<'de> Deserialize<'de> for AnyText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = AnyText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<AnyText, E> {
                Ok(AnyText)
            }
        }
        d.deserialize_str(Text)
    }
}

/// [`parse`] with the desk's history read as stubs ([`HistoryStub`]: when
/// and whom, empty text), for a store that shows no history: enough to
/// check the file, then dropped by the store.
pub(crate) fn parse_without_history(path: &Path, bytes: &[u8]) -> Result<(Desk, Mark), StoreError> {
    let text = strip_bom(bytes);
    if let Ok(e) = from_text::<EnvelopeWithoutHistory>(text)
        && (1..=SCHEMA_VERSION).contains(&e.schema_version)
    {
        let DeskWithoutHistory { customers, products, packs, incidents, history, issued, archive } = e.desk;
        let history = history
            .into_iter()
            .map(|h| HistoryEntry {
                at: h.at,
                who: String::new(),
                subject: h.subject,
                what: String::new(),
                change: None,
            })
            .collect();
        let desk = Desk { customers, products, packs, incidents, history, issued, archive };
        return Ok((desk, Mark { seq: e.journal_seq, id: e.journal_id }));
    }
    // A file that fails is read whole, for the same precise errors.
    parse(path, bytes)
}

/// The bytes as JSON text: UTF-8 is checked once for the whole file, which
/// is faster than serde_json checking each string on its own (a fifth of
/// loading was that).
fn from_text<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ()> {
    let text = std::str::from_utf8(bytes).map_err(|_| ())?;
    serde_json::from_str(text).map_err(|_| ())
}

/// The history alone, read from `reader` as it comes (the rest of the
/// document is skipped), and the last journal change folded into the file.
/// For a desk already read and checked without it (see
/// [`parse_without_history`]): errors here are not diagnosed further.
pub(crate) fn history_from_reader(
    reader: impl std::io::BufRead,
) -> Result<(Vec<HistoryEntry>, Mark), serde_json::Error> {
    #[derive(Deserialize)]
    struct Doc {
        #[serde(default)]
        journal_seq: Option<u64>,
        #[serde(default)]
        journal_id: Option<String>,
        desk: HistoryOnly,
    }
    #[derive(Deserialize)]
    struct HistoryOnly {
        #[serde(default)]
        history: Vec<HistoryEntry>,
    }
    let mut reader = reader;
    // As `strip_bom` does for a file read whole.
    if reader.fill_buf().map_err(serde_json::Error::io)?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let doc: Doc = serde_json::from_reader(reader)?;
    Ok((doc.desk.history, Mark { seq: doc.journal_seq, id: doc.journal_id }))
}

/// Bytes to a desk and the last journal change folded into it (`None`: a
/// file that never used the journal), checked for syntax, shape and version
/// but not consistency, text not cleaned.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<(Desk, Mark), StoreError> {
    let text = strip_bom(bytes);
    // A good file is parsed once, straight into the desk: on a big desk each
    // pass over the bytes costs as much as the typed parse itself. Only a file
    // that fails is read again, step by step, to say precisely what is wrong.
    if text.trim_ascii_start().first() == Some(&b'{')
        && let Ok(envelope) = from_text::<Envelope>(text)
        && (1..=SCHEMA_VERSION).contains(&envelope.schema_version)
    {
        return Ok((envelope.desk, Mark { seq: envelope.journal_seq, id: envelope.journal_id }));
    }
    if text.trim_ascii().is_empty() {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    if text.starts_with(b"\xFF\xFE") || text.starts_with(b"\xFE\xFF") {
        return Err(StoreError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
                .into(),
        });
    }
    if let Err(e) = std::str::from_utf8(text) {
        let offset = e.valid_up_to();
        let (line, column) = position(text, offset);
        let message = match binary_start(text) {
            Some(first) => binary_words(&first),
            None => format!("byte 0x{:02X} is not UTF-8 text: the file must be saved as UTF-8", text[offset]),
        };
        return Err(StoreError::Syntax { path: path.to_path_buf(), line, column, message });
    }
    // JSON syntax first, so that a broken file is called that whatever its shape.
    serde_json::from_slice::<serde::de::IgnoredAny>(text).map_err(|e| json_error(path, text, &e, true))?;
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
    let probe: Probe = serde_json::from_slice(text).map_err(|e| json_error(path, text, &e, false))?;
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
    let envelope: Envelope = serde_json::from_slice(text).map_err(|e| json_error(path, text, &e, false))?;
    Ok((envelope.desk, Mark { seq: envelope.journal_seq, id: envelope.journal_id }))
}

/// Each element of the desk's lists read on its own: the misfits of all of them.
fn element_misfits(path: &Path, text: &[u8]) -> Vec<StoreError> {
    use incidesk_domain::{Customer, HistoryEntry, Incident, Pack, Product};
    fn misfit<T: serde::de::DeserializeOwned>(slice: &[u8]) -> Option<serde_json::Error> {
        serde_json::from_slice::<T>(slice).err()
    }
    let mut out = Vec::new();
    for el in locate::elements(text) {
        let slice = &text[el.start..el.end];
        let err = match el.list.as_str() {
            "customers" => misfit::<Customer>(slice),
            "products" => misfit::<Product>(slice),
            "packs" => misfit::<Pack>(slice),
            "incidents" => misfit::<Incident>(slice),
            "history" => misfit::<HistoryEntry>(slice),
            _ => None,
        };
        if let Some(e) = err {
            let offset = el.start + offset_of(slice, e.line(), e.column());
            out.push(misfit_at(path, text, offset, &serde_message(&e), false));
        }
    }
    out
}

/// Up to this size (compact) the file is written as pretty JSON.
pub const PRETTY_MAX_BYTES: usize = 1 << 20;

/// The file content for a desk: pretty JSON (people read and diff it) with a
/// trailing newline, or compact JSON on one line for a desk of
/// [`PRETTY_MAX_BYTES`] or more.
pub(crate) fn encode(desk: &Desk) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::new();
    encode_to(desk, None, &mut bytes).map_err(|e| StoreError::Encode { message: e.to_string() })?;
    Ok(bytes)
}

/// [`encode`] straight into `w` (saving writes the file this way, so that its
/// bytes are never all in memory), recording with `journal` (`journal_seq`,
/// `journal_id`) that journal changes up to it are in the file. An encoding failure comes back as an
/// `InvalidData` error.
pub(crate) fn encode_to(desk: &Desk, journal: Option<(u64, &str)>, w: &mut dyn Write) -> io::Result<()> {
    let schema_version = if desk.archive.is_empty() { SCHEMA_PLAIN } else { SCHEMA_VERSION };
    let (journal_seq, journal_id) = journal.map_or((None, None), |(s, id)| (Some(s), Some(id)));
    let doc = EnvelopeRef { schema_version, journal_seq, journal_id, desk };
    // A third of a pretty file is indentation, which costs as much to read
    // as the data; past this size nobody reads the file by eye anyway.
    if compact_below(&doc, PRETTY_MAX_BYTES) {
        serde_json::to_writer_pretty(&mut *w, &doc)?;
    } else {
        serde_json::to_writer(&mut *w, &doc)?;
    }
    w.write_all(b"\n")
}

/// Whether `doc` encodes (compact) to fewer than `limit` bytes; stops
/// encoding at the limit.
fn compact_below(doc: &impl Serialize, limit: usize) -> bool {
    struct Count(usize, usize);
    impl Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            if self.0 >= self.1 { Err(io::Error::other("big enough")) } else { Ok(buf.len()) }
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer(Count(0, limit), doc).is_ok()
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
        assert!(matches!(err("\n [1, {}]"), StoreError::Schema { line: 2, column: 2, .. }));
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

    fn message(text: &[u8]) -> String {
        decode(Path::new("d.json"), text).unwrap_err().to_string()
    }

    #[test]
    fn says_where_and_what_in_words() {
        // serde_json calls a number for an enum a syntax error; the JSON is fine.
        let sev = b"{\"schema_version\": 1, \"desk\": {\"incidents\": [{\"id\": \"I-1\", \"severity\": 3}]}}";
        assert!(matches!(decode(Path::new("d.json"), sev), Err(StoreError::Schema { .. })));
        assert!(message(sev).contains("in incidents[0] (I-1).severity: the value has the wrong type"));
        let m = message(b"\x89PNG\r\n\x1a\n\0\0");
        assert!(m.contains("line 1, column 1: not valid JSON: the file holds binary data"), "{m}");
        assert!(message(b"\xFF\xFE{\0").contains("UTF-16"));
        assert!(
            message(b"{\"a\": \"\xC3\"}")
                .contains("line 1, column 8: not valid JSON: byte 0xC3 is not UTF-8")
        );
        assert!(
            message(b"{\n  // note\n}")
                .contains("line 2, column 3: not valid JSON: JSON does not allow comments")
        );
        assert!(
            message(b"{\"a\": \"x\x01\"}")
                .contains("line 1, column 9: not valid JSON: a raw control character (byte 0x01)")
        );
        let cut = message(b"{\"schema_version\": 1, \"desk\": {\"customers\": [{\"name\": \"Ac");
        assert!(
            cut.contains("the file ends too early: in customers[0].name: it stops inside a text value"),
            "{cut}"
        );
        let date = br#"{"schema_version": 1, "desk": {"products": [{"id": "PR-1", "name": "x", "mainstream_end": "2026-02-30"}]}}"#;
        assert!(message(date).contains("in products[0] (PR-1).mainstream_end: '2026-02-30' is not a valid date or time (input is out of range): a date is written YYYY-MM-DD"));
    }

    #[test]
    fn lists_every_misfit_element() {
        let text = br#"{"schema_version": 1, "desk": {
            "customers": [{"id": "C-1", "name": 5}],
            "incidents": [{"id": "I-1", "severity": "D"}, {"id": "I-2", "title": []}]}}"#;
        let all = decode_all(Path::new("d.json"), text).unwrap_err();
        let all: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(
            all[0].contains("line 2, column ") && all[0].contains("in customers[0] (C-1).name: invalid type")
        );
        assert!(all[1].contains("in incidents[0] (I-1).severity: unknown variant `D`"));
        assert!(all[2].contains("in incidents[1] (I-2).title: invalid type: sequence"));
        // A misfit outside the lists is listed first.
        let text =
            br#"{"schema_version": 1, "desk": {"tickets": 1, "customers": [{"id": "C-1", "name": 5}]}}"#;
        let all = decode_all(Path::new("d.json"), text).unwrap_err();
        assert_eq!(all.len(), 2);
        assert!(all[0].to_string().contains("unknown field `tickets`"));
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
