//! The journal's reach (issue "Nothing lost, nothing injected, nothing
//! clobbered"): a damaged complete line, a deleted or shortened journal and
//! a `.bak` restored beside a newer journal are refused with what is
//! missing, never read as a smaller desk; and a change costs the journal
//! what it changed, not the whole incident.

mod common;

use common::{ALICE, ENGINEER, now};
use incidesk::domain::*;
use incidesk::store::{self, JsonStore, Store, StoreError};
use std::fs;
use std::path::{Path, PathBuf};

fn journal_of(path: &Path) -> PathBuf {
    store::sibling(path, ".journal")
}

/// A desk on the journal: created, then its first change rewrites it with
/// `journal_seq` and a journal id (as a big file is), the rest append.
fn setup(dir: &Path) -> (PathBuf, JsonStore, IncidentId) {
    let path = dir.join("desk.json");
    store::create(&path, &common::desk()).unwrap();
    let mut s = JsonStore::open(&path).unwrap();
    s.set_journal_min(0);
    let cmd = common::open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock);
    let (outcome, _) = s.apply(cmd, now(), ENGINEER).unwrap().unwrap();
    let Subject::Incident(id) = outcome.subject else { panic!("{}", outcome.subject) };
    assert!(fs::read_to_string(&path).unwrap().contains("\"journal_id\""));
    (path, s, id)
}

fn contact(s: &mut JsonStore, id: IncidentId, note: &str) {
    let cmd = Command::LogContact { incident: id, kind: ContactKind::Phone, minutes: 5, note: note.into() };
    s.apply(cmd, now(), ENGINEER).unwrap().unwrap();
}

fn lines(path: &Path) -> Vec<Vec<u8>> {
    let bytes = fs::read(journal_of(path)).unwrap_or_default();
    bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn refused(path: &Path) -> String {
    let e = JsonStore::open(path).unwrap_err();
    let errors = store::check(path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0], e.to_string());
    errors[0].clone()
}

#[test]
fn a_damaged_byte_in_the_last_complete_line_is_refused_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    contact(&mut s, id, "one");
    contact(&mut s, id, "two");
    let mut l = lines(&path);
    assert_eq!(l.len(), 2);
    let at = l[1].len() / 2;
    l[1][at] ^= 1;
    fs::write(journal_of(&path), l.concat()).unwrap();
    let e = refused(&path);
    assert!(e.contains("desk.json.journal: line 2: its checksum does not match"), "{e}");
}

#[test]
fn a_deleted_journal_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    contact(&mut s, id, "one");
    contact(&mut s, id, "two");
    fs::remove_file(journal_of(&path)).unwrap();
    let e = refused(&path);
    assert!(e.contains("the journal ends at change 0, but it reached change 2"), "{e}");
    assert!(e.contains("changes 1..2 are missing") && e.contains("delete "), "{e}");
    // The running store sees it too, and refuses to write over the loss.
    assert!(matches!(s.reload_if_changed(), Err(StoreError::JournalReach { .. })));
    let cmd = Command::LogContact { incident: id, kind: ContactKind::Phone, minutes: 5, note: "x".into() };
    assert!(s.apply(cmd, now(), ENGINEER).is_err());
    // Deleting the reach is how one accepts the loss and goes on.
    fs::remove_file(store::sibling(&path, ".reach")).unwrap();
    let summary = store::check(&path).unwrap().to_string();
    assert!(summary.contains("can't be confirmed"), "{summary}");
    assert!(JsonStore::open(&path).is_ok());
}

#[test]
fn a_journal_cut_at_a_line_boundary_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    for n in ["one", "two", "three"] {
        contact(&mut s, id, n);
    }
    let l = lines(&path);
    fs::write(journal_of(&path), l[..2].concat()).unwrap();
    let e = refused(&path);
    assert!(e.contains("changes 3..3 are missing"), "{e}");
    let summary = {
        fs::write(journal_of(&path), l.concat()).unwrap();
        store::check(&path).unwrap().to_string()
    };
    assert!(summary.contains("3 change(s) in the journal, all checked"), "{summary}");
}

#[test]
fn a_running_store_sees_its_journal_shortened_even_without_the_reach() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    contact(&mut s, id, "one");
    contact(&mut s, id, "two");
    let mut other = JsonStore::open(&path).unwrap();
    let l = lines(&path);
    fs::write(journal_of(&path), l[..1].concat()).unwrap();
    fs::remove_file(store::sibling(&path, ".reach")).unwrap();
    match other.reload_if_changed() {
        Err(StoreError::JournalReach { message, .. }) => {
            assert!(message.contains("no longer holds the 2 change(s)"), "{message}")
        }
        r => panic!("{r:?}"),
    }
}

#[test]
fn a_bak_restored_beside_a_newer_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    // A rewrite that folds nothing (the journal is empty): the file keeps
    // its journal_seq, so only the journal id tells the versions apart.
    s.set_journal_min(u64::MAX);
    contact(&mut s, id, "rewritten");
    assert!(lines(&path).is_empty());
    s.set_journal_min(0);
    contact(&mut s, id, "appended after the rewrite");
    assert_eq!(lines(&path).len(), 1);
    fs::copy(store::sibling(&path, ".bak"), &path).unwrap();
    let e = refused(&path);
    assert!(e.contains("line 1: it is a change to journal id"), "{e}");
    assert!(e.contains("not the one this journal was written beside"), "{e}");
    // Moved away as the message says, the restored copy loads as it is,
    // once its reach (which went with the newer file) is gone too.
    fs::rename(journal_of(&path), dir.path().join("kept.journal")).unwrap();
    let e = refused(&path);
    assert!(e.contains("older copy"), "{e}");
    fs::remove_file(store::sibling(&path, ".reach")).unwrap();
    assert!(JsonStore::open(&path).is_ok());
}

#[test]
fn sixteen_long_contacts_make_a_small_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, id) = setup(dir.path());
    for i in 0..16 {
        let note = format!("{i:02} {}", "long contact note ".repeat(114));
        assert!(note.len() >= 2048);
        contact(&mut s, id, &note);
    }
    // And the same through a tool's edit (`change_desk`, diffed).
    let cmd = Command::Propose { incident: id, text: "proposal ".repeat(230) };
    s.change_desk(|d| d.execute(cmd, now(), ENGINEER)).unwrap().unwrap();
    let size = fs::metadata(journal_of(&path)).unwrap().len();
    println!("journal after 16 contacts of 2 KB and a 2 KB proposal: {size} bytes");
    assert!(size < 60_000, "{size} bytes");
    assert_eq!(lines(&path).len(), 17);
    let again = JsonStore::open(&path).unwrap();
    assert_eq!(again.desk(), s.desk());
    assert_eq!(again.desk().incidents[0].contacts.len(), 16);
    assert!(store::check(&path).is_ok());
}
