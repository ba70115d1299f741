//! R16, R20: buy a pack of five for an account.

use super::{Field, Form, Target, customer_choices, date_field, parsed};
use crate::domain::{Command, Desk, Instant, TaxStatus};

pub fn form(desk: &Desk, target: Target, now: Instant) -> Form {
    let mut f = Form::new(
        "Buy a pack of five",
        vec![
            Field::choice("Customer", customer_choices(desk, target.customer)),
            Field::text("Account", "the buying account, e.g. alice@contoso.com"),
            Field::text("Order number", "the order confirmation number"),
            Field::text("Purchased", "YYYY-MM-DD, empty for today"),
        ],
    );
    refresh(&mut f, desk, now);
    f
}

/// R20: the tax status of the customer chosen, kept up to date as the choice changes.
pub fn refresh(f: &mut Form, desk: &Desk, now: Instant) {
    f.info.clear();
    let customer = f.value("Customer").parse().ok().and_then(|id| desk.customer(id));
    if let Some(c) = customer {
        let date = desk.local_date(c.id, now);
        f.info.push(match c.tax_status_on(date) {
            TaxStatus::Valid => format!("R20: {}: tax exemption on file and valid", c.name),
            TaxStatus::Expired => format!("R20: {}: tax exemption on file but EXPIRED: tax applies", c.name),
            TaxStatus::NotExempt => format!("R20: {}: no tax exemption on file", c.name),
        });
    }
}

pub fn command(f: &Form) -> Result<Command, String> {
    Ok(Command::BuyPack {
        customer: parsed(f, "Customer")?,
        account: f.value("Account").to_string(),
        order_number: f.value("Order number").to_string(),
        purchased: date_field(f, "Purchased")?,
    })
}
