//! R16, R20: buy a pack of five for an account.

use super::accept::Accept;
use super::{DialogSpec, Field, FieldRef, Form, Opening, customer_choices};
use crate::domain::{Command, TaxStatus};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyPack {
    customer: FieldRef,
    account: FieldRef,
    order: FieldRef,
    purchased: FieldRef,
}

impl DialogSpec for BuyPack {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let mut f = Form::titled("Buy a pack of five");
        let customer = f.add(Field::choice("Customer", customer_choices(at.desk, at.target.customer)));
        let account = f.add(Field::text("Account", "").accepting(Accept::Email));
        let order = f.add(Field::text("Order number", "").accepting(Accept::OrderNumber));
        let purchased = f.add(Field::text("Purchased", "YYYY-MM-DD, empty for today"));
        Ok((BuyPack { customer, account, order, purchased }, f))
    }

    /// R20: the tax status of the customer chosen, kept up to date as the choice changes.
    fn refresh(&self, f: &mut Form, at: &Opening) {
        f.info.clear();
        let customer = f.text(self.customer).parse().ok().and_then(|id| at.desk.customer(id));
        if let Some(c) = customer {
            let date = at.desk.local_date(c.id, at.now);
            f.info.push(match c.tax_status_on(date) {
                TaxStatus::Valid => format!("R20: {}: tax exemption on file and valid", c.name),
                TaxStatus::Expired => {
                    format!("R20: {}: tax exemption on file but EXPIRED: tax applies", c.name)
                }
                TaxStatus::NotExempt => format!("R20: {}: no tax exemption on file", c.name),
            });
        }
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::BuyPack {
            customer: f.parse(self.customer)?,
            account: f.text(self.account).to_string(),
            order_number: f.text(self.order).to_string(),
            purchased: f.date(self.purchased)?,
        })
    }
}
