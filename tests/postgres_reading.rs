//! Issue 12, reading the desk from PostgreSQL as the terminal desk does:
//! the live desk first, the history after the first frame (on another
//! thread), put in even when changes were made meanwhile, here or
//! elsewhere; and a document in the database that is no record (edited by
//! hand) is an error with a message, never a crash.

mod common;
mod tui_support;

use common::pg::TestDb;
use incidesk::domain::{Command, ContactKind, Desk, HistoryEntry, IncidentId};
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use tui_support::now;

fn demo_db(test: &str) -> Option<(TestDb, String)> {
    let db = TestDb::new(test)?;
    db.opener().create(&incidesk::demo::build(now()).unwrap()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    Some((db, eng))
}

/// The terminal desk as `ui::run` opens it: without the history.
fn desk_as(db: &TestDb, role: &str) -> App {
    let store = db.opener_as(role).open(Reading::WithoutHistory).expect("the database opens");
    App::with_store(store, Clock::Frozen(now()), String::new(), Theme { color: false })
}

fn open_ids(desk: &Desk) -> Vec<IncidentId> {
    desk.incidents.iter().filter(|i| i.is_open()).map(|i| i.id).collect()
}

fn contact(id: IncidentId, note: &str) -> Command {
    Command::LogContact { incident: id, kind: ContactKind::Phone, minutes: 5, note: note.into() }
}

/// The history as a list that does not depend on the order of entries
/// recorded at the same instant.
fn entries(history: &[HistoryEntry]) -> Vec<String> {
    let mut all: Vec<String> = history.iter().map(|h| format!("{:?}", h)).collect();
    all.sort();
    all
}

/// What a client reading the whole desk now sees.
fn whole_history(db: &TestDb) -> Vec<String> {
    entries(&db.opener().open(Reading::Whole).unwrap().desk().history)
}

#[test]
fn the_terminal_desk_reads_its_history_after_the_first_frame() {
    let Some((db, eng)) = demo_db("pg_history_after_first_frame") else { return };
    let mut app = desk_as(&db, &eng);
    assert!(app.history_pending(), "read without its history first");
    let reader = app.store().history_reader().expect("a database store says how to read its history");
    let history = reader.read().expect("the history is read");
    assert!(app.attach_history(history), "nothing changed meanwhile: it is put in");
    assert!(!app.history_pending());
    assert!(!app.store().desk().history.is_empty());
    assert_eq!(entries(&app.store().desk().history), whole_history(&db));
}

#[test]
fn the_history_is_put_in_when_changes_were_made_meanwhile_here_and_elsewhere() {
    let Some((db, eng)) = demo_db("pg_history_changes_meanwhile") else { return };
    let mut app = desk_as(&db, &eng);
    let mut elsewhere = db.opener_as(&eng).open(Reading::WithoutHistory).unwrap();
    let open = open_ids(app.store().desk());
    // Made before the history is read: in what is read.
    elsewhere.apply(contact(open[0], "before the read"), now(), "").unwrap().unwrap();
    let history = app.store().history_reader().unwrap().read().unwrap();
    // Made after it was read, before it is put in: here and elsewhere.
    app.apply(contact(open[1], "here, meanwhile")).expect("kept");
    elsewhere.apply(contact(open[2], "elsewhere, meanwhile"), now(), "").unwrap().unwrap();
    assert!(app.attach_history(history), "put in, with what changed since");
    assert!(!app.history_pending());
    let seen = entries(&app.store().desk().history);
    assert_eq!(seen, whole_history(&db), "the same as a whole read, nothing twice, nothing missing");
    // And it follows from there: a change elsewhere arrives with its history.
    elsewhere.apply(contact(open[0], "after"), now(), "").unwrap().unwrap();
    let generation = app.store().generation();
    let start = std::time::Instant::now();
    while app.store().generation() == generation {
        assert!(start.elapsed().as_secs() < 5, "the change elsewhere is not followed");
        std::thread::sleep(app.store().follow_every());
        app.tick();
    }
    assert_eq!(entries(&app.store().desk().history), whole_history(&db));
}

#[test]
fn a_document_edited_by_hand_that_is_no_record_is_an_error_not_a_crash() {
    let Some((db, eng)) = demo_db("pg_document_edited_by_hand") else { return };
    let mut following = db.opener_as(&eng).open(Reading::WithoutHistory).unwrap();
    let mut owner = db.client_as("postgres");
    owner
        .batch_execute(
            "UPDATE incidents SET doc = '{\"title\": 5}', revision = (SELECT revision + 1 FROM desk_state)
                 WHERE id = (SELECT min(id) FROM incidents WHERE open);
             UPDATE desk_state SET revision = revision + 1;
             SELECT pg_notify('incidesk_changes', revision::text) FROM desk_state;",
        )
        .unwrap();
    let said = |e: incidesk::store::StoreError| e.to_string();
    let followed = following.reload_if_changed().map_err(said).expect_err("a record that can't be read");
    let opened = db.opener_as(&eng).open(Reading::WithoutHistory).map(|_| ()).map_err(said);
    let opened = opened.expect_err("a desk with a record that can't be read");
    for message in [&followed, &opened] {
        assert!(message.contains("can't read") && message.contains("an incident with no id"), "{message}");
        assert!(message.contains("invalid type"), "says what is wrong with it: {message}");
        assert!(message.contains("psql") || message.contains("backup"), "says what to do: {message}");
    }
    assert!(!following.desk().incidents.is_empty(), "the desk in memory stays as it was");
}

/// The desk as JSON, to compare two readings of it.
fn as_json(desk: &Desk) -> serde_json::Value {
    serde_json::to_value(desk).unwrap()
}

#[test]
fn a_role_allowed_one_connection_opens_the_same_desk_as_one_allowed_two() {
    // Opening reads the packs on a second connection (split_read.rs); a
    // role the server allows one connection must still open, every time,
    // and read the same desk.
    let Some((db, eng)) = demo_db("pg_one_connection") else { return };
    let read_on_two = db.opener_as(&eng).open(Reading::Whole).unwrap();
    assert!(!read_on_two.desk().packs.is_empty() && !read_on_two.desk().history.is_empty());
    let expected = as_json(read_on_two.desk());
    drop(read_on_two);
    db.client_as("postgres").batch_execute(&format!("ALTER ROLE {eng} CONNECTION LIMIT 1")).unwrap();
    let mut owner = db.client_as("postgres");
    for _ in 0..12 {
        let store = db.opener_as(&eng).open(Reading::Whole).map_err(|e| e.to_string());
        let store = store.expect("opens on its one connection");
        assert_eq!(as_json(store.desk()), expected);
        drop(store);
        // The server ends a closed connection's session a moment later.
        let gone = (0..500).any(|_| {
            let row = owner.query_one("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", &[&eng]);
            let left: i64 = row.unwrap().get(0);
            left == 0 || {
                std::thread::sleep(std::time::Duration::from_millis(10));
                false
            }
        });
        assert!(gone, "the session of a closed store ends");
    }
}
