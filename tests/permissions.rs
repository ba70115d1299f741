//! The data file holds customer data: it and its backup are created 0600 (the
//! folder 0700), by the command line as by the store. A file the user can't
//! write opens read-only, says so, and refuses changes without touching it.
#![cfg(unix)]

mod common;

use incidesk::store::{self, JsonStore};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn incidesk(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incidesk"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("INCIDESK_NOW", "2026-11-18T09:30:00Z")
        .env("INCIDESK_ENGINEER", "eve")
        .output()
        .unwrap()
}

fn ok(data: &Path, args: &[&str]) {
    let out = incidesk(data, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_command_line_creates_private_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new/desk.json");
    ok(&data, &["customer", "add", "--name", "Contoso", "--tz", "Europe/Stockholm"]);
    assert_eq!(mode(&data), 0o600, "the data file");
    assert_eq!(mode(data.parent().unwrap()), 0o700, "its folder");
    assert_eq!(mode(&store::sibling(&data, ".lock")), 0o600, "the lock file");
    let bak = store::sibling(&data, ".bak");
    assert!(!bak.exists(), "nothing to back up at the first change");

    ok(
        &data,
        &[
            "product",
            "add",
            "--name",
            "Vault",
            "--mainstream-end",
            "2028-01-01",
            "--extended-end",
            "2030-01-01",
        ],
    );
    assert_eq!((mode(&data), mode(&bak)), (0o600, 0o600), "after a save");

    // A file someone made readable by all becomes private again at the next save.
    chmod(&data, 0o644);
    chmod(&bak, 0o644);
    ok(&data, &["customer", "add", "--name", "Fabrikam", "--tz", "America/New_York"]);
    assert_eq!((mode(&data), mode(&bak)), (0o600, 0o600), "after a save over a 0644 file");

    let demo = dir.path().join("demo/desk.json");
    let out = Command::new(env!("CARGO_BIN_EXE_incidesk"))
        .args(["demo", "--out"])
        .arg(&demo)
        .env("INCIDESK_NOW", "2026-11-18T09:30:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!((mode(&demo), mode(demo.parent().unwrap())), (0o600, 0o700), "the demo desk");
}

/// A desk with one open incident, written by the store, then made read-only.
fn read_only_desk() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let mut desk = common::desk();
    common::open(&mut desk);
    store::create(&path, &desk).unwrap();
    chmod(&path, 0o444);
    let bytes = fs::read(&path).unwrap();
    (dir, path, bytes)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn app_on(path: &Path) -> App {
    let store = JsonStore::open(path).unwrap();
    let mut app = App::new(store, Clock::Frozen(common::now()), "eve".into(), Theme { color: false });
    app.view.viewer_zone = incidesk::domain::Zone::utc();
    app
}

fn frame(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
    t.draw(|f| incidesk::ui::draw::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn a_read_only_file_opens_in_the_tui_with_a_banner_and_refuses_changes() {
    let (_dir, path, bytes) = read_only_desk();
    let mut app = app_on(&path);
    let first = frame(&app);
    let title = first.lines().next().unwrap();
    assert!(title.contains("READ-ONLY"), "the title bar says so: {title}");
    let status = first.lines().nth(1).unwrap();
    assert!(status.contains("read-only: you can't write"), "and the status line: {status}");

    // Any later message leaves the banner in the title bar.
    app.handle_event(key(KeyCode::Char('m')));
    let later = frame(&app);
    assert!(later.lines().next().unwrap().contains("READ-ONLY"), "{later}");

    // A change from a dialog is refused before the dialog opens.
    app.handle_event(key(KeyCode::Char('r')));
    assert!(app.dialog().is_none(), "no dialog on a read-only file");
    let status = frame(&app).lines().nth(1).unwrap().to_string();
    assert!(status.contains("read-only") && status.contains("can't be changed"), "{status}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!store::sibling(&path, ".bak").exists());
    assert_eq!(mode(&path), 0o444);
}

#[test]
fn a_file_made_read_only_while_a_dialog_is_open_is_not_changed() {
    let (_dir, path, _) = read_only_desk();
    chmod(&path, 0o600);
    let mut app = app_on(&path);
    app.handle_event(key(KeyCode::Char('r')));
    assert!(app.dialog().is_some(), "the respond dialog opens on a writable file");

    chmod(&path, 0o444);
    let bytes = fs::read(&path).unwrap();
    app.handle_event(Event::Paste("called the customer".into()));
    app.handle_event(key(KeyCode::Enter));
    let error = app.dialog().and_then(|d| d.form.error.clone()).expect("the dialog stays, with the error");
    assert!(error.contains("NOT SAVED") && error.contains("is read-only for you"), "{error}");
    assert!(error.contains(&path.display().to_string()), "{error}");
    let shown = frame(&app);
    assert!(shown.lines().next().unwrap().contains("READ-ONLY"), "{shown}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "byte-identical");
    assert!(!store::sibling(&path, ".bak").exists());
    assert!(app.desk().incidents[0].first_response.is_none(), "the desk in memory is unchanged too");
}

#[test]
fn the_command_line_refuses_a_change_to_a_read_only_file_in_one_line() {
    let (_dir, path, bytes) = read_only_desk();
    let out = incidesk(&path, &["list"]);
    assert!(out.status.success(), "reading works: {}", String::from_utf8_lossy(&out.stderr));

    let out = incidesk(&path, &["respond", "I-1", "--note", "called"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("incidesk: "), "{stderr}");
    assert!(
        stderr.contains(&format!("{} is read-only for you: changes can't be saved", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("chmod u+w"), "says what to do: {stderr}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "byte-identical");
    assert!(!store::sibling(&path, ".bak").exists());
    assert_eq!(mode(&path), 0o444);
}
