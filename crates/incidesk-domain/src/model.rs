//! The things on the desk: customers, products, packs and incidents.

use super::calendar::Calendar;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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
    pub calendar: Calendar,
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

/// R3: the agreed definition of the problem, and its amendments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemStatement {
    pub text: String,
    /// Who at the customer agreed to it.
    pub agreed_with: String,
    pub agreed_by: String,
    #[serde(deserialize_with = "super::instant::de")]
    pub agreed_at: Instant,
    #[serde(default)]
    pub amendments: Vec<Amendment>,
}

impl ProblemStatement {
    /// The statement as it reads now, after amendments.
    pub fn current(&self) -> &str {
        self.amendments.last().map_or(&self.text, |a| &a.text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
    pub text: String,
    pub reason: String,
}

/// R2: how a contact with the customer (or offline work) took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactKind {
    Phone,
    Email,
    Chat,
    Remote,
    Research,
}

impl ContactKind {
    pub const ALL: [ContactKind; 5] = [
        ContactKind::Phone,
        ContactKind::Email,
        ContactKind::Chat,
        ContactKind::Remote,
        ContactKind::Research,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ContactKind::Phone => "phone",
            ContactKind::Email => "email",
            ContactKind::Chat => "chat",
            ContactKind::Remote => "remote",
            ContactKind::Research => "research",
        }
    }
}

impl fmt::Display for ContactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ContactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ContactKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("'{s}' is not a contact kind: use phone, email, chat, remote or research"))
    }
}

/// R2: one logged contact. Minutes are informative only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactEntry {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub kind: ContactKind,
    pub engineer: String,
    #[serde(default)]
    pub minutes: u32,
    pub note: String,
}

/// R12: a proposed solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
    pub text: String,
}

/// R8: the engineer's first response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstResponse {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// R7: a severity change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityChange {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
    pub from: Severity,
    pub to: Severity,
    pub reason: String,
}

/// R7: a breach that happened stays recorded even if a later change moves the due time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    pub severity: Severity,
    #[serde(deserialize_with = "super::instant::de")]
    pub due: Instant,
    #[serde(deserialize_with = "super::instant::de")]
    pub recorded_at: Instant,
}

/// R12, R13, R15: how an incident was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Closing {
    Resolved,
    Unresolved,
    Withdrawn,
}

impl fmt::Display for Closing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Closing::Resolved => "resolved",
            Closing::Unresolved => "unresolved",
            Closing::Withdrawn => "withdrawn",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closed {
    pub how: Closing,
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// R14: the provider's decision on an incident's credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Charge,
    Refund,
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Decision::Charge => "charge",
            Decision::Refund => "refund",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingDecision {
    pub decision: Decision,
    pub reason: String,
    /// R14: caused by a defect in the product itself.
    #[serde(default)]
    pub product_defect: bool,
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub by: String,
}

/// R14: where an incident's credit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Billing {
    /// Debited; the incident is still open.
    Debited,
    /// Closed unresolved or withdrawn, waiting for a lead's decision.
    Pending,
    Charged,
    Refunded,
}

impl fmt::Display for Billing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Billing::Debited => "debited",
            Billing::Pending => "billing pending",
            Billing::Charged => "charged",
            Billing::Refunded => "refunded",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: IncidentId,
    pub title: String,
    pub customer: CustomerId,
    pub product: ProductId,
    /// R16: the account that submitted it.
    pub account: String,
    /// R14: the pack its credit came from.
    pub pack: PackId,
    pub category: Category,
    pub severity: Severity,
    pub coverage: Coverage,
    #[serde(deserialize_with = "super::instant::de")]
    pub submitted: Instant,
    /// The engineer working it.
    pub engineer: String,
    pub problem: ProblemStatement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<FirstResponse>,
    #[serde(default)]
    pub contacts: Vec<ContactEntry>,
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    #[serde(default)]
    pub severity_changes: Vec<SeverityChange>,
    #[serde(default)]
    pub breaches: Vec<Breach>,
    /// R1: the incident this one was split from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_from: Option<IncidentId>,
    #[serde(default)]
    pub split_into: Vec<IncidentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closed>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<BillingDecision>,
}

impl Incident {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// R14: where the credit stands.
    pub fn billing_state(&self) -> Billing {
        if let Some(b) = &self.billing {
            return match b.decision {
                Decision::Charge => Billing::Charged,
                Decision::Refund => Billing::Refunded,
            };
        }
        match self.closed.as_ref().map(|c| c.how) {
            None => Billing::Debited,
            Some(Closing::Resolved) => Billing::Charged,
            Some(Closing::Unresolved | Closing::Withdrawn) => Billing::Pending,
        }
    }

    /// A short word for the incident's status.
    pub fn status(&self) -> &'static str {
        match &self.closed {
            None if self.first_response.is_some() => "working",
            None => "new",
            Some(c) => match c.how {
                Closing::Resolved => "resolved",
                Closing::Unresolved => "unresolved",
                Closing::Withdrawn => "withdrawn",
            },
        }
    }
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
