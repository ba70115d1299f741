//! Figures for a period, grouped (`incidesk report --from --to --by`): per
//! customer, severity or engineer, the incidents submitted in the period,
//! their first responses met and missed (R8), breaches (R8, R7), credits
//! charged and refunded (R14).
//!
//! A day is the customer's local day: an incident belongs to the period
//! when the date it was submitted on, in its customer's zone, is between
//! `from` and `to`, both included. So a Tokyo customer's incident submitted
//! at 2026-11-17T16:00Z (01:00 on the 18th in Tokyo) counts on the 18th,
//! as the customer's own records and invoices have it.

use super::desk::Desk;
use super::model::{Billing, Incident, Instant, Severity};
use super::sla::{self, SlaState};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// What rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    Customer,
    Severity,
    /// The engineer the incident is assigned to now.
    Engineer,
}

/// Local days, both ends included; `None`: no bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// One group's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupRow {
    /// What groups it: a customer's id, a severity's letter, an engineer's name.
    pub key: String,
    /// For people: the customer's name, the severity's impact, the engineer.
    pub label: String,
    /// Incidents submitted in the period.
    pub incidents: u32,
    /// First responses given in time.
    pub met: u32,
    /// First responses given late.
    pub missed: u32,
    /// `met` as a share of first responses given (`None`: none given).
    pub met_rate: Option<f64>,
    /// Incidents whose due passed with no response (still waiting, or a
    /// breach kept through a severity change, R7).
    pub breaches: u32,
    /// Credits used: incidents charged (R14).
    pub credits_used: u32,
    /// Credits given back: incidents refunded (R14).
    pub refunds: u32,
    /// Closed unresolved or withdrawn, billing not decided yet.
    pub billing_pending: u32,
}

impl GroupRow {
    fn add(&mut self, inc: &Incident, state: SlaState) {
        self.incidents += 1;
        match state {
            SlaState::Met => self.met += 1,
            SlaState::Missed => self.missed += 1,
            SlaState::Breached => self.breaches += 1,
            _ if !inc.breaches.is_empty() => self.breaches += 1,
            _ => {}
        }
        match inc.billing_state() {
            Billing::Charged => self.credits_used += 1,
            Billing::Refunded => self.refunds += 1,
            Billing::Pending => self.billing_pending += 1,
            Billing::Debited => {}
        }
    }

    fn rate(&mut self) {
        let given = self.met + self.missed;
        self.met_rate = (given > 0).then(|| f64::from(self.met) / f64::from(given));
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodReport {
    pub period: Period,
    pub by: GroupBy,
    /// Groups with incidents in the period: severities A to D, customers
    /// by id, engineers by name.
    pub rows: Vec<GroupRow>,
    /// All groups together.
    pub total: GroupRow,
}

/// The report of `desk` (archived incidents merged in, for whole figures)
/// over `period` by `by`; `now` decides whether an unanswered incident has
/// breached yet.
pub fn period_report(desk: &Desk, period: Period, by: GroupBy, now: Instant) -> PeriodReport {
    // Sort keys: severities in their order, customers by id, engineers by name.
    let mut groups: BTreeMap<(u64, String), GroupRow> = BTreeMap::new();
    let mut total = GroupRow { key: "total".into(), label: "all".into(), ..GroupRow::default() };
    for inc in &desk.incidents {
        let Some(customer) = desk.customer(inc.customer) else {
            continue;
        };
        let zone = &customer.calendar_of(inc).time_zone;
        if !period.holds(inc.submitted.with_timezone(zone).date_naive()) {
            continue;
        }
        let state = sla::countdown(inc, customer.calendar_of(inc), now).state;
        let (sort, key, label) = match by {
            GroupBy::Customer => (u64::from(inc.customer.0), inc.customer.to_string(), customer.name.clone()),
            GroupBy::Severity => {
                let rank = Severity::ALL.iter().position(|s| *s == inc.severity).unwrap_or(0);
                (rank as u64, inc.severity.to_string(), inc.severity.impact().to_string())
            }
            GroupBy::Engineer => (0, inc.engineer.clone(), inc.engineer.clone()),
        };
        groups
            .entry((sort, key.clone()))
            .or_insert_with(|| GroupRow { key, label, ..GroupRow::default() })
            .add(inc, state);
        total.add(inc, state);
    }
    let mut rows: Vec<GroupRow> = groups.into_values().collect();
    rows.iter_mut().for_each(GroupRow::rate);
    total.rate();
    PeriodReport { period, by, rows, total }
}

#[cfg(test)]
#[path = "period_report_tests.rs"]
mod tests;
