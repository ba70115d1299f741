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
    if let Some(c) = target.customer.and_then(|id| desk.customer(id)) {
        let date = desk.local_date(c.id, now);
        f.info.push(match c.tax_status_on(date) {
            TaxStatus::Valid => "R20: tax exemption on file and valid".to_string(),
            TaxStatus::Expired => "R20: tax exemption on file but EXPIRED: tax applies".to_string(),
            TaxStatus::NotExempt => "R20: no tax exemption on file".to_string(),
        });
    }
    f
}

pub fn command(f: &Form) -> Result<Command, String> {
    Ok(Command::BuyPack {
        customer: parsed(f, "Customer")?,
        account: f.value("Account").to_string(),
        order_number: f.value("Order number").to_string(),
        purchased: date_field(f, "Purchased")?,
    })
}
