//! R5: holidays from an iCalendar (`.ics`) file, the form public-holiday
//! calendars are handed out in. Each all-day event becomes a holiday (a
//! range when it spans days, a yearly holiday when it recurs every year on
//! its date). What can't be read faithfully is refused, naming the part and
//! what to do, rather than guessed at: a timed event, a recurrence other than
//! yearly, extra or excluded dates, a file too big or not UTF-8. Parsing is
//! the `ical` crate's; this module only decides what an event means.

use crate::domain::{CalendarError, SpecialDay};
use chrono::NaiveDate;
use ical::parser::ical::component::IcalEvent;
use std::io::Read;
use std::path::Path;

/// A holiday calendar is a few kilobytes; a year of a country's holidays with
/// descriptions stays well below this.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// More events than any holiday calendar holds (decades of them).
pub const MAX_EVENTS: usize = 5000;

/// The holidays of the file at `path`.
pub fn holidays_from_file(path: &Path) -> Result<Vec<SpecialDay>, CalendarError> {
    let name = format!("iCalendar file {}", path.display());
    let file = std::fs::File::open(path).map_err(|e| {
        CalendarError::new(&name, format!("can't be read: {e}"), "give the path of an .ics file")
    })?;
    // Read one byte past the limit, so a file growing while read is caught too.
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| {
        CalendarError::new(&name, format!("can't be read: {e}"), "give the path of an .ics file")
    })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CalendarError::new(
            &name,
            format!("is larger than {} KiB, far more than a holiday calendar", MAX_BYTES / 1024),
            "export only the holidays (a year or a few), or add them with --add-holiday",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        CalendarError::new(
            &name,
            format!("is not UTF-8 text (byte {} is not)", e.utf8_error().valid_up_to()),
            "iCalendar files are UTF-8: save or export it as UTF-8",
        )
    })?;
    holidays_from_text(&text).map_err(|e| CalendarError { part: format!("{name}: {}", e.part), ..e })
}

/// The holidays of an iCalendar text: its all-day events, in the order given.
pub fn holidays_from_text(text: &str) -> Result<Vec<SpecialDay>, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let structure = |e: &dyn std::fmt::Display| {
        CalendarError::new(
            "structure",
            format!("not a well-formed iCalendar file ({e})"),
            "give a file that starts with BEGIN:VCALENDAR, as calendar programs export",
        )
    };
    let mut days = Vec::new();
    let mut calendars = 0;
    for calendar in ical::IcalParser::new(text.as_bytes()) {
        let calendar = calendar.map_err(|e| structure(&e))?;
        calendars += 1;
        if days.len() + calendar.events.len() > MAX_EVENTS {
            return Err(CalendarError::new(
                "events",
                format!("more than {MAX_EVENTS} events, far more than a holiday calendar"),
                "export only the holidays (a year or a few)",
            ));
        }
        for event in &calendar.events {
            days.push(holiday_of(event)?);
        }
    }
    if calendars == 0 {
        return Err(structure(&"no VCALENDAR in it"));
    }
    if days.is_empty() {
        return Err(CalendarError::new(
            "events",
            "the file holds no events, so no holidays",
            "give a file with the holidays as all-day events",
        ));
    }
    Ok(days)
}

/// The value of an event's property, and whether its `VALUE` parameter says `DATE`.
fn property<'a>(event: &'a IcalEvent, name: &str) -> Option<(&'a str, bool)> {
    let p = event.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name))?;
    let is_date =
        p.params.iter().flatten().any(|(k, v)| {
            k.eq_ignore_ascii_case("VALUE") && v.iter().any(|v| v.eq_ignore_ascii_case("DATE"))
        });
    Some((p.value.as_deref().unwrap_or("").trim(), is_date))
}

/// One all-day event as a holiday, a range of them or a yearly one.
fn holiday_of(event: &IcalEvent) -> Result<SpecialDay, CalendarError> {
    let summary = property(event, "SUMMARY").map_or("", |(s, _)| s);
    let start_text = property(event, "DTSTART").map(|(s, _)| s.to_string());
    let part = || match (&start_text, summary) {
        (Some(s), "") => format!("event starting {s}"),
        (Some(s), name) => format!("event '{}' starting {s}", name.chars().take(60).collect::<String>()),
        (None, "") => "an event".to_string(),
        (None, name) => format!("event '{}'", name.chars().take(60).collect::<String>()),
    };
    let err = |problem: String, instead: &str| CalendarError::new(part(), problem, instead);
    let (start, _) = property(event, "DTSTART")
        .ok_or_else(|| err("has no DTSTART".into(), "give each holiday a DTSTART;VALUE=DATE:YYYYMMDD"))?;
    let first = all_day(start).ok_or_else(|| {
        err(
            format!("is not an all-day event (DTSTART {start})"),
            "only all-day events are holidays: for part of a day add an exception, e.g. --add-holiday 2026-12-24=08:00-12:00",
        )
    })?;
    for name in ["RDATE", "EXDATE", "EXRULE"] {
        if let Some((value, _)) = property(event, name) {
            return Err(err(
                format!("has {name}:{value}, which incidesk can't follow"),
                "list each holiday as an event of its own, or add them with --add-holiday",
            ));
        }
    }
    let last = match (property(event, "DTEND"), property(event, "DURATION")) {
        (Some((end, _)), _) => {
            let end = all_day(end).ok_or_else(|| {
                err(format!("ends at a time (DTEND {end})"), "only all-day events are holidays")
            })?;
            // DTEND is the first date after the event.
            end.pred_opt().filter(|l| *l >= first).ok_or_else(|| {
                err(format!("ends ({end}) before it starts"), "give a DTEND after the DTSTART")
            })?
        }
        (None, Some((duration, _))) => {
            let days = whole_days(duration).ok_or_else(|| {
                err(format!("lasts {duration}, not whole days"), "give a DURATION in days, e.g. P1D")
            })?;
            first + chrono::TimeDelta::days(days - 1)
        }
        (None, None) => first,
    };
    let text = match property(event, "RRULE") {
        None if last == first => first.to_string(),
        None => format!("{first}..{last}"),
        Some((rule, _)) => {
            if !is_plain_yearly(rule) || last != first {
                return Err(err(
                    format!("recurs by RRULE:{rule}, which incidesk can't follow"),
                    "only a one-day event every year (RRULE:FREQ=YEARLY) is read; list the other dates as events, or add them with --add-holiday",
                ));
            }
            first.format("*-%m-%d").to_string()
        }
    };
    text.parse::<SpecialDay>().map_err(|e| err(e.to_string(), ""))
}

/// `20261224` (a date), not `20261224T090000`.
fn all_day(value: &str) -> Option<NaiveDate> {
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(value, "%Y%m%d").ok()
}

/// `P1D`, `P3D`, `P2W`: the whole days of a duration (at most a few years).
fn whole_days(value: &str) -> Option<i64> {
    let rest = value.strip_prefix('P').or_else(|| value.strip_prefix("+P"))?;
    let (number, unit) = rest.split_at(rest.len().checked_sub(1)?);
    let n: i64 = number.parse().ok().filter(|n| (1..=3 * 366).contains(n))?;
    match unit {
        "D" => Some(n),
        "W" => Some(n * 7),
        _ => None,
    }
}

/// `FREQ=YEARLY`, perhaps with `INTERVAL=1`: every year on the start's date.
fn is_plain_yearly(rule: &str) -> bool {
    let mut yearly = false;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        match part.to_ascii_uppercase().as_str() {
            "FREQ=YEARLY" => yearly = true,
            "INTERVAL=1" => {}
            _ => return false,
        }
    }
    yearly
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
