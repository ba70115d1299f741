//! R20: record a customer's tax-exemption document.

use super::{DialogSpec, Field, FieldRef, Form, Opening, customer_choices};
use crate::domain::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxExempt {
    customer: FieldRef,
    reference: FieldRef,
    received: FieldRef,
    expires: FieldRef,
    /// The customer's date when the dialog opened: an expiry before it warns.
    today: chrono::NaiveDate,
}

impl DialogSpec for TaxExempt {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let today = at.target.customer.map_or(at.now.date_naive(), |c| at.desk.local_date(c, at.now));
        let mut f = Form::titled("Tax exemption");
        let customer = f.add(Field::choice("Customer", customer_choices(at.desk, at.target.customer)));
        let reference = f.add(Field::text("Reference", "the document's reference"));
        let received = f.add(Field::text("Received", "YYYY-MM-DD").with_text(today.to_string()));
        let expires = f.add(Field::text("Expires", "YYYY-MM-DD, empty if it does not expire"));
        f.info.push("R20: shown as on file and valid, or expired, when packs are bought".into());
        Ok((TaxExempt { customer, reference, received, expires, today }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::SetTaxExemption {
            customer: f.parse(self.customer)?,
            reference: f.text(self.reference).to_string(),
            received: f.date(self.received)?.ok_or("Received: give the date the document arrived")?,
            expires: f.date(self.expires)?,
        })
    }

    /// A document that has already expired is worth a second look: asked
    /// before it is saved.
    fn confirmation(&self, f: &Form) -> Option<String> {
        let expires = f.date(self.expires).ok().flatten().filter(|d| *d < self.today)?;
        Some(format!(
            "This exemption expired on {expires}, before today ({}): packs bought now are not exempt. Save it anyway?",
            self.today
        ))
    }
}
