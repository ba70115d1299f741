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
    /// The process's exit code for this kind (see the table above and the README).
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Input | Kind::Refused | Kind::Store | Kind::Output => 1,
            Kind::Usage => 2,
            Kind::SavedUnprinted => 3,
        }
    }
}

/// A failed subcommand: its kind and the one line printed on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub kind: Kind,
    pub message: String,
}

impl CliError {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        CliError { kind, message: message.into() }
    }

    pub fn input(message: impl Into<String>) -> Self {
        Self::new(Kind::Input, message)
    }

    /// A refusal, with its hint said in command-line terms.
    pub fn refused(refusal: &Refusal) -> Self {
        Self::new(Kind::Refused, super::hint::refusal(refusal))
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
