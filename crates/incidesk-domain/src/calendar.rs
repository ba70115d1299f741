//! R5: a customer's business calendar: time zone, weekly open hours, holidays.

use super::calendar_check::CalendarError;
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use super::hours::{ALL_DAYS, OpenPeriod, WeeklyHours};

/// R5: the customer's business calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// IANA zone name, e.g. `Europe/Stockholm`.
    pub time_zone: Tz,
    pub hours: WeeklyHours,
    /// Local dates on which the business is closed all day.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// Mon–Fri 08:00–17:00 in the given zone, no holidays.
    pub fn office(time_zone: Tz) -> Self {
        Calendar {
            time_zone,
            hours: WeeklyHours::weekdays(OpenPeriod { open: 8 * 60, close: 17 * 60 }),
            holidays: Vec::new(),
        }
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// The open periods of a local date: none on a holiday, else the
    /// weekly hours of its day of the week.
    pub fn periods_on(&self, date: NaiveDate) -> &[OpenPeriod] {
        if self.is_holiday(date) { &[] } else { self.hours.day(chrono::Datelike::weekday(&date)) }
    }

    /// Whether some period runs past midnight into the next date.
    pub fn has_overnight(&self) -> bool {
        false
    }

    /// The last date named by a holiday or an exception, if any.
    pub fn last_dated_day(&self) -> Option<NaiveDate> {
        self.holidays.iter().max().copied()
    }

    /// R5: whether the calendar is well formed: what a data file must hold
    /// to load. [`Calendar::validate`] also asks for enough open time.
    pub fn check_shape(&self) -> Result<(), CalendarError> {
        self.hours.validate().map_err(|e| {
            CalendarError::new(
                "open hours",
                e,
                "write each day's periods in order, e.g. 'mon-fri 08:00-12:00 13:00-17:00'",
            )
        })?;
        if self.hours.weekly_minutes() == 0 {
            return Err(CalendarError::new(
                "open hours",
                "the weekly hours have no open period: a business-hours clock would never run",
                "write at least one, e.g. 'mon-fri 08:00-17:00', or use 24x7 coverage",
            ));
        }
        Ok(())
    }
}
