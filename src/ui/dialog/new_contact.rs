//! R6: a customer contact, possibly reachable round the clock.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, customer_choices};
use crate::domain::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    customer: FieldRef,
    name: FieldRef,
    reach: FieldRef,
    on_duty: FieldRef,
}

impl DialogSpec for NewContact {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let duty = vec![
            Choice::new("no", "no"),
            Choice::new("yes", "yes").note("reachable 24x7: allows 24x7 coverage (R6)"),
        ];
        let mut f = Form::titled("New contact");
        let customer = f.add(Field::choice("Customer", customer_choices(at.desk, at.target.customer)));
        let name = f.add(Field::text("Name", "the person"));
        let reach = f.add(Field::text("Reach", "phone or e-mail"));
        let on_duty = f.add(Field::choice("On duty 24x7", duty));
        Ok((NewContact { customer, name, reach, on_duty }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::AddContact {
            customer: f.parse(self.customer)?,
            name: f.text(self.name).to_string(),
            reach: f.text(self.reach).to_string(),
            on_duty_24x7: f.text(self.on_duty) == "yes",
        })
    }
}
