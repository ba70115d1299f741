//! Issue 11, findings 3, 4, 5 and 14: lists you can trust — each shows where
//! the cursor is, a scrollbar when it doesn't fit, keeps the selection in
//! view, and the queue explains its order.

mod tui_support;

use incidesk::domain::Severity;
use incidesk::ui::app::App;
use tui_support::{demo, keys, press, render};

fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

/// The screen as rows of characters, without the quotes of the test backend.
fn rows(app: &App, w: u16, h: u16) -> Vec<Vec<char>> {
    let term = render(app, w, h);
    let buf = term.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().chars().next().unwrap_or(' ')).collect()).collect()
}

#[test]
fn the_queue_says_where_the_cursor_is() {
    let mut d = demo();
    let app = &mut d.app;
    let n = app.queue_ids().len();
    assert!(screen_text(app, 80, 24).contains(&format!("Queue · 1/{n}")));
    keys(app, &["j", "j"]);
    assert!(screen_text(app, 80, 24).contains(&format!("Queue · 3/{n}")));
}

#[test]
fn a_queue_that_does_not_fit_has_a_scrollbar_and_keeps_the_selection_in_view() {
    let mut d = demo();
    let app = &mut d.app;
    let (w, h) = (60, 16);
    let border = |app: &App| {
        rows(app, w, h).iter().skip(3).take(10).map(|r| r[usize::from(w) - 1]).collect::<String>()
    };
    assert!(border(app).contains('█'), "a scrollbar on the right border: {}", border(app));
    assert_eq!(rows(app, 80, 40).iter().filter(|r| r[79] == '█').count(), 0, "none when all rows fit");
    for _ in 0..app.queue_ids().len() {
        press(app, "j");
        let id = app.view.selected.unwrap();
        assert!(screen_text(app, w, h).contains(&format!(" {id} ")), "{id} is on screen");
    }
}

#[test]
fn paused_values_line_up_with_the_others() {
    let d = demo();
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = rows(&d.app, w, h);
        // Where each countdown's seconds end, paused (‖) or not.
        let ends: Vec<usize> = screen
            .iter()
            .map(|r| r.iter().collect::<String>())
            .filter(|r| r.starts_with('│') && r.contains(" I-") && r.contains("m 00s"))
            .filter_map(|r| r.chars().collect::<Vec<_>>().iter().rposition(|c| *c == 's'))
            .collect();
        assert!(ends.len() > 3, "{w}x{h}: countdowns shown");
        assert!(
            ends.windows(2).all(|p| p[0] == p[1]),
            "{w}x{h}: every LEFT ends in the same column: {ends:?}"
        );
    }
}

#[test]
fn the_queue_shows_when_each_is_due_in_the_customers_zone() {
    let d = demo();
    let app = &d.app;
    let id = app.queue_ids()[0];
    let inc = app.desk().incident(id).unwrap();
    let zone = app.desk().customer(inc.customer).unwrap().calendar.time_zone.clone();
    let due = app.countdown(id).unwrap().due.unwrap().with_timezone(&zone).format("%a %H:%M").to_string();
    let screen = screen_text(app, 80, 24);
    let row = screen.lines().find(|l| l.contains(&format!(" {id} "))).unwrap();
    assert!(row.contains(&due), "{due} in {row}");
    for column in ["STATUS", "CUSTOMER", "DUE", "LEFT"] {
        assert!(screen.contains(column), "{column} at 80 columns");
    }
    assert!(row.contains("Contoso Ltd") && row.contains("new"), "customer and status readable: {row}");
}

#[test]
fn o_sorts_the_queue_by_severity_customer_age_and_back_to_due() {
    let mut d = demo();
    let app = &mut d.app;
    let by_due = app.queue_ids();
    press(app, "o");
    let sev: Vec<Severity> =
        app.queue_ids().iter().map(|id| app.desk().incident(*id).unwrap().severity).collect();
    assert!(sev.windows(2).all(|p| p[0] <= p[1]), "A first: {sev:?}");
    assert!(screen_text(app, 80, 24).contains("by severity"));
    assert!(app.status.as_ref().unwrap().text.contains("severity"));
    press(app, "o");
    let names: Vec<String> = app
        .queue_ids()
        .iter()
        .map(|id| {
            let c = app.desk().incident(*id).unwrap().customer;
            app.desk().customer(c).unwrap().name.to_lowercase()
        })
        .collect();
    assert!(names.windows(2).all(|p| p[0] <= p[1]), "{names:?}");
    press(app, "o");
    let ages: Vec<_> = app.queue_ids().iter().map(|id| app.desk().incident(*id).unwrap().submitted).collect();
    assert!(ages.windows(2).all(|p| p[0] <= p[1]), "oldest first");
    press(app, "o");
    assert_eq!(app.queue_ids(), by_due, "back to the due order");
}

#[test]
fn the_selected_pack_stays_in_view_at_80x24() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "2");
    // The customer with the most packs, then its last pack.
    let desk = app.desk().clone();
    let most = desk.customers.iter().max_by_key(|c| desk.packs_of(c.id).count()).unwrap().id;
    press(app, "Tab");
    while app.view.customer != Some(most) {
        press(app, "j");
    }
    press(app, "Enter");
    press(app, "G");
    let pack = app.view.pack.unwrap();
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains(&format!("▶ {pack}")), "the selected {pack} is on screen:\n{screen}");
    let n = desk.packs_of(most).count();
    assert!(screen.contains(&format!("· {n}/{n} ")), "its position:\n{screen}");
}

#[test]
fn the_queue_scrollbar_starts_below_the_header_row() {
    let d = demo();
    for (w, h) in [(60, 16), (80, 20), (100, 18)] {
        let screen = rows(&d.app, w, h);
        let right = usize::from(w) - 1;
        let header = screen.iter().position(|r| r.iter().collect::<String>().contains(" ID ")).unwrap();
        assert_eq!(screen[header][right], '│', "{w}x{h}: the header row keeps its border");
        assert_eq!(screen[header + 1][right], '█', "{w}x{h}: the thumb starts at the first row");
    }
}

#[test]
fn a_history_longer_than_its_popup_says_where_it_is_and_has_a_scrollbar() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["/"]);
    tui_support::type_text(app, "I-14");
    keys(app, &["Enter", "h"]);
    let text = screen_text(app, 80, 24);
    assert!(text.contains("rows 1–"), "the position on its bottom border: {text}");
    assert!(text.contains('█'), "a scrollbar: {text}");
    for _ in 0..200 {
        press(app, "j");
    }
    let text = screen_text(app, 80, 24);
    let at = text.lines().find(|l| l.contains("rows ")).unwrap_or_default().to_string();
    assert!(at.contains("–") && at.split('/').nth(1).is_some(), "{at}");
    let (shown, total) = at.split_once("rows ").unwrap().1.split_once('/').unwrap();
    let last = shown.split('–').nth(1).unwrap();
    assert_eq!(last, total.split(' ').next().unwrap(), "the scroll stops at the end: {at}");
}

#[test]
fn a_scroll_past_the_end_of_a_popup_comes_back_at_the_first_key_up() {
    let mut d = demo();
    let app = &mut d.app;
    keys(app, &["/"]);
    tui_support::type_text(app, "I-14");
    keys(app, &["Enter", "h"]);
    let position = |app: &_| {
        let text = screen_text(app, 80, 24);
        text.lines().find(|l| l.contains("rows ")).unwrap_or_default().to_string()
    };
    for _ in 0..3 {
        press(app, "j");
    }
    let third = position(app);
    for _ in 0..200 {
        press(app, "j");
    }
    let end = position(app);
    press(app, "k");
    let one_up = position(app);
    assert_ne!(one_up, end, "k moves at once, not after the 200 presses past the end: {end}");
    for _ in 0..200 {
        press(app, "k");
    }
    for _ in 0..3 {
        press(app, "j");
    }
    assert_eq!(position(app), third, "and back at the top the same");
}
