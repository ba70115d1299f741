//! R5: the days of a calendar that differ from its weekly hours, in the one
//! text form the command line, the terminal desk and the data file share:
//!
//! - `2026-12-24` a holiday (closed all day),
//! - `2026-12-24..2026-12-26` a range of holidays (both ends included),
//! - `*-12-25` a holiday every year,
//! - `2026-12-24=08:00-12:00` an exception: these periods instead of the
//!   weekly ones (`=closed` for none; periods as in the weekly hours, a
//!   period may run past midnight).
//!
//! An exception beats a holiday on the same date: it is the more specific.

use super::calendar_check::CalendarError;
use super::hours::{OpenPeriod, in_order};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How many dates a range of holidays may span (a few years).
pub const MAX_RANGE_DAYS: i64 = 3 * 366;

/// One entry of a calendar's special days (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpecialDay {
    Holiday(NaiveDate),
    /// Both ends included, `first <= last`.
    Range {
        first: NaiveDate,
        last: NaiveDate,
    },
    /// Month (1-12) and day of every year; 29 February only in leap years.
    Yearly {
        month: u32,
        day: u32,
    },
    /// Open only in these periods on that date (none: closed).
    Exception {
        date: NaiveDate,
        periods: Vec<OpenPeriod>,
    },
}

impl SpecialDay {
    /// Whether the date is closed all day by this entry (a holiday, a range
    /// or a yearly holiday; exceptions say their own periods).
    pub fn closes(&self, date: NaiveDate) -> bool {
        match self {
            SpecialDay::Holiday(d) => *d == date,
            SpecialDay::Range { first, last } => *first <= date && date <= *last,
            SpecialDay::Yearly { month, day } => date.month() == *month && date.day() == *day,
            SpecialDay::Exception { .. } => false,
        }
    }

    /// The dates this entry names (not the years of a yearly holiday).
    pub fn dates(&self) -> Vec<NaiveDate> {
        match self {
            SpecialDay::Holiday(d) | SpecialDay::Exception { date: d, .. } => vec![*d],
            SpecialDay::Range { first, last } => vec![*first, *last],
            SpecialDay::Yearly { .. } => Vec::new(),
        }
    }
}

/// A date `YYYY-MM-DD`, or a message naming what does not exist.
pub fn parse_date(part: &str, s: &str) -> Result<NaiveDate, CalendarError> {
    let bad =
        |problem: String| CalendarError::new(part, problem, "write a date as YYYY-MM-DD, e.g. 2026-12-24");
    let fields: Vec<&str> = s.split('-').collect();
    let [y, m, d] = fields[..] else {
        return Err(bad(format!("'{s}' is not a date")));
    };
    let num = |f: &str| {
        (f.len() <= 4 && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
            .then(|| f.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(bad(format!("'{s}' is not a date")));
    };
    let year = i32::try_from(y).unwrap_or(0);
    if !(1..=12).contains(&m) {
        return Err(bad(format!("'{s}' has no month {m}: months are 01 to 12")));
    }
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| {
        bad(format!("'{s}' does not exist: {} {year} has {} days", month_name(m), days_in_month(year, m)))
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some()).unwrap_or(28)
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(m.wrapping_sub(1) as usize).copied().unwrap_or("that month")
}

impl FromStr for SpecialDay {
    type Err = CalendarError;

    fn from_str(text: &str) -> Result<Self, CalendarError> {
        let s = text.trim();
        let part = format!("special day '{s}'");
        if let Some((date, periods)) = s.split_once('=') {
            let date = parse_date(&part, date.trim())?;
            let periods = periods.trim();
            let periods: Vec<OpenPeriod> = if periods.eq_ignore_ascii_case("closed") {
                Vec::new()
            } else {
                let mut list = periods
                    .split([' ', ','])
                    .filter(|p| !p.is_empty())
                    .map(|p| p.parse::<OpenPeriod>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| {
                        CalendarError::new(&part, e, "write e.g. 2026-12-24=08:00-12:00 or 2026-12-31=closed")
                    })?;
                if list.is_empty() {
                    return Err(CalendarError::new(
                        &part,
                        "names no periods",
                        "write e.g. 2026-12-24=08:00-12:00, or =closed for a day without any",
                    ));
                }
                list.sort();
                list
            };
            in_order(&periods, &date.to_string()).map_err(|e| CalendarError::new(&part, e, ""))?;
            return Ok(SpecialDay::Exception { date, periods });
        }
        if let Some((a, b)) = s.split_once("..") {
            let (first, last) = (parse_date(&part, a.trim())?, parse_date(&part, b.trim())?);
            if last < first {
                return Err(CalendarError::new(
                    &part,
                    format!("the range ends on {last}, before it starts on {first}"),
                    format!("write the first date first: {last}..{first}"),
                ));
            }
            if (last - first).num_days() >= MAX_RANGE_DAYS {
                return Err(CalendarError::new(
                    &part,
                    format!(
                        "the range spans {} days, more than {MAX_RANGE_DAYS}",
                        (last - first).num_days() + 1
                    ),
                    "write holidays of a few years at most; a customer that long closed needs no business hours",
                ));
            }
            return Ok(SpecialDay::Range { first, last });
        }
        if let Some(rest) = s.strip_prefix("*-") {
            // Checked against a leap year, so that *-02-29 is allowed.
            let date = parse_date(&part, &format!("2024-{rest}")).map_err(|e| {
                CalendarError::new(
                    &part,
                    e.problem.replace("2024-", "*-").replace(" 2024", ""),
                    "write a yearly holiday as *-MM-DD, e.g. *-12-25",
                )
            })?;
            return Ok(SpecialDay::Yearly { month: date.month(), day: date.day() });
        }
        parse_date(&part, s).map(SpecialDay::Holiday).map_err(|mut e| {
            e.instead = "write a holiday as YYYY-MM-DD, a range as 2026-12-24..2026-12-26, a yearly one as *-12-25, or an exception as 2026-12-24=08:00-12:00 or 2026-12-31=closed".into();
            e
        })
    }
}

impl fmt::Display for SpecialDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecialDay::Holiday(d) => write!(f, "{d}"),
            SpecialDay::Range { first, last } => write!(f, "{first}..{last}"),
            SpecialDay::Yearly { month, day } => write!(f, "*-{month:02}-{day:02}"),
            SpecialDay::Exception { date, periods } if periods.is_empty() => write!(f, "{date}=closed"),
            SpecialDay::Exception { date, periods } => {
                let times: Vec<String> = periods.iter().map(ToString::to_string).collect();
                write!(f, "{date}={}", times.join(" "))
            }
        }
    }
}

impl Serialize for SpecialDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SpecialDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> SpecialDay {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn refused(s: &str) -> String {
        s.parse::<SpecialDay>().expect_err(s).to_string()
    }

    #[test]
    fn each_shape_parses_and_prints_back() {
        for s in [
            "2026-12-24",
            "2026-12-24..2026-12-26",
            "*-12-25",
            "*-02-29",
            "2026-12-24=08:00-12:00",
            "2026-12-31=closed",
            "2026-12-24=08:00-12:00 22:00-02:00",
        ] {
            assert_eq!(parse(s).to_string(), s);
            assert_eq!(parse(&parse(s).to_string()), parse(s));
        }
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert!(parse("2026-12-24..2026-12-26").closes(d(12, 26)));
        assert!(!parse("2026-12-24..2026-12-26").closes(d(12, 27)));
        assert!(parse("*-12-25").closes(d(12, 25)));
        assert!(!parse("2026-12-24=closed").closes(d(12, 24)), "an exception says its own periods");
    }

    #[test]
    fn bad_special_days_name_the_part_and_what_to_write() {
        let e = refused("2026-02-30=closed");
        assert!(e.contains("'2026-02-30' does not exist: February 2026 has 28 days"), "{e}");
        let e = refused("2026-12-26..2026-12-24");
        assert!(
            e.contains("ends on 2026-12-24, before it starts on 2026-12-26")
                && e.contains("2026-12-24..2026-12-26"),
            "{e}"
        );
        assert!(refused("*-02-30").contains("February has 29 days"), "{}", refused("*-02-30"));
        assert!(refused("2026-12-24=").contains("names no periods"));
        assert!(refused("2026-12-24=08:00-12:00 11:00-13:00").contains("overlap"));
        assert!(refused("2026-12-24=09:00-09:00").contains("empty"));
        assert!(refused("2026-13-01").contains("no month 13"));
        assert!(refused("christmas").contains("*-12-25"));
        assert!(refused("2020-01-01..2029-01-01").contains("more than"));
    }
}
