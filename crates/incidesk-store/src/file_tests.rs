//! Unit tests of the file mechanics: temporary names, sweeping, backups.

use super::*;

#[test]
fn recognises_temporary_file_names() {
    assert_eq!(temp_owner(".desk.json.tmp-123-0", "desk.json"), Some(123));
    assert_eq!(temp_owner(".desk.json.bak.tmp-9-12", "desk.json"), Some(9));
    assert_eq!(temp_owner(".desk.json.tmp-123-", "desk.json"), None);
    assert_eq!(temp_owner(".desk.json.tmp-x-1", "desk.json"), None);
    assert_eq!(temp_owner(".other.json.tmp-1-1", "desk.json"), None);
    assert_eq!(temp_owner("desk.json.tmp-1-1", "desk.json"), None);
    assert_eq!(temp_owner(".desk.json.lock", "desk.json"), None);
}

#[cfg(unix)]
#[test]
fn removes_leftovers_of_dead_processes_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    // A pid far above any pid_max is never running.
    let dead = dir.path().join(".desk.json.tmp-2147483646-0");
    let dead_bak = dir.path().join(".desk.json.bak.tmp-2147483646-3");
    let alive = dir.path().join(format!(".desk.json.tmp-{}-7", std::process::id()));
    let parent = dir.path().join(".desk.json.tmp-1-0");
    let other = dir.path().join(".notes.json.tmp-2147483646-0");
    for p in [&dead, &dead_bak, &alive, &parent, &other] {
        fs::write(p, b"{").unwrap();
    }
    remove_stale_temps(&path);
    assert!(!dead.exists() && !dead_bak.exists());
    assert!(alive.exists(), "our own pid is running");
    assert!(parent.exists(), "pid 1 is running");
    assert!(other.exists(), "another data file's temporary file");
}

#[cfg(unix)]
#[test]
fn the_backup_is_the_replaced_file_linked_or_copied() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let bak = sibling(&path, ".bak");
    let put = |text: &'static [u8], backup| save(&path, backup, None, |w| w.write_all(text)).unwrap();
    let meta = |p: &Path| fs::metadata(p).unwrap();

    let print = put(b"one", false);
    assert!(!bak.exists());
    assert_eq!(fingerprint(&path).unwrap(), Some(print));
    let one = meta(&path).ino();
    put(b"two", true);
    assert_eq!(fs::read(&bak).unwrap(), b"one");
    assert_eq!(meta(&bak).ino(), one, "a private file with one name is linked");

    // Copied: a file others may read (the backup must be private)...
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    put(b"three", true);
    assert_eq!((fs::read(&bak).unwrap(), meta(&bak).mode() & 0o777), (b"two".to_vec(), 0o600));
    // ...and a file with another name (which must not turn into the backup).
    let other = dir.path().join("other-name");
    fs::hard_link(&path, &other).unwrap();
    put(b"four", true);
    assert_eq!(fs::read(&bak).unwrap(), b"three");
    assert_ne!(meta(&bak).ino(), meta(&other).ino());
    fs::remove_file(&other).unwrap();

    // A failed write renames nothing and leaves no temporary file.
    let failed = save(&path, true, None, |w| {
        w.write_all(b"half")?;
        Err(io::Error::other("no"))
    });
    assert!(failed.is_err());
    assert_eq!((fs::read(&path).unwrap(), fs::read(&bak).unwrap()), (b"four".to_vec(), b"three".to_vec()));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}
