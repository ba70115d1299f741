//! Key handling as behaviour: from the demo desk at a fixed instant, keys
//! pressed through `App::handle_key` change the app and the data file as a
//! person at the keyboard would expect.

mod tui_support;

use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{SlaState, Subject};
use incidesk::ui::app::{App, Focus, Overlay};
use incidesk::ui::keymap::{self, Action, DialogKind, Scope, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{demo, key, keys, now, press, type_text};

use tui_support::{dialog_kind, form_error, queue_order, refusal_of, screen_text};

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
