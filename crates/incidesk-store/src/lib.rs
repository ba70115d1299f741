//! Where the desk lives between runs: one JSON file (DATA-FORMAT.md).
//!
//! Several incidesk processes (a TUI on each engineer's screen, scripts calling
//! the command line) may share one file. Each keeps the desk in memory; a change
//! goes through [`Store::apply`], which takes the file's lock, picks up whatever
//! the others saved, runs the change and saves the result before letting go. A
//! file incidesk can't read is refused and never overwritten.

mod archive;
mod error;
mod file;
mod fingerprint;
mod format;
mod history_stream;
mod interface;
mod journal;
mod json;
mod json_errors;
mod keep;
mod last_undo;
mod locate;
mod memory;
mod open;
mod patch;
#[cfg(feature = "postgres")]
pub mod postgres;
mod reach;
mod touched;
pub mod validate;

pub use error::StoreError;
pub use history_stream::{History, HistoryReader};
pub use interface::{Applied, Archived, OpenStore, Reading, Store};
pub use json::{
    AUTO_ARCHIVE_MIN, FOLD_BYTES, FOLD_LINES, JOURNAL_MIN_BYTES, JsonOpener, JsonSettings, JsonStore,
};
pub use last_undo::LastUndos;
pub use memory::MemoryStore;
pub use validate::Problem;

use incidesk_domain::Desk;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// The newest version of the file layout this incidesk reads: a desk with
/// archive files (DATA-FORMAT.md, "The archive") is written as version 2, so
/// that an incidesk that knows no archive refuses it instead of showing a
/// desk with years of incidents missing.
pub const SCHEMA_VERSION: u32 = 2;

/// The version written for a desk without archive files (readable by every
/// incidesk since the first).
pub const SCHEMA_PLAIN: u32 = 1;

/// The file name inside the default data folder.
pub const FILE_NAME: &str = "desk.json";

/// `PATH` with `suffix` appended to its file name: `desk.json` → `desk.json.bak`.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The per-user data file: `$XDG_DATA_HOME/incidesk/desk.json` on Linux,
/// `~/Library/Application Support/incidesk/desk.json` on macOS.
pub fn default_path() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "incidesk")
        .map(|d| d.data_dir().join(FILE_NAME))
        .ok_or(StoreError::NoDefaultPath)
}

/// The data file to use: `--data` (`cli`) if given, else `$INCIDESK_DATA`
/// (`env`, read by the caller) if set and not empty, else [`default_path`].
pub fn resolve_path(cli: Option<PathBuf>, env: Option<OsString>) -> Result<PathBuf, StoreError> {
    let given = |p: &PathBuf| !p.as_os_str().is_empty();
    match (cli.filter(given), env.map(PathBuf::from).filter(given)) {
        (Some(p), _) | (None, Some(p)) => Ok(p),
        (None, None) => default_path(),
    }
}

/// What `incidesk check` reports for a readable file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub path: PathBuf,
    /// False when there is no file yet (an empty desk).
    pub exists: bool,
    pub customers: usize,
    pub products: usize,
    pub packs: usize,
    pub incidents: usize,
    pub open_incidents: usize,
    pub history: usize,
    /// Incidents in archive files (each file read and checked), and the files.
    pub archived: usize,
    pub archive_files: usize,
    /// Text fields holding control sequences or invisible characters: shown
    /// cleaned, and saved cleaned at the next change.
    pub cleaned: usize,
    /// Changes in the journal after the data file's `journal_seq`.
    pub journal_changes: usize,
    /// The data file has a journal id but `PATH.reach` is missing or
    /// damaged, so a journal cut at a line boundary (or deleted) would not show.
    pub unconfirmed: bool,
    /// What loads but should be fixed ([`validate::notes`]): a calendar too
    /// thin to give due times.
    pub notes: Vec<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.exists {
            return write!(f, "{}: no data file yet (an empty desk)", self.path.display());
        }
        write!(
            f,
            "{}: ok, schema {}: {} customers, {} products, {} packs, {} incidents ({} open), {} history entries",
            self.path.display(),
            if self.archive_files > 0 { SCHEMA_VERSION } else { SCHEMA_PLAIN },
            self.customers,
            self.products,
            self.packs,
            self.incidents,
            self.open_incidents,
            self.history
        )?;
        if self.archive_files > 0 {
            write!(
                f,
                "; {} incidents archived in {} file(s), all readable",
                self.archived, self.archive_files
            )?;
        }
        if self.journal_changes > 0 {
            write!(f, "; {} change(s) in the journal, all checked", self.journal_changes)?;
        }
        if self.unconfirmed {
            write!(
                f,
                "; how far the journal reached can't be confirmed ({} is missing or damaged): a journal cut short at a line boundary would not show; the next change records it again",
                sibling(&self.path, ".reach").display()
            )?;
        }
        if self.cleaned > 0 {
            write!(
                f,
                "; {} text field(s) hold control sequences or invisible characters: incidesk shows them cleaned and saves them cleaned at the next change",
                self.cleaned
            )?;
        }
        for note in &self.notes {
            write!(f, "\nnote: {note}")?;
        }
        Ok(())
    }
}

/// The bytes of a data file to a checked desk, exactly as loading a file would
/// do it (`path` only names the file in messages). For tools and fuzzing.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Desk, StoreError> {
    format::decode(path, bytes)
}

/// The data file's content for a desk, exactly as saving writes it.
pub fn encode(desk: &Desk) -> Result<Vec<u8>, StoreError> {
    format::encode(desk)
}

/// Writes `desk` as a new data file (for `incidesk demo` and `--demo`);
/// refuses to replace a file that exists. Unlike a change, this writes
/// even an empty desk: the caller asked for a file.
pub fn create(path: &Path, desk: &Desk) -> Result<(), StoreError> {
    let exists = || StoreError::Io {
        op: "create",
        path: path.to_path_buf(),
        source: std::sync::Arc::new(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the file exists already",
        )),
    };
    // A link (even a dangling one) counts as a file: never write through it.
    let taken = || std::fs::symlink_metadata(path).is_ok();
    if taken() {
        return Err(exists());
    }
    let problems = validate::problems(desk);
    if !problems.is_empty() {
        return Err(StoreError::Rejected { path: path.to_path_buf(), problems });
    }
    if file::is_read_only(path) {
        return Err(StoreError::ReadOnly { path: path.to_path_buf() });
    }
    file::create_dirs(file::parent_dir(path))?;
    let _lock = file::Lock::acquire(&sibling(path, ".lock"), CREATE_LOCK_TIMEOUT, None)?;
    // Again under the lock: another incidesk may have created it meanwhile.
    if taken() {
        return Err(exists());
    }
    // A journal left from a desk whose file was deleted must not be replayed
    // onto this one, nor its reach held against it.
    file::empty(&sibling(path, ".journal"))?;
    reach::remove(path);
    file::save(path, false, None, |w| format::encode_to(desk, None, w)).map(|_| ())
}

/// How long [`create`] waits for another incidesk holding the lock.
const CREATE_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Checks a data file without changing it, reporting every problem it can find,
/// one message per line: a JSON syntax error is one problem (with line and
/// column, since nothing after it can be read); a file that does not fit the
/// format has each element of its lists checked on its own, so every misfit
/// element is listed (with line, column and where, e.g. `incidents[2] (I-3).severity`);
/// the consistency problems are all listed, each prefixed with the path.
///
/// The journal beside the file (`PATH.journal`) is checked too: a damaged
/// complete line, a gap in its sequence or a line made for another version
/// of the data file is reported with its line number; a journal shorter than
/// `PATH.reach` says it was, or a data file older than the one the journal
/// went with, is reported with what is missing and how to recover; its
/// changes are replayed and the result checked as a whole.
pub fn check(path: &Path) -> Result<Summary, Vec<String>> {
    let messages = |errors: Vec<StoreError>| {
        errors
            .into_iter()
            .flat_map(|e| match e {
                StoreError::Invalid { path, problems } => {
                    problems.iter().map(|p| format!("{}: {p}", path.display())).collect()
                }
                e => vec![e.to_string()],
            })
            .collect::<Vec<_>>()
    };
    let bytes = file::read(path, open::Links::Follow).map_err(|e| vec![e.to_string()])?;
    let exists = bytes.is_some();
    let (mut journal_changes, mut unconfirmed) = (0, false);
    let (desk, cleaned) = match bytes {
        None => (Desk::default(), 0),
        Some(bytes) => {
            let (desk, cleaned) = format::decode_all(path, &bytes).map_err(messages)?;
            let real = file::real_path(path).map_err(|e| vec![e.to_string()])?;
            let jpath = sibling(&real, ".journal");
            // Before the journal, as a store reads them (see `reach.rs`).
            let witness = reach::read(&real);
            let jbytes =
                file::read(&jpath, open::Links::Refuse).map_err(|e| vec![e.to_string()])?.unwrap_or_default();
            let (mut replayed, mark) = format::parse(path, &bytes).map_err(|e| vec![e.to_string()])?;
            if jbytes.is_empty() && mark.seq.is_none() {
                (desk, cleaned)
            } else {
                let desk = &mut replayed;
                let bad = |bad: journal::Bad| {
                    vec![
                        StoreError::Journal { path: jpath.clone(), line: bad.line, message: bad.message }
                            .to_string(),
                    ]
                };
                let folded = mark.seq.unwrap_or(0);
                let mut read = journal::read(&jbytes, folded, 1, mark.id.as_deref()).map_err(bad)?;
                reach::verify(&real, &witness, mark.id.as_deref(), folded, read.last_seq).map_err(
                    |message| vec![StoreError::JournalReach { path: jpath.clone(), message }.to_string()],
                )?;
                journal_changes = read.entries.len();
                unconfirmed = mark.id.is_some() && !matches!(witness, reach::Reach::Known { .. });
                journal::replay_all(desk, &mut read).map_err(bad)?;
                let more = desk.clean_text();
                let problems = validate::problems(desk);
                if !problems.is_empty() {
                    return Err(messages(vec![StoreError::Invalid { path: jpath, problems }]));
                }
                (replayed, more)
            }
        }
    };
    // Every archive file the desk lists must be there and hold what it lists.
    let real = file::real_path(path).map_err(|e| vec![e.to_string()])?;
    let mut archived = 0;
    let mut errors = Vec::new();
    for seg in &desk.archive.segments {
        match archive::read(&real, seg) {
            Ok(part) if part.incidents.len() == seg.len() => archived += part.incidents.len(),
            Ok(part) => errors.push(
                StoreError::Archive {
                    path: archive::segment_path(&real, seg.number),
                    message: format!(
                        "holds {} of the {} incidents the data file lists for it",
                        part.incidents.len(),
                        seg.len()
                    ),
                }
                .to_string(),
            ),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Summary {
        archived,
        archive_files: desk.archive.segments.len(),
        path: path.to_path_buf(),
        exists,
        customers: desk.customers.len(),
        products: desk.products.len(),
        packs: desk.packs.len(),
        incidents: desk.incidents.len(),
        open_incidents: desk.incidents.iter().filter(|i| i.is_open()).count(),
        history: desk.history.len(),
        cleaned,
        journal_changes,
        unconfirmed,
        notes: validate::notes(&desk).iter().map(ToString::to_string).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_cli_then_env_then_default() {
        let cli = Some(PathBuf::from("/a.json"));
        let env = Some(OsString::from("/b.json"));
        assert_eq!(resolve_path(cli.clone(), env.clone()).unwrap(), PathBuf::from("/a.json"));
        assert_eq!(resolve_path(None, env).unwrap(), PathBuf::from("/b.json"));
        let default = resolve_path(None, Some(OsString::new()));
        assert_eq!(default.ok(), default_path().ok());
        assert!(default_path().map_or(true, |p| p.ends_with("incidesk/desk.json")));
    }

    #[test]
    fn create_writes_even_an_empty_desk_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/desk.json");
        create(&path, &Desk::default()).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert!(check(&path).unwrap().exists);
        assert!(create(&path, &Desk::default()).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), written);
    }

    #[test]
    fn siblings_append_to_the_name() {
        assert_eq!(sibling(Path::new("x/desk.json"), ".bak"), PathBuf::from("x/desk.json.bak"));
    }
}
