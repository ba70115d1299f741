//! The journal beside a big data file: `PATH.journal`, one JSON line per change
//! saved since the data file was last rewritten (DATA-FORMAT.md, "The journal").
//!
//! A line (format 2) holds what a change did: the records it created or
//! removed whole (`put`), the fields it changed in the others (`patch`, see
//! `patch.rs`), the history entries it added and the id counters, with the
//! journal id of the data file it applies to (`base`), a sequence number and
//! an FNV-1a checksum of the rest of the line:
//!
//! ```text
//! {"sum":"<16 hex digits>","v":2,"base":"<journal id>","seq":7,"patch":[...],"history":[...],"issued":{...}}
//! ```
//!
//! The checksum covers the bytes after `{"sum":"<16 hex>",`. Only a last line
//! without its newline is a torn append (the writer died inside its write, so
//! the change was never acknowledged) and is ignored: a complete line that
//! fails its checksum was acknowledged once, and is refused with its number,
//! as is a gap in the sequence or a line made for another version of the
//! data file. Lines of format 1 (no `v`, no `base`, whole records only) are
//! still read, beside a data file that records no journal id.

use crate::patch::{self, Change, Patch, Told};
use incidesk_domain::desk::Issued;
use incidesk_domain::undo::Snapshot;
use incidesk_domain::{Desk, HistoryEntry};
use serde::{Deserialize, Serialize};

/// The line format written; a line of a newer one is refused, not guessed at.
pub(crate) const VERSION: u32 = 2;

/// One change, as replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub seq: u64,
    /// Records created, removed (`None`) or written whole.
    pub put: Vec<Snapshot>,
    /// Records changed, as what changed.
    pub patch: Vec<Patch>,
    pub history: Vec<HistoryEntry>,
    pub issued: Issued,
}

impl Entry {
    pub(crate) fn of_changes(
        seq: u64,
        changes: impl IntoIterator<Item = Change>,
        history: Vec<HistoryEntry>,
        issued: Issued,
    ) -> Entry {
        let (mut put, mut patches) = (Vec::new(), Vec::new());
        for c in changes {
            match c {
                Change::Whole(s) => put.push(s),
                Change::Patch(p) => patches.push(p),
            }
        }
        Entry { seq, put, patch: patches, history, issued }
    }
}

#[derive(Serialize)]
struct LineOut<'a> {
    v: u32,
    base: &'a str,
    seq: u64,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    put: &'a [Snapshot],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    patch: &'a [Patch],
    history: Vec<Told>,
    issued: &'a Issued,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    #[allow(dead_code)]
    sum: String,
    #[serde(default)]
    v: Option<u32>,
    #[serde(default)]
    base: Option<String>,
    seq: u64,
    #[serde(default)]
    put: Vec<Snapshot>,
    #[serde(default)]
    patch: Vec<Patch>,
    history: Vec<Told>,
    issued: Issued,
}

/// Only the format version, read before the rest: a newer line may hold
/// fields this incidesk does not know.
#[derive(Deserialize)]
struct Version {
    #[serde(default)]
    v: Option<u64>,
}

const PREFIX: &[u8] = b"{\"sum\":\"";
/// `{"sum":"` + 16 hex digits + `",`
const HEAD: usize = PREFIX.len() + 16 + 2;

/// FNV-1a, 64 bits.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `body` (a JSON object) with a checksum of the rest as its first field,
/// and a newline: the framing of journal lines and of `PATH.reach`.
pub(crate) fn frame(body: &[u8]) -> Vec<u8> {
    // body is `{...}`: the checksum covers what follows its `{`.
    let rest = &body[1..];
    let mut line = Vec::with_capacity(HEAD + rest.len() + 1);
    line.extend_from_slice(PREFIX);
    line.extend_from_slice(format!("{:016x}", fnv1a(rest)).as_bytes());
    line.extend_from_slice(b"\",");
    line.extend_from_slice(rest);
    line.push(b'\n');
    line
}

/// Checks the framing and checksum of a line (without its newline).
pub(crate) fn unframe(line: &[u8]) -> Result<(), String> {
    if line.len() < HEAD || !line.starts_with(PREFIX) || &line[HEAD - 2..HEAD] != b"\"," {
        return Err("it does not start with {\"sum\":\"<16 hex digits>\",".into());
    }
    let hex = std::str::from_utf8(&line[PREFIX.len()..HEAD - 2]).map_err(|_| "bad checksum digits")?;
    let sum = u64::from_str_radix(hex, 16).map_err(|_| "bad checksum digits".to_string())?;
    if sum != fnv1a(&line[HEAD..]) {
        return Err(
            "its checksum does not match its content (the line was damaged after it was written)".into()
        );
    }
    Ok(())
}

/// The journal line (with its newline) for `entry`, for the data file whose
/// journal id is `base`.
pub(crate) fn encode(entry: &Entry, base: &str) -> Result<Vec<u8>, String> {
    let out = LineOut {
        v: VERSION,
        base,
        seq: entry.seq,
        put: &entry.put,
        patch: &entry.patch,
        history: patch::tell(&entry.history, &entry.patch),
        issued: &entry.issued,
    };
    let body = serde_json::to_vec(&out).map_err(|e| e.to_string())?;
    Ok(frame(&body))
}

/// One line (without its newline) to an entry and the journal id it names.
fn decode_line(line: &[u8]) -> Result<(Entry, Option<String>), String> {
    unframe(line)?;
    let version: Version = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    match version.v {
        Some(v) if v > u64::from(VERSION) => {
            return Err(format!(
                "it was written by a newer incidesk (journal format {v}, this one reads up to {VERSION}): upgrade incidesk"
            ));
        }
        Some(0 | 1) => return Err("it names a journal format that was never written".into()),
        _ => {}
    }
    let l: LineIn = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if l.v.is_none() && (l.base.is_some() || !l.patch.is_empty()) {
        return Err("it has a journal id or a patch but no format version".into());
    }
    if l.v.is_some() && l.base.is_none() {
        return Err("it has no journal id (`base`)".into());
    }
    let history = patch::history(l.history, &l.patch)?;
    Ok((Entry { seq: l.seq, put: l.put, patch: l.patch, history, issued: l.issued }, l.base))
}

/// A journal read from its bytes.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The changes after the data file's `journal_seq`, in order.
    pub entries: Vec<Entry>,
    /// The line the first of `entries` is on.
    pub entries_line: usize,
    /// Bytes of complete, valid lines (a torn tail starts here).
    pub valid_len: usize,
    /// Complete valid lines, including those already folded.
    pub lines: usize,
    /// The last sequence number written (the data file's if there are no lines).
    pub last_seq: u64,
}

/// A bad journal: the 1-based line and what is wrong.
#[derive(Debug, Clone)]
pub(crate) struct Bad {
    pub line: usize,
    pub message: String,
}

/// Whether a line numbered past the data file's `journal_seq` was made for
/// this data file: it names the journal id the file records (`base`).
fn check_base(base: Option<&str>, line: Option<&str>) -> Result<(), String> {
    let restored = "the data file is not the one this journal was written beside (a restored .bak, or an older copy?): put back the data file it belongs to, or move the journal away to use this data file without its changes";
    match (base, line) {
        (Some(b), Some(l)) if b == l => Ok(()),
        (None, None) => Ok(()),
        (Some(b), Some(l)) => {
            Err(format!("it is a change to journal id {l}, but the data file's is {b}: {restored}"))
        }
        (Some(b), None) => Err(format!("it has no journal id, but the data file's is {b}: {restored}")),
        (None, Some(l)) => {
            Err(format!("it is a change to journal id {l}, but the data file records none: {restored}"))
        }
    }
}

/// Reads the journal bytes that follow the changes up to `after` (the data
/// file's `journal_seq`, or the last change already read when `first_line`
/// is not 1). Lines with `seq <= after` are skipped: they were folded into
/// the data file by a save that died before emptying the journal (they may
/// name the journal id of the file before). The others must name `base`,
/// the data file's journal id.
pub(crate) fn read(bytes: &[u8], after: u64, first_line: usize, base: Option<&str>) -> Result<Read, Bad> {
    let mut out = Read { last_seq: after, entries_line: first_line, ..Read::default() };
    let mut prev: Option<u64> = None;
    let mut pos = 0;
    let mut n = first_line;
    while pos < bytes.len() {
        let Some(end) = bytes[pos..].iter().position(|&b| b == b'\n').map(|i| pos + i) else {
            // No newline: an append cut short. Never acknowledged.
            break;
        };
        let bad = |message: String| Bad { line: n, message };
        let (entry, line_base) = decode_line(&bytes[pos..end]).map_err(bad)?;
        if prev.is_none() && entry.seq > after + 1 {
            return Err(bad(format!(
                "change {} follows change {after}: changes {}..{} are missing",
                entry.seq,
                after + 1,
                entry.seq - 1
            )));
        }
        let expected = prev.map_or(entry.seq.min(after + 1).max(1), |p| p + 1);
        if entry.seq != expected {
            return Err(bad(format!(
                "change {} follows change {}: the sequence must go up by one",
                entry.seq,
                prev.unwrap_or(after)
            )));
        }
        prev = Some(entry.seq);
        out.last_seq = out.last_seq.max(entry.seq);
        if entry.seq > after {
            check_base(base, line_base.as_deref()).map_err(bad)?;
            if out.entries.is_empty() {
                out.entries_line = n;
            }
            out.entries.push(entry);
        }
        out.lines += 1;
        out.valid_len = end + 1;
        pos = end + 1;
        n += 1;
    }
    Ok(out)
}

/// Puts a change on the desk: whole records replaced (or inserted, or
/// removed) by id, patches applied, history appended, counters set. A patch
/// that does not fit the desk is an error.
pub(crate) fn replay(desk: &mut Desk, entry: Entry) -> Result<(), String> {
    fn put<T, Id: Ord + Copy>(list: &mut Vec<T>, id: Id, key: impl Fn(&T) -> Id, value: Option<Box<T>>) {
        match (list.binary_search_by_key(&id, &key), value) {
            (Ok(i), Some(v)) => list[i] = *v,
            (Ok(i), None) => {
                list.remove(i);
            }
            (Err(i), Some(v)) => list.insert(i, *v),
            (Err(_), None) => {}
        }
    }
    for s in entry.put {
        match s {
            Snapshot::Customer(id, v) => put(&mut desk.customers, id, |x| x.id, v),
            Snapshot::Product(id, v) => put(&mut desk.products, id, |x| x.id, v),
            Snapshot::Pack(id, v) => put(&mut desk.packs, id, |x| x.id, v),
            Snapshot::Incident(id, v) => put(&mut desk.incidents, id, |x| x.id, v),
        }
    }
    for p in &entry.patch {
        patch::apply(desk, p)?;
    }
    desk.history.extend(entry.history);
    desk.issued = entry.issued;
    Ok(())
}

/// Replays every entry of `read` in order; a change that does not fit is
/// refused with its line.
pub(crate) fn replay_all(desk: &mut Desk, read: &mut Read) -> Result<(), Bad> {
    let line = read.entries_line;
    for (i, e) in std::mem::take(&mut read.entries).into_iter().enumerate() {
        replay(desk, e).map_err(|message| Bad { line: line + i, message })?;
    }
    Ok(())
}

/// The change from `old` to `new` as a journal entry numbered `seq`, or `None`
/// when it can't be one (history not only appended to, or lists not sorted
/// by id): then the whole file is written instead.
pub(crate) fn diff(old: &Desk, new: &Desk, seq: u64) -> Option<Entry> {
    fn lists<T: PartialEq + Clone, Id: Ord + Copy>(
        old: &[T],
        new: &[T],
        key: impl Fn(&T) -> Id,
        snap: impl Fn(Id, Option<Box<T>>) -> Snapshot,
        out: &mut Vec<Change>,
    ) -> Option<()> {
        let sorted = |l: &[T]| l.windows(2).all(|w| key(&w[0]) < key(&w[1]));
        if !sorted(old) || !sorted(new) {
            return None;
        }
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            match (old.get(i), new.get(j)) {
                (Some(a), Some(b)) if key(a) == key(b) => {
                    if a != b {
                        let old = snap(key(a), Some(Box::new(a.clone())));
                        out.push(patch::compact(Some(&old), snap(key(b), Some(Box::new(b.clone())))));
                    }
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if key(a) < key(b) => {
                    out.push(Change::Whole(snap(key(a), None)));
                    i += 1;
                }
                (Some(a), None) => {
                    out.push(Change::Whole(snap(key(a), None)));
                    i += 1;
                }
                (_, Some(b)) => {
                    out.push(Change::Whole(snap(key(b), Some(Box::new(b.clone())))));
                    j += 1;
                }
                (None, None) => unreachable!(),
            }
        }
        Some(())
    }
    // Every field of the desk, so that a field added to it does not compile
    // until it is carried by the journal too.
    let Desk { customers, products, packs, incidents, history, issued, archive } = new;
    // Moving incidents to or from the archive is a rewrite of the file anyway
    // (it is done with the archive files, see `JsonStore::archive`).
    if *archive != old.archive {
        return None;
    }
    if history.len() < old.history.len() || history[..old.history.len()] != old.history[..] {
        return None;
    }
    let mut changes = Vec::new();
    lists(&old.customers, customers, |x| x.id, Snapshot::Customer, &mut changes)?;
    lists(&old.products, products, |x| x.id, Snapshot::Product, &mut changes)?;
    lists(&old.packs, packs, |x| x.id, Snapshot::Pack, &mut changes)?;
    lists(&old.incidents, incidents, |x| x.id, Snapshot::Incident, &mut changes)?;
    Some(Entry::of_changes(seq, changes, history[old.history.len()..].to_vec(), *issued))
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
