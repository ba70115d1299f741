//! The SLA engine (R4, R5, R7, R8): due times and countdown states.
//!
//! Everything here is pure: the instant "now" is always a parameter.

use super::calendar::Calendar;
use super::model::{Coverage, Incident, Instant, Severity};
use chrono::TimeDelta;
use serde::Serialize;

/// R8: the countdown states shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlaState {
    Breached,
    AtRisk,
    OnTrack,
    Missed,
    Met,
}

/// R8: where an incident's first-response clock stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub state: SlaState,
    pub due: Instant,
    /// Clock time left until due (negative once past due). For a business-hours
    /// clock this counts open time only.
    pub remaining: TimeDelta,
    /// A business-hours clock outside open hours, with no response yet.
    pub paused: bool,
}

/// R4/R5: when the first response is due.
pub fn due_time(
    submitted: Instant,
    severity: Severity,
    coverage: Coverage,
    cal: &Calendar,
) -> Instant {
    todo!("{submitted}{severity}{coverage}{cal:?}")
}

/// R5: whether the business calendar is open at an instant.
pub fn is_open_at(cal: &Calendar, at: Instant) -> bool {
    todo!("{cal:?}{at}")
}

/// R5: open time of the calendar between two instants (zero if `to <= from`).
pub fn open_time_between(cal: &Calendar, from: Instant, to: Instant) -> TimeDelta {
    todo!("{cal:?}{from}{to}")
}

/// R8: the countdown of an incident at `now`.
pub fn countdown(incident: &Incident, cal: &Calendar, now: Instant) -> Countdown {
    todo!("{}{cal:?}{now}", incident.id)
}
