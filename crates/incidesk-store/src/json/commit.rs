//! The one way a change reaches the data file: under the lock, on the desk
//! brought up to date with the file, checked, then appended to the journal or
//! written whole, and only then the desk in memory.

use super::{DEFERRED_FACTOR, FOLD_BYTES, FOLD_LINES, JsonStore, Synced};
use crate::error::StoreError;
use crate::file::{self, Keep, Lock};
use crate::journal::{self, Entry};
use crate::{format, reach, sibling, validate};
use incidesk_domain::Desk;
use std::path::{Path, PathBuf};

/// The desk a change produced.
pub(super) enum Changed {
    /// Worked out on a copy: the desk in memory is still the one before.
    Copy(Desk),
    /// The desk in memory itself was changed (a command run in place, so
    /// that a big desk is not held twice): if the change can't be kept, the
    /// desk in memory is read again from the file, which still holds the one before.
    InPlace,
}

/// How a change is written.
pub(super) enum Write {
    /// One journal line (a big file, folding not due).
    Append(Entry),
    /// The whole file; `journaled`: the file records `journal_seq`.
    Rewrite { journaled: bool },
}

/// Proof that the lock is held, with the data file's real path.
pub(super) struct Locked {
    pub real: PathBuf,
    _lock: Lock,
}

impl JsonStore {
    /// Keeps a change: checks the desk it produced against the consistency
    /// rules (else `StoreError::Rejected`, nothing written), writes it as
    /// `write` says, then makes it the desk in memory. Every change of the
    /// desk (a command, an archiving, a thaw, a tool's edit) ends here.
    pub(super) fn commit(
        &mut self,
        locked: &Locked,
        changed: Changed,
        write: Write,
    ) -> Result<(), StoreError> {
        let in_place = matches!(changed, Changed::InPlace);
        let problems = match &changed {
            Changed::Copy(desk) => validate::problems(desk),
            Changed::InPlace => validate::problems(&self.desk),
        };
        if !problems.is_empty() {
            if in_place {
                self.read_again();
            }
            return Err(StoreError::Rejected { path: self.path.clone(), problems });
        }
        let written = match write {
            Write::Append(entry) => {
                let appended = self.append(&locked.real, &entry);
                if appended.is_ok()
                    && let Changed::Copy(desk) = changed
                {
                    self.desk = desk;
                }
                appended
            }
            Write::Rewrite { journaled } => {
                // Taken out for the save rather than cloned: one desk in memory.
                let desk = match changed {
                    Changed::Copy(desk) => desk,
                    Changed::InPlace => std::mem::take(&mut self.desk),
                };
                let saved = self.save_full(&locked.real, &desk, journaled);
                if saved.is_ok() || in_place {
                    self.desk = desk;
                }
                saved
            }
        };
        if let Err(e) = written {
            if in_place {
                self.read_again();
            }
            return Err(e);
        }
        self.generation += 1;
        Ok(())
    }

    /// After a change failed to be kept: the desk in memory is the file's
    /// again (best effort; the next change reads the file anyway).
    pub(super) fn read_again(&mut self) {
        self.synced = Synced::Never;
        let _ = self.refresh(false);
        self.generation += 1;
    }

    /// Whether the data file is big enough for the journal.
    pub(super) fn is_big(&self) -> bool {
        matches!(&self.synced, Synced::File(p) if p.len() >= self.settings.journal_min)
    }

    /// Whether the journal is past the usual folding limits (a change from
    /// the command line would fold it now).
    pub fn fold_is_due(&self) -> bool {
        self.journal_lines >= FOLD_LINES || self.journal.len() >= FOLD_BYTES
    }

    pub(super) fn fold_due(&self) -> bool {
        let factor = if self.settings.fold_deferred { DEFERRED_FACTOR } else { 1 };
        self.journal_lines >= FOLD_LINES * factor || self.journal.len() >= FOLD_BYTES * factor
    }

    /// Takes the lock and brings the desk up to date: the start of every change.
    pub(super) fn lock(&mut self) -> Result<Locked, StoreError> {
        // A change records history: read the file whole.
        self.lock_and_refresh(true)
    }

    /// [`JsonStore::lock`] for a change that will be appended to the journal
    /// if it can: a store read without its history stays so (a journal line
    /// holds only the entries the change adds), unless the change must
    /// rewrite the file, which needs every entry. Returns whether it appends.
    pub(super) fn lock_for_append(&mut self) -> Result<(Locked, bool), StoreError> {
        let locked = self.lock_and_refresh(false)?;
        let appends = self.appends();
        if self.without_history && !appends {
            self.read_whole_from_now();
            self.refresh(false)?;
        }
        Ok((locked, appends))
    }

    /// Takes the lock and brings the desk up to date: `whole`, with its
    /// history; else read as before (with or without it).
    fn lock_and_refresh(&mut self, whole: bool) -> Result<Locked, StoreError> {
        let real = file::real_path(&self.path)?;
        // Before the lock, so that a read-only setup gets this message and not
        // a failure to create the lock file.
        self.read_only = file::is_read_only(&real);
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        file::create_dirs(file::parent_dir(&real))?;
        let lock =
            Lock::acquire(&sibling(&real, ".lock"), self.settings.lock_timeout, Keep::of(&real).as_ref())?;
        if whole {
            self.read_whole_from_now();
        }
        // The data file is read in full (not trusted to its stamp), as before
        // every change: an edit in place within one clock tick is still seen.
        self.refresh(false)?;
        Ok(Locked { real, _lock: lock })
    }

    /// A store read without its history reads the file whole at its next refresh.
    fn read_whole_from_now(&mut self) {
        if self.without_history {
            self.without_history = false;
            self.synced = Synced::Never;
        }
    }

    /// Whether the next change goes to the journal rather than rewriting the
    /// file: a big file that records `journal_seq` and `journal_id`, with
    /// folding not due. (A file from before `journal_id` is rewritten with
    /// one first, folding its journal of the first format.)
    pub(super) fn appends(&self) -> bool {
        self.is_big() && self.seq_in_file && self.base.is_some() && !self.fold_due()
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
    pub(super) fn save_full(&mut self, real: &Path, desk: &Desk, journaled: bool) -> Result<(), StoreError> {
        let jpath = sibling(real, ".journal");
        if matches!(self.synced, Synced::Missing) {
            // A journal left without its file belongs to no desk: empty it
            // before there is a file it could be replayed onto.
            file::empty(&jpath)?;
            self.seq = 0;
        }
        let seq_in_file = journaled || self.seq_in_file || self.seq > 0 || !self.journal.is_empty();
        // A new journal id at every rewrite: lines appended from now on name
        // it, so they can never be replayed onto the copy being replaced
        // (which becomes PATH.bak).
        let base = seq_in_file.then(reach::new_base);
        let journal = base.as_deref().map(|b| (self.seq, b));
        file::remove_stale_temps(real);
        // There is a file to back up exactly when one was read: the lock
        // checked just now that it is still the one the desk was made from.
        let backup = matches!(self.synced, Synced::File(_));
        let keep = Keep::of(real);
        let print = file::save(real, backup, keep.as_ref(), |w| format::encode_to(desk, journal, w))?;

        self.synced = Synced::File(print);
        self.seq_in_file = seq_in_file;
        self.folded = self.seq;
        self.base = base;
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
        // After the journal is emptied: until now the reach left from the
        // journal before is older than the file's `journal_seq`, so ignored.
        // Best effort, like every write of it (see `reach.rs`).
        if let Some(base) = &self.base {
            let _ = reach::write(real, base, self.seq, keep.as_ref());
        }
        Ok(())
    }

    /// Folds the journal into the data file now, if it holds any change (the
    /// TUI calls this on exit). Waits for the lock like a change.
    pub fn fold(&mut self) -> Result<(), StoreError> {
        let locked = self.lock()?;
        if self.journal.is_empty() || !matches!(self.synced, Synced::File(_)) {
            return Ok(());
        }
        // The same desk afterwards: kept through the one commit path all the same.
        self.commit(&locked, Changed::InPlace, Write::Rewrite { journaled: true })
    }

    /// Appends `entry` to the journal. Under the lock.
    pub(super) fn append(&mut self, real: &Path, entry: &Entry) -> Result<(), StoreError> {
        let jpath = sibling(real, ".journal");
        let Some(base) = self.base.clone() else {
            // `appends` is false without a journal id: never reached.
            return Err(StoreError::Encode {
                message: "a journal line for a data file without a journal id".into(),
            });
        };
        let line = journal::encode(entry, &base).map_err(|message| StoreError::Encode { message })?;
        let keep = Keep::of(real);
        file::append(&jpath, self.journal.len() as u64, &line, keep.as_ref())?;
        // The change is on disk: failing to note its reach only weakens the
        // check of a journal cut later (see `reach.rs`), so it is not an error.
        let _ = reach::write(real, &base, entry.seq, keep.as_ref());
        self.journal.extend_from_slice(&line);
        self.journal_lines += 1;
        self.seq = entry.seq;
        self.journal_stamp = file::stamp(&jpath).ok().flatten();
        self.broken = None;
        Ok(())
    }
}
