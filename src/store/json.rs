//! The desk in one JSON file, shared safely between processes.

use super::error::StoreError;
use super::file::{self, Lock, Stamp};
use super::{Store, format, sibling, validate};
use crate::domain::Desk;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the desk in memory was made from, to tell whether the file changed since.
#[derive(Debug)]
enum Synced {
    /// Nothing read yet (or only failed reads).
    Never,
    /// There was no file: the empty desk.
    Missing,
    /// These bytes, as read or as saved.
    Bytes(Vec<u8>),
}

impl Synced {
    fn matches(&self, current: Option<&[u8]>) -> bool {
        match (self, current) {
            (Synced::Missing, None) => true,
            (Synced::Bytes(b), Some(c)) => b == c,
            _ => false,
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
    broken: Option<(Option<Stamp>, StoreError)>,
    read_only: bool,
    lock_timeout: Duration,
    /// Counts the times the desk in memory was replaced (see [`JsonStore::generation`]).
    generation: u64,
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
            read_only: false,
            lock_timeout: Duration::from_secs(10),
            generation: 0,
        }
    }

    /// A store for `path`, loaded.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let mut store = JsonStore::new(path);
        store.load()?;
        Ok(store)
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

    /// Parses `bytes` (`None`: no file) and makes it the desk in memory.
    fn adopt(&mut self, bytes: Option<Vec<u8>>, stamp: Option<Stamp>) -> Result<(), StoreError> {
        let result = match &bytes {
            None => Ok(Desk::default()),
            Some(b) => format::decode(&self.path, b),
        };
        match result {
            Ok(desk) => {
                self.desk = desk;
                self.generation += 1;
                self.synced = bytes.map_or(Synced::Missing, Synced::Bytes);
                self.stamp = stamp;
                self.broken = None;
                Ok(())
            }
            Err(e) => {
                self.broken = Some((stamp, e.clone()));
                Err(e)
            }
        }
    }
}

impl Store for JsonStore {
    fn load(&mut self) -> Result<&Desk, StoreError> {
        // Stat before reading: if the file changes in between, the stamp is the
        // older one and the next reload_if_changed looks again.
        let stamp = file::stamp(&self.path)?;
        self.read_only = file::is_read_only(&self.path);
        let bytes = file::read(&self.path)?;
        self.adopt(bytes, stamp)?;
        Ok(&self.desk)
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        let stamp = file::stamp(&self.path)?;
        if !matches!(self.synced, Synced::Never) && stamp == self.stamp {
            return Ok(false);
        }
        if let Some((s, e)) = &self.broken
            && *s == stamp
        {
            return Err(e.clone());
        }
        self.read_only = file::is_read_only(&self.path);
        let bytes = file::read(&self.path)?;
        if self.synced.matches(bytes.as_deref()) {
            // Touched (or chmod-ed) but the same content.
            self.stamp = stamp;
            self.broken = None;
            return Ok(false);
        }
        self.adopt(bytes, stamp)?;
        Ok(true)
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn apply<T, E>(&mut self, f: impl FnOnce(&mut Desk) -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        let real = file::real_path(&self.path)?;
        // Before the lock, so that a read-only setup gets this message and not
        // a failure to create the lock file.
        self.read_only = file::is_read_only(&real);
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        file::create_dirs(file::parent_dir(&real))?;
        let _lock = Lock::acquire(&sibling(&real, ".lock"), self.lock_timeout)?;

        let stamp = file::stamp(&real)?;
        let current = file::read(&real)?;
        if !self.synced.matches(current.as_deref()) {
            self.adopt(current.clone(), stamp)?;
        }

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
        let bytes = format::encode(&work)?;
        file::remove_stale_temps(&real);
        file::save(&real, current.as_deref(), &bytes)?;

        self.desk = work;
        self.generation += 1;
        self.synced = Synced::Bytes(bytes);
        // The save is done; failing to stat now only costs one extra read later.
        self.stamp = file::stamp(&real).ok().flatten();
        self.broken = None;
        Ok(Ok(value))
    }
}
