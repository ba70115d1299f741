//! The rules a change is checked against, one function per rule, each giving
//! the very refusal the command gives: the commands call these, and a surface
//! calls them too to say beforehand that a choice would be refused.

use super::customers::find_customer;
use super::desk::Desk;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Category, Closing, Coverage, Decision, Incident, Instant, Phase};
use super::refusal::{Hint, Refusal, Rule, ensure};
use super::{packs, scope};
use chrono::NaiveDate;

/// R10, R11: only `support` requests become incidents.
pub fn in_scope(category: Category) -> Result<(), Refusal> {
    scope::check_category(category)
}

/// R9: a product takes incidents until its extended support ends on `date`.
pub fn product_eligible(desk: &Desk, product: ProductId, date: NaiveDate) -> Result<(), Refusal> {
    let prod = desk
        .product(product)
        .ok_or_else(|| Refusal::invalid(format!("there is no product {product}")).hint(Hint::SeeProducts))?;
    ensure(prod.phase_on(date) != Phase::Ended, || {
        Refusal::rule(
            9,
            format!(
                "{} is not eligible: its extended support ended on {} (R10: ended products are out of scope)",
                prod.name, prod.extended_end
            ),
        )
    })
}

/// R6: 24x7 coverage needs a contact of the customer on duty round the clock.
pub fn coverage(desk: &Desk, customer: CustomerId, coverage: Coverage) -> Result<(), Refusal> {
    let cust = find_customer(desk, customer)?;
    if coverage == Coverage::RoundTheClock {
        ensure(cust.on_duty_contact().is_some(), || {
            Refusal::rule(
                6,
                format!("24x7 coverage needs a contact at {} reachable round the clock", cust.name),
            )
            .hint(Hint::AddContactOnDuty24x7 { customer })
        })?;
    }
    Ok(())
}

/// R9 and R6, for an intake and for each incident split off later.
pub fn eligible(
    desk: &Desk,
    customer: CustomerId,
    product: ProductId,
    coverage: Coverage,
    date: NaiveDate,
) -> Result<(), Refusal> {
    find_customer(desk, customer)?;
    product_eligible(desk, product, date)?;
    self::coverage(desk, customer, coverage)
}

/// R16, R17, R14: `account` owns a pack of `customer` with a credit to use
/// on `date` (`pack`, if one is named).
pub fn usable_pack(
    desk: &Desk,
    customer: CustomerId,
    account: &str,
    date: NaiveDate,
    pack: Option<PackId>,
) -> Result<(), Refusal> {
    packs::choose(desk, customer, account, date, 1, pack).map(drop)
}

/// R8: an incident has one first response; later ones are contacts.
pub fn first_response(incident: &Incident) -> Result<(), Refusal> {
    match &incident.first_response {
        Some(r) => Err(Refusal::rule(
            8,
            format!(
                "{} already had its first response on {} by {}: log further contacts instead",
                incident.id,
                r.at.format("%Y-%m-%d %H:%M UTC"),
                r.by
            ),
        )),
        None => Ok(()),
    }
}

/// R12: closing as resolved needs a proposed solution first.
pub fn closing(incident: &Incident, how: Closing) -> Result<(), Refusal> {
    if how == Closing::Resolved {
        ensure(!incident.proposals.is_empty(), || {
            Refusal::rule(
                12,
                format!(
                    "{} has no proposed solution: propose one first, or close it as unresolved (R13)",
                    incident.id
                ),
            )
        })?;
    }
    Ok(())
}

/// R14: billing is decided once, after the closing; a product defect is
/// always refunded, and a resolved incident is refunded only as one.
pub fn billing(incident: &Incident, decision: Decision, product_defect: bool) -> Result<(), Refusal> {
    let id = incident.id;
    if let Some(b) = &incident.billing {
        return Err(Refusal::rule(
            14,
            format!("{id} was already billed: {} on {} ({})", b.decision, b.at.format("%Y-%m-%d"), b.reason),
        ));
    }
    let closed = incident.closed.as_ref().ok_or_else(|| {
        Refusal::rule(14, format!("{id} is still open: billing is decided once it is closed"))
    })?;
    if product_defect {
        ensure(decision == Decision::Refund, || {
            Refusal::rule(14, "an incident caused by a product defect is never charged: refund it")
        })
    } else {
        ensure(closed.how != Closing::Resolved, || {
            Refusal::rule(
                14,
                format!("{id} was resolved and stays charged; only a product defect is refunded"),
            )
            .hint(Hint::MarkProductDefect)
        })
    }
}

/// R1: splitting `into` sub-problems off `incident` at `now`: each is a new
/// submission, so it must be eligible and have a credit of its own.
pub fn split(desk: &Desk, incident: IncidentId, into: &[String], now: Instant) -> Result<(), Refusal> {
    let parent = desk.open_incident(incident, now)?;
    split_packs(desk, parent, into, now).map(drop)
}

/// R1: the packs that pay for the split, one credit per new incident.
pub(crate) fn split_packs(
    desk: &Desk,
    parent: &Incident,
    into: &[String],
    now: Instant,
) -> Result<Vec<PackId>, Refusal> {
    ensure(!into.is_empty(), || Refusal::rule(1, "name at least one sub-problem to split off"))?;
    ensure(into.iter().all(|t| !t.is_empty()), || Refusal::invalid("a sub-problem's title is empty"))?;
    let date = desk.local_date(parent.customer, now);
    eligible(desk, parent.customer, parent.product, parent.coverage, date)?;
    let count = into.len() as u32;
    packs::choose(desk, parent.customer, &parent.account, date, count, None).map_err(|r| Refusal {
        rule: Some(Rule(1)),
        why: format!("splitting {} into {count} more incidents needs {count} credits: {}", parent.id, r.why),
        hint: r.hint,
    })
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
