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
/// - Responded (R8 met/missed): *met* if the first response came at or before
///   the due time, else *missed*; `remaining` is the clock time from the
///   response to the due time (negative when missed); never paused.
/// - Not responded: the clock is read at `now`, or at the closing instant if
///   the incident was closed without a response (the clock stops there: no
///   response is owed any more). *Breached* if that instant is at or after the
///   due time, `remaining` being minus the clock time past due; otherwise
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
/// current severity.
pub fn countdown(incident: &Incident, cal: &Calendar, now: Instant) -> Countdown {
    let target = incident.severity.target();
    let (due, clock) = schedule(incident.submitted, target, incident.coverage, cal);
    if let Some(r) = &incident.first_response {
        let state = if r.at <= due { SlaState::Met } else { SlaState::Missed };
        return Countdown { state, due, remaining: clock.between(r.at, due), paused: false };
    }
    let closed_at = incident.closed.as_ref().map(|c| c.at);
    let at = closed_at.map_or(now, |c| c.min(now));
    if at >= due {
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
    let state_change = if now >= due {
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
            _ => Some(due),
        }
    }
    .filter(|t| closed_at.is_none_or(|c| *t <= c));
    let paused_change = match clock {
        Clock::Business(_) if now >= due => None,
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
mod tests {
    use super::*;
    use crate::domain::calendar::WeeklyHours;
    use crate::domain::ids::{CustomerId, IncidentId, PackId, ProductId};
    use crate::domain::model::{Category, Closed, Closing, FirstResponse, ProblemStatement};
    use chrono_tz::Europe::Stockholm;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    /// A Stockholm wall time as an instant.
    fn sthlm(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        local_to_instant(Stockholm, local(y, m, d, h, min))
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        local(y, m, d, h, min).and_utc()
    }

    fn office() -> Calendar {
        Calendar::office(Stockholm)
    }

    fn hours(spec: &str) -> Calendar {
        Calendar { time_zone: Stockholm, hours: WeeklyHours::parse_spec(spec).unwrap(), holidays: Vec::new() }
    }

    fn never_open() -> Calendar {
        Calendar { time_zone: Stockholm, hours: WeeklyHours::default(), holidays: Vec::new() }
    }

    fn incident(severity: Severity, coverage: Coverage, submitted: Instant) -> Incident {
        Incident {
            id: IncidentId(1),
            title: "Mail flow stopped".into(),
            customer: CustomerId(1),
            product: ProductId(1),
            account: "ops@example.com".into(),
            pack: PackId(1),
            category: Category::Support,
            severity,
            coverage,
            submitted,
            engineer: "eng".into(),
            problem: ProblemStatement {
                text: "Mail flow stopped".into(),
                agreed_with: "Kim".into(),
                agreed_by: "eng".into(),
                agreed_at: submitted,
                amendments: Vec::new(),
            },
            first_response: None,
            contacts: Vec::new(),
            proposals: Vec::new(),
            severity_changes: Vec::new(),
            breaches: Vec::new(),
            split_from: None,
            split_into: Vec::new(),
            closed: None,
            billing: None,
        }
    }

    fn responded(mut inc: Incident, at: Instant) -> Incident {
        inc.first_response = Some(FirstResponse { at, by: "eng".into(), note: String::new() });
        inc
    }

    fn closed(mut inc: Incident, at: Instant) -> Incident {
        inc.closed = Some(Closed { how: Closing::Withdrawn, at, by: "eng".into(), note: String::new() });
        inc
    }

    const BUSINESS: Coverage = Coverage::BusinessHours;
    const DAY_AND_NIGHT: Coverage = Coverage::RoundTheClock;

    // 2026-03-06 is a Friday; 2026-03-29 and 2026-10-25 are the Sundays on
    // which Stockholm's clocks go forward (02:00 -> 03:00) and back (03:00 -> 02:00).

    #[test]
    fn r4_targets_are_2_4_8_hours_on_the_24x7_clock() {
        let t = utc(2026, 3, 4, 10, 0);
        for (s, h) in [(Severity::A, 2), (Severity::B, 4), (Severity::C, 8)] {
            assert_eq!(due_time(t, s, DAY_AND_NIGHT, &office()), t + TimeDelta::hours(h));
        }
    }

    #[test]
    fn r5_business_b_friday_1530_due_monday_1030() {
        let due = due_time(sthlm(2026, 3, 6, 15, 30), Severity::B, BUSINESS, &office());
        assert_eq!(due, sthlm(2026, 3, 9, 10, 30));
        assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-09T10:30:00+01:00");
    }

    #[test]
    fn r5_24x7_a_spring_forward_0130_due_0430_local() {
        let submitted = sthlm(2026, 3, 29, 1, 30);
        let due = due_time(submitted, Severity::A, DAY_AND_NIGHT, &office());
        assert_eq!(due - submitted, TimeDelta::hours(2));
        assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-29T04:30:00+02:00");
    }

    #[test]
    fn r5_24x7_a_autumn_fall_back_0130_due_0230_second_time_round() {
        let submitted = sthlm(2026, 10, 25, 1, 30);
        let due = due_time(submitted, Severity::A, DAY_AND_NIGHT, &office());
        assert_eq!(due - submitted, TimeDelta::hours(2));
        assert_eq!(due, utc(2026, 10, 25, 1, 30));
        assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn r5_business_submitted_saturday_clock_starts_monday_0800() {
        let sat = sthlm(2026, 3, 7, 11, 0);
        assert_eq!(due_time(sat, Severity::A, BUSINESS, &office()), sthlm(2026, 3, 9, 10, 0));
        assert_eq!(due_time(sat, Severity::C, BUSINESS, &office()), sthlm(2026, 3, 9, 16, 0));
        assert_eq!(next_opening(&office(), sat), Some(sthlm(2026, 3, 9, 8, 0)));
    }

    #[test]
    fn r5_business_submitted_before_opening_starts_at_opening() {
        let early = sthlm(2026, 3, 4, 6, 0);
        assert_eq!(due_time(early, Severity::B, BUSINESS, &office()), sthlm(2026, 3, 4, 12, 0));
    }

    #[test]
    fn r5_business_holiday_skipped() {
        let mut cal = office();
        cal.holidays.push(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        let due = due_time(sthlm(2026, 3, 6, 15, 30), Severity::B, BUSINESS, &cal);
        assert_eq!(due, sthlm(2026, 3, 10, 10, 30));
        assert!(!is_open_at(&cal, sthlm(2026, 3, 9, 12, 0)));
    }

    #[test]
    fn r5_business_due_at_close_is_the_close_not_the_next_opening() {
        let due = due_time(sthlm(2026, 3, 6, 13, 0), Severity::B, BUSINESS, &office());
        assert_eq!(due, sthlm(2026, 3, 6, 17, 0));
    }

    #[test]
    fn r5_business_two_periods_a_day_lunch_break() {
        let cal = hours("mon-fri 08:00-12:00 13:00-17:00");
        let mon = |h, m| sthlm(2026, 3, 9, h, m);
        assert_eq!(due_time(mon(10, 0), Severity::B, BUSINESS, &cal), mon(15, 0));
        // Lands on the lunch close: due at 12:00, not 13:00.
        assert_eq!(due_time(mon(10, 0), Severity::A, BUSINESS, &cal), mon(12, 0));
        // Submitted during lunch: starts at 13:00.
        assert_eq!(due_time(mon(12, 30), Severity::A, BUSINESS, &cal), mon(15, 0));
        assert_eq!(due_time(mon(10, 0), Severity::C, BUSINESS, &cal), sthlm(2026, 3, 10, 10, 0));
        assert!(!is_open_at(&cal, mon(12, 0)));
        assert!(is_open_at(&cal, mon(13, 0)));
        assert_eq!(open_time_between(&cal, mon(7, 0), mon(18, 0)), TimeDelta::hours(8));
    }

    #[test]
    fn r5_business_period_containing_spring_jump_has_23_real_hours() {
        let cal = hours("mon-sun 00:00-24:00");
        let day = open_time_between(&cal, sthlm(2026, 3, 29, 0, 0), sthlm(2026, 3, 30, 0, 0));
        assert_eq!(day, TimeDelta::hours(23));
        let sun_only = hours("sun 00:00-24:00");
        let (sat, mon) = (sthlm(2026, 3, 28, 12, 0), sthlm(2026, 3, 30, 12, 0));
        assert_eq!(open_time_between(&sun_only, sat, mon), TimeDelta::hours(23));
        // C from Sunday 00:00 local: eight real hours, 09:00 on the summer clock.
        let due = due_time(sthlm(2026, 3, 29, 0, 0), Severity::C, BUSINESS, &sun_only);
        assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-29T09:00:00+02:00");
    }

    #[test]
    fn r5_business_period_containing_autumn_jump_has_25_real_hours() {
        let cal = hours("sun 00:00-24:00");
        let day = open_time_between(&cal, sthlm(2026, 10, 24, 12, 0), sthlm(2026, 10, 26, 12, 0));
        assert_eq!(day, TimeDelta::hours(25));
        let period = hours("sun 01:00-04:00");
        let day = open_time_between(&period, sthlm(2026, 10, 24, 12, 0), sthlm(2026, 10, 26, 12, 0));
        assert_eq!(day, TimeDelta::hours(4));
        // C from 00:00 CEST: 8 real hours is 07:00 on the winter clock.
        let due = due_time(sthlm(2026, 10, 25, 0, 0), Severity::C, BUSINESS, &cal);
        assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-10-25T07:00:00+01:00");
    }

    #[test]
    fn r5_wall_time_in_gap_maps_to_first_instant_after_it_and_ambiguous_to_earliest() {
        // 02:30 does not exist on 2026-03-29: the clock reads 03:00 CEST at 01:00 UTC.
        assert_eq!(sthlm(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0));
        assert_eq!(sthlm(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
        assert_eq!(sthlm(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
        // 02:30 happens twice on 2026-10-25: the first time, on the summer clock.
        assert_eq!(sthlm(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
        // A period opening in the gap opens when the gap ends; one inside it is empty.
        let cal = hours("sun 02:30-05:00");
        let sat = sthlm(2026, 3, 28, 12, 0);
        assert_eq!(next_opening(&cal, sat), Some(utc(2026, 3, 29, 1, 0)));
        assert_eq!(due_time(sat, Severity::A, BUSINESS, &cal), utc(2026, 3, 29, 3, 0));
        let in_gap = hours("sun 02:10-02:50");
        assert_eq!(open_time_between(&in_gap, sat, sthlm(2026, 3, 30, 0, 0)), TimeDelta::zero());
        assert_eq!(next_opening(&in_gap, sat), Some(sthlm(2026, 4, 5, 2, 10)));
    }

    #[test]
    fn r5_gap_of_a_zone_with_half_hour_dst() {
        // Lord Howe Island goes from +10:30 to +11:00 at 02:00 local on 2026-10-04.
        let tz = chrono_tz::Australia::Lord_Howe;
        let gap_end = local(2026, 10, 4, 2, 30).and_utc() - TimeDelta::hours(11);
        assert_eq!(local_to_instant(tz, local(2026, 10, 4, 2, 10)), gap_end);
        assert_eq!(local_to_instant(tz, local(2026, 10, 4, 2, 30)), gap_end);
    }

    #[test]
    fn r5_is_open_and_open_time_between() {
        let cal = office();
        assert!(is_open_at(&cal, sthlm(2026, 3, 6, 8, 0)));
        assert!(is_open_at(&cal, sthlm(2026, 3, 6, 16, 59)));
        assert!(!is_open_at(&cal, sthlm(2026, 3, 6, 17, 0)));
        assert!(!is_open_at(&cal, sthlm(2026, 3, 6, 7, 59)));
        assert!(!is_open_at(&cal, sthlm(2026, 3, 7, 12, 0)));
        let (fri, mon) = (sthlm(2026, 3, 6, 15, 30), sthlm(2026, 3, 9, 10, 30));
        assert_eq!(open_time_between(&cal, fri, mon), TimeDelta::hours(4));
        assert_eq!(open_time_between(&cal, mon, fri), TimeDelta::zero());
        assert_eq!(open_time_between(&cal, fri, fri), TimeDelta::zero());
        // A whole week: five days of nine hours.
        let week = open_time_between(&cal, sthlm(2026, 3, 2, 0, 0), sthlm(2026, 3, 9, 0, 0));
        assert_eq!(week, TimeDelta::hours(45));
    }

    #[test]
    fn r7_severity_change_recomputes_from_original_submission() {
        let submitted = sthlm(2026, 3, 6, 15, 30);
        let mut inc = incident(Severity::B, BUSINESS, submitted);
        let now = sthlm(2026, 3, 9, 8, 15);
        assert_eq!(countdown(&inc, &office(), now).due, sthlm(2026, 3, 9, 10, 30));
        inc.severity = Severity::A;
        assert_eq!(countdown(&inc, &office(), now).due, sthlm(2026, 3, 9, 8, 30));
        assert_eq!(
            countdown(&inc, &office(), now).due,
            due_time(submitted, Severity::A, BUSINESS, &office())
        );
        inc.severity = Severity::C;
        assert_eq!(countdown(&inc, &office(), now).due, sthlm(2026, 3, 9, 14, 30));
    }

    #[test]
    fn r8_on_track() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        let c = countdown(&inc, &office(), sthlm(2026, 3, 6, 16, 0));
        assert_eq!(c.state, SlaState::OnTrack);
        assert_eq!(c.remaining, TimeDelta::minutes(210));
        assert!(!c.paused);
    }

    #[test]
    fn r8_at_risk_below_a_quarter_of_the_target() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        // Exactly a quarter (one hour) left is still on track.
        let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 9, 30));
        assert_eq!((c.state, c.remaining), (SlaState::OnTrack, TimeDelta::hours(1)));
        let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 9, 31));
        assert_eq!((c.state, c.remaining), (SlaState::AtRisk, TimeDelta::minutes(59)));
        let fast = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
        let c = countdown(&fast, &office(), utc(2026, 3, 7, 3, 40));
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::AtRisk, TimeDelta::minutes(20), false));
    }

    #[test]
    fn r8_breached_counts_real_time_past_due_and_never_pauses() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 10, 30));
        assert_eq!((c.state, c.remaining), (SlaState::Breached, TimeDelta::zero()));
        // Overnight the customer keeps waiting: overdue time is wall-clock time.
        let c = countdown(&inc, &office(), sthlm(2026, 3, 10, 8, 15));
        assert_eq!(
            (c.state, c.remaining, c.paused),
            (SlaState::Breached, -TimeDelta::minutes(21 * 60 + 45), false)
        );
        let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 20, 0));
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::minutes(570), false));
        let fast = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
        let c = countdown(&fast, &office(), utc(2026, 3, 7, 5, 0));
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::hours(1), false));
    }

    #[test]
    fn r8_met_and_missed() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        let later = sthlm(2026, 4, 1, 12, 0);
        let met = responded(inc.clone(), sthlm(2026, 3, 6, 16, 30));
        let c = countdown(&met, &office(), later);
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::Met, TimeDelta::hours(3), false));
        let on_the_dot = responded(inc.clone(), sthlm(2026, 3, 9, 10, 30));
        assert_eq!(countdown(&on_the_dot, &office(), later).state, SlaState::Met);
        let missed = responded(inc, sthlm(2026, 3, 9, 11, 0));
        let c = countdown(&missed, &office(), later);
        assert_eq!((c.state, c.remaining), (SlaState::Missed, -TimeDelta::minutes(30)));
        // A response on Saturday is never paused.
        let weekend =
            responded(incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30)), sthlm(2026, 3, 7, 9, 0));
        let c = countdown(&weekend, &office(), sthlm(2026, 3, 7, 10, 0));
        assert_eq!((c.state, c.paused), (SlaState::Met, false));
    }

    #[test]
    fn r8_paused_outside_open_hours() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        let sat = countdown(&inc, &office(), sthlm(2026, 3, 7, 12, 0));
        assert_eq!(
            (sat.state, sat.remaining, sat.paused),
            (SlaState::OnTrack, TimeDelta::minutes(150), true)
        );
        // The clock does not run while paused.
        let sun = countdown(&inc, &office(), sthlm(2026, 3, 8, 23, 0));
        assert_eq!(sun.remaining, sat.remaining);
        assert!(!countdown(&inc, &office(), sthlm(2026, 3, 9, 8, 0)).paused);
        // A 24x7 clock is never paused.
        let round = incident(Severity::B, DAY_AND_NIGHT, sthlm(2026, 3, 6, 15, 30));
        assert!(!countdown(&round, &office(), sthlm(2026, 3, 7, 12, 0)).paused);
    }

    #[test]
    fn r8_closed_without_response_freezes_the_clock_at_closing() {
        let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        let later = sthlm(2026, 4, 1, 12, 0);
        // Closed before due: stays as it was when closed, never breaches, not paused.
        let early = closed(inc.clone(), sthlm(2026, 3, 9, 9, 45));
        let c = countdown(&early, &office(), later);
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::AtRisk, TimeDelta::minutes(45), false));
        let c = countdown(&early, &office(), sthlm(2026, 3, 7, 12, 0));
        assert_eq!((c.state, c.paused), (SlaState::OnTrack, true), "before closing it ran as usual");
        // Closed after due: the breach stays.
        let late = closed(inc, sthlm(2026, 3, 9, 11, 0));
        let c = countdown(&late, &office(), later);
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::minutes(30), false));
    }

    #[test]
    fn r5_countdown_with_no_open_hours_does_not_hang_and_runs_24x7() {
        let submitted = sthlm(2026, 3, 6, 15, 30);
        let inc = incident(Severity::B, BUSINESS, submitted);
        let cal = never_open();
        assert_eq!(due_time(submitted, Severity::B, BUSINESS, &cal), submitted + TimeDelta::hours(4));
        let c = countdown(&inc, &cal, submitted + TimeDelta::hours(1));
        assert_eq!((c.state, c.remaining, c.paused), (SlaState::OnTrack, TimeDelta::hours(3), false));
        assert!(!is_open_at(&cal, submitted));
        assert_eq!(next_opening(&cal, submitted), None);
        assert_eq!(open_time_between(&cal, submitted, submitted + TimeDelta::days(30)), TimeDelta::zero());
        assert_eq!(
            next_visible_change(&inc, &cal, submitted),
            Some(submitted + TimeDelta::hours(3) + TimeDelta::nanoseconds(1))
        );
    }

    #[test]
    fn r5_only_holidays_for_ten_years_falls_back_to_24x7() {
        let mut cal = hours("mon 08:00-17:00");
        let first = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        cal.holidays = (0..600).map(|w| first + TimeDelta::weeks(w)).collect();
        let submitted = sthlm(2026, 3, 6, 15, 30);
        assert_eq!(due_time(submitted, Severity::A, BUSINESS, &cal), submitted + TimeDelta::hours(2));
        assert_eq!(
            countdown(&incident(Severity::A, BUSINESS, submitted), &cal, submitted).state,
            SlaState::OnTrack
        );
        // With the holidays ending within ten years, the due is the Monday after.
        cal.holidays.truncate(500);
        let due = due_time(submitted, Severity::A, BUSINESS, &cal);
        assert_eq!(
            due,
            local_to_instant(Stockholm, (first + TimeDelta::weeks(500)).and_hms_opt(10, 0, 0).unwrap())
        );
    }

    #[test]
    fn r8_next_visible_change() {
        let submitted = sthlm(2026, 3, 6, 15, 30);
        let inc = incident(Severity::B, BUSINESS, submitted);
        let cal = office();
        let ns = TimeDelta::nanoseconds(1);
        // Open on Friday: it pauses at 17:00.
        assert_eq!(next_visible_change(&inc, &cal, submitted), Some(sthlm(2026, 3, 6, 17, 0)));
        // Paused at the weekend: it runs again on Monday 08:00.
        assert_eq!(next_visible_change(&inc, &cal, sthlm(2026, 3, 7, 12, 0)), Some(sthlm(2026, 3, 9, 8, 0)));
        // On Monday: at risk just after 09:30, breached at 10:30, paused at 17:00.
        assert_eq!(
            next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 8, 0)),
            Some(sthlm(2026, 3, 9, 9, 30) + ns)
        );
        assert_eq!(
            next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 9, 30) + ns),
            Some(sthlm(2026, 3, 9, 10, 30))
        );
        // Breached, nothing visible changes any more: a breach never pauses.
        assert_eq!(next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 10, 30)), None);
        // A quarter left exactly at a close: on Monday it runs again at 08:00,
        // and is at risk just after.
        let a = incident(Severity::A, BUSINESS, sthlm(2026, 3, 6, 15, 30));
        assert_eq!(next_visible_change(&a, &cal, submitted), Some(sthlm(2026, 3, 6, 17, 0)));
        let c = countdown(&a, &cal, sthlm(2026, 3, 6, 17, 0));
        assert_eq!((c.state, c.paused), (SlaState::OnTrack, true));
        assert_eq!(next_visible_change(&a, &cal, sthlm(2026, 3, 6, 17, 0)), Some(sthlm(2026, 3, 9, 8, 0)));
        assert_eq!(
            next_visible_change(&a, &cal, sthlm(2026, 3, 9, 8, 0)),
            Some(sthlm(2026, 3, 9, 8, 0) + ns)
        );
        // Responded or closed: nothing changes any more.
        assert_eq!(next_visible_change(&responded(inc.clone(), submitted), &cal, submitted), None);
        let withdrawn = closed(inc, sthlm(2026, 3, 7, 10, 0));
        assert_eq!(next_visible_change(&withdrawn, &cal, sthlm(2026, 3, 7, 10, 0)), None);
        // Paused until it is closed on Saturday: the pause ends at closing.
        assert_eq!(
            next_visible_change(&withdrawn, &cal, sthlm(2026, 3, 7, 9, 0)),
            Some(sthlm(2026, 3, 7, 10, 0))
        );
        // 24x7: at risk just after three quarters, then breached.
        let round = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
        assert_eq!(
            next_visible_change(&round, &cal, utc(2026, 3, 7, 2, 0)),
            Some(utc(2026, 3, 7, 3, 30) + ns)
        );
        assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 3, 45)), Some(utc(2026, 3, 7, 4, 0)));
        assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 4, 0)), None);
    }
}
