//! The things on the desk: customers, products, packs and incidents. The
//! incident's record, the largest, is in `incident.rs`, re-exported here so
//! that `model::Incident` and the rest are where they always were.

use super::calendar::Calendar;
use super::effective::CalendarVersion;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use super::incident::{
    Amendment, Billing, BillingDecision, Breach, Closed, Closing, ContactEntry, ContactKind, Decision,
    FirstResponse, Incident, ProblemStatement, Proposal, SeverityChange,
};

pub type Instant = DateTime<Utc>;

/// Credits in a new pack.
pub const PACK_CREDITS: u32 = 5;

/// R4: business impact, which sets the first-response target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    A,
    B,
    C,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::A, Severity::B, Severity::C];

    /// R4: first response within 2, 4 or 8 hours.
    pub fn target(self) -> TimeDelta {
        match self {
            Severity::A => TimeDelta::hours(2),
            Severity::B => TimeDelta::hours(4),
            Severity::C => TimeDelta::hours(8),
        }
    }

    pub fn impact(self) -> &'static str {
        match self {
            Severity::A => "critical",
            Severity::B => "limited",
            Severity::C => "minimal",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::A => "A",
            Severity::B => "B",
            Severity::C => "C",
        })
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(Severity::A),
            "B" => Ok(Severity::B),
            "C" => Ok(Severity::C),
            _ => Err(format!("'{s}' is not a severity: use A (critical), B (limited) or C (minimal)")),
        }
    }
}

/// R5: how the response clock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Coverage {
    /// Round the clock, on elapsed real time.
    #[serde(rename = "24x7")]
    RoundTheClock,
    /// Only while the customer's business calendar is open.
    #[serde(rename = "business")]
    BusinessHours,
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Coverage::RoundTheClock => "24x7",
            Coverage::BusinessHours => "business",
        })
    }
}

impl FromStr for Coverage {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "24x7" | "24/7" => Ok(Coverage::RoundTheClock),
            "business" | "business-hours" => Ok(Coverage::BusinessHours),
            _ => Err(format!("'{s}' is not a coverage: use 24x7 or business")),
        }
    }
}

/// What the customer asks for. Only `Support` is an incident; the rest are
/// refused at intake (R10, R11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Support,
    FeatureSuggestion,
    OnSite,
    RootCauseAnalysis,
    CustomCode,
    DeveloperApi,
    SecurityResponse,
    CardBilling,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Support,
        Category::FeatureSuggestion,
        Category::OnSite,
        Category::RootCauseAnalysis,
        Category::CustomCode,
        Category::DeveloperApi,
        Category::SecurityResponse,
        Category::CardBilling,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Support => "support",
            Category::FeatureSuggestion => "feature-suggestion",
            Category::OnSite => "on-site",
            Category::RootCauseAnalysis => "root-cause-analysis",
            Category::CustomCode => "custom-code",
            Category::DeveloperApi => "developer-api",
            Category::SecurityResponse => "security-response",
            Category::CardBilling => "card-billing",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        Category::ALL.into_iter().find(|c| c.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
            let names: Vec<_> = Category::ALL.iter().map(|c| c.name()).collect();
            format!("'{s}' is not a category: use one of {}", names.join(", "))
        })
    }
}

/// A person at the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reach: String,
    /// R6: reachable round the clock, which allows 24x7 coverage.
    #[serde(default)]
    pub on_duty_24x7: bool,
}

/// R20: the customer's tax-exemption document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxExemption {
    pub reference: String,
    pub received: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

/// R20: what the desk can say about a customer's exemption on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaxStatus {
    NotExempt,
    Valid,
    Expired,
}

impl TaxExemption {
    /// R20: valid from the day it was received until (not including) its expiry.
    /// Before it was received there was no exemption on file.
    pub fn status_on(&self, date: NaiveDate) -> TaxStatus {
        if date < self.received {
            return TaxStatus::NotExempt;
        }
        match self.expires {
            Some(end) if date >= end => TaxStatus::Expired,
            _ => TaxStatus::Valid,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    /// R5: the first calendar, in force from the beginning. Edits add
    /// versions in `calendar_changes`: read the one in force with
    /// [`Customer::calendar_at`] or an incident's with [`Customer::calendar_of`].
    pub calendar: Calendar,
    /// R5: later calendar versions, each in force from its instant on, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendar_changes: Vec<CalendarVersion>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exemption: Option<TaxExemption>,
}

impl Customer {
    /// R6: the contact who is reachable round the clock, if any.
    pub fn on_duty_contact(&self) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.on_duty_24x7)
    }

    /// R20: exemption status on a date.
    pub fn tax_status_on(&self, date: NaiveDate) -> TaxStatus {
        self.tax_exemption.as_ref().map_or(TaxStatus::NotExempt, |t| t.status_on(date))
    }
}

/// R9: where a product is in its support lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Mainstream,
    Extended,
    Ended,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Mainstream => "mainstream",
            Phase::Extended => "extended",
            Phase::Ended => "ended",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    /// First day without mainstream support.
    pub mainstream_end: NaiveDate,
    /// First day without any support.
    pub extended_end: NaiveDate,
}

impl Product {
    /// R9: the phase on a date; support has ended on `extended_end` itself.
    pub fn phase_on(&self, date: NaiveDate) -> Phase {
        if date < self.mainstream_end {
            Phase::Mainstream
        } else if date < self.extended_end {
            Phase::Extended
        } else {
            Phase::Ended
        }
    }
}

/// R14: one line of a pack's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerLine {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub kind: LedgerKind,
    pub incident: IncidentId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LedgerKind {
    Debit,
    Refund,
}

/// R18: a change of the account that may use a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub from: String,
    pub to: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub id: PackId,
    pub customer: CustomerId,
    /// R18: the proof of purchase asked for at transfer.
    pub order_number: String,
    /// The account that bought the pack.
    pub purchaser: String,
    /// R16/R18: the account that may use it now (the purchaser unless transferred).
    pub owner: String,
    pub purchased: NaiveDate,
    #[serde(default)]
    pub ledger: Vec<LedgerLine>,
    #[serde(default)]
    pub transfers: Vec<Transfer>,
}

impl Pack {
    /// R17: the same date twelve months later (29 February gives 28 February).
    pub fn expires(&self) -> NaiveDate {
        expiry_of(self.purchased)
    }

    /// R17: unusable from the expiry date on.
    pub fn is_expired_on(&self, date: NaiveDate) -> bool {
        date >= self.expires()
    }

    /// R14: credits left: five, less debits, plus refunds.
    pub fn remaining(&self) -> u32 {
        let debits = self.ledger.iter().filter(|l| l.kind == LedgerKind::Debit).count() as u32;
        let refunds = self.ledger.iter().filter(|l| l.kind == LedgerKind::Refund).count() as u32;
        (PACK_CREDITS + refunds).saturating_sub(debits)
    }

    /// R17: credits that can still be spent on a date (none once expired).
    pub fn available_on(&self, date: NaiveDate) -> u32 {
        if self.is_expired_on(date) { 0 } else { self.remaining() }
    }
}

/// R17: a pack bought on `purchased` expires the same date twelve months later.
pub fn expiry_of(purchased: NaiveDate) -> NaiveDate {
    purchased.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r20_exemption_is_valid_from_receipt_until_expiry() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let t = TaxExemption { reference: "X-1".into(), received: d(3, 1), expires: Some(d(9, 1)) };
        assert_eq!(t.status_on(d(2, 28)), TaxStatus::NotExempt);
        assert_eq!(t.status_on(d(3, 1)), TaxStatus::Valid);
        assert_eq!(t.status_on(d(8, 31)), TaxStatus::Valid);
        assert_eq!(t.status_on(d(9, 1)), TaxStatus::Expired);
    }
}
