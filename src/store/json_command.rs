//! [`JsonStore::apply_command`]: one domain command, run on the desk in memory
//! itself rather than on a copy (a copy doubled the memory a change needs).

use super::{JsonStore, Synced};
use crate::domain::command::Command;
use crate::domain::execute::Outcome;
use crate::domain::refusal::Refusal;
use crate::domain::undo::Undo;
use crate::domain::{Instant, Subject};
use crate::store::error::StoreError;
use crate::store::journal::Entry;
use crate::store::validate;

/// What [`JsonStore::apply_command`] returns: the store's error outside, the
/// domain's refusal inside.
pub type Applied = Result<Result<(Outcome, Option<Undo>), Refusal>, StoreError>;

impl JsonStore {
    /// Runs `command` (as [`crate::domain::Desk::execute_with_undo`]) and saves
    /// it before returning, with the guarantees of [`super::Store::apply`]:
    /// under the lock, on the desk brought up to date with the file; a
    /// refusal changes nothing; a result that fails validation is not saved.
    /// An archived incident the command names is brought back first.
    ///
    /// The domain changes the desk in place and says which records it
    /// touched (the same record as its undo), which is what the journal line
    /// holds. If validation or the save fails, the desk in memory is read
    /// again from the file, which still holds the desk as it was.
    pub fn apply_command(&mut self, command: Command, now: Instant, who: &str) -> Applied {
        self.thaw_for(&command)?;
        let (real, _lock, appends) = self.lock_for_append()?;
        let history_len = self.desk.history.len();
        let mut touched = undo_subjects(&command);
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
        let problems = validate::problems(&self.desk);
        if !problems.is_empty() {
            self.read_again();
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let entry = Entry {
            seq: self.seq + 1,
            put: touched.iter().map(|s| self.desk.snapshot(*s)).collect(),
            history: self.desk.history[history_len..].to_vec(),
            issued: self.desk.issued,
        };
        #[cfg(debug_assertions)]
        {
            let mut replayed = before;
            crate::store::journal::replay(&mut replayed, entry.clone());
            assert!(replayed == self.desk, "the journal line misses a record the command changed");
        }
        let big = matches!(&self.synced, Synced::File(p) if p.len() >= self.journal_min);
        let saved = if appends {
            self.append(&real, &entry)
        } else if self.without_history {
            // Never reached (`lock_for_append` reads the file whole when the
            // change can't be appended); a file is never written without its history.
            Err(StoreError::Encode { message: "a rewrite from a desk read without its history".into() })
        } else {
            let desk = std::mem::take(&mut self.desk);
            let saved = self.save_full(&real, &desk, big);
            self.desk = desk;
            saved
        };
        if let Err(e) = saved {
            self.read_again();
            return Err(e);
        }
        self.generation += 1;
        Ok(Ok((outcome, undo)))
    }

    /// After a change failed to be saved: the desk in memory is the file's
    /// again (best effort; the next change reads the file anyway).
    fn read_again(&mut self) {
        self.synced = Synced::Never;
        let _ = self.refresh(false);
        self.generation += 1;
    }
}

/// The records an undo puts back.
fn undo_subjects(command: &Command) -> Vec<Subject> {
    match command {
        Command::Undo { undo } => undo.before.iter().chain(&undo.after).map(|s| s.subject()).collect(),
        _ => Vec::new(),
    }
}
