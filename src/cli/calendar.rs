//! Calendars on the command line (R5): `customer add`'s calendar and
//! `customer calendar`'s edit, read with the domain's one text form and, for
//! `--holidays-from`, from an iCalendar file. A part that can't be read is
//! refused naming it and the flag to correct, before anything is written.

use super::CliError;
use super::hint::Advice;
use crate::domain::calendar::parse_zone;
use crate::domain::calendar_edit::CalendarEdit;
use crate::domain::{Calendar, CalendarError, Command, CustomerId, SpecialDay, WeeklyHours};
use chrono::NaiveDate;
use std::path::Path;

/// A calendar error as the command line says it, with the flag to correct.
fn refused(e: CalendarError, flag: &str) -> CliError {
    let text = if e.instead.is_empty() { format!("correct {flag}") } else { e.instead.clone() };
    CliError::input(e.to_string()).advice(Advice::flags(&text, &[flag]))
}

/// The flag `customer add` reads a part of a calendar from.
fn add_flag(e: &CalendarError) -> &'static str {
    match e.part.as_str() {
        "time zone" => "--tz",
        "open hours" | "open hours and holidays" => "--hours",
        p if p.starts_with("iCalendar file") => "--holidays-from",
        _ => "--holiday",
    }
}

/// The special days given, and those of the iCalendar file, if any.
fn special_days(given: &[SpecialDay], ics: Option<&Path>) -> Result<Vec<SpecialDay>, CliError> {
    let mut days = given.to_vec();
    if let Some(path) = ics {
        days.extend(crate::ics::holidays_from_file(path).map_err(|e| refused(e, "--holidays-from"))?);
    }
    Ok(days)
}

/// `customer add`: its calendar, every part checked for shape (the domain
/// checks the open time).
pub fn add(
    name: String,
    tz: &str,
    hours: &str,
    given: &[SpecialDay],
    ics: Option<&Path>,
) -> Result<Command, CliError> {
    let mut calendar = Calendar::parse::<&str>(tz, hours, &[]).map_err(|e| {
        let flag = add_flag(&e);
        refused(e, flag)
    })?;
    for day in special_days(given, ics)? {
        calendar.add_special(day);
    }
    calendar.check_shape().map_err(|e| refused(e, "--holiday"))?;
    Ok(Command::AddCustomer { name, calendar })
}

/// What `customer calendar` is given.
pub struct EditArgs<'a> {
    pub hours: Option<&'a str>,
    pub tz: Option<&'a str>,
    pub add: &'a [SpecialDay],
    pub remove: &'a [SpecialDay],
    pub ics: Option<&'a Path>,
    pub from: Option<NaiveDate>,
}

/// `customer calendar`: the edit, each part read and named if wrong.
pub fn edit(customer: CustomerId, a: EditArgs) -> Result<Command, CliError> {
    let hours = a
        .hours
        .map(|h| {
            WeeklyHours::parse_spec(h).map_err(|e| {
                refused(
                    CalendarError::new("open hours", e, "write e.g. 'mon-fri 08:00-12:00 13:00-17:00'"),
                    "--hours",
                )
            })
        })
        .transpose()?;
    let time_zone = a.tz.map(|z| parse_zone(z).map_err(|e| refused(e, "--tz"))).transpose()?;
    let add = special_days(a.add, a.ics)?;
    let remove = a.remove.to_vec();
    let edit = CalendarEdit { time_zone, hours, add, remove };
    if edit.is_empty() {
        return Err(CliError::usage(
            "nothing to change: give --hours, --tz, --add-holiday, --remove-holiday or --holidays-from",
        ));
    }
    Ok(Command::EditCalendar { customer, edit, from: a.from })
}
