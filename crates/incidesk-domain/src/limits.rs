//! The limits of what the desk can count: the years its dates and instants
//! may fall in, and the last id of each kind. A command past them is refused
//! before anything changes, with the range it must keep to, instead of
//! writing a desk that the store then finds broken (or wrapping an id round).

use super::command::Command;
use super::desk::Desk;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::Instant;
use super::refusal::{Hint, Refusal};
use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;

/// The years a command's dates, and the clock it runs at, may fall in.
///
/// Narrower than [`STORED_YEARS`] on both sides so that what the desk derives
/// from them stays storable: a customer's local date may be a day before the
/// UTC one (year 1 gives at worst year 0), a pack expires a year after its
/// purchase, and a business-hours due time is searched up to 400 days
/// ([`crate::sla::SEARCH_DAYS`]) ahead.
pub const YEARS: RangeInclusive<i32> = 1..=9900;

/// How many years past [`YEARS`] something derived may fall: a year of pack
/// expiry and the due-time search fit with room to spare.
const DERIVED_YEARS_AHEAD: i32 = 99;

/// The years a date or instant of a stored desk may fall in (the store's
/// validator refuses others): those RFC 3339 can write, which is [`YEARS`]
/// and what may be derived from them.
pub const STORED_YEARS: RangeInclusive<i32> =
    RangeInclusive::new(*YEARS.start() - 1, *YEARS.end() + DERIVED_YEARS_AHEAD);

fn years_text() -> String {
    format!("the years {} to {}", YEARS.start(), YEARS.end())
}

/// A date the command carries, `what` naming it for people.
fn date_in_range(what: &str, date: NaiveDate) -> Result<(), Refusal> {
    if YEARS.contains(&date.year()) {
        return Ok(());
    }
    Err(Refusal::invalid(format!(
        "{what} {date} is out of range: dates must fall in {}; give a date within them",
        years_text()
    )))
}

/// The clock a command runs at.
pub(crate) fn clock_in_range(now: Instant) -> Result<(), Refusal> {
    if YEARS.contains(&now.year()) {
        return Ok(());
    }
    Err(Refusal::invalid(format!(
        "the clock says {}, out of range: the time must fall in {}",
        now.format("%Y-%m-%d %H:%M UTC"),
        years_text()
    ))
    .hint(Hint::CheckClock))
}

impl Command {
    /// Every date the command carries, and the clock it runs at, within
    /// [`YEARS`]. [`Desk::execute`] checks this before any handler runs, so
    /// that each surface gets the same refusal.
    pub fn check_limits(&self, now: Instant) -> Result<(), Refusal> {
        clock_in_range(now)?;
        match self {
            Command::AddCustomer { calendar, .. } => {
                let special = calendar.special_days.iter().flat_map(|d| d.dates());
                calendar
                    .holidays
                    .iter()
                    .copied()
                    .chain(special)
                    .try_for_each(|d| date_in_range("the holiday", d))
            }
            Command::EditCalendar { edit, from, .. } => {
                let days = edit.add.iter().chain(&edit.remove).flat_map(|d| d.dates());
                days.chain(*from).try_for_each(|d| date_in_range("the calendar's date", d))
            }
            Command::SetTaxExemption { received, expires, .. } => {
                date_in_range("the date the exemption was received", *received)?;
                expires.iter().try_for_each(|d| date_in_range("the exemption's expiry", *d))
            }
            Command::AddProduct { mainstream_end, extended_end, .. } => {
                date_in_range("the end of mainstream support", *mainstream_end)?;
                date_in_range("the end of extended support", *extended_end)
            }
            Command::BuyPack { purchased, .. } => {
                purchased.iter().try_for_each(|d| date_in_range("the purchase date", *d))
            }
            _ => Ok(()),
        }
    }
}

/// The id after `last` of a kind, refused when `last` is the last one a
/// `u32` can hold: ids are never reused or wrapped round (their history is
/// their own).
fn after<T>(last: u32, make: fn(u32) -> T, prefix: &str, noun: &str, plural: &str) -> Result<T, Refusal> {
    last.checked_add(1).map(make).ok_or_else(|| {
        Refusal::invalid(format!(
            "the desk has issued the last {noun} id {prefix}-{last}: no more {plural} can be added to it; \
             start a new desk file for new ones"
        ))
    })
}

impl Desk {
    pub fn next_customer_id(&self) -> Result<CustomerId, Refusal> {
        let last = self.customers.last().map_or(0, |x| x.id.0).max(self.issued.customer);
        after(last, CustomerId, CustomerId::PREFIX, CustomerId::NOUN, "customers")
    }

    pub fn next_product_id(&self) -> Result<ProductId, Refusal> {
        let last = self.products.last().map_or(0, |x| x.id.0).max(self.issued.product);
        after(last, ProductId, ProductId::PREFIX, ProductId::NOUN, "products")
    }

    pub fn next_pack_id(&self) -> Result<PackId, Refusal> {
        let last = self.packs.last().map_or(0, |x| x.id.0).max(self.issued.pack);
        after(last, PackId, PackId::PREFIX, PackId::NOUN, "packs")
    }

    pub fn next_incident_id(&self) -> Result<IncidentId, Refusal> {
        self.next_incident_ids(1).map(|ids| ids[0])
    }

    /// The ids of `count` new incidents (a split opens several at once): all
    /// of them or a refusal, so that a split never stops half-way.
    pub fn next_incident_ids(&self, count: usize) -> Result<Vec<IncidentId>, Refusal> {
        let mut last = self.incidents.last().map_or(0, |x| x.id.0).max(self.issued.incident);
        let mut ids = Vec::with_capacity(count);
        for _ in 0..count {
            let id = after(last, IncidentId, IncidentId::PREFIX, IncidentId::NOUN, "incidents")?;
            last = id.0;
            ids.push(id);
        }
        Ok(ids)
    }
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;
