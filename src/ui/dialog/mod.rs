//! Dialogs: one file per command. Each builds a [`Form`] from the desk, and
//! turns the filled form into one domain [`Command`]. A refusal is shown in
//! the dialog, which stays open so nothing typed is lost.

pub mod form;
pub mod view;

mod amend;
mod assign;
mod bill;
mod buy_pack;
mod close;
mod contact;
mod new_contact;
mod new_customer;
mod new_incident;
mod new_product;
mod propose;
mod respond;
mod severity;
mod split;
mod tax_exempt;
mod transfer_pack;

use crate::domain::{Command, CustomerId, Desk, Incident, IncidentId, Instant, PackId};
pub use form::{Choice, Field, FieldKind, Form, FormEvent};

/// Dialogs that change the desk, one per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    NewIncident,
    Respond,
    Contact,
    Propose,
    Severity,
    Amend,
    Split,
    Close,
    Bill,
    Assign,
    BuyPack,
    TransferPack,
    NewCustomer,
    NewContact,
    TaxExempt,
    NewProduct,
}

/// What the dialog is about: the selection when it was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Target {
    pub incident: Option<IncidentId>,
    pub customer: Option<CustomerId>,
    pub pack: Option<PackId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub kind: DialogKind,
    pub form: Form,
    pub target: Target,
}

/// Opens a dialog, or says why it can't be opened (e.g. nothing selected).
pub fn open(kind: DialogKind, desk: &Desk, target: Target, now: Instant) -> Result<Dialog, String> {
    use DialogKind as K;
    let form = match kind {
        K::NewIncident => new_incident::form(desk, target, now),
        K::Respond => respond::form(incident(desk, target)?),
        K::Contact => contact::form(incident(desk, target)?),
        K::Propose => propose::form(incident(desk, target)?),
        K::Severity => severity::form(desk, incident(desk, target)?),
        K::Amend => amend::form(incident(desk, target)?),
        K::Split => split::form(desk, incident(desk, target)?, now),
        K::Close => close::form(incident(desk, target)?),
        K::Bill => bill::form(incident(desk, target)?),
        K::Assign => assign::form(desk, incident(desk, target)?),
        K::BuyPack => buy_pack::form(desk, target, now),
        K::TransferPack => transfer_pack::form(desk, target)?,
        K::NewCustomer => new_customer::form(),
        K::NewContact => new_contact::form(desk, target),
        K::TaxExempt => tax_exempt::form(desk, target, now),
        K::NewProduct => new_product::form(now),
    };
    let mut dialog = Dialog { kind, form, target };
    refresh(&mut dialog, desk, now);
    Ok(dialog)
}

/// Re-derives dependent options and inline refusals after a change.
pub fn refresh(dialog: &mut Dialog, desk: &Desk, now: Instant) {
    match dialog.kind {
        DialogKind::NewIncident => new_incident::refresh(&mut dialog.form, desk, now),
        DialogKind::Split => split::refresh(&mut dialog.form, desk, dialog.target, now),
        DialogKind::BuyPack => buy_pack::refresh(&mut dialog.form, desk, now),
        _ => {}
    }
}

/// The command the filled form stands for.
pub fn command(dialog: &Dialog, desk: &Desk) -> Result<Command, String> {
    use DialogKind as K;
    let f = &dialog.form;
    let t = dialog.target;
    match dialog.kind {
        K::NewIncident => new_incident::command(f),
        K::Respond => respond::command(f, need(t.incident)?),
        K::Contact => contact::command(f, need(t.incident)?),
        K::Propose => propose::command(f, need(t.incident)?),
        K::Severity => severity::command(f, need(t.incident)?),
        K::Amend => amend::command(f, need(t.incident)?),
        K::Split => split::command(f, need(t.incident)?),
        K::Close => close::command(f, need(t.incident)?),
        K::Bill => bill::command(f, need(t.incident)?),
        K::Assign => assign::command(f, need(t.incident)?),
        K::BuyPack => buy_pack::command(f),
        K::TransferPack => transfer_pack::command(f, t.pack),
        K::NewCustomer => new_customer::command(f),
        K::NewContact => new_contact::command(f),
        K::TaxExempt => tax_exempt::command(f),
        K::NewProduct => new_product::command(f, desk),
    }
}

/// Irreversible steps ask for a second Enter, with this question.
pub fn confirmation(dialog: &Dialog) -> Option<String> {
    use DialogKind as K;
    let f = &dialog.form;
    match dialog.kind {
        K::Close => Some(format!("Close as {}? It can't be reopened.", f.value("Closing"))),
        K::Bill => Some(format!("Record the billing decision '{}'? It is final.", f.value("Decision"))),
        K::Split => Some("Split now? Each new incident takes a credit.".to_string()),
        K::TransferPack => Some(format!("Transfer the pack to {}?", f.value("To account"))),
        _ => None,
    }
}

fn need<T>(x: Option<T>) -> Result<T, String> {
    x.ok_or_else(|| "select an incident first".to_string())
}

fn incident(desk: &Desk, target: Target) -> Result<&Incident, String> {
    let id = need(target.incident)?;
    desk.incident(id).ok_or_else(|| format!("{id} is no longer on the desk"))
}

/// The info line naming the incident a dialog works on.
fn about(inc: &Incident) -> String {
    format!("{} · sev {} · {} · {}", inc.id, inc.severity, inc.coverage, inc.title)
}

/// Parses a `YYYY-MM-DD` field, naming the field when it is wrong.
fn date_field(f: &Form, label: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let v = f.value(label);
    if v.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("{label}: '{v}' is not a date, write YYYY-MM-DD"))
}

fn parsed<T: std::str::FromStr>(f: &Form, label: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    f.value(label).parse().map_err(|e| format!("{label}: {e}"))
}

/// Every customer, the selected one first.
fn customer_choices(desk: &Desk, first: Option<CustomerId>) -> Vec<Choice> {
    let mut v: Vec<Choice> = desk
        .customers
        .iter()
        .map(|c| Choice::new(c.id.to_string(), c.name.clone()).note(c.id.to_string()))
        .collect();
    if let Some(i) = first.and_then(|id| v.iter().position(|c| c.value == id.to_string())) {
        let c = v.remove(i);
        v.insert(0, c);
    }
    v
}
