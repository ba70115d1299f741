//! Carrying out a command: checks first, then changes, then one history entry
//! per thing changed (R21). A refused command changes nothing.

use super::command::Command;
use super::desk::Desk;
use super::history::HistoryEntry;
use super::ids::{CustomerId, IncidentId};
use super::model::{Incident, Instant};
use super::refusal::{Hint, Refusal, require};
use super::text::clean_line;
use super::{calendar_edit, closing, customers, intake, packs, working};
use chrono::NaiveDate;

pub use super::done::Outcome;
pub(crate) use super::done::{Ctx, Done};

impl Desk {
    /// Carries out `command` at `now` on behalf of engineer `who`.
    ///
    /// Either the desk changed and history records it (R21), or the desk is
    /// exactly as it was and the refusal says which rule stopped it.
    pub fn execute(&mut self, command: Command, now: Instant, who: &str) -> Result<Outcome, Refusal> {
        let who = clean_line(who);
        require(&who, "the engineer's name")?;
        let ctx = Ctx { now, who: &who };
        command.check_limits(now)?;
        let done = self.dispatch(command.cleaned(), &ctx)?;
        let mut change = done.change;
        for (subject, what) in done.history {
            let change = if subject == done.subject { change.take() } else { None };
            self.history.push(HistoryEntry { at: now, who: who.clone(), subject, what, change });
        }
        Ok(Outcome { subject: done.subject, created: done.created, message: done.message })
    }

    fn dispatch(&mut self, command: Command, ctx: &Ctx) -> Result<Done, Refusal> {
        use Command::*;
        match command {
            AddCustomer { name, calendar } => customers::add_customer(self, name, calendar, ctx.now),
            EditCalendar { customer, edit, from } => {
                calendar_edit::edit_calendar(self, ctx, customer, edit, from)
            }
            AddContact { customer, name, reach, on_duty_24x7 } => {
                customers::add_contact(self, customer, name, reach, on_duty_24x7)
            }
            SetTaxExemption { customer, reference, received, expires } => {
                customers::set_tax_exemption(self, customer, reference, received, expires)
            }
            AddProduct { name, mainstream_end, extended_end } => {
                customers::add_product(self, name, mainstream_end, extended_end)
            }
            BuyPack { customer, account, order_number, purchased } => {
                packs::buy(self, ctx, customer, account, order_number, purchased)
            }
            TransferPack { pack, order_number, to } => packs::transfer(self, ctx, pack, order_number, to),
            OpenIncident { .. } => intake::open(self, ctx, command),
            Respond { incident, note } => working::respond(self, ctx, incident, note),
            LogContact { incident, kind, minutes, note } => {
                working::log_contact(self, ctx, incident, kind, minutes, note)
            }
            Propose { incident, text } => working::propose(self, ctx, incident, text),
            ChangeSeverity { incident, to, reason } => {
                working::change_severity(self, ctx, incident, to, reason)
            }
            Amend { incident, problem, reason } => working::amend(self, ctx, incident, problem, reason),
            Split { incident, into } => working::split(self, ctx, incident, into),
            Assign { incident, engineer } => working::assign(self, ctx, incident, engineer),
            Undo { undo } => super::undoing::undo(self, ctx, *undo),
            Close { incident, how, note } => closing::close(self, ctx, incident, how, note),
            Bill { incident, decision, reason, product_defect } => {
                closing::bill(self, ctx, incident, decision, reason, product_defect)
            }
        }
    }

    /// The customer's local date at an instant: packs expire (R17) and products
    /// end (R9) by the customer's calendar, not the server's.
    pub fn local_date(&self, customer: CustomerId, at: Instant) -> NaiveDate {
        match self.customer(customer) {
            Some(c) => at.with_timezone(&c.calendar_at(at).time_zone).date_naive(),
            None => at.date_naive(),
        }
    }

    pub(crate) fn find_incident(&self, id: IncidentId) -> Result<&Incident, Refusal> {
        self.incident(id)
            .ok_or_else(|| Refusal::invalid(format!("there is no incident {id}")).hint(Hint::SeeIncidents))
    }

    /// An incident that can still be worked.
    /// An incident that can still be worked at `now`: not closed, and `now` is
    /// not before its submission (a frozen clock set in the past would
    /// otherwise record a response before the question).
    pub(crate) fn open_incident(&self, id: IncidentId, now: Instant) -> Result<&Incident, Refusal> {
        let incident = self.find_incident(id)?;
        if now < incident.submitted {
            return Err(Refusal::invalid(format!(
                "the clock says {}, before {id} was submitted ({})",
                now.format("%Y-%m-%d %H:%M UTC"),
                incident.submitted.format("%Y-%m-%d %H:%M UTC")
            ))
            .hint(Hint::CheckClock));
        }
        match &incident.closed {
            None => Ok(incident),
            Some(c) => Err(Refusal::invalid(format!(
                "{id} was closed as {} on {}: it can't be changed any more",
                c.how,
                c.at.format("%Y-%m-%d %H:%M UTC")
            ))),
        }
    }

    pub(crate) fn incident_entry(&mut self, id: IncidentId) -> &mut Incident {
        // Handlers look an incident up (and refuse if missing) before changing it.
        self.incident_mut(id).expect("incident checked before change")
    }
}
