//! Changes to a JSON store: one domain command, run on the desk in memory
//! itself rather than on a copy (a copy doubled the memory a change needs),
//! and the [`Store`] interface over it.

use super::commit::{Changed, Write};
use super::{JsonStore, Synced};
use crate::error::StoreError;
use crate::file;
use crate::history_stream::{History, HistoryReader};
use crate::interface::{Applied, Archived, Store};
use crate::journal::{self, Entry};
use crate::patch;
use crate::touched::undo_subjects;
use incidesk_domain::archive::Part;
use incidesk_domain::command::Command;
use incidesk_domain::{Desk, IncidentId, Instant};

impl JsonStore {
    /// Runs `command` (as [`incidesk_domain::Desk::execute_with_undo`]) and
    /// saves it before returning: under the lock, on the desk brought up to
    /// date with the file; a refusal changes nothing; a result that fails
    /// validation is not saved. An archived incident the command names is
    /// brought back first.
    ///
    /// The domain changes the desk in place and says which records it
    /// touched (the same record as its undo), which is what the journal line
    /// holds.
    fn apply_command(&mut self, command: Command, now: Instant, who: &str) -> Applied {
        if let Some(refusal) = self.refused_on_whole_record(&command, now, who)? {
            return Ok(Err(refusal));
        }
        self.thaw(&command.incidents())?;
        let (locked, appends) = self.lock_for_append()?;
        let pending = crate::last_undo::Pending::of(&command);
        let history_len = self.desk.history.len();
        let mut touched = undo_subjects(&command);
        // What an undo puts back, as it is now: the journal line says what
        // changed from it. (Any other command's undo record has that already.)
        let pre: Vec<_> = touched.iter().map(|s| self.desk.snapshot(*s)).collect();
        #[cfg(debug_assertions)]
        let before = self.desk.clone();
        let (outcome, undo) = match self.desk.execute_with_undo(command, now, who) {
            Ok(done) => done,
            Err(refusal) => {
                #[cfg(debug_assertions)]
                assert!(self.desk == before, "a refused command changed the desk");
                return Ok(Err(refusal));
            }
        };
        if let Some(u) = &undo {
            touched.extend(u.before.iter().chain(&u.after).map(|s| s.subject()));
        }
        touched.sort_by_key(|s| s.to_string());
        touched.dedup();
        let olds = || pre.iter().chain(undo.iter().flat_map(|u| &u.before));
        let changes = touched.iter().map(|s| {
            let old = olds().find(|o| o.subject() == *s);
            patch::compact(old, self.desk.snapshot(*s))
        });
        let changes: Vec<_> = changes.collect();
        let history = self.desk.history[history_len..].to_vec();
        let entry = Entry::of_changes(self.seq + 1, changes, history, self.desk.issued);
        #[cfg(debug_assertions)]
        {
            let mut replayed = before;
            journal::replay(&mut replayed, entry.clone())
                .expect("a journal line fits the desk it was made on");
            assert!(replayed == self.desk, "the journal line misses a record the command changed");
        }
        let write = if appends {
            Write::Append(entry)
        } else if self.without_history {
            // Never reached (`lock_for_append` reads the file whole when the
            // change can't be appended); a file is never written without its history.
            self.read_again();
            return Err(StoreError::Encode {
                message: "a rewrite from a desk read without its history".into(),
            });
        } else {
            Write::Rewrite { journaled: self.is_big() }
        };
        self.commit(&locked, Changed::InPlace, write)?;
        self.settle_last_undo(&locked.real, pending, who, undo.as_ref());
        Ok(Ok((outcome, undo)))
    }

    /// Runs `f` on a copy of the desk and keeps the result, for tools and
    /// tests that edit records directly rather than through a command.
    ///
    /// `f` sees the desk brought up to date with the file under the lock.
    /// If it returns `Err`, nothing is written; if it returns `Ok`, the
    /// changed desk must pass [`crate::validate::problems`] (else
    /// `StoreError::Rejected`) and is on disk when this returns `Ok(Ok(_))`.
    /// A change that changes nothing writes nothing (a missing file stays missing).
    pub fn change_desk<T, E>(
        &mut self,
        f: impl FnOnce(&mut Desk) -> Result<T, E>,
    ) -> Result<Result<T, E>, StoreError> {
        let locked = self.lock()?;
        let mut work = self.desk.clone();
        let value = match f(&mut work) {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        };
        if work == self.desk {
            return Ok(Ok(value));
        }
        // A big file that does not record `journal_seq` yet is rewritten with
        // it first (once): an incidesk that knows no journal then refuses the
        // file instead of missing the changes in the journal.
        let entry = if self.appends() { journal::diff(&self.desk, &work, self.seq + 1) } else { None };
        let write = match entry {
            Some(entry) => Write::Append(entry),
            None => Write::Rewrite { journaled: self.is_big() },
        };
        self.commit(&locked, Changed::Copy(work), write)?;
        Ok(Ok(value))
    }
}

impl Store for JsonStore {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn short_name(&self) -> String {
        self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| self.location())
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn generation(&self) -> u64 {
        self.generation
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn apply(&mut self, command: Command, now: Instant, who: &str) -> Applied {
        self.apply_command(command, now, who)
    }

    fn last_undo(&self, who: &str) -> Result<Option<incidesk_domain::undo::Undo>, StoreError> {
        self.last_undo_of(who)
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

    fn archived_part(&self) -> Result<Part, StoreError> {
        JsonStore::archived_part(self)
    }

    fn desk_with(&self, ids: &[IncidentId]) -> Result<Desk, StoreError> {
        JsonStore::desk_with(self, ids)
    }

    fn archive_settled(&mut self, now: Instant) -> Result<Archived, StoreError> {
        JsonStore::archive_settled(self, now)
    }

    fn after_change(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        self.archive_if_due(now)
    }

    /// Archives settled incidents if many wait, else folds the journal into
    /// the data file if it is past its limits (a live session defers that).
    fn end_session(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        let _ = self.reload_if_changed();
        if self.read_only {
            return Ok(None);
        }
        // Whoever quits should not wait long for another process's change.
        self.set_lock_timeout(std::time::Duration::from_secs(2));
        // Archiving rewrites the file, which folds the journal too.
        let archived = self.archive_if_due(now);
        if !matches!(archived, Ok(Some(_))) && self.fold_is_due() {
            self.fold()?;
        }
        archived
    }

    fn has_history(&self) -> bool {
        !self.without_history
    }

    fn history_reader(&self) -> Option<HistoryReader> {
        JsonStore::history_reader(self)
    }

    fn attach_history(&mut self, history: History) -> bool {
        JsonStore::attach_history(self, history)
    }
}
