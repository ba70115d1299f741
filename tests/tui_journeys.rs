//! The journeys of JOURNEYS.md through the dialogs, key by key, from the
//! demo desk at a fixed instant (split from tui_keys.rs).

mod tui_support;

use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Category, Coverage, SlaState, Subject};
use incidesk::store::{JsonStore, Store};
use incidesk::ui::app::StatusKind;
use incidesk::ui::keymap::DialogKind;
use tui_support::{demo, demo_on_file, keys, now, press, type_text};

use tui_support::{credits_of, dialog_kind, fill_intake, form_error, refusal_of, screen_text, status};

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
