//! The history read on another thread: a live view draws its first frame
//! from the desk without its history (most of a big desk), then shows the
//! history when it arrives. The store says what reading it takes
//! ([`crate::Store::history_reader`]) and whether what arrived is still
//! current ([`crate::Store::attach_history`]).

use crate::error::StoreError;
use incidesk_domain::HistoryEntry;

/// What reading the history takes, handed by the store to another thread.
pub struct HistoryReader {
    read: Box<dyn FnOnce() -> Result<History, StoreError> + Send>,
}

impl HistoryReader {
    pub(crate) fn new(read: impl FnOnce() -> Result<History, StoreError> + Send + 'static) -> Self {
        HistoryReader { read: Box::new(read) }
    }

    /// Reads it (slow: call it off the screen's thread).
    pub fn read(self) -> Result<History, StoreError> {
        (self.read)()
    }
}

impl std::fmt::Debug for HistoryReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HistoryReader")
    }
}

/// The history a [`HistoryReader`] read, and what it was read from.
#[derive(Debug)]
pub struct History {
    pub(crate) entries: Vec<HistoryEntry>,
    /// The store's own mark of the desk it was read for.
    pub(crate) basis: Basis,
}

/// What the history was read from, as the store that read it knows it.
#[derive(Debug)]
pub(crate) enum Basis {
    /// A data file with this stamp, with this much journal after it; whether
    /// the file stayed the same while it was read.
    File { stamp: Option<crate::file::Stamp>, journal_len: usize, unchanged: bool },
    /// A database at this revision; each entry's row number, in order.
    Database { revision: i64, seqs: Vec<i64> },
}
