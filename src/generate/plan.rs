//! The plan of the desk before ids are given: accounts, customers with their
//! accounts, and each incident's life as a list of dated steps. Planning first
//! lets ids follow submission order and packs be paid in time order, as the
//! commands would have done.

use crate::domain::{Closing, ContactKind, Coverage, Customer, Decision, Instant, Severity};

pub(super) struct Account {
    pub(super) name: String,
    pub(super) from: Instant,
    /// When the account left the company (its packs go to `successor`).
    pub(super) until: Option<(Instant, usize)>,
}

impl Account {
    pub(super) fn active_at(&self, t: Instant) -> bool {
        self.from <= t && self.until.is_none_or(|(u, _)| t < u)
    }
}

pub(super) struct CustomerPlan {
    pub(super) customer: Customer,
    pub(super) added: Instant,
    /// Indices into `Gen::accounts`.
    pub(super) accounts: Vec<usize>,
    pub(super) tax_at: Option<Instant>,
}

/// One incident before ids are given.
pub(super) struct Plan {
    pub(super) customer: usize,
    pub(super) account: usize,
    pub(super) product: usize,
    pub(super) severity0: Severity,
    pub(super) severity: Severity,
    pub(super) coverage: Coverage,
    pub(super) submitted: Instant,
    pub(super) opener: &'static str,
    pub(super) title: String,
    pub(super) problem: String,
    pub(super) agreed_with: String,
    pub(super) response: Option<(Instant, &'static str, &'static str)>,
    pub(super) contacts: Vec<(Instant, ContactKind, &'static str, u32, &'static str)>,
    pub(super) proposals: Vec<(Instant, &'static str, &'static str)>,
    pub(super) severity_change: Option<(Instant, &'static str, &'static str)>,
    pub(super) amend: Option<(Instant, &'static str, String, &'static str)>,
    pub(super) assign: Option<(Instant, &'static str, &'static str)>,
    pub(super) split: Option<(Instant, &'static str, Vec<usize>)>,
    pub(super) split_from: Option<usize>,
    pub(super) close: Option<(Instant, &'static str, Closing, &'static str)>,
    pub(super) bill: Option<(Instant, &'static str, Decision, &'static str, bool)>,
}

impl Plan {
    pub(super) fn closed_at(&self) -> Option<Instant> {
        self.close.as_ref().map(|c| c.0)
    }

    /// The severity in force just before `t`, as the domain judges a first
    /// response (`Incident::severity_before`): a change at `t` comes after.
    pub(super) fn severity_before(&self, t: Instant) -> Severity {
        match self.severity_change {
            Some((tc, ..)) if tc < t => self.severity,
            _ => self.severity0,
        }
    }

    pub(super) fn severity_at(&self, t: Instant) -> Severity {
        match self.severity_change {
            Some((tc, ..)) if tc <= t => self.severity,
            _ => self.severity0,
        }
    }
}

/// How an incident's life should go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Life {
    /// Answered, worked and closed within days (whatever `now` cuts off stays open).
    Normal,
    /// Worked on but never closed: long-running or recent.
    StaysOpen,
}
