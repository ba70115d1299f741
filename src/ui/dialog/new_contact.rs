//! R6: a customer contact, possibly reachable round the clock.

use super::{Choice, Field, Form, Target, customer_choices, parsed};
use crate::domain::{Command, Desk};

pub fn form(desk: &Desk, target: Target) -> Form {
    let duty = vec![
        Choice::new("no", "no"),
        Choice::new("yes", "yes").note("reachable 24x7: allows 24x7 coverage (R6)"),
    ];
    Form::new(
        "New contact",
        vec![
            Field::choice("Customer", customer_choices(desk, target.customer)),
            Field::text("Name", "the person"),
            Field::text("Reach", "phone or e-mail"),
            Field::choice("On duty 24x7", duty),
        ],
    )
}

pub fn command(f: &Form) -> Result<Command, String> {
    Ok(Command::AddContact {
        customer: parsed(f, "Customer")?,
        name: f.value("Name").to_string(),
        reach: f.value("Reach").to_string(),
        on_duty_24x7: f.value("On duty 24x7") == "yes",
    })
}
