//! What a command's handler gives back, and what it is given: kept apart
//! from `execute.rs`, which calls the handlers, so that the handlers need
//! not import the module that dispatches to them.

use super::history::{Change, Subject};
use super::model::Instant;
use serde::Serialize;

/// What an accepted command did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// What the command was about (the new incident for an intake).
    pub subject: Subject,
    /// Things the command created, in order.
    pub created: Vec<Subject>,
    /// One line for people, e.g. `I-12 opened, due 10:30 …`.
    pub message: String,
}

/// Who and when, for every change.
pub(crate) struct Ctx<'a> {
    pub now: Instant,
    pub who: &'a str,
}

/// A handler's result before it is written to history.
pub(crate) struct Done {
    pub subject: Subject,
    pub created: Vec<Subject>,
    pub message: String,
    /// R21: what changed, per subject.
    pub history: Vec<(Subject, String)>,
    /// R21: the value changed, before and after, recorded with the first
    /// history entry about `subject`.
    pub change: Option<Change>,
}

impl Done {
    pub fn one(subject: Subject, message: impl Into<String>) -> Self {
        let message = message.into();
        Done {
            subject,
            created: Vec::new(),
            history: vec![(subject, message.clone())],
            message,
            change: None,
        }
    }

    /// The same, recording the value changed before and after.
    pub fn changed(mut self, change: Change) -> Self {
        self.change = Some(change);
        self
    }
}
