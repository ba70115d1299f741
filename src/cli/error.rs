//! Why a subcommand failed, and the exit code that says so.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | done |
//! | 1 | not done: a mistake in what was given, a refusal by a rule, a data file that could not be read or written, or a read whose output could not be written |
//! | 2 | usage: an unknown subcommand or option, or a value that does not parse (said by clap); flags that do not say what to do (`close` without how); or the desk without a terminal |
//! | 3 | done, but its output could not be written: the change was saved, so do not run it again |
//!
//! The kinds are kept apart so that each can get a code of its own without
//! touching the subcommands.

use super::hint::Advice;
use crate::domain::Refusal;
use std::fmt;

/// What kind of failure: each has an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something given names nothing or does not fit, e.g. an unknown customer.
    Input,
    /// A rule of the desk refused the change; nothing changed.
    Refused,
    /// The data file could not be read, checked or written.
    Store,
    /// Standard output could not be written (nothing was changed).
    Output,
    /// The arguments do not say what to do, e.g. `close` without how: a
    /// usage error like clap's, checked after parsing.
    Usage,
    /// The change was saved, but standard output could not be written.
    SavedUnprinted,
}

impl Kind {
    /// The kind's name in a `--json` error (docs/JSON.md): stable.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Refused => "refusal",
            Kind::Store => "store",
            Kind::Output => "output",
            Kind::Usage => "usage",
            Kind::SavedUnprinted => "saved-unprinted",
        }
    }

    /// The process's exit code for this kind (see the table above and the README).
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Input | Kind::Refused | Kind::Store | Kind::Output => 1,
            Kind::Usage => 2,
            Kind::SavedUnprinted => 3,
        }
    }
}

/// A failed subcommand: its kind and the one line printed on stderr; for
/// `--json` also the rule, what to do as data, and the problems found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub kind: Kind,
    pub message: String,
    /// The rule that refused (R1..R21), for a refusal.
    pub rule: Option<u8>,
    /// What to do; `None`: read it from the message (see [`Advice::from_message`]).
    /// (Boxed: errors travel in every `Result` and are mostly without one.)
    pub advice: Option<Box<Advice>>,
    /// Each problem `check` found (printed one per line before the message).
    pub problems: Vec<String>,
}

impl CliError {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        CliError { kind, message: message.into(), rule: None, advice: None, problems: Vec::new() }
    }

    /// The same error, with what to do said as data.
    pub fn advice(mut self, advice: Advice) -> Self {
        self.advice = Some(Box::new(advice));
        self
    }

    pub fn problems(mut self, problems: Vec<String>) -> Self {
        self.problems = problems;
        self
    }

    /// What to do, as `--json` gives it.
    pub fn what_to_do(&self) -> Option<Advice> {
        self.advice.as_deref().cloned().or_else(|| Advice::from_message(&self.message))
    }

    pub fn input(message: impl Into<String>) -> Self {
        Self::new(Kind::Input, message)
    }

    /// A refusal, with its hint said in command-line terms.
    pub fn refused(refusal: &Refusal) -> Self {
        let mut e = Self::new(Kind::Refused, super::hint::refusal(refusal));
        e.rule = refusal.rule.map(|r| r.0);
        e.advice = refusal.hint.map(|h| Box::new(super::hint::advice(h)));
        e
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    pub fn store(error: impl fmt::Display) -> Self {
        Self::new(Kind::Store, error.to_string())
    }

    pub fn output(message: impl Into<String>) -> Self {
        Self::new(Kind::Output, message)
    }
}

/// Values parsed from arguments (ids, filters, hours) say what is wrong as text.
impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::input(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        CliError::input(message)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}
