//! A store with no file, for tests and tools: the same contract as the JSON
//! store (a refusal changes nothing, every change is checked against the
//! consistency rules, archived incidents come back when a command names
//! them), with the desk and its archive held in memory.

use crate::error::StoreError;
use crate::interface::{Applied, Archived, Store};
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
    /// How many settled incidents make [`Store::after_change`] archive (0: never).
    auto_archive_min: usize,
    /// What the title bar calls it (`None`: "(memory)").
    name: Option<String>,
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

    /// Archives on its own after a change once `min` incidents are settled.
    pub fn with_auto_archive(mut self, min: usize) -> Self {
        self.auto_archive_min = min;
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
        self.name.clone().unwrap_or_else(|| self.location())
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
        match work.execute_with_undo(command, now, who) {
            Ok(done) => {
                self.commit(work)?;
                Ok(Ok(done))
            }
            Err(refusal) => Ok(Err(refusal)),
        }
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
            place: Some(format!("{} archive", self.location())),
        };
        self.archived.incidents.extend(part.incidents);
        self.archived.history.extend(part.history);
        Ok(moved)
    }

    fn after_change(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        let min = self.auto_archive_min;
        if min == 0 || self.desk.settled(now).len() < min {
            return Ok(None);
        }
        self.archive_settled(now).map(Some)
    }

    fn end_session(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        self.after_change(now)
    }
}
