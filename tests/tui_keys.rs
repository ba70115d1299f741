//! Key handling as behaviour: from the demo desk at a fixed instant, keys
//! pressed through `App::handle_key` change the app and the data file as a
//! person at the keyboard would expect.

mod tui_support;

use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Category, Coverage, Desk, IncidentId, SlaState, Subject};
use incidesk::store::{JsonStore, Store};
use incidesk::ui::app::{App, Focus, Overlay, StatusKind};
use incidesk::ui::keymap::{self, Action, DialogKind, Scope, Screen};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_support::{demo, demo_on_file, key, keys, now, press, render, type_text};

/// Open incidents in the order the queue shows them.
fn queue_order(desk: &Desk) -> Vec<IncidentId> {
    queue::queue(desk, now(), &Filter::default(), false).iter().map(|r| r.incident.id).collect()
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn dialog_kind(app: &App) -> Option<DialogKind> {
    app.dialog().map(|d| d.kind)
}

/// The refusal the dialog shows: of the last submit, or foreseen by its checks.
fn form_error(app: &App) -> String {
    app.dialog().and_then(|d| d.form.error.clone().or(d.form.refused.clone())).unwrap_or_default()
}

/// The refusal shown beside the chosen option of a dialog's choice field.
fn refusal_of(app: &App, label: &str) -> Option<String> {
    let d = app.dialog().expect("a dialog is open");
    d.form.field(label).and_then(|f| f.chosen()).and_then(|c| c.refusal.clone())
}

fn status(app: &App) -> (StatusKind, String) {
    let s = app.status.clone().expect("a status line");
    (s.kind, s.text)
}

/// Credits not yet used in the packs of the account that would pay.
fn credits_of(desk: &Desk, account: &str) -> u32 {
    desk.packs.iter().filter(|p| p.owner == account).map(|p| p.remaining()).sum()
}

// ---------------------------------------------------------------------------
// Moving around

#[test]
fn j_k_and_arrows_move_the_selection_in_queue_order() {
    let mut d = demo();
    let app = &mut d.app;
    let order = queue_order(app.desk());
    assert!(order.len() >= 5, "the demo has a queue to move in");
    assert_eq!(app.queue_ids(), order, "the app's queue is the domain's queue");
    assert_eq!(app.view.selected, Some(order[0]), "the top of the queue is selected at start");

    press(app, "j");
    assert_eq!(app.view.selected, Some(order[1]));
    press(app, "Down");
    assert_eq!(app.view.selected, Some(order[2]));
    press(app, "k");
    assert_eq!(app.view.selected, Some(order[1]));
    press(app, "Up");
    assert_eq!(app.view.selected, Some(order[0]));
    press(app, "k");
    assert_eq!(app.view.selected, Some(order[0]), "the top stays the top");

    press(app, "G");
    assert_eq!(app.view.selected, order.last().copied(), "G goes to the bottom");
    press(app, "j");
    assert_eq!(app.view.selected, order.last().copied(), "the bottom stays the bottom");
    press(app, "g");
    assert_eq!(app.view.selected, Some(order[0]), "g goes to the top");
    press(app, "End");
    assert_eq!(app.view.selected, order.last().copied());
    press(app, "Home");
    assert_eq!(app.view.selected, Some(order[0]));

    app.view.page = 3;
    press(app, "PgDn");
    assert_eq!(app.view.selected, Some(order[3]), "a page down moves by the page");
    press(app, "PgUp");
    assert_eq!(app.view.selected, Some(order[0]));
}

#[test]
fn the_first_row_is_the_breached_a_incident() {
    let d = demo();
    let rows = queue::queue(d.app.desk(), now(), &Filter::default(), false);
    let first = &rows[0];
    assert_eq!(first.countdown.state, SlaState::Breached);
    assert_eq!(first.incident.severity.to_string(), "A");
    assert_eq!(d.app.view.selected, Some(first.incident.id));
}

#[test]
fn tab_switches_focus_enter_opens_the_detail_and_esc_backs_out() {
    let mut d = demo();
    let app = &mut d.app;
    assert_eq!(app.view.focus, Focus::Queue);
    press(app, "Tab");
    assert_eq!(app.view.focus, Focus::Detail);
    press(app, "Tab");
    assert_eq!(app.view.focus, Focus::Queue, "Tab cycles");
    press(app, "S-Tab");
    assert_eq!(app.view.focus, Focus::Detail, "Shift-Tab goes the other way");
    press(app, "Esc");
    assert_eq!(app.view.focus, Focus::Queue);

    let first = app.view.selected;
    press(app, "Enter");
    assert_eq!(app.view.focus, Focus::Detail, "Enter opens the selected incident");
    assert!(screen_text(app, 80, 24).contains(&format!("╭ {} ", first.unwrap())), "the detail shows it");
    press(app, "j");
    assert_eq!(app.view.selected, first, "in the detail, j scrolls instead of moving the selection");
    assert_eq!(app.view.detail_scroll, 1);
    press(app, "Esc");
    assert_eq!(app.view.focus, Focus::Queue, "Esc closes the detail");
    press(app, "Esc");
    assert_eq!(
        (app.view.screen, app.view.focus),
        (Screen::Queue, Focus::Queue),
        "Esc on the queue does nothing"
    );
}

#[test]
fn number_keys_switch_screens_and_esc_comes_back_to_the_queue() {
    let mut d = demo();
    let app = &mut d.app;
    let customer = app.desk().incident(app.view.selected.unwrap()).unwrap().customer;
    press(app, "2");
    assert_eq!((app.view.screen, app.view.focus), (Screen::Packs, Focus::Packs));
    assert_eq!(app.view.customer, Some(customer), "the packs are the selected incident's customer's");
    press(app, "Esc");
    assert_eq!(app.view.focus, Focus::Customers);
    press(app, "j");
    assert_ne!(app.view.customer, Some(customer), "j moves to the next customer");
    press(app, "3");
    assert_eq!((app.view.screen, app.view.focus), (Screen::Board, Focus::Board));
    press(app, "Esc");
    assert_eq!(app.view.screen, Screen::Queue);
    press(app, "1");
    assert_eq!(app.view.screen, Screen::Queue);
}

#[test]
fn a_filter_narrows_the_queue_and_a_wrong_one_keeps_the_old_filter() {
    let mut d = demo();
    let app = &mut d.app;
    let all = app.queue_ids().len();
    press(app, "/");
    assert_eq!(app.filter_input(), Some(""));
    type_text(app, "sev:A");
    assert!(screen_text(app, 80, 24).contains("/ sev:A"), "the typed query is on the status line");
    press(app, "Enter");
    assert_eq!(app.filter_input(), None, "Enter applies and closes the filter line");
    assert_eq!(app.view.filter_text, "sev:A");
    let shown = app.queue_ids();
    assert!(!shown.is_empty() && shown.len() < all);
    for id in &shown {
        assert_eq!(app.desk().incident(*id).unwrap().severity.to_string(), "A", "{id} shown by sev:A");
    }
    assert!(shown.contains(&app.view.selected.unwrap()), "the selection is a visible row");
    let filter = app.view.filter.clone();

    // A wrong query: the error is shown, the old filter stays.
    press(app, "/");
    assert_eq!(app.filter_input(), Some("sev:A"), "editing starts from the current filter");
    keys(app, &["Backspace", "Z", "Enter"]);
    assert_eq!(app.filter_input(), Some("sev:Z"), "the line stays open to be corrected");
    let error = app.filter_error().map(str::to_string).expect("an error for sev:Z");
    assert!(error.contains("severity"), "{error}");
    assert!(screen_text(app, 120, 40).contains(&error), "the error is on screen");
    assert_eq!(app.view.filter, filter, "the old filter is kept");
    assert_eq!(app.queue_ids(), shown);
    press(app, "Esc");
    assert_eq!((app.filter_input(), app.filter_error()), (None, None));
    assert_eq!(app.view.filter, filter, "Esc on the line cancels the edit only");

    // Esc on the queue clears the filter.
    press(app, "Esc");
    assert!(app.view.filter.is_empty());
    assert_eq!(app.queue_ids().len(), all);
}

#[test]
fn help_opens_with_question_mark_and_any_key_closes_it() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "?");
    assert_eq!(app.overlay(), Some(&Overlay::Help { scroll: 0 }));
    press(app, "j");
    assert_eq!(app.overlay(), Some(&Overlay::Help { scroll: 1 }), "j scrolls the help");
    let selected = app.view.selected;
    press(app, "x");
    assert_eq!(app.overlay(), None, "any other key closes it");
    assert_eq!(dialog_kind(app), None, "and does nothing else");
    assert_eq!(app.view.selected, selected);
    press(app, "F1");
    assert!(matches!(app.overlay(), Some(Overlay::Help { .. })), "F1 opens the help too");
}

#[test]
fn h_opens_the_history_of_the_incident_or_the_pack() {
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.unwrap();
    press(app, "h");
    assert_eq!(app.overlay(), Some(&Overlay::History { subject: Subject::Incident(id), scroll: 0 }));
    press(app, "Esc");
    assert_eq!(app.overlay(), None);
    press(app, "2");
    let pack = app.view.pack.expect("a pack is selected");
    press(app, "h");
    assert_eq!(app.overlay(), Some(&Overlay::History { subject: Subject::Pack(pack), scroll: 0 }));
}

#[test]
fn q_quits_but_is_typed_text_in_a_dialog() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "r");
    press(app, "q");
    assert!(!app.quit, "q in a dialog is a letter");
    keys(app, &["Esc", "y"]); // typed text: Esc asks first
    assert_eq!(dialog_kind(app), None);
    press(app, "q");
    assert!(app.quit);

    let mut d = demo();
    press(&mut d.app, "C-c");
    assert!(d.app.quit, "Ctrl-C quits too");
}

#[test]
fn every_dialog_opens_from_its_key_and_esc_cancels_it() {
    let mut d = demo();
    let app = &mut d.app;
    let before = app.desk().clone();
    let cases: &[(&[&str], DialogKind)] = &[
        (&["n"], DialogKind::NewIncident),
        (&["r"], DialogKind::Respond),
        (&["c"], DialogKind::Contact),
        (&["p"], DialogKind::Propose),
        (&["s"], DialogKind::Severity),
        (&["a"], DialogKind::Amend),
        (&["x"], DialogKind::Split),
        (&["C"], DialogKind::Close),
        (&["e"], DialogKind::Assign),
        (&["N"], DialogKind::NewCustomer),
        (&["P"], DialogKind::NewProduct),
        (&["2", "B"], DialogKind::BuyPack),
        (&["2", "t"], DialogKind::TransferPack),
        (&["2", "K"], DialogKind::NewContact),
        (&["2", "X"], DialogKind::TaxExempt),
    ];
    for (steps, kind) in cases {
        press(app, "1");
        keys(app, steps);
        assert_eq!(dialog_kind(app), Some(*kind), "{steps:?}");
        press(app, "Esc");
        assert_eq!(dialog_kind(app), None, "Esc cancels {kind:?} with nothing typed");
        keys(app, &["1"]);
        keys(app, steps);
        type_text(app, "xyz");
        // Narrowing a list is no text to lose; text in a field is.
        let in_text = app.dialog().is_some_and(|d| {
            matches!(d.form.fields[d.form.focus].kind, incidesk::ui::dialog::FieldKind::Text { .. })
        });
        press(app, "Esc");
        if in_text {
            assert_eq!(dialog_kind(app), Some(*kind), "Esc asks before throwing typed text away: {kind:?}");
            press(app, "y");
        }
        assert_eq!(dialog_kind(app), None, "Esc cancels {kind:?}");
    }
    // Billing is decided on closed incidents: the key works once one is selected.
    press(app, "1");
    press(app, "b");
    assert_eq!(dialog_kind(app), None, "no billing on an open incident");
    press(app, "/");
    type_text(app, "status:closed");
    press(app, "Enter");
    press(app, "b");
    assert_eq!(dialog_kind(app), Some(DialogKind::Bill));
    press(app, "Esc");
    assert_eq!(*app.desk(), before, "cancelled dialogs change nothing");
}

#[test]
fn incident_keys_do_nothing_on_the_pack_screen_and_pack_keys_nothing_on_the_queue() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "B");
    assert_eq!(dialog_kind(app), None, "B buys on the pack screen only");
    press(app, "2");
    press(app, "r");
    assert_eq!(dialog_kind(app), None, "r needs an incident on the queue screen");
}

// ---------------------------------------------------------------------------
// Journeys through dialogs

#[test]
fn journey_1_respond_to_the_breached_incident() {
    let mut d = demo_on_file();
    let app = &mut d.app;
    let rows = queue::queue(app.desk(), now(), &Filter::default(), false);
    let breached = rows.iter().find(|r| r.countdown.state == SlaState::Breached).unwrap().incident.id;
    while app.view.selected != Some(breached) {
        press(app, "j");
    }
    keys(app, &["Enter", "r"]);
    assert_eq!(dialog_kind(app), Some(DialogKind::Respond));
    type_text(app, "Called the NOC; DNS forwarders are down, restarting them.");
    press(app, "Enter");
    assert_eq!(dialog_kind(app), None, "Enter on the only field submits");

    let inc = app.desk().incident(breached).unwrap();
    let response = inc.first_response.as_ref().expect("the response is recorded");
    assert_eq!(response.note, "Called the NOC; DNS forwarders are down, restarting them.");
    assert_eq!(response.by, tui_support::ENGINEER);
    let (kind, text) = status(app);
    assert_eq!(kind, StatusKind::Saved);
    assert!(text.starts_with("saved"), "{text}");
    assert!(screen_text(app, 120, 40).contains("✔ saved"), "the status line says saved");

    let on_disk = JsonStore::open(&d.path).unwrap();
    let inc = on_disk.desk().incident(breached).unwrap();
    assert_eq!(inc.first_response.as_ref().map(|r| r.note.as_str()), Some(response.note.as_str()));
    assert_eq!(*on_disk.desk(), *d.app.desk(), "the file holds what the app shows");
}

/// Fills the intake form from the Customer field down, choosing by typing.
fn fill_intake(app: &mut App, customer: &str, category: &str, coverage_right: bool) {
    press(app, "n");
    assert_eq!(dialog_kind(app), Some(DialogKind::NewIncident));
    type_text(app, customer);
    keys(app, &["Tab", "Tab", "Tab"]);
    type_text(app, category);
    keys(app, &["Tab", "Tab"]);
    if coverage_right {
        press(app, "Right");
    }
    press(app, "Tab");
    type_text(app, "Journaling stops after the transport update");
    press(app, "Tab");
    type_text(app, "Jorge Morales");
    press(app, "Tab");
    type_text(app, "No message of the Legal group is journaled since the update.");
}

#[test]
fn journey_2_intake_refuses_out_of_scope_then_takes_a_credit() {
    let mut d = demo_on_file();
    let app = &mut d.app;
    let before = app.desk().clone();

    fill_intake(app, "fabri", "on-site", false);
    let form = &app.dialog().unwrap().form;
    assert_eq!(form.value("Customer"), "C-2", "typing 'fabri' chose Fabrikam");
    let account = form.value("Account").to_string();
    assert!(account.ends_with("@fabrikam.com"), "{account}");
    assert_eq!(form.value("Category"), Category::OnSite.name());
    let why = refusal_of(app, "Category").expect("on-site is refused on the spot");
    assert!(why.contains("R10"), "{why}");
    assert!(screen_text(app, 120, 40).contains("refused (R10)"), "the refusal is on screen");

    press(app, "C-s");
    assert_eq!(dialog_kind(app), Some(DialogKind::NewIncident), "a refused intake keeps the dialog open");
    assert!(form_error(app).contains("R10"), "{}", form_error(app));
    assert_eq!(*app.desk(), before, "nothing changed");
    assert_eq!(*JsonStore::open(&d.path).unwrap().desk(), before, "nothing was written");

    // Back to the category: clear it, choose support.
    keys(app, &["Up", "Up", "Up", "Up", "Up"]);
    assert_eq!(app.dialog().unwrap().form.fields[app.dialog().unwrap().form.focus].label, "Category");
    press(app, "C-u");
    type_text(app, "support");
    assert_eq!(app.dialog().unwrap().form.value("Category"), "support");
    assert_eq!(refusal_of(app, "Category"), None);
    assert_eq!(form_error(app), "", "a change clears the old refusal");
    let credits = credits_of(app.desk(), &account);
    press(app, "C-s");
    assert_eq!(dialog_kind(app), None, "submitted: {}", form_error(app));

    let new_id = before.next_incident_id().expect("ids left");
    let inc = app.desk().incident(new_id).expect("the new incident is on the desk");
    assert_eq!(inc.title, "Journaling stops after the transport update");
    assert_eq!(inc.account, account);
    assert_eq!(inc.coverage, Coverage::BusinessHours);
    assert_eq!(app.view.selected, Some(new_id), "the new incident is selected");
    assert!(app.queue_ids().contains(&new_id), "and in the queue");
    assert_eq!(credits_of(app.desk(), &account), credits - 1, "its pack has one credit fewer");
    let pack = app.desk().pack(inc.pack).unwrap();
    assert_eq!(pack.remaining() + 1, before.pack(inc.pack).unwrap().remaining());
    assert_eq!(status(app).0, StatusKind::Saved);
    assert!(JsonStore::open(&d.path).unwrap().desk().incident(new_id).is_some(), "on disk");
}

#[test]
fn journey_2_northwind_has_no_on_duty_contact_so_24x7_is_refused_r6() {
    let mut d = demo();
    let app = &mut d.app;
    let before = app.desk().clone();
    fill_intake(app, "northwind", "support", true);
    let form = &app.dialog().unwrap().form;
    assert_eq!(form.value("Customer"), "C-3");
    assert_eq!(form.value("Coverage"), "24x7");
    let why = refusal_of(app, "Coverage").expect("24x7 is refused on the spot");
    assert!(why.contains("R6"), "{why}");
    assert!(screen_text(app, 120, 40).contains("refused (R6)"));
    press(app, "C-s");
    assert_eq!(dialog_kind(app), Some(DialogKind::NewIncident));
    assert!(form_error(app).contains("R6"), "{}", form_error(app));
    assert_eq!(*app.desk(), before);

    // Contoso has its operations centre on duty: 24x7 is offered without refusal.
    keys(app, &["Esc", "y"]);
    fill_intake(app, "contoso", "support", true);
    assert_eq!(app.dialog().unwrap().form.value("Coverage"), "24x7");
    assert_eq!(refusal_of(app, "Coverage"), None);
}

#[test]
fn journey_5_close_asks_for_a_second_enter() {
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.unwrap();
    press(app, "C");
    assert_eq!(dialog_kind(app), Some(DialogKind::Close));
    assert_eq!(app.dialog().unwrap().form.value("Closing"), "unresolved", "no proposal yet");
    press(app, "Tab");
    type_text(app, "Customer told no solution can be offered.");
    press(app, "Enter");
    let confirm = app.dialog().and_then(|d| d.form.confirm.clone()).expect("a question");
    assert!(confirm.contains("unresolved"), "{confirm}");
    assert!(app.desk().incident(id).unwrap().is_open(), "not closed yet");
    assert!(screen_text(app, 120, 40).contains("Enter/y: yes"));

    // Any other key goes back to the form.
    press(app, "Left");
    assert!(app.dialog().unwrap().form.confirm.is_none());
    assert!(app.desk().incident(id).unwrap().is_open());

    keys(app, &["Enter", "Enter"]);
    assert_eq!(dialog_kind(app), None);
    let inc = app.desk().incident(id).unwrap();
    assert!(!inc.is_open(), "closed after the second Enter");
    assert_eq!(inc.closed.as_ref().unwrap().how.to_string(), "unresolved");
    assert!(!app.queue_ids().contains(&id), "a closed incident leaves the queue");
    assert!(app.view.selected.is_some_and(|s| s != id), "another incident is selected");
}

#[test]
fn undo_removes_the_proposal_and_history_says_undo_of() {
    let mut d = demo_on_file();
    let app = &mut d.app;
    let id = app.view.selected.unwrap();
    let proposals = app.desk().incident(id).unwrap().proposals.len();

    press(app, "u");
    assert_eq!(status(app).0, StatusKind::Info, "nothing to undo yet");

    press(app, "p");
    type_text(app, "Restart the DNS client service on MBX01.");
    press(app, "Enter");
    assert_eq!(app.desk().incident(id).unwrap().proposals.len(), proposals + 1);

    press(app, "u");
    assert_eq!(status(app).0, StatusKind::Saved, "{:?}", app.status);
    let inc = app.desk().incident(id).unwrap();
    assert_eq!(inc.proposals.len(), proposals, "the proposal is gone");
    let last = app.desk().history_of(Subject::Incident(id)).last().unwrap();
    assert!(last.what.starts_with("undo of"), "{}", last.what);
    assert_eq!(last.who, tui_support::ENGINEER);
    let on_disk = JsonStore::open(&d.path).unwrap();
    assert_eq!(on_disk.desk().incident(id).unwrap().proposals.len(), proposals, "undone on disk too");

    press(app, "u");
    assert_eq!(status(app).0, StatusKind::Info, "one change, one undo");
}

#[test]
fn a_refused_split_stays_open_with_the_reason() {
    let mut d = demo();
    let app = &mut d.app;
    let before = app.desk().clone();
    press(app, "x");
    for title in ["Public folders", "Mobile sync", "Journaling"] {
        type_text(app, title);
        press(app, "A-Enter");
    }
    let err = form_error(app);
    assert!(err.contains("R1"), "three titles need three credits: {err}");
    press(app, "C-s");
    // Issue 11: a split already shown as refused never asks "Split now?".
    assert_eq!(app.dialog().unwrap().form.confirm, None);
    assert_eq!(dialog_kind(app), Some(DialogKind::Split));
    assert!(form_error(app).contains("R1"), "{}", form_error(app));
    assert_eq!(*app.desk(), before);
}

// ---------------------------------------------------------------------------
// The key table

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn action_for_maps_keys_by_scope() {
    let global = [Scope::Global];
    let incident = [Scope::Incident, Scope::Global];
    let packs = [Scope::Packs, Scope::Global];
    let none = KeyModifiers::NONE;
    let shift = KeyModifiers::SHIFT;

    assert_eq!(keymap::action_for(key("n"), &global), Some(Action::Dialog(DialogKind::NewIncident)));
    assert_eq!(keymap::action_for(key("N"), &global), Some(Action::Dialog(DialogKind::NewCustomer)));
    assert_eq!(
        keymap::action_for(ev(KeyCode::Char('N'), none), &global),
        Some(Action::Dialog(DialogKind::NewCustomer))
    );
    assert_eq!(keymap::action_for(key("F1"), &global), Some(Action::Help));
    assert_eq!(keymap::action_for(key("S-Tab"), &global), Some(Action::PrevPane));
    assert_eq!(keymap::action_for(ev(KeyCode::BackTab, none), &global), Some(Action::PrevPane));
    assert_eq!(keymap::action_for(key("C-d"), &global), Some(Action::PageDown));
    assert_eq!(keymap::action_for(key("C-u"), &global), Some(Action::PageUp));
    assert_eq!(keymap::action_for(key("u"), &global), Some(Action::Undo));
    assert_eq!(keymap::action_for(key("G"), &global), Some(Action::Bottom));
    assert_eq!(keymap::action_for(key("2"), &global), Some(Action::Show(Screen::Packs)));
    assert_eq!(keymap::action_for(key("/"), &global), Some(Action::Filter));

    // Incident keys need an incident; pack keys the pack screen.
    assert_eq!(keymap::action_for(key("x"), &incident), Some(Action::Dialog(DialogKind::Split)));
    assert_eq!(keymap::action_for(key("x"), &global), None);
    assert_eq!(keymap::action_for(key("e"), &incident), Some(Action::Dialog(DialogKind::Assign)));
    assert_eq!(keymap::action_for(key("h"), &incident), Some(Action::History));
    assert_eq!(keymap::action_for(key("h"), &global), None);
    assert_eq!(keymap::action_for(key("B"), &packs), Some(Action::Dialog(DialogKind::BuyPack)));
    assert_eq!(
        keymap::action_for(ev(KeyCode::Char('B'), none), &packs),
        Some(Action::Dialog(DialogKind::BuyPack))
    );
    assert_eq!(keymap::action_for(key("B"), &incident), None);
    assert_eq!(keymap::action_for(key("t"), &packs), Some(Action::Dialog(DialogKind::TransferPack)));
    assert_eq!(keymap::action_for(key("X"), &packs), Some(Action::Dialog(DialogKind::TaxExempt)));
    assert_eq!(keymap::action_for(key("K"), &packs), Some(Action::Dialog(DialogKind::NewContact)));
    assert_eq!(keymap::action_for(key("r"), &packs), None);

    // Modifiers count: Alt-q is not q, Ctrl-n is not n; Shift on a letter key is its capital.
    assert_eq!(keymap::action_for(key("A-q"), &global), None);
    assert_eq!(keymap::action_for(key("C-n"), &global), None);
    assert_eq!(
        keymap::action_for(ev(KeyCode::Char('C'), shift), &incident),
        Some(Action::Dialog(DialogKind::Close))
    );
    assert_eq!(
        keymap::action_for(ev(KeyCode::Char('c'), none), &incident),
        Some(Action::Dialog(DialogKind::Contact))
    );
    assert_eq!(keymap::action_for(key("z"), &incident), None, "unbound");
}

#[test]
fn every_footer_and_help_key_is_a_working_key() {
    // Each binding's first key maps back to its own action in its own scope.
    for b in keymap::BINDINGS {
        let scopes =
            if b.scope == Scope::Global { vec![Scope::Global] } else { vec![b.scope, Scope::Global] };
        for (code, mods) in b.keys {
            assert_eq!(keymap::action_for(ev(*code, *mods), &scopes), Some(b.action), "{}", b.label);
        }
    }
}

#[test]
fn buy_pack_shows_the_tax_status_of_the_customer_chosen() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["2", "B"]);
    let info = |app: &App| app.dialog().unwrap().form.info.join(" | ");
    assert_eq!(app.dialog().unwrap().form.value("Customer"), "C-1");
    assert!(info(app).contains("valid"), "Contoso's exemption is valid: {}", info(app));
    type_text(app, "fabrikam");
    assert_eq!(app.dialog().unwrap().form.value("Customer"), "C-2");
    assert!(info(app).contains("EXPIRED"), "Fabrikam's exemption has expired: {}", info(app));
    keys(app, &["C-u"]);
    type_text(app, "northwind");
    assert!(info(app).contains("no tax exemption"), "Northwind has none: {}", info(app));
}

#[test]
fn closing_as_resolved_without_a_proposal_is_refused_without_asking_first() {
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.unwrap();
    keys(app, &["C", "Left"]);
    assert_eq!(app.dialog().unwrap().form.value("Closing"), "resolved");
    assert!(refusal_of(app, "Closing").is_some_and(|r| r.contains("R12")));
    press(app, "C-s");
    let d2 = app.dialog().expect("the dialog stays open");
    assert_eq!(d2.form.confirm, None, "no 'can't be reopened' question for a refused choice");
    assert!(form_error(app).contains("R12"), "{}", form_error(app));
    assert!(app.desk().incident(id).unwrap().is_open());
}

// ---------------------------------------------------------------------------
// Mouse (issue 3: selection and scrolling as a toggle)

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.handle_event(Event::Mouse(MouseEvent { kind, column: x, row: y, modifiers: KeyModifiers::NONE }));
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

/// The screen row at 120x40 whose text from column `from` on contains `text`.
fn row_showing(app: &App, from: u16, text: &str) -> u16 {
    let terminal = render(app, 120, 40);
    let buffer = terminal.backend().buffer();
    (0..40)
        .find(|&y| (from..120).map(|x| buffer[(x, y)].symbol()).collect::<String>().contains(text))
        .unwrap_or_else(|| panic!("'{text}' is not on screen:\n{}", terminal.backend()))
}

#[test]
fn with_mouse_on_a_click_selects_the_queue_row_drawn_there_and_the_wheel_scrolls() {
    let mut d = demo();
    let app = &mut d.app;
    app.handle_event(Event::Resize(120, 40));
    let order = queue_order(app.desk());
    let y = row_showing(app, 0, &format!(" {} ", order[3]));
    click(app, 20, y);
    assert_eq!(app.view.selected, Some(order[0]), "mouse off: clicks are the terminal's");

    press(app, "m");
    assert!(app.view.mouse);
    click(app, 20, y);
    assert_eq!(app.view.selected, Some(order[3]), "the row clicked is selected");
    let y = row_showing(app, 0, &format!(" {} ", order[1]));
    click(app, 20, y);
    assert_eq!(app.view.selected, Some(order[1]));
    let header = row_showing(app, 0, "STATE");
    click(app, 20, header);
    click(app, 20, 0);
    assert_eq!(app.view.selected, Some(order[1]), "the header and the title bar select nothing");

    mouse(app, MouseEventKind::ScrollDown, 20, y);
    assert_eq!(app.view.selected, Some(order[2]), "the wheel moves down");
    mouse(app, MouseEventKind::ScrollUp, 20, y);
    mouse(app, MouseEventKind::ScrollUp, 20, y);
    assert_eq!(app.view.selected, Some(order[0]), "and up");

    // From the detail pane, a click on the queue gives the queue the keyboard.
    press(app, "Enter");
    assert_eq!(app.view.focus, Focus::Detail);
    let y = row_showing(app, 0, &format!(" {} ", order[2]));
    click(app, 20, y);
    assert_eq!((app.view.selected, app.view.focus), (Some(order[2]), Focus::Queue));
}

#[test]
fn a_click_far_down_a_long_queue_selects_the_row_drawn_there() {
    let mut d = demo();
    let app = &mut d.app;
    // A short window: the queue scrolls, and the click must follow it.
    app.handle_event(Event::Resize(120, 16));
    press(app, "m");
    press(app, "G");
    let order = queue_order(app.desk());
    let terminal = render(app, 120, 16);
    let buffer = terminal.backend().buffer();
    let target = order[order.len() - 3];
    let y = (0..16)
        .find(|&y| {
            (0..120).map(|x| buffer[(x, y)].symbol()).collect::<String>().contains(&format!(" {target} "))
        })
        .expect("the row is on screen");
    click(app, 20, y);
    assert_eq!(app.view.selected, Some(target));
}

#[test]
fn with_mouse_on_a_click_picks_a_customer_and_a_pack_header() {
    let mut d = demo();
    let app = &mut d.app;
    app.handle_event(Event::Resize(120, 40));
    press(app, "m");
    press(app, "2");
    let desk = app.desk();
    let customer = desk
        .customers
        .iter()
        .find(|c| Some(c.id) != app.view.customer && desk.packs_of(c.id).count() >= 2)
        .expect("a customer with two packs")
        .clone();
    let y = row_showing(app, 0, &customer.name);
    click(app, 3, y);
    assert_eq!((app.view.customer, app.view.focus), (Some(customer.id), Focus::Customers));

    let packs: Vec<_> = app.desk().packs_of(customer.id).map(|p| p.id).collect();
    let other = *packs.iter().find(|p| Some(**p) != app.view.pack).unwrap();
    let y = row_showing(app, 27, &format!("{other} "));
    click(app, 40, y);
    assert_eq!((app.view.pack, app.view.focus), (Some(other), Focus::Packs));
    let y = row_showing(app, 27, "owner");
    click(app, 40, y);
    assert_eq!(app.view.pack, Some(other), "a line that is not a header selects nothing");
}

/// Start-up reads the desk without its history for a quick first frame; the
/// detail pane says the history is coming, and shows it once it is read on
/// another thread (R21).
#[test]
fn r21_the_first_frame_comes_before_the_history() {
    let d = demo_on_file();
    let light = JsonStore::open_without_history(&d.path).unwrap();
    let mut app = App::new(light, incidesk::ui::app::Clock::Frozen(now()), "Aiko".into(), d.app.theme);
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    let selected = app.view.selected.expect("an incident is selected");
    assert!(app.history_pending());
    // The line under the history's heading in the detail pane.
    let under_heading = |app: &App| {
        let text = screen_text(app, 160, 50);
        let mut lines = text.lines().skip_while(|l| !l.contains("History (R21)"));
        lines.nth(1).map(|l| l.split("││").last().unwrap_or_default().to_string()).unwrap_or_default()
    };
    assert!(under_heading(&app).contains("reading the history…"));

    // Read for the desk as it was: a change since makes it stale.
    let stale = app.store().history_reader().unwrap().read().unwrap();
    let mut other = JsonStore::open(&d.path).unwrap();
    other
        .change_desk(|desk| {
            desk.execute(
                incidesk::domain::Command::Assign { incident: selected, engineer: "Bo".into() },
                now(),
                "Bo",
            )
        })
        .unwrap()
        .unwrap();
    app.tick();
    assert!(!app.attach_history(stale), "read before the change: refused");
    assert!(app.history_pending());

    let history = app.store().history_reader().unwrap().read().unwrap();
    assert!(app.attach_history(history));
    assert!(!app.history_pending());
    let entry = d.app.history_of(Subject::Incident(selected))[0].clone();
    let after = under_heading(&app);
    assert!(after.contains(&entry.who) && after.contains("opened"), "the history is shown: {after}");
    let whole = JsonStore::open(&d.path).unwrap();
    assert_eq!(app.desk().history, whole.desk().history, "all of it, the other engineer's change too");
    assert_eq!(app.view.selected, Some(selected), "the selection stays");
}

#[test]
fn a_throwaway_desk_says_its_changes_last_until_quit() {
    let desk = incidesk::demo::build(now()).unwrap();
    let store = incidesk::store::MemoryStore::new(desk).named("demo desk").throwaway();
    let app = App::new(store, incidesk::ui::app::Clock::Frozen(now()), "Aiko".into(), demo().app.theme);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("throw-away demo desk: changes last until you quit"), "{text}");
    assert!(
        !screen_text(&demo().app, 120, 40).contains("throw-away"),
        "a real desk says its changes are saved"
    );
}

#[test]
fn the_r6_refusal_names_keys_on_screen_not_command_line_flags() {
    let mut d = demo();
    let app = &mut d.app;
    fill_intake(app, "northwind", "support", true);
    let why = refusal_of(app, "Coverage").expect("24x7 is refused on the spot");
    assert!(why.contains("packs screen (2, then K)") && !why.contains("--"), "{why}");
    press(app, "C-s");
    let err = form_error(app);
    assert!(err.contains("R6") && !err.contains("--") && !err.contains("incidesk "), "{err}");
}

#[test]
fn a_refusal_of_a_change_is_shown_with_what_to_do_in_the_desk() {
    use incidesk::domain::{Closing, Command, Decision};
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.unwrap();
    app.apply(Command::Propose { incident: id, text: "Reboot".into() }).unwrap();
    app.apply(Command::Close { incident: id, how: Closing::Resolved, note: String::new() }).unwrap();
    let bill = Command::Bill {
        incident: id,
        decision: Decision::Refund,
        reason: "unhappy".into(),
        product_defect: false,
    };
    let err = app.apply(bill).unwrap_err();
    assert!(err.starts_with("refused (R14)") && err.contains("“refund: product defect”"), "{err}");
    assert!(!err.contains("--"), "no command-line flag in the desk: {err}");
}
