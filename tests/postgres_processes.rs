//! Several incidesk processes on one PostgreSQL desk, and processes killed
//! with SIGKILL in the middle of their work: every change kept, none half
//! applied. Skipped loudly without a server (see tests/pg/mod.rs).
//!
//! A writer is this test binary run again (`--ignored --exact
//! writer_process`) with the desk's URL in its environment: a process of
//! its own with its own connection, as another engineer's incidesk is.

mod common;

use common::pg::TestDb;
use common::*;
use incidesk::domain::*;
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

const URL: &str = "INCIDESK_WRITER_URL";
const WRITER: &str = "INCIDESK_WRITER_NUMBER";
const CHANGES: &str = "INCIDESK_WRITER_CHANGES";

/// The change a writer makes as its `n`th: an incident opened, then on it
/// a first response, a contact and a proposal, over and over.
fn change(w: u64, n: u64, last: Option<IncidentId>) -> Command {
    match (n % 4, last) {
        (1, Some(incident)) => Command::Respond { incident, note: format!("writer {w} response {n}") },
        (2, Some(incident)) => Command::LogContact {
            incident,
            kind: ContactKind::Phone,
            minutes: 5,
            note: format!("writer {w} change {n}"),
        },
        (3, Some(incident)) => Command::Propose { incident, text: format!("writer {w} proposal {n}") },
        _ => open_cmd(1, ALICE, Severity::C, Coverage::RoundTheClock),
    }
}

/// The writer process: `INCIDESK_WRITER_CHANGES` changes on the desk at
/// `INCIDESK_WRITER_URL`, each kept before the next; says "kept N" after
/// each. Only run by the tests below, as a child process.
#[test]
#[ignore = "a child process of the tests in this file"]
fn writer_process() {
    let url = std::env::var(URL).expect("run by the writer tests");
    let w: u64 = std::env::var(WRITER).unwrap().parse().unwrap();
    let changes: u64 = std::env::var(CHANGES).unwrap().parse().unwrap();
    let settings = incidesk::store::postgres::PgSettings { url, env: Default::default() };
    let opener = incidesk::store::postgres::PgOpener::new(settings);
    let mut store = opener.open(Reading::WithoutHistory).unwrap();
    let mut last = None;
    for n in 0..changes {
        let (outcome, _) = store.apply(change(w, n, last), now(), "typed").unwrap().unwrap();
        if let Subject::Incident(id) = outcome.subject {
            last = Some(id);
        }
        println!("kept {}", n + 1);
    }
}

fn spawn_writer(db: &TestDb, role: &str, w: u64, changes: u64) -> Child {
    Process::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "writer_process", "--nocapture", "--test-threads=1", "-q"])
        .env(URL, db.url_as(role))
        .env(WRITER, w.to_string())
        .env(CHANGES, changes.to_string())
        .env_remove("CI")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The desk of the rule tests with `packs` more packs for Contoso, so that
/// the writers' incidents have credits to take.
fn desk_with_packs(db: &TestDb, packs: usize) {
    let mut desk = desk();
    for n in 0..packs {
        buy(&mut desk, 1, ALICE, &format!("W-{n}"), date(2026, 10, 1));
    }
    db.opener().create(&desk).unwrap();
}

fn scalar(db: &TestDb, query: &str) -> i64 {
    db.client_as("postgres").query_one(query, &[]).unwrap().get(0)
}

/// What must hold of the desk whatever was killed when: the database's
/// checks, each revision one whole change with its history, each pack's
/// debits those of the incidents it paid, each incident with its history.
fn assert_whole(db: &TestDb) -> Desk {
    let store = db.opener().open(Reading::Whole).unwrap();
    let desk = store.desk().clone();
    let problems = incidesk::store::validate::problems(&desk);
    assert!(problems.is_empty(), "{problems:?}");
    let revision = scalar(db, "SELECT revision FROM desk_state");
    assert_eq!(
        scalar(db, "SELECT count(DISTINCT revision) FROM history"),
        revision,
        "every revision is one change with its history"
    );
    assert_eq!(scalar(db, "SELECT max(revision) FROM history"), revision, "no history beyond the desk");
    for pack in &desk.packs {
        let paid = desk.incidents.iter().filter(|i| i.pack == pack.id).count();
        let debits = pack.ledger.iter().filter(|l| l.kind == LedgerKind::Debit).count();
        assert_eq!(paid, debits, "{}: one debit per incident it paid", pack.id);
    }
    for row in db.client_as("postgres").query("SELECT id, credits_left FROM packs", &[]).unwrap() {
        let (id, left): (i64, i32) = (row.get(0), row.get(1));
        let pack = desk.pack(PackId(u32::try_from(id).unwrap())).unwrap();
        assert_eq!(
            i64::from(left),
            i64::from(pack.remaining()),
            "P-{id}: the database counts the ledger's credits"
        );
    }
    for incident in &desk.incidents {
        let subject = Subject::Incident(incident.id);
        assert!(desk.history.iter().any(|h| h.subject == subject), "{} has its history", incident.id);
    }
    desk
}

#[test]
fn four_writer_processes_keep_every_change_and_every_ledger_balances() {
    let Some(db) = TestDb::new("four_writer_processes") else { return };
    desk_with_packs(&db, 60);
    let eng = db.person("eng", Role::Engineer);
    let before = scalar(&db, "SELECT revision FROM desk_state");
    const PER_WRITER: u64 = 250;
    let writers: Vec<Child> = (0..4).map(|w| spawn_writer(&db, &eng, w, PER_WRITER)).collect();
    for child in writers {
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "a writer failed: {said}{}", String::from_utf8_lossy(&out.stderr));
        assert!(said.contains(&format!("kept {PER_WRITER}\n")), "{said}");
    }
    let desk = assert_whole(&db);
    assert_eq!(scalar(&db, "SELECT revision FROM desk_state") - before, 4 * PER_WRITER as i64);
    let query = format!("SELECT count(DISTINCT revision) FROM history WHERE who = '{eng}'");
    assert_eq!(scalar(&db, &query), 4 * PER_WRITER as i64, "1,000 changes kept, each signed by the role");
    let opened = desk.incidents.iter().filter(|i| i.engineer == eng).count();
    assert_eq!(opened as u64, 4 * PER_WRITER.div_ceil(4), "every writer's incidents");
    let contacts: usize = desk.incidents.iter().map(|i| i.contacts.len()).sum();
    assert!(contacts as u64 >= 4 * (PER_WRITER / 4), "every writer's contacts");
}

/// Whether a backend of `role` is inside a transaction now.
fn in_transaction(admin: &mut postgres::Client, db: &TestDb, role: &str) -> bool {
    let query = "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND datname = $2 AND xact_start IS NOT NULL";
    admin.query_one(query, &[&role, &db.name]).unwrap().get::<_, i64>(0) > 0
}

/// Waits until the server has let go of every session of `role` (it
/// rolls back what a killed client left open).
fn wait_gone(db: &TestDb, role: &str) {
    let start = Instant::now();
    let query = "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND datname = $2";
    while db.client_as("postgres").query_one(query, &[&role, &db.name]).unwrap().get::<_, i64>(0) > 0 {
        assert!(start.elapsed() < Duration::from_secs(10), "the killed client's session stays");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_writer_killed_in_the_middle_of_a_change_leaves_nothing_half_applied() {
    let Some(db) = TestDb::new("a_writer_killed") else { return };
    desk_with_packs(&db, 60);
    let eng = db.person("eng", Role::Engineer);
    let mut admin = db.client_as("postgres");
    for round in 0..6u64 {
        let mut child = spawn_writer(&db, &eng, round, 1_000_000);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Past its start, and on changes: then killed the moment one is open.
        for _ in 0..(3 + round * 7) {
            lines.next().unwrap().unwrap();
        }
        let start = Instant::now();
        while !in_transaction(&mut admin, &db, &eng) && start.elapsed() < Duration::from_secs(5) {}
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        wait_gone(&db, &eng);
        assert_whole(&db);
    }
    // The desk goes on: another writer's changes are kept after the kills.
    let before = scalar(&db, "SELECT revision FROM desk_state");
    let out = spawn_writer(&db, &eng, 9, 8).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(scalar(&db, "SELECT revision FROM desk_state"), before + 8);
    assert_whole(&db);
}

#[test]
fn an_import_killed_in_the_middle_leaves_an_empty_database_that_takes_it_again() {
    let Some(db) = TestDb::new("an_import_killed") else { return };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("desk.json");
    let json = json.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_incidesk");
    let now = "2026-11-18T09:00:00Z";
    let made = Process::new(bin)
        .args([
            "--data",
            json,
            "--now",
            now,
            "generate",
            "--incidents",
            "10000",
            "--seed",
            "7",
            "--out",
            json,
        ])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let import = || {
        Process::new(bin)
            .args(["--data", &db.url(), "db", "import", json])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut child = import();
    let start = Instant::now();
    // Killed once it has written part of the desk in its transaction.
    let writing = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND query LIKE '%INTO incidents%'";
    let mut admin = db.client_as("postgres");
    while admin.query_one(writing, &[&db.name]).unwrap().get::<_, i64>(0) == 0 {
        assert!(start.elapsed() < Duration::from_secs(60), "the import never started writing");
        assert!(child.try_wait().unwrap().is_none(), "the import ended before it could be killed");
    }
    std::thread::sleep(Duration::from_millis(50));
    child.kill().unwrap();
    child.wait().unwrap();
    drop(admin);
    let start = Instant::now();
    while scalar(
        &db,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    ) > 0
    {
        assert!(start.elapsed() < Duration::from_secs(10), "the killed import's session stays");
        std::thread::sleep(Duration::from_millis(20));
    }
    for table in ["customers", "products", "packs", "incidents", "history"] {
        assert_eq!(
            scalar(&db, &format!("SELECT count(*) FROM {table}")),
            0,
            "{table}: nothing of the import kept"
        );
    }
    assert_eq!(scalar(&db, "SELECT revision FROM desk_state"), 0);
    let out = import().wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(scalar(&db, "SELECT count(*) FROM incidents"), 10_000);
}
