//! R5 in the terminal desk: the calendar dialog on screen 2 (its key in the
//! key table, so the footer and `?` name it), what it saves and refuses,
//! and the calendar in force with the next holidays and opening shown on
//! screen 2 and in the detail pane.

mod tui_support;

use incidesk::domain::Subject;
use tui_support::{demo, keys, press, render, type_text};

fn screen(app: &incidesk::ui::app::App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let b = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

#[test]
fn the_calendar_dialog_opens_with_the_calendar_in_force() {
    let mut d = demo();
    keys(&mut d.app, &["2", "O"]);
    for (w, h) in [(120, 40), (80, 24)] {
        let terminal = render(&d.app, w, h);
        insta::with_settings!({ description => "2 L", omit_expression => true }, {
            insta::assert_snapshot!(format!("dialog_calendar_{w}x{h}"), terminal.backend());
        });
    }
}

#[test]
fn a_holiday_added_in_the_dialog_is_saved_with_before_and_after_and_shown_on_screen_2() {
    let mut d = demo();
    press(&mut d.app, "2");
    let customer = d.app.view.customer.expect("a customer is selected on screen 2");
    keys(&mut d.app, &["O", "Tab", "Tab"]);
    type_text(&mut d.app, "*-12-25");
    press(&mut d.app, "C-s");
    assert!(d.app.dialog().is_none(), "the dialog closes when saved");
    let c = d.app.desk().customer(customer).unwrap();
    assert_eq!(c.calendar_changes.len(), 1);
    let entry = d.app.desk().history_of(Subject::Customer(customer)).last().unwrap();
    let change = entry.change.as_ref().expect("before and after");
    assert!(!change.before.contains("*-12-25") && change.after.contains("*-12-25"), "{change:?}");
    let shown = screen(&d.app, 120, 40);
    assert!(shown.contains("2026-12-25 (*-12-25)"), "{shown}");
}

#[test]
fn a_bad_day_keeps_the_dialog_open_naming_it_and_changes_nothing() {
    let mut d = demo();
    press(&mut d.app, "2");
    let before = d.app.desk().clone();
    keys(&mut d.app, &["O", "Tab", "Tab"]);
    type_text(&mut d.app, "2026-02-30");
    press(&mut d.app, "C-s");
    assert!(d.app.dialog().is_some(), "the dialog stays open with what was typed");
    assert_eq!(*d.app.desk(), before);
    let shown = screen(&d.app, 120, 40);
    assert!(shown.contains("Add days:") && shown.contains("2026-02-30"), "{shown}");
    // Too little open time: refused by R5 in the dialog.
    keys(&mut d.app, &["C-u", "S-Tab"]);
    keys(&mut d.app, &["C-u"]);
    type_text(&mut d.app, "mon 08:00-08:01");
    press(&mut d.app, "C-s");
    assert_eq!(*d.app.desk(), before);
    let shown = screen(&d.app, 120, 40);
    assert!(shown.contains("R5") && shown.contains("0h 57m"), "{shown}");
    assert!(
        shown.contains("Open hours and") && shown.contains("Remove days") && !shown.contains("--hours"),
        "said in keys and fields: {shown}"
    );
}

#[test]
fn the_footer_and_help_name_the_calendar_key_and_the_detail_shows_what_is_ahead() {
    let mut d = demo();
    press(&mut d.app, "2");
    assert!(screen(&d.app, 120, 40).contains("O calendar"));
    press(&mut d.app, "?");
    let mut help = screen(&d.app, 120, 40);
    for _ in 0..6 {
        press(&mut d.app, "PgDn");
        help.push_str(&screen(&d.app, 120, 40));
    }
    assert!(help.contains("Change the customer's calendar from a date on"), "{help}");
    press(&mut d.app, "Esc");
    press(&mut d.app, "1");
    let detail = screen(&d.app, 120, 40);
    assert!(detail.contains("open now") || detail.contains("opens "), "{detail}");
}
