//! The desk: everything incidesk knows, in memory.

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

    pub fn next_customer_id(&self) -> CustomerId {
        CustomerId(self.customers.last().map_or(1, |x| x.id.0 + 1))
    }

    pub fn next_product_id(&self) -> ProductId {
        ProductId(self.products.last().map_or(1, |x| x.id.0 + 1))
    }

    pub fn next_pack_id(&self) -> PackId {
        PackId(self.packs.last().map_or(1, |x| x.id.0 + 1))
    }

    pub fn next_incident_id(&self) -> IncidentId {
        IncidentId(self.incidents.last().map_or(1, |x| x.id.0 + 1))
    }

    /// R21: the history of one incident, pack, customer or product, oldest first.
    pub fn history_of(&self, subject: Subject) -> impl Iterator<Item = &HistoryEntry> {
        self.history.iter().filter(move |h| h.subject == subject)
    }

    /// Packs of one customer.
    pub fn packs_of(&self, customer: CustomerId) -> impl Iterator<Item = &Pack> {
        self.packs.iter().filter(move |p| p.customer == customer)
    }
}
