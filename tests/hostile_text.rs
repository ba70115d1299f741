//! Hostile text: escape sequences, C1 controls, BEL, backspace, carriage return,
//! bidi overrides, zero-width and stacked combining characters, wide CJK and
//! emoji, 100 KB lines. Cleaned where it enters the desk (commands, the command
//! line, dialogs, loaded files), so that drawing it neither passes a control
//! byte to the terminal nor breaks the layout.

mod common;

use chrono::{DateTime, Utc};
use common::{ALICE, ENGINEER, now, run};
use incidesk::domain::text::clean_line;
use incidesk::domain::*;
use incidesk::store::{self, JsonStore, Store};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;

/// One of everything: OSC title change, CSI colour, C1 CSI and OSC, BEL,
/// backspace, CR, a bidi override, a zero-width space, stacked accents, CJK, emoji.
const HOSTILE: &str = "A\x1b]0;X\x07B \x1b[31mred\x1b[0m \u{9b}1mC1\u{9d}0;t\u{9c} be\x07ll bo\x08om c\rr \u{202e}evil\u{202c} ze\u{200b}ro 東京 🚀 e\u{301}\u{301}\u{301}\u{301}\u{301}";
const CLEANED: &str = "AB red C1 bell boom cr evil zero 東京 🚀 e\u{301}\u{301}";

/// Text with line breaks: CRLF, a screen clear and a hyperlink.
const HOSTILE_BLOCK: &str =
    "first line\r\n\x1b[2Jsecond \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ line\u{85}\nthird\x1bc line";
const CLEANED_BLOCK: &str = "first line\nsecond link line\nthird line";

#[path = "hostile/commands.rs"]
mod commands;
use commands::*;

// ---- drawing ----

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn app_on(path: &Path, color: bool) -> App {
    let store = JsonStore::open(path).unwrap();
    let mut app = App::new(store, Clock::Frozen(frozen()), "eve\x1b]0;x\x07".into(), Theme { color });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    app
}

fn hostile_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    write_raw(&path, &raw_hostile_desk());
    (dir, path)
}

/// The screen as text, a wide character counted once.
fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push('\n');
    }
    out
}

/// Every row is exactly as wide as the screen and the pane borders are where
/// they belong, whatever the text in between.
fn assert_layout(buf: &Buffer, text: &str, what: &str) {
    let w = buf.area.width;
    for (y, line) in text.lines().enumerate() {
        assert_eq!(line.width(), usize::from(w), "{what}: row {y} is {} wide: {line:?}", line.width());
        assert!(is_clean(line), "{what}: row {y}: {line:?}");
    }
    // Rows 2.. are the panes; the footer is the last row.
    for y in 2..buf.area.height - 1 {
        let (left, right) = (buf[(0, y)].symbol(), buf[(w - 1, y)].symbol());
        assert!(["│", "╭", "╰"].contains(&left), "{what}: row {y} starts with {left:?}\n{text}");
        assert!(["│", "╮", "╯"].contains(&right), "{what}: row {y} ends with {right:?}\n{text}");
    }
}

fn draw_test(app: &App, w: u16, h: u16) -> (Buffer, String) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| incidesk::ui::draw::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let text = screen(&buf);
    (buf, text)
}

#[test]
fn hostile_text_renders_without_breaking_the_layout() {
    let (_dir, path) = hostile_file();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = app_on(&path, false);
        let (buf, queue) = draw_test(&app, w, h);
        assert_layout(&buf, &queue, "queue");
        assert!(queue.contains("AB red C1 bell"), "{queue}");
        insta::assert_snapshot!(format!("queue_{w}x{h}"), queue);

        app.handle_event(key(KeyCode::Enter));
        let (buf, detail) = draw_test(&app, w, h);
        assert_layout(&buf, &detail, "detail");
        assert!(detail.contains("second link line") || h < 40, "{detail}");
        insta::assert_snapshot!(format!("detail_{w}x{h}"), detail);

        app.handle_event(key(KeyCode::Char('h')));
        let (buf, history) = draw_test(&app, w, h);
        assert_layout(&buf, &history, "history");
        assert!(history.contains("mallory"), "{history}");
        insta::assert_snapshot!(format!("history_{w}x{h}"), history);

        // The 100 KB title: the queue cuts it, the detail wraps it.
        app.handle_event(key(KeyCode::Esc));
        app.handle_event(key(KeyCode::Esc));
        app.handle_event(key(KeyCode::Char('g')));
        app.handle_event(key(KeyCode::Char('j')));
        app.handle_event(key(KeyCode::Enter));
        let (buf, long) = draw_test(&app, w, h);
        assert_layout(&buf, &long, "long title");
        assert!(long.contains("東京") && long.contains(&"x".repeat(usize::from(w) - 2)), "{long}");
    }
}

// ---- the bytes a real terminal would get ----

/// Scans what was written to the terminal: every ESC must start a CSI of the
/// kinds ratatui and crossterm write (cursor moves, SGR, cursor show/hide,
/// clears); no OSC, BEL, C1, backspace, CR or other control; no bidi or
/// zero-width characters; no remains of a half-removed sequence.
fn scan(bytes: &[u8], terminal: bool) -> Result<(), String> {
    let mut text = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x1b {
            if !terminal {
                return Err(format!("ESC at byte {i} in plain output"));
            }
            if bytes.get(i + 1) != Some(&b'[') {
                return Err(format!("ESC not followed by '[' at byte {i} (OSC or other escape)"));
            }
            let mut j = i + 2;
            while j < bytes.len() && (0x30..=0x3f).contains(&bytes[j]) {
                j += 1;
            }
            let fin = bytes.get(j).copied().unwrap_or(0);
            if !b"HmJKhlABCDG".contains(&fin) {
                return Err(format!("unexpected CSI final {:?} at byte {i}", fin as char));
            }
            i = j + 1;
            continue;
        }
        if !(b >= 0x20 && b != 0x7f || (b == b'\n' && !terminal)) {
            let around = String::from_utf8_lossy(&bytes[i.saturating_sub(20)..(i + 20).min(bytes.len())]);
            return Err(format!("control byte 0x{b:02x} at byte {i}: {around:?}"));
        }
        text.push(b);
        i += 1;
    }
    let text = String::from_utf8(text).map_err(|e| format!("not UTF-8: {e}"))?;
    if let Some(c) = text.chars().find(|&c| ('\u{80}'..='\u{9f}').contains(&c) || invisible(c)) {
        return Err(format!("control or invisible character U+{:04X}", c as u32));
    }
    if let Some(r) = ["]0;", "[31m", "]8;;", "[2J", "pwned", "owned"].iter().find(|r| text.contains(*r)) {
        return Err(format!("{r:?} reached the output"));
    }
    Ok(())
}

fn assert_clean_bytes(bytes: &[u8], terminal: bool, what: &str) {
    if let Err(e) = scan(bytes, terminal) {
        panic!("{what}: {e}");
    }
}

/// The scan itself catches what ratatui lets through when text is not cleaned.
#[test]
fn the_scan_catches_uncleaned_text() {
    let render = |text: &str| {
        let written = Written::default();
        let viewport = Viewport::Fixed(Rect::new(0, 0, 20, 2));
        let mut t =
            Terminal::with_options(CrosstermBackend::new(written.clone()), TerminalOptions { viewport })
                .unwrap();
        t.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new(text.to_string()), f.area())).unwrap();
        let symbol = text.to_string();
        t.draw(|f| {
            f.buffer_mut()[(0, 1)].set_symbol(&symbol);
        })
        .unwrap();
        written.0.borrow().clone()
    };
    // ratatui drops the lone ESC and BEL but prints the rest; set_symbol passes all.
    let raw = render("A\x1b]0;X\x07B");
    let err = scan(&raw, true).unwrap_err();
    assert!(err.contains("OSC") || err.contains("]0;"), "{err}");
    assert!(scan(&render("\u{202e}evil"), true).is_err());
    assert!(scan(&render("bell\x07"), true).is_err());
    assert_eq!(scan(&render(&clean_line("A\x1b]0;X\x07B")), true), Ok(()));
}

/// A `Vec<u8>` the test keeps a handle on while the backend writes into it
/// (`CrosstermBackend::writer` is behind an unstable feature).
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_control_byte_reaches_the_terminal() {
    let (_dir, path) = hostile_file();
    for (w, h) in [(80u16, 24u16), (120, 40), (150, 40)] {
        let mut app = app_on(&path, true);
        let written = Written::default();
        let backend = CrosstermBackend::new(written.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
        let mut t = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let keys = [
            None,
            Some(KeyCode::Enter),
            Some(KeyCode::Char('h')),
            Some(KeyCode::Esc),
            Some(KeyCode::Char('G')),
        ];
        for k in keys {
            if let Some(k) = k {
                app.handle_event(key(k));
            }
            t.draw(|f| incidesk::ui::draw::draw(f, &app)).unwrap();
        }
        // A dialog echoing what is typed and pasted.
        app.handle_event(key(KeyCode::Esc));
        app.handle_event(key(KeyCode::Char('g')));
        app.handle_event(key(KeyCode::Char('p')));
        app.handle_event(Event::Paste(HOSTILE.into()));
        for c in ['\u{9b}', '\u{202e}', '\u{7}', 'o'] {
            app.handle_event(key(KeyCode::Char(c)));
        }
        t.draw(|f| incidesk::ui::draw::draw(f, &app)).unwrap();
        let bytes = written.0.borrow().clone();
        assert!(bytes.len() > usize::from(w) * usize::from(h), "something was drawn");
        assert_clean_bytes(&bytes, true, &format!("terminal {w}x{h}"));
        let shown = String::from_utf8_lossy(&bytes);
        assert!(shown.contains("AB red C1 bell"), "the cleaned title is shown");
    }
}

#[test]
fn a_paste_into_a_dialog_is_cleaned_whole() {
    let (_dir, path) = hostile_file();
    let mut app = app_on(&path, false);
    let before = app.desk().incident(IncidentId(1)).unwrap().proposals.len();
    app.handle_event(key(KeyCode::Char('p')));
    assert!(app.dialog().is_some(), "the propose dialog opens");
    app.handle_event(Event::Paste("A\x1b]0;X\x07B".into()));
    for c in ['\u{9b}', '\u{202e}', '!'] {
        app.handle_event(key(KeyCode::Char(c)));
    }
    app.handle_event(key(KeyCode::Enter));
    assert!(app.dialog().is_none(), "saved: {:?}", app.dialog().and_then(|d| d.form.error.clone()));
    let inc = app.desk().incident(IncidentId(1)).unwrap();
    assert_eq!(inc.proposals.len(), before + 1);
    assert_eq!(inc.proposals[before].text, "AB!", "not `A]0;XB`");
    assert_eq!(clean_line(&app.session.engineer), app.session.engineer);
}

/// Error messages quote what was typed: none lets a control sequence reach
/// the terminal (an OSC 52 clipboard write, a title change), whether the
/// message is incidesk's or clap's.
#[test]
fn error_messages_that_quote_input_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk.json");
    let evil = "\x1b]52;c;UFdORUQ=\x07X\u{9b}31m\u{202e}";
    let cases: Vec<Vec<&str>> = vec![
        vec!["contact", evil, "--kind", "phone", "--note", "x"],
        vec!["show", evil],
        vec!["history", evil],
        vec!["packs", "--customer", evil],
        vec!["customer", "add", "--name", "A", "--tz", evil],
        vec!["customer", "add", "--name", "A", "--tz", "UTC", "--hours", evil],
        vec![
            "open",
            "--customer",
            evil,
            "--account",
            "a",
            "--product",
            "PR-1",
            "--severity",
            "B",
            "--coverage",
            "business",
            "--title",
            "t",
            "--problem",
            "p",
            "--agreed-with",
            "x",
        ],
        vec!["check", evil],
        vec!["list", "--severity", evil],
        vec!["open", "--severity", evil],
        vec![evil],
    ];
    for args in cases {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_incidesk"))
            .arg("--data")
            .arg(&data)
            .args(&args)
            .env("INCIDESK_NOW", "2026-11-18T09:00:00Z")
            .env("INCIDESK_ENGINEER", "eve")
            .output()
            .unwrap();
        // `check` of a path with no file says it is an empty desk (exit 0).
        assert!(!out.status.success() || args[0] == "check", "{args:?}");
        for (name, bytes) in [("stderr", &out.stderr), ("stdout", &out.stdout)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.chars().any(|c| c == '\x1b' || c == '\x07' || c == '\u{9b}' || c == '\u{202e}'),
                "{args:?}: {name} carries a control: {text:?}"
            );
        }
    }
}
