//! Figures for leads: SLA outcomes per severity (R8), credits (R14) and packs
//! about to expire (R17).

use super::desk::Desk;
use super::ids::{CustomerId, PackId};
use super::model::{Billing, Instant, LedgerKind, Severity};
use super::sla::{self, SlaState};
use chrono::NaiveDate;
use serde::Serialize;

/// Days ahead in which an expiring pack is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// Open incidents; the next five add up to this.
    pub open: u32,
    /// Open, no first response, clock running, more than a quarter left.
    pub on_track: u32,
    /// Open, no first response, clock running, less than a quarter left.
    pub at_risk: u32,
    /// Open, no first response, business clock outside open hours.
    pub paused: u32,
    /// Open, no first response, past due.
    pub breached: u32,
    /// Open, first response given.
    pub answered: u32,
    /// All time: first response in time.
    pub met: u32,
    /// All time: first response late.
    pub missed: u32,
    /// All time: due passed with no response (open or closed, and breaches kept by R7).
    pub breached_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiringPack {
    pub pack: PackId,
    pub customer: CustomerId,
    pub owner: String,
    pub expires: NaiveDate,
    pub days_left: i64,
    pub remaining: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub severities: Vec<(Severity, SeverityCounts)>,
    /// Met as a share of first responses given (met + missed), if any.
    pub met_rate: Option<f64>,
    pub credits_used: u32,
    pub credits_refunded: u32,
    pub credits_available: u32,
    pub credits_expired: u32,
    pub billing_pending: u32,
    pub expiring: Vec<ExpiringPack>,
}

pub fn report(desk: &Desk, now: Instant) -> Report {
    let mut severities: Vec<(Severity, SeverityCounts)> =
        Severity::ALL.iter().map(|s| (*s, SeverityCounts::default())).collect();
    let mut billing_pending = 0;
    for inc in &desk.incidents {
        let Some(customer) = desk.customer(inc.customer) else {
            continue;
        };
        let cd = sla::countdown(inc, customer.calendar_of(inc), now);
        let idx = Severity::ALL.iter().position(|s| *s == inc.severity).unwrap_or(0);
        let c = &mut severities[idx].1;
        if inc.is_open() {
            c.open += 1;
            match cd.state {
                _ if inc.first_response.is_some() => c.answered += 1,
                SlaState::Breached => c.breached += 1,
                _ if cd.paused => c.paused += 1,
                SlaState::AtRisk => c.at_risk += 1,
                _ => c.on_track += 1,
            }
        }
        match cd.state {
            SlaState::Met => c.met += 1,
            SlaState::Missed => c.missed += 1,
            SlaState::Breached => c.breached_total += 1,
            _ if !inc.breaches.is_empty() => c.breached_total += 1,
            _ => {}
        }
        if inc.billing_state() == Billing::Pending {
            billing_pending += 1;
        }
    }
    // R8: all-time figures include the incidents moved to the archive.
    for (severity, c) in &mut severities {
        let (met, missed, breached) = desk.archive.outcomes(*severity);
        c.met += met;
        c.missed += missed;
        c.breached_total += breached;
    }
    let (met, missed) = severities.iter().fold((0, 0), |(m, x), (_, c)| (m + c.met, x + c.missed));
    let met_rate = (met + missed > 0).then(|| f64::from(met) / f64::from(met + missed));

    let mut r = Report {
        severities,
        met_rate,
        credits_used: 0,
        credits_refunded: 0,
        credits_available: 0,
        credits_expired: 0,
        billing_pending,
        expiring: Vec::new(),
    };
    for pack in &desk.packs {
        for line in &pack.ledger {
            match line.kind {
                LedgerKind::Debit => r.credits_used += 1,
                LedgerKind::Refund => r.credits_refunded += 1,
            }
        }
        let today = desk.local_date(pack.customer, now);
        if pack.is_expired_on(today) {
            r.credits_expired += pack.remaining();
            continue;
        }
        r.credits_available += pack.remaining();
        let days_left = (pack.expires() - today).num_days();
        if days_left <= EXPIRY_WARNING_DAYS && pack.remaining() > 0 {
            r.expiring.push(ExpiringPack {
                pack: pack.id,
                customer: pack.customer,
                owner: pack.owner.clone(),
                expires: pack.expires(),
                days_left,
                remaining: pack.remaining(),
            });
        }
    }
    r.expiring.sort_by_key(|e| (e.expires, e.pack));
    r
}
