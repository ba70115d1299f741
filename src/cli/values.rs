//! How values are read from the command line: dates, instants and minutes
//! with messages that say what to type, and the domain's words (severity,
//! coverage, kind, category) listed in `--help` but parsed by the domain, so
//! that the command line and the TUI accept the same spellings.

use crate::domain::{Category, ContactKind, Coverage, Instant, Severity};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use clap::builder::{PossibleValue, TypedValueParser};
use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;
use std::str::FromStr;

/// Value names used in `--help`: one word per kind of value.
pub const VALUE_NAMES: &[&str] = &[
    "ACCOUNT", "CATEGORY", "COMMAND", "COVERAGE", "DATE", "GROUP", "HOURS", "ID", "INSTANT", "KIND", "N",
    "NAME", "PATH", "SEVERITY", "SHELL", "SPEC", "TEXT", "ZONE",
];

/// A domain word: `--help` lists `values`, parsing is the domain's `FromStr`
/// (case-insensitive, with its own aliases and message).
#[derive(Clone)]
pub struct Listed<T> {
    values: fn() -> Vec<PossibleValue>,
    _of: PhantomData<fn() -> T>,
}

impl<T> TypedValueParser for Listed<T>
where
    T: FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // A function parser gives clap's usual "invalid value" framing; the
        // values are kept in the error for `--json` (its text is unchanged).
        let parse = |s: &str| s.parse::<T>();
        parse.parse_ref(cmd, arg, value).map_err(|mut e| {
            use clap::error::{ContextKind, ContextValue};
            let names = (self.values)().iter().map(|v| v.get_name().to_string()).collect();
            e.insert(ContextKind::ValidValue, ContextValue::Strings(names));
            e
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

/// A path, empty allowed (see `Cli::data`); not UTF-8 allowed too.
pub fn any_path() -> impl TypedValueParser<Value = PathBuf> {
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

fn listed<T>(values: fn() -> Vec<PossibleValue>) -> Listed<T> {
    Listed { values, _of: PhantomData }
}

pub fn severity() -> Listed<Severity> {
    listed(|| {
        vec![
            PossibleValue::new("A").help("critical: first response within 2 hours"),
            PossibleValue::new("B").help("limited: within 4 hours"),
            PossibleValue::new("C").help("minimal: within 8 hours"),
        ]
    })
}

pub fn coverage() -> Listed<Coverage> {
    listed(|| {
        vec![
            PossibleValue::new("24x7").help("round the clock, on elapsed time"),
            PossibleValue::new("business").help("only while the customer's calendar is open"),
        ]
    })
}

pub fn contact_kind() -> Listed<ContactKind> {
    listed(|| ContactKind::ALL.iter().map(|k| PossibleValue::new(k.name())).collect())
}

pub fn category() -> Listed<Category> {
    listed(|| Category::ALL.iter().map(|c| PossibleValue::new(c.name())).collect())
}

pub fn parse_instant(s: &str) -> Result<Instant, String> {
    let t = s.trim();
    DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        // A local time without an offset is the usual slip: say what to add
        // rather than chrono's "premature end of input".
        let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
            .iter()
            .any(|f| NaiveDateTime::parse_from_str(t, f).is_ok());
        if local {
            format!("'{s}' is not an RFC 3339 instant: it has no UTC offset: add Z or +01:00")
        } else {
            format!("'{s}' is not an RFC 3339 instant such as 2026-11-25T09:30:00Z ({e})")
        }
    })
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| match why_not_a_date(s.trim()) {
        Some(why) => format!("'{s}' is not a date: {why} (use YYYY-MM-DD)"),
        None => format!("'{s}' is not a date: use YYYY-MM-DD"),
    })
}

/// R5: a special day as `customer add --holiday` and `customer calendar
/// --add-holiday` take it (see [`SpecialDay`](crate::domain::SpecialDay)): a
/// plain date parses as every date flag does, the other shapes by the domain.
pub fn special_day(s: &str) -> Result<crate::domain::SpecialDay, String> {
    let plain = !s.contains(['.', '*', '=']);
    match parse_date(s) {
        Ok(date) => Ok(crate::domain::SpecialDay::Holiday(date)),
        Err(e) if plain => Err(e),
        Err(_) => s.parse().map_err(|e: crate::domain::CalendarError| e.to_string()),
    }
}

/// For text shaped like YYYY-MM-DD that is no date: which part is out of
/// range, so that `2026-02-30` is not answered with the format it follows.
fn why_not_a_date(s: &str) -> Option<String> {
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok().filter(|_| !p.is_empty()));
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    if !(1..=12).contains(&month) {
        return Some(format!("month {month} doesn't exist"));
    }
    let first = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let days = next.signed_duration_since(first).num_days();
    (day == 0 || i64::from(day) > days).then(|| format!("{} {year} has {days} days", first.format("%B")))
}

/// Minutes are counted whole: "1h" or "30m" would be guesses.
pub fn parse_minutes(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| format!("'{s}' is not a number of minutes: give whole minutes, e.g. 45"))
}
