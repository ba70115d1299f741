//! Settled incidents moved out of the live desk, as Taskwarrior keeps its
//! completed tasks apart from the pending ones: years of closed incidents
//! need not be read to show today's queue.
//!
//! The desk keeps an index of what it moved out ([`Archive`]): which incident
//! ids each segment holds and their all-time SLA outcomes for the lead board
//! (R8), so the board's figures stay whole. Packs, customers and products,
//! and their history, always stay live; so does every incident that can still
//! change in the normal course of work.

use super::history::HistoryEntry;
use super::ids::IncidentId;
use super::model::{Incident, Instant, Severity};
use super::sla::{self, SlaState};
use serde::{Deserialize, Serialize};

/// How long an incident stays live after it is closed and its billing is
/// settled: long enough for the follow-up questions of the next weeks.
pub const SETTLED_DAYS: i64 = 90;

/// The segments moved out of the desk, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    #[serde(default)]
    pub segments: Vec<Segment>,
}

/// One archive file's share of the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Names the file (`000001.json` in the archive folder).
    pub number: u32,
    #[serde(deserialize_with = "super::instant::de")]
    pub archived_at: Instant,
    /// The incidents of the file that belong to the desk, as runs of ids
    /// `[first, last]`. An incident brought back to the live desk is taken out
    /// of its run; the file itself is never rewritten.
    pub incidents: Vec<(IncidentId, IncidentId)>,
    /// Their all-time first-response outcomes per severity.
    #[serde(default)]
    pub outcomes: Vec<Outcomes>,
}

/// R8: all-time first-response outcomes of archived incidents of one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    pub severity: Severity,
    #[serde(default)]
    pub met: u32,
    #[serde(default)]
    pub missed: u32,
    #[serde(default)]
    pub breached: u32,
}

/// Incidents and their history as kept in one archive file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// R8: the all-time outcome the board counts for a closed incident (at its
/// closing, the countdown no longer moves).
pub fn outcome(incident: &Incident, cal: &super::Calendar) -> Option<SlaState> {
    let at = incident.closed.as_ref()?.at;
    match sla::countdown(incident, cal, at).state {
        s @ (SlaState::Met | SlaState::Missed | SlaState::Breached) => Some(s),
        _ if !incident.breaches.is_empty() => Some(SlaState::Breached),
        _ => None,
    }
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Whether the incident is in the archive (and so not on the live desk).
    pub fn holds(&self, id: IncidentId) -> bool {
        self.segment_of(id).is_some()
    }

    /// The segment holding the incident.
    pub fn segment_of(&self, id: IncidentId) -> Option<&Segment> {
        self.segments.iter().find(|s| runs_contain(&s.incidents, id))
    }

    /// Archived incidents, all segments together.
    pub fn len(&self) -> usize {
        self.segments.iter().map(Segment::len).sum()
    }

    /// The number the next segment gets.
    pub fn next_number(&self) -> u32 {
        self.segments.iter().map(|s| s.number).max().unwrap_or(0) + 1
    }

    /// R8: all-time outcomes of archived incidents of `severity`: (met, missed, breached).
    pub fn outcomes(&self, severity: Severity) -> (u32, u32, u32) {
        self.segments
            .iter()
            .flat_map(|s| &s.outcomes)
            .filter(|o| o.severity == severity)
            .fold((0, 0, 0), |(m, x, b), o| (m + o.met, x + o.missed, b + o.breached))
    }
}

impl Segment {
    pub fn holds(&self, id: IncidentId) -> bool {
        runs_contain(&self.incidents, id)
    }

    /// The incidents it holds for the desk.
    pub fn len(&self) -> usize {
        self.incidents.iter().map(|(a, b)| b.0.saturating_sub(a.0) as usize + 1).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.incidents.is_empty()
    }

    pub(crate) fn count(&mut self, severity: Severity, state: Option<SlaState>, add: bool) {
        let Some(state) = state else { return };
        let i = match self.outcomes.iter().position(|o| o.severity == severity) {
            Some(i) => i,
            None => {
                self.outcomes.push(Outcomes { severity, met: 0, missed: 0, breached: 0 });
                self.outcomes.sort_by_key(|o| o.severity);
                self.outcomes.iter().position(|o| o.severity == severity).unwrap_or(0)
            }
        };
        let o = &mut self.outcomes[i];
        let slot = match state {
            SlaState::Met => &mut o.met,
            SlaState::Missed => &mut o.missed,
            _ => &mut o.breached,
        };
        *slot = if add { *slot + 1 } else { slot.saturating_sub(1) };
    }
}

fn runs_contain(runs: &[(IncidentId, IncidentId)], id: IncidentId) -> bool {
    let i = runs.partition_point(|(_, last)| *last < id);
    runs.get(i).is_some_and(|(first, _)| *first <= id)
}

/// Sorted, distinct ids as runs of consecutive ids.
pub(crate) fn runs_of(ids: &[IncidentId]) -> Vec<(IncidentId, IncidentId)> {
    let mut runs: Vec<(IncidentId, IncidentId)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((_, last)) if last.0 + 1 == id.0 => *last = id,
            _ => runs.push((id, id)),
        }
    }
    runs
}

/// `runs` without `id`.
pub(crate) fn runs_without(
    runs: &[(IncidentId, IncidentId)],
    id: IncidentId,
) -> Vec<(IncidentId, IncidentId)> {
    let mut out = Vec::with_capacity(runs.len() + 1);
    for &(first, last) in runs {
        if id < first || id > last {
            out.push((first, last));
            continue;
        }
        if first < id {
            out.push((first, IncidentId(id.0 - 1)));
        }
        if id < last {
            out.push((IncidentId(id.0 + 1), last));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[u32]) -> Vec<IncidentId> {
        v.iter().map(|&i| IncidentId(i)).collect()
    }

    #[test]
    fn runs_hold_exactly_their_ids() {
        let runs = runs_of(&ids(&[1, 2, 3, 7, 9, 10]));
        assert_eq!(runs.len(), 3);
        for i in 0..12 {
            assert_eq!(runs_contain(&runs, IncidentId(i)), [1, 2, 3, 7, 9, 10].contains(&i), "I-{i}");
        }
        let less = runs_without(&runs, IncidentId(2));
        let held: Vec<u32> = (0..12).filter(|&i| runs_contain(&less, IncidentId(i))).collect();
        assert_eq!(held, vec![1, 3, 7, 9, 10]);
        assert!(runs_without(&runs_of(&ids(&[4])), IncidentId(4)).is_empty());
    }
}
