//! Reading the history of a store read without it ([`JsonStore::open_without_history`])
//! on another thread, and putting it in: the TUI draws its first frame from
//! the desk without history (most of a big file), then shows the history
//! when it arrives.

use super::JsonStore;
use crate::domain::{Desk, HistoryEntry};
use crate::store::error::StoreError;
use crate::store::file::{self, Stamp};
use crate::store::{format, journal};
use std::path::PathBuf;

/// What reading the history takes, taken from the store (see [`JsonStore::history_reader`]).
#[derive(Debug)]
pub struct HistoryReader {
    path: PathBuf,
    stamp: Option<Stamp>,
    journal: Vec<u8>,
}

/// The history read by [`HistoryReader::read`], for [`JsonStore::attach_history`].
#[derive(Debug)]
pub struct History {
    entries: Vec<HistoryEntry>,
    stamp: Option<Stamp>,
    journal_len: usize,
    /// The file stayed the one the store was read from while this was read.
    unchanged: bool,
}

impl JsonStore {
    /// For a store read without its history, what reading it takes (`None`:
    /// the store has its history).
    pub fn history_reader(&self) -> Option<HistoryReader> {
        self.without_history.then(|| HistoryReader {
            path: self.path.clone(),
            stamp: self.stamp,
            journal: self.journal.clone(),
        })
    }

    /// Puts in the history read by [`HistoryReader::read`] if the store is
    /// still what it was read for (same data file, no journal line since);
    /// `false` if not: read it again with a new reader.
    pub fn attach_history(&mut self, history: History) -> bool {
        let current = self.without_history
            && history.unchanged
            && history.stamp == self.stamp
            && history.journal_len == self.journal.len()
            && self.desk.history.is_empty();
        if current {
            self.desk.history = history.entries;
            self.without_history = false;
            self.generation += 1;
        }
        current
    }
}

impl HistoryReader {
    /// Reads the data file's history as a stream (no copy of the file is
    /// held: off the screen's thread, memory matters more than speed), and
    /// the history of the journal's lines after it, cleaned as loading does.
    pub fn read(self) -> Result<History, StoreError> {
        let stamp = file::stamp(&self.path)?;
        if stamp != self.stamp {
            return Ok(History { entries: Vec::new(), stamp, journal_len: 0, unchanged: false });
        }
        let f = std::fs::File::open(&self.path).map_err(|e| StoreError::io("read", &self.path, e))?;
        let (mut entries, folded) =
            format::history_from_reader(std::io::BufReader::with_capacity(1 << 16, f))
                .map_err(|e| StoreError::Encode { message: format!("the history could not be read: {e}") })?;
        // Replaced meanwhile: what was read may not be the file the desk came from.
        let unchanged = file::stamp(&self.path)? == stamp;
        let read = journal::read(&self.journal, folded.unwrap_or(0), 1).map_err(|bad| {
            StoreError::Journal { path: self.path.clone(), line: bad.line, message: bad.message }
        })?;
        for e in read.entries {
            entries.extend(e.history);
        }
        let mut desk = Desk { history: entries, ..Desk::default() };
        desk.clean_text();
        Ok(History { entries: desk.history, stamp, journal_len: self.journal.len(), unchanged })
    }
}
