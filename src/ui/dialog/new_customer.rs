//! R5: a customer with its business calendar.

use super::{Field, Form, date_field};
use crate::domain::{Calendar, Command, WeeklyHours};

pub fn form() -> Form {
    let mut f = Form::new(
        "New customer",
        vec![
            Field::text("Name", "the organisation"),
            Field::text("Time zone", "IANA name, e.g. Europe/Stockholm").with_text("Europe/Stockholm"),
            Field::text("Open hours", "e.g. mon-fri 08:00-17:00; sat 09:00-12:00")
                .with_text("mon-fri 08:00-17:00"),
            Field::text("Holidays", "YYYY-MM-DD, separated by spaces"),
        ],
    );
    f.info.push("R5: business-hours clocks run only in these open hours".into());
    f
}

pub fn command(f: &Form) -> Result<Command, String> {
    let zone = f.value("Time zone");
    let time_zone = zone
        .parse()
        .map_err(|_| format!("Time zone: '{zone}' is not an IANA zone such as Europe/Stockholm"))?;
    let hours = WeeklyHours::parse_spec(f.value("Open hours")).map_err(|e| format!("Open hours: {e}"))?;
    let mut holidays = Vec::new();
    for word in f.value("Holidays").split_whitespace() {
        let one = super::Form::new("", vec![super::Field::text("Holiday", "").with_text(word)]);
        holidays.extend(date_field(&one, "Holiday")?);
    }
    Ok(Command::AddCustomer {
        name: f.value("Name").to_string(),
        calendar: Calendar { time_zone, hours, holidays },
    })
}
