//! R21: who changed what, when — for incidents, packs, customers and products.

use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::Instant;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a history entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    Incident(IncidentId),
    Pack(PackId),
    Customer(CustomerId),
    Product(ProductId),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Incident(id) => id.fmt(f),
            Subject::Pack(id) => id.fmt(f),
            Subject::Customer(id) => id.fmt(f),
            Subject::Product(id) => id.fmt(f),
        }
    }
}

impl std::str::FromStr for Subject {
    type Err = String;
    /// Accepts `I-3`, `P-2`, `C-1`, `PR-4`; a bare number is an incident.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("PR-") {
            t.parse().map(Subject::Product)
        } else if upper.starts_with("P-") {
            t.parse().map(Subject::Pack)
        } else if upper.starts_with("C-") {
            t.parse().map(Subject::Customer)
        } else {
            t.parse()
                .map(Subject::Incident)
                .map_err(|_| format!("'{s}' names nothing on the desk: use I-<n>, P-<n>, C-<n> or PR-<n>"))
        }
    }
}

/// R21: one recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    #[serde(deserialize_with = "super::instant::de")]
    pub at: Instant,
    pub who: String,
    pub subject: Subject,
    /// What changed, in words, with the reason where one was given.
    pub what: String,
    /// The value changed, before and after (absent from entries that change
    /// no single value, and from files written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// R21: one value as it was and as it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// What the value is, e.g. `problem statement`, `severity`, `calendar`.
    pub field: String,
    /// Empty when there was none (no assignee yet, no exemption on file).
    pub before: String,
    pub after: String,
}

impl Change {
    pub fn new(field: impl Into<String>, before: impl Into<String>, after: impl Into<String>) -> Self {
        Change { field: field.into(), before: before.into(), after: after.into() }
    }
}
