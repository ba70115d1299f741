//! R5: whether a business calendar can give every due time, and the one
//! error type for a calendar that can't be used (entered, edited or parsed).

use super::calendar::Calendar;
use super::model::{Instant, Severity};
use super::spans::{Spans, local_date};
use chrono::{NaiveDate, TimeDelta};
use std::fmt;

/// How many local dates a business-hours search looks ahead (R5). A calendar
/// is refused when entered unless the longest target fits in this many days
/// from any date on ([`Calendar::validate`]); past it the engine gives no due
/// time rather than switching to elapsed time.
pub const SEARCH_DAYS: u32 = 400;

/// How far ahead [`Calendar::validate`] looks for the first day of a window
/// with too little open time, past the calendar's last dated day (holidays
/// and exceptions): a year, so that yearly holidays are seen once each.
const CHECK_PAST_LAST_DATE: i64 = 366;

/// Never more start dates than this (ten years) are tried.
const CHECK_MAX_START_DAYS: i64 = 3653;

/// What is wrong with a calendar: the part (`--hours`, `holiday 2026-13-01`,
/// `time zone`…), what is wrong with it, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarError {
    pub part: String,
    pub problem: String,
    pub instead: String,
}

impl CalendarError {
    pub fn new(part: impl Into<String>, problem: impl Into<String>, instead: impl Into<String>) -> Self {
        CalendarError { part: part.into(), problem: problem.into(), instead: instead.into() }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.part, self.problem)?;
        if !self.instead.is_empty() {
            write!(f, "; {}", self.instead)?;
        }
        Ok(())
    }
}

impl std::error::Error for CalendarError {}

/// The part [`Calendar::validate`] names when the open time is too little.
pub const OPEN_TIME_PART: &str = "open hours and holidays";

impl CalendarError {
    /// R5: the refusal of a command whose calendar is this unusable,
    /// `context` first. Too little open time carries [`Hint::MoreOpenTime`]
    /// (each surface says how, with its own flags or fields); a shape's
    /// error says what to write itself.
    pub(crate) fn refusal(&self, context: &str) -> super::refusal::Refusal {
        use super::refusal::{Hint, Refusal};
        if self.part == OPEN_TIME_PART {
            Refusal::rule(5, format!("{context}{}: {}", self.part, self.problem)).hint(Hint::MoreOpenTime)
        } else {
            Refusal::rule(5, format!("{context}{self}"))
        }
    }
}

/// The longest R4 target: what every window of [`SEARCH_DAYS`] must hold.
pub fn longest_target() -> TimeDelta {
    Severity::ALL.into_iter().map(Severity::target).max().unwrap_or_default()
}

/// The window of a calendar with the least open time, from a date on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeastOpen {
    /// The first local date of the window.
    pub from: NaiveDate,
    /// The real open time in its [`SEARCH_DAYS`]` - 1` dates.
    pub open: TimeDelta,
}

impl Calendar {
    /// R5: a calendar that may be entered from `now` on: well formed
    /// ([`Calendar::check_shape`]), and every window of [`SEARCH_DAYS`]
    /// local dates from `now`'s local date on holds the longest target
    /// (8 hours) of open time, so that every due time can be found. (One
    /// date less than the search, as a submission late in a day has little
    /// of it left.)
    pub fn validate(&self, now: Instant) -> Result<(), CalendarError> {
        self.check_shape()?;
        let least = self.least_open_time(now);
        if least.open >= longest_target() {
            return Ok(());
        }
        Err(CalendarError::new(
            OPEN_TIME_PART,
            format!(
                "only {} of open time in the {} days from {} on, and a first response due in {} of open time must fit in {SEARCH_DAYS} days, or that due time would never come",
                hours_minutes(least.open),
                SEARCH_DAYS - 1,
                least.from,
                hours_minutes(longest_target()),
            ),
            "give more open hours (e.g. --hours 'mon-fri 08:00-17:00') or fewer holidays",
        ))
    }

    /// The window of [`SEARCH_DAYS`]` - 1` local dates with the least open
    /// time, among those starting from `now`'s local date on to a year past
    /// the last dated holiday or exception (at most ten years on).
    pub fn least_open_time(&self, now: Instant) -> LeastOpen {
        let first = local_date(&self.time_zone, now);
        let window = i64::from(SEARCH_DAYS) - 1;
        let last_dated = self.last_dated_day().filter(|d| *d > first).unwrap_or(first);
        let starts = ((last_dated - first).num_days() + CHECK_PAST_LAST_DATE).min(CHECK_MAX_START_DAYS);
        let total_days = usize::try_from(starts + window).unwrap_or(0);
        // Open time of each local date (a period counts for the date it starts on).
        let mut per_day = vec![TimeDelta::zero(); total_days];
        for s in Spans::new(self, first, u32::try_from(total_days).unwrap_or(u32::MAX)) {
            if let Some(day) =
                usize::try_from((s.date - first).num_days()).ok().and_then(|i| per_day.get_mut(i))
            {
                *day += s.close - s.open;
            }
        }
        let window = usize::try_from(window).unwrap_or(0);
        let mut sum: TimeDelta = per_day.iter().take(window).copied().sum();
        let mut least = LeastOpen { from: first, open: sum };
        for start in 1..usize::try_from(starts).unwrap_or(0) {
            let (Some(out), Some(inn)) = (per_day.get(start - 1), per_day.get(start + window - 1)) else {
                break;
            };
            sum = sum - *out + *inn;
            if sum < least.open {
                let from = first + TimeDelta::days(i64::try_from(start).unwrap_or(0));
                least = LeastOpen { from, open: sum };
            }
        }
        least
    }
}

fn hours_minutes(d: TimeDelta) -> String {
    let m = d.num_minutes();
    format!("{}h {:02}m", m / 60, m % 60)
}
