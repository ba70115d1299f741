//! Opening the files of a desk without being fooled: the data file itself
//! may be a symbolic link (followed on purpose, see `file::real_path`), but
//! the files incidesk keeps beside it (journal, lock, backup, temporary and
//! archive files) are opened without following links, so that a link
//! planted there can't make incidesk write desk data over another file or
//! create one elsewhere. And only regular files are read, up to the size
//! they had when opened: a FIFO would hang every command, a device such as
//! /dev/zero would be read until memory ran out.

use crate::error::StoreError;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Whether a symbolic link in the last part of the path is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    /// The data file: a link to it is how people keep it in a synced folder.
    Follow,
    /// Everything incidesk keeps beside it.
    Refuse,
}

/// Adds the flags that keep an open from blocking on a FIFO and, for
/// [`Links::Refuse`], from following a link.
pub(crate) fn guarded(o: &mut OpenOptions, links: Links) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if links == Links::Refuse { libc::O_NOFOLLOW } else { 0 };
        o.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = links;
    o
}

/// What an open that `guarded` made refuse means, for people.
pub(crate) fn open_error(op: &'static str, path: &Path, e: io::Error) -> StoreError {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return StoreError::NotRegular {
            path: path.to_path_buf(),
            what: "a symbolic link: incidesk does not follow links for the files it keeps beside the data file (remove the link)".into(),
        };
    }
    StoreError::io(op, path, e)
}

/// Opens `path` for reading if it is a regular file (`None`: no file).
pub(crate) fn open_regular(path: &Path, links: Links) -> Result<Option<(File, u64)>, StoreError> {
    let f = match guarded(OpenOptions::new().read(true), links).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error("read", path, e)),
    };
    let m = f.metadata().map_err(|e| StoreError::io("read the metadata of", path, e))?;
    if !m.is_file() {
        return Err(StoreError::NotRegular { path: path.to_path_buf(), what: kind_of(&m).into() });
    }
    Ok(Some((f, m.len())))
}

/// The bytes of the regular file at `path`, no more than it held when
/// opened (`None`: no file).
pub(crate) fn read_regular(path: &Path, links: Links) -> Result<Option<Vec<u8>>, StoreError> {
    let Some((f, len)) = open_regular(path, links)? else { return Ok(None) };
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    f.take(len).read_to_end(&mut bytes).map_err(|e| StoreError::io("read", path, e))?;
    Ok(Some(bytes))
}

/// What kind of file, for the message refusing it.
fn kind_of(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe), not a regular file: give the path of a desk file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device, not a regular file: give the path of a desk file";
        }
        if t.is_socket() {
            return "a socket, not a regular file: give the path of a desk file";
        }
    }
    if m.is_dir() {
        "a folder, not a regular file: give the path of a desk file inside it"
    } else {
        "not a regular file"
    }
}
