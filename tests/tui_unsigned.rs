//! A desk opened with no engineer name (no `--engineer`, `INCIDESK_ENGINEER`
//! or `$USER`) lets the viewer look but refuses every change, saying how to
//! set a name, as the command line does: a change is never signed by a
//! made-up name.

mod tui_support;

use incidesk::domain::Instant;
use incidesk::store::MemoryStore;
use incidesk::ui::app::{App, Clock, StatusKind};
use incidesk::ui::theme::Theme;
use tui_support::{now, press, type_text};

fn unsigned_demo() -> App {
    let desk = incidesk::demo::build(now()).expect("the demo desk builds");
    let store = Box::new(MemoryStore::new(desk).named("desk.json"));
    let mut app = App::with_store(store, Clock::Frozen(now()), String::new(), Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    app
}

fn first_response(app: &App) -> Option<Instant> {
    let id = app.view.selected.expect("a selected incident");
    app.store().desk().incident(id).expect("on the desk").first_response.as_ref().map(|r| r.at)
}

#[test]
fn without_an_engineer_name_a_change_is_refused_saying_how_to_set_one() {
    let mut app = unsigned_demo();
    let before = app.store().generation();
    assert_eq!(first_response(&app), None);
    press(&mut app, "r");
    type_text(&mut app, "Called back");
    press(&mut app, "C-s");
    assert_eq!(first_response(&app), None, "nothing was saved");
    assert_eq!(app.store().generation(), before);
    let status = app.status.as_ref().map(|s| s.text.clone());
    // The refusal shows where the dialog shows refusals, or in the status line.
    let text = match (app.dialog(), status) {
        (Some(d), _) => d.form.error.clone().or(d.form.refused.clone()).unwrap_or_default(),
        (None, Some(text)) => text,
        (None, None) => String::new(),
    };
    assert!(text.contains("--engineer") && text.contains("INCIDESK_ENGINEER"), "{text}");
}

#[test]
fn without_an_engineer_name_the_start_says_changes_are_refused() {
    let app = unsigned_demo();
    let status = app.status.as_ref().expect("a status line at the start");
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains("no engineer name"), "{}", status.text);
}
