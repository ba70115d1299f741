//! Benchmarks of issue 5 at 1k, 10k and 100k incidents (see PERFORMANCE.md).
//!
//! `cargo bench --bench desk` runs them all; `INCIDESK_BENCH_SIZES=1000,10000`
//! picks sizes, and criterion's own filter picks benchmarks
//! (`cargo bench --bench desk -- draw/`). The desks come from
//! `incidesk::generate` (seed 1, a fixed `now`) and are written once to
//! `$CARGO_TARGET_TMPDIR/bench-desks/`, keyed by size and generator version.

use chrono::{TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Command, CustomerId, Desk, IncidentId, Instant, sla};
use incidesk::generate;
use incidesk::store::{self, JsonStore, Store};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use incidesk::ui::{detail, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SEED: u64 = 1;

/// A Wednesday, 09:30 UTC: open in Europe, closed in New York and Tokyo.
fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

fn sizes() -> Vec<usize> {
    match std::env::var("INCIDESK_BENCH_SIZES") {
        Ok(s) if !s.trim().is_empty() => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        _ => vec![1_000, 10_000, 100_000],
    }
}

/// The generated desk of `n` incidents, written once and kept, with its
/// settled incidents archived as `incidesk archive` does (the layout of a
/// desk in use for years; DATA-FORMAT.md, "The archive").
fn data_file(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-desks")
        .join(format!("desk-{n}-seed{SEED}-v{}-archived", generate::VERSION));
    let path = dir.join("desk.json");
    if !path.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let desk = generate::desk(n, generate::default_customers(n), SEED, now());
        store::create(&path, &desk).unwrap();
        JsonStore::open(&path).unwrap().archive_settled(now()).unwrap();
    }
    path
}

/// The file document with the desk typed, as the store reads it (without its
/// checks), to split loading into parsing and validation.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Envelope {
    schema_version: u32,
    desk: Desk,
}

fn app(path: &Path) -> App {
    App::new(JsonStore::open(path).unwrap(), Clock::Frozen(now()), "bench".into(), Theme { color: false })
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).unwrap()
}

/// Fewer, longer samples for the big desks so that a run takes minutes.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    if n >= 100_000 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500));
        group.sampling_mode(SamplingMode::Flat);
    } else if n >= 10_000 {
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500));
    } else {
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(1))
            .warm_up_time(Duration::from_millis(300));
    }
}

fn load(c: &mut Criterion, n: usize, path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut g = c.benchmark_group("load");
    tune(&mut g, n);
    g.bench_function(BenchmarkId::new("json_store_open", n), |b| {
        b.iter(|| black_box(JsonStore::open(path).unwrap()))
    });
    g.bench_function(BenchmarkId::new("json_store_open_without_history", n), |b| {
        b.iter(|| black_box(JsonStore::open_without_history(path).unwrap()))
    });
    g.bench_function(BenchmarkId::new("serde_value", n), |b| {
        b.iter(|| black_box(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()))
    });
    g.bench_function(BenchmarkId::new("serde_typed_desk", n), |b| {
        b.iter(|| black_box(serde_json::from_slice::<Envelope>(&bytes).unwrap()))
    });
    g.bench_function(BenchmarkId::new("read_file", n), |b| {
        b.iter(|| black_box(std::fs::read(path).unwrap()))
    });
    let desk = serde_json::from_slice::<Envelope>(&bytes).unwrap().desk;
    g.bench_function(BenchmarkId::new("validate", n), |b| {
        b.iter(|| black_box(store::validate::problems(&desk)))
    });
    g.finish();
}

fn save(c: &mut Criterion, n: usize, path: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("desk.json");
    std::fs::copy(path, &copy).unwrap();
    let mut store = JsonStore::open(&copy).unwrap();
    let open = first_open(store.desk());
    let mut g = c.benchmark_group("save");
    tune(&mut g, n);
    let mut flip = false;
    g.bench_function(BenchmarkId::new("apply_one_change", n), |b| {
        b.iter(|| {
            flip = !flip;
            let engineer = if flip { "Bench One" } else { "Bench Two" }.to_string();
            let command = Command::Assign { incident: open, engineer };
            // As the TUI and the command line do.
            store.apply(command, now(), "bench").unwrap().unwrap()
        })
    });
    let desk = store.desk().clone();
    g.bench_function(BenchmarkId::new("clone_desk", n), |b| b.iter(|| black_box(desk.clone())));
    let other = desk.clone();
    g.bench_function(BenchmarkId::new("compare_desks", n), |b| b.iter(|| black_box(desk == other)));
    g.bench_function(BenchmarkId::new("encode_file", n), |b| {
        b.iter(|| black_box(store::encode(&desk).unwrap()))
    });
    g.finish();
}

fn first_open(desk: &Desk) -> IncidentId {
    desk.incidents.iter().find(|i| i.is_open()).map(|i| i.id).expect("an open incident")
}

fn domain(c: &mut Criterion, n: usize, desk: &Desk) {
    let mut g = c.benchmark_group("domain");
    tune(&mut g, n);
    g.bench_function(BenchmarkId::new("countdown_every_open", n), |b| {
        b.iter(|| {
            let mut breached = 0usize;
            for i in desk.incidents.iter().filter(|i| i.is_open()) {
                let cal = desk.customer(i.customer).unwrap().calendar_of(i);
                let cd = sla::countdown(i, cal, now());
                breached += usize::from(cd.state == sla::SlaState::Breached);
            }
            black_box(breached)
        })
    });
    let filter = Filter::parse("sev:A,B").unwrap();
    g.bench_function(BenchmarkId::new("queue_open_filtered", n), |b| {
        b.iter(|| black_box(queue::queue(desk, now(), &filter, false).len()))
    });
    let all = Filter::default();
    g.bench_function(BenchmarkId::new("queue_all_sorted", n), |b| {
        b.iter(|| black_box(queue::queue(desk, now(), &all, true).len()))
    });
    g.finish();
}

/// Issue 10: one business-hours due time on a typical calendar (lunch
/// break, public holidays, a Christmas range, yearly holidays, half days)
/// with effective-dated versions, for the submissions of the desk's
/// incidents in turn (the size only changes which instants are asked).
fn sla_due(c: &mut Criterion, n: usize, desk: &Desk) {
    use incidesk::domain::{Calendar, CalendarVersion, Coverage, Customer, CustomerId};
    let days = [
        "2026-01-06",
        "2026-04-03",
        "2026-04-06",
        "2026-05-14",
        "2026-06-19=08:00-12:00",
        "2026-12-24..2026-12-26",
        "2026-12-31=08:00-12:00",
        "*-01-01",
        "*-05-01",
        "*-06-06",
    ];
    let calendar =
        |hours: &str| Calendar::parse("Europe/Stockholm", hours, &days).expect("a typical calendar");
    let version = |y, m, hours: &str| CalendarVersion {
        from: Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).unwrap(),
        calendar: calendar(hours),
    };
    let customer = Customer {
        id: CustomerId(1),
        name: "Typical".into(),
        calendar: calendar("mon-fri 08:00-17:00"),
        calendar_changes: vec![
            version(2025, 9, "mon-fri 08:00-12:00 13:00-17:00"),
            version(2026, 1, "mon-thu 08:00-12:00 13:00-17:00; fri 08:00-15:00"),
            version(2026, 6, "mon-fri 07:30-12:00 13:00-16:30; sat 09:00-12:00"),
        ],
        contacts: Vec::new(),
        tax_exemption: None,
    };
    let asks: Vec<_> = desk.incidents.iter().map(|i| (i.submitted, i.severity)).collect();
    let mut next = 0;
    let mut g = c.benchmark_group("sla");
    tune(&mut g, n);
    g.bench_function(BenchmarkId::new("due_time_typical_calendar", n), |b| {
        b.iter(|| {
            next = (next + 1) % asks.len();
            let (submitted, severity) = asks[next];
            let cal = customer.calendar_at(submitted);
            black_box(sla::due_time(submitted, severity, Coverage::BusinessHours, cal))
        })
    });
    g.finish();
}

/// Issue 13: a watcher's alerts. `tick` is the TUI's and `watch`'s work each
/// second when nothing changed (the front of the queue only); `replan` after
/// a change (a new generation), each incident's plan reused where it could
/// not have changed; `plan_cold` the first tick of a new watcher.
fn alerts(c: &mut Criterion, n: usize, desk: &Desk) {
    use incidesk::alerts::Planner;
    use incidesk::domain::alerts::AlertPoints;
    let planner = || Planner::new(AlertPoints::default(), chrono::TimeDelta::minutes(10));
    let mut g = c.benchmark_group("alerts");
    tune(&mut g, n);
    // The first hour of ticks of a watcher started at `now`, one a second
    // (whatever passed in that second rings), started again each hour; only
    // the ticks are timed.
    let mut primed = planner();
    let mut second = 0i64;
    g.bench_function(BenchmarkId::new("tick", n), |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters {
                if second % 3600 == 0 {
                    primed = planner();
                    primed.tick(desk, 1, now());
                }
                second += 1;
                let at = now() + chrono::TimeDelta::seconds(second % 3600 + 1);
                let start = std::time::Instant::now();
                black_box(primed.tick(desk, 1, at).len());
                took += start.elapsed();
            }
            took
        })
    });
    let mut replanned = planner();
    let mut generation = 1;
    g.bench_function(BenchmarkId::new("replan", n), |b| {
        b.iter(|| {
            generation += 1;
            black_box(replanned.tick(desk, generation, now()).len())
        })
    });
    g.bench_function(BenchmarkId::new("plan_cold", n), |b| {
        b.iter(|| black_box(planner().tick(desk, 1, now()).len()))
    });
    g.finish();
}

/// Issue 13: one tick of the alerts as the terminal desk does it each second
/// (`App::tick_alerts`: the store's generation looked at, the planner's
/// front, new alerts listed), the clock a second on each time, the viewer's
/// list acknowledged and emptied every hour of clock time as a watcher
/// started again.
fn alerts_in_the_tui(c: &mut Criterion, n: usize, path: &Path) {
    let settings = incidesk::config::AlertSettings::default();
    let mut app = app(path);
    let mut g = c.benchmark_group("alerts");
    tune(&mut g, n);
    let mut second = 0i64;
    g.bench_function(BenchmarkId::new("tui_tick", n), |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters {
                if second % 3600 == 0 {
                    app.session.clock = Clock::Frozen(now());
                    app.watch_alerts(&settings);
                    app.view.alerts.items.clear();
                }
                second += 1;
                app.session.clock = Clock::Frozen(now() + chrono::TimeDelta::seconds(second % 3600 + 1));
                let start = std::time::Instant::now();
                black_box(app.tick_alerts());
                took += start.elapsed();
            }
            took
        })
    });
    g.finish();
}

fn ui(c: &mut Criterion, n: usize, path: &Path) {
    let mut app = app(path);
    let mut term = terminal();
    let mut g = c.benchmark_group("ui");
    tune(&mut g, n);
    g.bench_function(BenchmarkId::new("frame_queue_screen", n), |b| {
        b.iter(|| {
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    g.bench_function(BenchmarkId::new("pane_queue", n), |b| {
        b.iter(|| {
            term.draw(|f| incidesk::ui::queue::draw(f, Rect::new(0, 2, 120, 18), &app.queue_view())).unwrap();
        })
    });
    g.bench_function(BenchmarkId::new("pane_detail", n), |b| {
        b.iter(|| {
            term.draw(|f| detail::draw(f, Rect::new(0, 20, 120, 19), &app.detail_view())).unwrap();
        })
    });
    let mut down = false;
    g.bench_function(BenchmarkId::new("key_j_update_draw", n), |b| {
        b.iter(|| {
            // j then k, so the selection stays near the top whatever the count.
            down = !down;
            let key = KeyCode::Char(if down { 'j' } else { 'k' });
            app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    g.bench_function(BenchmarkId::new("key_j_update_only", n), |b| {
        b.iter(|| {
            down = !down;
            let key = KeyCode::Char(if down { 'j' } else { 'k' });
            app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        })
    });
    // Issue 11: the board with its billing panel, j/k under its cursor.
    app.handle_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    g.bench_function(BenchmarkId::new("key_j_board_update_draw", n), |b| {
        b.iter(|| {
            down = !down;
            let key = KeyCode::Char(if down { 'j' } else { 'k' });
            app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    app.handle_key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
    g.bench_function(BenchmarkId::new("app_new_and_first_frame", n), |b| {
        b.iter(|| {
            // As the TUI starts: the history is read after the first frame.
            let app = incidesk::ui::app::App::new(
                JsonStore::open_without_history(path).unwrap(),
                Clock::Frozen(now()),
                "bench".into(),
                Theme { color: false },
            );
            let mut term = terminal();
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    g.finish();
}

/// Issue 11: the new-incident dialog's customer picker on a desk of 10,000
/// customers (the demo desk's first one copied): each keystroke narrows all
/// of them again (fuzzy, accent-insensitive) and the frame is drawn.
fn picker(c: &mut Criterion) {
    const CUSTOMERS: u32 = 10_000;
    let mut desk = incidesk::demo::build(now()).unwrap();
    let base = desk.customers[0].clone();
    let first = desk.customers.last().map_or(1, |c| c.id.0 + 1);
    let names = ["Contoso", "Fabrikam", "Northwind", "Litware", "Åkerlund"];
    for i in 0..CUSTOMERS {
        let mut customer = base.clone();
        customer.id = CustomerId(first + i);
        customer.name = format!("{} {i} Malmö", names[i as usize % names.len()]);
        desk.customers.push(customer);
    }
    let store = store::MemoryStore::new(desk);
    let mut app = App::new(store, Clock::Frozen(now()), "bench".into(), Theme { color: false });
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('n')));
    for ch in "malm".chars() {
        app.handle_key(key(KeyCode::Char(ch)));
    }
    let mut term = terminal();
    let mut g = c.benchmark_group("ui");
    tune(&mut g, CUSTOMERS as usize);
    let mut typed = false;
    g.bench_function(BenchmarkId::new("picker_narrow_customers", CUSTOMERS), |b| {
        b.iter(|| {
            // "malm" ↔ "malmo": every keystroke narrows with a query.
            typed = !typed;
            app.handle_key(key(if typed { KeyCode::Char('o') } else { KeyCode::Backspace }));
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    // As `incidesk` runs: zones from the system's database where it has one.
    incidesk::zones::install(Path::new(incidesk::settings::SYSTEM_ZONE_DIR));
    picker(c);
    for n in sizes() {
        let path = data_file(n);
        let desk = JsonStore::open(&path).unwrap().desk().clone();
        load(c, n, &path);
        domain(c, n, &desk);
        sla_due(c, n, &desk);
        alerts(c, n, &desk);
        drop(desk);
        alerts_in_the_tui(c, n, &path);
        ui(c, n, &path);
        save(c, n, &path);
    }
}

criterion_group!(desk, benches);
criterion_main!(desk);
