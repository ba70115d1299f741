//! The journal beside a big data file: `PATH.journal`, one JSON line per change
//! saved since the data file was last rewritten (DATA-FORMAT.md, "The journal").
//!
//! A line holds a change's after-images (the customers, products, packs and
//! incidents it changed, created or removed), the history entries it added and
//! the id counters, with a sequence number and an FNV-1a checksum of the rest
//! of the line:
//!
//! ```text
//! {"sum":"<16 hex digits>","seq":7,"put":[...],"history":[...],"issued":{...}}
//! ```
//!
//! The checksum covers the bytes after `{"sum":"<16 hex>",`. A last line that is
//! cut short or fails its checksum is a torn append (the writer died before its
//! fsync returned, so the change was never acknowledged) and is ignored; a bad
//! line anywhere else, or a gap in the sequence, is an error.

use incidesk_domain::desk::Issued;
use incidesk_domain::undo::Snapshot;
use incidesk_domain::{Desk, HistoryEntry};
use serde::{Deserialize, Serialize};

/// One change, as replayed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub seq: u64,
    pub put: Vec<Snapshot>,
    pub history: Vec<HistoryEntry>,
    pub issued: Issued,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[allow(dead_code)]
    sum: String,
    seq: u64,
    put: Vec<Snapshot>,
    history: Vec<HistoryEntry>,
    issued: Issued,
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

/// The journal line (with its newline) for `entry`.
pub(crate) fn encode(entry: &Entry) -> Result<Vec<u8>, String> {
    let body = serde_json::to_vec(entry).map_err(|e| e.to_string())?;
    // body is `{"seq":...}`: the checksum covers what follows its `{`.
    let rest = &body[1..];
    let mut line = Vec::with_capacity(HEAD + rest.len() + 1);
    line.extend_from_slice(PREFIX);
    line.extend_from_slice(format!("{:016x}", fnv1a(rest)).as_bytes());
    line.extend_from_slice(b"\",");
    line.extend_from_slice(rest);
    line.push(b'\n');
    Ok(line)
}

/// One line (without its newline) to an entry, or what is wrong with it.
fn decode_line(line: &[u8]) -> Result<Entry, String> {
    if line.len() < HEAD || !line.starts_with(PREFIX) || &line[HEAD - 2..HEAD] != b"\"," {
        return Err("it does not start with {\"sum\":\"<16 hex digits>\",".into());
    }
    let hex = std::str::from_utf8(&line[PREFIX.len()..HEAD - 2]).map_err(|_| "bad checksum digits")?;
    let sum = u64::from_str_radix(hex, 16).map_err(|_| "bad checksum digits".to_string())?;
    if sum != fnv1a(&line[HEAD..]) {
        return Err("its checksum does not match its content".into());
    }
    let l: Line = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    Ok(Entry { seq: l.seq, put: l.put, history: l.history, issued: l.issued })
}

/// A journal read from its bytes.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The changes after the data file's `journal_seq`, in order.
    pub entries: Vec<Entry>,
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

/// Reads the journal bytes that follow the changes up to `after` (the data
/// file's `journal_seq`, or the last change already read when `first_line`
/// is not 1). Lines with `seq <= after` are skipped: they were folded into
/// the data file by a save that died before emptying the journal.
pub(crate) fn read(bytes: &[u8], after: u64, first_line: usize) -> Result<Read, Bad> {
    let mut out = Read { last_seq: after, ..Read::default() };
    let mut prev: Option<u64> = None;
    let mut pos = 0;
    let mut n = first_line;
    while pos < bytes.len() {
        let end = bytes[pos..].iter().position(|&b| b == b'\n').map(|i| pos + i);
        let Some(end) = end else {
            // No newline: an append cut short. Never acknowledged.
            break;
        };
        let is_last = end + 1 == bytes.len() || bytes[end + 1..].iter().all(|&b| b == b'\n');
        match decode_line(&bytes[pos..end]) {
            Ok(entry) => {
                let expected = prev.map_or(entry.seq.min(after + 1).max(1), |p| p + 1);
                if prev.is_none() && entry.seq > after + 1 {
                    return Err(Bad {
                        line: n,
                        message: format!(
                            "change {} follows change {after}: changes {}..{} are missing",
                            entry.seq,
                            after + 1,
                            entry.seq - 1
                        ),
                    });
                }
                if entry.seq != expected {
                    return Err(Bad {
                        line: n,
                        message: format!(
                            "change {} follows change {}: the sequence must go up by one",
                            entry.seq,
                            prev.unwrap_or(after)
                        ),
                    });
                }
                prev = Some(entry.seq);
                out.last_seq = out.last_seq.max(entry.seq);
                if entry.seq > after {
                    out.entries.push(entry);
                }
                out.lines += 1;
                out.valid_len = end + 1;
            }
            Err(_) if is_last => break,
            Err(message) => return Err(Bad { line: n, message }),
        }
        pos = end + 1;
        n += 1;
    }
    Ok(out)
}

/// Puts a change's after-images and history on the desk.
pub(crate) fn replay(desk: &mut Desk, entry: Entry) {
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
    desk.history.extend(entry.history);
    desk.issued = entry.issued;
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
        out: &mut Vec<Snapshot>,
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
                        out.push(snap(key(b), Some(Box::new(b.clone()))));
                    }
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if key(a) < key(b) => {
                    out.push(snap(key(a), None));
                    i += 1;
                }
                (Some(a), None) => {
                    out.push(snap(key(a), None));
                    i += 1;
                }
                (_, Some(b)) => {
                    out.push(snap(key(b), Some(Box::new(b.clone()))));
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
    let mut put = Vec::new();
    lists(&old.customers, customers, |x| x.id, Snapshot::Customer, &mut put)?;
    lists(&old.products, products, |x| x.id, Snapshot::Product, &mut put)?;
    lists(&old.packs, packs, |x| x.id, Snapshot::Pack, &mut put)?;
    lists(&old.incidents, incidents, |x| x.id, Snapshot::Incident, &mut put)?;
    Some(Entry { seq, put, history: history[old.history.len()..].to_vec(), issued: *issued })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64) -> Entry {
        Entry { seq, put: Vec::new(), history: Vec::new(), issued: Issued::default() }
    }

    fn lines(seqs: &[u64]) -> Vec<u8> {
        seqs.iter().flat_map(|&s| encode(&entry(s)).unwrap()).collect()
    }

    #[test]
    fn round_trips_and_checks_the_sum() {
        let line = encode(&entry(3)).unwrap();
        assert!(line.starts_with(b"{\"sum\":\"") && line.ends_with(b"}\n"));
        serde_json::from_slice::<serde_json::Value>(&line).expect("a line is JSON");
        assert_eq!(decode_line(&line[..line.len() - 1]).unwrap(), entry(3));
        let mut bad = line.clone();
        let at = bad.len() - 3;
        bad[at] = b'9';
        assert!(decode_line(&bad[..bad.len() - 1]).is_err());
    }

    #[test]
    fn ignores_a_torn_tail_only() {
        let mut bytes = lines(&[1, 2]);
        let good = bytes.len();
        let third = encode(&entry(3)).unwrap();
        bytes.extend_from_slice(&third[..third.len() / 2]);
        let r = read(&bytes, 0, 1).unwrap();
        assert_eq!((r.entries.len(), r.valid_len, r.last_seq), (2, good, 2));
        // Cut but newline-terminated (blocks written out of order): still the tail.
        bytes.push(b'\n');
        assert_eq!(read(&bytes, 0, 1).unwrap().entries.len(), 2);
        // A bad line followed by a good one is not a tail.
        bytes.extend_from_slice(&third);
        let e = read(&bytes, 0, 1).unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn skips_folded_lines_and_refuses_gaps() {
        let r = read(&lines(&[4, 5, 6]), 5, 1).unwrap();
        assert_eq!(r.entries, vec![entry(6)]);
        assert_eq!((r.lines, r.last_seq), (3, 6));
        let r = read(&lines(&[4, 5]), 5, 1).unwrap();
        assert!(r.entries.is_empty());
        assert_eq!(r.last_seq, 5);
        assert_eq!(read(&lines(&[7]), 5, 1).unwrap_err().line, 1);
        assert_eq!(read(&lines(&[6, 8]), 5, 1).unwrap_err().line, 2);
        assert_eq!(read(&lines(&[6, 6]), 5, 1).unwrap_err().line, 2);
        assert_eq!(read(&[], 9, 1).unwrap().last_seq, 9);
    }
}
