//! [`JsonStore`]'s side of the archive: moving settled incidents out to an
//! archive file, bringing one back when a change names it, and reading the
//! whole record for views of old incidents.

use super::JsonStore;
use crate::domain::command::Command;
use crate::domain::{Desk, IncidentId, Instant};
use crate::store::error::StoreError;
use crate::store::{archive, file, validate};
use std::path::PathBuf;

/// What [`JsonStore::archive_settled`] moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archived {
    pub incidents: usize,
    pub history: usize,
    /// The new archive file (`None`: nothing was settled).
    pub file: Option<PathBuf>,
}

/// Environment variable: how many settled incidents make a change archive
/// them on its own (default [`AUTO_ARCHIVE_MIN`]; 0: never).
pub const AUTO_ARCHIVE_ENV: &str = "INCIDESK_AUTO_ARCHIVE";

/// A desk this far behind is archived without being asked: about four
/// months of a busy desk's closings, so small desks stay one file.
pub const AUTO_ARCHIVE_MIN: usize = 1000;

impl JsonStore {
    /// Archives the settled incidents ([`JsonStore::archive_settled`]) if
    /// there are at least [`AUTO_ARCHIVE_MIN`] of them (or `$INCIDESK_AUTO_ARCHIVE`);
    /// the command line does this after a change, the TUI on exit.
    pub fn archive_if_due(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        let min = std::env::var(AUTO_ARCHIVE_ENV)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(AUTO_ARCHIVE_MIN);
        if min == 0 || self.desk.settled(now).len() < min {
            return Ok(None);
        }
        self.archive_settled(now).map(Some)
    }

    /// Moves every incident settled at `now` ([`Desk::settled`]) and its
    /// history to a new archive file beside the data file, which keeps an
    /// index of them. The archive file is durable before the data file that
    /// lists it replaces the one that held the incidents.
    pub fn archive_settled(&mut self, now: Instant) -> Result<Archived, StoreError> {
        let (real, _lock) = self.lock()?;
        let ids = self.desk.settled(now);
        if ids.is_empty() {
            return Ok(Archived::default());
        }
        let mut work = self.desk.clone();
        let part = work.archive_out(&ids, now);
        let problems = validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let number = work.archive.next_number() - 1;
        let path = archive::write(&real, number, &part)?;
        let journaled = self.seq_in_file;
        self.save_full(&real, &work, journaled)?;
        self.desk = work;
        self.generation += 1;
        Ok(Archived { incidents: part.incidents.len(), history: part.history.len(), file: Some(path) })
    }

    /// Brings the archived incidents among `ids` back to the live desk (and
    /// saves it), so that a change can touch them. `Ok(0)` when none is
    /// archived: then nothing is read or written.
    pub fn thaw(&mut self, ids: &[IncidentId]) -> Result<usize, StoreError> {
        if !ids.iter().any(|id| self.desk.archive.holds(*id)) {
            return Ok(0);
        }
        let (real, _lock) = self.lock()?;
        let ids: Vec<IncidentId> = ids.iter().copied().filter(|id| self.desk.archive.holds(*id)).collect();
        if ids.is_empty() {
            return Ok(0);
        }
        let part = archive::read_some(&real, &self.desk.archive, &ids)?;
        let found = part.incidents.len();
        let mut work = self.desk.clone();
        work.thaw(part);
        let problems = validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let journaled = self.seq_in_file;
        self.save_full(&real, &work, journaled)?;
        self.desk = work;
        self.generation += 1;
        Ok(found)
    }

    /// [`JsonStore::thaw`] for the incidents a command names.
    pub fn thaw_for(&mut self, command: &Command) -> Result<usize, StoreError> {
        self.thaw(&command.incidents())
    }

    /// The whole record: the live desk with every archived incident and its
    /// history merged back in (reads every archive file; for views of closed
    /// incidents of every age). The live desk itself when nothing is archived.
    pub fn whole_desk(&self) -> Result<Desk, StoreError> {
        if self.desk.archive.is_empty() {
            return Ok(self.desk.clone());
        }
        let real = file::real_path(&self.path)?;
        let part = archive::read_all(&real, &self.desk.archive)?;
        Ok(self.desk.with_archived(part))
    }

    /// Every archived incident and its history, as the archive files hold
    /// them for the desk's index (reads every archive file).
    pub fn archived_part(&self) -> Result<crate::domain::archive::Part, StoreError> {
        let real = file::real_path(&self.path)?;
        archive::read_all(&real, &self.desk.archive)
    }

    /// The live desk with the archived incidents among `ids` and their
    /// history merged back in (reads only their archive files).
    pub fn desk_with(&self, ids: &[IncidentId]) -> Result<Desk, StoreError> {
        let real = file::real_path(&self.path)?;
        let part = archive::read_some(&real, &self.desk.archive, ids)?;
        Ok(self.desk.with_archived(part))
    }
}
