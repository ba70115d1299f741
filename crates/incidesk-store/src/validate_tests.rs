//! Worked examples of the checks: a consistent desk, and desks broken one way each.
use super::*;
use chrono::{NaiveDate, Utc};
use incidesk_domain::*;

fn desk() -> Desk {
    let date = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap_or_default();
    let incident = |id| Incident {
        id: IncidentId(id),
        title: String::new(),
        customer: CustomerId(1),
        product: ProductId(1),
        account: String::new(),
        pack: PackId(1),
        category: Category::Support,
        severity: Severity::C,
        coverage: Coverage::RoundTheClock,
        submitted: Utc::now(),
        engineer: String::new(),
        problem: ProblemStatement {
            text: String::new(),
            agreed_with: String::new(),
            agreed_by: String::new(),
            agreed_at: Utc::now(),
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
            order_number: String::new(),
            purchaser: String::new(),
            owner: String::new(),
            purchased: date,
            ledger: vec![],
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

fn line(kind: LedgerKind) -> LedgerLine {
    LedgerLine { at: Utc::now(), kind, incident: IncidentId(1), reason: String::new() }
}

#[test]
fn a_consistent_desk_has_no_problems() {
    let mut d = desk();
    d.incidents[1].split_from = Some(IncidentId(1));
    d.incidents[0].split_into = vec![IncidentId(2)];
    d.packs[0].ledger = vec![line(LedgerKind::Debit); 5];
    d.packs[0].ledger.push(line(LedgerKind::Refund));
    d.packs[0].ledger.push(line(LedgerKind::Debit));
    assert_eq!(messages(&d), Vec::<String>::new());
}

#[test]
fn ids_must_be_unique_and_increasing() {
    let mut d = desk();
    d.incidents.push(d.incidents[0].clone());
    d.incidents[0].id = IncidentId(3);
    assert_eq!(
        messages(&d),
        [
            "incidents[1] (I-2): id I-2 comes after I-3: each list must be in increasing order of id",
            "incidents[2] (I-1): id I-1 comes after I-2: each list must be in increasing order of id",
        ]
    );
    d.incidents[2].id = IncidentId(3);
    assert!(messages(&d)[1].contains("id I-3 is also used by incidents[0]"));
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
    let problems = problems(&d);
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
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
        messages(&d),
        [
            "packs[0] (P-1) ledger[0]: incident I-9 does not exist",
            "packs[0] (P-1) ledger[5]: this debit makes 6 debits against 5 credits and 0 refunds: the balance would go below zero",
        ]
    );
    d.packs[0].ledger = vec![line(LedgerKind::Refund), line(LedgerKind::Refund)];
    assert_eq!(messages(&d).len(), 1, "one break per pack");
}

#[test]
fn references_products_and_calendars() {
    let mut d = desk();
    d.packs.push(Pack { id: PackId(2), customer: CustomerId(5), ..d.packs[0].clone() });
    d.incidents[0].pack = PackId(2);
    d.incidents[1].product = ProductId(3);
    d.products[0].extended_end = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    d.customers[0].calendar.hours = WeeklyHours::default();
    d.history.push(HistoryEntry {
        at: Utc::now(),
        who: String::new(),
        subject: Subject::Pack(PackId(4)),
        what: String::new(),
    });
    let m = messages(&d);
    assert_eq!(m.len(), 6, "{m:#?}");
    assert!(m[0].starts_with("customers[0] (C-1): calendar: the weekly hours have no open period"));
    assert!(m[1].starts_with("products[0] (PR-1): mainstream_end 2025-01-10 is after extended_end"));
    assert_eq!(m[2], "packs[1] (P-2): customer C-5 does not exist");
    assert_eq!(
        m[3],
        "incidents[0] (I-1): pack P-2 belongs to customer C-5, not to the incident's customer C-1"
    );
    assert_eq!(m[4], "incidents[1] (I-2): product PR-3 does not exist");
    assert_eq!(m[5], "history[0]: subject P-4 does not exist");
}
