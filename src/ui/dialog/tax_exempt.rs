//! R20: record a customer's tax-exemption document.

use super::{Field, Form, Target, customer_choices, date_field, parsed};
use crate::domain::{Command, Desk, Instant};

pub fn form(desk: &Desk, target: Target, now: Instant) -> Form {
    let mut f = Form::new(
        "Tax exemption",
        vec![
            Field::choice("Customer", customer_choices(desk, target.customer)),
            Field::text("Reference", "the document's reference"),
            Field::text("Received", "YYYY-MM-DD")
                .with_text(target.customer.map_or(now.date_naive(), |c| desk.local_date(c, now)).to_string()),
            Field::text("Expires", "YYYY-MM-DD, empty if it does not expire"),
        ],
    );
    f.info.push("R20: shown as on file and valid, or expired, when packs are bought".into());
    f
}

pub fn command(f: &Form) -> Result<Command, String> {
    Ok(Command::SetTaxExemption {
        customer: parsed(f, "Customer")?,
        reference: f.value("Reference").to_string(),
        received: date_field(f, "Received")?.ok_or("Received: give the date the document arrived")?,
        expires: date_field(f, "Expires")?,
    })
}
