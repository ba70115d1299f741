//! R5: from a calendar's local open periods to spans of real time.
//!
//! See the [`sla`](crate::sla) module documentation for how wall-clock times
//! become instants around daylight-saving changes.

use super::calendar::{Calendar, OpenPeriod};
use super::model::Instant;
use super::zone::Zone;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};

/// R5: the real instant of a wall-clock time in `tz`: the first instant at
/// which the zone's clock reads `local` or later. An ambiguous wall time
/// (clocks turned back) gives its earliest instant; a wall time that does
/// not exist (clocks turned forward) gives the first instant after the gap.
pub fn local_to_instant(tz: &Zone, local: NaiveDateTime) -> Instant {
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => first_instant_after_gap(tz, local),
    }
}

/// The first instant whose wall clock reads `local` (a time in a gap) or later.
fn first_instant_after_gap(tz: &Zone, local: NaiveDateTime) -> Instant {
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

pub(crate) fn local_date(tz: &Zone, at: Instant) -> NaiveDate {
    at.with_timezone(tz).date_naive()
}

/// The instant of `minute` (0..=1440) after local midnight starting `date`.
pub(crate) fn instant_at(tz: &Zone, date: NaiveDate, minute: u16) -> Instant {
    let midnight = date.and_time(NaiveTime::MIN);
    let local = midnight.checked_add_signed(TimeDelta::minutes(i64::from(minute))).unwrap_or(midnight);
    local_to_instant(tz, local)
}

/// One open period of one local date, in real time: `[open, close)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// The local date whose period this is.
    pub date: NaiveDate,
    pub open: Instant,
    pub close: Instant,
}

/// The non-empty spans of a calendar for `days` local dates from a first
/// date on, in time order, holidays skipped. Allocates nothing.
pub(crate) struct Spans<'a> {
    cal: &'a Calendar,
    date: NaiveDate,
    periods: &'a [OpenPeriod],
    days_left: u32,
}

impl<'a> Spans<'a> {
    pub(crate) fn new(cal: &'a Calendar, first: NaiveDate, days: u32) -> Self {
        let periods = if days == 0 { &[] } else { cal.periods_on(first) };
        Spans { cal, date: first, periods, days_left: days }
    }

    /// The spans that may hold or follow `at`, for `days` local dates: from
    /// the date before `at`'s local date when a period runs past midnight
    /// (it belongs to the day it starts), else from `at`'s local date.
    pub(crate) fn around(cal: &'a Calendar, at: Instant, days: u32) -> Self {
        let date = local_date(&cal.time_zone, at);
        match date.pred_opt().filter(|_| cal.has_overnight()) {
            Some(before) => Spans::new(cal, before, days.saturating_add(1)),
            None => Spans::new(cal, date, days),
        }
    }
}

impl Iterator for Spans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            if let Some((p, rest)) = self.periods.split_first() {
                self.periods = rest;
                let tz = &self.cal.time_zone;
                let open = instant_at(tz, self.date, p.open);
                let close = instant_at(tz, self.date, p.close);
                // A period wholly inside a gap has no real time.
                if open < close {
                    return Some(Span { date: self.date, open, close });
                }
            } else {
                self.days_left = self.days_left.saturating_sub(1);
                if self.days_left == 0 {
                    return None;
                }
                self.date = self.date.succ_opt()?;
                self.periods = self.cal.periods_on(self.date);
            }
        }
    }
}
