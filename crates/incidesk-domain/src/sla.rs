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
//! # Calendars that never open
//!
//! A business-hours search looks at most [`SEARCH_DAYS`] local dates (ten
//! years) ahead. A calendar without any open minute (which
//! [`Calendar::validate`] refuses) or whose open days are all holidays for
//! that long cannot give a business-hours due time: the engine then falls back
//! to the 24x7 clock for that incident (due time, remaining time, never
//! paused), instead of searching forever.

use super::calendar::{Calendar, OpenPeriod};
use super::model::{Coverage, Incident, Instant, Severity};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// How many local dates (ten years) a business-hours search looks ahead
/// before it gives up and falls back to the 24x7 clock (R5).
pub const SEARCH_DAYS: u32 = 3653;

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
/// - A calendar that gives no open time within [`SEARCH_DAYS`] falls back to
///   the 24x7 due time.
///
/// R7: after a severity change, call this again with the original submission
/// time and the new severity.
pub fn due_time(submitted: Instant, severity: Severity, coverage: Coverage, cal: &Calendar) -> Instant {
    schedule(submitted, severity.target(), coverage, cal).0
}

/// R5: the instant at which `used` of an incident's clock time has run since
/// `submitted`, on the clock that counts towards its due time (open time of
/// the calendar for business hours, real time for 24x7 and for a calendar
/// that never opens). `due_time` is this at the whole R4 target; alert
/// points (`alerts.rs`) are this at parts of it.
pub fn clock_reaches(
    submitted: Instant,
    severity: Severity,
    coverage: Coverage,
    cal: &Calendar,
    used: TimeDelta,
) -> Instant {
    match schedule(submitted, severity.target(), coverage, cal).1 {
        Clock::Business(cal) => business_due(cal, submitted, used).unwrap_or(submitted + used),
        Clock::Real => submitted + used,
    }
}

/// R5: whether the business calendar is open at an instant (open periods are
/// half-open: open at the opening instant, closed at the closing one).
pub fn is_open_at(cal: &Calendar, at: Instant) -> bool {
    // Only spans of the local date of `at` and of the next date can contain it
    // (the next date's spans only when clocks were turned back over midnight).
    Spans::new(cal, local_date(cal.time_zone, at), 2).find(|s| s.close > at).is_some_and(|s| s.open <= at)
}

/// R5: open time of the calendar between two instants (zero if `to <= from`):
/// the real time in `[from, to)` during which [`is_open_at`] holds.
pub fn open_time_between(cal: &Calendar, from: Instant, to: Instant) -> TimeDelta {
    if to <= from {
        return TimeDelta::zero();
    }
    let tz = cal.time_zone;
    let first = local_date(tz, from);
    // Spans of later dates than the day after `to`'s local date open after `to`.
    let days = (local_date(tz, to) - first).num_days().saturating_add(2);
    let mut total = TimeDelta::zero();
    for s in Spans::new(cal, first, u32::try_from(days).unwrap_or(u32::MAX)) {
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
/// - A calendar that gives no open time within [`SEARCH_DAYS`] runs the 24x7
///   clock instead (never paused).
///
/// R7: the due time always comes from the original submission and the
/// current severity (until answered; then the judged severity).
pub fn countdown(incident: &Incident, cal: &Calendar, now: Instant) -> Countdown {
    let target = incident.judged_severity().target();
    let (due, clock) = schedule(incident.submitted, target, incident.coverage, cal);
    if let Some(r) = &incident.first_response {
        let state = response_outcome(due, r.at);
        return Countdown { state, due, remaining: clock.between(r.at, due), paused: false };
    }
    let closed_at = incident.closed.as_ref().map(|c| c.at);
    let at = closed_at.map_or(now, |c| c.min(now));
    if is_breached(due, at) {
        // Past due, the customer has been waiting in real time, open hours or
        // not: overdue time is wall-clock time, and a breach never pauses.
        return Countdown { state: SlaState::Breached, due, remaining: due - at, paused: false };
    }
    let remaining = clock.between(at, due);
    let state = if remaining < target / 4 { SlaState::AtRisk } else { SlaState::OnTrack };
    let paused = match clock {
        Clock::Business(cal) => closed_at.is_none_or(|c| now < c) && !is_open_at(cal, now),
        Clock::Real => false,
    };
    Countdown { state, due, remaining, paused }
}

/// R8: the first instant after `now` at which the countdown's `state` or
/// `paused` flag differs from what it is at `now`: a screen showing many
/// countdowns need not recompute an incident's state before then. (While
/// the clock runs, `remaining` changes all the time; this is about the
/// state and the paused flag only.)
///
/// `None` when neither will change: the incident has its first response, or
/// is closed at `now`, or (breached) its calendar does not open or close
/// within [`SEARCH_DAYS`].
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

/// R5: the real instant of a wall-clock time in `tz`: the first instant at
/// which the zone's clock reads `local` or later. An ambiguous wall time
/// (clocks turned back) gives its earliest instant; a wall time that does
/// not exist (clocks turned forward) gives the first instant after the gap.
pub fn local_to_instant(tz: Tz, local: NaiveDateTime) -> Instant {
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => first_instant_after_gap(tz, local),
    }
}

/// The first instant whose wall clock reads `local` (a time in a gap) or later.
fn first_instant_after_gap(tz: Tz, local: NaiveDateTime) -> Instant {
    let wall = |secs: i64| {
        DateTime::from_timestamp(secs, 0).map(|u| tz.from_utc_datetime(&u.naive_utc()).naive_local())
    };
    // An instant whose clock reads later than `local`: the first whole hour
    // after `local` that exists (no gap is two days long).
    let Some(later) = (1..=48).find_map(|h| {
        let t = local.checked_add_signed(TimeDelta::hours(h))?;
        tz.from_local_datetime(&t).earliest()
    }) else {
        return local.and_utc();
    };
    let mut hi = later.timestamp();
    // Read with the offset in force after the gap, `local` lands before the
    // gap, where the clock reads less than `local`.
    let naive_secs = local.and_utc().timestamp();
    let mut lo = naive_secs - i64::from(later.offset().fix().local_minus_utc());
    if wall(lo).is_none_or(|w| w >= local) {
        lo = naive_secs - 30 * 3600;
    }
    // Zone transitions fall on whole seconds.
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if wall(mid).is_some_and(|w| w >= local) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::from_timestamp(hi, 0).unwrap_or_else(|| later.with_timezone(&Utc))
}

fn local_date(tz: Tz, at: Instant) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The instant of `minute` (0..=1440) after local midnight starting `date`.
fn instant_at(tz: Tz, date: NaiveDate, minute: u16) -> Instant {
    let midnight = date.and_time(NaiveTime::MIN);
    let local = midnight.checked_add_signed(TimeDelta::minutes(i64::from(minute))).unwrap_or(midnight);
    local_to_instant(tz, local)
}

/// How the first-response clock of an incident runs.
#[derive(Debug, Clone, Copy)]
enum Clock<'a> {
    /// R5 24x7 (also the fallback for a calendar that never opens).
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

/// The due time and the clock that counts towards it.
fn schedule(
    submitted: Instant,
    target: TimeDelta,
    coverage: Coverage,
    cal: &Calendar,
) -> (Instant, Clock<'_>) {
    let business = match coverage {
        Coverage::RoundTheClock => None,
        Coverage::BusinessHours => business_due(cal, submitted, target),
    };
    match business {
        Some(due) => (due, Clock::Business(cal)),
        None => (submitted + target, Clock::Real),
    }
}

/// The instant at which `clock_time` of open time has passed since `from`,
/// or `None` if the calendar does not give that much within [`SEARCH_DAYS`].
fn business_due(cal: &Calendar, from: Instant, clock_time: TimeDelta) -> Option<Instant> {
    if cal.hours.weekly_minutes() == 0 {
        return None;
    }
    let mut left = clock_time;
    for s in Spans::new(cal, local_date(cal.time_zone, from), SEARCH_DAYS) {
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
    let tz = cal.time_zone;
    let first = local_date(tz, at);
    let days = (local_date(tz, limit) - first).num_days().saturating_add(2);
    let mut spans = Spans::new(cal, first, u32::try_from(days).unwrap_or(u32::MAX));
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

/// One open period of one local date, in real time: `[open, close)`.
#[derive(Debug, Clone, Copy)]
struct Span {
    open: Instant,
    close: Instant,
}

/// The non-empty spans of a calendar for `days` local dates from a first
/// date on, in time order, holidays skipped. Allocates nothing.
struct Spans<'a> {
    cal: &'a Calendar,
    date: NaiveDate,
    periods: &'a [OpenPeriod],
    days_left: u32,
}

impl<'a> Spans<'a> {
    fn new(cal: &'a Calendar, first: NaiveDate, days: u32) -> Self {
        let periods = if days == 0 { &[] } else { Self::periods_on(cal, first) };
        Spans { cal, date: first, periods, days_left: days }
    }

    fn periods_on(cal: &'a Calendar, date: NaiveDate) -> &'a [OpenPeriod] {
        if cal.is_holiday(date) { &[] } else { cal.hours.day(date.weekday()) }
    }
}

impl Iterator for Spans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            if let Some((p, rest)) = self.periods.split_first() {
                self.periods = rest;
                let tz = self.cal.time_zone;
                let open = instant_at(tz, self.date, p.open);
                let close = instant_at(tz, self.date, p.close);
                // A period wholly inside a gap has no real time.
                if open < close {
                    return Some(Span { open, close });
                }
            } else {
                self.days_left = self.days_left.saturating_sub(1);
                if self.days_left == 0 {
                    return None;
                }
                self.date = self.date.succ_opt()?;
                self.periods = Self::periods_on(self.cal, self.date);
            }
        }
    }
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
