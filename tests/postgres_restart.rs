//! The PostgreSQL server stopped and restarted under an open terminal desk:
//! the title bar says NO CONNECTION while it is down, a change then is
//! refused with a clear message (never queued), the desk reconnects by
//! itself, and nothing is lost. Alone in its test binary, since it takes
//! the whole test server (INCIDESK_TEST_PG_DIR, from `.ci/pg start`) down.

mod common;
mod tui_support;

use common::pg::TestDb;
use incidesk::domain::*;
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading, StoreError};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

/// The test server's folder, or `None` (said loudly; a failure in CI).
fn server_dir() -> Option<PathBuf> {
    match std::env::var("INCIDESK_TEST_PG_DIR") {
        Ok(dir) if Path::new(&dir).join("data").is_dir() => Some(PathBuf::from(dir)),
        _ if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => {
            panic!("INCIDESK_TEST_PG_DIR names no server folder; in CI .ci/run sets it")
        }
        _ => {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED the restart test: INCIDESK_TEST_PG_DIR names no server folder. Start one with: eval \"$(.ci/pg start)\" ***"
            );
            None
        }
    }
}

/// `pg_ctl ACTION` on the test server, as the user that owns it (the
/// server was made by `postgres` when the tests run as root).
fn pg_ctl(dir: &Path, action: &str, options: Option<&str>) {
    let found = ["/usr/lib/postgresql/15/bin/pg_ctl"].into_iter().find(|p| Path::new(p).exists());
    let pg_ctl = found.unwrap_or("pg_ctl");
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut command = if root {
        let mut c = Process::new("runuser");
        c.args(["-u", "postgres", "--", pg_ctl]);
        c
    } else {
        Process::new(pg_ctl)
    };
    command.arg("-D").arg(dir.join("data")).arg("-l").arg(dir.join("server.log"));
    command.args(["-m", "fast", "-w", "-t", "30", action]);
    if let Some(options) = options {
        command.args(["-o", options]);
    }
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(status.success(), "pg_ctl {action} failed (see {}/server.log)", dir.display());
}

/// The options the server was started with (its port, address and
/// socket folder), from the postmaster.opts it wrote, for `pg_ctl start`.
fn start_options(dir: &Path) -> String {
    let opts = std::fs::read_to_string(dir.join("data/postmaster.opts")).unwrap();
    let words: Vec<&str> = opts.split_whitespace().skip(1).map(|w| w.trim_matches('"')).collect();
    let mut kept = Vec::new();
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        if word == "-D" {
            words.next();
        } else {
            kept.push(word);
        }
    }
    kept.join(" ")
}

/// The screen as text, one line per row.
fn screen(app: &App) -> String {
    let terminal = tui_support::render(app, 120, 40);
    let buffer = terminal.backend().buffer();
    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    cells.chunks(120).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

fn contact(incident: IncidentId, note: &str) -> Command {
    Command::LogContact { incident, kind: ContactKind::Phone, minutes: 5, note: note.into() }
}

/// Ticks the app as its event loop does, once a tenth of a second, until
/// `done` holds (at most ten seconds).
fn tick_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(start.elapsed() < Duration::from_secs(10), "{what}: not within 10 s\n{}", screen(app));
        app.tick();
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_server_restarted_under_an_open_desk_shows_a_banner_reconnects_and_loses_nothing() {
    let Some(db) = TestDb::new("the_server_restarted") else { return };
    let Some(dir) = server_dir() else { return };
    let now = tui_support::now();
    db.opener().create(&incidesk::demo::build(now).unwrap()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    let store = db.opener_as(&eng).open(Reading::Whole).unwrap();
    let mut app = App::with_store(store, Clock::Frozen(now), "typed name".into(), Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    let title = screen(&app).lines().next().unwrap().to_string();
    assert!(
        title.contains(&eng) && !title.contains("typed name"),
        "the role signs, not the name typed: {title}"
    );
    let incident = app.desk().incidents.iter().find(|i| i.is_open()).unwrap().id;
    app.session.apply(contact(incident, "before the restart")).unwrap().unwrap();

    // Down: the title bar says so, and a change is refused, not kept for later.
    let options = start_options(&dir);
    pg_ctl(&dir, "stop", None);
    tick_until(&mut app, "the banner", |app| app.connection_lost.is_some());
    let shown = screen(&app);
    assert!(shown.lines().next().unwrap().contains("NO CONNECTION"), "{shown}");
    assert!(shown.contains("connection lost"), "{shown}");
    let refused = app.session.apply(contact(incident, "while it is down"));
    match refused {
        Err(e @ StoreError::Unreachable { .. }) => {
            let said = e.to_string();
            assert!(
                said.contains("can't be reached") && said.contains("nothing is kept to send later"),
                "{said}"
            );
        }
        other => panic!("a change while the server is down must be refused: {other:?}"),
    }

    // Back: the desk reconnects by itself and says so.
    pg_ctl(&dir, "start", Some(&options));
    tick_until(&mut app, "reconnected", |app| app.connection_lost.is_none());
    assert!(!screen(&app).lines().next().unwrap().contains("NO CONNECTION"));
    app.session.apply(contact(incident, "after the restart")).unwrap().unwrap();

    // Restarted in one go under the open desk: the next change reconnects
    // and is kept, or is refused with the same clear message.
    pg_ctl(&dir, "restart", None);
    match app.session.apply(contact(incident, "after pg_ctl restart")) {
        Ok(done) => {
            done.unwrap();
        }
        Err(e @ StoreError::Unreachable { .. }) => {
            assert!(e.to_string().contains("can't be reached"), "{e}");
            app.session.apply(contact(incident, "after pg_ctl restart")).unwrap().unwrap();
        }
        Err(other) => panic!("{other}"),
    }
    tick_until(&mut app, "connected", |app| app.connection_lost.is_none());

    let fresh = db.opener_as(&eng).open(Reading::Whole).unwrap();
    assert_eq!(fresh.desk(), app.desk(), "nothing lost: the database holds what the screen shows");
    let notes: Vec<&str> =
        fresh.desk().incident(incident).unwrap().contacts.iter().map(|c| c.note.as_str()).collect();
    for kept in ["before the restart", "after the restart", "after pg_ctl restart"] {
        assert_eq!(notes.iter().filter(|n| **n == kept).count(), 1, "{kept} kept once: {notes:?}");
    }
    assert!(!notes.contains(&"while it is down"), "the refused change was not kept for later");
}
