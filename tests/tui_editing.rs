//! Issue 11, finding 2: text fields are edited at a cursor, as in a shell:
//! ←/→ and words, Home/End, the readline keys, deletion of what is seen as
//! one character, paste where the cursor is, long fields that scroll, and
//! numbers that start empty. Each as keys pressed on the demo desk.

mod tui_support;

use incidesk::ui::app::App;
use incidesk::ui::dialog::view::FIELD_LINES;
use ratatui::crossterm::event::Event;
use tui_support::{demo, keys, press, render, type_text};

/// The focused field's text, `|` where the cursor is.
fn field(app: &App) -> String {
    let form = &app.dialog().expect("a dialog is open").form;
    let (before, after) = form.fields[form.focus].split_at_cursor();
    format!("{before}|{after}")
}

/// The respond dialog on the first incident of the queue, its note focused.
fn note(app: &mut App, text: &str) {
    press(app, "g");
    press(app, "c");
    press(app, "Tab");
    press(app, "Tab");
    type_text(app, text);
    assert_eq!(app.dialog().unwrap().form.fields[app.dialog().unwrap().form.focus].label, "Note");
}

#[test]
fn arrows_home_end_and_word_moves_place_the_cursor_where_typing_goes() {
    let mut d = demo();
    let app = &mut d.app;
    note(app, "disk full");
    keys(app, &["Left", "Left", "Left", "Left"]);
    assert_eq!(field(app), "disk |full");
    type_text(app, "is ");
    assert_eq!(field(app), "disk is |full");
    keys(app, &["Home"]);
    assert_eq!(field(app), "|disk is full");
    keys(app, &["End"]);
    assert_eq!(field(app), "disk is full|");
    keys(app, &["C-a"]);
    assert_eq!(field(app), "|disk is full", "Ctrl-A is Home");
    keys(app, &["C-e"]);
    assert_eq!(field(app), "disk is full|", "Ctrl-E is End");
    keys(app, &["A-Left"]);
    assert_eq!(field(app), "disk is |full");
    keys(app, &["C-Left"]);
    assert_eq!(field(app), "disk |is full");
    keys(app, &["A-Right"]);
    assert_eq!(field(app), "disk is |full");
    keys(app, &["C-Right", "Right"]);
    assert_eq!(field(app), "disk is full|", "→ at the end stays there");
}

#[test]
fn readline_keys_erase_words_and_line_parts_and_ctrl_u_no_longer_clears_silently() {
    let mut d = demo();
    let app = &mut d.app;
    note(app, "restart the mail server");
    keys(app, &["C-w"]);
    assert_eq!(field(app), "restart the mail |");
    keys(app, &["A-Left", "C-k"]);
    assert_eq!(field(app), "restart the |");
    type_text(app, "web");
    keys(app, &["A-Left", "C-u"]);
    assert_eq!(field(app), "|web", "Ctrl-U erases up to the cursor, not what follows");
    keys(app, &["Delete"]);
    assert_eq!(field(app), "|eb");
    keys(app, &["End", "Backspace"]);
    assert_eq!(field(app), "e|");
    keys(app, &["C-h"]);
    assert_eq!(field(app), "|");
}

#[test]
fn backspace_and_delete_take_one_visible_character_whole() {
    let mut d = demo();
    let app = &mut d.app;
    for (typed, left) in [
        ("café", "caf|"),
        ("cafe\u{301}", "caf|"),
        ("ok 👍🏽", "ok |"),
        // (Zero-width joiners are not kept in typed text, so no family emoji.)
        ("ok 🤦🏼", "ok |"),
        ("ok 🇸🇪", "ok |"),
    ] {
        note(app, typed);
        press(app, "Backspace");
        assert_eq!(field(app), left, "Backspace after {typed:?}");
        keys(app, &["C-u"]);
        type_text(app, typed);
        keys(app, &["Left", "Delete"]);
        assert_eq!(field(app), left, "← then Delete on {typed:?}");
        keys(app, &["C-u", "Esc", "y"]);
        assert!(app.dialog().is_none());
    }
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut d = demo();
    let app = &mut d.app;
    note(app, "before after");
    keys(app, &["A-Left"]);
    app.handle_event(Event::Paste("pasted\x1b[31m ".into()));
    assert_eq!(field(app), "before pasted |after", "escape sequences dropped, text where the cursor is");
    app.handle_event(Event::Paste("one\ntwo ".into()));
    assert_eq!(field(app), "before pasted one\ntwo |after", "a multi-line field keeps the lines");
}

#[test]
fn a_prefilled_statement_is_amended_in_the_middle_not_backspaced() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "g");
    press(app, "a");
    let statement = app.dialog().unwrap().form.value("Statement").to_string();
    let first_word_end = statement.find(' ').expect("a statement of several words");
    keys(app, &["C-a", "A-Right"]);
    type_text(app, "(amended) ");
    let text = app.dialog().unwrap().form.value("Statement").to_string();
    let (first, rest) = statement.split_at(first_word_end + 1);
    let expected = format!("{first}(amended) {rest}");
    assert_eq!(text, expected);
}

#[test]
fn a_long_field_moves_by_line_and_scrolls_with_its_cursor() {
    let mut d = demo();
    let app = &mut d.app;
    note(app, "");
    for n in 1..=20 {
        if n > 1 {
            press(app, "A-Enter");
        }
        type_text(app, &format!("line {n}"));
    }
    let screen = |app: &App| render(app, 120, 40).backend().to_string();
    assert!(screen(app).contains("line 20▏"), "the cursor is shown at the end");
    assert!(!screen(app).contains("line 3 "), "the top lines scrolled out");
    assert!(screen(app).contains(&format!("lines {}–20 of 20", 21 - FIELD_LINES)));
    for _ in 0..15 {
        press(app, "Up");
    }
    assert_eq!(app.dialog().unwrap().form.fields[app.dialog().unwrap().form.focus].label, "Note");
    assert_eq!(field(app).lines().nth(4), Some("line 5|"), "↑ moves up lines, same column or the end");
    assert!(screen(app).contains("line 5▏"));
    assert!(screen(app).contains("lines 1–8 of 20"));
    assert!(!screen(app).contains("line 20"), "the end scrolled out");
    keys(app, &["Up", "Up", "Up", "Up", "Up"]);
    assert_ne!(
        app.dialog().unwrap().form.fields[app.dialog().unwrap().form.focus].label,
        "Note",
        "↑ on the first line goes to the field above"
    );
}

#[test]
fn minutes_start_empty_so_typing_45_gives_45() {
    let mut d = demo();
    let app = &mut d.app;
    press(app, "g");
    press(app, "c");
    press(app, "Tab");
    assert_eq!(field(app), "|");
    type_text(app, "45");
    assert_eq!(app.dialog().unwrap().form.value("Minutes"), "45");
}

#[test]
fn the_editor_key_asks_for_the_long_fields_text_and_takes_back_what_was_written() {
    let mut d = demo();
    let app = &mut d.app;
    note(app, "draft");
    press(app, "C-g");
    assert_eq!(app.take_external_edit().as_deref(), Some("draft"), "the editor starts from the field");
    app.external_edit_done(Ok("line one\nline two\n".into()));
    assert_eq!(field(app), "line one\nline two|", "the file's last line break is not kept");
    app.external_edit_done(Err("the editor 'nope' ended with exit status: 1; the field is as it was".into()));
    assert_eq!(field(app), "line one\nline two|");
    assert!(render(app, 120, 40).backend().to_string().contains("the field is as it was"));
    keys(app, &["S-Tab"]);
    press(app, "C-g");
    assert_eq!(app.take_external_edit(), None, "Minutes is not a long field");
    assert!(render(app, 120, 40).backend().to_string().contains("opens the editor in the long fields"));
}
