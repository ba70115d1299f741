//! Refusals: a command that breaks a rule changes nothing and says why.

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

/// Why a command was not carried out. `rule` is `None` for plain mistakes
/// such as an unknown id or an empty field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub rule: Option<Rule>,
    pub why: String,
}

impl Refusal {
    pub fn rule(rule: u8, why: impl Into<String>) -> Self {
        Refusal { rule: Some(Rule(rule)), why: why.into() }
    }

    pub fn invalid(why: impl Into<String>) -> Self {
        Refusal { rule: None, why: why.into() }
    }
}

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
