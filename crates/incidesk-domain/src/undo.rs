//! Undo of one's own last change: the things a command touched are kept as
//! they were before and after (these records); undoing puts the "before"
//! back, but only if nobody changed them since (`undoing.rs`). The undo
//! itself is recorded in history (R21).

use super::desk::Desk;
use super::history::Subject;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Customer, Incident, Pack, Product};
use serde::{Deserialize, Serialize};

/// One thing on the desk as it was at a moment, or its absence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Snapshot {
    Customer(CustomerId, Option<Box<Customer>>),
    Product(ProductId, Option<Box<Product>>),
    Pack(PackId, Option<Box<Pack>>),
    Incident(IncidentId, Option<Box<Incident>>),
}

impl Snapshot {
    pub fn subject(&self) -> Subject {
        match self {
            Snapshot::Customer(id, _) => Subject::Customer(*id),
            Snapshot::Product(id, _) => Subject::Product(*id),
            Snapshot::Pack(id, _) => Subject::Pack(*id),
            Snapshot::Incident(id, _) => Subject::Incident(*id),
        }
    }
}

/// What it takes to undo one accepted command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undo {
    /// The outcome message of the change being undone.
    pub description: String,
    pub before: Vec<Snapshot>,
    pub after: Vec<Snapshot>,
}

impl Desk {
    /// The record `s` as it is now (absent: `None`).
    pub fn snapshot(&self, s: Subject) -> Snapshot {
        match s {
            Subject::Customer(id) => Snapshot::Customer(id, self.customer(id).cloned().map(Box::new)),
            Subject::Product(id) => Snapshot::Product(id, self.product(id).cloned().map(Box::new)),
            Subject::Pack(id) => Snapshot::Pack(id, self.pack(id).cloned().map(Box::new)),
            Subject::Incident(id) => Snapshot::Incident(id, self.incident(id).cloned().map(Box::new)),
        }
    }

    pub(crate) fn restore(&mut self, snapshot: Snapshot) {
        fn put<T: Clone, Id: Ord + Copy>(
            list: &mut Vec<T>,
            id: Id,
            key: impl Fn(&T) -> Id,
            value: Option<Box<T>>,
        ) {
            match (list.binary_search_by_key(&id, &key), value) {
                (Ok(i), Some(v)) => list[i] = *v,
                (Ok(i), None) => {
                    list.remove(i);
                }
                (Err(i), Some(v)) => list.insert(i, *v),
                (Err(_), None) => {}
            }
        }
        match snapshot {
            Snapshot::Customer(id, v) => {
                self.retire(Subject::Customer(id));
                put(&mut self.customers, id, |x| x.id, v)
            }
            Snapshot::Product(id, v) => {
                self.retire(Subject::Product(id));
                put(&mut self.products, id, |x| x.id, v)
            }
            Snapshot::Pack(id, v) => {
                self.retire(Subject::Pack(id));
                put(&mut self.packs, id, |x| x.id, v)
            }
            Snapshot::Incident(id, v) => {
                self.retire(Subject::Incident(id));
                put(&mut self.incidents, id, |x| x.id, v)
            }
        }
    }
}

pub(crate) fn absent(s: Subject) -> Snapshot {
    match s {
        Subject::Customer(id) => Snapshot::Customer(id, None),
        Subject::Product(id) => Snapshot::Product(id, None),
        Subject::Pack(id) => Snapshot::Pack(id, None),
        Subject::Incident(id) => Snapshot::Incident(id, None),
    }
}
