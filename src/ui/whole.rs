//! The whole record for the TUI's views of closed incidents: the live desk
//! with every archived incident and its history merged back in
//! ([`JsonStore::whole_desk`]). Reading it means reading every archive file,
//! so it is read only while such a view is on screen, once per store
//! generation, and dropped when the view goes.

use crate::domain::Desk;
use crate::store::{JsonStore, Store as _};
use std::cell::OnceCell;

/// One reading, for one store generation; `Err` says why it failed.
struct Read {
    generation: u64,
    desk: Result<Desk, String>,
}

#[derive(Default)]
pub struct Whole {
    /// A `OnceCell`, not a `RefCell`: drawing only reads the app (`&App`) and
    /// must get a `&Desk` that lives as long as that borrow; replacing the
    /// reading needs `&mut` and is done by [`Whole::sync`].
    read: OnceCell<Read>,
    /// The failure last put in the status line, so that each frame or change
    /// does not put it there again.
    reported: Option<String>,
}

impl Whole {
    /// The whole record of `store` when the view `wants` it and the desk has
    /// an archive; read on first use. `None` (the live desk stands in) when
    /// not wanted, when reading failed, or when the reading is of an earlier
    /// generation: every change of the store is followed by [`Whole::sync`],
    /// and until then the live desk is right for everything but old incidents.
    pub fn get<'a>(&'a self, store: &JsonStore, wants: bool) -> Option<&'a Desk> {
        if !wants || store.desk().archive.is_empty() {
            return None;
        }
        let generation = store.generation();
        let read = self
            .read
            .get_or_init(|| Read { generation, desk: store.whole_desk().map_err(|e| e.to_string()) });
        match &read.desk {
            Ok(desk) if read.generation == generation => Some(desk),
            _ => None,
        }
    }

    /// After the store or the view changed: drops a reading no longer wanted
    /// or of an earlier generation, reads again if wanted, and returns a
    /// failure to read that was not reported yet.
    pub fn sync(&mut self, store: &JsonStore, wants: bool) -> Option<String> {
        let wants = wants && !store.desk().archive.is_empty();
        if !wants || self.read.get().is_some_and(|r| r.generation != store.generation()) {
            self.read.take();
        }
        if !wants {
            self.reported = None;
            return None;
        }
        self.get(store, true);
        let failure = self.read.get().and_then(|r| r.desk.as_ref().err()).cloned();
        if failure == self.reported {
            return None;
        }
        self.reported.clone_from(&failure);
        failure
    }
}
