//! A change made on the desk itself rather than on a copy of it, and taken
//! back exactly when it is refused or when its store can't keep it.
//!
//! The JSON store copies its desk, changes the copy and swaps it in. The
//! PostgreSQL store keeps a large live desk that every change would then copy
//! whole, under the database's lock: at 10,000 incidents that copy (and its
//! freeing) was most of a change's time. Here a change costs the records it
//! may touch: what those were is what undo already relies on (R21), so
//! putting them back, dropping what was appended and restoring the counters
//! gives the desk as it was, byte for byte (tests/in_place_props.rs).

use super::command::Command;
use super::desk::{Desk, Issued};
use super::execute::Outcome;
use super::history::Subject;
use super::model::Instant;
use super::refusal::Refusal;
use super::undo::{Snapshot, Undo};

/// What a desk was before one change made in place: enough to take it back.
#[derive(Debug, Clone)]
pub struct Before {
    records: Vec<Snapshot>,
    /// Customers, products, packs and incidents: a record a change creates
    /// has a new id, higher than any other, so it is appended to its list.
    lengths: [usize; 4],
    history: usize,
    issued: Issued,
}

impl Before {
    fn of(desk: &Desk, command: &Command) -> Before {
        let mut subjects = desk.may_touch(command);
        if let Command::Undo { undo } = command {
            subjects.extend(undo.before.iter().chain(&undo.after).map(Snapshot::subject));
        }
        subjects.sort_by_key(Subject::to_string);
        subjects.dedup();
        Before {
            records: subjects.into_iter().map(|s| desk.snapshot(s)).collect(),
            lengths: [desk.customers.len(), desk.products.len(), desk.packs.len(), desk.incidents.len()],
            history: desk.history.len(),
            issued: desk.issued,
        }
    }

    /// Puts `desk` back as it was when this was taken.
    pub fn take_back(self, desk: &mut Desk) {
        for record in self.records {
            desk.restore(record);
        }
        let [customers, products, packs, incidents] = self.lengths;
        desk.customers.truncate(customers);
        desk.products.truncate(products);
        desk.packs.truncate(packs);
        desk.incidents.truncate(incidents);
        desk.history.truncate(self.history);
        desk.issued = self.issued;
    }
}

/// An accepted change made in place.
pub type Made = (Outcome, Option<Undo>, Before);

impl Desk {
    /// Like [`Desk::execute_with_undo`], on this desk: accepted, it returns
    /// how to take the change back; refused, the desk is as it was.
    pub fn execute_in_place(&mut self, command: Command, now: Instant, who: &str) -> Result<Made, Refusal> {
        let before = Before::of(self, &command);
        match self.execute_with_undo(command, now, who) {
            Ok((outcome, undo)) => Ok((outcome, undo, before)),
            Err(refusal) => {
                before.take_back(self);
                Err(refusal)
            }
        }
    }
}
