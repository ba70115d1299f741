//! The store interface: what the TUI and the command line hold, whatever
//! keeps the desk (a JSON file today, a database server later). It speaks in
//! commands, desks and records, never in files, paths or locks.

use crate::error::StoreError;
use crate::history_stream::{History, HistoryReader};
use incidesk_domain::archive::Part;
use incidesk_domain::undo::Undo;
use incidesk_domain::{Command, Desk, IncidentId, Instant, Outcome, Refusal};

/// What [`Store::apply`] returns: the store's failure outside (nothing was
/// saved), the domain's decision inside (done, with its undo; or refused,
/// and then nothing changed).
pub type Applied = Result<Result<(Outcome, Option<Undo>), Refusal>, StoreError>;

/// How much of the desk a store keeps in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Every record, history included.
    Whole,
    /// Everything but the history, which is most of a big desk: for views
    /// that show none and for one change from the command line (a change
    /// still records its own history). See [`Store::history_reader`].
    WithoutHistory,
}

/// What a store moved to its archive (incidents closed long ago and settled).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archived {
    pub incidents: usize,
    pub history: usize,
    /// Where they went, for people (`None`: nothing was settled).
    pub place: Option<String>,
}

/// A place the desk is kept, shared with other processes and machines.
///
/// Every change is one [`Command`] at `now` by `who`: the store brings its
/// desk up to date with what others saved, lets the domain decide, and keeps
/// the result (with the history the domain recorded) before returning. A
/// refused command changes nothing.
pub trait Store {
    /// Where the desk is, in full, for messages: a file's path, a server.
    fn location(&self) -> String;

    /// A short name for a title bar (a file's name, a database's name).
    fn short_name(&self) -> String;

    /// What the desk is kept in, for messages: "data file", "database".
    fn kind(&self) -> &'static str {
        "data file"
    }

    /// Who signs this store's changes when it is not the name typed (the
    /// database's authenticated role); `None`: the engineer named.
    fn signer(&self) -> Option<String> {
        None
    }

    /// The desk as last read or changed (empty until the first read succeeds).
    fn desk(&self) -> &Desk;

    /// Changes whenever the desk in memory is replaced (a read, a change
    /// here or elsewhere), so that views computed from it can be kept until then.
    fn generation(&self) -> u64;

    /// Whether changes are refused because the desk can't be written.
    fn is_read_only(&self) -> bool;

    /// Whether the desk is gone when the process ends (a demo): changes are
    /// kept only for the session, and the screen must say so.
    fn is_throwaway(&self) -> bool {
        false
    }

    /// Carries out `command` at `now` by `who` and keeps it before returning.
    /// An archived incident the command names is brought back first.
    fn apply(&mut self, command: Command, now: Instant, who: &str) -> Applied;

    /// How to undo the last change `who` made on this desk, from this
    /// process or any other (`None`: no change kept, or undone already).
    /// [`Store::apply`] keeps it: an accepted change sets it, undoing that
    /// change clears it (one level; see `last_undo.rs`). Apply it as
    /// [`Command::Undo`]; the domain refuses it if its records changed since.
    fn last_undo(&self, who: &str) -> Result<Option<Undo>, StoreError>;

    /// For a live view: picks up changes made elsewhere, cheaply when there
    /// are none. `Ok(true)` when the desk in memory was replaced.
    fn reload_if_changed(&mut self) -> Result<bool, StoreError>;

    /// How often a live view calls [`Store::reload_if_changed`]: a file is
    /// looked at once a second; a database announces each change, which
    /// another screen should show well within a second (PERFORMANCE.md).
    fn follow_every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(1)
    }

    /// Every archived incident and its history.
    fn archived_part(&self) -> Result<Part, StoreError>;

    /// The live desk with the archived incidents among `ids` merged back in.
    fn desk_with(&self, ids: &[IncidentId]) -> Result<Desk, StoreError>;

    /// The whole record: the live desk with every archived incident merged in.
    fn whole_desk(&self) -> Result<Desk, StoreError> {
        if self.desk().archive.is_empty() {
            return Ok(self.desk().clone());
        }
        Ok(self.desk().with_archived(self.archived_part()?))
    }

    /// Moves every incident settled at `now` to the archive (`incidesk archive`).
    fn archive_settled(&mut self, now: Instant) -> Result<Archived, StoreError>;

    /// Upkeep after a change from the command line: archives the settled
    /// incidents if many wait. `Ok(None)`: nothing was due.
    fn after_change(&mut self, now: Instant) -> Result<Option<Archived>, StoreError>;

    /// Upkeep when a live session ends: what [`Store::after_change`] does,
    /// and whatever the store left for later to keep the session quick.
    /// Best effort: every change is kept already.
    fn end_session(&mut self, now: Instant) -> Result<Option<Archived>, StoreError>;

    /// False for a store read [`Reading::WithoutHistory`] until its history
    /// is put in ([`Store::attach_history`]).
    fn has_history(&self) -> bool {
        true
    }

    /// What reading the history on another thread takes (`None`: the store
    /// has its history).
    fn history_reader(&self) -> Option<HistoryReader> {
        None
    }

    /// Puts in the history a [`HistoryReader`] read, if the desk is still
    /// the one it was read for; `false` if not (read it again).
    fn attach_history(&mut self, history: History) -> bool {
        let _ = history;
        false
    }
}

/// Opens the store that settings chose, as each command needs it.
pub trait OpenStore {
    /// Where the desk is, in full, for messages.
    fn location(&self) -> String;

    /// The store, read as `reading` asks.
    fn open(&self, reading: Reading) -> Result<Box<dyn Store>, StoreError>;

    /// Makes a new desk holding `desk` (the demo), refusing to replace one.
    fn create(&self, desk: &Desk) -> Result<(), StoreError>;
}
