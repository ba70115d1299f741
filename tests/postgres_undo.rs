//! The last undo in PostgreSQL (schema 2's `last_undo` table): kept per
//! role in the change's transaction, read by another client (another
//! process or machine), cleared by undoing it, kept on a refusal.

mod common;

use common::pg::TestDb;
use common::*;
use incidesk::domain::*;
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading, Store};

fn open_store(db: &TestDb, role: &str) -> Box<dyn Store> {
    db.opener_as(role).open(Reading::Whole).unwrap()
}

#[test]
fn the_last_change_of_a_role_is_undone_from_another_client_once() {
    let Some(db) = TestDb::new("last_undo_undone_once") else { return };
    db.opener().create(&desk()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    let other = db.person("other", Role::Engineer);
    let mut one = open_store(&db, &eng);
    let (outcome, _) =
        one.apply(open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), now(), "x").unwrap().unwrap();
    let Subject::Incident(id) = outcome.subject else { panic!("opened {}", outcome.subject) };
    one.apply(Command::Respond { incident: id, note: "on it".into() }, now(), "x").unwrap().unwrap();
    // Another client of the same role (another process) finds it.
    let mut two = open_store(&db, &eng);
    let undo = two.last_undo(&eng).unwrap().expect("kept in the database");
    assert!(undo.description.contains("first response"), "{}", undo.description);
    assert!(open_store(&db, &other).last_undo(&other).unwrap().is_none(), "per role");
    two.apply(Command::Undo { undo: Box::new(undo) }, now(), "x").unwrap().unwrap();
    assert!(two.desk().incident(id).unwrap().first_response.is_none());
    assert!(two.last_undo(&eng).unwrap().is_none(), "undone: nothing left");
}

#[test]
fn an_undo_refused_because_another_role_changed_it_keeps_the_record() {
    let Some(db) = TestDb::new("last_undo_refused") else { return };
    db.opener().create(&desk()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    let other = db.person("other", Role::Engineer);
    let mut one = open_store(&db, &eng);
    let (outcome, _) =
        one.apply(open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), now(), "x").unwrap().unwrap();
    let Subject::Incident(id) = outcome.subject else { panic!("opened {}", outcome.subject) };
    let mut two = open_store(&db, &other);
    two.apply(Command::Assign { incident: id, engineer: other.clone() }, now(), "x").unwrap().unwrap();
    let undo = one.last_undo(&eng).unwrap().expect("kept");
    let refused = one.apply(Command::Undo { undo: Box::new(undo.clone()) }, now(), "x").unwrap();
    let refusal = refused.expect_err("changed since");
    assert_eq!(refusal.rule, Some(Rule(21)));
    assert_eq!(one.last_undo(&eng).unwrap(), Some(undo), "a refusal keeps it");
}
