//! The mouse as a toggle: clicks select, the wheel scrolls (split from
//! tui_keys.rs).

mod tui_support;

use incidesk::domain::Subject;
use incidesk::store::{JsonStore, Store};
use incidesk::ui::app::{App, Focus};
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tui_support::{demo, demo_on_file, now, press, render};

use tui_support::{fill_intake, form_error, queue_order, refusal_of, screen_text};

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
