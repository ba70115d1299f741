//! File mechanics: change stamps, the lock file and atomic replacement.
//!
//! The data file is only ever replaced by renaming a complete, fsynced sibling
//! over it, so a reader sees either the old or the new version, never half of
//! one. That is why loading needs no lock: only writers take it.

use super::error::StoreError;
use super::fingerprint::{Fingerprint, Hasher, Tee};
use super::keep::Kept;
use super::open::{self, Links, guarded, open_error};
use super::sibling;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// What `stat` says about the file: enough to notice a change without reading it.
///
/// Our own saves always make a new inode (rename), so a save by any incidesk
/// changes the stamp; an in-place edit changes mtime/ctime unless it lands in the
/// same clock tick with the same length, which `apply` still catches because it
/// compares fingerprints of the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    changed: (i64, i64),
    #[cfg(unix)]
    inode: (u64, u64),
}

/// The stamp of `path`, or `None` if there is no file.
pub(crate) fn stamp(path: &Path) -> Result<Option<Stamp>, StoreError> {
    let m = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("read the metadata of", path, e)),
    };
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Ok(Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        #[cfg(unix)]
        changed: (m.ctime(), m.ctime_nsec()),
        #[cfg(unix)]
        inode: (m.dev(), m.ino()),
    }))
}

/// The file's bytes, or `None` if there is no file: a regular file only,
/// and a link followed only for the data file itself (see [`open`]).
pub(crate) fn read(path: &Path, links: Links) -> Result<Option<Vec<u8>>, StoreError> {
    open::read_regular(path, links)
}

/// The fingerprint of the file at `path` (`None`: no file), read in pieces so
/// that the file is never in memory whole.
pub(crate) fn fingerprint(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    use std::io::Read;
    let Some((f, len)) = open::open_regular(path, Links::Follow)? else { return Ok(None) };
    let mut f = f.take(len);
    let mut h = Hasher::new();
    let mut buf = vec![0; 1 << 16];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return Ok(Some(h.finish())),
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io("read", path, e)),
        }
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// If `path` is a symbolic link, the file it points to, so that saving replaces
/// the target and keeps the link (people keep the desk in a synced folder).
pub(crate) fn real_path(path: &Path) -> Result<PathBuf, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| StoreError::io("follow the link", path, e))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether saving would go against the owner's wishes or fail.
///
/// Decided from the permission bits (a file with no write bit is read-only even
/// for root, who could write it anyway) and, on unix, from `access(2)` on the
/// file and its folder (replacing the file needs a writable folder).
pub(crate) fn is_read_only(path: &Path) -> bool {
    let dir = parent_dir(path);
    match fs::metadata(path) {
        Ok(m) => m.permissions().readonly() || !writable(path) || (dir.exists() && !writable(dir)),
        Err(_) => dir.exists() && !writable(dir),
    }
}

#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated string that lives across the call;
    // access(2) only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(_: &Path) -> bool {
    true
}

/// Creates the folder (and its parents) private to the user: it holds customer data.
pub(crate) fn create_dirs(dir: &Path) -> Result<(), StoreError> {
    create_dirs_with(dir, 0o700)
}

fn create_dirs_with(dir: &Path, mode: u32) -> Result<(), StoreError> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, mode);
    #[cfg(not(unix))]
    let _ = mode;
    b.create(dir).map_err(|e| StoreError::io("create the folder", dir, e))
}

/// Creates a folder beside the desk (the archive), shared as the desk is.
pub(crate) fn create_dir_beside(dir: &Path, keep: Option<&Keep>) -> Result<(), StoreError> {
    let existed = dir.exists();
    create_dirs_with(dir, keep.map_or(0o700, |k| k.kept.folder_mode()))?;
    if let (false, Some(k)) = (existed, keep) {
        let f = File::open(dir).map_err(|e| StoreError::io("open the folder", dir, e))?;
        k.kept.give_folder(&f);
    }
    Ok(())
}

/// The attributes a file beside the data file `desk` is given (see [`Kept`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keep<'a> {
    pub kept: Kept,
    pub desk: &'a Path,
}

impl<'a> Keep<'a> {
    /// What the data file at `desk` has (`None`: no file yet).
    pub(crate) fn of(desk: &'a Path) -> Option<Keep<'a>> {
        Kept::of(desk).map(|kept| Keep { kept, desk })
    }

    pub(crate) fn give(&self, f: &File, path: &Path) -> Result<(), StoreError> {
        self.kept.give(f, path, self.desk)
    }
}

pub(crate) fn private(o: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(o, 0o600);
    o
}

/// An exclusive lock on `PATH.lock`, released when dropped.
///
/// A separate lock file (never deleted: deleting lock files races) because the
/// data file itself is replaced on every save, and a lock on a replaced inode
/// protects nothing.
pub(crate) struct Lock {
    _file: File,
}

impl Lock {
    /// Waits up to `timeout` for other incidesk processes to finish their change.
    /// A lock file made now is shared as the desk is (`keep`); one that another
    /// member of a shared desk's group made is opened to read, which is
    /// enough to lock it. A link planted there is refused.
    pub(crate) fn acquire(path: &Path, timeout: Duration, keep: Option<&Keep>) -> Result<Lock, StoreError> {
        let existed = fs::symlink_metadata(path).is_ok();
        let open = |write: bool| {
            guarded(
                private(OpenOptions::new().read(true).write(write).create(write).truncate(false)),
                Links::Refuse,
            )
            .open(path)
        };
        let file = match open(true) {
            Err(e) if existed && e.kind() == io::ErrorKind::PermissionDenied => open(false),
            other => other,
        }
        .map_err(|e| open_error("create the lock file", path, e))?;
        match keep {
            Some(k) if !existed => k.give(&file, path)?,
            // Shared since it was made (the owner made the desk group-writable):
            // the owner's next change shares the lock file too. Best effort.
            Some(k) if k.kept.is_ours(&file) => {
                let _ = k.give(&file, path);
            }
            _ => {}
        }
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < timeout => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked { path: path.to_path_buf(), waited: timeout });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", path, e)),
            }
        }
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh `.NAME.tmp-<pid>-<n>` beside `path`.
fn temp_name(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = parent_dir(path).join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    // A leftover from a crashed process that had our pid: ours to reuse.
    let _ = fs::remove_file(&tmp);
    tmp
}

fn create_new(tmp: &Path) -> Result<File, StoreError> {
    private(OpenOptions::new().write(true).create_new(true))
        .open(tmp)
        .map_err(|e| StoreError::io("create the temporary file", tmp, e))
}

/// Writes the new version with `write` into a temporary file (mode 0600) in
/// the same folder and fsyncs it; returns it with the fingerprint of what was
/// written. Encoding straight into the file keeps a second copy of the
/// file's bytes out of memory.
fn write_temp(
    path: &Path,
    keep: Option<&Keep>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(PathBuf, Fingerprint), StoreError> {
    let tmp = temp_name(path);
    let result = create_new(&tmp).and_then(|f| {
        if let Some(k) = keep {
            k.give(&f, &tmp)?;
        }
        let mut w = io::BufWriter::with_capacity(1 << 16, Tee { inner: f, hasher: Hasher::new() });
        write(&mut w).and_then(|()| w.flush()).map_err(|e| StoreError::io("write", &tmp, e))?;
        let tee = w.into_inner().map_err(|e| StoreError::io("write", &tmp, e.into_error()))?;
        tee.inner.sync_all().map_err(|e| StoreError::io("flush to disk", &tmp, e))?;
        Ok(tee.hasher.finish())
    });
    match result {
        Ok(print) => Ok((tmp, print)),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Makes the renames in `dir` durable. Best effort: some file systems refuse to
/// fsync a folder, and by now the new file is already in place.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The pid in a temporary file name `.NAME.tmp-<pid>-<n>` or
/// `.NAME.bak.tmp-<pid>-<n>` of the data file called `name`, if it is one.
fn temp_owner(entry: &str, name: &str) -> Option<u32> {
    let rest = entry.strip_prefix('.')?.strip_prefix(name)?;
    let rest = rest.strip_prefix(".bak").unwrap_or(rest).strip_prefix(".tmp-")?;
    let (pid, n) = rest.split_once('-')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id is running (on this machine).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to someone else.
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Deletes the temporary files that processes killed in the middle of a save
/// left beside `path` (a kill -9 or a power cut between writing and renaming).
///
/// Called under the lock: temporary files are only written under it, so one
/// found now is a leftover, and only a leftover of a process that is no
/// longer running is removed (a file of a live pid is left alone, to be safe
/// with pid reuse). Best effort: a leftover that can't be removed is harmless,
/// since nothing ever reads temporary files.
pub(crate) fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    sweep(parent_dir(path), |entry| temp_owner(entry, name));
}

/// [`remove_stale_temps`] for a folder of incidesk's own (the archive):
/// every `.NAME.tmp-<pid>-<n>` in it.
pub(crate) fn remove_stale_temps_in(dir: &Path) {
    sweep(dir, |entry| {
        let (name, _) = entry.strip_prefix('.')?.split_once(".tmp-")?;
        temp_owner(entry, name)
    });
}

/// Removes the entries of `dir` that `owner` names a process for, when that
/// process is not running.
fn sweep(dir: &Path, owner: impl Fn(&str) -> Option<u32>) {
    #[cfg(unix)]
    {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let me = std::process::id();
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(pid) = file_name.to_str().and_then(&owner) else {
                continue;
            };
            if pid != me && !is_running(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (dir, owner);
}

/// Replaces `path` with what `write` writes (see [`write_temp`]), by renaming
/// the temporary file over it, and with `backup` first keeps the file being
/// replaced as `PATH.bak`. Returns the new file's fingerprint.
///
/// Nothing is renamed unless the new version is whole and on disk, so a
/// failure leaves the file and its backup as they were.
///
/// `keep`: the new file gets the attributes of the data file it stands
/// beside (see [`Kept`]); `None` for a new desk (private to whoever makes it).
pub(crate) fn save(
    path: &Path,
    backup: bool,
    keep: Option<&Keep>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Fingerprint, StoreError> {
    let (tmp, print) = write_temp(path, keep, write)?;
    let result = if backup { back_up(path, keep) } else { Ok(()) }
        .and_then(|()| fs::rename(&tmp, path).map_err(|e| StoreError::io("replace", path, e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(parent_dir(path));
    Ok(print)
}

/// Makes `PATH.bak` the file now at `path`, from the disk: a second name for
/// it, or a copy. The backup is put in place by a rename like the file
/// itself (never renaming the file away, which would leave a moment with no
/// data file), so there is always a whole `PATH.bak`.
fn back_up(path: &Path, keep: Option<&Keep>) -> Result<(), StoreError> {
    let bak = sibling(path, ".bak");
    let tmp = temp_name(&bak);
    let mode = keep.map_or(0o600, |k| k.kept.mode());
    let result = link_private(path, &tmp, mode)
        .or_else(|_| copy_private(path, &tmp, keep))
        .and_then(|()| fs::rename(&tmp, &bak).map_err(|e| StoreError::io("replace", &bak, e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A hard link to `path` at `tmp`: no byte is copied, and the file's data is
/// on disk already. Only for a file whose mode is the one a backup gets
/// (`mode`: private, or shared with the desk's group; the backup shares its
/// mode) and that has no other name (which would share the backup's fate).
#[cfg(unix)]
fn link_private(path: &Path, tmp: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path)?;
    if m.mode() & 0o7777 != mode || m.nlink() != 1 {
        return Err(io::Error::other("not a private file with a single name"));
    }
    fs::hard_link(path, tmp)
}

#[cfg(not(unix))]
fn link_private(_: &Path, _: &Path, _: u32) -> io::Result<()> {
    Err(io::Error::other("not linked"))
}

/// A copy of `path` at `tmp` (mode 0600), fsynced. `io::copy` lets the kernel
/// copy (`copy_file_range`) where it can, so the bytes stay out of memory.
fn copy_private(path: &Path, tmp: &Path, keep: Option<&Keep>) -> Result<(), StoreError> {
    let mut from = File::open(path).map_err(|e| StoreError::io("back up", path, e))?;
    let mut to = create_new(tmp)?;
    if let Some(k) = keep {
        k.give(&to, tmp)?;
    }
    io::copy(&mut from, &mut to).map_err(|e| StoreError::io("back up", path, e))?;
    to.sync_all().map_err(|e| StoreError::io("flush to disk", tmp, e))
}

/// Writes `line` into the journal at `path` at byte `offset` (the end of its
/// last complete line: a torn tail left by a killed writer is cut off first)
/// and fsyncs it. Creates the journal (0600) if needed, fsyncing the folder.
/// Called under the lock.
pub(crate) fn append(path: &Path, offset: u64, line: &[u8], keep: Option<&Keep>) -> Result<(), StoreError> {
    use std::io::{Seek, SeekFrom};
    let existed = fs::symlink_metadata(path).is_ok();
    let mut f = guarded(private(OpenOptions::new().write(true).create(true).truncate(false)), Links::Refuse)
        .open(path)
        .map_err(|e| open_error("open the journal", path, e))?;
    if let (false, Some(k)) = (existed, keep) {
        k.give(&f, path)?;
    }
    let len = f.metadata().map_err(|e| StoreError::io("read the metadata of", path, e))?.len();
    if len < offset {
        return Err(StoreError::io(
            "append to",
            path,
            io::Error::other("the journal is shorter than when it was read"),
        ));
    }
    if len > offset {
        f.set_len(offset).map_err(|e| StoreError::io("cut the unfinished last line of", path, e))?;
    }
    f.seek(SeekFrom::Start(offset)).map_err(|e| StoreError::io("append to", path, e))?;
    f.write_all(line).map_err(|e| StoreError::io("append to", path, e))?;
    f.sync_data().map_err(|e| StoreError::io("flush to disk", path, e))?;
    if !existed {
        sync_dir(parent_dir(path));
    }
    Ok(())
}

/// Empties the journal at `path`, if there is one, and fsyncs it.
pub(crate) fn empty(path: &Path) -> Result<(), StoreError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() || m.len() > 0 => {}
        _ => return Ok(()),
    }
    let f = guarded(OpenOptions::new().write(true), Links::Refuse)
        .open(path)
        .map_err(|e| open_error("open the journal", path, e))?;
    f.set_len(0).map_err(|e| StoreError::io("empty", path, e))?;
    f.sync_data().map_err(|e| StoreError::io("flush to disk", path, e))
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
