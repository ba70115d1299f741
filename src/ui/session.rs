//! Who works on which desk, and when: the store the TUI holds, the clock,
//! the engineer who signs changes, and this session's changes for undo.

use crate::domain::undo::Undo;
use crate::domain::{Command, Instant};
use crate::settings::Clock;
use crate::store::{Applied, Store};

/// What the desk says when it has no name to sign changes with.
pub const NO_ENGINEER: &str = "no engineer name: you can look, but changes are refused; \
start incidesk with --engineer NAME, or set INCIDESK_ENGINEER or $USER";

pub struct Session {
    /// The store `main` picked, behind the store interface.
    pub store: Box<dyn Store>,
    pub clock: Clock,
    /// From `--engineer`, `INCIDESK_ENGINEER` or `$USER`, cleaned; shown in
    /// the title bar. Empty when none was given: changes are then refused
    /// ([`Session::unsigned`]), never signed by a made-up name.
    pub engineer: String,
    /// This session's changes, newest last, for `u`.
    pub undo: Vec<Undo>,
    /// Why changes are refused although a name is known: on a database, a
    /// name typed that is not the role's (see `settings::role_signs`).
    pub refused_signer: Option<String>,
}

impl Session {
    /// On a store whose role signs (a database), `engineer` is that role.
    pub fn new(store: Box<dyn Store>, clock: Clock, engineer: &str) -> Self {
        let engineer = store.signer().unwrap_or_else(|| crate::domain::text::clean_line(engineer));
        Session { store, clock, engineer, undo: Vec::new(), refused_signer: None }
    }

    /// Why changes are refused when no engineer name was given (or the one
    /// typed is not the database's role), and how to give one (`None`:
    /// changes are signed).
    pub fn unsigned(&self) -> Option<String> {
        self.refused_signer.clone().or_else(|| self.engineer.is_empty().then(|| NO_ENGINEER.to_string()))
    }

    /// Now, to the second on the system clock (see [`Clock::now`]).
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// Sends one command through the store, stamped now and signed by the
    /// engineer; an accepted change's undo is kept for `u`.
    pub fn apply(&mut self, command: Command) -> Applied {
        let now = self.now();
        let applied = self.store.apply(command, now, &self.engineer);
        if let Ok(Ok((_, Some(undo)))) = &applied {
            self.undo.push(undo.clone());
        }
        applied
    }
}
