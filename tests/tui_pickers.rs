//! Issue 11, findings 9 and 10: pickers show their options as a list with a
//! count, narrow fuzzily and without accents, and an option's own letter
//! chooses it; assigning picks from the desk's engineers (a new one only on
//! purpose); account fields refuse what is no account; an expired tax
//! exemption warns; the intake opens on the selected incident's customer.
//! Each as keys pressed on the demo desk; snapshots of the picker list.

mod tui_support;

use incidesk::domain::Command;
use incidesk::ui::app::App;
use tui_support::{demo, keys, press, render, type_text};

/// Customers beside the demo's three, some with accents.
const MORE: [&str; 9] = [
    "Malmö Energi AB",
    "Göteborgs Hamn",
    "Café Müller GmbH",
    "Société Générale Nord",
    "Umeå Universitet",
    "Oslo Kommune",
    "Malmberget Gruv",
    "Contoso Pharma",
    "Zürich Versicherung",
];

fn with_customers(app: &mut App) {
    let calendar = app.desk().customers[0].calendar.clone();
    for name in MORE {
        app.apply(Command::AddCustomer { name: name.into(), calendar: calendar.clone() }).unwrap();
    }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn value(app: &App, label: &str) -> String {
    app.dialog().expect("a dialog is open").form.value(label).to_string()
}

fn chosen_label(app: &App, label: &str) -> String {
    let form = &app.dialog().expect("a dialog is open").form;
    form.field(label).and_then(|f| f.chosen()).map(|c| c.label.clone()).unwrap_or_default()
}

/// The tax-exemption dialog: its first field picks a customer from all of them.
fn customer_picker(app: &mut App) {
    with_customers(app);
    press(app, "2");
    press(app, "X");
    assert_eq!(app.dialog().unwrap().form.title, "Tax exemption");
}

#[test]
fn a_long_picker_opens_as_a_list_with_a_count_and_narrows_as_you_type() {
    let mut d = demo();
    let app = &mut d.app;
    customer_picker(app);
    let s = screen(app, 120, 40);
    assert!(s.contains("12 options · type to narrow"), "{s}");
    assert!(s.contains("↓ 6 more"), "the rest of the list is counted: {s}");
    type_text(app, "malm");
    let s = screen(app, 120, 40);
    assert!(s.contains("2 of 12 match 'malm'"), "{s}");
    let field = app.dialog().unwrap().form.field("Customer").unwrap();
    let listed: Vec<&str> = field.visible_options().iter().map(|(_, c)| c.label.as_str()).collect();
    assert_eq!(listed, ["Malmö Energi AB", "Malmberget Gruv"], "the rest is narrowed away");
    assert!(s.contains("▸ Malmö Energi AB") && s.contains("  Malmberget Gruv"), "{s}");
    press(app, "Down");
    assert_eq!(chosen_label(app, "Customer"), "Malmberget Gruv", "↓ moves in the list");
    press(app, "Up");
    assert_eq!(chosen_label(app, "Customer"), "Malmö Energi AB");
    press(app, "Up");
    assert_eq!(app.dialog().unwrap().form.focus, 0, "↑ at the top of the list stays on the first field");
    press(app, "Down");
    press(app, "Down");
    assert_eq!(app.dialog().unwrap().form.focus, 1, "↓ past the end of the list goes to the next field");
}

#[test]
fn narrowing_ignores_accents_and_takes_gaps() {
    let mut d = demo();
    let app = &mut d.app;
    customer_picker(app);
    for (typed, found) in [
        ("malmo", "Malmö Energi AB"),
        ("muller", "Café Müller GmbH"),
        ("umea", "Umeå Universitet"),
        ("societe", "Société Générale Nord"),
        ("zurich", "Zürich Versicherung"),
        ("ctso ph", "Contoso Pharma"),
        ("goteb", "Göteborgs Hamn"),
    ] {
        keys(app, &["C-u"]);
        type_text(app, typed);
        assert_eq!(chosen_label(app, "Customer"), found, "typed {typed:?}");
    }
    keys(app, &["C-u"]);
    type_text(app, "qqq");
    assert!(screen(app, 120, 40).contains("nothing matches 'qqq'"));
}

#[test]
fn an_options_own_letter_chooses_it() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "n");
    keys(app, &["Tab", "Tab", "Tab", "Tab"]);
    for (typed, severity) in [("c", "C"), ("a", "A"), ("b", "B"), ("C", "C")] {
        keys(app, &["C-u"]);
        type_text(app, typed);
        assert_eq!(value(app, "Severity"), severity, "typed {typed:?}");
    }
    press(app, "Tab");
    for (typed, coverage) in [("b", "business"), ("2", "24x7"), ("24x7", "24x7"), ("bus", "business")] {
        keys(app, &["C-u"]);
        type_text(app, typed);
        assert_eq!(value(app, "Coverage"), coverage, "typed {typed:?}");
    }
}

#[test]
fn assign_picks_from_the_desks_engineers_and_adds_a_new_one_only_on_purpose() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "g");
    let id = app.view.selected.unwrap();
    press(app, "e");
    type_text(app, "maj");
    assert_eq!(value(app, "Engineer"), "Maja Eklund", "a known engineer, picked by part of the name");
    type_text(app, "a ek");
    assert_eq!(value(app, "Engineer"), "Maja Eklund");
    press(app, "Enter");
    assert!(app.dialog().is_none(), "a known engineer: no question");
    assert_eq!(app.desk().incident(id).unwrap().engineer, "Maja Eklund");

    press(app, "e");
    type_text(app, "ben");
    assert_eq!(value(app, "Engineer"), "Ben Okafor", "'ben' is Ben Okafor, not a new 'ben'");
    assert!(
        screen(app, 120, 40).contains("+ add 'ben' as a new engineer")
            || app.dialog().unwrap().form.fields[0].counts().0 >= 2
    );
    keys(app, &["C-u"]);
    type_text(app, "Zed Zulu");
    assert_eq!(chosen_label(app, "Engineer"), "+ add 'Zed Zulu' as a new engineer");
    press(app, "Enter");
    let question = app.dialog().unwrap().form.confirm.clone().expect("adding an engineer asks first");
    assert!(question.contains("new engineer"), "{question}");
    press(app, "y");
    assert!(app.dialog().is_none());
    assert_eq!(app.desk().incident(id).unwrap().engineer, "Zed Zulu");
}

#[test]
fn account_fields_refuse_what_is_no_account() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "2");
    keys(app, &["Tab", "j"]);
    press(app, "t");
    assert_eq!(app.dialog().expect("the transfer dialog").form.title, "Transfer pack");
    let before = app.desk().clone();
    let s = screen(app, 120, 40);
    assert!(s.contains("letters, digits and - / _ ."), "the order number says what it takes: {s}");
    type_text(app, "LW ");
    assert!(screen(app, 120, 40).contains("Order number: ' ' can't be in it"), "refused as typed");
    type_text(app, "ORD");
    assert_eq!(value(app, "Order number"), "LWORD", "the space was not taken");
    press(app, "Tab");
    assert!(screen(app, 120, 40).contains("an e-mail address, e.g."), "the account says what it takes");
    type_text(app, "hello world");
    assert_eq!(value(app, "To account"), "helloworld");
    keys(app, &["C-s"]);
    let form = &app.dialog().expect("refused: the dialog stays").form;
    assert_eq!(
        form.error.as_deref(),
        Some("To account: 'helloworld' is not an e-mail address, e.g. lena.holm@contoso.com")
    );
    assert_eq!(app.desk(), &before, "nothing changed");
}

#[test]
fn an_already_expired_tax_exemption_warns_before_it_is_saved() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "2");
    press(app, "X");
    keys(app, &["Tab"]);
    type_text(app, "EX-1");
    keys(app, &["Tab", "Tab"]);
    type_text(app, "2020-01-31");
    keys(app, &["C-s"]);
    let question = app.dialog().unwrap().form.confirm.clone().expect("an expired document asks first");
    assert!(question.contains("expired on 2020-01-31"), "{question}");
    keys(app, &["n"]);
    assert!(app.dialog().is_some(), "back to the form, nothing saved");
    keys(app, &["C-a", "C-k"]);
    type_text(app, "2099-01-31");
    keys(app, &["C-s"]);
    assert!(app.dialog().is_none(), "a valid document is saved without a question");
}

#[test]
fn the_intake_opens_on_the_selected_incidents_customer() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "g");
    let customer = app.desk().incident(app.view.selected.unwrap()).unwrap().customer;
    press(app, "2");
    press(app, "Tab");
    press(app, "j"); // another customer on screen 2
    assert_ne!(app.view.customer, Some(customer));
    press(app, "1");
    press(app, "n");
    assert_eq!(value(app, "Customer"), customer.to_string());
}

#[test]
fn picker_list_snapshots() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut d = demo();
        customer_picker(&mut d.app);
        type_text(&mut d.app, "o");
        insta::with_settings!({ description => "2 X =o (12 customers)", omit_expression => true }, {
            insta::assert_snapshot!(format!("picker_customers_{w}x{h}"), render(&d.app, w, h).backend());
        });
    }
}
