//! Issue 11, findings 1, 6, 8, 11 and 13: what an engineer who lives in the
//! desk trips over while triaging, each as keys pressed on the demo desk.

mod tui_support;

use incidesk::domain::{Command, Desk, Severity};
use incidesk::store::{JsonOpener, JsonSettings, MemoryStore, OpenStore, Reading};
use incidesk::ui::app::{App, Clock, Focus, StatusKind};
use incidesk::ui::dialog::form::DISCARD;
use incidesk::ui::keymap::{DialogKind, Screen};
use incidesk::ui::theme::Theme;
use tui_support::{ENGINEER, demo, keys, now, press, render, type_text};

fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn dialog_kind(app: &App) -> Option<DialogKind> {
    app.dialog().map(|d| d.kind)
}

fn status(app: &App) -> (StatusKind, String) {
    let s = app.status.clone().expect("a status line");
    (s.kind, s.text)
}

/// Moves the queue's cursor to the first incident `pick` accepts.
fn select(app: &mut App, pick: impl Fn(&incidesk::domain::Incident) -> bool) -> incidesk::domain::IncidentId {
    let id = app
        .queue_ids()
        .into_iter()
        .find(|id| app.desk().incident(*id).is_some_and(&pick))
        .expect("the demo has such an incident");
    press(app, "g");
    while app.view.selected != Some(id) {
        press(app, "j");
    }
    id
}

// Finding 1 --------------------------------------------------------------

#[test]
fn the_letter_of_a_severity_picks_that_severity_not_a_label_containing_it() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "n");
    keys(app, &["Tab", "Tab", "Tab", "Tab"]);
    type_text(app, "c");
    assert_eq!(app.dialog().unwrap().form.value("Severity"), "C", "c is C, not A — critical");
    keys(app, &["Backspace"]);
    type_text(app, "a");
    assert_eq!(app.dialog().unwrap().form.value("Severity"), "A");
    keys(app, &["Esc"]);

    press(app, "s");
    type_text(app, "c");
    assert_eq!(app.dialog().unwrap().form.value("Severity"), "C");
    press(app, "Esc");
    press(app, "n");
    keys(app, &["Tab", "Tab", "Tab", "Tab", "Tab"]);
    type_text(app, "b");
    assert_eq!(app.dialog().unwrap().form.value("Coverage"), "business", "b is business hours");
}

// Finding 6 --------------------------------------------------------------

#[test]
fn a_closed_incident_never_answered_shows_no_countdown() {
    let mut d = demo();
    let app = &mut d.app;
    let id = select(app, |i| i.first_response.is_none() && i.is_open());
    press(app, "C");
    type_text(app, "withdrawn");
    keys(app, &["C-s", "Enter"]);
    assert!(app.dialog().is_none(), "closed");
    press(app, "/");
    type_text(app, "status:withdrawn");
    press(app, "Enter");
    assert_eq!(app.view.selected, Some(id));
    let screen = screen_text(app, 120, 40);
    let row =
        screen.lines().find(|l| l.starts_with("\"│") && l.contains(&format!(" {id} "))).expect("its row");
    assert!(!row.contains("on track") && !row.contains("0m"), "no countdown in the queue: {row}");
    assert!(row.contains("○ closed"), "{row}");
    let detail = screen.lines().find(|l| l.contains("countdown")).expect("the detail's countdown line");
    assert!(detail.contains("closed before a first response") && !detail.contains("left"), "{detail}");
}

// Finding 8 --------------------------------------------------------------

#[test]
fn confirmations_say_that_u_undoes_them() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "C");
    type_text(app, "withdrawn");
    press(app, "C-s");
    let question = app.dialog().unwrap().form.confirm.clone().expect("asks first");
    assert!(question.contains("u undoes"), "{question}");
    assert!(!question.contains("final"), "{question}");
}

#[test]
fn r_on_an_answered_incident_refuses_at_once_naming_r8() {
    let mut d = demo();
    let app = &mut d.app;
    select(app, |i| i.first_response.is_some() && i.is_open());
    press(app, "r");
    assert_eq!(dialog_kind(app), None, "no dialog to fill first");
    let (kind, text) = status(app);
    assert_eq!(kind, StatusKind::Error);
    assert!(text.contains("R8") && text.contains("already had its first response"), "{text}");
}

fn closed_view(app: &mut App) {
    press(app, "/");
    type_text(app, "status:closed");
    press(app, "Enter");
}

#[test]
fn b_on_a_resolved_incident_offers_only_what_r14_allows() {
    let mut d = demo();
    let app = &mut d.app;
    closed_view(app);
    select(app, |i| {
        i.billing.is_none() && i.closed.as_ref().is_some_and(|c| c.how == incidesk::domain::Closing::Resolved)
    });
    press(app, "b");
    let form = &app.dialog().expect("the billing dialog").form;
    assert_eq!(form.value("Decision"), "defect", "the one decision R14 allows is chosen");
    press(app, "Right");
    let refund = app.dialog().unwrap().form.field("Decision").and_then(|f| f.chosen()).cloned().unwrap();
    assert_eq!(refund.value, "refund");
    assert!(refund.refusal.as_deref().is_some_and(|r| r.contains("R14")), "{refund:?}");
    press(app, "Tab");
    type_text(app, "no defect");
    press(app, "C-s");
    assert_eq!(app.dialog().unwrap().form.confirm, None, "a refused choice never asks to confirm");
    assert!(app.dialog().unwrap().form.error.as_deref().is_some_and(|e| e.contains("R14")));
}

#[test]
fn b_on_an_incident_already_billed_refuses_at_once_naming_r14() {
    let mut d = demo();
    let app = &mut d.app;
    closed_view(app);
    select(app, |i| i.billing.is_some());
    press(app, "b");
    assert_eq!(dialog_kind(app), None);
    let (kind, text) = status(app);
    assert_eq!(kind, StatusKind::Error);
    assert!(text.contains("R14") && text.contains("already billed"), "{text}");
}

#[test]
fn esc_on_a_half_typed_intake_asks_and_any_other_key_keeps_the_draft() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "n");
    keys(app, &["Tab", "Tab", "Tab", "Tab", "Tab", "Tab"]);
    type_text(app, "Mail stuck");
    press(app, "Esc");
    assert_eq!(app.dialog().unwrap().form.confirm.as_deref(), Some(DISCARD));
    assert!(screen_text(app, 80, 24).contains(DISCARD), "the question is on screen");
    press(app, "n");
    let form = &app.dialog().expect("kept").form;
    assert_eq!((form.confirm.as_deref(), form.value("Title")), (None, "Mail stuck"));
    keys(app, &["Esc", "Enter"]);
    assert_eq!(dialog_kind(app), None, "Enter throws it away");
}

// Finding 11 -------------------------------------------------------------

#[test]
fn after_a_response_the_cursor_stays_on_its_row() {
    let mut d = demo();
    let app = &mut d.app;
    let order = app.queue_ids();
    assert_eq!(app.view.selected, Some(order[0]));
    press(app, "r");
    type_text(app, "Called back");
    press(app, "C-s");
    assert!(app.dialog().is_none());
    assert_eq!(app.view.selected, Some(order[1]), "the next to triage, no g needed");
    assert_eq!(app.queue_ids()[0], order[1]);

    // Following the incident is the other choice.
    let mut d = demo();
    let app = &mut d.app;
    app.view.after_action = incidesk::ui::view_state::AfterAction::Follow;
    press(app, "r");
    type_text(app, "Called back");
    press(app, "C-s");
    assert_eq!(app.view.selected, Some(order[0]));
}

// Finding 13 -------------------------------------------------------------

fn empty_app() -> App {
    let store = MemoryStore::new(Desk::default()).named("desk.json");
    App::new(store, Clock::Frozen(now()), ENGINEER.into(), Theme { color: false })
}

#[test]
fn a_first_start_reads_no_history_from_a_file_that_is_not_there_yet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let mut store = JsonOpener::new(&path, JsonSettings::default()).open(Reading::WithoutHistory).unwrap();
    let reader = store.history_reader();
    if let Some(reader) = reader {
        let history = reader.read().expect("no error on an empty desk");
        assert!(store.attach_history(history));
    }
    assert!(store.has_history());
    assert!(!path.exists(), "nothing was written by looking");
}

#[test]
fn the_empty_desk_leads_from_nothing_to_the_first_incident() {
    let mut app = empty_app();
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("No customer yet: press N"), "{screen}");
    assert!(!screen.contains('✖'), "no error on a first start: {screen}");
    press(&mut app, "n");
    assert_eq!(dialog_kind(&app), None, "no dialog of '(none available)'");
    let (_, text) = status(&app);
    assert!(text.starts_with("No customer yet: press N"), "{text}");
    assert!(!text.contains("buy a pack first"), "{text}");

    press(&mut app, "N");
    type_text(&mut app, "Contoso Ltd");
    press(&mut app, "C-s");
    assert!(app.dialog().is_none(), "{:?}", app.dialog().and_then(|d| d.form.error.clone()));
    assert!(screen_text(&app, 80, 24).contains("No product yet: press P"));
    press(&mut app, "n");
    assert!(status(&app).1.starts_with("No product yet: press P"));

    // The rest of the way, as the hints say: P, then 2 and B, then n.
    press(&mut app, "P");
    type_text(&mut app, "Widget Server");
    press(&mut app, "C-s");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("press 2, choose the customer and press B"), "{screen}");
    keys(&mut app, &["2", "B", "Tab"]);
    type_text(&mut app, "buyer@contoso.com");
    press(&mut app, "Tab");
    type_text(&mut app, "ORD-1");
    press(&mut app, "C-s");
    assert!(app.dialog().is_none(), "{:?}", app.dialog().and_then(|d| d.form.error.clone()));
    press(&mut app, "n");
    assert_eq!(dialog_kind(&app), Some(DialogKind::NewIncident), "{:?}", app.status);
    keys(&mut app, &["Tab", "Tab", "Tab", "Tab", "Tab", "Tab"]);
    type_text(&mut app, "Widget crashes");
    press(&mut app, "Tab");
    type_text(&mut app, "Eva Ek");
    press(&mut app, "Tab");
    type_text(&mut app, "It crashes at start.");
    press(&mut app, "C-s");
    assert!(app.dialog().is_none(), "{:?}", app.dialog().and_then(|d| d.form.error.clone()));
    assert_eq!(app.queue_ids().len(), 1, "the first incident: {:?}", app.status);
}

#[test]
fn the_demo_header_says_it_is_a_throw_away_copy() {
    let desk = incidesk::demo::build(now()).unwrap();
    let store = MemoryStore::new(desk).named("demo desk").throwaway();
    let app = App::new(store, Clock::Frozen(now()), ENGINEER.into(), Theme { color: false });
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = screen_text(&app, w, h);
        let title = screen.lines().next().unwrap();
        assert!(title.contains("throw-away copy"), "{w}x{h}: {title}");
    }
}

// Finding 3 (the board's lists) -------------------------------------------

#[test]
fn the_board_has_a_cursor_and_enter_opens_the_incident() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "3");
    let rows: Vec<_> = app.board_rows().iter().map(|e| e.id).collect();
    assert_eq!(app.board_selection(), Some(rows[0]));
    press(app, "j");
    assert_eq!(app.board_selection(), Some(rows[1]));
    let footer = screen_text(app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("Tab pane"), "Tab goes to the billing panel: {footer}");
    press(app, "Enter");
    assert_eq!(app.view.screen, Screen::Queue);
    assert_eq!((app.view.selected, app.view.focus), (Some(rows[1]), Focus::Detail));
}

#[test]
fn the_board_never_hides_the_most_urgent_row_behind_a_scroll_not_made() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["3", "j"]);
    // Raised to A elsewhere: the at-risk incident becomes the most urgent.
    let id = app
        .board_rows()
        .iter()
        .map(|e| e.id)
        .find(|id| app.desk().incident(*id).is_some_and(|i| i.severity != Severity::A));
    let id = id.unwrap();
    app.apply(Command::ChangeSeverity { incident: id, to: Severity::A, reason: "outage".into() }).unwrap();
    let first = app.board_rows()[0].id;
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains(&format!(" {first} ")), "the most urgent row {first} is on screen:\n{screen}");
}
