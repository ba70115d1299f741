//! Replay: each step carried out as a real command on a fresh desk.

use super::*;
use crate::domain::{Command, CustomerId, Desk, IncidentId, PackId, ProductId, Subject};
use std::collections::HashMap;

// ---------------------------------------------------------------------------
// Replay

#[derive(Default)]
pub(super) struct Ids {
    pub(super) customers: HashMap<String, CustomerId>,
    pub(super) products: HashMap<String, ProductId>,
    pub(super) packs: HashMap<String, PackId>,
    pub(super) incidents: HashMap<String, IncidentId>,
}

pub(super) fn not_yet(step: &Step, kind: &str, key: &str) -> DemoError {
    bad(
        &step.item,
        format!("at {} it refers to {kind} '{key}', which the scenario has not added by then", step.when),
    )
}

impl Ids {
    pub(super) fn customer(&self, step: &Step, key: &str) -> Result<CustomerId, DemoError> {
        self.customers.get(key).copied().ok_or_else(|| not_yet(step, "customer", key))
    }
    pub(super) fn product(&self, step: &Step, key: &str) -> Result<ProductId, DemoError> {
        self.products.get(key).copied().ok_or_else(|| not_yet(step, "product", key))
    }
    pub(super) fn pack(&self, step: &Step, key: &str) -> Result<PackId, DemoError> {
        self.packs.get(key).copied().ok_or_else(|| not_yet(step, "pack", key))
    }
    pub(super) fn incident(&self, step: &Step, key: &str) -> Result<IncidentId, DemoError> {
        self.incidents.get(key).copied().ok_or_else(|| not_yet(step, "incident", key))
    }
}

pub(super) fn replay(steps: Vec<Step>) -> Result<Desk, DemoError> {
    let mut desk = Desk::default();
    let mut ids = Ids::default();
    for step in &steps {
        let (command, incident) = command(step, &ids)?;
        let who = match (&step.by, incident) {
            (Some(who), _) => who.clone(),
            (None, Some(id)) => desk.incident(id).map(|i| i.engineer.clone()).unwrap_or_default(),
            (None, None) => String::new(),
        };
        let outcome = desk.execute(command, step.at, &who).map_err(|refusal| DemoError::Refused {
            item: step.item.clone(),
            at: step.when.clone(),
            refusal,
        })?;
        let created = |n: usize| outcome.created.get(n).copied();
        match &step.action {
            Action::AddCustomer { key, .. } => {
                if let Some(Subject::Customer(id)) = created(0) {
                    ids.customers.insert(key.clone(), id);
                }
            }
            Action::AddProduct { key, .. } => {
                if let Some(Subject::Product(id)) = created(0) {
                    ids.products.insert(key.clone(), id);
                }
            }
            Action::BuyPack { key, .. } => {
                if let Some(Subject::Pack(id)) = created(0) {
                    ids.packs.insert(key.clone(), id);
                }
            }
            Action::Open { key, .. } => {
                if let Some(Subject::Incident(id)) = created(0) {
                    ids.incidents.insert(key.clone(), id);
                }
            }
            Action::Split { children, .. } => {
                for (n, (key, _)) in children.iter().enumerate() {
                    if let Some(Subject::Incident(id)) = created(n) {
                        ids.incidents.insert(key.clone(), id);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(desk)
}

/// The command of a step, and the incident it works on (whose engineer does
/// it unless the step says who).
pub(super) fn command(step: &Step, ids: &Ids) -> Result<(Command, Option<IncidentId>), DemoError> {
    Ok(match &step.action {
        Action::AddCustomer { name, calendar, .. } => {
            (Command::AddCustomer { name: name.clone(), calendar: calendar.clone() }, None)
        }
        Action::AddContact { customer, name, reach, on_duty_24x7 } => (
            Command::AddContact {
                customer: ids.customer(step, customer)?,
                name: name.clone(),
                reach: reach.clone(),
                on_duty_24x7: *on_duty_24x7,
            },
            None,
        ),
        Action::SetTaxExemption { customer, reference, received, expires } => (
            Command::SetTaxExemption {
                customer: ids.customer(step, customer)?,
                reference: reference.clone(),
                received: *received,
                expires: *expires,
            },
            None,
        ),
        Action::AddProduct { name, mainstream_end, extended_end, .. } => (
            Command::AddProduct {
                name: name.clone(),
                mainstream_end: *mainstream_end,
                extended_end: *extended_end,
            },
            None,
        ),
        Action::BuyPack { customer, account, order, purchased, .. } => (
            Command::BuyPack {
                customer: ids.customer(step, customer)?,
                account: account.clone(),
                order_number: order.clone(),
                purchased: Some(*purchased),
            },
            None,
        ),
        Action::TransferPack { pack, order, to } => (
            Command::TransferPack {
                pack: Some(ids.pack(step, pack)?),
                order_number: order.clone(),
                to: to.clone(),
            },
            None,
        ),
        Action::Open {
            customer,
            account,
            product,
            category,
            severity,
            coverage,
            title,
            problem,
            agreed_with,
            pack,
            ..
        } => (
            Command::OpenIncident {
                customer: ids.customer(step, customer)?,
                account: account.clone(),
                product: ids.product(step, product)?,
                category: *category,
                severity: *severity,
                coverage: *coverage,
                title: title.clone(),
                problem: problem.clone(),
                agreed_with: agreed_with.clone(),
                pack: match pack {
                    Some(p) => Some(ids.pack(step, p)?),
                    None => None,
                },
            },
            None,
        ),
        Action::Split { parent, children } => {
            let id = ids.incident(step, parent)?;
            let into = children.iter().map(|(_, title)| title.clone()).collect();
            (Command::Split { incident: id, into }, Some(id))
        }
        Action::Work { incident, event } => {
            let id = ids.incident(step, incident)?;
            let command = match event {
                Event::Respond(note) => Command::Respond { incident: id, note: note.clone() },
                Event::Contact(kind, minutes, note) => {
                    Command::LogContact { incident: id, kind: *kind, minutes: *minutes, note: note.clone() }
                }
                Event::Propose(text) => Command::Propose { incident: id, text: text.clone() },
                Event::Severity(to, reason) => {
                    Command::ChangeSeverity { incident: id, to: *to, reason: reason.clone() }
                }
                Event::Amend(problem, reason) => {
                    Command::Amend { incident: id, problem: problem.clone(), reason: reason.clone() }
                }
                Event::Close(how, note) => Command::Close { incident: id, how: *how, note: note.clone() },
                Event::Bill(decision, reason, product_defect) => Command::Bill {
                    incident: id,
                    decision: *decision,
                    reason: reason.clone(),
                    product_defect: *product_defect,
                },
                Event::Assign(engineer) => Command::Assign { incident: id, engineer: engineer.clone() },
            };
            (command, Some(id))
        }
    })
}
