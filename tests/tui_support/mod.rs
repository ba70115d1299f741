//! Shared by the TUI tests: the demo desk at a fixed instant, in memory (or
//! in a data file of its own, for tests of what reaches the file), and an
//! `App` driven only through its keys.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Desk, IncidentId, Instant};
use incidesk::store::{self, JsonOpener, JsonSettings, MemoryStore, OpenStore, Reading};
use incidesk::ui::app::StatusKind;
use incidesk::ui::app::{App, Clock};
use incidesk::ui::draw::draw;
use incidesk::ui::keymap::DialogKind;
use incidesk::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use tempfile::TempDir;

pub const ENGINEER: &str = "Aiko Sato";

/// Wednesday 2026-11-18 09:00 UTC: Stockholm is open (10:00), New York
/// (04:00) and Tokyo (18:00) are closed, so some business-hours clocks run
/// and some are paused.
pub fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// The demo desk and the app on it, with no colour, a frozen clock and UTC
/// as the viewer's zone.
pub struct Demo {
    /// The data file's folder and path (`None`: the desk is in memory).
    pub dir: Option<TempDir>,
    pub path: PathBuf,
    pub app: App,
}

fn app_on(store: Box<dyn incidesk::store::Store>) -> App {
    let mut app = App::with_store(store, Clock::Frozen(now()), ENGINEER.to_string(), Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    app
}

/// The demo desk in a store in memory: the key and snapshot tests.
pub fn demo() -> Demo {
    let desk = incidesk::demo::build(now()).expect("the demo desk builds");
    Demo { dir: None, path: PathBuf::new(), app: app_on(Box::new(MemoryStore::new(desk).named("desk.json"))) }
}

/// The demo desk in a data file of its own, opened as `main` opens it, for
/// the tests that check what reaches the file.
pub fn demo_on_file() -> Demo {
    let dir = tempfile::Builder::new().prefix("incidesk-tui-").tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let desk = incidesk::demo::build(now()).expect("the demo desk builds");
    store::create(&path, &desk).unwrap();
    let store = JsonOpener::new(&path, JsonSettings::default()).open(Reading::Whole).unwrap();
    Demo { dir: Some(dir), path, app: app_on(store) }
}

/// A key by name: one character (upper case comes with Shift, as terminals
/// send it), or `Enter`, `Esc`, `Tab`, `S-Tab`, `Up`, `Down`, `Left`, `Right`,
/// `Backspace`, `Delete`, `PgUp`, `PgDn`, `Home`, `End`, `F1`, `C-x` (Ctrl), `A-Enter` (Alt).
pub fn key(name: &str) -> KeyEvent {
    let (mods, rest) = if let Some(r) = name.strip_prefix("C-").filter(|r| !r.is_empty()) {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = name.strip_prefix("A-").filter(|r| !r.is_empty()) {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, name)
    };
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "S-Tab" => return KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        "PgUp" => KeyCode::PageUp,
        "PgDn" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "F1" => KeyCode::F(1),
        s if s.chars().count() == 1 => {
            let c = s.chars().next().unwrap();
            let shift = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            return KeyEvent::new(KeyCode::Char(c), mods | shift);
        }
        other => panic!("unknown key name '{other}'"),
    };
    KeyEvent::new(code, mods)
}

pub fn press(app: &mut App, name: &str) {
    app.handle_key(key(name));
}

pub fn keys(app: &mut App, names: &[&str]) {
    for n in names {
        press(app, n);
    }
}

/// Types text character by character, as a person would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let shift = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), shift));
    }
}

/// The whole screen at `width`x`height`.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    terminal
}

// What the key tests look at (tui_keys, tui_journeys, tui_mouse).

/// Open incidents in the order the queue shows them.
pub fn queue_order(desk: &Desk) -> Vec<IncidentId> {
    queue::queue(desk, now(), &Filter::default(), false).iter().map(|r| r.incident.id).collect()
}

pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

pub fn dialog_kind(app: &App) -> Option<DialogKind> {
    app.dialog().map(|d| d.kind)
}

/// The refusal the dialog shows: of the last submit, or foreseen by its checks.
pub fn form_error(app: &App) -> String {
    app.dialog().and_then(|d| d.form.error.clone().or(d.form.refused.clone())).unwrap_or_default()
}

/// The refusal shown beside the chosen option of a dialog's choice field.
pub fn refusal_of(app: &App, label: &str) -> Option<String> {
    let d = app.dialog().expect("a dialog is open");
    d.form.field(label).and_then(|f| f.chosen()).and_then(|c| c.refusal.clone())
}

pub fn status(app: &App) -> (StatusKind, String) {
    let s = app.status.clone().expect("a status line");
    (s.kind, s.text)
}

/// Credits not yet used in the packs of the account that would pay.
pub fn credits_of(desk: &Desk, account: &str) -> u32 {
    desk.packs.iter().filter(|p| p.owner == account).map(|p| p.remaining()).sum()
}
/// Fills the intake form from the Customer field down, choosing by typing.
pub fn fill_intake(app: &mut App, customer: &str, category: &str, coverage_right: bool) {
    press(app, "n");
    assert_eq!(dialog_kind(app), Some(DialogKind::NewIncident));
    type_text(app, customer);
    keys(app, &["Tab", "Tab", "Tab"]);
    type_text(app, category);
    keys(app, &["Tab", "Tab"]);
    if coverage_right {
        press(app, "Right");
    }
    press(app, "Tab");
    type_text(app, "Journaling stops after the transport update");
    press(app, "Tab");
    type_text(app, "Jorge Morales");
    press(app, "Tab");
    type_text(app, "No message of the Legal group is journaled since the update.");
}
