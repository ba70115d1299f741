//! Each engineer's last change, kept by the store as [`Store::apply`]
//! accepts it, so that `incidesk undo` and the terminal desk's `u` undo it
//! from any process, after a restart too (see [`Store::last_undo`]).
//!
//! One level per engineer: a change sets it; undoing that change clears it,
//! so a second `undo` says there is nothing left rather than guessing at
//! an older change (whose records may have moved on). An undo is itself not
//! undone (no redo). A stale record is harmless: the domain refuses an undo
//! of records changed since (R21).
//!
//! [`Store::apply`]: crate::Store::apply
//! [`Store::last_undo`]: crate::Store::last_undo

use incidesk_domain::Command;
use incidesk_domain::undo::Undo;
use std::collections::BTreeMap;

/// The last undo of each engineer, by the name that signed the change.
pub type LastUndos = BTreeMap<String, Undo>;

/// What a command means for its signer's last undo, taken before it runs
/// (the command is moved into the domain).
pub(crate) struct Pending {
    /// The undo this command carries out, if it is an undo.
    undoing: Option<Undo>,
}

impl Pending {
    pub(crate) fn of(command: &Command) -> Pending {
        match command {
            Command::Undo { undo } => Pending { undoing: Some((**undo).clone()) },
            _ => Pending { undoing: None },
        }
    }

    /// Updates `last` for a change `who` made that was accepted with `undo`
    /// (none for an undo). `true` if `last` changed.
    pub(crate) fn settle(self, last: &mut LastUndos, who: &str, undo: Option<&Undo>) -> bool {
        match (undo, self.undoing) {
            (Some(u), _) => {
                last.insert(who.to_string(), u.clone());
                true
            }
            (None, Some(undone)) if last.get(who) == Some(&undone) => {
                last.remove(who);
                true
            }
            (None, _) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undo(what: &str) -> Undo {
        Undo { description: what.into(), before: Vec::new(), after: Vec::new() }
    }

    #[test]
    fn a_change_sets_it_and_undoing_that_change_clears_it() {
        let mut last = LastUndos::new();
        let change = Command::Respond { incident: incidesk_domain::IncidentId(1), note: String::new() };
        assert!(Pending::of(&change).settle(&mut last, "eve", Some(&undo("a"))));
        assert_eq!(last.get("eve"), Some(&undo("a")));
        // Someone else's change leaves eve's alone.
        Pending::of(&change).settle(&mut last, "ada", Some(&undo("b")));
        assert_eq!(last.get("eve"), Some(&undo("a")));
        // Undoing an older change (not the last) keeps the last.
        let older = Command::Undo { undo: Box::new(undo("old")) };
        assert!(!Pending::of(&older).settle(&mut last, "eve", None));
        assert_eq!(last.get("eve"), Some(&undo("a")));
        let again = Command::Undo { undo: Box::new(undo("a")) };
        assert!(Pending::of(&again).settle(&mut last, "eve", None));
        assert_eq!(last.get("eve"), None);
        assert_eq!(last.get("ada"), Some(&undo("b")));
    }
}
