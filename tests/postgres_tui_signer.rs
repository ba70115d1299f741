//! Issue 12, item 5, in the terminal desk: on PostgreSQL the database role
//! signs every change, so a name typed with `--engineer` (or in
//! INCIDESK_ENGINEER) that is not the role's is refused at the start and on
//! every change, naming the role and how to work as it; nothing is written.
//! With no name typed, the role signs.

mod common;
mod tui_support;

use common::pg::TestDb;
use incidesk::domain::{Instant, Subject};
use incidesk::store::postgres::Role;
use incidesk::store::{OpenStore, Reading};
use incidesk::ui::app::{App, Clock, StatusKind};
use incidesk::ui::theme::Theme;
use tui_support::{now, press, type_text};

fn desk_as(db: &TestDb, role: &str, typed: Option<&str>) -> App {
    let store = db.opener_as(role).open(Reading::WithoutHistory).expect("the database opens");
    let engineer = typed.unwrap_or_default().to_string();
    let mut app = App::with_store(store, Clock::Frozen(now()), engineer, Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    incidesk::ui::refuse_foreign_signer(&mut app, typed);
    app
}

fn first_response(app: &App) -> Option<Instant> {
    let id = app.view.selected.expect("a selected incident");
    app.store().desk().incident(id).expect("on the desk").first_response.as_ref().map(|r| r.at)
}

fn revision(db: &TestDb) -> i64 {
    db.client_as("postgres").query_one("SELECT revision FROM desk_state", &[]).unwrap().get(0)
}

/// What the desk said about the last try: the dialog's refusal, or the status line.
fn said(app: &App) -> String {
    match (app.dialog(), app.status.as_ref()) {
        (Some(d), _) => d.form.error.clone().or(d.form.refused.clone()).unwrap_or_default(),
        (None, Some(s)) => s.text.clone(),
        (None, None) => String::new(),
    }
}

#[test]
fn another_name_typed_is_refused_at_the_start_and_on_a_change_and_nothing_is_written() {
    let Some(db) = TestDb::new("tui_another_name_typed") else { return };
    db.opener().create(&incidesk::demo::build(now()).unwrap()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    let mut app = desk_as(&db, &eng, Some("bo"));
    let status = app.status.clone().expect("a status line at the start");
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains("can't sign changes here") && status.text.contains(&eng), "{}", status.text);
    let before = revision(&db);
    assert_eq!(first_response(&app), None);
    press(&mut app, "r");
    type_text(&mut app, "Called back");
    press(&mut app, "C-s");
    let text = said(&app);
    assert!(text.contains("--engineer bo") && text.contains(&eng), "{text}");
    assert_eq!(first_response(&app), None, "nothing on the desk");
    assert_eq!(revision(&db), before, "nothing written to the database");
}

#[test]
fn with_no_name_typed_the_role_signs_the_change() {
    let Some(db) = TestDb::new("tui_role_signs") else { return };
    db.opener().create(&incidesk::demo::build(now()).unwrap()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    let mut app = desk_as(&db, &eng, None);
    assert!(app.status.as_ref().is_none_or(|s| s.kind != StatusKind::Error), "{:?}", app.status);
    let id = app.view.selected.expect("a selected incident");
    press(&mut app, "r");
    type_text(&mut app, "Called back");
    press(&mut app, "C-s");
    // The answered incident moves down the queue: looked up by its id.
    let answered = app.store().desk().incident(id).and_then(|i| i.first_response.as_ref()).is_some();
    assert!(answered, "{}", said(&app));
    let other = db.opener().open(Reading::Whole).unwrap();
    let last = other.desk().history.iter().rev().find(|h| h.subject == Subject::Incident(id)).cloned();
    assert_eq!(last.map(|h| h.who), Some(eng), "signed by the role");
}
