//! The SLA engine (R4, R5, R7, R8): due times and countdown states.
//!
//! Everything here is pure: the instant "now" is always a parameter; nothing
//! reads the clock or does I/O.
//!
//! # From local open hours to real time (R5)
//!
//! A business calendar's open periods are wall-clock times on local dates in
//! the customer's zone. Each period of each (non-holiday) local date is turned
//! into a half-open span of real instants `[open, close)` with
//! [`local_to_instant`]: a wall time maps to the first instant at which the
//! zone's clock reads that time or later. So
//! - an ambiguous wall time (clocks turned back) maps to its earliest instant,
//! - a wall time that does not exist (in the gap when clocks are turned
//!   forward) maps to the first instant after the gap,
//!
//! and a period that contains a daylight-saving change has its true real
//! length (00:00–24:00 on a spring-forward day is 23 hours long, on a
//! fall-back day 25 hours). This mapping never goes backwards in time, so the
//! spans of a calendar are in order and never overlap.
//!
//! # Calendars with too little open time
//!
//! A business-hours search looks at most [`SEARCH_DAYS`] local dates ahead.
//! [`Calendar::validate`] refuses, when a calendar is entered, one that does
//! not give the longest target within that many days from any date on. A
//! calendar that still does not (an old data file, or holidays entered later)
//! gives no due time: [`due_time`] is `None`, and the countdown's state is
//! [`SlaState::NoOpening`], said as such on every surface. The engine never
//! switches such an incident to elapsed (24x7) time, which would give a due
//! time no contract promised.

use super::calendar::Calendar;
use super::model::{Coverage, Incident, Instant, Severity};
use super::spans::{Spans, local_date};
use chrono::TimeDelta;
use serde::Serialize;

pub use super::calendar_check::SEARCH_DAYS;
pub use super::spans::local_to_instant;

/// R8: the countdown states shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlaState {
    Breached,
    AtRisk,
    OnTrack,
    Missed,
    Met,
    /// R5: no due time: the business calendar gives less open time than the
    /// target within [`SEARCH_DAYS`] of the submission.
    NoOpening,
}

/// R8: where an incident's first-response clock stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub state: SlaState,
    /// `None` only in [`SlaState::NoOpening`].
    pub due: Option<Instant>,
    /// Clock time left until due (negative once past due). For a business-hours
    /// clock this counts open time only.
    pub remaining: TimeDelta,
    /// A business-hours clock outside open hours, with no response yet.
    pub paused: bool,
}

/// R8: the one definition of breached, used by every surface: a clock is
/// breached at an instant strictly after its due time. At the due instant
/// itself it is at risk with nothing left, and a response then is met.
pub fn is_breached(due: Instant, at: Instant) -> bool {
    at > due
}

/// R8: the first instant at which a clock due at `due` is breached.
pub fn breach_instant(due: Instant) -> Instant {
    due + TimeDelta::nanoseconds(1)
}

/// R8: the verdict on a first response given at `at` for the due time `due`:
/// [`SlaState::Met`] unless [`is_breached`], else [`SlaState::Missed`].
pub fn response_outcome(due: Instant, at: Instant) -> SlaState {
    if is_breached(due, at) { SlaState::Missed } else { SlaState::Met }
}

/// R4/R5: when the first response is due.
///
/// - R5 24x7: `submitted` plus the R4 target in elapsed real (UTC) time;
///   daylight-saving changes neither add nor remove time.
/// - R5 business hours: the clock runs only in the calendar's open periods
///   (local wall time in the customer's zone, holidays skipped); submitted
///   while closed, it starts at the next opening. A due time that falls
///   exactly at the close of a period is that close, not the next opening.
///   Local times become real instants as described in the
///   [module documentation](self).
/// - `None` for business hours when the calendar does not give the target
///   within [`SEARCH_DAYS`] local dates (never a silent switch to 24x7).
///
/// R7: after a severity change, call this again with the original submission
/// time and the new severity.
pub fn due_time(
    submitted: Instant,
    severity: Severity,
    coverage: Coverage,
    cal: &Calendar,
) -> Option<Instant> {
    schedule(submitted, severity.target(), coverage, cal).0
}

/// R5: the instant at which `used` of an incident's clock time has run since
/// `submitted`, on the clock that counts towards its due time (open time of
/// the calendar for business hours, real time for 24x7); `None` when the
/// calendar does not give that much within [`SEARCH_DAYS`]. `due_time` is
/// this at the whole R4 target; alert points (`alerts.rs`) are this at parts
/// of it.
pub fn clock_reaches(
    submitted: Instant,
    severity: Severity,
    coverage: Coverage,
    cal: &Calendar,
    used: TimeDelta,
) -> Option<Instant> {
    match schedule(submitted, severity.target(), coverage, cal).1 {
        Clock::Business(cal) => business_due(cal, submitted, used),
        Clock::Real => Some(submitted + used),
    }
}

/// R5: whether the business calendar is open at an instant (open periods are
/// half-open: open at the opening instant, closed at the closing one).
pub fn is_open_at(cal: &Calendar, at: Instant) -> bool {
    // Only spans of the local date of `at` and of the next date can contain it
    // (the next date's spans only when clocks were turned back over midnight),
    // and those of the date before, for a period that runs past midnight.
    Spans::around(cal, at, 2).find(|s| s.close > at).is_some_and(|s| s.open <= at)
}

/// R5: open time of the calendar between two instants (zero if `to <= from`):
/// the real time in `[from, to)` during which [`is_open_at`] holds.
pub fn open_time_between(cal: &Calendar, from: Instant, to: Instant) -> TimeDelta {
    if to <= from {
        return TimeDelta::zero();
    }
    let tz = &cal.time_zone;
    let first = local_date(tz, from);
    // Spans of later dates than the day after `to`'s local date open after `to`.
    let days = (local_date(tz, to) - first).num_days().saturating_add(2);
    let mut total = TimeDelta::zero();
    for s in Spans::around(cal, from, u32::try_from(days).unwrap_or(u32::MAX)) {
        if s.open >= to {
            break;
        }
        if s.close > from {
            total += s.close.min(to) - s.open.max(from);
        }
    }
    total
}

/// R5: the first instant at or after `at` at which the calendar is open
/// (`at` itself when open), or `None` if it does not open within
/// [`SEARCH_DAYS`].
pub fn next_opening(cal: &Calendar, at: Instant) -> Option<Instant> {
    business_due(cal, at, TimeDelta::zero())
}

/// R8: the countdown of an incident at `now`.
///
/// - Responded (R8 met/missed): judged once, against the due time of the
///   severity in force when the response was recorded
///   ([`Incident::judged_severity`]): *met* if it came at or before that due
///   time, else *missed* ([`response_outcome`]); `remaining` is the clock time
///   from the response to that due time (negative when missed); never paused.
///   A later severity change does not change the verdict.
/// - Not responded: the clock is read at `now`, or at the closing instant if
///   the incident was closed without a response (the clock stops there: no
///   response is owed any more). *Breached* if that instant is strictly after
///   the due time ([`is_breached`]), `remaining` being minus the clock time past due; otherwise
///   *at risk* when less than 25 % of the R4 target is left, else *on track*.
///   So an incident closed without response before its due time keeps the
///   state it had when it was closed, and one closed after its due time stays
///   breached (R7: a breach that happened stays recorded).
/// - Clock time is open time for a business-hours clock (R5) and real time for
///   24x7. `paused` is true for a business-hours clock outside open hours at
///   `now`, with no response, while the incident is not closed.
/// - A business-hours incident whose calendar gives no due time
///   ([`due_time`] is `None`) is [`SlaState::NoOpening`], responded or not:
///   no due time, nothing remaining, not paused. Nothing was promised, so
///   nothing is met, missed or breached.
///
/// R7: the due time always comes from the original submission and the
/// current severity (until answered; then the judged severity).
pub fn countdown(incident: &Incident, cal: &Calendar, now: Instant) -> Countdown {
    let target = incident.judged_severity().target();
    let (due, clock) = schedule(incident.submitted, target, incident.coverage, cal);
    let Some(due) = due else {
        let state = SlaState::NoOpening;
        return Countdown { state, due: None, remaining: TimeDelta::zero(), paused: false };
    };
    if let Some(r) = &incident.first_response {
        let state = response_outcome(due, r.at);
        return Countdown { state, due: Some(due), remaining: clock.between(r.at, due), paused: false };
    }
    let closed_at = incident.closed.as_ref().map(|c| c.at);
    let at = closed_at.map_or(now, |c| c.min(now));
    if is_breached(due, at) {
        // Past due, the customer has been waiting in real time, open hours or
        // not: overdue time is wall-clock time, and a breach never pauses.
        return Countdown { state: SlaState::Breached, due: Some(due), remaining: due - at, paused: false };
    }
    let remaining = clock.between(at, due);
    let state = if remaining < target / 4 { SlaState::AtRisk } else { SlaState::OnTrack };
    let paused = match clock {
        Clock::Business(cal) => closed_at.is_none_or(|c| now < c) && !is_open_at(cal, now),
        Clock::Real => false,
    };
    Countdown { state, due: Some(due), remaining, paused }
}

/// R8: the first instant after `now` at which the countdown's `state` or
/// `paused` flag differs from what it is at `now`: a screen showing many
/// countdowns need not recompute an incident's state before then. (While
/// the clock runs, `remaining` changes all the time; this is about the
/// state and the paused flag only.)
///
/// `None` when neither will change: the incident has its first response, or
/// is closed at `now`, or has no due time ([`SlaState::NoOpening`]), or
/// (breached) its calendar does not open or close within [`SEARCH_DAYS`].
pub fn next_visible_change(incident: &Incident, cal: &Calendar, now: Instant) -> Option<Instant> {
    if incident.first_response.is_some() {
        return None;
    }
    let closed_at = incident.closed.as_ref().map(|c| c.at);
    if closed_at.is_some_and(|c| c <= now) {
        return None;
    }
    let target = incident.severity.target();
    let (due, clock) = schedule(incident.submitted, target, incident.coverage, cal);
    let due = due?;
    let quarter = target / 4;
    let state_change = if is_breached(due, now) {
        None
    } else {
        // The first instant with less than a quarter of the target left.
        let at_risk = match clock {
            Clock::Real => Some(due - quarter + TimeDelta::nanoseconds(1)),
            Clock::Business(cal) => business_due(cal, incident.submitted, target - quarter)
                .and_then(|t| if is_open_at(cal, t) { Some(t) } else { next_opening(cal, t) })
                .map(|t| t + TimeDelta::nanoseconds(1)),
        };
        match at_risk {
            Some(t) if now < t && t < due => Some(t),
            _ => Some(breach_instant(due)),
        }
    }
    .filter(|t| closed_at.is_none_or(|c| *t <= c));
    let paused_change = match clock {
        Clock::Business(_) if is_breached(due, now) => None,
        Clock::Business(cal) => {
            let horizon = now + TimeDelta::days(i64::from(SEARCH_DAYS));
            let limit = [state_change, closed_at].into_iter().flatten().fold(horizon, Instant::min);
            let open_change = next_open_change(cal, now, limit);
            // Closing stops a paused clock.
            let closing = closed_at.filter(|_| !is_open_at(cal, now));
            [open_change, closing].into_iter().flatten().min()
        }
        Clock::Real => None,
    };
    [state_change, paused_change].into_iter().flatten().min()
}

/// How the first-response clock of an incident runs.
#[derive(Debug, Clone, Copy)]
enum Clock<'a> {
    /// R5 24x7.
    Real,
    /// R5 business hours.
    Business(&'a Calendar),
}

impl Clock<'_> {
    /// Clock time from `a` to `b`, negative if `b < a`.
    fn between(self, a: Instant, b: Instant) -> TimeDelta {
        match self {
            Clock::Real => b - a,
            Clock::Business(cal) if a <= b => open_time_between(cal, a, b),
            Clock::Business(cal) => -open_time_between(cal, b, a),
        }
    }
}

/// The due time (`None`: the calendar does not give the target within
/// [`SEARCH_DAYS`]) and the clock that counts towards it.
fn schedule(
    submitted: Instant,
    target: TimeDelta,
    coverage: Coverage,
    cal: &Calendar,
) -> (Option<Instant>, Clock<'_>) {
    match coverage {
        Coverage::RoundTheClock => (Some(submitted + target), Clock::Real),
        Coverage::BusinessHours => (business_due(cal, submitted, target), Clock::Business(cal)),
    }
}

/// The instant at which `clock_time` of open time has passed since `from`,
/// or `None` if the calendar does not give that much within [`SEARCH_DAYS`].
fn business_due(cal: &Calendar, from: Instant, clock_time: TimeDelta) -> Option<Instant> {
    if cal.hours.weekly_minutes() == 0 {
        return None;
    }
    let mut left = clock_time;
    for s in Spans::around(cal, from, SEARCH_DAYS) {
        if s.close <= from {
            continue;
        }
        let start = s.open.max(from);
        let available = s.close - start;
        if available >= left {
            return Some(start + left);
        }
        left -= available;
    }
    None
}

/// The first instant after `at`, and not after `limit`, at which
/// [`is_open_at`] changes.
fn next_open_change(cal: &Calendar, at: Instant, limit: Instant) -> Option<Instant> {
    let tz = &cal.time_zone;
    let first = local_date(tz, at);
    let days = (local_date(tz, limit) - first).num_days().saturating_add(2);
    let mut spans = Spans::around(cal, at, u32::try_from(days).unwrap_or(u32::MAX));
    let current = spans.find(|s| s.close > at)?;
    if current.open > at {
        return (current.open <= limit).then_some(current.open);
    }
    // Open now: it closes at the end of the run of back-to-back spans.
    let mut end = current.close;
    for s in spans {
        if end > limit || s.open > end {
            break;
        }
        end = s.close;
    }
    (end <= limit).then_some(end)
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
