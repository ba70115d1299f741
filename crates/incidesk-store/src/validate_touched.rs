//! The checks of [`problems`](super::problems) for the records one change
//! touched, rather than for the whole desk.
//!
//! A store that holds a valid desk and changes a few records of it (the
//! PostgreSQL store) need not check every other record again: they have not
//! changed. The touched records are checked together with every record
//! their checks look at (their customers, products and packs, the incidents
//! their ledgers name, split parents and children), gathered into a small
//! desk of its own, so each check is the whole desk's, word for word.

use super::Problem;
use incidesk_domain::{CustomerId, PackId, ProductId};
use incidesk_domain::{Desk, HistoryEntry, IncidentId, Subject};
use std::collections::BTreeSet;

/// The problems among the records `touched` and the history `added`; empty
/// when they are consistent. `at` paths index the small desk, so they name
/// ids rather than places in a file.
pub fn touched_problems(desk: &Desk, touched: &[Subject], added: &[HistoryEntry]) -> Vec<Problem> {
    let mut near = Near::default();
    for subject in touched {
        match *subject {
            Subject::Customer(id) => {
                near.customers.insert(id);
            }
            Subject::Product(id) => {
                near.products.insert(id);
            }
            Subject::Pack(id) => {
                near.packs.insert(id);
            }
            Subject::Incident(id) => {
                near.incidents.insert(id);
            }
        }
    }
    near.gather(desk);
    let small = Desk {
        customers: near.customers.iter().filter_map(|id| desk.customer(*id)).cloned().collect(),
        products: near.products.iter().filter_map(|id| desk.product(*id)).cloned().collect(),
        packs: near.packs.iter().filter_map(|id| desk.pack(*id)).cloned().collect(),
        incidents: near.incidents.iter().filter_map(|id| desk.incident(*id)).cloned().collect(),
        history: added.to_vec(),
        issued: desk.issued,
        archive: desk.archive.clone(),
    };
    super::problems(&small)
}

/// The ids of the records the checks will look at, in order.
#[derive(Default)]
struct Near {
    customers: BTreeSet<CustomerId>,
    products: BTreeSet<ProductId>,
    packs: BTreeSet<PackId>,
    incidents: BTreeSet<IncidentId>,
}

impl Near {
    fn gather(&mut self, desk: &Desk) {
        // A ledger line of a touched incident in any pack (one scan, no
        // copies): in a valid desk an incident's lines are all in its own
        // pack, but a touched one is what is being checked.
        // The same scan finds what names a touched record that may be gone
        // (an undo removes what a change created): packs and incidents of
        // a touched customer, incidents paid from a touched pack, split
        // relatives of a touched incident.
        for pack in &desk.packs {
            if self.customers.contains(&pack.customer)
                || pack.ledger.iter().any(|l| self.incidents.contains(&l.incident))
            {
                self.packs.insert(pack.id);
            }
        }
        let named: Vec<IncidentId> = desk
            .incidents
            .iter()
            .filter(|i| {
                self.customers.contains(&i.customer)
                    || self.packs.contains(&i.pack)
                    || i.split_from.is_some_and(|p| self.incidents.contains(&p))
                    || i.split_into.iter().any(|c| self.incidents.contains(c))
            })
            .map(|i| i.id)
            .collect();
        self.incidents.extend(named);
        // Then everything a check of the gathered records looks at, until
        // nothing new is found: an incident's customer, product, pack and
        // split relatives; a pack's customer and the incidents its ledger
        // names. A pack holds a few lines, so this stops soon.
        loop {
            let size = self.incidents.len() + self.packs.len();
            for id in self.incidents.clone() {
                let Some(inc) = desk.incident(id) else { continue };
                self.customers.insert(inc.customer);
                self.products.insert(inc.product);
                self.packs.insert(inc.pack);
                self.incidents.extend(inc.split_from);
                self.incidents.extend(inc.split_into.iter().copied());
            }
            for id in self.packs.clone() {
                let Some(pack) = desk.pack(id) else { continue };
                self.customers.insert(pack.customer);
                self.incidents.extend(pack.ledger.iter().map(|l| l.incident));
            }
            if self.incidents.len() + self.packs.len() == size {
                return;
            }
        }
    }
}
