//! Undo of one's own last change: the things a command touched are kept as
//! they were before and after; undoing puts the "before" back, but only if
//! nobody changed them since. The undo itself is recorded in history (R21).

use super::command::Command;
use super::desk::Desk;
use super::execute::{Ctx, Done, Outcome};
use super::history::Subject;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Customer, Incident, Instant, Pack, Product};
use super::refusal::Refusal;
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

    /// Things an existing-entity command may change (created ones are found after).
    fn may_touch(&self, command: &Command) -> Vec<Subject> {
        use Command::*;
        let packs_of = |c: CustomerId| self.packs_of(c).map(|p| Subject::Pack(p.id)).collect::<Vec<_>>();
        match command {
            AddContact { customer, .. } | SetTaxExemption { customer, .. } => {
                vec![Subject::Customer(*customer)]
            }
            TransferPack { pack, order_number, .. } => pack
                .or_else(|| {
                    self.packs
                        .iter()
                        .find(|p| p.order_number.eq_ignore_ascii_case(order_number.trim()))
                        .map(|p| p.id)
                })
                .map(Subject::Pack)
                .into_iter()
                .collect(),
            OpenIncident { customer, .. } => packs_of(*customer),
            other => match other.incident() {
                Some(id) => {
                    let mut v = vec![Subject::Incident(id)];
                    if let Some(inc) = self.incident(id) {
                        v.extend(packs_of(inc.customer));
                    }
                    v
                }
                None => Vec::new(),
            },
        }
    }

    /// Like [`Desk::execute`], and also returns how to undo the change.
    pub fn execute_with_undo(
        &mut self,
        command: Command,
        now: Instant,
        who: &str,
    ) -> Result<(Outcome, Option<Undo>), Refusal> {
        if matches!(command, Command::Undo { .. }) {
            return self.execute(command, now, who).map(|o| (o, None));
        }
        let mut subjects = self.may_touch(&command);
        let before: Vec<Snapshot> = subjects.iter().map(|s| self.snapshot(*s)).collect();
        let outcome = self.execute(command, now, who)?;
        subjects.extend(outcome.created.iter().copied());
        let mut pairs: Vec<(Snapshot, Snapshot)> = Vec::new();
        for (i, s) in subjects.iter().enumerate() {
            let b = before.get(i).cloned().unwrap_or_else(|| absent(*s));
            let a = self.snapshot(*s);
            if a != b {
                pairs.push((b, a));
            }
        }
        let (before, after) = pairs.into_iter().unzip();
        let undo = Undo { description: outcome.message.clone(), before, after };
        Ok((outcome, Some(undo)))
    }

    fn restore(&mut self, snapshot: Snapshot) {
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

fn absent(s: Subject) -> Snapshot {
    match s {
        Subject::Customer(id) => Snapshot::Customer(id, None),
        Subject::Product(id) => Snapshot::Product(id, None),
        Subject::Pack(id) => Snapshot::Pack(id, None),
        Subject::Incident(id) => Snapshot::Incident(id, None),
    }
}

/// R21: undoes a change if nothing it touched has changed since.
pub(crate) fn undo(desk: &mut Desk, _ctx: &Ctx, undo: Undo) -> Result<Done, Refusal> {
    for after in &undo.after {
        if desk.snapshot(after.subject()) != *after {
            return Err(Refusal::invalid(format!(
                "{} has changed since '{}': undo it by hand",
                after.subject(),
                undo.description
            )));
        }
    }
    let subjects: Vec<Subject> = undo.before.iter().map(Snapshot::subject).collect();
    for snapshot in undo.before {
        desk.restore(snapshot);
    }
    let what = format!("undo of: {}", undo.description);
    let subject = subjects.first().copied().unwrap_or(Subject::Customer(CustomerId(0)));
    Ok(Done {
        subject,
        created: Vec::new(),
        history: subjects.iter().map(|s| (*s, what.clone())).collect(),
        message: what,
    })
}
