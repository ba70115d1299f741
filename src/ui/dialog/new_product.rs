//! R9: a product with the ends of its mainstream and extended support.

use super::{Field, Form, date_field};
use crate::domain::{Command, Desk, Instant};

pub fn form(now: Instant) -> Form {
    let year = now.date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2026);
    let mut f = Form::new(
        "New product",
        vec![
            Field::text("Name", "e.g. Contoso Mail Server 2024"),
            Field::text("Mainstream end", "YYYY-MM-DD, first day without mainstream support")
                .with_text(format!("{}-01-01", year + 3)),
            Field::text("Extended end", "YYYY-MM-DD, first day without any support")
                .with_text(format!("{}-01-01", year + 5)),
        ],
    );
    f.info.push("R9: incidents are accepted until extended support ends".into());
    f
}

pub fn command(f: &Form, _desk: &Desk) -> Result<Command, String> {
    let mainstream_end = date_field(f, "Mainstream end")?.ok_or("Mainstream end: give a date")?;
    let extended_end = date_field(f, "Extended end")?.ok_or("Extended end: give a date")?;
    Ok(Command::AddProduct { name: f.value("Name").to_string(), mainstream_end, extended_end })
}
