//! Refusals: a command that breaks a rule changes nothing and says why.

use super::history::Subject;
use super::ids::CustomerId;
use serde::Serialize;
use std::fmt;

/// A rule of DOMAIN.md, by number (`R16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule(pub u8);

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}", self.0)
    }
}

/// What to do about a refusal, in no surface's terms: each surface (the
/// command line, the terminal desk) says it with its own flags or keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Hint {
    /// Look the product up among the desk's products.
    SeeProducts,
    /// Look the customer up among the desk's customers.
    SeeCustomers,
    /// Look the pack up among the desk's packs.
    SeePacks,
    /// Check the incident's id among all incidents, closed ones too.
    SeeIncidents,
    /// R6: add a contact of `customer` on duty round the clock, or choose
    /// business-hours coverage.
    AddContactOnDuty24x7 { customer: CustomerId },
    /// R14: a resolved incident is refunded only as a product defect.
    MarkProductDefect,
    /// The clock the change is stamped with is before the incident.
    CheckClock,
    /// R21: an undo found `subject` changed since: read its history and
    /// change it back by hand if still wanted.
    SeeHistory { subject: Subject },
    /// R5: the calendar has too little open time: give it more open hours
    /// or fewer holidays.
    MoreOpenTime,
}

/// Why a command was not carried out. `rule` is `None` for plain mistakes
/// such as an unknown id or an empty field. `why` says what is wrong; `hint`,
/// if any, what to do, for the surface to put in its own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub rule: Option<Rule>,
    pub why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

impl Refusal {
    pub fn rule(rule: u8, why: impl Into<String>) -> Self {
        Refusal { rule: Some(Rule(rule)), why: why.into(), hint: None }
    }

    pub fn invalid(why: impl Into<String>) -> Self {
        Refusal { rule: None, why: why.into(), hint: None }
    }

    /// The same refusal, saying what to do about it.
    pub fn hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// `refused (R6): why`, with no hint: what to do is said by each surface.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rule {
            Some(rule) => write!(f, "refused ({rule}): {}", self.why),
            None => write!(f, "refused: {}", self.why),
        }
    }
}

impl std::error::Error for Refusal {}

/// Refuses with `why` unless `ok`.
pub(crate) fn ensure(ok: bool, refusal: impl FnOnce() -> Refusal) -> Result<(), Refusal> {
    if ok { Ok(()) } else { Err(refusal()) }
}

/// A required text field must not be empty after cleaning.
pub(crate) fn require(text: &str, what: &str) -> Result<(), Refusal> {
    ensure(!text.is_empty(), || Refusal::invalid(format!("{what} is empty: give one")))
}
