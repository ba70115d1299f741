//! Issue 13 in the terminal desk, driven through its keys on the demo desk:
//! the banner and the count in the title bar, the bell as configured, the
//! alert list (`!`) where the viewer acknowledges alerts one by one or all
//! without changing the desk, the board's marks, and alerts that follow
//! the clock and the desk.

mod tui_support;

use chrono::TimeDelta;
use incidesk::config::{AlertSettings, Bell};
use incidesk::ui::app::{App, Clock};
use tui_support::{demo, demo_on_file, now, press, render};

/// The screen's text, row by row.
fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect()
}

fn settings(bell: Bell) -> AlertSettings {
    AlertSettings { bell, desktop: false, ..AlertSettings::default() }
}

/// The clock moved on to `minutes` after the demo's instant, and a tick.
fn at_minute(app: &mut App, minutes: i64) {
    app.session.clock = Clock::Frozen(now() + TimeDelta::minutes(minutes));
    app.tick();
}

/// The clock moved on a minute at a time, as a watcher sees it, through
/// `minutes`: the minutes at which alerts came, with the bells rung then.
fn watch_through(app: &mut App, minutes: std::ops::RangeInclusive<i64>) -> Vec<(i64, usize, usize)> {
    let mut out = Vec::new();
    for minute in minutes {
        let before = app.view.alerts.items.len();
        at_minute(app, minute);
        let came = app.take_came();
        let new = app.view.alerts.items.len() - before;
        if new > 0 || came.bells > 0 {
            out.push((minute, new, came.bells));
        }
    }
    out
}

/// Watching started and what it listed acknowledged.
fn watching(bell: Bell) -> tui_support::Demo {
    let mut d = demo();
    d.app.watch_alerts(&settings(bell));
    d.app.view.alerts.acknowledge_all();
    d.app.take_came();
    d
}

fn listed(app: &App) -> Vec<(String, String, bool)> {
    app.view
        .alerts
        .items
        .iter()
        .map(|l| (l.alert.incident.to_string(), l.alert.point.to_string(), l.acknowledged))
        .collect()
}

#[test]
fn no_alert_shows_nothing_until_watching_starts() {
    let d = demo();
    let rows = screen(&d.app, 120, 40);
    assert!(!rows[0].contains("alert"), "{}", rows[0]);
    assert!(rows.iter().all(|r| !r.contains('▲') || !r.contains("! ")), "no banner");
}

#[test]
fn the_banner_and_the_count_show_alerts_waiting() {
    let mut d = demo();
    d.app.watch_alerts(&settings(Bell::Once));
    let waiting = d.app.view.alerts.waiting();
    assert!(waiting > 0, "the demo desk at 09:00 has points passed: {:?}", listed(&d.app));
    // Passed before the viewer watched, long ago: listed, not rung.
    assert_eq!(d.app.take_came().bells, 0, "{:?}", listed(&d.app));
    let rows = screen(&d.app, 120, 40);
    assert!(rows[0].contains(&format!("▲ {waiting} alerts")), "{}", rows[0]);
    let newest = d.app.view.alerts.newest_waiting().unwrap().incident.to_string();
    assert!(rows[2].starts_with(" ▲ ") && rows[2].contains(&newest), "banner:\n{}", rows[2]);
    assert!(rows[2].contains(&format!("! all {waiting} alerts")), "{}", rows[2]);
    // At 80 columns too.
    let small = screen(&d.app, 80, 24);
    assert!(small[0].contains("alerts"), "{}", small[0]);
    assert!(small[2].contains(&newest), "{}", small[2]);
}

#[test]
fn acknowledging_one_then_all_clears_the_banner_and_changes_no_file() {
    let mut d = demo_on_file();
    let before = std::fs::read(&d.path).unwrap();
    d.app.watch_alerts(&settings(Bell::Once));
    let total = d.app.view.alerts.items.len();
    assert!(total >= 2, "{:?}", listed(&d.app));
    press(&mut d.app, "!");
    let rows = screen(&d.app, 120, 40);
    assert!(rows.iter().any(|r| r.contains(&format!("Alerts · {total} waiting"))), "{}", rows.join("\n"));
    press(&mut d.app, "a");
    assert!(d.app.view.alerts.items[0].acknowledged);
    assert_eq!(d.app.view.alerts.waiting(), total - 1);
    assert_eq!(d.app.view.alerts.cursor, 1, "the cursor moves to the next alert");
    press(&mut d.app, "k");
    press(&mut d.app, "Down");
    press(&mut d.app, " ");
    assert_eq!(d.app.view.alerts.waiting(), total - 2, "Space acknowledges too");
    press(&mut d.app, "A");
    assert_eq!(d.app.view.alerts.waiting(), 0);
    press(&mut d.app, "Esc");
    assert!(d.app.overlay().is_none());
    let rows = screen(&d.app, 120, 40);
    assert!(!rows[0].contains("alert"), "no count once all are acknowledged: {}", rows[0]);
    assert!(!rows[2].starts_with(" ▲ "), "no banner: {}", rows[2]);
    assert_eq!(d.app.view.alerts.items.len(), total, "acknowledged alerts stay listed");
    assert_eq!(std::fs::read(&d.path).unwrap(), before, "acknowledging is not a change to the desk");
}

#[test]
fn enter_in_the_list_shows_the_alerts_incident() {
    let mut d = demo();
    d.app.watch_alerts(&settings(Bell::Once));
    let first = d.app.view.alerts.items[0].alert.incident;
    press(&mut d.app, "!");
    press(&mut d.app, "Enter");
    assert!(d.app.overlay().is_none());
    assert_eq!(d.app.view.selected, Some(first));
}

#[test]
fn the_bell_rings_once_or_at_each_alert_or_never() {
    // I-21 (C) breaches just after 09:00; I-25 (B, 24x7, due 09:35) passes
    // 15 minutes before due at 09:20 and breaches just after 09:35.
    for (bell, rings) in [(Bell::Once, [1, 0, 0]), (Bell::Each, [1, 1, 1]), (Bell::Off, [0, 0, 0])] {
        let mut d = watching(bell);
        let came = watch_through(&mut d.app, 1..=36);
        let expected: Vec<(i64, usize, usize)> =
            [1, 20, 36].into_iter().zip(rings).map(|(m, b)| (m, 1, b)).collect();
        assert_eq!(came, expected, "{bell:?}: {:?}", listed(&d.app));
    }
}

#[test]
fn once_rings_again_after_the_viewer_acknowledged() {
    let mut d = watching(Bell::Once);
    assert_eq!(watch_through(&mut d.app, 1..=1), [(1, 1, 1)]);
    d.app.view.alerts.acknowledge_all();
    assert_eq!(watch_through(&mut d.app, 2..=20), [(20, 1, 1)], "{:?}", listed(&d.app));
}

#[test]
fn an_alert_that_comes_while_looking_rings_and_shows() {
    let mut d = watching(Bell::Once);
    assert_eq!(watch_through(&mut d.app, 1..=19), [(1, 1, 1)]);
    d.app.view.alerts.acknowledge_all();
    at_minute(&mut d.app, 20);
    let came = d.app.take_came();
    assert_eq!(came.bells, 1, "{:?}", listed(&d.app));
    assert!(came.changed);
    let newest = d.app.view.alerts.newest_waiting().expect("a new alert").clone();
    assert_eq!((newest.incident.to_string(), newest.rung), ("I-25".to_string(), true));
    let rows = screen(&d.app, 120, 40);
    assert!(rows[0].contains("▲ 1 alert "), "{}", rows[0]);
    assert!(rows[2].contains("I-25 B Fabrikam Inc: 15m before due at 09:20"), "{}", rows[2]);
}

#[test]
fn a_first_response_ends_an_incidents_alerts() {
    let mut d = demo();
    d.app.watch_alerts(&settings(Bell::Once));
    let id = d.app.view.alerts.items[0].alert.incident;
    let respond = incidesk::domain::Command::Respond { incident: id, note: "On it".into() };
    d.app.apply(respond).expect("the response is recorded");
    at_minute(&mut d.app, 0);
    assert!(d.app.view.alerts.items.iter().all(|l| l.alert.incident != id), "{:?}", listed(&d.app));
    // And nothing of it comes later.
    at_minute(&mut d.app, 600);
    assert!(d.app.view.alerts.items.iter().all(|l| l.alert.incident != id), "{:?}", listed(&d.app));
}

#[test]
fn the_board_marks_alerted_rows() {
    let mut d = demo();
    d.app.watch_alerts(&settings(Bell::Once));
    let waiting: Vec<String> = d.app.view.alerts.items.iter().map(|l| l.alert.incident.to_string()).collect();
    press(&mut d.app, "3");
    let rows = screen(&d.app, 120, 40);
    let marked: Vec<&String> = rows.iter().filter(|r| r.starts_with("│! ")).collect();
    assert!(!marked.is_empty(), "{}", rows.join("\n"));
    for r in &marked {
        assert!(waiting.iter().any(|id| r.contains(&format!(" {id} "))), "{r}");
    }
    press(&mut d.app, "!");
    press(&mut d.app, "A");
    press(&mut d.app, "Esc");
    let rows = screen(&d.app, 120, 40);
    assert!(rows.iter().all(|r| !r.starts_with("│! ")), "{}", rows.join("\n"));
    assert!(rows.iter().any(|r| r.starts_with("│✓ ")), "acknowledged rows keep a quiet mark");
}

#[test]
fn alerts_off_in_the_config_watch_nothing() {
    let mut d = demo();
    d.app.watch_alerts(&AlertSettings { enabled: false, ..AlertSettings::default() });
    at_minute(&mut d.app, 60);
    assert!(d.app.view.alerts.items.is_empty());
    assert_eq!(d.app.take_came().bells, 0);
}

#[test]
fn the_alert_list_snapshots() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut d = demo();
        d.app.watch_alerts(&settings(Bell::Once));
        press(&mut d.app, "3");
        let t = render(&d.app, w, h);
        insta::assert_snapshot!(format!("board_with_alerts_{w}x{h}"), t.backend());
        press(&mut d.app, "!");
        press(&mut d.app, "a");
        let t = render(&d.app, w, h);
        insta::assert_snapshot!(format!("alert_list_{w}x{h}"), t.backend());
    }
}
