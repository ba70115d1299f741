//! Worked examples of the checks: a consistent desk, and desks broken one way each.
use super::*;
use chrono::{NaiveDate, TimeZone, Utc};
use incidesk_domain::*;

/// When everything on the test desk happened.
fn t0() -> Instant {
    "2025-01-10T09:00:00Z".parse().unwrap()
}

/// C-1, PR-1, P-1 paying for I-1 and I-2 (open), every required text given.
fn desk() -> Desk {
    let date = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap_or_default();
    let incident = |id| Incident {
        id: IncidentId(id),
        title: "Mail down".into(),
        customer: CustomerId(1),
        product: ProductId(1),
        account: "ada".into(),
        pack: PackId(1),
        category: Category::Support,
        severity: Severity::C,
        coverage: Coverage::RoundTheClock,
        submitted: t0(),
        engineer: "eve".into(),
        problem: ProblemStatement {
            text: "No mail".into(),
            agreed_with: "ada".into(),
            agreed_by: "eve".into(),
            agreed_at: t0(),
            amendments: vec![],
        },
        first_response: None,
        contacts: vec![],
        proposals: vec![],
        severity_changes: vec![],
        breaches: vec![],
        split_from: None,
        split_into: vec![],
        closed: None,
        billing: None,
    };
    Desk {
        customers: vec![Customer {
            id: CustomerId(1),
            name: "Acme".into(),
            calendar: Calendar::office(chrono_tz::UTC),
            contacts: vec![],
            tax_exemption: None,
            calendar_changes: Vec::new(),
        }],
        products: vec![Product {
            id: ProductId(1),
            name: "Vault".into(),
            mainstream_end: date,
            extended_end: date,
        }],
        packs: vec![Pack {
            id: PackId(1),
            customer: CustomerId(1),
            order_number: "O-1".into(),
            purchaser: "ada".into(),
            owner: "ada".into(),
            purchased: date,
            ledger: vec![debit(1), debit(2)],
            transfers: vec![],
        }],
        incidents: vec![incident(1), incident(2)],
        history: vec![],
        issued: Default::default(),
        archive: Default::default(),
    }
}

fn messages(d: &Desk) -> Vec<String> {
    problems(d).iter().map(ToString::to_string).collect()
}

/// The problems whose text contains `word`: a test of one check ignores the
/// others its broken desk trips as well.
fn about(d: &Desk, word: &str) -> Vec<String> {
    messages(d).into_iter().filter(|m| m.contains(word)).collect()
}

fn line(kind: LedgerKind) -> LedgerLine {
    LedgerLine { at: t0(), kind, incident: IncidentId(1), reason: String::new() }
}

fn debit(incident: u32) -> LedgerLine {
    LedgerLine { incident: IncidentId(incident), ..line(LedgerKind::Debit) }
}

fn refund(incident: u32) -> LedgerLine {
    LedgerLine { incident: IncidentId(incident), ..line(LedgerKind::Refund) }
}

/// I-1 closed as withdrawn at `t0` plus an hour, billed as `decision` then.
fn close_and_bill(d: &mut Desk, decision: Decision) {
    let at = t0() + chrono::TimeDelta::hours(1);
    d.incidents[0].closed =
        Some(Closed { how: Closing::Withdrawn, at, by: "eve".into(), note: String::new() });
    d.incidents[0].billing = Some(BillingDecision {
        decision,
        reason: "Goodwill".into(),
        product_defect: false,
        at,
        by: "eve".into(),
    });
}

#[test]
fn a_consistent_desk_has_no_problems() {
    let mut d = desk();
    d.incidents[1].split_from = Some(IncidentId(1));
    d.incidents[0].split_into = vec![IncidentId(2)];
    close_and_bill(&mut d, Decision::Refund);
    d.packs[0].ledger.push(refund(1));
    assert_eq!(messages(&d), Vec::<String>::new());
}

#[test]
fn ids_must_be_unique_and_increasing() {
    let mut d = desk();
    d.incidents.push(d.incidents[0].clone());
    d.incidents[0].id = IncidentId(3);
    assert_eq!(
        about(&d, ": id "),
        [
            "incidents[1] (I-2): id I-2 comes after I-3: each list must be in increasing order of id",
            "incidents[2] (I-1): id I-1 comes after I-2: each list must be in increasing order of id",
        ]
    );
    d.incidents[2].id = IncidentId(3);
    assert!(about(&d, ": id ")[1].contains("id I-3 is also used by incidents[0]"));
}

#[test]
fn splits_must_be_mutual() {
    let mut d = desk();
    d.incidents[0].split_into = vec![IncidentId(2), IncidentId(7)];
    d.incidents[1].split_from = Some(IncidentId(2));
    assert_eq!(
        messages(&d),
        [
            "incidents[0] (I-1): split_into lists I-2, but I-2's split_from is I-2",
            "incidents[0] (I-1): split_into I-7 does not exist",
            "incidents[1] (I-2): split_from I-2 is the incident itself",
        ]
    );
}

#[test]
fn dates_must_be_plausible() {
    let mut d = desk();
    d.incidents[0].submitted = "+262142-12-31T23:59:59Z".parse().unwrap();
    d.products[0].mainstream_end = NaiveDate::from_ymd_opt(-5, 1, 1).unwrap();
    d.products[0].extended_end = d.products[0].mainstream_end;
    let messages = about(&d, "plausible");
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("products[0] (PR-1): mainstream_end: -0005-01-01 is not a plausible date")
    );
    assert!(messages[1].starts_with("products[0] (PR-1): extended_end: -0005-01-01"));
    assert!(messages[2].starts_with("incidents[0] (I-1): submitted: +262142-12-31 is not a plausible date"));
    assert!(messages[2].ends_with("the years 0 to 9999"));
}

#[test]
fn ledger_balance_never_goes_below_zero() {
    let mut d = desk();
    d.packs[0].ledger = vec![line(LedgerKind::Debit); 6];
    d.packs[0].ledger[0].incident = IncidentId(9);
    assert_eq!(
        about(&d, "packs[0] (P-1) ledger["),
        [
            "packs[0] (P-1) ledger[0]: incident I-9 does not exist",
            "packs[0] (P-1) ledger[5]: this debit makes 6 debits against 5 credits and 0 refunds: the balance would go below zero",
        ]
    );
    d.packs[0].ledger = vec![line(LedgerKind::Refund), line(LedgerKind::Refund)];
    assert_eq!(about(&d, "a pack can't refund more").len(), 1, "one break per pack");
}

#[test]
fn references_products_and_calendars() {
    let mut d = desk();
    d.packs.push(Pack {
        id: PackId(2),
        customer: CustomerId(5),
        ledger: vec![debit(1)],
        ..d.packs[0].clone()
    });
    d.packs[0].ledger.remove(0);
    d.incidents[0].pack = PackId(2);
    d.incidents[1].product = ProductId(3);
    d.products[0].extended_end = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    d.customers[0].calendar.hours = WeeklyHours::default();
    d.history.push(HistoryEntry {
        at: Utc::now(),
        who: String::new(),
        subject: Subject::Pack(PackId(4)),
        what: String::new(),
        change: None,
    });
    let m = messages(&d);
    assert_eq!(m.len(), 6, "{m:#?}");
    assert!(
        m[0].starts_with("customers[0] (C-1): calendar: open hours: the weekly hours have no open period")
    );
    assert!(m[1].starts_with("products[0] (PR-1): mainstream_end 2025-01-10 is after extended_end"));
    assert_eq!(m[2], "packs[1] (P-2): customer C-5 does not exist");
    assert_eq!(
        m[3],
        "incidents[0] (I-1): pack P-2 belongs to customer C-5, not to the incident's customer C-1"
    );
    assert_eq!(m[4], "incidents[1] (I-2): product PR-3 does not exist");
    assert_eq!(m[5], "history[0]: subject P-4 does not exist");
}

#[test]
fn r14_an_incident_without_its_debit_is_named() {
    let mut d = desk();
    d.packs[0].ledger.remove(1);
    assert_eq!(messages(&d), ["incidents[1] (I-2): paid from P-1 but P-1's ledger has no debit for I-2"]);
    d.packs[0].ledger.push(debit(1));
    assert!(about(&d, "P-1's ledger has 2 debits for I-1: an incident takes one credit").len() == 1);
}

#[test]
fn r14_r16_a_debit_in_another_customers_pack_is_named() {
    let mut d = desk();
    d.customers.push(Customer { id: CustomerId(2), name: "Fabrikam".into(), ..d.customers[0].clone() });
    let other = Pack { id: PackId(2), customer: CustomerId(2), ledger: vec![debit(2)], ..d.packs[0].clone() };
    d.packs.push(other);
    d.packs[0].ledger.remove(1);
    assert_eq!(
        messages(&d),
        [
            "packs[1] (P-2) ledger[0]: a debit for I-2 in P-2 (of customer C-2, not the incident's C-1), but I-2 is paid from P-1: its lines belong in that pack's ledger",
            "incidents[1] (I-2): paid from P-1 but P-1's ledger has no debit for I-2",
        ]
    );
}

#[test]
fn r14_a_refund_decision_and_refund_lines_go_together() {
    let mut d = desk();
    close_and_bill(&mut d, Decision::Refund);
    assert_eq!(
        messages(&d),
        [
            "incidents[0] (I-1): billed as a refund but P-1's ledger has no refund for I-1: a refund puts the credit back (R14)"
        ]
    );
    close_and_bill(&mut d, Decision::Charge);
    d.packs[0].ledger.push(refund(1));
    assert_eq!(
        messages(&d),
        [
            "incidents[0] (I-1): P-1's ledger has a refund for I-1, but its billing is a charge: only a refund decision puts a credit back (R14)"
        ]
    );
}

#[test]
fn r14_billing_waits_for_the_closing_and_keeps_its_terms() {
    let mut d = desk();
    close_and_bill(&mut d, Decision::Charge);
    d.incidents[0].closed = None;
    assert_eq!(
        messages(&d),
        ["incidents[0] (I-1): billed (charge) but still open: billing is decided once it is closed (R14)"]
    );
    close_and_bill(&mut d, Decision::Charge);
    if let Some(b) = d.incidents[0].billing.as_mut() {
        b.product_defect = true;
    }
    assert!(about(&d, "a product defect is never charged").len() == 1, "{:?}", messages(&d));
}

#[test]
fn nothing_happens_to_an_incident_before_its_submission() {
    let mut d = desk();
    let before = t0() - chrono::TimeDelta::minutes(5);
    d.incidents[1].first_response = Some(FirstResponse { at: before, by: "eve".into(), note: String::new() });
    close_and_bill(&mut d, Decision::Charge);
    if let Some(c) = d.incidents[0].closed.as_mut() {
        c.at = before;
    }
    d.packs[0].ledger[1].at = before;
    assert_eq!(
        messages(&d),
        [
            "packs[0] (P-1) ledger[1]: a debit for I-2 at 2025-01-10 08:55:00 UTC is before I-2 was submitted (2025-01-10 09:00:00 UTC)",
            "incidents[0] (I-1): closed.at 2025-01-10 08:55:00 UTC is before the incident was submitted (2025-01-10 09:00:00 UTC)",
            "incidents[1] (I-2): first_response.at 2025-01-10 08:55:00 UTC is before the incident was submitted (2025-01-10 09:00:00 UTC)",
        ]
    );
}

#[test]
fn required_text_fields_are_not_empty() {
    let mut d = desk();
    d.incidents[0].title = " ".into();
    d.packs[0].owner = String::new();
    d.customers[0].name = String::new();
    assert_eq!(
        messages(&d),
        [
            "customers[0] (C-1): name is empty: it is required, give one",
            "packs[0] (P-1): owner is empty: it is required, give one",
            "incidents[0] (I-1): title is empty: it is required, give one",
        ]
    );
}

#[test]
fn r17_an_incident_paid_from_a_pack_expired_at_its_submission_is_named() {
    let mut d = desk();
    d.packs[0].purchased = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap_or_default();
    assert_eq!(
        about(&d, "I-1"),
        [
            "incidents[0] (I-1): paid from P-1, which expired on 2025-01-10 before I-1 was submitted on 2025-01-10 (R17)"
        ]
    );
}

#[test]
fn r5_calendar_versions_must_be_usable_and_in_order() {
    use incidesk_domain::CalendarVersion;
    let mut d = desk();
    let from = |day| Utc.with_ymd_and_hms(2027, 1, day, 0, 0, 0).unwrap();
    let usable = d.customers[0].calendar.clone();
    let closed = incidesk_domain::Calendar { hours: WeeklyHours::default(), ..usable.clone() };
    d.customers[0].calendar_changes = vec![
        CalendarVersion { from: from(2), calendar: usable.clone() },
        CalendarVersion { from: from(1), calendar: closed },
    ];
    let m = messages(&d);
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].starts_with(
        "customers[0] (C-1): calendar_changes[1]: open hours: the weekly hours have no open period"
    ));
    assert!(m[1].contains("out of order"), "{}", m[1]);
    d.customers[0].calendar_changes.truncate(1);
    assert!(messages(&d).is_empty(), "one later version in order is fine");
}
