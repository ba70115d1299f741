//! What the TUI keeps between frames for one desk generation (issue 5):
//! the queue with each incident's countdown state and the instant it next
//! changes, and an index of the history by subject. Neither is part of the
//! desk's data: both are rebuilt when the generation they are given changes
//! (the app tells the live desk and the whole record, archive included, apart
//! in it: see `App::view_generation`).

use super::sort::{self, QueueSort};
use crate::domain::queue::{self, Filter, QueueRow};
use crate::domain::{Countdown, Desk, HistoryEntry, IncidentId, Instant, SlaState, Subject, sla};
use chrono::TimeDelta;
use std::collections::HashMap;
use std::rc::Rc;

/// One incident of the queue as kept: what does not change from one second
/// to the next until `next_change` (see [`sla::next_visible_change`]).
/// The remaining time is not kept: it is computed for the rows drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueEntry {
    pub id: IncidentId,
    pub state: SlaState,
    pub paused: bool,
    pub due: Option<Instant>,
    /// When the state or the paused flag changes next; `None`: never.
    pub next_change: Option<Instant>,
    /// Open without a first response and not paused: its clock runs, and
    /// the remaining time shown changes every second.
    pub running: bool,
}

/// The queue in order (all candidates, before the filter), kept per desk
/// generation; each second only the incidents whose next visible change has
/// come are computed again. The order (`domain::queue::queue`'s) depends on
/// due times, answers and closings, not on the time, so it is computed once
/// per generation.
#[derive(Default)]
pub struct QueueCache {
    generation: Option<u64>,
    include_closed: bool,
    /// The instant the entries are right at; an earlier `now` (a frozen
    /// clock set back) computes everything again.
    at: Option<Instant>,
    entries: Vec<QueueEntry>,
    /// The earliest `next_change` of the entries.
    next_change: Option<Instant>,
    /// The filter and order `rows` were made with; `None` when they must be made again.
    filter: Option<(Filter, QueueSort)>,
    rows: Rc<[QueueEntry]>,
}

fn entry(row: &QueueRow, now: Instant) -> QueueEntry {
    let cd = row.countdown;
    let next_change =
        row.customer.and_then(|c| sla::next_visible_change(row.incident, c.calendar_of(row.incident), now));
    QueueEntry {
        id: row.incident.id,
        state: cd.state,
        paused: cd.paused,
        due: cd.due,
        next_change,
        running: row.incident.is_open() && row.incident.first_response.is_none() && !cd.paused,
    }
}

impl QueueCache {
    /// The queue of `desk` (generation `generation`) at `now` with `filter`,
    /// as `domain::queue::queue` gives it.
    pub fn rows(
        &mut self,
        desk: &Desk,
        generation: u64,
        now: Instant,
        filter: &Filter,
        order: QueueSort,
        include_closed: bool,
    ) -> Rc<[QueueEntry]> {
        let stale = self.generation != Some(generation)
            || self.include_closed != include_closed
            || self.at.is_none_or(|at| now < at);
        if stale {
            self.entries = queue::queue(desk, now, &Filter::default(), include_closed)
                .iter()
                .map(|r| entry(r, now))
                .collect();
            self.next_change = self.entries.iter().filter_map(|e| e.next_change).min();
            self.generation = Some(generation);
            self.include_closed = include_closed;
            self.filter = None;
        } else if self.next_change.is_some_and(|t| t <= now) {
            for e in self.entries.iter_mut().filter(|e| e.next_change.is_some_and(|t| t <= now)) {
                let Some(incident) = desk.incident(e.id) else { continue };
                let customer = desk.customer(incident.customer);
                let Some(cal) = customer.map(|c| c.calendar_of(incident)) else { continue };
                let countdown = sla::countdown(incident, cal, now);
                *e = entry(&QueueRow { incident, customer, countdown }, now);
            }
            self.next_change = self.entries.iter().filter_map(|e| e.next_change).min();
            self.filter = None;
        }
        self.at = Some(now);
        if self.filter.as_ref().is_none_or(|(f, o)| f != filter || *o != order) {
            let mut rows: Vec<QueueEntry> = if filter.is_empty() {
                self.entries.clone()
            } else {
                self.entries.iter().copied().filter(|e| matches(desk, filter, e)).collect()
            };
            sort::sort(desk, &mut rows, order);
            self.rows = rows.into();
            self.filter = Some((filter.clone(), order));
        }
        Rc::clone(&self.rows)
    }

    /// The earliest next visible change of all the incidents kept (filtered or not).
    pub fn next_change(&self) -> Option<Instant> {
        self.next_change
    }
}

/// The filter asks about the state and the paused flag, never the remaining time.
fn matches(desk: &Desk, filter: &Filter, e: &QueueEntry) -> bool {
    let Some(incident) = desk.incident(e.id) else { return false };
    let countdown = Countdown { state: e.state, due: e.due, remaining: TimeDelta::zero(), paused: e.paused };
    filter.matches(&QueueRow { incident, customer: desk.customer(incident.customer), countdown })
}

/// R21: positions of each subject's entries in `Desk::history`, oldest
/// first, for one desk generation.
#[derive(Default)]
pub struct HistoryIndex {
    generation: Option<u64>,
    by_subject: HashMap<Subject, Vec<u32>>,
}

impl HistoryIndex {
    /// `subject`'s history, as `Desk::history_of` gives it.
    pub fn of<'d>(&mut self, desk: &'d Desk, generation: u64, subject: Subject) -> Vec<&'d HistoryEntry> {
        if self.generation != Some(generation) {
            self.by_subject.clear();
            for (i, h) in desk.history.iter().enumerate() {
                self.by_subject.entry(h.subject).or_default().push(i as u32);
            }
            self.generation = Some(generation);
        }
        self.by_subject
            .get(&subject)
            .map(|ps| ps.iter().filter_map(|&p| desk.history.get(p as usize)).collect())
            .unwrap_or_default()
    }
}
