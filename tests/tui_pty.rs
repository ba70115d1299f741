//! End to end: the real `incidesk` binary in a pseudo-terminal, driven by key
//! bytes, its screen read back through a vt100 parser. Every wait has a
//! timeout and prints the screen when it runs out; the child is killed on drop.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_incidesk");
const NOW: &str = "2026-11-18T09:00:00Z";
const ROWS: u16 = 40;
const COLS: u16 = 120;
/// CI machines are slow and shared: generous, but never unbounded.
const WAIT: Duration = Duration::from_secs(10);

const ENTER: &str = "\r";
const TAB: &str = "\t";
const LEFT: &str = "\x1b[D";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";
const CTRL_G: &str = "\x07";

/// Environment the app reads that must not leak in from the developer's shell.
const SCRUB: [&str; 6] =
    ["INCIDESK_DATA", "INCIDESK_NOW", "INCIDESK_ENGINEER", "COLORTERM", "VISUAL", "EDITOR"];

/// One `incidesk` in a 120x40 pty.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Set by the reader thread when the pty closed (the child and its output are done).
    closed: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn spawn(args: &[&str]) -> Tui {
        Tui::spawn_with(args, &[])
    }

    /// [`Tui::spawn`] with some variables of the environment set.
    fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("TZ", "UTC");
        for var in SCRUB {
            cmd.env_remove(var);
        }
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn incidesk in the pty");
        // Only the child may hold the slave side, so that the reader sees the end.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let closed = Arc::new(AtomicBool::new(false));
        let (p, c) = (parser.clone(), closed.clone());
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => p.lock().unwrap().process(&buf[..n]),
                }
            }
            c.store(true, Ordering::SeqCst);
        });
        Tui { child, writer, parser, closed, reader: Some(reader), _master: pty.master }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Waits until `ok` holds for the screen text; panics with the screen after `timeout`.
    fn wait_until(&self, what: &str, timeout: Duration, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!("timed out after {timeout:?} waiting for {what}; the screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), WAIT, |s| s.contains(text))
    }

    /// Waits until every one of `texts` is on screen at once: a frame comes
    /// in pieces, so one text seen says nothing of the rest yet.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?} on screen"), WAIT, |s| texts.iter().all(|t| s.contains(t)))
    }

    /// Waits for the process to end and the pty to drain; its exit status.
    fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if start.elapsed() > timeout {
                panic!("incidesk still runs after {timeout:?}; the screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(25));
        };
        while !self.closed.load(Ordering::SeqCst) {
            assert!(start.elapsed() < timeout + WAIT, "the pty never closed");
            thread::sleep(Duration::from_millis(10));
        }
        if let Some(r) = self.reader.take() {
            r.join().expect("reader thread");
        }
        status
    }

    /// `q`, then a clean exit.
    fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit(WAIT);
        assert!(status.success(), "incidesk exited with {status}; the screen:\n{}", self.screen());
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader thread ends by itself once the pty closes; never join it here.
    }
}

/// A temporary folder with the demo desk in it.
struct Desk {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Desk {
    fn demo() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("desk.json");
        let out = cli(&["demo", "--out", path.to_str().unwrap(), "--now", NOW]);
        assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
        Desk { _dir: dir, path }
    }

    fn data(&self) -> &str {
        self.path.to_str().unwrap()
    }

    /// The usual arguments for the TUI or a command on this desk.
    fn args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = extra.to_vec();
        v.extend(["--data", self.data(), "--now", NOW, "--engineer", "pty-tester"]);
        v
    }

    fn json(&self) -> Value {
        read_json(&self.path)
    }

    fn open_tui(&self) -> Tui {
        let tui = Tui::spawn(&self.args(&[]));
        tui.wait_for("Queue ·");
        tui
    }
}

/// Runs a subcommand of the binary (not in the pty), killed if it takes too long.
fn cli(args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("NO_COLOR", "1").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in SCRUB {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().expect("run incidesk");
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll incidesk") {
            break status;
        }
        if start.elapsed() > WAIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("incidesk {args:?} still runs after {WAIT:?}");
        }
        thread::sleep(Duration::from_millis(10));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read the data file")).expect("the data file is JSON")
}

fn incident(file: &Value, pred: impl Fn(&Value) -> bool) -> Option<&Value> {
    file["desk"]["incidents"].as_array().expect("incidents").iter().find(|i| pred(i))
}

fn debits(file: &Value, pack: &str) -> usize {
    let packs = file["desk"]["packs"].as_array().expect("packs");
    let p = packs.iter().find(|p| p["id"] == pack).unwrap_or_else(|| panic!("pack {pack}"));
    p["ledger"].as_array().map_or(0, |l| l.iter().filter(|e| e["kind"] == "debit").count())
}

/// The queue row of an incident, e.g. `I-25` (not `I-2`).
fn row<'a>(screen: &'a str, id: &str) -> Option<&'a str> {
    let cell = format!(" {id} ");
    screen.lines().find(|l| l.contains(&cell) && !l.contains('╭'))
}

/// The incident named in the detail pane's title, e.g. `╭ I-27 ───`.
fn detail_id(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("╭ I-")?;
        Some(format!("I-{}", rest.split(' ').next()?))
    })
}

#[test]
fn intake_from_the_keyboard_saves_and_debits_a_credit() {
    let desk = Desk::demo();
    let before = desk.json();
    let mut tui = desk.open_tui();

    tui.send("n");
    tui.wait_for("New incident");
    tui.send("Contoso");
    tui.wait_for("◀ Contoso Ltd ▶");
    tui.send(ENTER); // to Account: the first account with a usable pack
    tui.wait_for("credit(s) left");
    tui.send(ENTER); // to Product
    tui.send("Data");
    tui.wait_for("◀ Litware Data Server 2022 ▶  mainstream support");
    tui.send(ENTER); // to Category
    tui.send("support");
    tui.wait_for("[support]");
    tui.send(ENTER); // to Severity, B by default
    tui.wait_for("◀ B — limited ▶");
    tui.send(LEFT);
    tui.wait_for("◀ A — critical ▶");
    tui.send(ENTER); // to Coverage
    tui.send("business");
    tui.wait_for("◀ business hours ▶");
    tui.send(ENTER); // to Title
    tui.send("PTY intake test");
    tui.send(ENTER); // to Agreed with
    tui.send("Sofia Lind");
    tui.send(ENTER); // to Problem, the last field
    tui.send("Mail is stuck in the queue. Expected: it is delivered.");
    let form = tui.wait_for_all(&["Expected: it is delivered.", "◀ Contoso Ltd ▶", "credit(s) left"]);
    // The whole form fits: nothing scrolled off the top at the last field.
    assert!(form.contains("◀ Contoso Ltd ▶") && form.contains("credit(s) left"), "{form}");
    tui.send(ENTER); // Enter on the last field submits

    let screen = tui.wait_until("the new incident in the queue and a saved status", WAIT, |s| {
        !s.contains("New incident ") && s.contains("PTY intake test") && s.contains("saved")
    });
    assert!(!screen.contains("refused"), "before:\n{form}\nafter:\n{screen}");
    tui.quit();

    let after = desk.json();
    let inc = incident(&after, |i| i["title"] == "PTY intake test").expect("the new incident is saved");
    assert_eq!(inc["engineer"], "pty-tester");
    assert_eq!(inc["severity"], "A");
    assert_eq!(inc["customer"], "C-1");
    assert_eq!(inc["product"], "PR-2");
    assert_eq!(inc["category"], "support");
    assert_eq!(inc["coverage"], "business");
    assert_eq!(inc["problem"]["agreed_with"], "Sofia Lind");
    let pack = inc["pack"].as_str().expect("the incident names its pack");
    assert_eq!(debits(&after, pack), debits(&before, pack) + 1, "one more debit in {pack}");
}

#[test]
fn quitting_restores_the_terminal() {
    let desk = Desk::demo();
    let mut tui = desk.open_tui();
    // The cursor is hidden at the end of the frame whose text is already on
    // screen: wait for the frame to be whole before looking.
    let start = Instant::now();
    while !tui.parser.lock().unwrap().screen().hide_cursor() && start.elapsed() < WAIT {
        thread::sleep(Duration::from_millis(25));
    }
    {
        let parser = tui.parser.lock().unwrap();
        assert!(parser.screen().alternate_screen(), "the desk runs on the alternate screen");
        assert!(parser.screen().hide_cursor(), "the desk hides the cursor");
    }
    tui.quit();
    let parser = tui.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is visible again");
    assert!(!screen.bracketed_paste(), "bracketed paste is off again");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture is off");
}

#[test]
fn a_refusal_is_shown_in_the_dialog_and_nothing_is_saved() {
    let desk = Desk::demo();
    let bytes = std::fs::read(&desk.path).unwrap();
    let mut tui = desk.open_tui();

    tui.send("n");
    tui.wait_for("New incident");
    tui.send(ENTER); // Account
    tui.send(ENTER); // Product
    tui.send(ENTER); // Category
    tui.send("card-billing");
    tui.wait_for("◀ card-billing ▶");
    tui.wait_for("refused (R11)"); // shown on the spot, under the choice
    tui.send(ENTER); // Severity
    tui.send(ENTER); // Coverage
    tui.send(ENTER); // Title
    tui.send("Card charged twice");
    tui.send(ENTER); // Agreed with
    tui.send(ENTER); // Problem
    tui.send("The card was charged twice for one pack.");
    tui.wait_for("charged twice for one pack.");
    tui.send(CTRL_S);
    // The domain's refusal, as the dialog's error line (the inline note is indented).
    let screen = tui.wait_for_all(&["│refused (R11)", "New incident"]);
    assert!(screen.contains("New incident"), "the dialog stays open:\n{screen}");
    tui.send(ESC);
    tui.wait_for("Throw away what you typed?");
    tui.send("y");
    tui.wait_until("the dialog to close", WAIT, |s| !s.contains("New incident"));
    assert_eq!(std::fs::read(&desk.path).unwrap(), bytes, "the data file is unchanged");
    tui.quit();
    assert_eq!(std::fs::read(&desk.path).unwrap(), bytes, "the data file is unchanged");
}

#[test]
fn a_broken_data_file_is_refused_with_its_name_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{not json").unwrap();
    let data = path.to_str().unwrap();
    let mut tui = Tui::spawn(&["--data", data, "--now", NOW]);
    let status = tui.wait_exit(WAIT);
    let screen = tui.screen();
    assert!(!status.success(), "a broken file must fail; the screen:\n{screen}");
    assert!(screen.contains(data), "names the file:\n{screen}");
    assert!(screen.contains("line 1, column 2"), "gives the position:\n{screen}");
    assert_eq!(std::fs::read(&path).unwrap(), b"{not json", "the file is unchanged");
    assert!(!dir.path().join("broken.json.bak").exists(), "no backup was made");
}

#[test]
fn changes_from_the_command_line_show_live_and_are_not_lost() {
    let desk = Desk::demo();
    let list = cli(&desk.args(&["list", "--json"]));
    assert!(list.status.success(), "list failed: {}", String::from_utf8_lossy(&list.stderr));
    let list: Value = serde_json::from_slice(&list.stdout).expect("list --json is JSON");
    // Alerts off: their banner would take a row of the queue, and this is
    // about following changes (tests/tui_alerts_pty.rs has the alerts).
    let config = desk._dir.path().join("config.toml");
    std::fs::write(&config, "[alerts]\nenabled = false\n").unwrap();
    let mut tui = Tui::spawn(&desk.args(&["--config", config.to_str().unwrap()]));
    let screen = tui.wait_until("the queue's rows", WAIT, |s| s.contains("I-2"));
    // An incident still waiting for its first response, not yet due, and
    // shown in the queue (the alert banner may take a row of it).
    let id = list
        .as_array()
        .expect("a list")
        .iter()
        .filter(|i| i["status"] == "new" && i["remaining_seconds"].as_i64().is_some_and(|s| s > 0))
        .filter_map(|i| i["id"].as_str())
        .find(|id| row(&screen, id).is_some())
        .expect("an incident waiting for a response")
        .to_string();
    assert!(!row(&screen, &id).unwrap().contains("met"), "not answered yet:\n{screen}");

    let out = cli(&desk.args(&["respond", &id, "--note", "hi"]));
    assert!(out.status.success(), "respond failed: {}", String::from_utf8_lossy(&out.stderr));
    let started = Instant::now();
    tui.wait_until(&format!("{id} to show met after the CLI's response"), WAIT, |s| {
        row(s, &id).is_some_and(|r| r.contains("met"))
    });
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "the TUI took {took:?} to show the change");

    // Select that incident, then log a contact on it from the TUI.
    for _ in 0..40 {
        let shown = detail_id(&tui.screen());
        if shown.as_deref() == Some(id.as_str()) {
            break;
        }
        tui.send("j");
        tui.wait_until("the selection to move", WAIT, |s| detail_id(s) != shown);
    }
    tui.send("c");
    tui.wait_for("Log a contact");
    tui.send(TAB); // Minutes
    tui.send(TAB); // Note
    tui.send("called from the pty");
    let dialog = tui.wait_for_all(&["called from the pty", &format!("{id} · sev")]);
    assert!(dialog.contains(&format!("{id} · sev")), "the dialog names the incident:\n{dialog}");
    tui.send(CTRL_S);
    tui.wait_until("the contact to be saved", WAIT, |s| !s.contains("Log a contact") && s.contains("saved"));
    tui.quit();

    let file = desk.json();
    let inc = incident(&file, |i| i["id"] == id.as_str()).expect("the incident");
    assert_eq!(inc["first_response"]["note"], "hi", "the CLI's response is kept: {inc:#}");
    let contacts = inc["contacts"].as_array().expect("contacts");
    assert!(
        contacts.iter().any(|c| c["note"] == "called from the pty" && c["engineer"] == "pty-tester"),
        "the TUI's contact is saved: {inc:#}"
    );
}

#[test]
fn a_key_remapped_in_the_config_file_works_in_the_real_desk() {
    let desk = Desk::demo();
    let config = desk._dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nrespond = \"R\"\n").unwrap();
    let mut tui = Tui::spawn(&desk.args(&["--config", config.to_str().unwrap()]));
    let screen = tui.wait_for_all(&["Queue ·", "R respond"]);
    assert!(screen.contains("R respond"), "the footer says the key as configured:\n{screen}");
    tui.send("r");
    thread::sleep(Duration::from_millis(300));
    assert!(!tui.screen().contains("First response"), "r is no longer respond:\n{}", tui.screen());
    tui.send("R");
    tui.wait_for("First response");
    tui.send(ESC);
    tui.wait_until("the dialog to close", WAIT, |s| !s.contains("First response"));
    tui.quit();
}

#[test]
fn ctrl_g_writes_a_long_field_in_the_editor_and_brings_the_text_back() {
    let desk = Desk::demo();
    // The "editor": writes a known text over the file it is given.
    let editor = desk.path.with_file_name("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Written in the editor\\nsecond line\\n' > \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut tui = Tui::spawn_with(&desk.args(&[]), &[("EDITOR", editor.to_str().unwrap())]);
    tui.wait_for("Queue ·");
    tui.send("gc");
    tui.wait_for("Log a contact");
    tui.send(TAB);
    tui.send(TAB); // to Note, a long field
    tui.wait_for("Ctrl-G editor");
    tui.send(CTRL_G);
    let form = tui.wait_for_all(&["second line", "Written in the editor", "Log a contact"]);
    assert!(form.contains("Written in the editor") && form.contains("Log a contact"), "{form}");
    tui.send(CTRL_S);
    tui.wait_until("the contact saved", WAIT, |s| !s.contains("Log a contact") && s.contains("saved"));
    tui.quit();
    assert!(
        desk.json().to_string().contains("Written in the editor\\nsecond line"),
        "the note is saved whole"
    );
}
