//! Moving settled incidents out of the live desk and back (the archive's
//! records are in `archive.rs`; the files are the store's). Apart from
//! `archive.rs`, which the desk's own record of the archive needs, so that
//! the two don't import each other.

use super::archive::{Archive, Part, SETTLED_DAYS, Segment, outcome, runs_of, runs_without};
use super::desk::Desk;
use super::history::{HistoryEntry, Subject};
use super::ids::IncidentId;
use super::model::{Billing, Incident, Instant};

impl Desk {
    /// Incidents that can move to the archive at `now`: closed at least
    /// [`SETTLED_DAYS`] ago, with their billing decided (R14), and with no
    /// open incident split from or into them (R1: the family is worked
    /// together).
    pub fn settled(&self, now: Instant) -> Vec<IncidentId> {
        let cutoff = now - chrono::Duration::days(SETTLED_DAYS);
        let open_relative = |inc: &Incident| {
            inc.split_from
                .iter()
                .chain(&inc.split_into)
                .any(|r| self.incident(*r).is_some_and(|r| r.is_open()))
        };
        self.incidents
            .iter()
            .filter(|i| i.closed.as_ref().is_some_and(|c| c.at <= cutoff))
            .filter(|i| i.billing_state() != Billing::Pending)
            .filter(|i| !open_relative(i))
            .map(|i| i.id)
            .collect()
    }

    /// Moves `ids` (sorted, live) and their history out of the desk into a new
    /// segment numbered [`Archive::next_number`], which the desk's index
    /// records. Returns what the segment's file is to hold.
    pub fn archive_out(&mut self, ids: &[IncidentId], now: Instant) -> Part {
        let mut segment = Segment {
            number: self.archive.next_number(),
            archived_at: now,
            incidents: runs_of(ids),
            outcomes: vec![],
        };
        let (moved, kept): (Vec<Incident>, Vec<Incident>) =
            std::mem::take(&mut self.incidents).into_iter().partition(|i| segment.holds(i.id));
        self.incidents = kept;
        for inc in &moved {
            let state = self.customer(inc.customer).and_then(|c| outcome(inc, c.calendar_of(inc)));
            segment.count(inc.severity, state, true);
            self.retire(Subject::Incident(inc.id));
        }
        let (history, kept): (Vec<HistoryEntry>, Vec<HistoryEntry>) =
            std::mem::take(&mut self.history).into_iter().partition(|h| match h.subject {
                Subject::Incident(id) => segment.holds(id),
                _ => false,
            });
        self.history = kept;
        self.archive.segments.push(segment);
        Part { incidents: moved, history }
    }

    /// Brings archived incidents back to the live desk (a change is about to
    /// touch them): `part` holds them and their history as read from their
    /// segments. Incidents of `part` the index does not list are ignored.
    pub fn thaw(&mut self, part: Part) {
        let mut back = Vec::new();
        for inc in part.incidents {
            let Some(seg) = self.archive.segments.iter_mut().find(|s| s.holds(inc.id)) else { continue };
            seg.incidents = runs_without(&seg.incidents, inc.id);
            let state = self
                .customers
                .iter()
                .find(|c| c.id == inc.customer)
                .and_then(|c| outcome(&inc, c.calendar_of(&inc)));
            seg.count(inc.severity, state, false);
            back.push(inc);
        }
        self.archive.segments.retain(|s| !s.incidents.is_empty());
        let ids: Vec<IncidentId> = back.iter().map(|i| i.id).collect();
        self.incidents.extend(back);
        self.incidents.sort_by_key(|i| i.id);
        let history = part
            .history
            .into_iter()
            .filter(|h| matches!(h.subject, Subject::Incident(id) if ids.contains(&id)));
        self.history.extend(history);
        // History is kept in time order; the entries brought back interleave.
        self.history.sort_by_key(|h| h.at);
    }

    /// The desk with `part` (everything archived) merged back in: the whole
    /// record, for views that show closed incidents of every age.
    pub fn with_archived(&self, part: Part) -> Desk {
        let mut desk = self.clone();
        desk.incidents.extend(part.incidents.into_iter().filter(|i| self.archive.holds(i.id)));
        desk.incidents.sort_by_key(|i| i.id);
        desk.history.extend(
            part.history
                .into_iter()
                .filter(|h| matches!(h.subject, Subject::Incident(id) if self.archive.holds(id))),
        );
        desk.history.sort_by_key(|h| h.at);
        desk.archive = Archive::default();
        desk
    }
}
