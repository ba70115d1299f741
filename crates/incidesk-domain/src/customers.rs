//! Customers (R6, R20) and products (R9): the desk's reference data.

use super::calendar::Calendar;
use super::desk::Desk;
use super::done::Done;
use super::history::{Change, Subject};
use super::ids::CustomerId;
use super::model::{Contact, Customer, Product, TaxExemption};
use super::refusal::{Hint, Refusal, ensure, require};
use super::wording;
use chrono::NaiveDate;

pub(crate) fn add_customer(
    desk: &mut Desk,
    name: String,
    calendar: Calendar,
    now: super::model::Instant,
) -> Result<Done, Refusal> {
    require(&name, "the customer's name")?;
    ensure(!desk.customers.iter().any(|c| c.name.eq_ignore_ascii_case(&name)), || {
        Refusal::invalid(format!("a customer named '{name}' exists already"))
    })?;
    calendar.validate(now).map_err(|e| e.refusal("the business calendar is not usable: "))?;
    let id = desk.next_customer_id()?;
    let mut calendar = calendar;
    calendar.holidays.sort();
    calendar.holidays.dedup();
    let what = wording::customer_added(id, &name, &calendar);
    desk.customers.push(Customer {
        id,
        name,
        calendar,
        calendar_changes: Vec::new(),
        contacts: Vec::new(),
        tax_exemption: None,
    });
    let mut done = Done::one(Subject::Customer(id), what);
    done.created.push(Subject::Customer(id));
    Ok(done)
}

pub(crate) fn find_customer(desk: &Desk, id: CustomerId) -> Result<&Customer, Refusal> {
    desk.customer(id)
        .ok_or_else(|| Refusal::invalid(format!("there is no customer {id}")).hint(Hint::SeeCustomers))
}

/// R6: a contact, possibly the one on duty round the clock.
pub(crate) fn add_contact(
    desk: &mut Desk,
    customer: CustomerId,
    name: String,
    reach: String,
    on_duty_24x7: bool,
) -> Result<Done, Refusal> {
    find_customer(desk, customer)?;
    require(&name, "the contact's name")?;
    let what = wording::contact_added(&name, on_duty_24x7);
    let c = desk.customer_mut(customer).expect("checked");
    let before = contacts_text(&c.contacts);
    c.contacts.push(Contact { name, reach, on_duty_24x7 });
    let change = Change::new("contacts", before, contacts_text(&c.contacts));
    Ok(Done::one(Subject::Customer(customer), what).changed(change))
}

/// R21: a customer's contacts in one line, for history's before and after.
fn contacts_text(contacts: &[Contact]) -> String {
    let one = |c: &Contact| {
        let reach = if c.reach.is_empty() { String::new() } else { format!(" {}", c.reach) };
        let duty = if c.on_duty_24x7 { " (on duty 24x7)" } else { "" };
        format!("{}{reach}{duty}", c.name)
    };
    contacts.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// R20: records the exemption document (replacing an earlier one).
pub(crate) fn set_tax_exemption(
    desk: &mut Desk,
    customer: CustomerId,
    reference: String,
    received: NaiveDate,
    expires: Option<NaiveDate>,
) -> Result<Done, Refusal> {
    find_customer(desk, customer)?;
    require(&reference, "the exemption document's reference")?;
    if let Some(end) = expires {
        ensure(end > received, || {
            Refusal::rule(20, format!("the exemption expires ({end}) before it was received ({received})"))
        })?;
    }
    let what = wording::tax_exemption_on_file(&reference, received, expires);
    let c = desk.customer_mut(customer).expect("checked");
    let text = |t: &TaxExemption| {
        let until = t.expires.map_or("no expiry".to_string(), |d| format!("valid until {d}"));
        format!("document {}, received {}, {until}", t.reference, t.received)
    };
    let before = c.tax_exemption.as_ref().map(text).unwrap_or_default();
    let exemption = TaxExemption { reference, received, expires };
    let change = Change::new("tax exemption", before, text(&exemption));
    c.tax_exemption = Some(exemption);
    Ok(Done::one(Subject::Customer(customer), what).changed(change))
}

/// R9: a product with the ends of its mainstream and extended support.
pub(crate) fn add_product(
    desk: &mut Desk,
    name: String,
    mainstream_end: NaiveDate,
    extended_end: NaiveDate,
) -> Result<Done, Refusal> {
    require(&name, "the product's name")?;
    ensure(!desk.products.iter().any(|p| p.name.eq_ignore_ascii_case(&name)), || {
        Refusal::invalid(format!("a product named '{name}' exists already"))
    })?;
    ensure(mainstream_end <= extended_end, || {
        Refusal::rule(
            9,
            format!(
                "mainstream support ({mainstream_end}) must end no later than extended support ({extended_end})"
            ),
        )
    })?;
    let id = desk.next_product_id()?;
    let what = wording::product_added(id, &name, mainstream_end, extended_end);
    desk.products.push(Product { id, name, mainstream_end, extended_end });
    let mut done = Done::one(Subject::Product(id), what);
    done.created.push(Subject::Product(id));
    Ok(done)
}
