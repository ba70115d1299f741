//! Each engineer's last change beside the data file: `PATH.undo`, one JSON
//! object `{"incidesk_last_undo": 1, "engineers": {NAME: undo, …}}`
//! (DATA-FORMAT.md, "The undo file").
//!
//! Written under the data file's lock, after the change is kept, by the
//! same atomic save as the data file (a temporary file renamed over it), so
//! a reader sees the one before or the one after. It is not the record: if
//! it can't be written the change stands (its undo is lost, which the next
//! change puts right), and an unreadable one counts as empty. A stale entry
//! is harmless, as the domain refuses to undo records changed since (R21).

use super::JsonStore;
use crate::error::StoreError;
use crate::file::{self, Keep};
use crate::last_undo::{LastUndos, Pending};
use crate::open::Links;
use crate::sibling;
use incidesk_domain::undo::Undo;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The format written; a file of another is treated as empty.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct UndoFile {
    incidesk_last_undo: u32,
    engineers: LastUndos,
}

impl JsonStore {
    fn undo_path(&self) -> Result<PathBuf, StoreError> {
        Ok(sibling(&file::real_path(self.path())?, ".undo"))
    }

    /// The undo file's entries (empty if it is missing or unreadable).
    fn read_last_undos(path: &Path) -> LastUndos {
        let Ok(Some(bytes)) = file::read(path, Links::Refuse) else {
            return LastUndos::new();
        };
        match serde_json::from_slice::<UndoFile>(&bytes) {
            Ok(f) if f.incidesk_last_undo == VERSION => f.engineers,
            _ => LastUndos::new(),
        }
    }

    /// See [`crate::Store::last_undo`].
    pub(super) fn last_undo_of(&self, who: &str) -> Result<Option<Undo>, StoreError> {
        Ok(Self::read_last_undos(&self.undo_path()?).remove(who))
    }

    /// After a change `who` made was kept (under the lock, at the data file's
    /// real path `real`): notes its undo, or that it undid the last one.
    /// Best effort (see the module's comment).
    pub(super) fn settle_last_undo(&self, real: &Path, pending: Pending, who: &str, undo: Option<&Undo>) {
        let path = sibling(real, ".undo");
        let mut last = Self::read_last_undos(&path);
        if !pending.settle(&mut last, who, undo) {
            return;
        }
        file::remove_stale_temps(&path);
        let content = UndoFile { incidesk_last_undo: VERSION, engineers: last };
        let keep = Keep::of(real);
        let _ = file::save(&path, false, keep.as_ref(), |w| {
            serde_json::to_writer(&mut *w, &content).map_err(std::io::Error::other)?;
            w.write_all(b"\n")
        });
    }
}
