//! The scenario file's shape (`assets/demo.toml`), as serde reads it.

use crate::domain::{Category, Closing, ContactKind, Coverage, Decision, Severity};
use serde::Deserialize;

// ---------------------------------------------------------------------------
// The scenario file

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Scenario {
    pub(super) desk: DeskSpec,
    #[serde(default)]
    pub(super) customers: Vec<CustomerSpec>,
    #[serde(default)]
    pub(super) products: Vec<ProductSpec>,
    #[serde(default)]
    pub(super) packs: Vec<PackSpec>,
    #[serde(default)]
    pub(super) incidents: Vec<IncidentSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DeskSpec {
    /// When reference data without an `added` time was recorded.
    pub(super) opened: String,
    /// Who records customers, products and packs unless an item says `by`.
    pub(super) lead: String,
    pub(super) engineers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CustomerSpec {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) added: Option<String>,
    pub(super) by: Option<String>,
    pub(super) time_zone: String,
    pub(super) hours: String,
    #[serde(default)]
    pub(super) holidays: Vec<String>,
    #[serde(default)]
    pub(super) contacts: Vec<ContactSpec>,
    pub(super) tax_exemption: Option<TaxSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ContactSpec {
    pub(super) name: String,
    #[serde(default)]
    pub(super) reach: String,
    #[serde(default)]
    pub(super) on_duty_24x7: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TaxSpec {
    pub(super) reference: String,
    pub(super) received: String,
    pub(super) expires: Option<String>,
    pub(super) by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProductSpec {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) added: Option<String>,
    pub(super) by: Option<String>,
    pub(super) mainstream_end: String,
    pub(super) extended_end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PackSpec {
    pub(super) key: String,
    pub(super) customer: String,
    pub(super) account: String,
    pub(super) order: String,
    pub(super) purchased: String,
    pub(super) by: Option<String>,
    #[serde(default)]
    pub(super) transfers: Vec<TransferSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TransferSpec {
    pub(super) at: String,
    pub(super) to: String,
    /// The proof of purchase given; the pack's own order number when absent.
    pub(super) order: Option<String>,
    pub(super) by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IncidentSpec {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) submitted: String,
    /// Split off this incident (R1): customer, account, product, severity and
    /// coverage come from it, and children with the same `submitted` time are
    /// split off together.
    pub(super) split_from: Option<String>,
    pub(super) customer: Option<String>,
    pub(super) account: Option<String>,
    pub(super) product: Option<String>,
    pub(super) category: Option<Category>,
    pub(super) severity: Option<Severity>,
    pub(super) coverage: Option<Coverage>,
    pub(super) engineer: Option<String>,
    pub(super) agreed_with: Option<String>,
    pub(super) problem: Option<String>,
    pub(super) pack: Option<String>,
    #[serde(default)]
    pub(super) events: Vec<EventSpec>,
}

/// One action on an incident: exactly one of the action fields is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EventSpec {
    pub(super) at: String,
    pub(super) by: Option<String>,
    pub(super) respond: Option<String>,
    pub(super) contact: Option<ContactKind>,
    pub(super) minutes: Option<u32>,
    pub(super) note: Option<String>,
    pub(super) propose: Option<String>,
    pub(super) severity: Option<Severity>,
    pub(super) reason: Option<String>,
    pub(super) amend: Option<String>,
    pub(super) close: Option<Closing>,
    pub(super) bill: Option<Decision>,
    pub(super) product_defect: Option<bool>,
    pub(super) assign: Option<String>,
}
