//! Issue 11, item 9: what the config file sets reaches the desk. Each test
//! reads a config file's text as `main` does, configures the demo desk's app
//! with it and shows the setting's effect through keys and frames.

mod tui_support;

use incidesk::config::{Config, parse};
use incidesk::ui::keymap::{Action, DialogKind, Scope, Screen};
use incidesk::ui::theme::Theme;
use ratatui::style::Color;
use tui_support::{Demo, demo, keys, press, render, type_text};

fn configured(text: &str) -> Demo {
    let config: Config = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut d = demo();
    incidesk::ui::configure(&mut d.app, &config);
    d
}

fn screen_text(d: &Demo, w: u16, h: u16) -> String {
    render(&d.app, w, h).backend().to_string()
}

#[test]
fn a_remapped_key_does_the_action_and_the_old_key_no_longer_does() {
    let mut d = configured("[keys]\nrespond = \"R\"\nscreen_board = [\"F3\", \"3\"]\nhistory = \"v\"\n");
    let app = &mut d.app;
    press(app, "r");
    assert_eq!(app.dialog().map(|d| d.kind), None, "r is no longer respond");
    press(app, "R");
    assert_eq!(app.dialog().map(|d| d.kind), Some(DialogKind::Respond));
    press(app, "Esc");
    press(app, "v");
    assert!(app.overlay().is_some(), "v opens the history");
    press(app, "Esc");
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::F(3),
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(app.view.screen, Screen::Board);
    // The footer and the help say the keys as configured.
    press(app, "1");
    let screen = screen_text(&d, 120, 40);
    assert!(screen.contains("R respond"), "the footer:\n{screen}");
    assert!(!screen.contains("r respond"), "not the old key:\n{screen}");
    assert_eq!(incidesk::ui::keymap::label_of(Action::Dialog(DialogKind::Respond)), "R");
    let help: String = incidesk::ui::help::lines(&Theme { color: false })
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    assert!(help.contains("  R  ") && help.contains("Record the first response"), "{help}");
    assert!(help.contains("F3/3"), "{help}");
}

#[test]
fn remapped_dialog_keys_work_in_a_dialog() {
    let mut d = configured("[keys]\nform_submit = \"C-o\"\n");
    let app = &mut d.app;
    press(app, "r");
    type_text(app, "Called back");
    press(app, "C-s");
    assert!(app.dialog().is_some(), "Ctrl-S no longer submits");
    press(app, "C-o");
    assert!(app.dialog().is_none(), "Ctrl-O does: {:?}", app.status);
    assert!(incidesk::ui::keymap::key_line(Scope::Form).contains("Ctrl-o submit"));
}

#[test]
fn general_settings_reach_the_desk() {
    let mut d = configured(
        "[general]\nmouse = true\nselection_after_action = \"follow\"\ncustomer_zone = \"America/Chicago\"\n",
    );
    assert!(d.app.view.mouse, "mouse capture on at start");
    assert!(d.app.mouse_changed, "the loop turns it on");
    let app = &mut d.app;
    let first = app.queue_ids()[0];
    press(app, "r");
    type_text(app, "Called back");
    press(app, "C-s");
    assert_eq!(app.view.selected, Some(first), "the cursor followed the answered incident");
    press(app, "N");
    assert_eq!(app.dialog().map(|d| d.form.value("Time zone")), Some("America/Chicago"));
    // Without the setting the dialog keeps its own default.
    let mut d = configured("");
    press(&mut d.app, "N");
    assert_eq!(d.app.dialog().map(|d| d.form.value("Time zone")), Some("Europe/Stockholm"));
    assert!(!d.app.view.mouse);
}

#[test]
fn the_theme_colours_the_frame() {
    let colour_of = |d: &Demo, text: &str| {
        let t = render(&d.app, 120, 40);
        let buffer = t.backend().buffer().clone();
        let lines: Vec<String> =
            (0..40).map(|y| (0..120).map(|x| buffer[(x, y)].symbol().to_string()).collect()).collect();
        let (y, line) = lines.iter().enumerate().find(|(_, l)| l.contains(text)).expect(text);
        let x = line.chars().position(|c| text.starts_with(c)).unwrap_or(0);
        buffer[(x as u16, y as u16)].fg
    };
    let mut d = configured("[theme]\nbreached = \"#ff8800\"\n");
    d.app.theme = Theme { color: true };
    assert_eq!(colour_of(&d, "✖"), Color::Rgb(0xff, 0x88, 0), "breached in the colour set");
    let mut d = configured("[theme]\nname = \"high-contrast\"\n");
    d.app.theme = Theme { color: true };
    assert_eq!(colour_of(&d, "✖"), Color::LightRed, "the high-contrast theme's");
    let mut d = configured("[theme]\nname = \"light\"\n");
    d.app.theme = Theme { color: false };
    assert_eq!(colour_of(&d, "✖"), Color::Reset, "NO_COLOR still wins");
}

#[test]
fn a_key_that_would_mean_two_things_refuses_the_file_naming_its_line() {
    let text = "[general]\nmouse = true\n\n[keys]\nsort = \"O\"\nundo = \"n\"\n";
    let e = parse(text).unwrap_err();
    assert_eq!((e.line, e.column), (6, 1), "{e}");
    assert!(e.message.contains("new_incident") && e.message.contains("undo"), "{e}");
    // Keys of popups are their own: j may scroll a popup and be another
    // action on the desk.
    let d = configured("[keys]\nscroll_down = \"n\"\n");
    let mut app = d.app;
    keys(&mut app, &["?", "n"]);
    assert!(app.overlay().is_some(), "n scrolls the help, does not close it");
}

#[test]
fn the_help_explains_every_symbol_and_every_filter_key() {
    let help: String = incidesk::ui::help::lines(&Theme { color: false })
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    for symbol in ["✖", "▲", "●", "✔", "✘", "‖"] {
        let line = help.lines().find(|l| l.trim_start().starts_with(symbol));
        assert!(line.is_some_and(|l| l.contains(": ")), "{symbol} explained:\n{help}");
    }
    for (key, values, _) in incidesk::domain::queue::FILTER_HELP {
        let line = help.lines().find(|l| l.trim_start().starts_with(key));
        assert!(line.is_some_and(|l| l.contains(values)), "{key} with {values}:\n{help}");
    }
    // On screen, from the top.
    let mut d = demo();
    press(&mut d.app, "?");
    let screen = screen_text(&d, 80, 24);
    assert!(screen.contains("Symbols") && screen.contains("✖"), "{screen}");
}
