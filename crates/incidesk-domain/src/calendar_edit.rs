//! R5: editing a customer's calendar. An edit (new hours, another zone,
//! special days added or removed) applies from an instant on: the start of
//! its `from` date in the customer's zone, or now. It changes the version in
//! force then and every later one, each becoming a version of its own
//! (`effective.rs`), so an incident keeps the calendar in force when it was
//! submitted. An edit is refused when it would start before a submission
//! already on the desk (that would move a due time already given), or when a
//! resulting version fails [`Calendar::validate`].

use super::calendar::{Calendar, SpecialDay, WeeklyHours};
use super::desk::Desk;
use super::done::{Ctx, Done};
use super::effective::CalendarVersion;
use super::history::{Change, Subject};
use super::ids::CustomerId;
use super::model::Instant;
use super::refusal::{Refusal, ensure};
use super::spans::{local_date, local_to_instant};
use super::wording::local_time;
use crate::zone::Zone;
use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

/// What an edit changes; what it leaves out stays as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<Zone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<WeeklyHours>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<SpecialDay>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<SpecialDay>,
}

impl CalendarEdit {
    pub fn is_empty(&self) -> bool {
        self.time_zone.is_none() && self.hours.is_none() && self.add.is_empty() && self.remove.is_empty()
    }

    /// `calendar` with the edit made. `strict`: a special day to remove that
    /// is not there is an error (for the version the edit starts from; later
    /// versions may not have it).
    pub fn applied_to(&self, calendar: &Calendar, strict: bool) -> Result<Calendar, String> {
        let mut cal = calendar.clone();
        if let Some(tz) = &self.time_zone {
            cal.time_zone = tz.clone();
        }
        if let Some(hours) = &self.hours {
            cal.hours = hours.clone();
        }
        for day in &self.remove {
            if !cal.remove_special(day) && strict {
                return Err(format!(
                    "the special day to remove '{day}' is not in the calendar (it has: {}); \
                     write one of those, as it is shown",
                    or_none(&calendar.special_days_text())
                ));
            }
        }
        for day in &self.add {
            cal.add_special(day.clone());
        }
        Ok(cal)
    }
}

fn or_none(days: &[String]) -> String {
    if days.is_empty() { "none".to_string() } else { days.join(", ") }
}

/// One line for a calendar, as history's before and after show it.
pub fn calendar_summary(cal: &Calendar) -> String {
    let days = cal.special_days_text();
    let days = if days.is_empty() { "no holidays".to_string() } else { days.join(", ") };
    format!("{} ({}); {days}", cal.hours, cal.time_zone)
}

/// The instant an edit starts at: the start of `from` in `zone`, else now
/// (a `from` of today's date also means now: the hours already gone by are
/// not rewritten).
fn start_instant(zone: &Zone, from: Option<NaiveDate>, now: Instant) -> Instant {
    match from {
        Some(date) if date > local_date(zone, now) => {
            local_to_instant(zone, date.and_hms_opt(0, 0, 0).unwrap_or_default())
        }
        _ => now,
    }
}

/// R5: the edit, effective from `from` (default now), with its history entry
/// naming the calendar before and after.
pub(crate) fn edit_calendar(
    desk: &mut Desk,
    ctx: &Ctx,
    customer: CustomerId,
    edit: CalendarEdit,
    from: Option<NaiveDate>,
) -> Result<Done, Refusal> {
    let c = super::customers::find_customer(desk, customer)?;
    ensure(!edit.is_empty(), || {
        Refusal::invalid(
            "the calendar edit changes nothing: give new hours, a zone, or special days to add or remove",
        )
    })?;
    let now_zone = edit.time_zone.clone().unwrap_or_else(|| c.calendar_at(ctx.now).time_zone.clone());
    if let Some(date) = from {
        let today = local_date(&now_zone, ctx.now);
        ensure(date >= today, || {
            Refusal::rule(
                5,
                format!(
                    "the edit would apply from {date}, before today ({today}): a calendar changes from now \
                     on, so that no due time already given moves; give today or a later date"
                ),
            )
        })?;
    }
    let mut start = start_instant(&now_zone, from, ctx.now);
    // An incident submitted at the very instant keeps the calendar it was timed by.
    let last_submitted = desk.incidents.iter().filter(|i| i.customer == customer).map(|i| i.submitted).max();
    if let Some(last) = last_submitted.filter(|l| *l >= start) {
        ensure(start == ctx.now, || {
            Refusal::rule(
                5,
                format!(
                    "an incident of {customer} was submitted at {}, after the edit would start ({}): \
                     its due time would move; give a later date",
                    local_time(last, &now_zone),
                    local_time(start, &now_zone)
                ),
            )
        })?;
        start = last + TimeDelta::seconds(1);
    }
    let before = c.calendar_at(start).clone();
    let after = edit.applied_to(&before, true).map_err(|e| Refusal::rule(5, e))?;
    ensure(after != before, || {
        Refusal::invalid(format!(
            "the calendar from {} would stay as it is ({}): nothing to change",
            local_time(start, &now_zone),
            calendar_summary(&before)
        ))
    })?;
    let mut versions = vec![CalendarVersion { from: start, calendar: after.clone() }];
    for later in c.calendar_changes.iter().filter(|v| v.from > start) {
        let calendar = edit.applied_to(&later.calendar, false).map_err(|e| Refusal::rule(5, e))?;
        versions.push(CalendarVersion { from: later.from, calendar });
    }
    for v in &versions {
        v.calendar.validate(v.from).map_err(|e| {
            e.refusal(&format!("the calendar from {} is not usable: ", local_time(v.from, &now_zone)))
        })?;
    }
    let what =
        format!("calendar changed from {} (R5): {}", local_time(start, &after.time_zone), describe(&edit));
    let change = Change::new("calendar", calendar_summary(&before), calendar_summary(&after));
    let c = desk.customer_mut(customer).expect("checked");
    c.calendar_changes.retain(|v| v.from < start);
    c.calendar_changes.extend(versions);
    Ok(Done::one(Subject::Customer(customer), what).changed(change))
}

/// The edit in words: `hours mon-fri 09:00-17:00, holiday 2026-12-24 added`.
fn describe(edit: &CalendarEdit) -> String {
    let mut parts = Vec::new();
    if let Some(tz) = &edit.time_zone {
        parts.push(format!("zone {tz}"));
    }
    if let Some(hours) = &edit.hours {
        parts.push(format!("hours {hours}"));
    }
    parts.extend(edit.add.iter().map(|d| format!("{d} added")));
    parts.extend(edit.remove.iter().map(|d| format!("{d} removed")));
    parts.join(", ")
}
