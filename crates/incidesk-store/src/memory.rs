//! A store with no file, for tests and tools: the same contract as the JSON
//! store (a refusal changes nothing, every change is checked against the
//! consistency rules, archived incidents come back when a command names
//! them), with the desk and its archive held in memory.

use crate::error::StoreError;
use crate::interface::{Applied, Archived, OpenStore, Reading, Store};
use crate::last_undo::{LastUndos, Pending};
use crate::validate;
use incidesk_domain::archive::Part;
use incidesk_domain::{Command, Desk, IncidentId, Instant};
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    desk: Desk,
    /// What the desk's archive index lists, held here instead of in files.
    archived: Part,
    read_only: bool,
    generation: u64,
    /// What the title bar calls it (`None`: "(memory)").
    name: Option<String>,
    /// Says it is gone at the end of the session (see [`Store::is_throwaway`]).
    throwaway: bool,
    /// Each engineer's last change (see [`Store::last_undo`]).
    last_undo: LastUndos,
}

impl MemoryStore {
    pub fn new(desk: Desk) -> Self {
        MemoryStore { desk, ..MemoryStore::default() }
    }

    /// A store whose changes are all refused with `StoreError::ReadOnly`.
    pub fn read_only(desk: Desk) -> Self {
        MemoryStore { desk, read_only: true, ..MemoryStore::default() }
    }

    /// Calls it `name` where a store names itself (a title bar), as the
    /// desk it stands in for.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Marks it as a desk that is gone when the session ends (the demo).
    pub fn throwaway(mut self) -> Self {
        self.throwaway = true;
        self
    }

    fn name() -> PathBuf {
        PathBuf::from("(memory)")
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only { Err(StoreError::ReadOnly { path: Self::name() }) } else { Ok(()) }
    }

    /// Makes `work` the desk if it passes the consistency rules.
    fn commit(&mut self, work: Desk) -> Result<(), StoreError> {
        let problems = validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: Self::name(), problems });
        }
        self.desk = work;
        self.generation += 1;
        Ok(())
    }

    /// The archived records among `ids`.
    fn archived_among(&self, ids: &[IncidentId]) -> Part {
        let incidents: Vec<_> =
            self.archived.incidents.iter().filter(|i| ids.contains(&i.id)).cloned().collect();
        let history = self
            .archived
            .history
            .iter()
            .filter(|h| incidents.iter().any(|i| h.subject == incidesk_domain::Subject::Incident(i.id)))
            .cloned()
            .collect();
        Part { incidents, history }
    }
}

impl Store for MemoryStore {
    fn location(&self) -> String {
        Self::name().display().to_string()
    }

    fn short_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| Store::location(self))
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn generation(&self) -> u64 {
        self.generation
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn is_throwaway(&self) -> bool {
        self.throwaway
    }

    fn apply(&mut self, command: Command, now: Instant, who: &str) -> Applied {
        self.writable()?;
        let mut work = self.desk.clone();
        let named: Vec<IncidentId> =
            command.incidents().into_iter().filter(|id| work.archive.holds(*id)).collect();
        if !named.is_empty() {
            let part = self.archived_among(&named);
            self.archived.incidents.retain(|i| !named.contains(&i.id));
            let back: Vec<_> = part.incidents.iter().map(|i| i.id).collect();
            self.archived
                .history
                .retain(|h| !back.iter().any(|id| h.subject == incidesk_domain::Subject::Incident(*id)));
            work.thaw(part);
        }
        let pending = Pending::of(&command);
        match work.execute_with_undo(command, now, who) {
            Ok(done) => {
                self.commit(work)?;
                pending.settle(&mut self.last_undo, who, done.1.as_ref());
                Ok(Ok(done))
            }
            Err(refusal) => Ok(Err(refusal)),
        }
    }

    fn last_undo(&self, who: &str) -> Result<Option<incidesk_domain::undo::Undo>, StoreError> {
        Ok(self.last_undo.get(who).cloned())
    }

    fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        Ok(false)
    }

    fn archived_part(&self) -> Result<Part, StoreError> {
        Ok(self.archived.clone())
    }

    fn desk_with(&self, ids: &[IncidentId]) -> Result<Desk, StoreError> {
        Ok(self.desk.with_archived(self.archived_among(ids)))
    }

    fn archive_settled(&mut self, now: Instant) -> Result<Archived, StoreError> {
        self.writable()?;
        let ids = self.desk.settled(now);
        if ids.is_empty() {
            return Ok(Archived::default());
        }
        let mut work = self.desk.clone();
        let part = work.archive_out(&ids, now);
        self.commit(work)?;
        let moved = Archived {
            incidents: part.incidents.len(),
            history: part.history.len(),
            place: Some(format!("{} archive", Store::location(self))),
        };
        self.archived.incidents.extend(part.incidents);
        self.archived.history.extend(part.history);
        Ok(moved)
    }

    /// A desk in memory is small and gone with the process: it archives
    /// only when asked ([`Store::archive_settled`]).
    fn after_change(&mut self, _now: Instant) -> Result<Option<Archived>, StoreError> {
        Ok(None)
    }

    fn end_session(&mut self, _now: Instant) -> Result<Option<Archived>, StoreError> {
        Ok(None)
    }
}

/// A store in memory opens as a copy of itself: a throw-away desk (`--demo`)
/// that no file holds, so that nothing is left behind however the session ends.
impl OpenStore for MemoryStore {
    fn location(&self) -> String {
        Store::location(self)
    }

    fn open(&self, _reading: Reading) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(self.clone()))
    }

    fn create(&self, _desk: &Desk) -> Result<(), StoreError> {
        Err(StoreError::Io {
            op: "create",
            path: Self::name(),
            source: std::sync::Arc::new(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a desk in memory exists already",
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use incidesk_domain::{Calendar, Command};

    fn add_customer(name: &str) -> Command {
        Command::AddCustomer { name: name.into(), calendar: Calendar::office(chrono_tz::UTC) }
    }

    #[test]
    fn a_change_is_kept_and_a_refusal_changes_nothing() {
        let mut store = MemoryStore::new(Desk::default());
        let now = chrono::Utc::now();
        let (outcome, _) = store.apply(add_customer("Contoso"), now, "eve").unwrap().unwrap();
        assert_eq!(store.desk().customers.len(), 1, "{}", outcome.message);
        assert_eq!(store.generation(), 1);
        let refused = store.apply(add_customer(""), now, "eve").unwrap();
        assert!(refused.is_err(), "an empty name is refused");
        assert_eq!(store.desk().customers.len(), 1);
        assert_eq!(store.generation(), 1, "a refusal is no new desk");
        assert!(MemoryStore::read_only(Desk::default()).apply(add_customer("X"), now, "eve").is_err());
    }

    #[test]
    fn the_last_change_of_each_engineer_is_undone_once() {
        let mut store = MemoryStore::new(Desk::default());
        let now = chrono::Utc::now();
        store.apply(add_customer("Contoso"), now, "eve").unwrap().unwrap();
        store.apply(add_customer("Fabrikam"), now, "ada").unwrap().unwrap();
        let undo = store.last_undo("eve").unwrap().expect("eve's change is kept");
        assert!(undo.description.contains("Contoso"), "{}", undo.description);
        store.apply(Command::Undo { undo: Box::new(undo) }, now, "eve").unwrap().unwrap();
        let names: Vec<_> = store.desk().customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Fabrikam"]);
        assert_eq!(store.last_undo("eve").unwrap(), None, "undone: nothing left to undo");
        assert!(store.last_undo("ada").unwrap().is_some(), "ada's change is still hers to undo");
        assert_eq!(store.last_undo("nobody").unwrap(), None);
    }

    #[test]
    fn opening_gives_a_copy_that_changes_alone() {
        let template = MemoryStore::new(Desk::default()).named("demo");
        let mut one = template.open(Reading::WithoutHistory).unwrap();
        one.apply(add_customer("Contoso"), chrono::Utc::now(), "eve").unwrap().unwrap();
        assert_eq!(template.open(Reading::Whole).unwrap().desk().customers.len(), 0);
        assert_eq!(one.short_name(), "demo");
    }
}
