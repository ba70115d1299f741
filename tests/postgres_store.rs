//! The PostgreSQL store against a real server (see tests/pg/mod.rs: skipped
//! loudly without one, failed in CI): one transaction per change, others
//! following by LISTEN/NOTIFY, the schema's constraints and versions, and
//! the lead's changes refused by the database itself, whatever the client.

mod common;

use common::pg::TestDb;
use common::*;
use incidesk::domain::*;
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading, Store, StoreError};
use std::time::{Duration, Instant};

/// The rule tests' small desk (tests/common), moved into the database.
fn with_desk(db: &TestDb) {
    db.opener().create(&desk()).unwrap();
}

/// What the server said refusing a statement.
fn message<T: std::fmt::Debug>(result: Result<T, postgres::Error>) -> String {
    let e = result.expect_err("must be refused");
    let db = e.as_db_error().unwrap_or_else(|| panic!("not refused by the server: {e}"));
    format!("{} {}", db.message(), db.constraint().unwrap_or_default())
}

fn revision(db: &TestDb) -> i64 {
    db.client_as("postgres").query_one("SELECT revision FROM desk_state", &[]).unwrap().get(0)
}

fn open_store(db: &TestDb, role: &str) -> Box<dyn Store> {
    db.opener_as(role).open(Reading::Whole).unwrap()
}

fn opened(store: &mut dyn Store) -> IncidentId {
    let (outcome, _) = store
        .apply(open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), now(), "ignored")
        .unwrap()
        .unwrap();
    match outcome.subject {
        Subject::Incident(id) => id,
        other => panic!("opened {other}"),
    }
}

#[test]
fn a_change_is_signed_by_the_role_and_seen_by_another_client_within_a_second() {
    let Some(db) = TestDb::new("a_change_is_signed") else { return };
    with_desk(&db);
    let eng = db.person("eng", Role::Engineer);
    let mut one = open_store(&db, &eng);
    let mut other = open_store(&db, &eng);
    let id = opened(one.as_mut());
    let history = one.desk().history.last().unwrap();
    assert_eq!(history.who, eng, "signed by the database role, not the name passed in");
    assert_eq!(one.desk().incident(id).unwrap().engineer, eng);
    let start = Instant::now();
    while !other.reload_if_changed().unwrap() {
        assert!(start.elapsed() < Duration::from_secs(1), "not seen within a second");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(other.desk(), one.desk(), "the other client reads what was written, nothing else");
    assert_eq!(*open_store(&db, &eng).desk(), *one.desk(), "a fresh read gives the same desk");
    assert!(!other.reload_if_changed().unwrap(), "nothing new: no new desk");
}

#[test]
fn a_refused_command_writes_nothing() {
    let Some(db) = TestDb::new("a_refused_command") else { return };
    with_desk(&db);
    let mut store = open_store(&db, "postgres");
    let before = revision(&db);
    let titles = (0..10).map(|i| format!("part {i}")).collect();
    let id = opened(store.as_mut());
    let after_open = revision(&db);
    assert_eq!(after_open, before + 1);
    let refused = store.apply(Command::Split { incident: id, into: titles }, now(), "x").unwrap();
    assert!(refused.is_err(), "R1: not enough credits");
    assert_eq!(revision(&db), after_open, "a refusal commits nothing");
    let rows: i64 = db.client_as("postgres").query_one("SELECT count(*) FROM incidents", &[]).unwrap().get(0);
    assert_eq!(rows, 1);
}

#[test]
fn a_database_newer_than_incidesk_is_refused_and_never_written() {
    let Some(db) = TestDb::new("a_database_newer") else { return };
    with_desk(&db);
    let mut admin = db.client_as("postgres");
    admin.execute("UPDATE incidesk_schema SET version = 99", &[]).unwrap();
    let refused = |e: StoreError| assert!(matches!(e, StoreError::NewerDatabase { found: 99, .. }), "{e}");
    refused(db.opener().open(Reading::Whole).err().expect("refused"));
    refused(db.opener().migrate().unwrap_err());
    let v: i32 = admin.query_one("SELECT version FROM incidesk_schema", &[]).unwrap().get(0);
    assert_eq!(v, 99, "left as it was");
}

#[test]
fn an_engineers_billing_decision_is_refused_by_the_database_even_from_a_plain_client() {
    let Some(db) = TestDb::new("an_engineers_billing") else { return };
    with_desk(&db);
    let eng = db.person("eng", Role::Engineer);
    let lead = db.person("lead", Role::Lead);
    let mut store = open_store(&db, &eng);
    let id = opened(store.as_mut());
    let close = Command::Close { incident: id, how: Closing::Unresolved, note: "no fix".into() };
    store.apply(close, now(), "x").unwrap().unwrap();
    let bill = Command::Bill {
        incident: id,
        decision: Decision::Charge,
        reason: "done".into(),
        product_defect: false,
    };
    let before = revision(&db);
    match store.apply(bill.clone(), now(), "x") {
        Err(StoreError::NotAllowed { needs, message, .. }) => {
            assert_eq!(needs, "incidesk_lead");
            assert!(message.contains("billing decision (R14)"), "{message}");
        }
        other => panic!("an engineer's billing decision must be refused, got {other:?}"),
    }
    assert_eq!(revision(&db), before, "nothing written");
    // The same change sent without incidesk: still refused, naming the role.
    let mut plain = db.client_as(&eng);
    let e = plain
        .execute(
            "UPDATE incidents SET doc = jsonb_set(doc, '{billing}', '{\"decision\": \"charge\"}') WHERE id = $1",
            &[&i64::from(id.0)],
        )
        .unwrap_err();
    let db_error = e.as_db_error().expect("refused by the server");
    assert!(db_error.message().contains("incidesk_lead"), "{}", db_error.message());
    // A lead may.
    let mut as_lead = open_store(&db, &lead);
    as_lead.apply(bill, now(), "x").unwrap().unwrap();
    assert_eq!(as_lead.desk().history.last().unwrap().who, lead);
}

#[test]
fn customers_products_and_pack_transfers_need_a_lead() {
    let Some(db) = TestDb::new("customers_products") else { return };
    with_desk(&db);
    let eng = db.person("eng", Role::Engineer);
    let mut store = open_store(&db, &eng);
    let needs_lead = |applied: incidesk::store::Applied, what: &str| match applied {
        Err(StoreError::NotAllowed { needs, .. }) => assert_eq!(needs, "incidesk_lead", "{what}"),
        other => panic!("{what}: must need a lead, got {other:?}"),
    };
    let customer =
        Command::AddCustomer { name: "Tailspin".into(), calendar: Calendar::office(chrono_tz::UTC) };
    needs_lead(store.apply(customer, now(), "x"), "a customer");
    let product = Command::AddProduct {
        name: "Router".into(),
        mainstream_end: date(2028, 1, 1),
        extended_end: date(2030, 1, 1),
    };
    needs_lead(store.apply(product, now(), "x"), "a product");
    let transfer =
        Command::TransferPack { pack: Some(PackId(1)), order_number: "ORD-1".into(), to: BOB.into() };
    needs_lead(store.apply(transfer, now(), "x"), "a pack transfer");
    let edit = incidesk::domain::calendar_edit::CalendarEdit {
        add: vec!["2026-12-31".parse().unwrap()],
        ..Default::default()
    };
    let calendar = Command::EditCalendar { customer: CustomerId(1), edit, from: None };
    needs_lead(store.apply(calendar, now(), "x"), "a calendar edit");
    // Engineers do the daily work.
    opened(store.as_mut());
    let mut plain = db.client_as(&eng);
    for sql in [
        "DELETE FROM customers WHERE id = 2",
        "UPDATE customers SET doc = jsonb_set(doc, '{calendar,holidays}', '[\"2026-12-24\"]') WHERE id = 1",
        "UPDATE products SET name = 'x'",
        "UPDATE packs SET doc = jsonb_set(doc, '{owner}', '\"eve@x\"') WHERE id = 1",
    ] {
        let e = plain.batch_execute(sql).unwrap_err();
        assert!(e.as_db_error().is_some_and(|d| d.message().contains("incidesk_lead")), "{sql}: {e}");
    }
}

#[test]
fn the_database_keeps_credits_order_numbers_references_and_signatures() {
    let Some(db) = TestDb::new("the_database_keeps") else { return };
    with_desk(&db);
    let eng = db.person("eng", Role::Engineer);
    let mut admin = db.client_as("postgres");
    let debits = "[".to_string() + &["{\"kind\": \"debit\"}"; 6].join(",") + "]";
    let overspent = admin.execute(
        &format!("UPDATE packs SET doc = jsonb_set(doc, '{{ledger}}', '{debits}') WHERE id = 1"),
        &[],
    );
    assert!(message(overspent).contains("credits_left"), "credits never below zero");
    let same_order = admin.execute(
        "INSERT INTO packs (id, customer, order_number, credits_left, doc, revision) SELECT 9, customer, order_number, 0, doc, 1 FROM packs WHERE id = 1",
        &[],
    );
    assert!(message(same_order).contains("order_number"), "order numbers unique");
    let mut tx = admin.transaction().unwrap();
    tx.execute("UPDATE packs SET customer = 77 WHERE id = 1", &[]).unwrap();
    assert!(tx.commit().is_err(), "a pack of a customer that does not exist");
    let mut plain = db.client_as(&eng);
    let forged = plain.execute(
        "INSERT INTO history (at, who, subject, doc, revision) VALUES (now(), 'someone-else', 'C-1', '{}', 1)",
        &[],
    );
    assert!(forged.unwrap_err().as_db_error().is_some(), "history is signed by the role that writes it");
}

#[test]
fn a_lost_connection_is_an_error_a_change_meanwhile_is_refused_and_it_reconnects() {
    let Some(db) = TestDb::new("a_lost_connection") else { return };
    with_desk(&db);
    let eng = db.person("eng", Role::Engineer);
    let mut store = open_store(&db, &eng);
    let mut admin = db.client_as("postgres");
    let cut = |admin: &mut postgres::Client| {
        admin
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND datname = $2",
                &[&eng, &db.name],
            )
            .unwrap();
    };
    // Down, and it stays down: the role may not log in for now.
    admin.batch_execute(&format!("ALTER ROLE \"{eng}\" NOLOGIN")).unwrap();
    cut(&mut admin);
    let start = Instant::now();
    loop {
        match store.reload_if_changed() {
            Err(StoreError::Unreachable { .. }) => break,
            other => assert!(start.elapsed() < Duration::from_secs(5), "the loss must show, got {other:?}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = revision(&db);
    let down = store.apply(open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), now(), "x");
    assert!(matches!(down, Err(StoreError::Unreachable { .. })), "{down:?}");
    admin.batch_execute(&format!("ALTER ROLE \"{eng}\" LOGIN")).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    store.reload_if_changed().expect("reconnected");
    assert_eq!(revision(&db), before, "the change tried while down was not kept for later");
    opened(store.as_mut());
    assert_eq!(revision(&db), before + 1);
    // Cut once more: a change reconnects by itself.
    cut(&mut admin);
    std::thread::sleep(Duration::from_millis(100));
    opened(store.as_mut());
    assert_eq!(store.desk().incidents.len(), 2);
    assert_eq!(*open_store(&db, &eng).desk(), *store.desk(), "nothing lost");
}
