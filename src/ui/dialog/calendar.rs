//! R5: change the selected customer's calendar from a date on. The fields
//! open with the calendar in force; what is left as it was is not changed.
//! Incidents already submitted keep the calendar they are timed by.

use super::{DialogSpec, Field, FieldRef, Form, Opening};
use crate::domain::calendar::parse_zone;
use crate::domain::calendar_edit::{CalendarEdit, calendar_summary};
use crate::domain::{Calendar, Command, CustomerId, SpecialDay, WeeklyHours};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditCalendar {
    customer: CustomerId,
    /// The calendar in force when the dialog opened: the fields start from it.
    current: Calendar,
    zone: FieldRef,
    hours: FieldRef,
    add: FieldRef,
    remove: FieldRef,
    from: FieldRef,
}

impl DialogSpec for EditCalendar {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let id = at.target.customer.ok_or("select a customer first (screen 2)")?;
        let customer = at.desk.customer(id).ok_or_else(|| format!("{id} is no longer on the desk"))?;
        let current = customer.calendar_at(at.now).clone();
        let mut f = Form::titled(format!("Calendar of {}", customer.name));
        let zone = f.add(Field::text("Time zone", "IANA name, e.g. Europe/Stockholm").with_text(current.time_zone.name()));
        let hours = f.add(
            Field::text("Open hours", "e.g. mon-fri 08:00-17:00; sat 09:00-12:00 (22:00-06:00 runs overnight)")
                .with_text(current.hours.to_string()),
        );
        let add = f.add(Field::text(
            "Add days",
            "separated by spaces: 2026-12-24 2026-12-27..2026-12-30 *-12-25 2026-12-31=08:00-12:00",
        ));
        let remove = f.add(Field::text("Remove days", "as listed below, separated by spaces"));
        let from = f.add(Field::text("From", "YYYY-MM-DD, empty: from now on"));
        let days = current.special_days_text();
        f.info.push(format!("now: {}", calendar_summary(&current)));
        if days.is_empty() {
            f.info.push("no holidays or special days yet".into());
        }
        f.info.push("R5: incidents already submitted keep their calendar and due times".into());
        Ok((EditCalendar { customer: id, current, zone, hours, add, remove, from }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let zone = parse_zone(f.text(self.zone)).map_err(|e| format!("Time zone: {}", e.problem))?;
        let hours = WeeklyHours::parse_spec(f.text(self.hours)).map_err(|e| format!("Open hours: {e}"))?;
        let days = |field: FieldRef, label: &str| -> Result<Vec<SpecialDay>, String> {
            f.text(field)
                .split_whitespace()
                .map(|w| w.parse::<SpecialDay>().map_err(|e| format!("{label}: {e}")))
                .collect()
        };
        let edit = CalendarEdit {
            time_zone: (zone != self.current.time_zone).then_some(zone),
            hours: (hours != self.current.hours).then_some(hours),
            add: days(self.add, "Add days")?,
            remove: days(self.remove, "Remove days")?,
        };
        if edit.is_empty() {
            return Err("nothing changed: edit the zone or the hours, or add or remove days".into());
        }
        Ok(Command::EditCalendar { customer: self.customer, edit, from: f.date(self.from)? })
    }
}
