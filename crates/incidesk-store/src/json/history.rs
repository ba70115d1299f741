//! Reading the history of a store read without it ([`JsonStore::open_without_history`])
//! on another thread, and putting it in: the TUI draws its first frame from
//! the desk without history (most of a big file), then shows the history
//! when it arrives.

use super::JsonStore;
use crate::error::StoreError;
use crate::file::{self, Stamp};
use crate::history_stream::{Basis, History, HistoryReader};
use crate::{format, journal};
use incidesk_domain::Desk;
use std::path::PathBuf;

impl JsonStore {
    /// For a store read without its history, what reading it takes (`None`:
    /// the store has its history).
    pub fn history_reader(&self) -> Option<HistoryReader> {
        let (path, stamp, journal) = (self.path.clone(), self.stamp, self.journal.clone());
        self.without_history.then(|| HistoryReader::new(move || read(path, stamp, journal)))
    }

    /// Puts in the history read by [`HistoryReader::read`] if the store is
    /// still what it was read for (same data file, no journal line since);
    /// `false` if not: read it again with a new reader.
    pub fn attach_history(&mut self, history: History) -> bool {
        let Basis::File { stamp, journal_len, unchanged } = history.basis else { return false };
        let current = self.without_history
            && unchanged
            && stamp == self.stamp
            && journal_len == self.journal.len()
            && self.desk.history.is_empty();
        if current {
            self.desk.history = history.entries;
            self.without_history = false;
            self.generation += 1;
        }
        current
    }
}

/// Reads the data file's history as a stream (no copy of the file is
/// held: off the screen's thread, memory matters more than speed), and
/// the history of the journal's lines after it, cleaned as loading does.
fn read(path: PathBuf, read_for: Option<Stamp>, journal: Vec<u8>) -> Result<History, StoreError> {
    let stamp = file::stamp(&path)?;
    if stamp.is_none() && read_for.is_none() {
        // No data file yet (a first start): a new desk has no history to read.
        let basis = Basis::File { stamp, journal_len: journal.len(), unchanged: true };
        return Ok(History { entries: Vec::new(), basis });
    }
    if stamp != read_for {
        let basis = Basis::File { stamp, journal_len: 0, unchanged: false };
        return Ok(History { entries: Vec::new(), basis });
    }
    let Some((f, len)) = crate::open::open_regular(&path, crate::open::Links::Follow)? else {
        return Err(StoreError::io("read", &path, std::io::ErrorKind::NotFound.into()));
    };
    let f = std::io::Read::take(f, len);
    let (mut entries, folded) = format::history_from_reader(std::io::BufReader::with_capacity(1 << 16, f))
        .map_err(|e| StoreError::Encode { message: format!("the history could not be read: {e}") })?;
    // Replaced meanwhile: what was read may not be the file the desk came from.
    let unchanged = file::stamp(&path)? == stamp;
    let read = journal::read(&journal, folded.seq.unwrap_or(0), 1, folded.id.as_deref())
        .map_err(|bad| StoreError::Journal { path: path.clone(), line: bad.line, message: bad.message })?;
    for e in read.entries {
        entries.extend(e.history);
    }
    let mut desk = Desk { history: entries, ..Desk::default() };
    desk.clean_text();
    let basis = Basis::File { stamp, journal_len: journal.len(), unchanged };
    Ok(History { entries: desk.history, basis })
}
