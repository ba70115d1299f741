//! The desk: everything incidesk knows, in memory.

use super::archive::Archive;
use super::history::{HistoryEntry, Subject};
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Customer, Incident, Pack, Product};
use serde::{Deserialize, Serialize};

/// All customers, products, packs, incidents and their history.
///
/// Ids are handed out in increasing order and each list is kept sorted by id,
/// so lookups are binary searches.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Desk {
    #[serde(default)]
    pub customers: Vec<Customer>,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub packs: Vec<Pack>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// The highest ids ever handed out, so that an id freed by an undo is
    /// never given to something else (its history stays its own).
    #[serde(default, skip_serializing_if = "Issued::is_zero")]
    pub issued: Issued,
    /// Settled incidents moved out to archive files (see [`Archive`]).
    #[serde(default, skip_serializing_if = "Archive::is_empty")]
    pub archive: Archive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    #[serde(default)]
    pub customer: u32,
    #[serde(default)]
    pub product: u32,
    #[serde(default)]
    pub pack: u32,
    #[serde(default)]
    pub incident: u32,
}

impl Issued {
    fn is_zero(&self) -> bool {
        *self == Issued::default()
    }
}

macro_rules! lookup {
    ($get:ident, $get_mut:ident, $field:ident, $id:ty, $t:ty) => {
        pub fn $get(&self, id: $id) -> Option<&$t> {
            let i = self.$field.binary_search_by_key(&id, |x| x.id).ok()?;
            self.$field.get(i)
        }

        pub fn $get_mut(&mut self, id: $id) -> Option<&mut $t> {
            let i = self.$field.binary_search_by_key(&id, |x| x.id).ok()?;
            self.$field.get_mut(i)
        }
    };
}

impl Desk {
    lookup!(customer, customer_mut, customers, CustomerId, Customer);
    lookup!(product, product_mut, products, ProductId, Product);
    lookup!(pack, pack_mut, packs, PackId, Pack);
    lookup!(incident, incident_mut, incidents, IncidentId, Incident);

    /// R21: the history of one incident, pack, customer or product, oldest first.
    pub fn history_of(&self, subject: Subject) -> impl Iterator<Item = &HistoryEntry> {
        self.history.iter().filter(move |h| h.subject == subject)
    }

    /// Remembers that an id was handed out (see [`Issued`]).
    pub fn retire(&mut self, subject: Subject) {
        let (slot, id) = match subject {
            Subject::Customer(id) => (&mut self.issued.customer, id.0),
            Subject::Product(id) => (&mut self.issued.product, id.0),
            Subject::Pack(id) => (&mut self.issued.pack, id.0),
            Subject::Incident(id) => (&mut self.issued.incident, id.0),
        };
        *slot = (*slot).max(id);
    }

    /// Packs of one customer.
    pub fn packs_of(&self, customer: CustomerId) -> impl Iterator<Item = &Pack> {
        self.packs.iter().filter(move |p| p.customer == customer)
    }
}
