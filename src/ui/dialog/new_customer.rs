//! R5: a customer with its business calendar.

use super::{DialogSpec, Field, FieldRef, Form, Opening};
use crate::domain::{Calendar, Command};

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
        let holidays = f.add(Field::text(
            "Holidays",
            "separated by spaces: 2026-12-24 2026-12-27..2026-12-30 *-12-25 2026-12-31=08:00-12:00",
        ));
        f.info.push("R5: business-hours clocks run only in these open hours".into());
        Ok((NewCustomer { name, zone, hours, holidays }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let days: Vec<&str> = f.text(self.holidays).split_whitespace().collect();
        let calendar = Calendar::parse(f.text(self.zone), f.text(self.hours), &days).map_err(|e| {
            let label = match e.part.as_str() {
                "time zone" => "Time zone",
                "open hours" => "Open hours",
                _ => "Holidays",
            };
            format!("{label}: {e}")
        })?;
        Ok(Command::AddCustomer { name: f.text(self.name).to_string(), calendar })
    }
}
