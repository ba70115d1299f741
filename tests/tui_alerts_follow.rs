//! Issue 13, items 5 and 6: the terminal desk's alerts follow changes made
//! by other processes as the board does (a JSON file, and PostgreSQL by its
//! notifications): another engineer's first response ends an incident's
//! alerts, another's severity change re-plans them (R7). Each watcher has
//! its alerts once, and acknowledges them for itself alone.

mod common;
mod tui_support;

use chrono::TimeDelta;
use common::pg::TestDb;
use incidesk::config::{AlertSettings, Bell};
use incidesk::domain::alerts::AlertPoint;
use incidesk::domain::{Command, IncidentId, Severity};
use incidesk::store::{JsonOpener, JsonSettings, OpenStore, Reading, Store};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use std::path::Path;
use std::time::{Duration, Instant as RealInstant};
use tui_support::{demo_on_file, now};

/// I-25 of the demo desk: B, 24x7, due 09:35; its 15-minute point passes at 09:20.
const I25: IncidentId = IncidentId(25);

fn settings() -> AlertSettings {
    AlertSettings { bell: Bell::Once, desktop: false, ..AlertSettings::default() }
}

fn watcher_on(store: Box<dyn Store>) -> App {
    let mut app = App::with_store(store, Clock::Frozen(now()), "maja".into(), Theme { color: false });
    app.watch_alerts(&settings());
    app
}

/// Another process's store on the same data file.
fn other_on_file(path: &Path) -> Box<dyn Store> {
    JsonOpener::new(path, JsonSettings::default()).open(Reading::Whole).unwrap()
}

fn at_minute(app: &mut App, minutes: i64) {
    app.session.clock = Clock::Frozen(now() + TimeDelta::minutes(minutes));
    app.tick();
}

fn alerts_of(app: &App, id: IncidentId) -> Vec<(Severity, AlertPoint)> {
    app.view
        .alerts
        .items
        .iter()
        .filter(|l| l.alert.incident == id)
        .map(|l| (l.alert.severity, l.alert.point))
        .collect()
}

fn apply(store: &mut dyn Store, command: Command) {
    store.apply(command, now(), "bo").unwrap().expect("the other engineer's change is accepted");
}

fn respond() -> Command {
    Command::Respond { incident: I25, note: "On it".into() }
}

#[test]
fn another_processs_first_response_ends_an_incidents_alerts() {
    let mut d = demo_on_file();
    d.app.watch_alerts(&settings());
    let mut other = other_on_file(&d.path);
    apply(other.as_mut(), respond());
    // The desk follows the file within a tick; the 09:20 point never comes.
    for minute in [0, 20, 40] {
        at_minute(&mut d.app, minute);
        assert_eq!(alerts_of(&d.app, I25), [], "minute {minute}");
    }
}

#[test]
fn another_processs_severity_change_re_plans_the_points() {
    let mut d = demo_on_file();
    d.app.watch_alerts(&settings());
    d.app.view.alerts.acknowledge_all();
    d.app.take_came();
    assert!(!alerts_of(&d.app, I25).iter().any(|(_, p)| *p == AlertPoint::Breached));
    let mut other = other_on_file(&d.path);
    let to_a = Command::ChangeSeverity { incident: I25, to: Severity::A, reason: "Whole site down".into() };
    apply(other.as_mut(), to_a);
    // As A from its submission (R7) it was due at 07:35: breached now, rung now.
    at_minute(&mut d.app, 0);
    let now_of_i25 = alerts_of(&d.app, I25);
    assert!(now_of_i25.contains(&(Severity::A, AlertPoint::Breached)), "{now_of_i25:?}");
    assert!(d.app.take_came().bells > 0, "a new alert while none waited rings");
    // And B's 09:20 point is gone with the plan it belonged to.
    at_minute(&mut d.app, 20);
    assert_eq!(alerts_of(&d.app, I25), now_of_i25);
}

#[test]
fn each_watcher_has_each_alert_once_and_acknowledges_it_alone() {
    let mut d = demo_on_file();
    let mut other = watcher_on(other_on_file(&d.path));
    d.app.watch_alerts(&settings());
    for app in [&mut d.app, &mut other] {
        app.view.alerts.acknowledge_all();
        for minute in 1..=25 {
            at_minute(app, minute);
        }
    }
    let fifteen = (Severity::B, AlertPoint::Left(15));
    for app in [&d.app, &other] {
        let of_i25 = alerts_of(app, I25);
        assert_eq!(of_i25.iter().filter(|a| **a == fifteen).count(), 1, "once per watcher: {of_i25:?}");
    }
    d.app.view.alerts.acknowledge_all();
    assert_eq!(d.app.view.alerts.waiting(), 0);
    assert!(other.view.alerts.waiting() > 0, "the other watcher's alerts still wait");
}

/// PostgreSQL: the desk learns of another client's change by its
/// notifications; `tick` looks, as the event loop does once a second.
#[test]
fn with_postgresql_another_clients_first_response_ends_the_alerts() {
    let Some(db) = TestDb::new("with_postgresql_another_clients_first_response_ends_the_alerts") else {
        return;
    };
    db.opener().create(&incidesk::demo::build(now()).unwrap()).unwrap();
    let mut app = watcher_on(db.opener().open(Reading::WithoutHistory).unwrap());
    assert!(!alerts_of(&app, I25).is_empty(), "I-25's passed points are listed");
    let mut other = db.opener().open(Reading::Whole).unwrap();
    apply(other.as_mut(), respond());
    let start = RealInstant::now();
    while !alerts_of(&app, I25).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20), "the other client's response never arrived");
        std::thread::sleep(Duration::from_millis(50));
        at_minute(&mut app, 0);
    }
    at_minute(&mut app, 20);
    assert_eq!(alerts_of(&app, I25), [], "nothing of I-25 comes later");
}
