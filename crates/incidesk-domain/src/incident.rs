//! The incident record: the agreed problem (R3), the work on it (R2, R8,
//! R12, R7), how it was closed (R12, R13, R15) and its billing (R14). Apart
//! from [`model`](super::model), which re-exports all of it, because an
//! incident is most of what the file holds.

use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Category, Coverage, Instant, Severity};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

    /// R7/R8: the severity in force just before `at`: a change recorded at
    /// `at` itself counts as after it (so a response and a severity change
    /// at the same instant judge the response against the earlier target).
    pub fn severity_before(&self, at: Instant) -> Severity {
        self.severity_changes.iter().find(|c| c.at >= at).map_or(self.severity, |c| c.from)
    }

    /// R8: the severity whose target the first response is judged against:
    /// the one in force when it was recorded (a later change is history, not
    /// a new verdict); the current one while there is no response.
    pub fn judged_severity(&self) -> Severity {
        self.first_response.as_ref().map_or(self.severity, |r| self.severity_before(r.at))
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
