//! Issue 11, items 5, 6 and 10: what a lead and a long day need — the id
//! copied with `y`, customer and product history, messages never lost.

mod tui_support;

use incidesk::ui::app::App;
use tui_support::{demo, keys, press, render};

fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

/// Snapshots of the screen after `steps` at each size.
fn shots(name: &str, steps: &[&str], sizes: &[(u16, u16)]) {
    let mut d = demo();
    keys(&mut d.app, steps);
    for &(w, h) in sizes {
        let terminal = render(&d.app, w, h);
        insta::with_settings!({ description => steps.join(" "), omit_expression => true }, {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        });
    }
}

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

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

#[test]
fn a_message_wider_than_the_window_wraps_under_its_text() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "y");
    let text = screen_text(app, 50, 16);
    assert!(text.contains(" · copied I-"), "{text}");
    let second = text.lines().nth(2).unwrap_or_default();
    assert!(second.starts_with("\"   ") && !second.starts_with("\"    "), "hanging indent: {text}");
    shots("status_wrapped", &["y"], &[(120, 40), (60, 20), (50, 16)]);
}

#[test]
fn the_message_log_keeps_every_message_with_its_time() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["y", "o", "o"]);
    press(app, "L");
    let text = screen_text(app, 120, 40);
    assert!(text.contains("Messages · 3 · newest first"), "{text}");
    assert!(text.contains("09:00:00 · copied I-"), "the time in the viewer's zone: {text}");
    assert!(text.contains("queue sorted by customer"), "{text}");
    press(app, "Esc");
    assert!(app.overlay().is_none(), "any other key closes it");
    shots("message_log", &["y", "o", "L"], &SIZES);
}

#[test]
fn h_on_the_customer_pane_shows_the_customers_history() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "2");
    assert_eq!(app.view.focus, incidesk::ui::app::Focus::Packs, "screen 2 opens on its packs");
    let pack = app.view.pack.expect("a pack is selected");
    press(app, "h");
    assert!(screen_text(app, 120, 40).contains(&format!("History of pack {pack}")));
    keys(app, &["Esc", "Tab", "h"]);
    let customer = app.view.customer.expect("a customer is selected");
    let text = screen_text(app, 120, 40);
    assert!(text.contains(&format!("History of customer {customer}")), "{text}");
    assert!(
        text.contains("added; business hours"),
        "the customer's own history, as the CLI prints it: {text}"
    );
    shots("customer_history", &["2", "Tab", "h"], &SIZES);
}

#[test]
fn shift_h_shows_the_history_of_the_incidents_product() {
    let mut d = demo();
    let app = &mut d.app;
    let id = app.view.selected.expect("the queue has incidents");
    let product = app.desk().incident(id).expect("listed").product;
    press(app, "H");
    let text = screen_text(app, 120, 40);
    assert!(text.contains(&format!("History of product {product}")), "{text}");
    shots("product_history", &["H"], &SIZES);
}

#[test]
fn the_board_lists_what_waits_for_a_billing_decision_with_its_age_and_enter_opens_it() {
    let mut d = demo();
    let app = &mut d.app;
    let pending: Vec<_> = app
        .desk()
        .incidents
        .iter()
        .filter(|i| i.billing_state() == incidesk::domain::Billing::Pending)
        .map(|i| i.id)
        .collect();
    assert!(!pending.is_empty(), "the demo desk has incidents waiting for billing");
    press(app, "3");
    let text = screen_text(app, 120, 40);
    assert!(text.contains(&format!("Waiting for a billing decision · {}", pending.len())), "{text}");
    assert!(text.contains(&pending[0].to_string()), "{text}");
    assert!(text.contains("closed "), "with its age: {text}");
    press(app, "Tab");
    assert_eq!(app.view.focus, incidesk::ui::app::Focus::Billing, "Tab reaches the billing panel");
    let chosen = app.billing_selection().expect("a cursor on the first");
    press(app, "Enter");
    assert_eq!(app.view.screen, incidesk::ui::app::Screen::Queue);
    assert_eq!(app.view.selected, Some(chosen), "Enter opens the incident");
    assert!(
        app.queue_ids().contains(&chosen),
        "the queue shows it (a billing:pending filter): {:?} {:?} {:?}",
        app.view.filter_text,
        app.queue_ids(),
        app.status
    );
    shots("board_billing", &["3", "Tab"], &SIZES);
}

#[test]
fn the_board_says_no_reply_beside_missed_not_ever_breached() {
    let mut d = demo();
    press(&mut d.app, "3");
    let text = screen_text(&d.app, 120, 40);
    assert!(text.contains("✘ MISSED  ✖ NO REPLY"), "{text}");
    assert!(!text.contains("EVER"), "{text}");
}
