//! [`JsonStore`]'s side of the archive: moving settled incidents out to an
//! archive file, bringing one back when a change names it, and reading the
//! whole record for views of old incidents.

use super::JsonStore;
use super::commit::{Changed, Write};
use crate::archive;
use crate::error::StoreError;
use crate::file;
use crate::interface::Archived;
use incidesk_domain::archive::Part;
use incidesk_domain::{Command, Desk, IncidentId, Instant, Refusal};

impl JsonStore {
    /// Archives the settled incidents ([`JsonStore::archive_settled`]) if
    /// there are at least as many as the settings' `auto_archive_min`; the
    /// command line does this after a change, the TUI on exit.
    pub fn archive_if_due(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        let min = self.settings.auto_archive_min;
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
        let locked = self.lock()?;
        let ids = self.desk.settled(now);
        if ids.is_empty() {
            return Ok(Archived::default());
        }
        let mut work = self.desk.clone();
        let part = work.archive_out(&ids, now);
        // Checked before the archive file is written, as the commit checks it again.
        let problems = crate::validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let number = work.archive.next_number() - 1;
        let path = archive::write(&locked.real, number, &part)?;
        let journaled = self.seq_in_file;
        self.commit(&locked, Changed::Copy(work), Write::Rewrite { journaled })?;
        Ok(Archived {
            incidents: part.incidents.len(),
            history: part.history.len(),
            place: Some(path.display().to_string()),
        })
    }

    /// Brings the archived incidents among `ids` back to the live desk (and
    /// saves it), so that a change can touch them. `Ok(0)` when none is
    /// archived: then nothing is read or written.
    pub fn thaw(&mut self, ids: &[IncidentId]) -> Result<usize, StoreError> {
        if !ids.iter().any(|id| self.desk.archive.holds(*id)) {
            return Ok(0);
        }
        let locked = self.lock()?;
        let ids: Vec<IncidentId> = ids.iter().copied().filter(|id| self.desk.archive.holds(*id)).collect();
        if ids.is_empty() {
            return Ok(0);
        }
        let part = archive::read_some(&locked.real, &self.desk.archive, &ids)?;
        let found = part.incidents.len();
        let mut work = self.desk.clone();
        work.thaw(part);
        let journaled = self.seq_in_file;
        self.commit(&locked, Changed::Copy(work), Write::Rewrite { journaled })?;
        Ok(found)
    }

    /// For a command that names archived incidents: the domain's decision on
    /// the whole record, before anything is brought back, so that a refused
    /// command leaves every file as it was (bringing an incident back
    /// rewrites the data file). Fails when an archive file does not hold an
    /// incident the data file lists in it. `None`: nothing archived is
    /// named, or the command would be carried out.
    pub(super) fn refused_on_whole_record(
        &mut self,
        command: &Command,
        now: Instant,
        who: &str,
    ) -> Result<Option<Refusal>, StoreError> {
        use crate::interface::Store as _;
        let named = |desk: &Desk| -> Vec<IncidentId> {
            command.incidents().into_iter().filter(|id| desk.archive.holds(*id)).collect()
        };
        if named(&self.desk).is_empty() {
            return Ok(None);
        }
        self.reload_if_changed()?;
        let ids = named(&self.desk);
        if ids.is_empty() {
            return Ok(None);
        }
        let real = file::real_path(&self.path)?;
        let part = archive::read_some(&real, &self.desk.archive, &ids)?;
        if let Some(lost) = ids.iter().find(|id| !part.incidents.iter().any(|i| i.id == **id)) {
            let number = self.desk.archive.segment_of(*lost).map_or(0, |s| s.number);
            return Err(StoreError::Archive {
                path: archive::segment_path(&real, number),
                message: format!("does not hold {lost}, which the data file lists in it"),
            });
        }
        let mut trial = self.desk.with_archived(part);
        Ok(trial.execute_with_undo(command.clone(), now, who).err())
    }

    /// Every archived incident and its history, as the archive files hold
    /// them for the desk's index (reads every archive file).
    pub fn archived_part(&self) -> Result<Part, StoreError> {
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
