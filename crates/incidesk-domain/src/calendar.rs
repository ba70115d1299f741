//! R5: a customer's business calendar: time zone, weekly open hours,
//! holidays and other special days, and its one text form
//! ([`Calendar::parse`]) that every surface reads.

use super::calendar_check::CalendarError;
use super::hours::runs_into;
use super::zone::Zone;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use super::hours::{ALL_DAYS, OpenPeriod, WeeklyHours};
pub use super::special_days::SpecialDay;

/// R5: the customer's business calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// IANA zone name, e.g. `Europe/Stockholm`.
    pub time_zone: Zone,
    pub hours: WeeklyHours,
    /// Local dates on which the business is closed all day.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Ranges of holidays, yearly holidays and exceptions for one date, in
    /// their text form ([`SpecialDay`]); absent from files written before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_days: Vec<SpecialDay>,
}

impl Calendar {
    /// A calendar with weekly hours and single-date holidays only.
    pub fn new(time_zone: impl Into<Zone>, hours: WeeklyHours, holidays: Vec<NaiveDate>) -> Self {
        Calendar { time_zone: time_zone.into(), hours, holidays, special_days: Vec::new() }
    }

    /// Mon–Fri 08:00–17:00 in the given zone, no holidays.
    pub fn office(time_zone: impl Into<Zone>) -> Self {
        Calendar::new(
            time_zone,
            WeeklyHours::weekdays(OpenPeriod { open: 8 * 60, close: 17 * 60 }),
            Vec::new(),
        )
    }

    /// R5: the calendar written as `customer add` takes it: a zone
    /// (`Europe/Stockholm`), weekly hours (`mon-fri 08:00-17:00; sat
    /// 09:00-12:00`) and special days, each in [`SpecialDay`]'s form. Every
    /// surface (the command line, the terminal desk, calendar edits) reads a
    /// calendar with this; it checks the shape ([`Calendar::check_shape`]),
    /// not yet the open time ([`Calendar::validate`], which needs a date).
    pub fn parse<S: AsRef<str>>(zone: &str, hours: &str, days: &[S]) -> Result<Calendar, CalendarError> {
        let time_zone = parse_zone(zone)?;
        let hours = WeeklyHours::parse_spec(hours).map_err(|e| {
            CalendarError::new(
                "open hours",
                e,
                "write e.g. 'mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00'",
            )
        })?;
        let mut cal = Calendar::new(time_zone, hours, Vec::new());
        for day in days {
            cal.add_special(day.as_ref().parse()?);
        }
        cal.check_shape()?;
        Ok(cal)
    }

    /// Adds a special day (a single holiday goes to [`Calendar::holidays`]),
    /// keeping both lists sorted and without repeats.
    pub fn add_special(&mut self, day: SpecialDay) {
        match day {
            SpecialDay::Holiday(d) => self.holidays.push(d),
            other => self.special_days.push(other),
        }
        self.normalize();
    }

    /// Removes a special day; whether it was there.
    pub fn remove_special(&mut self, day: &SpecialDay) -> bool {
        let before = self.holidays.len() + self.special_days.len();
        match day {
            SpecialDay::Holiday(d) => self.holidays.retain(|h| h != d),
            other => self.special_days.retain(|s| s != other),
        }
        before != self.holidays.len() + self.special_days.len()
    }

    /// Sorts the holidays and special days and drops repeats.
    pub fn normalize(&mut self) {
        self.holidays.sort();
        self.holidays.dedup();
        self.special_days.sort();
        self.special_days.dedup();
    }

    /// Every special day, single holidays first, in the text form.
    pub fn special_days_text(&self) -> Vec<String> {
        let singles = self.holidays.iter().map(ToString::to_string);
        singles.chain(self.special_days.iter().map(ToString::to_string)).collect()
    }

    /// Closed all day by a holiday, a range or a yearly holiday (an
    /// exception for the date may still open it: see [`Calendar::periods_on`]).
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date) || self.special_days.iter().any(|s| s.closes(date))
    }

    /// The open periods of a local date: an exception's if there is one for
    /// it, none on a holiday, else the weekly hours of its day of the week.
    pub fn periods_on(&self, date: NaiveDate) -> &[OpenPeriod] {
        let mut closed = self.holidays.contains(&date);
        for s in &self.special_days {
            match s {
                SpecialDay::Exception { date: d, periods } if *d == date => return periods,
                s => closed = closed || s.closes(date),
            }
        }
        if closed { &[] } else { self.hours.day(date.weekday()) }
    }

    /// Whether some period runs past midnight into the next date.
    pub fn has_overnight(&self) -> bool {
        let exception_periods = self.special_days.iter().flat_map(|s| match s {
            SpecialDay::Exception { periods, .. } => periods.as_slice(),
            _ => &[],
        });
        ALL_DAYS
            .iter()
            .flat_map(|d| self.hours.day(*d))
            .chain(exception_periods)
            .any(OpenPeriod::is_overnight)
    }

    /// The last date named by a holiday, a range or an exception, if any.
    pub fn last_dated_day(&self) -> Option<NaiveDate> {
        let special = self.special_days.iter().flat_map(SpecialDay::dates);
        self.holidays.iter().copied().chain(special).max()
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
                "write at least one, e.g. 'mon-fri 08:00-17:00'",
            ));
        }
        let mut exceptions: Vec<NaiveDate> = Vec::new();
        for s in &self.special_days {
            let SpecialDay::Exception { date, .. } = s else { continue };
            let part = || format!("special day '{s}'");
            if exceptions.contains(date) {
                return Err(CalendarError::new(
                    part(),
                    format!("{date} has another exception already"),
                    "write one exception per date, with all its periods: 2026-12-24=08:00-10:00 13:00-15:00",
                ));
            }
            exceptions.push(*date);
            // Periods running past midnight must end before the next date opens.
            for (day, next) in [(date.pred_opt(), Some(*date)), (Some(*date), date.succ_opt())] {
                if let (Some(day), Some(next)) = (day, next) {
                    runs_into(
                        self.periods_on(day),
                        self.periods_on(next),
                        &day.to_string(),
                        &next.to_string(),
                    )
                    .map_err(|e| CalendarError::new(part(), e, ""))?;
                }
            }
        }
        Ok(())
    }
}

/// An IANA zone name, or a message naming it and a close spelling.
pub fn parse_zone(zone: &str) -> Result<Zone, CalendarError> {
    let name = zone.trim();
    if let Some(zone) = Zone::named(name) {
        return Ok(zone);
    }
    let close = chrono_tz::TZ_VARIANTS.iter().find(|tz| tz.name().eq_ignore_ascii_case(name));
    let instead = match close {
        Some(tz) => format!("did you mean {}?", tz.name()),
        None => "use a name such as Europe/Stockholm (the IANA time zone database)".to_string(),
    };
    Err(CalendarError::new("time zone", format!("'{name}' is not an IANA time zone"), instead))
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
