//! Why the store refused. Every message names the file, says what is wrong and
//! what the person can do about it, because these end up on a terminal with no
//! one around to interpret them.

use super::validate::Problem;
use super::{SCHEMA_VERSION, sibling};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A failure of the data file, never of the desk's rules (those come back as the
/// closure's own error from `Store::apply`).
///
/// `Clone` (the io error sits behind an `Arc`) so that a broken file can be
/// reported again without re-reading it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum StoreError {
    /// The operating system refused; `op` says what incidesk was doing.
    Io { op: &'static str, path: PathBuf, source: Arc<io::Error> },
    /// There is no home folder, so no default data file location.
    NoDefaultPath,
    /// The file has no content at all (or only white space).
    Empty { path: PathBuf },
    /// The file is not JSON (or not text at all). `message` says what, and
    /// where in the document when it can.
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    /// The JSON stops in the middle: the file was cut short.
    Truncated { path: PathBuf, line: usize, column: usize, message: String },
    /// Valid JSON that does not fit the data format (wrong type, unknown field...).
    /// `message` starts with where in the document: `in incidents[2] (I-3).severity: ...`.
    Schema { path: PathBuf, line: usize, column: usize, message: String },
    /// No `schema_version` at the top level.
    MissingVersion { path: PathBuf },
    /// Written by a newer incidesk; this one must not guess at it.
    NewerVersion { path: PathBuf, found: u64 },
    /// A version no incidesk ever wrote (0).
    UnknownVersion { path: PathBuf, found: u64 },
    /// The file parses but breaks the desk's consistency rules; all problems listed.
    Invalid { path: PathBuf, problems: Vec<Problem> },
    /// A change was accepted by the domain but would have left the desk
    /// inconsistent, so it was not saved. This is a bug in incidesk.
    Rejected { path: PathBuf, problems: Vec<Problem> },
    /// The file (or its folder) is not writable for this user.
    ReadOnly { path: PathBuf },
    /// Another incidesk held the lock for longer than the timeout.
    Locked { path: PathBuf, waited: Duration },
    /// The desk could not be turned into JSON (should not happen).
    Encode { message: String },
    /// A line of the journal beside the data file (`PATH.journal`) is damaged
    /// or out of sequence, and it is not the last line (a cut-off last line is
    /// an unfinished change, ignored). `line` is 1-based.
    Journal { path: PathBuf, line: usize, message: String },
    /// The journal does not reach as far as it did (`PATH.reach`, or what
    /// this incidesk read of it earlier), or the data file is an older copy
    /// than the one its journal was written beside. `message` says which
    /// changes are missing and how to recover.
    JournalReach { path: PathBuf, message: String },
    /// An archive file the data file lists is missing, damaged or not the one
    /// listed.
    Archive { path: PathBuf, message: String },
    /// Not a file incidesk reads or writes: a FIFO, a device, a folder, or a
    /// symbolic link planted where incidesk keeps its own files. `what`
    /// says which, and what to do.
    NotRegular { path: PathBuf, what: String },
    /// A save would change who may use a shared desk; `message` says why
    /// and what to do.
    Shared { path: PathBuf, message: String },
    /// The database server refused or failed a statement (not for want of a
    /// role, nor because it can't be reached); nothing was changed.
    Database { location: String, message: String },
    /// The database server can't be reached (or the connection was lost):
    /// a change tried now is refused, never queued.
    Unreachable { location: String, message: String },
    /// The database refused a change for want of a role (`needs`):
    /// incidesk's `incidesk_lead`, say. Nothing was changed.
    NotAllowed { location: String, needs: String, message: String },
    /// The database's schema is newer than this incidesk knows: it is
    /// neither read nor written.
    NewerDatabase { location: String, found: i32, knows: i32 },
    /// A record in the database that is not in incidesk's format (changed
    /// outside incidesk, with psql say): `record` names it; nothing was changed.
    UnreadableRecord { location: String, record: String, message: String },
}

impl StoreError {
    pub(crate) fn io(op: &'static str, path: &Path, source: io::Error) -> Self {
        StoreError::Io { op, path: path.to_path_buf(), source: Arc::new(source) }
    }

    /// The consistency problems, for callers that list them one per line.
    pub fn problems(&self) -> &[Problem] {
        match self {
            StoreError::Invalid { problems, .. } | StoreError::Rejected { problems, .. } => problems,
            _ => &[],
        }
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Empty { path }
            | StoreError::Syntax { path, .. }
            | StoreError::Truncated { path, .. }
            | StoreError::Schema { path, .. }
            | StoreError::MissingVersion { path }
            | StoreError::NewerVersion { path, .. }
            | StoreError::UnknownVersion { path, .. }
            | StoreError::Invalid { path, .. }
            | StoreError::Rejected { path, .. }
            | StoreError::ReadOnly { path }
            | StoreError::Locked { path, .. }
            | StoreError::Journal { path, .. }
            | StoreError::JournalReach { path, .. }
            | StoreError::Archive { path, .. }
            | StoreError::NotRegular { path, .. }
            | StoreError::Shared { path, .. } => Some(path),
            StoreError::NoDefaultPath
            | StoreError::Encode { .. }
            | StoreError::Database { .. }
            | StoreError::Unreachable { .. }
            | StoreError::NotAllowed { .. }
            | StoreError::NewerDatabase { .. }
            | StoreError::UnreadableRecord { .. } => None,
        }
    }
}

const UNCHANGED: &str = "the file was not changed";

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bak = |p: &Path| sibling(p, ".bak").display().to_string();
        match self {
            StoreError::Io { op, path, source } => {
                write!(f, "could not {op} {}: {source}", path.display())
            }
            StoreError::NoDefaultPath => f.write_str(
                "no home folder found for the default data file: pass --data PATH or set INCIDESK_DATA",
            ),
            StoreError::Empty { path } => write!(
                f,
                "{} is empty: restore the backup {} if there is one, or delete the empty file to start a new desk; {UNCHANGED}",
                path.display(),
                bak(path)
            ),
            StoreError::Syntax { path, line, column, message } => write!(
                f,
                "{}: line {line}, column {column}: not valid JSON: {message}; fix it in a text editor or restore the backup {} if there is one; {UNCHANGED}",
                path.display(),
                bak(path)
            ),
            StoreError::Truncated { path, line, column, message } => write!(
                f,
                "{}: line {line}, column {column}: the file ends too early: {message}; it looks cut off: restore the backup {} if there is one; {UNCHANGED}",
                path.display(),
                bak(path)
            ),
            StoreError::Schema { path, line, column, message } => write!(
                f,
                "{}: line {line}, column {column}: does not fit the incidesk data format: {message}; see DATA-FORMAT.md, fix it in a text editor or restore the backup {} if there is one; {UNCHANGED}",
                path.display(),
                bak(path)
            ),
            StoreError::MissingVersion { path } => write!(
                f,
                "{} has no schema_version: it is not an incidesk data file (expected {{\"schema_version\": {SCHEMA_VERSION}, \"desk\": {{...}}}}); {UNCHANGED}",
                path.display()
            ),
            StoreError::NewerVersion { path, found } => write!(
                f,
                "{} was written by a newer incidesk (schema {found}, this one reads up to {SCHEMA_VERSION}): upgrade incidesk; {UNCHANGED}",
                path.display()
            ),
            StoreError::UnknownVersion { path, found } => write!(
                f,
                "{} has schema_version {found}, which no incidesk ever wrote (this one reads 1 to {SCHEMA_VERSION}): restore the backup {} if there is one; {UNCHANGED}",
                path.display(),
                bak(path)
            ),
            StoreError::Invalid { path, problems } => {
                write!(
                    f,
                    "{} is inconsistent ({}): fix it in a text editor (see DATA-FORMAT.md) or restore the backup {} if there is one; {UNCHANGED}",
                    path.display(),
                    count(problems.len()),
                    bak(path)
                )?;
                list(f, problems)
            }
            StoreError::Rejected { path, problems } => {
                write!(
                    f,
                    "the change was not saved: it would have left {} inconsistent ({}); this is a bug in incidesk, please report it",
                    path.display(),
                    count(problems.len())
                )?;
                list(f, problems)
            }
            StoreError::ReadOnly { path } => write!(
                f,
                "{} is read-only for you: changes can't be saved (make it writable, e.g. chmod u+w, or work on a copy with --data)",
                path.display()
            ),
            StoreError::Locked { path, waited } => write!(
                f,
                "another incidesk has held the lock {} for more than {} s: try again; nothing was changed",
                path.display(),
                waited.as_secs_f32()
            ),
            StoreError::Encode { message } => {
                write!(f, "could not encode the desk as JSON ({message}); nothing was saved")
            }
            StoreError::Journal { path, line, message } => write!(
                f,
                "{}: line {line}: {message}; the journal holds the changes saved since the data file was last rewritten, and incidesk will not skip one (restore the file from a backup, or remove this line and the ones after it to lose those changes)",
                path.display()
            ),
            StoreError::JournalReach { path, message } => {
                write!(f, "{}: {message}; {UNCHANGED}", path.display())
            }
            StoreError::Archive { path, message } => write!(
                f,
                "{}: {message}; this archive file holds incidents closed long ago: restore it from a backup (today's queue, open incidents and packs work without it); nothing was changed",
                path.display()
            ),
            StoreError::NotRegular { path, what } => {
                write!(f, "{} is {what}; {UNCHANGED}", path.display())
            }
            StoreError::Shared { path, message } => write!(f, "{}: {message}", path.display()),
            StoreError::Database { location, message } => {
                write!(f, "the database {location} refused: {message}; nothing was changed")
            }
            StoreError::Unreachable { location, message } => write!(
                f,
                "the database {location} can't be reached ({message}): nothing was changed, and nothing is kept to send later; try again when it is back"
            ),
            StoreError::NotAllowed { location, needs, message } => write!(
                f,
                "the database {location} refused: {message}; this needs the {needs} role (a lead runs `incidesk db grant --lead NAME`); nothing was changed"
            ),
            StoreError::NewerDatabase { location, found, knows } => write!(
                f,
                "the database {location} has incidesk schema {found}, newer than this incidesk knows ({knows}): upgrade incidesk; nothing was read or changed"
            ),
            StoreError::UnreadableRecord { location, record, message } => write!(
                f,
                "the database {location} holds {record}, which incidesk can't read ({message}): it was changed outside incidesk; put it right with psql, or restore it from a pg_dump backup; nothing was changed"
            ),
        }
    }
}

fn count(n: usize) -> String {
    if n == 1 { "1 problem".into() } else { format!("{n} problems") }
}

fn list(f: &mut fmt::Formatter<'_>, problems: &[Problem]) -> fmt::Result {
    for p in problems {
        write!(f, "\n  - {p}")?;
    }
    Ok(())
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}
