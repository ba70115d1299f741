//! The files beside a desk, attacked: a desk shared by a group on one
//! machine keeps its owner, group and mode; planted symbolic links are
//! refused, never written through; a FIFO or a device as the data file is
//! refused at once; temporary files a killed archiving left are swept.
//!
//! The tests that act as other users need root (as CI runs them); run as
//! anyone else they say so and pass without checking that part.
#![cfg(unix)]

mod harness;

use harness::NOW;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};

const OWNER: u32 = 41001;
const MEMBER: u32 = 41002;
const TEAM: u32 = 42000;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// `incidesk --data PATH ARGS` as the user `uid` in the group `gid` (with
/// umask 007, as a team sharing a folder sets it), or as ourselves.
fn incidesk_as(user: Option<(u32, u32)>, data: &Path, args: &[&str]) -> Output {
    let mut cmd = match user {
        Some((uid, gid)) => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid", &uid.to_string(), "--regid", &gid.to_string(), "--groups", &gid.to_string()]);
            c.arg("sh").arg("-c").arg("umask 007; exec \"$@\"").arg("sh").arg(harness::bin());
            c
        }
        None => Command::new(harness::bin()),
    };
    cmd.arg("--data").arg(data).args(["--now", NOW, "--engineer", "team"]).args(args);
    cmd.env_remove("INCIDESK_DATA").env("HOME", "/nonexistent");
    cmd.output().expect("run incidesk")
}

fn add_product(user: Option<(u32, u32)>, data: &Path, name: &str) -> Output {
    incidesk_as(
        user,
        data,
        &["product", "add", "--name", name, "--mainstream-end", "2028-01-01", "--extended-end", "2030-01-01"],
    )
}

fn assert_ok(out: &Output, what: &str) {
    assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
}

fn owner_group_mode(path: &Path) -> (u32, u32, u32) {
    let m = fs::metadata(path).unwrap();
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

/// A team folder: setgid, owned by the desk's owner and the team's group.
fn team_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    chown(&team, OWNER, TEAM);
    chmod(&team, 0o2770);
    (dir, team.join("desk.json"))
}

#[test]
fn a_desk_shared_by_a_group_stays_the_groups_after_another_member_changes_it() {
    if !is_root() {
        eprintln!("not root: the shared-desk test needs to act as other users; skipped");
        return;
    }
    let (_dir, data) = team_folder();
    let owner = Some((OWNER, TEAM));
    let member = Some((MEMBER, TEAM));
    assert_ok(&add_product(owner, &data, "Vault"), "the owner starts the desk");
    // The owner shares it with the team, as the README says, and goes on
    // working: the files beside it follow.
    chmod(&data, 0o660);
    assert_ok(&add_product(owner, &data, "Desk"), "the owner's next change");
    assert_ok(&add_product(member, &data, "Mail"), "a member of the group changes it");
    let (_, gid, mode) = owner_group_mode(&data);
    assert_eq!((gid, mode), (TEAM, 0o660), "the group and the mode are kept");
    assert_ok(&add_product(owner, &data, "Chat"), "the owner is not locked out");
    let list = incidesk_as(member, &data, &["products"]);
    assert_ok(&list, "the member reads it");
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(["Vault", "Desk", "Mail", "Chat"].iter().all(|p| text.contains(p)), "{text}");
    for side in [".bak", ".lock"] {
        let (_, gid, mode) = owner_group_mode(&incidesk::store::sibling(&data, side));
        assert_eq!((gid, mode & 0o060), (TEAM, 0o060), "{side} is the group's too");
    }
}

#[test]
fn a_change_made_as_root_leaves_the_desk_its_owners() {
    if !is_root() {
        eprintln!("not root: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    chown(&home, OWNER, OWNER);
    let data = home.join("desk.json");
    let owner = Some((OWNER, OWNER));
    assert_ok(&add_product(owner, &data, "Vault"), "the owner starts the desk");
    assert_ok(&add_product(None, &data, "Mail"), "root (sudo incidesk) changes it");
    assert_eq!(owner_group_mode(&data), (OWNER, OWNER, 0o600), "still the owner's, still private");
    assert_eq!(owner_group_mode(&incidesk::store::sibling(&data, ".bak")).0, OWNER);
    assert_ok(&add_product(owner, &data, "Chat"), "the owner can still change it");
}

fn demo_desk() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = harness::demo(dir.path());
    (dir, data)
}

#[test]
fn a_symlink_planted_as_the_journal_is_refused_and_its_target_kept() {
    let (dir, data) = demo_desk();
    let target = dir.path().join("precious.txt");
    fs::write(&target, "one line\n").unwrap();
    symlink(&target, incidesk::store::sibling(&data, ".journal")).unwrap();
    let before = fs::read(&data).unwrap();
    for args in [&["list"][..], &["customer", "add", "--name", "Evil", "--tz", "UTC"][..]] {
        let out = incidesk_as(None, &data, args);
        assert!(!out.status.success(), "{args:?} must refuse a linked journal");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), "one line\n", "the link's target is untouched");
    assert_eq!(fs::read(&data).unwrap(), before, "the data file is untouched");
}

#[test]
fn a_dangling_symlink_planted_as_the_lock_creates_nothing() {
    let (dir, data) = demo_desk();
    let target = dir.path().join("created-through-the-link");
    let lock = incidesk::store::sibling(&data, ".lock");
    let _ = fs::remove_file(&lock);
    symlink(&target, &lock).unwrap();
    let out = add_product(None, &data, "Vault");
    assert!(!out.status.success(), "a linked lock file is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert!(!target.exists(), "nothing was created through the link");
}

#[test]
fn a_fifo_or_a_device_as_the_data_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("desk.json");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: `c` is a valid path string for the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for data in [fifo.as_path(), Path::new("/dev/zero")] {
        let start = std::time::Instant::now();
        let out = incidesk_as(None, data, &["list"]);
        assert!(!out.status.success(), "{}", data.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("not a regular file"), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "refused at once");
    }
}

#[test]
fn archiving_sweeps_the_temporary_files_a_killed_archiving_left() {
    let (dir, data) = demo_desk();
    let folder = incidesk::store::sibling(&data, ".archive");
    fs::create_dir_all(&folder).unwrap();
    // A pid far above any pid_max is never running.
    let left = folder.join(".000001.json.tmp-2147483646-0");
    fs::write(&left, "{").unwrap();
    let out = incidesk_as(None, &data, &["archive", "--now", "2027-12-01T09:00:00Z"]);
    assert_ok(&out, "archive");
    assert!(!left.exists(), "the leftover is gone");
    let _ = dir;
}

#[test]
fn a_symlink_planted_as_the_archive_folder_is_refused() {
    let (dir, data) = demo_desk();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    symlink(&elsewhere, incidesk::store::sibling(&data, ".archive")).unwrap();
    let out = incidesk_as(None, &data, &["archive", "--now", "2027-12-01T09:00:00Z"]);
    assert!(!out.status.success(), "archiving through a linked folder is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing was written through the link");
}
