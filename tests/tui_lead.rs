//! Issue 11, items 5, 6 and 10: what a lead and a long day need — the id
//! copied with `y`, customer and product history, messages never lost.

mod tui_support;

use incidesk::ui::app::App;
use tui_support::{demo, keys, press, render};

fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

#[test]
fn y_copies_the_selected_incident_and_says_so() {
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.expect("the demo queue has incidents").to_string();
    press(app, "y");
    assert_eq!(app.take_clipboard(), Some(id.clone()), "the event loop gets the id to send");
    assert_eq!(app.take_clipboard(), None, "sent once");
    assert!(screen_text(app, 120, 40).contains(&format!("copied {id} to the clipboard")));
}

#[test]
fn y_on_the_pack_screen_copies_the_customer_or_the_pack_by_the_focused_pane() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "2");
    let pack = app.view.pack.expect("the selected customer has a pack").to_string();
    let customer = app.view.customer.expect("a customer is selected").to_string();
    press(app, "y");
    let first = app.take_clipboard().expect("something copied");
    press(app, "Tab");
    press(app, "y");
    let second = app.take_clipboard().expect("something copied");
    let mut both = [first, second];
    both.sort();
    let mut want = [customer, pack];
    want.sort();
    assert_eq!(both, want);
}

#[test]
fn y_on_the_board_copies_the_incident_under_the_cursor() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["3", "j"]);
    let id = app.board_selection().expect("the demo board has next breaches").to_string();
    press(app, "y");
    assert_eq!(app.take_clipboard(), Some(id));
}
