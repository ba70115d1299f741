//! The whole record for the TUI's views of closed incidents: the live desk
//! with every archived incident and its history merged back in. Reading it
//! means reading every archive file, so it is read only while such a view is
//! on screen and dropped when the view goes. What the archive files hold is
//! kept while the view stays: a change (a refund of an old incident, say)
//! merges it with the new live desk again instead of reading the files again
//! (archive files are never rewritten; a new one is read).

use crate::domain::Desk;
use crate::domain::archive::Part;
use crate::store::Store;
use std::cell::{OnceCell, RefCell};

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
    /// What the archive files held, and the segments it was read from.
    part: RefCell<Option<(Vec<u32>, Part)>>,
    /// Asked for but not read yet (see [`Whole::wait`]).
    pending: bool,
}

impl Whole {
    /// The whole record of `store` when the view `wants` it and the desk has
    /// an archive; read on first use. `None` (the live desk stands in) when
    /// not wanted, when reading failed, or when the reading is of an earlier
    /// generation: every change of the store is followed by [`Whole::sync`],
    /// and until then the live desk is right for everything but old incidents.
    pub fn get<'a>(&'a self, store: &dyn Store, wants: bool) -> Option<&'a Desk> {
        if self.pending || !wants || store.desk().archive.is_empty() {
            return None;
        }
        let generation = store.generation();
        let read = self.read.get_or_init(|| Read { generation, desk: self.merge(store) });
        match &read.desk {
            Ok(desk) if read.generation == generation => Some(desk),
            _ => None,
        }
    }

    /// The live desk with the archived part merged in; the archive files are
    /// read only if the desk lists a segment not read yet.
    fn merge(&self, store: &dyn Store) -> Result<Desk, String> {
        let segments: Vec<u32> = store.desk().archive.segments.iter().map(|s| s.number).collect();
        let mut cached = self.part.borrow_mut();
        let fresh =
            cached.as_ref().is_some_and(|(read_from, _)| segments.iter().all(|n| read_from.contains(n)));
        if !fresh {
            let part = store.archived_part().map_err(|e| e.to_string())?;
            *cached = Some((segments, part));
        }
        let part = cached.as_ref().map(|(_, p)| p.clone()).unwrap_or_default();
        Ok(store.desk().with_archived(part))
    }

    /// After the store or the view changed: drops a reading no longer wanted
    /// or of an earlier generation, reads again if wanted, and returns a
    /// failure to read that was not reported yet.
    /// Leaves the reading for the next [`Whole::sync`], so that a frame
    /// saying it is coming can be drawn first (reading takes a second or
    /// two at 100 000 incidents); the live desk stands in meanwhile.
    pub fn wait(&mut self) {
        self.pending = true;
        self.read.take();
    }

    pub fn is_pending(&self) -> bool {
        self.pending
    }

    pub fn sync(&mut self, store: &dyn Store, wants: bool) -> Option<String> {
        self.pending = false;
        let wants = wants && !store.desk().archive.is_empty();
        if !wants || self.read.get().is_some_and(|r| r.generation != store.generation()) {
            self.read.take();
        }
        if !wants {
            self.reported = None;
            self.part.take();
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
