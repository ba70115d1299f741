//! The desk in one JSON file, shared safely between processes, with a journal
//! beside a big file so that a change does not rewrite it all.

use super::error::StoreError;
use super::file::{self, Lock, Stamp};
use super::fingerprint::{self, Fingerprint};
use super::journal::{self, Entry};
use super::{Store, format, sibling, validate};
use crate::domain::Desk;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "json_archive.rs"]
mod archiving;
#[path = "json_command.rs"]
mod command;
#[path = "json_history.rs"]
mod history;
pub use archiving::{AUTO_ARCHIVE_ENV, AUTO_ARCHIVE_MIN, Archived};
pub use command::Applied;
pub use history::{History, HistoryReader};

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

/// Environment variable: the data file size (bytes) from which changes go to
/// the journal instead of rewriting the file (default [`JOURNAL_MIN_BYTES`]).
pub const JOURNAL_MIN_ENV: &str = "INCIDESK_JOURNAL_MIN_BYTES";

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
    journal_min: u64,
    fold_deferred: bool,
    read_only: bool,
    lock_timeout: Duration,
    /// Counts the times the desk in memory was replaced (see [`JsonStore::generation`]).
    generation: u64,
    /// The desk was read without its history ([`JsonStore::open_without_history`]).
    without_history: bool,
}

impl JsonStore {
    /// A store for `path`, with an empty desk and nothing read yet; `apply` and
    /// `reload_if_changed` read the file when needed.
    pub fn new(path: impl Into<PathBuf>) -> Self {
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
            journal_min: std::env::var(JOURNAL_MIN_ENV)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(JOURNAL_MIN_BYTES),
            fold_deferred: false,
            read_only: false,
            lock_timeout: Duration::from_secs(10),
            generation: 0,
            without_history: false,
        }
    }

    /// A store for `path`, loaded.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let mut store = JsonStore::new(path);
        store.load()?;
        Ok(store)
    }

    /// A store for `path`, loaded without the desk's history (empty in
    /// memory), for views that show none and for one change from the
    /// command line: at 100 000 incidents the history is most of the file.
    /// A change appended to the journal needs only the entries it adds; one
    /// that rewrites the file (and [`Store::apply`]) reads it whole first.
    pub fn open_without_history(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let mut store = JsonStore::new(path);
        store.without_history = true;
        store.load()?;
        Ok(store)
    }

    /// False when read by [`JsonStore::open_without_history`] (until its
    /// history is attached or a change read the file whole).
    pub fn has_history(&self) -> bool {
        !self.without_history
    }

    /// The data file, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever the desk in memory is replaced (a load, a reload that
    /// found changes, an applied change), so that views computed from the
    /// desk can be kept until then.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How long `apply` waits for another process's change (default 10 s).
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
    }

    /// The data file size from which changes go to the journal (see
    /// [`JOURNAL_MIN_BYTES`]; 0: always).
    pub fn set_journal_min(&mut self, bytes: u64) {
        self.journal_min = bytes;
    }

    /// Whether a change may leave folding the journal for later (up to ten
    /// times the usual limits): the TUI sets it, so that a change there does
    /// not stop for a full rewrite, and folds with [`JsonStore::fold`] on exit.
    pub fn set_fold_deferred(&mut self, deferred: bool) {
        self.fold_deferred = deferred;
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

    /// Brings the desk in memory up to date with the file and its journal.
    /// `known`: the data file's stamp shows it unchanged, so it is not read
    /// again (only the journal). `Ok(true)` when the desk was replaced.
    fn refresh(&mut self, known: bool) -> Result<bool, StoreError> {
        let jpath = self.journal_path()?;
        // The file and the journal must be read as a pair: a save that folds
        // the journal replaces the file before emptying the journal, so if
        // the file is the same after the journal was read, the pair is one.
        let mut tries = 0;
        loop {
            tries += 1;
            let stamp = file::stamp(&self.path)?;
            let found = if known && stamp == self.stamp { Found::Same } else { self.look(!known)? };
            let jstamp = file::stamp(&jpath)?;
            let jbytes = file::read(&jpath)?.unwrap_or_default();
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
            if same && matches!(self.synced, Synced::File(_)) && jbytes.starts_with(&self.journal) {
                self.stamp = stamp;
                return self.catch_up(&jbytes, (stamp, jstamp));
            }
            let content = match found {
                Found::Changed(c) => c,
                Found::Same => read(&self.path)?,
            };
            return self.build(content, &jbytes, (stamp, jstamp)).map(|()| true);
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
    fn catch_up(&mut self, jbytes: &[u8], stamps: Stamps) -> Result<bool, StoreError> {
        let tail = &jbytes[self.journal.len()..];
        let read = match journal::read(tail, self.seq, self.journal_lines + 1) {
            Ok(r) => r,
            Err(bad) => return Err(self.fail(stamps, self.journal_error(bad))),
        };
        let changed = !read.entries.is_empty();
        if changed {
            let mut desk = self.desk.clone();
            for e in read.entries {
                journal::replay(&mut desk, e);
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
    fn build(&mut self, content: Content, jbytes: &[u8], stamps: Stamps) -> Result<(), StoreError> {
        let synced = content.as_ref().map_or(Synced::Missing, |c| Synced::File(c.1));
        let built = match content {
            None => Ok((Desk::default(), journal::Read::default(), false)),
            Some((bytes, _)) => self.replayed(bytes, jbytes),
        };
        match built {
            Ok((desk, read, seq_in_file)) => {
                self.seq_in_file = seq_in_file;
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

    fn replayed(&self, bytes: Vec<u8>, jbytes: &[u8]) -> Result<(Desk, journal::Read, bool), StoreError> {
        let parse = if self.without_history { format::parse_without_history } else { format::parse };
        let (mut desk, folded) = parse(&self.path, &bytes)?;
        // Not needed any more: free it before replaying and validating allocate.
        drop(bytes);
        let mut read =
            journal::read(jbytes, folded.unwrap_or(0), 1).map_err(|bad| self.journal_error(bad))?;
        for e in std::mem::take(&mut read.entries) {
            journal::replay(&mut desk, e);
        }
        desk.clean_text();
        let problems = validate::problems(&desk);
        if !problems.is_empty() {
            return Err(StoreError::Invalid { path: self.path.clone(), problems });
        }
        if self.without_history {
            // Stubs, read only to check the file (see `format::parse_without_history`).
            desk.history = Vec::new();
        }
        Ok((desk, read, folded.is_some()))
    }

    /// Whether the journal is past the usual folding limits (a change from
    /// the command line would fold it now).
    pub fn fold_is_due(&self) -> bool {
        self.journal_lines >= FOLD_LINES || self.journal.len() >= FOLD_BYTES
    }

    fn fold_due(&self) -> bool {
        let factor = if self.fold_deferred { DEFERRED_FACTOR } else { 1 };
        self.journal_lines >= FOLD_LINES * factor || self.journal.len() >= FOLD_BYTES * factor
    }

    /// Takes the lock and brings the desk up to date: the start of every change.
    fn lock(&mut self) -> Result<(PathBuf, Lock), StoreError> {
        // A change records history: read the file whole.
        self.lock_and_refresh(true)
    }

    /// [`JsonStore::lock`] for a change that will be appended to the journal
    /// if it can: a store read without its history stays so (a journal line
    /// holds only the entries the change adds), unless the change must
    /// rewrite the file, which needs every entry. Returns whether it appends.
    fn lock_for_append(&mut self) -> Result<(PathBuf, Lock, bool), StoreError> {
        let (real, lock) = self.lock_and_refresh(false)?;
        let appends = self.appends();
        if self.without_history && !appends {
            self.read_whole_from_now();
            self.refresh(false)?;
        }
        Ok((real, lock, appends))
    }

    /// Takes the lock and brings the desk up to date: `whole`, with its
    /// history; else read as before (with or without it).
    fn lock_and_refresh(&mut self, whole: bool) -> Result<(PathBuf, Lock), StoreError> {
        let real = file::real_path(&self.path)?;
        // Before the lock, so that a read-only setup gets this message and not
        // a failure to create the lock file.
        self.read_only = file::is_read_only(&real);
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        file::create_dirs(file::parent_dir(&real))?;
        let lock = Lock::acquire(&sibling(&real, ".lock"), self.lock_timeout)?;
        if whole {
            self.read_whole_from_now();
        }
        // The data file is read in full (not trusted to its stamp), as before
        // every change: an edit in place within one clock tick is still seen.
        self.refresh(false)?;
        Ok((real, lock))
    }

    /// A store read without its history reads the file whole at its next refresh.
    fn read_whole_from_now(&mut self) {
        if self.without_history {
            self.without_history = false;
            self.synced = Synced::Never;
        }
    }

    /// Whether the next change goes to the journal rather than rewriting the
    /// file: a big file that records `journal_seq`, with folding not due.
    fn appends(&self) -> bool {
        let big = matches!(&self.synced, Synced::File(p) if p.len() >= self.journal_min);
        big && self.seq_in_file && !self.fold_due()
    }

    /// Rewrites the data file with `desk` and the journal's changes folded in,
    /// then empties the journal. Under the lock. The caller makes `desk` the
    /// desk in memory once this succeeds.
    ///
    /// Crash-safe in every order: the new file records the last change it
    /// holds (`journal_seq`), so if the journal is not emptied yet its lines
    /// are skipped on the next load.
    ///
    /// `journaled`: the file is to use the journal, so it records
    /// `journal_seq` (so does any file that has used it).
    fn save_full(&mut self, real: &Path, desk: &Desk, journaled: bool) -> Result<(), StoreError> {
        let jpath = sibling(real, ".journal");
        if matches!(self.synced, Synced::Missing) {
            // A journal left without its file belongs to no desk: empty it
            // before there is a file it could be replayed onto.
            file::empty(&jpath)?;
            self.seq = 0;
        }
        let seq_in_file = journaled || self.seq_in_file || self.seq > 0 || !self.journal.is_empty();
        let journal_seq = seq_in_file.then_some(self.seq);
        file::remove_stale_temps(real);
        // There is a file to back up exactly when one was read: the lock
        // checked just now that it is still the one the desk was made from.
        let backup = matches!(self.synced, Synced::File(_));
        let print = file::save(real, backup, |w| format::encode_to(desk, journal_seq, w))?;

        self.synced = Synced::File(print);
        self.seq_in_file = seq_in_file;
        // The save is done; failing to stat now only costs one extra read later.
        self.stamp = file::stamp(real).ok().flatten();
        self.broken = None;
        // The change is on disk. If the journal can't be emptied its lines
        // are skipped anyway (all are folded): read them again next time.
        if file::empty(&jpath).is_ok() {
            self.journal.clear();
            self.journal_lines = 0;
            self.journal_stamp = file::stamp(&jpath).ok().flatten();
        } else {
            self.journal_stamp = None;
        }
        Ok(())
    }

    /// Folds the journal into the data file now, if it holds any change (the
    /// TUI calls this on exit). Waits for the lock like a change.
    pub fn fold(&mut self) -> Result<(), StoreError> {
        let (real, _lock) = self.lock()?;
        if self.journal.is_empty() || !matches!(self.synced, Synced::File(_)) {
            return Ok(());
        }
        // Taken out for the save rather than cloned (a second desk in
        // memory); it is the same desk afterwards, so the generation stays.
        let desk = std::mem::take(&mut self.desk);
        let saved = self.save_full(&real, &desk, true);
        self.desk = desk;
        saved
    }

    /// Appends `entry` to the journal. Under the lock.
    fn append(&mut self, real: &Path, entry: &Entry) -> Result<(), StoreError> {
        let jpath = sibling(real, ".journal");
        let line = journal::encode(entry).map_err(|message| StoreError::Encode { message })?;
        file::append(&jpath, self.journal.len() as u64, &line)?;
        self.journal.extend_from_slice(&line);
        self.journal_lines += 1;
        self.seq = entry.seq;
        self.journal_stamp = file::stamp(&jpath).ok().flatten();
        self.broken = None;
        Ok(())
    }
}

/// The file's bytes and their fingerprint, or `None` if there is no file.
fn read(path: &Path) -> Result<Content, StoreError> {
    Ok(file::read(path)?.map(|b| {
        let print = fingerprint::of(&b);
        (b, print)
    }))
}

impl Store for JsonStore {
    fn load(&mut self) -> Result<&Desk, StoreError> {
        self.read_only = file::is_read_only(&self.path);
        self.synced = Synced::Never;
        self.refresh(false)?;
        Ok(&self.desk)
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        let stamp = file::stamp(&self.path)?;
        let jstamp = file::stamp(&self.journal_path()?)?;
        if !matches!(self.synced, Synced::Never) && stamp == self.stamp && jstamp == self.journal_stamp {
            return Ok(false);
        }
        if let Some((s, e)) = &self.broken
            && *s == (stamp, jstamp)
        {
            return Err(e.clone());
        }
        self.read_only = file::is_read_only(&self.path);
        self.refresh(true)
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn apply<T, E>(&mut self, f: impl FnOnce(&mut Desk) -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        let (real, _lock) = self.lock()?;

        let mut work = self.desk.clone();
        let value = match f(&mut work) {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        };
        if work == self.desk {
            return Ok(Ok(value));
        }
        let problems = validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let big = matches!(&self.synced, Synced::File(p) if p.len() >= self.journal_min);
        // A big file that does not record `journal_seq` yet is rewritten with
        // it first (once): an incidesk that knows no journal then refuses the
        // file instead of missing the changes in the journal.
        if big
            && self.seq_in_file
            && !self.fold_due()
            && let Some(entry) = journal::diff(&self.desk, &work, self.seq + 1)
        {
            self.append(&real, &entry)?;
            self.desk = work;
            self.generation += 1;
        } else {
            self.save_full(&real, &work, big)?;
            self.desk = work;
            self.generation += 1;
        }
        Ok(Ok(value))
    }
}
