//! Issue 13 end to end: the real binary in a pseudo-terminal on the demo
//! desk, on the test clock (`--now` with `INCIDESK_CLOCK_SPEED`), so that
//! the clock passes an alert point within seconds: the bell byte reaches
//! the terminal and the banner is on screen. Every wait has a limit, after
//! which the test fails with the screen rather than hangs.
#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_incidesk");
const NOW: &str = "2026-11-18T09:00:00Z";
/// I-25 (B, 24x7) of the demo desk is due at 09:35: its 15-minute point
/// passes at 09:20. Started at 09:19:00 on a clock ten times faster, the
/// point passes about six seconds later.
const START: &str = "2026-11-18T09:19:00Z";
const SPEED: &str = "10";
const WAIT: Duration = Duration::from_secs(20);
const BEL: u8 = 0x07;
const ESC: &str = "\x1b";

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the TUI wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn spawn(data: &Path, extra: &[&str]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["--data", data.to_str().unwrap(), "--now", START, "--engineer", "pty"]);
        cmd.args(extra);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("TZ", "UTC");
        cmd.env("INCIDESK_CLOCK_SPEED", SPEED);
        // No desktop notifications from a test.
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS");
        for var in ["INCIDESK_DATA", "INCIDESK_NOW", "INCIDESK_ENGINEER", "XDG_CONFIG_HOME"] {
            cmd.env_remove(var);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn incidesk in the pty");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui { child, writer, parser, raw, _master: pty.master }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn bells(&self) -> usize {
        self.raw.lock().unwrap().iter().filter(|b| **b == BEL).count()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&Tui) -> bool) {
        let start = Instant::now();
        while !ok(self) {
            assert!(start.elapsed() < WAIT, "timed out waiting for {what}; the screen:\n{}", self.screen());
            thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn demo_desk(dir: &Path) -> PathBuf {
    let path = dir.join("desk.json");
    let out = std::process::Command::new(BIN)
        .args(["--now", NOW, "demo", "--out", path.to_str().unwrap()])
        .output()
        .expect("run incidesk demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

const BANNER: &str = "▲ I-25 B Fabrikam Inc: 15m before due at 09:20";

#[test]
fn the_bell_rings_and_the_banner_shows_when_the_clock_passes_a_point() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&demo_desk(dir.path()), &[]);
    tui.wait_for("the first frame with the alerts passed before", |t| t.screen().contains("alerts"));
    assert_eq!(tui.bells(), 0, "points passed long before watching are listed, not rung");
    // Acknowledge what was listed: the bell rings once when alerts come
    // while none waits.
    tui.send("!");
    tui.wait_for("the alert list", |t| t.screen().contains("Alerts ·"));
    tui.send("A");
    tui.send(ESC);
    tui.wait_for("no alert waiting", |t| !t.screen().contains("Alerts ·") && !t.screen().contains(" alert"));
    assert!(!tui.screen().contains(BANNER), "the point has not passed yet:\n{}", tui.screen());
    tui.wait_for("the bell", |t| t.bells() > 0);
    tui.wait_for("the banner", |t| t.screen().contains(BANNER));
    let screen = tui.screen();
    assert!(screen.lines().next().unwrap_or("").contains("▲ 1 alert"), "{screen}");
    assert_eq!(tui.bells(), 1, "once: one bell");
}

#[test]
fn bell_off_in_the_config_shows_the_banner_silently() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[alerts]\nbell = \"off\"\n").unwrap();
    let data = demo_desk(dir.path());
    let mut tui = Tui::spawn(&data, &["--config", config.to_str().unwrap()]);
    tui.wait_for("the first frame", |t| t.screen().contains("alerts"));
    tui.send("!");
    tui.wait_for("the alert list", |t| t.screen().contains("Alerts ·"));
    tui.send("A");
    tui.send(ESC);
    tui.wait_for("the banner", |t| t.screen().contains(BANNER));
    // A frame later, still no bell.
    tui.send("3");
    tui.wait_for("the board", |t| t.screen().contains("Next breaches"));
    assert_eq!(tui.bells(), 0);
}
