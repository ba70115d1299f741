//! The real binary in a pseudo-terminal on the demo desk, on the test clock
//! (`--now` with `INCIDESK_CLOCK_SPEED`), so that the clock passes an alert
//! point within seconds (issue 13). Every wait has a limit, after which the
//! test fails with the screen rather than hangs.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_incidesk");
pub const NOW: &str = "2026-11-18T09:00:00Z";
/// I-25 (B, 24x7) of the demo desk is due at 09:35: its 15-minute point
/// passes at 09:20. Started at 09:19:00 on a clock ten times faster, the
/// point passes about six seconds later.
pub const START: &str = "2026-11-18T09:19:00Z";
pub const SPEED: &str = "10";
pub const WAIT: Duration = Duration::from_secs(20);
pub const BEL: u8 = 0x07;
pub const ESC: &str = "\x1b";

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the TUI wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// The TUI without desktop notifications.
    pub fn spawn(data: &Path, extra: &[&str]) -> Tui {
        Tui::spawn_on_bus(data, extra, None)
    }

    /// The TUI with `DBUS_SESSION_BUS_ADDRESS` set to `bus` (unset if `None`).
    pub fn spawn_on_bus(data: &Path, extra: &[&str], bus: Option<&str>) -> Tui {
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
        // No desktop notifications from a test, but to a bus of its own.
        match bus {
            Some(address) => cmd.env("DBUS_SESSION_BUS_ADDRESS", address),
            None => cmd.env_remove("DBUS_SESSION_BUS_ADDRESS"),
        }
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

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn bells(&self) -> usize {
        self.raw.lock().unwrap().iter().filter(|b| **b == BEL).count()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn wait_for(&self, what: &str, ok: impl Fn(&Tui) -> bool) {
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

pub fn demo_desk(dir: &Path) -> PathBuf {
    let path = dir.join("desk.json");
    let out = std::process::Command::new(BIN)
        .args(["--now", NOW, "demo", "--out", path.to_str().unwrap()])
        .output()
        .expect("run incidesk demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}
