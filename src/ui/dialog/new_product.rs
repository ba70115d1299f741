//! R9: a product with the ends of its mainstream and extended support.

use super::{DialogSpec, Field, FieldRef, Form, Opening};
use crate::domain::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduct {
    name: FieldRef,
    mainstream_end: FieldRef,
    extended_end: FieldRef,
}

impl DialogSpec for NewProduct {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let year = at.now.date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2026);
        let mut f = Form::titled("New product");
        let name = f.add(Field::text("Name", "e.g. Contoso Mail Server 2024"));
        let mainstream_end = f.add(
            Field::text("Mainstream end", "YYYY-MM-DD, first day without mainstream support")
                .with_text(format!("{}-01-01", year + 3)),
        );
        let extended_end = f.add(
            Field::text("Extended end", "YYYY-MM-DD, first day without any support")
                .with_text(format!("{}-01-01", year + 5)),
        );
        f.info.push("R9: incidents are accepted until extended support ends".into());
        Ok((NewProduct { name, mainstream_end, extended_end }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let mainstream_end = f.date(self.mainstream_end)?.ok_or("Mainstream end: give a date")?;
        let extended_end = f.date(self.extended_end)?.ok_or("Extended end: give a date")?;
        Ok(Command::AddProduct { name: f.text(self.name).to_string(), mainstream_end, extended_end })
    }
}
