//! The desk in one JSON file, shared safely between processes, with a journal
//! beside a big file so that a change does not rewrite it all.

use crate::error::StoreError;
use crate::file::{self, Stamp};
use crate::fingerprint::{self, Fingerprint};
use crate::interface::Reading;
use crate::open::Links;
use crate::reach::{self, Reach};
use crate::{format, journal, sibling, validate};
use incidesk_domain::Desk;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod archiving;
mod command;
mod commit;
mod history;
mod last_undo_file;
mod opener;
pub use opener::JsonOpener;

/// What the desk in memory was made from, to tell whether the file changed since.
#[derive(Debug)]
enum Synced {
    /// Nothing read yet (or only failed reads).
    Never,
    /// There was no file: the empty desk.
    Missing,
    /// A file with this content, as read or as saved.
    File(Fingerprint),
}

impl Synced {
    fn matches(&self, current: Option<Fingerprint>) -> bool {
        match (self, current) {
            (Synced::Missing, None) => true,
            (Synced::File(p), Some(c)) => *p == c,
            _ => false,
        }
    }
}

/// The data file's bytes and their fingerprint (`None`: no file).
type Content = Option<(Vec<u8>, Fingerprint)>;

/// What `refresh` found in the data file.
enum Found {
    /// What the desk in memory was made from.
    Same,
    Changed(Content),
}

/// Below this size (1 MiB, about 250 incidents) rewriting the whole file takes
/// a few milliseconds, and the file alone is the whole desk, as people expect
/// when they read or diff it.
pub const JOURNAL_MIN_BYTES: u64 = 1 << 20;

/// A change folds the journal into the file (rewrites it, empties the journal)
/// instead of appending once the journal holds this many lines...
pub const FOLD_LINES: usize = 200;
/// ...or this many bytes.
pub const FOLD_BYTES: usize = 4 << 20;
/// With folding deferred (the TUI), a change still folds past this many times
/// the limits, so that the journal stays bounded.
const DEFERRED_FACTOR: usize = 10;

/// The stamps of the data file and of its journal.
type Stamps = (Option<Stamp>, Option<Stamp>);

/// A desk this far behind is archived without being asked: about four
/// months of a busy desk's closings, so small desks stay one file.
pub const AUTO_ARCHIVE_MIN: usize = 1000;

/// How a JSON store behaves, set once by whoever opens it (the binary's
/// `main` builds these from its settings; nothing here reads the environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonSettings {
    /// The data file size (bytes) from which changes go to the journal
    /// instead of rewriting the file ([`JOURNAL_MIN_BYTES`]; 0: always).
    pub journal_min: u64,
    /// How many settled incidents make a change archive them on its own
    /// ([`AUTO_ARCHIVE_MIN`]; 0: never).
    pub auto_archive_min: usize,
    /// Whether a change may leave folding the journal for later (up to ten
    /// times the usual limits): a live session sets it, so that a change
    /// there does not stop for a full rewrite, and folds when it ends.
    pub fold_deferred: bool,
    /// How long a change waits for another process's change.
    pub lock_timeout: Duration,
}

impl Default for JsonSettings {
    fn default() -> Self {
        JsonSettings {
            journal_min: JOURNAL_MIN_BYTES,
            auto_archive_min: AUTO_ARCHIVE_MIN,
            fold_deferred: false,
            lock_timeout: Duration::from_secs(10),
        }
    }
}

/// The desk kept in a JSON file. See [`Store`] for the operations.
///
/// Loading takes no lock (saves are atomic renames); changes take the exclusive
/// lock on `PATH.lock`. The first change creates the folder (0700) and the file
/// (0600); each later one keeps the previous version as `PATH.bak` (0600).
#[derive(Debug)]
pub struct JsonStore {
    path: PathBuf,
    desk: Desk,
    synced: Synced,
    /// The file's stamp when `synced` was taken.
    stamp: Option<Stamp>,
    /// The last failed read and the stamp it was for, so a live view that polls
    /// a broken file hears about it without re-parsing it each time.
    broken: Option<(Stamps, StoreError)>,
    /// The journal's complete lines as read or written (the data file's
    /// changes since it was last rewritten).
    journal: Vec<u8>,
    journal_stamp: Option<Stamp>,
    journal_lines: usize,
    /// The last journal change applied to the desk in memory.
    seq: u64,
    /// Whether the data file records `journal_seq` (a file without it is
    /// rewritten with it before its first journal line).
    seq_in_file: bool,
    /// The data file's `journal_id`, which journal lines after its
    /// `journal_seq` must name (a file without one is rewritten with one
    /// before its first journal line).
    base: Option<String>,
    /// The data file's `journal_seq` (0 without one).
    folded: u64,
    settings: JsonSettings,
    read_only: bool,
    /// Counts the times the desk in memory was replaced (see [`JsonStore::generation`]).
    generation: u64,
    /// The desk was read without its history ([`JsonStore::open_without_history`]).
    without_history: bool,
}

impl JsonStore {
    /// A store for `path` with the default settings, with an empty desk and
    /// nothing read yet; `apply` and `reload_if_changed` read the file when needed.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        JsonStore::with_settings(path, JsonSettings::default())
    }

    /// [`JsonStore::new`] with `settings`.
    pub fn with_settings(path: impl Into<PathBuf>, settings: JsonSettings) -> Self {
        JsonStore {
            path: path.into(),
            desk: Desk::default(),
            synced: Synced::Never,
            stamp: None,
            broken: None,
            journal: Vec::new(),
            journal_stamp: None,
            journal_lines: 0,
            seq: 0,
            seq_in_file: false,
            base: None,
            folded: 0,
            settings,
            read_only: false,
            generation: 0,
            without_history: false,
        }
    }

    /// A store for `path`, read whole.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let mut store = JsonStore::new(path);
        store.load()?;
        Ok(store)
    }

    /// Reads the data file again, replacing the desk in memory. A missing
    /// file is an empty desk. On error the desk in memory stays the last good one.
    pub fn load(&mut self) -> Result<&Desk, StoreError> {
        self.read_only = file::is_read_only(&self.path);
        self.synced = Synced::Never;
        self.refresh(false)?;
        Ok(&self.desk)
    }

    /// A store for `path` with `settings`, read as `reading` asks: at 100 000
    /// incidents the history is most of the file. A change appended to the
    /// journal needs only the entries it adds; one that rewrites the file
    /// reads it whole first.
    pub fn open_with(
        path: impl Into<PathBuf>,
        reading: Reading,
        settings: JsonSettings,
    ) -> Result<Self, StoreError> {
        let mut store = JsonStore::with_settings(path, settings);
        store.without_history = reading == Reading::WithoutHistory;
        store.load()?;
        Ok(store)
    }

    /// A store for `path`, read without the desk's history (empty in memory).
    pub fn open_without_history(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        JsonStore::open_with(path, Reading::WithoutHistory, JsonSettings::default())
    }

    /// The data file, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a change waits for another process's change (default 10 s).
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.settings.lock_timeout = timeout;
    }

    /// The data file size from which changes go to the journal (see
    /// [`JOURNAL_MIN_BYTES`]; 0: always).
    pub fn set_journal_min(&mut self, bytes: u64) {
        self.settings.journal_min = bytes;
    }

    /// Lines in the journal (changes saved since the file was last rewritten).
    pub fn journal_lines(&self) -> usize {
        self.journal_lines
    }

    fn journal_path(&self) -> Result<PathBuf, StoreError> {
        Ok(sibling(&file::real_path(&self.path)?, ".journal"))
    }

    fn journal_error(&self, bad: journal::Bad) -> StoreError {
        let path = self.journal_path().unwrap_or_else(|_| sibling(&self.path, ".journal"));
        StoreError::Journal { path, line: bad.line, message: bad.message }
    }

    /// Holds the journal just read (ending at change `last`) to `PATH.reach`.
    fn check_reach(
        &self,
        reach: &Reach,
        base: Option<&str>,
        folded: u64,
        last: u64,
    ) -> Result<(), StoreError> {
        let real = file::real_path(&self.path)?;
        reach::verify(&real, reach, base, folded, last)
            .map_err(|message| StoreError::JournalReach { path: sibling(&real, ".journal"), message })
    }

    /// Brings the desk in memory up to date with the file and its journal.
    /// `known`: the data file's stamp shows it unchanged, so it is not read
    /// again (only the journal). `Ok(true)` when the desk was replaced.
    fn refresh(&mut self, known: bool) -> Result<bool, StoreError> {
        let real = file::real_path(&self.path)?;
        let jpath = sibling(&real, ".journal");
        // The file and the journal must be read as a pair: a save that folds
        // the journal replaces the file before emptying the journal, so if
        // the file is the same after the journal was read, the pair is one.
        let mut tries = 0;
        loop {
            tries += 1;
            let stamp = file::stamp(&self.path)?;
            let found = if known && stamp == self.stamp { Found::Same } else { self.look(!known)? };
            // Before the journal: an append in between only makes the journal
            // longer than its reach, which is allowed.
            let reach = reach::read(&real);
            let jstamp = file::stamp(&jpath)?;
            let jbytes = file::read(&jpath, Links::Refuse)?.unwrap_or_default();
            if file::stamp(&self.path)? != stamp && tries < 20 {
                continue;
            }
            let same = matches!(found, Found::Same);
            if same && matches!(self.synced, Synced::Missing) {
                // No data file: a journal without one is left over and ignored.
                self.stamp = stamp;
                self.journal_stamp = jstamp;
                self.broken = None;
                return Ok(false);
            }
            if same && matches!(self.synced, Synced::File(_)) {
                if !jbytes.starts_with(&self.journal) {
                    // The same data file, and the journal lost lines this
                    // incidesk read from it (or was swapped): never a save.
                    let message = format!(
                        "the journal no longer holds the {} change(s) this incidesk read from it (up to change {}): it was cut, emptied or replaced while incidesk ran. Put back the whole journal from a backup; incidesk will not go on without those changes",
                        self.journal_lines, self.seq
                    );
                    let e = StoreError::JournalReach { path: jpath, message };
                    return Err(self.fail((stamp, jstamp), e));
                }
                self.stamp = stamp;
                return self.catch_up(&jbytes, (stamp, jstamp), &reach);
            }
            let content = match found {
                Found::Changed(c) => c,
                Found::Same => read(&self.path)?,
            };
            return self.build(content, &jbytes, (stamp, jstamp), &reach).map(|()| true);
        }
    }

    /// Reads the data file unless it is what the desk in memory was made
    /// from. `expect_same` (a check under the lock, where the file rarely
    /// changed): fingerprint it while reading it in pieces first, so that a
    /// big file is not held in memory next to the desk just to be compared.
    fn look(&self, expect_same: bool) -> Result<Found, StoreError> {
        if expect_same
            && let Synced::File(print) = self.synced
            && file::fingerprint(&self.path)? == Some(print)
        {
            return Ok(Found::Same);
        }
        let content = read(&self.path)?;
        Ok(if self.synced.matches(content.as_ref().map(|c| c.1)) {
            Found::Same
        } else {
            Found::Changed(content)
        })
    }

    /// Applies the journal lines after those already read.
    fn catch_up(&mut self, jbytes: &[u8], stamps: Stamps, reach: &Reach) -> Result<bool, StoreError> {
        let tail = &jbytes[self.journal.len()..];
        let mut read = match journal::read(tail, self.seq, self.journal_lines + 1, self.base.as_deref()) {
            Ok(r) => r,
            Err(bad) => return Err(self.fail(stamps, self.journal_error(bad))),
        };
        if let Err(e) = self.check_reach(reach, self.base.as_deref(), self.folded, read.last_seq) {
            return Err(self.fail(stamps, e));
        }
        let changed = !read.entries.is_empty();
        if changed {
            let mut desk = self.desk.clone();
            if let Err(bad) = journal::replay_all(&mut desk, &mut read) {
                return Err(self.fail(stamps, self.journal_error(bad)));
            }
            desk.clean_text();
            let problems = validate::problems(&desk);
            if !problems.is_empty() {
                return Err(self.fail(stamps, StoreError::Invalid { path: self.path.clone(), problems }));
            }
            self.desk = desk;
            self.generation += 1;
        }
        self.journal.extend_from_slice(&tail[..read.valid_len]);
        self.journal_lines += read.lines;
        self.seq = read.last_seq;
        self.journal_stamp = stamps.1;
        self.broken = None;
        Ok(changed)
    }

    fn fail(&mut self, stamps: Stamps, e: StoreError) -> StoreError {
        self.broken = Some((stamps, e.clone()));
        e
    }

    /// Parses the data file (`None`: no file) and replays its journal onto it,
    /// and makes that the desk in memory.
    fn build(
        &mut self,
        content: Content,
        jbytes: &[u8],
        stamps: Stamps,
        reach: &Reach,
    ) -> Result<(), StoreError> {
        let synced = content.as_ref().map_or(Synced::Missing, |c| Synced::File(c.1));
        let built = match content {
            None => Ok((Desk::default(), journal::Read::default(), format::Mark::default())),
            Some((bytes, _)) => self.replayed(bytes, jbytes, reach),
        };
        match built {
            Ok((desk, read, mark)) => {
                self.seq_in_file = mark.seq.is_some();
                self.folded = mark.seq.unwrap_or(0);
                self.base = mark.id;
                self.desk = desk;
                self.generation += 1;
                self.synced = synced;
                self.stamp = stamps.0;
                self.journal = jbytes[..read.valid_len].to_vec();
                self.journal_stamp = stamps.1;
                self.journal_lines = read.lines;
                self.seq = read.last_seq;
                self.broken = None;
                Ok(())
            }
            Err(e) => Err(self.fail(stamps, e)),
        }
    }

    fn replayed(
        &self,
        bytes: Vec<u8>,
        jbytes: &[u8],
        reach: &Reach,
    ) -> Result<(Desk, journal::Read, format::Mark), StoreError> {
        let parse = if self.without_history { format::parse_without_history } else { format::parse };
        let (mut desk, mark) = parse(&self.path, &bytes)?;
        // Not needed any more: free it before replaying and validating allocate.
        drop(bytes);
        let folded = mark.seq.unwrap_or(0);
        let mut read =
            journal::read(jbytes, folded, 1, mark.id.as_deref()).map_err(|bad| self.journal_error(bad))?;
        self.check_reach(reach, mark.id.as_deref(), folded, read.last_seq)?;
        journal::replay_all(&mut desk, &mut read).map_err(|bad| self.journal_error(bad))?;
        desk.clean_text();
        let problems = validate::problems(&desk);
        if !problems.is_empty() {
            return Err(StoreError::Invalid { path: self.path.clone(), problems });
        }
        if self.without_history {
            // Stubs, read only to check the file (see `format::parse_without_history`).
            desk.history = Vec::new();
        }
        Ok((desk, read, mark))
    }
}

/// The file's bytes and their fingerprint, or `None` if there is no file.
fn read(path: &Path) -> Result<Content, StoreError> {
    Ok(file::read(path, Links::Follow)?.map(|b| {
        let print = fingerprint::of(&b);
        (b, print)
    }))
}
