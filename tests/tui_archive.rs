//! The archive in the TUI: incidents archived by `incidesk archive` are
//! closed incidents like any other to the person at the keyboard. A status
//! filter shows them with their history, a change on one brings it back to
//! the live desk, and the queue's border says they are there.

mod tui_support;

use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Billing, Closing, IncidentId, Subject};
use incidesk::generate;
use incidesk::store::{self, JsonStore, Store};
use incidesk::ui::app::{App, Clock, Focus, StatusKind};
use incidesk::ui::theme::Theme;
use std::path::PathBuf;
use tempfile::TempDir;
use tui_support::{ENGINEER, keys, now, press, render, type_text};

/// A generated desk of 400 incidents over three years, its settled ones
/// archived, and the app on it.
struct Archived {
    _dir: TempDir,
    path: PathBuf,
    app: App,
}

fn archived() -> Archived {
    let dir = tempfile::Builder::new().prefix("incidesk-tui-archive-").tempdir().unwrap();
    let path = dir.path().join("desk.json");
    store::create(&path, &generate::desk(400, 6, 7, now())).unwrap();
    let moved = JsonStore::open(&path).unwrap().archive_settled(now()).unwrap();
    assert!(moved.incidents > 100, "most of three years is settled: {moved:?}");
    let store = JsonStore::open(&path).unwrap();
    let mut app = App::new(store, Clock::Frozen(now()), ENGINEER.to_string(), Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    Archived { _dir: dir, path, app }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn is_archived(app: &App, id: IncidentId) -> bool {
    app.store().desk().archive.holds(id)
}

/// The queue of the live desk alone, as the domain gives it.
fn live_queue(app: &App, filter: &Filter, include_closed: bool) -> Vec<IncidentId> {
    queue::queue(app.store().desk(), now(), filter, include_closed).iter().map(|r| r.incident.id).collect()
}

fn filter(app: &mut App, text: &str) {
    press(app, "/");
    type_text(app, text);
    press(app, "Enter");
}

#[test]
fn a_status_filter_shows_archived_incidents_with_their_history() {
    let mut d = archived();
    let app = &mut d.app;
    let total = app.store().desk().archive.len();
    assert!(app.queue_ids().iter().all(|id| !is_archived(app, *id)), "today's queue is the live desk");
    assert!(screen(app, 80, 24).contains(&format!("{total} closed archived: /status:closed shows them")));

    filter(app, "status:closed");
    assert_eq!(app.status.as_ref().map(|s| &s.kind), None, "read without a complaint");
    let ids = app.queue_ids();
    let shown = ids.iter().filter(|id| is_archived(app, **id)).count();
    assert_eq!(shown, total, "every archived incident is closed and shown");
    assert_eq!(ids.len(), total + live_queue(app, &Filter::parse("status:closed").unwrap(), true).len());
    assert!(screen(app, 80, 24).contains(&format!("with {total} archived")));

    // The oldest closed incident is at the bottom: archived, with its history.
    press(app, "G");
    let old = app.view.selected.expect("a selection");
    assert!(is_archived(app, old), "{old} is archived");
    let history = app.history_of(Subject::Incident(old));
    assert!(!history.is_empty(), "{old} has its history");
    let last = history.last().unwrap().what.lines().next().unwrap().to_string();
    press(app, "Enter");
    assert_eq!(app.view.focus, Focus::Detail);
    let tall = screen(app, 100, 200);
    assert!(tall.contains(&format!("╭ {old} ")), "the detail pane is {old}'s:\n{tall}");
    let after = tall.split("History (R21)").nth(1).unwrap_or_else(|| panic!("a history section:\n{tall}"));
    let head: String = last.chars().take(40).collect();
    assert!(after.contains(&head), "its history in the detail pane ('{head}'):\n{tall}");

    // Clearing the filter drops the archive: the kept queue is the live one again.
    keys(app, &["Esc", "Esc"]);
    assert!(app.view.filter.is_empty());
    assert_eq!(app.queue_ids(), live_queue(app, &Filter::default(), false));
    filter(app, "status:closed");
    assert_eq!(app.queue_ids(), ids, "and back");
}

#[test]
fn r14_a_refund_on_an_archived_incident_brings_it_back_to_the_live_desk() {
    let mut d = archived();
    let app = &mut d.app;
    filter(app, "status:closed");
    // Resolved and never decided on: charged by default, so a product defect can still refund it.
    let charged = app.queue_ids().into_iter().find(|id| {
        let inc = app.desk().incident(*id).unwrap();
        is_archived(app, *id)
            && inc.billing.is_none()
            && inc.closed.as_ref().is_some_and(|c| c.how == Closing::Resolved)
    });
    let id = charged.expect("an archived incident charged by default");
    while app.view.selected != Some(id) {
        press(app, "j");
    }
    let before = app.queue_ids().len();

    press(app, "b");
    let dialog = app.dialog().expect("the billing dialog opens on an archived incident");
    assert_eq!(dialog.form.value("Decision"), "defect", "R14: the one decision a resolved incident allows");
    press(app, "Tab");
    type_text(app, "defect found later");
    keys(app, &["C-s", "Enter"]);
    assert!(app.dialog().is_none(), "{:?}", app.dialog().and_then(|d| d.form.error.clone()));
    let status = app.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Saved, "{}", status.text);

    let file = JsonStore::open(&d.path).unwrap();
    let inc = file.desk().incident(id).expect("live in the data file");
    assert_eq!(inc.billing_state(), Billing::Refunded);
    assert!(inc.billing.as_ref().is_some_and(|b| b.product_defect));
    assert!(!file.desk().archive.holds(id), "no longer archived");
    assert!(file.desk().history.iter().any(|h| h.subject == Subject::Incident(id)), "its history came back");

    // The view follows: still selected, listed once, the closed view as long.
    assert_eq!(app.view.selected, Some(id));
    let ids = app.queue_ids();
    assert_eq!(ids.iter().filter(|i| **i == id).count(), 1);
    assert_eq!(ids.len(), before);
    assert!(!is_archived(app, id));
}

#[test]
fn a_missing_archive_file_is_reported_and_the_live_desk_still_shows() {
    let mut d = archived();
    let segment = d.path.with_file_name("desk.json.archive").join("000001.json");
    std::fs::rename(&segment, d.path.with_file_name("elsewhere.json")).unwrap();
    let app = &mut d.app;
    filter(app, "status:closed");
    let status = app.status.clone().expect("a status line");
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains("000001.json"), "{}", status.text);
    let closed = Filter::parse("status:closed").unwrap();
    assert_eq!(app.queue_ids(), live_queue(app, &closed, true), "the live closed incidents");
    assert!(screen(app, 80, 24).contains("archive"), "the border says it");
    // Reported once for the desk as it is, not again on each filter.
    app.status = None;
    filter(app, "status:resolved");
    assert_eq!(app.status, None);
}

#[test]
fn the_queue_border_names_the_archive() {
    let d = archived();
    let terminal = render(&d.app, 80, 24);
    insta::with_settings!({ description => "(no keys)", omit_expression => true }, {
        insta::assert_snapshot!("queue_archive_80x24", terminal.backend());
    });
}

/// A change while archived incidents are shown (here another engineer's,
/// picked up by the once-a-second reload) merges them with the new desk
/// again: the archive file, which never changes, is not read again.
#[test]
fn a_change_in_the_closed_view_does_not_read_the_archive_again() {
    let mut d = archived();
    filter(&mut d.app, "status:closed");
    let before = d.app.queue_ids();
    let segment = d.path.parent().unwrap().join("desk.json.archive/000001.json");
    let away = d.path.parent().unwrap().join("away.json");
    std::fs::rename(&segment, &away).unwrap();

    let open = d.app.store().desk().incidents.iter().find(|i| i.is_open()).expect("an open incident").id;
    let mut other = JsonStore::open(&d.path).unwrap();
    let command = incidesk::domain::Command::Assign { incident: open, engineer: "Someone Else".into() };
    other.apply(command, now(), "Someone Else").unwrap().unwrap();
    d.app.tick();
    assert_eq!(d.app.desk().incident(open).map(|i| i.engineer.as_str()), Some("Someone Else"));
    assert_eq!(d.app.queue_ids(), before, "the archived incidents are still shown");
    assert!(d.app.status.as_ref().is_none_or(|s| s.kind != StatusKind::Error), "{:?}", d.app.status);
    std::fs::rename(&away, &segment).unwrap();
}

/// In the terminal, a status filter on a desk with an archive first draws a
/// frame saying the archive is being read (a second or two at 100 000
/// incidents), then reads it.
#[test]
fn the_closed_view_says_it_is_reading_the_archive_before_it_does() {
    let mut d = archived();
    let app = &mut d.app;
    app.defer_archive_reads = true;
    let total = app.archived();
    filter(app, "status:closed");
    assert!(app.archive_pending());
    let waiting = screen(app, 80, 24);
    assert!(waiting.contains(&format!("reading {total} archived incidents…")), "{waiting}");
    assert!(!waiting.contains("unreadable"), "{waiting}");
    assert!(app.queue_ids().iter().all(|id| !is_archived(app, *id)), "the live desk stands in meanwhile");

    app.load_archive();
    assert!(!app.archive_pending());
    assert_eq!(app.status, None, "the message goes once they are read");
    assert_eq!(app.queue_ids().iter().filter(|id| is_archived(app, **id)).count(), total);
}
