//! The period report on a desk built by commands: grouping, the figures of
//! each group, and where a day begins (the customer's local day).
use super::*;
use crate::calendar::Calendar;
use crate::command::Command;
use crate::ids::{CustomerId, IncidentId, ProductId};
use crate::model::{Category, Closing, Coverage, Decision};
use chrono::{TimeZone, Utc};

fn at(d: u32, h: u32, m: u32) -> Instant {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn run(desk: &mut Desk, command: Command, when: Instant) {
    desk.execute(command.clone(), when, "eve").unwrap_or_else(|r| panic!("{command:?}: {r}"));
}

fn open(desk: &mut Desk, customer: u32, severity: Severity, when: Instant) -> IncidentId {
    let command = Command::OpenIncident {
        customer: CustomerId(customer),
        account: format!("ops@c{customer}.example"),
        product: ProductId(1),
        category: Category::Support,
        severity,
        coverage: Coverage::BusinessHours,
        title: "Mail down".into(),
        problem: "No mail".into(),
        agreed_with: String::new(),
        pack: None,
    };
    let outcome = desk.execute(command, when, "eve").expect("opened");
    match outcome.subject {
        crate::Subject::Incident(id) => id,
        other => panic!("opened {other}"),
    }
}

/// C-1 Contoso (Stockholm), C-2 Northwind (Tokyo), and four incidents:
/// I-1 Contoso A on the 16th, answered in time, withdrawn and refunded;
/// I-2 Contoso B on the 16th, answered late, resolved (charged), now max's;
/// I-3 Northwind B at 2026-11-17T16:00Z, the 18th in Tokyo, never answered;
/// I-4 Contoso C at 2026-11-17T22:30Z, 23:30 on the 17th in Stockholm, open.
fn desk() -> Desk {
    let mut d = Desk::default();
    let start = at(1, 9, 0);
    for (name, zone) in [("Contoso", chrono_tz::Europe::Stockholm), ("Northwind", chrono_tz::Asia::Tokyo)] {
        run(&mut d, Command::AddCustomer { name: name.into(), calendar: Calendar::office(zone) }, start);
    }
    let end = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    run(&mut d, Command::AddProduct { name: "Mail".into(), mainstream_end: end, extended_end: end }, start);
    for c in [1, 2] {
        let buy = Command::BuyPack {
            customer: CustomerId(c),
            account: format!("ops@c{c}.example"),
            order_number: format!("O-{c}"),
            purchased: None,
        };
        run(&mut d, buy, start);
    }
    let i1 = open(&mut d, 1, Severity::A, at(16, 9, 0));
    run(&mut d, Command::Respond { incident: i1, note: "on it".into() }, at(16, 9, 30));
    let how = Closing::Withdrawn;
    run(&mut d, Command::Close { incident: i1, how, note: String::new() }, at(16, 11, 0));
    let refund = Command::Bill {
        incident: i1,
        decision: Decision::Refund,
        reason: "goodwill".into(),
        product_defect: false,
    };
    run(&mut d, refund, at(16, 12, 0));
    let i2 = open(&mut d, 1, Severity::B, at(16, 10, 0));
    run(&mut d, Command::Assign { incident: i2, engineer: "max".into() }, at(16, 10, 5));
    run(&mut d, Command::Respond { incident: i2, note: "late".into() }, at(19, 10, 0));
    run(&mut d, Command::Propose { incident: i2, text: "restart".into() }, at(19, 11, 0));
    let how = Closing::Resolved;
    run(&mut d, Command::Close { incident: i2, how, note: String::new() }, at(19, 12, 0));
    open(&mut d, 2, Severity::B, at(17, 16, 0));
    open(&mut d, 1, Severity::C, at(17, 22, 30));
    d
}

fn all() -> Period {
    Period::default()
}

#[test]
fn by_customer_counts_each_outcome_once() {
    let r = period_report(&desk(), all(), GroupBy::Customer, at(25, 12, 0));
    let keys: Vec<&str> = r.rows.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["C-1", "C-2"]);
    let contoso = &r.rows[0];
    assert_eq!(contoso.label, "Contoso");
    assert_eq!((contoso.incidents, contoso.met, contoso.missed), (3, 1, 1));
    assert_eq!(contoso.met_rate, Some(0.5));
    assert_eq!((contoso.credits_used, contoso.refunds), (1, 1));
    // I-4 (severity C, eight business hours) is past due by the 25th.
    assert_eq!(contoso.breaches, 1);
    let northwind = &r.rows[1];
    assert_eq!((northwind.incidents, northwind.met, northwind.missed, northwind.breaches), (1, 0, 0, 1));
    assert_eq!(northwind.met_rate, None, "no first response given");
    assert_eq!(r.total.incidents, 4);
    assert_eq!((r.total.met, r.total.missed, r.total.breaches), (1, 1, 2));
    assert_eq!((r.total.credits_used, r.total.refunds), (1, 1));
}

#[test]
fn by_severity_and_by_engineer_group_the_same_incidents() {
    let desk = desk();
    let now = at(25, 12, 0);
    let r = period_report(&desk, all(), GroupBy::Severity, now);
    let rows: Vec<(&str, u32)> = r.rows.iter().map(|g| (g.key.as_str(), g.incidents)).collect();
    assert_eq!(rows, [("A", 1), ("B", 2), ("C", 1)], "severities in order, only those with incidents");
    assert_eq!(r.rows[0].label, "critical");
    let r = period_report(&desk, all(), GroupBy::Engineer, now);
    let rows: Vec<(&str, u32, u32)> =
        r.rows.iter().map(|g| (g.key.as_str(), g.incidents, g.missed)).collect();
    assert_eq!(rows, [("eve", 3, 0), ("max", 1, 1)]);
}

#[test]
fn a_day_is_the_customers_local_day_both_ends_included() {
    let desk = desk();
    let now = at(25, 12, 0);
    let on = |d: u32| Period { from: Some(day(d)), to: Some(day(d)) };
    let ids = |p: Period| {
        let r = period_report(&desk, p, GroupBy::Customer, now);
        r.rows.iter().map(|g| (g.key.clone(), g.incidents)).collect::<Vec<_>>()
    };
    // 2026-11-17T16:00Z is the 17th in UTC but the 18th in Tokyo: it counts on the 18th.
    assert_eq!(ids(on(17)), [("C-1".to_string(), 1)], "only I-4, 23:30 on the 17th in Stockholm");
    assert_eq!(ids(on(18)), [("C-2".to_string(), 1)]);
    assert_eq!(ids(on(16)), [("C-1".to_string(), 2)]);
    let open_ended = Period { from: Some(day(17)), to: None };
    assert_eq!(period_report(&desk, open_ended, GroupBy::Severity, now).total.incidents, 2);
    let before = Period { from: None, to: Some(day(15)) };
    let r = period_report(&desk, before, GroupBy::Severity, now);
    assert!(r.rows.is_empty() && r.total.incidents == 0 && r.total.met_rate.is_none());
}

#[test]
fn an_unanswered_incident_breaches_only_once_its_due_has_passed() {
    let desk = desk();
    let on_18 = Period { from: Some(day(18)), to: Some(day(18)) };
    // Tokyo office hours from 08:00 on the 18th (JST): not due yet an hour after submission.
    let early = period_report(&desk, on_18, GroupBy::Customer, at(17, 17, 0));
    assert_eq!(early.total.breaches, 0);
    let late = period_report(&desk, on_18, GroupBy::Customer, at(25, 12, 0));
    assert_eq!(late.total.breaches, 1);
}
