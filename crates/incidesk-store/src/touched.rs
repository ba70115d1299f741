//! Which records a command touched, as its undo records them: what a
//! store writes (a journal line, the rows of a transaction).

use incidesk_domain::undo::Undo;
use incidesk_domain::{Command, Subject};

/// The records an undo command puts back (known before it runs).
pub(crate) fn undo_subjects(command: &Command) -> Vec<Subject> {
    match command {
        Command::Undo { undo } => undo.before.iter().chain(&undo.after).map(|s| s.subject()).collect(),
        _ => Vec::new(),
    }
}

/// Every record `command` touched, given the undo it returned.
pub(crate) fn subjects(command: &Command, undo: Option<&Undo>) -> Vec<Subject> {
    let mut touched = undo_subjects(command);
    if let Some(u) = undo {
        touched.extend(u.before.iter().chain(&u.after).map(|s| s.subject()));
    }
    touched
}
