//! `PATH.reach`: how far the journal reached at its last append, kept
//! outside the journal so that a journal deleted, cut at a line boundary or
//! swapped for another is seen (DATA-FORMAT.md, "How far the journal
//! reaches"). One line, framed like a journal line:
//!
//! ```text
//! {"sum":"<16 hex digits>","base":"<journal id>","seq":12}
//! ```
//!
//! It is written after the journal line is on disk, so the journal is never
//! behind it except when something outside incidesk cut it. It is not
//! fsynced: after a power cut it may lag behind the journal, which is
//! allowed (a journal may always reach further than its reach says), so it
//! can miss a loss but never invent one.

use crate::error::StoreError;
use crate::file::{self, Keep};
use crate::open::{Links, guarded, open_error};
use crate::{journal, sibling};
use serde::{Deserialize, Serialize};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `PATH.reach` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reach {
    /// No such file: a desk from before it, or it was deleted.
    Missing,
    /// Unreadable or damaged (a write cut by a power loss, or edited).
    Damaged,
    /// The journal of the data file with journal id `base` reached change `seq`.
    Known { base: String, seq: u64 },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    /// Checked by `journal::unframe` before this is read.
    #[serde(default, skip_serializing)]
    #[allow(dead_code)]
    sum: String,
    base: String,
    seq: u64,
}

pub(crate) fn path(real: &Path) -> PathBuf {
    sibling(real, ".reach")
}

/// Reads `PATH.reach` beside the data file's real path. Read before the
/// journal: an append between the two then only makes the journal longer.
pub(crate) fn read(real: &Path) -> Reach {
    let bytes = match file::read(&path(real), Links::Refuse) {
        Ok(None) => return Reach::Missing,
        Ok(Some(b)) => b,
        Err(_) => return Reach::Damaged,
    };
    let Some(line) = bytes.strip_suffix(b"\n") else { return Reach::Damaged };
    if journal::unframe(line).is_err() {
        return Reach::Damaged;
    }
    match serde_json::from_slice::<Record>(line) {
        Ok(r) => Reach::Known { base: r.base, seq: r.seq },
        Err(_) => Reach::Damaged,
    }
}

/// Records that the journal of the data file with journal id `base` reaches
/// change `seq`. Overwritten in place (it is a few dozen bytes), under the lock.
pub(crate) fn write(real: &Path, base: &str, seq: u64, keep: Option<&Keep>) -> Result<(), StoreError> {
    let p = path(real);
    let body = serde_json::to_vec(&Record { sum: String::new(), base: base.into(), seq })
        .map_err(|e| StoreError::Encode { message: e.to_string() })?;
    let line = journal::frame(&body);
    let existed = std::fs::symlink_metadata(&p).is_ok();
    let mut f =
        guarded(file::private(OpenOptions::new().write(true).create(true).truncate(false)), Links::Refuse)
            .open(&p)
            .map_err(|e| open_error("open", &p, e))?;
    if let (false, Some(k)) = (existed, keep) {
        k.give(&f, &p)?;
    }
    f.write_all(&line).map_err(|e| StoreError::io("write", &p, e))?;
    f.set_len(line.len() as u64).map_err(|e| StoreError::io("write", &p, e))
}

/// Removes `PATH.reach` (a new desk is created where an old one was).
pub(crate) fn remove(real: &Path) {
    let _ = std::fs::remove_file(path(real));
}

/// A new journal id for a data file being rewritten: different at every
/// rewrite, so that lines appended after one rewrite never replay onto a
/// copy of the file from before it. Unique, not secret: the time, the
/// process and a counter, hashed.
pub(crate) fn new_base() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let seed = format!("{nanos}-{}-{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", journal::fnv1a(seed.as_bytes()))
}

/// Whether a journal read beside a data file with journal id `base` and
/// `journal_seq` `folded`, ending at change `last`, reaches as far as
/// `reach` says. `Err`: what is missing and what to do.
pub(crate) fn verify(
    real: &Path,
    reach: &Reach,
    base: Option<&str>,
    folded: u64,
    last: u64,
) -> Result<(), String> {
    // A file without a journal id comes from before `PATH.reach` (or never
    // used the journal): there is nothing to hold it to.
    let (Reach::Known { base: rb, seq }, Some(base)) = (reach, base) else { return Ok(()) };
    let seq = *seq;
    let (reach, journal) = (path(real), sibling(real, ".journal"));
    let (reach, journal) = (reach.display(), journal.display());
    if rb == base {
        if last < seq {
            return Err(format!(
                "the journal ends at change {last}, but it reached change {seq} ({reach}): changes {}..{seq} are missing (it was cut, emptied or replaced by an older copy). Put back the whole journal from a backup; or, to go on without those changes, delete {reach}",
                last + 1
            ));
        }
        return Ok(());
    }
    if seq <= folded {
        // Left from the journal before the data file's last rewrite (a save
        // that stopped before writing it anew): the file holds all of it.
        return Ok(());
    }
    Err(format!(
        "the journal reached change {seq} beside a data file with journal id {rb}, but this data file (journal id {base}) holds changes up to {folded} only: it is an older copy (a restored .bak?) and the changes after it are not in it. Put back the newer data file; or, to go on from this one without those changes, move {journal} away and delete {reach}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(base: &str, seq: u64) -> Reach {
        Reach::Known { base: base.into(), seq }
    }

    #[test]
    fn holds_the_journal_to_its_reach() {
        assert!(verify(Path::new("d.json"), &known("a", 5), Some("a"), 0, 5).is_ok());
        assert!(
            verify(Path::new("d.json"), &known("a", 5), Some("a"), 0, 6).is_ok(),
            "a journal may reach further"
        );
        let e = verify(Path::new("d.json"), &known("a", 5), Some("a"), 0, 3).unwrap_err();
        assert!(e.contains("changes 4..5 are missing"), "{e}");
        assert!(
            verify(Path::new("d.json"), &known("a", 5), Some("b"), 5, 5).is_ok(),
            "left from before a rewrite"
        );
        assert!(
            verify(Path::new("d.json"), &known("a", 9), Some("b"), 5, 5).unwrap_err().contains("older copy")
        );
        assert!(verify(Path::new("d.json"), &Reach::Missing, Some("a"), 0, 0).is_ok());
        assert!(verify(Path::new("d.json"), &Reach::Damaged, Some("a"), 0, 0).is_ok());
        assert!(verify(Path::new("d.json"), &known("a", 9), None, 0, 0).is_ok());
        assert_ne!(new_base(), new_base());
    }

    #[test]
    fn round_trips_and_spots_damage() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("desk.json");
        assert_eq!(read(&real), Reach::Missing);
        write(&real, "abc", 7, None).unwrap();
        assert_eq!(read(&real), known("abc", 7));
        write(&real, "abcdef", 12345, None).unwrap();
        write(&real, "x", 8, None).unwrap();
        assert_eq!(read(&real), known("x", 8), "a shorter record leaves nothing of the longer");
        let mut bytes = std::fs::read(path(&real)).unwrap();
        let at = bytes.len() - 3;
        bytes[at] = b'9';
        std::fs::write(path(&real), bytes).unwrap();
        assert_eq!(read(&real), Reach::Damaged);
    }
}
