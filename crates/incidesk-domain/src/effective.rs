//! R5: effective-dated calendars. A customer's calendar is a list of
//! versions: the first one in force from the beginning, each later one from
//! its instant on. An incident keeps the version in force when it was
//! submitted — its due time, pauses, alerts and any later severity change all
//! run on that version — so an edit, which may only take effect after every
//! submission already on the desk (`calendar_edit.rs`), never moves a due
//! time already given.

use super::calendar::Calendar;
use super::model::{Customer, Incident, Instant};
use serde::{Deserialize, Serialize};

/// A calendar in force from `from` on (until the next version's `from`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarVersion {
    #[serde(deserialize_with = "super::instant::de")]
    pub from: Instant,
    pub calendar: Calendar,
}

impl Customer {
    /// R5: the calendar in force at `at`: the last version whose `from` is at
    /// or before `at`, else the first calendar.
    pub fn calendar_at(&self, at: Instant) -> &Calendar {
        // Versions are few and sorted by `from` (the store refuses others).
        self.calendar_changes.iter().rev().find(|v| v.from <= at).map_or(&self.calendar, |v| &v.calendar)
    }

    /// R5: the calendar an incident runs on: the one in force when it was
    /// submitted, whatever was edited since.
    pub fn calendar_of(&self, incident: &Incident) -> &Calendar {
        self.calendar_at(incident.submitted)
    }

    /// Every version with the instant it starts at (`None`: from the beginning).
    pub fn calendar_versions(&self) -> impl Iterator<Item = (Option<Instant>, &Calendar)> {
        std::iter::once((None, &self.calendar))
            .chain(self.calendar_changes.iter().map(|v| (Some(v.from), &v.calendar)))
    }

    /// The first instant after `at` at which another version takes over.
    pub fn next_calendar_change(&self, at: Instant) -> Option<&CalendarVersion> {
        self.calendar_changes.iter().find(|v| v.from > at)
    }
}

/// What the desk shows of a customer's calendar at an instant: the version
/// in force, the next special days, the next opening, the next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outlook<'a> {
    pub in_force: &'a Calendar,
    /// The next dates (today on) that are closed all day or have an
    /// exception, each with the special day's text form, by the version in
    /// force on that date.
    pub next_special: Vec<(chrono::NaiveDate, String)>,
    /// The next instant the calendar opens (now, if it is open).
    pub next_opening: Option<Instant>,
    /// The next version and when it takes over.
    pub next_change: Option<Instant>,
}

/// How far ahead [`Customer::outlook`] looks for special days.
const OUTLOOK_DAYS: usize = 366;

impl Customer {
    /// R5: the calendar as screen 2 and `customers` show it at `now`: the
    /// version in force, at most `count` special days ahead (each by the
    /// version in force on its date), the next opening and the next version.
    pub fn outlook(&self, now: Instant, count: usize) -> Outlook<'_> {
        let mut outlook = outlook_with(self.calendar_at(now), now, count, |at| self.calendar_at(at.max(now)));
        outlook.next_change = self.next_calendar_change(now).map(|v| v.from);
        outlook
    }
}

/// R5: the same for one calendar on its own, e.g. the one an incident runs on.
pub fn outlook(calendar: &Calendar, now: Instant, count: usize) -> Outlook<'_> {
    outlook_with(calendar, now, count, |_| calendar)
}

fn outlook_with<'a>(
    in_force: &'a Calendar,
    now: Instant,
    count: usize,
    calendar_on: impl Fn(Instant) -> &'a Calendar,
) -> Outlook<'a> {
    let zone = &in_force.time_zone;
    let today = now.with_timezone(zone).date_naive();
    let mut next_special = Vec::new();
    for date in today.iter_days().take(OUTLOOK_DAYS) {
        if next_special.len() >= count {
            break;
        }
        let noon = super::spans::local_to_instant(zone, date.and_hms_opt(12, 0, 0).unwrap_or_default());
        if let Some(text) = special_text(calendar_on(noon), date) {
            next_special.push((date, text));
        }
    }
    let next_opening = super::sla::next_opening(in_force, now);
    Outlook { in_force, next_special, next_opening, next_change: None }
}

/// The special day that makes `date` differ from the weekly hours, if any.
fn special_text(cal: &Calendar, date: chrono::NaiveDate) -> Option<String> {
    use super::calendar::SpecialDay;
    if let Some(s) =
        cal.special_days.iter().find(|s| matches!(s, SpecialDay::Exception { date: d, .. } if *d == date))
    {
        return Some(s.to_string());
    }
    if cal.holidays.contains(&date) {
        return Some(date.to_string());
    }
    cal.special_days.iter().find(|s| s.closes(date)).map(ToString::to_string)
}

/// Why a list of versions can't be a customer's calendar: `None` if it can.
pub fn versions_problem(changes: &[CalendarVersion]) -> Option<String> {
    changes.windows(2).find(|w| w[0].from >= w[1].from).map(|w| {
        format!(
            "the calendar versions from {} and {} are out of order: each must start after the one before",
            w[0].from.format("%Y-%m-%d %H:%M UTC"),
            w[1].from.format("%Y-%m-%d %H:%M UTC")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CustomerId;
    use chrono::{TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32) -> Instant {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn the_version_in_force_is_the_last_one_started() {
        let first = Calendar::office(chrono_tz::Europe::Stockholm);
        let later = Calendar::office(chrono_tz::Asia::Kathmandu);
        let c = Customer {
            id: CustomerId(1),
            name: "C".into(),
            calendar: first.clone(),
            calendar_changes: vec![CalendarVersion { from: at(2027, 1, 1), calendar: later.clone() }],
            contacts: Vec::new(),
            tax_exemption: None,
        };
        assert_eq!(c.calendar_at(at(2026, 12, 31)), &first);
        assert_eq!(c.calendar_at(at(2027, 1, 1)), &later, "in force from its instant on");
        assert_eq!(c.calendar_versions().count(), 2);
        assert_eq!(c.next_calendar_change(at(2026, 6, 1)).map(|v| v.from), Some(at(2027, 1, 1)));
        assert!(versions_problem(&c.calendar_changes).is_none());
        let twice = vec![c.calendar_changes[0].clone(), c.calendar_changes[0].clone()];
        assert!(versions_problem(&twice).is_some());
    }
}
