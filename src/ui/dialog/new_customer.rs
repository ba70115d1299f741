//! R5: a customer with its business calendar.

use super::form::date_of;
use super::{DialogSpec, Field, FieldRef, Form, Opening};
use crate::domain::{Calendar, Command, WeeklyHours};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    name: FieldRef,
    zone: FieldRef,
    hours: FieldRef,
    holidays: FieldRef,
}

impl DialogSpec for NewCustomer {
    fn open(_at: &Opening) -> Result<(Self, Form), String> {
        let mut f = Form::titled("New customer");
        let name = f.add(Field::text("Name", "the organisation"));
        let zone = f.add(
            Field::text("Time zone", "IANA name, e.g. Europe/Stockholm").with_text("Europe/Stockholm"),
        );
        let hours = f.add(
            Field::text("Open hours", "e.g. mon-fri 08:00-17:00; sat 09:00-12:00")
                .with_text("mon-fri 08:00-17:00"),
        );
        let holidays = f.add(Field::text("Holidays", "YYYY-MM-DD, separated by spaces"));
        f.info.push("R5: business-hours clocks run only in these open hours".into());
        Ok((NewCustomer { name, zone, hours, holidays }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let zone = f.text(self.zone);
        let time_zone = zone
            .parse::<crate::domain::Zone>()
            .map_err(|_| format!("Time zone: '{zone}' is not an IANA zone such as Europe/Stockholm"))?;
        let hours = WeeklyHours::parse_spec(f.text(self.hours)).map_err(|e| format!("Open hours: {e}"))?;
        let mut holidays = Vec::new();
        for word in f.text(self.holidays).split_whitespace() {
            holidays.extend(date_of("Holiday", word)?);
        }
        Ok(Command::AddCustomer {
            name: f.text(self.name).to_string(),
            calendar: Calendar::new(time_zone, hours, holidays),
        })
    }
}
