//! Benchmarks of the PostgreSQL store (issue 12, PERFORMANCE.md), on the
//! loopback server that `INCIDESK_TEST_PG` names (`eval "$(.ci/pg start)"`):
//!
//! - `pg/change_committed/N`: one change, committed (criterion);
//! - `pg/open_and_first_frame/N`: a client opens the desk and draws its
//!   first frame (criterion);
//! - another client's board showing a change (p50/p95 over 60 changes, as
//!   the TUI follows: a poll every `Store::follow_every`);
//! - 8 writers at once, each its own connection opened before the clock
//!   starts: changes a second, and
//!   every change kept (the desk's revision counts them).
//!
//! `cargo bench --bench postgres`; `INCIDESK_BENCH_SIZES=10000` picks sizes
//! (default 10 000 and 100 000). Each size's desk is generated (seed 1, a
//! fixed `now`), its settled incidents archived as `db import` does, and
//! imported into a database `incidesk_bench_N_gV` kept on the server, and
//! imported again once earlier runs have made 5 000 changes on it.
//! Without `INCIDESK_TEST_PG` the benchmarks are skipped, loudly.

use chrono::{TimeZone, Utc};
use criterion::{BenchmarkId, Criterion};
use incidesk::domain::{Command, ContactKind, Desk, IncidentId, Instant};
use incidesk::generate;
use incidesk::store::postgres::{PgEnv, PgOpener, PgSettings};
use incidesk::store::{OpenStore, Reading};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::{draw, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::mpsc;
use std::time::{Duration, Instant as Moment};

const SEED: u64 = 1;
const WRITERS: usize = 8;
const CHANGES_EACH: usize = 100;
/// Changes after which a bench desk is imported again (see `database`).
const WORN: i64 = 5_000;

fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

fn sizes() -> Vec<usize> {
    match std::env::var("INCIDESK_BENCH_SIZES") {
        Ok(s) if !s.trim().is_empty() => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        _ => vec![10_000, 100_000],
    }
}

/// The URL of database `name` on the server of `admin` (a superuser's URL).
fn url_of(admin: &str, name: &str) -> String {
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{name}")
}

fn opener(url: &str) -> PgOpener {
    PgOpener::new(PgSettings { url: url.to_string(), env: PgEnv::default() })
}

/// The database holding the generated desk of `n` incidents, made once.
fn database(admin: &str, n: usize) -> String {
    let name = format!("incidesk_bench_{n}_g{}", generate::VERSION);
    let url = url_of(admin, &name);
    let mut server = postgres::Client::connect(admin, postgres::NoTls).expect("the server");
    let exists = !server.query("SELECT 1 FROM pg_database WHERE datname = $1", &[&name]).unwrap().is_empty();
    // A desk worn by earlier runs (each adds a few thousand contacts to
    // the same open incidents, and their documents grow) is imported again,
    // so that every run measures about the same desk.
    let worn = || -> Option<i64> {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).ok()?;
        c.query_one("SELECT revision FROM desk_state", &[]).ok().map(|r| r.get(0))
    };
    if exists && opener(&url).open(Reading::WithoutHistory).is_ok() && worn().is_some_and(|r| r < WORN) {
        return url;
    }
    eprintln!("benches/postgres.rs: importing a generated desk of {n} incidents into {name} (once)");
    server.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
    server.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let mut desk = generate::desk(n, generate::default_customers(n), SEED, now());
    let settled = desk.settled(now());
    let archived = desk.archive_out(&settled, now());
    let db = opener(&url);
    db.migrate().unwrap();
    db.import(&desk, &archived).unwrap();
    url
}

fn open_incidents(desk: &Desk) -> Vec<IncidentId> {
    desk.incidents.iter().filter(|i| i.is_open()).map(|i| i.id).collect()
}

/// The `k`th change of a run: a contact logged on one of the open incidents.
fn change(open: &[IncidentId], k: usize, note: &str) -> Command {
    Command::LogContact {
        incident: open[k % open.len()],
        kind: ContactKind::Phone,
        minutes: 5,
        note: format!("{note} {k}"),
    }
}

fn committed(c: &mut Criterion, n: usize, url: &str) {
    let mut store = opener(url).open(Reading::WithoutHistory).unwrap();
    let open = open_incidents(store.desk());
    let mut g = c.benchmark_group("pg");
    g.sample_size(50).measurement_time(Duration::from_secs(5));
    let mut k = 0;
    g.bench_function(BenchmarkId::new("change_committed", n), |b| {
        b.iter(|| {
            k += 1;
            store.apply(change(&open, k, "bench"), now(), "bench").unwrap().unwrap()
        })
    });
    g.finish();
}

fn first_frame(c: &mut Criterion, n: usize, url: &str) {
    let db = opener(url);
    let mut g = c.benchmark_group("pg");
    g.sample_size(10).measurement_time(Duration::from_secs(if n >= 100_000 { 8 } else { 3 }));
    g.bench_function(BenchmarkId::new("open_and_first_frame", n), |b| {
        b.iter(|| {
            // As the TUI starts: the history is read after the first frame.
            let store = db.open(Reading::WithoutHistory).unwrap();
            let app = App::with_store(store, Clock::Frozen(now()), String::new(), Theme { color: false });
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    g.finish();
}

/// Another client's board, following as the TUI does, shows each change.
fn visible(n: usize, url: &str) {
    let (seen_tx, seen) = mpsc::channel::<Moment>();
    let (stop_tx, stop) = mpsc::channel::<()>();
    let board_url = url.to_string();
    let board = std::thread::spawn(move || {
        let store = opener(&board_url).open(Reading::WithoutHistory).unwrap();
        let mut app = App::with_store(store, Clock::Frozen(now()), String::new(), Theme { color: false });
        app.handle_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let every = app.store().follow_every();
        while stop.try_recv().is_err() {
            std::thread::sleep(every);
            let generation = app.store().generation();
            app.tick();
            if app.store().generation() != generation {
                term.draw(|f| draw::draw(f, &app)).unwrap();
                let _ = seen_tx.send(Moment::now());
            }
        }
    });
    let mut writer = opener(url).open(Reading::WithoutHistory).unwrap();
    let open = open_incidents(writer.desk());
    std::thread::sleep(Duration::from_millis(500));
    let mut latencies = Vec::new();
    for k in 0..60 {
        // At no fixed phase of the board's polls.
        std::thread::sleep(Duration::from_millis(97 + (k as u64 * 53) % 211));
        let start = Moment::now();
        writer.apply(change(&open, k, "seen"), now(), "bench").unwrap().unwrap();
        let shown = seen.recv_timeout(Duration::from_secs(5)).expect("the board shows the change");
        latencies.push(shown - start);
    }
    stop_tx.send(()).unwrap();
    board.join().unwrap();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1)];
    println!(
        "pg/visible_on_another_board/{n}: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms over {} changes",
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
        latencies.len()
    );
}

/// `WRITERS` writers at once, each with its own connection: each opens the
/// desk first, then all start together, so the rate is of changes alone.
fn writers(n: usize, url: &str) {
    let revision = || -> i64 {
        let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
        c.query_one("SELECT revision FROM desk_state", &[]).unwrap().get(0)
    };
    let before = revision();
    let ready = std::sync::Arc::new(std::sync::Barrier::new(WRITERS + 1));
    let handles: Vec<_> = (0..WRITERS)
        .map(|w| {
            let url = url.to_string();
            let ready = ready.clone();
            std::thread::spawn(move || {
                let mut store = opener(&url).open(Reading::WithoutHistory).unwrap();
                let open = open_incidents(store.desk());
                ready.wait();
                for k in 0..CHANGES_EACH {
                    let command = change(&open, k * WRITERS + w, &format!("writer {w}"));
                    store.apply(command, now(), "bench").unwrap().unwrap();
                }
            })
        })
        .collect();
    ready.wait();
    let start = Moment::now();
    for h in handles {
        h.join().unwrap();
    }
    let took = start.elapsed();
    let kept = revision() - before;
    let total = WRITERS * CHANGES_EACH;
    println!(
        "pg/writers_{WRITERS}/{n}: {total} changes in {:.2} s: {:.0} changes/s; {kept} kept of {total}",
        took.as_secs_f64(),
        total as f64 / took.as_secs_f64(),
    );
    assert_eq!(kept, i64::try_from(total).unwrap(), "every change kept, none lost");
}

fn main() {
    let Some(admin) = std::env::var("INCIDESK_TEST_PG").ok().filter(|u| !u.trim().is_empty()) else {
        eprintln!(
            "\n*** SKIPPED benches/postgres.rs: INCIDESK_TEST_PG is not set. Start a throw-away server with: \
             eval \"$(.ci/pg start)\" ***\n"
        );
        return;
    };
    let mut c = Criterion::default().configure_from_args();
    for n in sizes() {
        let url = database(&admin, n);
        committed(&mut c, n, &url);
        first_frame(&mut c, n, &url);
        visible(n, &url);
        if n <= 10_000 {
            writers(n, &url);
        }
    }
    c.final_summary();
}
