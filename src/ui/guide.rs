//! A guided first start: on a desk that lacks what an incident needs, the
//! next step to take, in the order they depend on each other (a customer,
//! a product, a pack, then the incident), with the keys that take it.

use super::keymap::{Action, DialogKind, Screen, label_of};
use crate::domain::{Desk, Instant};

/// What the desk still lacks before an incident can be taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Customer,
    Product,
    Pack,
}

/// The first thing missing, or `None` when an intake can be made (some
/// customer owns a pack with a credit to use today).
pub fn missing(desk: &Desk, now: Instant) -> Option<Missing> {
    if desk.customers.is_empty() {
        return Some(Missing::Customer);
    }
    if desk.products.is_empty() {
        return Some(Missing::Product);
    }
    let usable = desk.packs.iter().any(|p| p.available_on(desk.local_date(p.customer, now)) > 0);
    (!usable).then_some(Missing::Pack)
}

/// The next step in words, keys included, e.g. "No customer yet: press N …".
pub fn next_step(missing: Missing) -> String {
    let key = |kind| label_of(Action::Dialog(kind));
    let (new_customer, product, pack, intake) = (
        key(DialogKind::NewCustomer),
        key(DialogKind::NewProduct),
        key(DialogKind::BuyPack),
        key(DialogKind::NewIncident),
    );
    let packs = label_of(Action::Show(Screen::Packs));
    match missing {
        Missing::Customer => format!(
            "No customer yet: press {new_customer} to add the first one, then {product} a product, \
             {packs} and {pack} a pack, then {intake} an incident."
        ),
        Missing::Product => format!(
            "No product yet: press {product} to add one, then {packs} and {pack} a pack, then {intake} an incident."
        ),
        Missing::Pack => format!(
            "No pack with a credit to use: press {packs}, choose the customer and press {pack} to buy one, \
             then {intake} an incident."
        ),
    }
}

/// Why an intake can't open yet and what to do first, if so.
pub fn intake_blocked(desk: &Desk, now: Instant) -> Option<String> {
    missing(desk, now).map(next_step)
}
