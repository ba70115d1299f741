//! A desk shared on one machine (a team's folder, or `sudo incidesk` on
//! one's own desk) keeps its owner, group and mode: every save writes a new
//! file and renames it over the old one, and a new file would otherwise
//! belong to whoever saved it, with their umask. So the new data file, its
//! backup, its journal, lock and archive files get the owner, group and
//! group permissions of the data file they stand beside.
//!
//! What can be kept: root keeps everything; anyone keeps the group if they
//! are in it. What can't: a member of the group who is not the owner can't
//! give the new file to the owner (only root can), so the file becomes
//! theirs, which is fine exactly when the group may read and write it. If
//! the group can't, the save is refused with what to do, rather than lock
//! the owner out.

use crate::error::StoreError;
use std::fs::File;
use std::path::Path;

/// The attributes a file beside the desk is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kept {
    #[cfg(unix)]
    uid: u32,
    #[cfg(unix)]
    gid: u32,
    /// The permission bits: the owner's read and write always, the group's
    /// when the group may write (a shared desk); never anyone else's (a
    /// desk holds customer data, so a file someone made world-readable
    /// becomes private again).
    mode: u32,
}

impl Kept {
    /// What the data file at `path` has now (`None`: no file yet, so what a
    /// new file gets: the saver's, private).
    pub(crate) fn of(path: &Path) -> Option<Kept> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let group = if m.mode() & 0o020 != 0 { m.mode() & 0o060 } else { 0 };
            Some(Kept { uid: m.uid(), gid: m.gid(), mode: 0o600 | group })
        }
        #[cfg(not(unix))]
        {
            let _ = m;
            Some(Kept { mode: 0o600 })
        }
    }

    /// Whether `f` belongs to whoever runs this (or this is root), who may
    /// then give it these attributes.
    pub(crate) fn is_ours(&self, f: &File) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // SAFETY: geteuid has no preconditions.
            let me = unsafe { libc::geteuid() };
            f.metadata().is_ok_and(|m| me == 0 || m.uid() == me)
        }
        #[cfg(not(unix))]
        {
            let _ = f;
            false
        }
    }

    /// The permission bits a file beside the desk gets.
    pub(crate) fn mode(&self) -> u32 {
        self.mode
    }

    /// For a folder beside the desk (the archive): the same, with the
    /// search bits that go with read.
    pub(crate) fn folder_mode(&self) -> u32 {
        0o700 | if self.mode & 0o060 == 0o060 { 0o070 } else { 0 }
    }

    /// Gives the new file `f` (at `path`, standing beside the data file at
    /// `desk`) these attributes, or refuses when that would lock the
    /// desk's owner out.
    pub(crate) fn give(&self, f: &File, path: &Path, desk: &Path) -> Result<(), StoreError> {
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: geteuid has no preconditions; fchown and fchmod act on
            // a descriptor we own and read nothing from memory.
            let me = unsafe { libc::geteuid() };
            let uid = if me == 0 { self.uid } else { u32::MAX };
            let owned = unsafe { libc::fchown(f.as_raw_fd(), uid, self.gid) } == 0;
            let group_may_write = self.mode & 0o060 == 0o060;
            if !owned && (self.uid != me || group_may_write) {
                return Err(self.refusal(desk, "you are not in the group it belongs to"));
            }
            if self.uid != me && me != 0 && !group_may_write {
                return Err(self
                    .refusal(desk, "only its owner or root may replace it, and its group may not write it"));
            }
            if unsafe { libc::fchmod(f.as_raw_fd(), self.mode as libc::mode_t) } != 0 {
                return Err(StoreError::io("set the permissions of", path, std::io::Error::last_os_error()));
            }
        }
        #[cfg(not(unix))]
        let _ = (f, path, desk);
        Ok(())
    }

    /// Gives a new folder beside the desk its group and mode, as far as the
    /// saver may (best effort: the files in it are given theirs one by one).
    pub(crate) fn give_folder(&self, f: &File) {
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: as in `give`: calls on a descriptor we own.
            unsafe {
                let uid = if libc::geteuid() == 0 { self.uid } else { u32::MAX };
                libc::fchown(f.as_raw_fd(), uid, self.gid);
                libc::fchmod(f.as_raw_fd(), self.folder_mode() as libc::mode_t);
            }
        }
        #[cfg(not(unix))]
        let _ = f;
    }

    #[cfg(unix)]
    fn refusal(&self, desk: &Path, why: &str) -> StoreError {
        StoreError::Shared {
            path: desk.to_path_buf(),
            message: format!(
                "saving would take it from its owner (uid {}, group {}): {why}; to share a desk, put it in a folder of the team's group with the setgid bit (chmod 2770) and make it group-writable (chmod 660), see the README; nothing was changed",
                self.uid, self.gid
            ),
        }
    }
}
