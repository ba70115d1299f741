//! Dates, clocks and ids at the desk's limits are refused before anything
//! changes, naming what was wrong and the range to keep to.
use super::*;
use crate::calendar::Calendar;
use crate::model::{Category, Coverage, Severity};
use chrono::{TimeZone, Utc};

const ADA: &str = "ada@contoso.com";

fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn run(desk: &mut Desk, command: Command) {
    desk.execute(command.clone(), now(), "eve").unwrap_or_else(|r| panic!("{command:?}: {r}"));
}

/// The refusal of `command` at `at`; the desk must be unchanged.
fn refused_at(desk: &Desk, command: Command, at: Instant) -> Refusal {
    let mut d = desk.clone();
    let r = d.execute(command, at, "eve").expect_err("must be refused");
    assert_eq!(d, *desk, "a refused command changes nothing");
    r
}

fn refused(desk: &Desk, command: Command) -> Refusal {
    refused_at(desk, command, now())
}

/// C-1 Contoso, PR-1, P-1 of ADA.
fn desk() -> Desk {
    let mut d = Desk::default();
    run(&mut d, Command::AddCustomer { name: "Contoso".into(), calendar: Calendar::office(chrono_tz::UTC) });
    let end = date(2030, 1, 1);
    run(&mut d, Command::AddProduct { name: "Mail".into(), mainstream_end: end, extended_end: end });
    run(&mut d, buy("O-1", None));
    d
}

fn buy(order: &str, purchased: Option<NaiveDate>) -> Command {
    Command::BuyPack { customer: CustomerId(1), account: ADA.into(), order_number: order.into(), purchased }
}

fn open() -> Command {
    Command::OpenIncident {
        customer: CustomerId(1),
        account: ADA.into(),
        product: ProductId(1),
        category: Category::Support,
        severity: Severity::B,
        coverage: Coverage::BusinessHours,
        title: "Mail down".into(),
        problem: "No mail".into(),
        agreed_with: String::new(),
        pack: None,
    }
}

fn says_range(r: &Refusal) {
    assert!(r.why.contains("the years 1 to 9900"), "names the allowed range: {r}");
    assert!(r.why.contains("out of range"), "says what is wrong: {r}");
}

#[test]
fn derived_dates_stay_inside_what_the_store_accepts() {
    // A pack bought on the last day expires a year on; a due time is searched SEARCH_DAYS ahead.
    let last = date(*YEARS.end(), 12, 31);
    let expiry = crate::model::expiry_of(last);
    assert!(STORED_YEARS.contains(&expiry.year()));
    let search = last + chrono::Days::new(u64::from(crate::sla::SEARCH_DAYS) + 2);
    assert!(STORED_YEARS.contains(&search.year()));
    // A local date a day before the first UTC day.
    assert!(STORED_YEARS.contains(&(date(*YEARS.start(), 1, 1) - chrono::Days::new(1)).year()));
}

#[test]
fn holiday_out_of_range_is_refused() {
    let mut calendar = Calendar::office(chrono_tz::UTC);
    calendar.holidays = vec![date(2026, 12, 24), date(-1, 1, 1)];
    let r = refused(&desk(), Command::AddCustomer { name: "Fabrikam".into(), calendar });
    assert!(r.why.contains("the holiday -0001-01-01"), "{r}");
    says_range(&r);
}

#[test]
fn r20_tax_exemption_dates_out_of_range_are_refused() {
    let command = |received, expires| Command::SetTaxExemption {
        customer: CustomerId(1),
        reference: "TX-1".into(),
        received,
        expires,
    };
    let r = refused(&desk(), command(date(0, 6, 1), None));
    assert!(r.why.contains("received 0000-06-01"), "{r}");
    says_range(&r);
    let r = refused(&desk(), command(date(2026, 1, 1), Some(date(9999, 1, 1))));
    assert!(r.why.contains("expiry 9999-01-01"), "{r}");
}

#[test]
fn r9_product_support_ends_out_of_range_are_refused() {
    let command = |m, e| Command::AddProduct { name: "Far".into(), mainstream_end: m, extended_end: e };
    let r = refused(&desk(), command(date(2026, 1, 1), date(9950, 1, 1)));
    assert!(r.why.contains("extended support 9950-01-01"), "{r}");
    let r = refused(&desk(), command(date(0, 1, 1), date(2030, 1, 1)));
    assert!(r.why.contains("mainstream support 0000-01-01"), "{r}");
}

#[test]
fn r17_pack_purchase_date_out_of_range_is_refused() {
    let r = refused(&desk(), buy("O-2", Some(date(0, 2, 29))));
    assert!(r.why.contains("purchase date 0000-02-29"), "{r}");
    says_range(&r);
}

#[test]
fn a_clock_out_of_range_is_refused_for_every_command() {
    let far = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
    let r = refused_at(&desk(), buy("O-2", None), far);
    assert!(r.why.contains("the clock says 9999-12-31 23:59 UTC"), "{r}");
    assert_eq!(r.hint, Some(Hint::CheckClock));
    says_range(&r);
    let early = Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap();
    refused_at(&desk(), open(), early);
    // The last day of the range still works, and so does its expiry.
    let last = Utc.with_ymd_and_hms(*YEARS.end(), 12, 31, 23, 0, 0).unwrap();
    let mut d = desk();
    d.execute(buy("O-3", None), last, "eve").unwrap();
}

#[test]
fn the_last_incident_id_is_refused_and_never_wraps() {
    let mut d = desk();
    d.issued.incident = u32::MAX - 1;
    run(&mut d, open());
    assert_eq!(d.incidents.last().map(|i| i.id), Some(IncidentId(u32::MAX)));
    let r = refused(&d, open());
    assert!(r.why.contains("the desk has issued the last incident id I-4294967295"), "{r}");
    assert!(r.why.contains("start a new desk file"), "says what to do: {r}");
}

#[test]
fn r1_a_split_past_the_last_incident_id_is_refused_whole() {
    let mut d = desk();
    d.issued.incident = u32::MAX - 2;
    run(&mut d, open()); // I-4294967294; one id is left, two are asked for.
    let split = Command::Split { incident: IncidentId(u32::MAX - 1), into: vec!["A".into(), "B".into()] };
    let r = refused(&d, split);
    assert!(r.why.contains("last incident id I-4294967295"), "{r}");
}

#[test]
fn the_last_customer_product_and_pack_ids_are_refused() {
    let mut d = desk();
    d.issued = crate::desk::Issued { customer: u32::MAX, product: u32::MAX, pack: u32::MAX, incident: 0 };
    let r =
        refused(&d, Command::AddCustomer { name: "F".into(), calendar: Calendar::office(chrono_tz::UTC) });
    assert!(r.why.contains("last customer id C-4294967295"), "{r}");
    let end = date(2030, 1, 1);
    let r = refused(&d, Command::AddProduct { name: "P".into(), mainstream_end: end, extended_end: end });
    assert!(r.why.contains("last product id PR-4294967295"), "{r}");
    let r = refused(&d, buy("O-9", None));
    assert!(r.why.contains("last pack id P-4294967295"), "{r}");
}

#[test]
fn r14_billing_at_a_clock_before_the_closing_is_refused() {
    use crate::model::{Closing, Decision};
    let mut d = desk();
    run(&mut d, open());
    let id = IncidentId(1);
    run(&mut d, Command::Close { incident: id, how: Closing::Withdrawn, note: String::new() });
    let bill = Command::Bill {
        incident: id,
        decision: Decision::Refund,
        reason: "Goodwill".into(),
        product_defect: false,
    };
    let r = refused_at(&d, bill.clone(), now() - chrono::TimeDelta::hours(1));
    assert!(r.why.contains("before I-1 was closed"), "{r}");
    assert_eq!(r.hint, Some(Hint::CheckClock));
    run(&mut d, bill);
}
