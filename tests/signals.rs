//! Panics and signals: the TUI runs in a pseudo-terminal on a demo desk; after
//! SIGTERM, SIGHUP, SIGINT or a (forced) panic the process exits, the terminal
//! is given back (alternate screen left, cursor shown, raw mode, mouse capture
//! and bracketed paste off), and the data file loads with no temporary file
//! left beside it.
//!
//! Every wait has a 10-second limit, after which the child is killed and the
//! test fails rather than hangs.
#![cfg(unix)]

mod harness;

use harness::{NOW, temp_files};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);
const ROWS: u16 = 40;
const COLS: u16 = 120;

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// Everything the TUI wrote, for the order of escapes and messages.
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// Output has ended (the child exited and the pty closed).
    eof: bool,
}

impl Tui {
    fn start(data: &Path, env: &[(&str, &str)]) -> Tui {
        Tui::start_with(&["--data", data.to_str().unwrap(), "--now", NOW, "--engineer", "pty"], env)
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(harness::bin());
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("RUST_BACKTRACE", "0");
        cmd.env_remove("INCIDESK_DATA");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn incidesk in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            child,
            master: pair.master,
            writer,
            output,
            raw: Vec::new(),
            parser: vt100::Parser::new(ROWS, COLS, 0),
            eof: false,
        }
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("child pid") as i32
    }

    /// Reads output until `done` holds for the screen; fails after [`LIMIT`].
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + LIMIT;
        while !done(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.eof {
                let screen = self.parser.screen().contents();
                let _ = self.child.kill();
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            self.read(left);
        }
    }

    fn read(&mut self, timeout: Duration) {
        match self.output.recv_timeout(timeout.min(Duration::from_millis(200))) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => self.eof = true,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn signal(&self, sig: i32) {
        // SAFETY: sends a signal to our own child; no memory is involved.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0, "kill({sig})");
    }

    /// Waits for the child to exit and its output to end; returns the exit
    /// code and how long the exit took.
    fn wait_exit(&mut self) -> (u32, Duration) {
        let start = Instant::now();
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.exit_code();
            }
            if start.elapsed() > LIMIT {
                let _ = self.child.kill();
                panic!("the TUI did not exit within {LIMIT:?}:\n{}", self.parser.screen().contents());
            }
            self.read(Duration::from_millis(20));
        };
        let took = start.elapsed();
        let deadline = Instant::now() + LIMIT;
        while !self.eof && Instant::now() < deadline {
            self.read(Duration::from_millis(200));
        }
        (code, took)
    }

    /// Whether the terminal is in canonical mode with echo (not raw).
    fn cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("pty fd");
        // SAFETY: `t` is a plain C struct that tcgetattr fills in; `fd` is open.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }
}

fn first_frame(screen: &vt100::Screen) -> bool {
    screen.alternate_screen() && screen.contents().contains("I-27")
}

/// The terminal as the shell needs it back.
fn assert_restored(tui: &Tui) {
    let screen = tui.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture still on");
    assert!(!screen.bracketed_paste(), "bracketed paste still on");
    assert!(tui.cooked(), "the terminal is still in raw mode");
}

/// The data file loads and no save was left half-done.
fn assert_file_intact(path: &Path) {
    assert!(incidesk::store::check(path).is_ok(), "the data file no longer loads");
    assert!(temp_files(path).is_empty(), "temporary files left: {:?}", temp_files(path));
}

fn stops_cleanly_on(sig: i32, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let mut tui = Tui::start(&path, &[]);
    tui.wait_for("the first frame", first_frame);
    assert!(!tui.cooked(), "the TUI runs in raw mode");
    // Mouse capture on, so that the test sees it turned off again.
    tui.send("m");
    tui.wait_for("mouse capture", |s| s.mouse_protocol_mode() != vt100::MouseProtocolMode::None);
    tui.signal(sig);
    let (code, took) = tui.wait_exit();
    assert_eq!(code, 128 + sig as u32, "exit code after {name}");
    assert!(took < Duration::from_secs(3), "{name}: took {took:?} to stop");
    assert_restored(&tui);
    assert!(tui.parser.screen().contents().contains(&format!("stopped by {name}")));
    assert_file_intact(&path);
}

#[test]
fn sigterm_restores_the_terminal() {
    stops_cleanly_on(libc::SIGTERM, "SIGTERM");
}

#[test]
fn sighup_restores_the_terminal() {
    stops_cleanly_on(libc::SIGHUP, "SIGHUP");
}

#[test]
fn sigint_restores_the_terminal() {
    stops_cleanly_on(libc::SIGINT, "SIGINT");
}

/// Every other signal whose default is to end the process ends the TUI the
/// same way: terminal given back, exit 128 + the signal, file whole.
#[test]
fn every_ending_signal_restores_the_terminal() {
    let others = [
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGVTALRM, "SIGVTALRM"),
        (libc::SIGPROF, "SIGPROF"),
        (libc::SIGXCPU, "SIGXCPU"),
        (libc::SIGXFSZ, "SIGXFSZ"),
    ];
    for (sig, name) in others {
        stops_cleanly_on(sig, name);
    }
}

/// A `--demo` session leaves nothing behind, however it ends: here its
/// terminal vanishes (a tmux server killed), the hardest way.
#[test]
fn a_demo_session_leaves_no_folder_behind_when_its_terminal_vanishes() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let env = [("TMPDIR", tmp.path().to_str().unwrap()), ("XDG_DATA_HOME", home.path().to_str().unwrap())];
    // On the system clock, so that the countdowns tick and the TUI writes
    // each second: the pty's reader thread then finds its channel gone and
    // closes the terminal's last end (with a frozen clock nothing is written
    // and the terminal would never vanish).
    let mut tui = Tui::start_with(&["--demo", "--engineer", "pty"], &env);
    tui.wait_for("the first frame", first_frame);
    let Tui { mut child, master, writer, output, .. } = tui;
    drop((writer, master, output));
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < LIMIT, "the demo kept running after its terminal vanished");
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left in the temporary folder: {left:?}");
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0, "the real desk was not touched");
}

/// SIGTERM sent together with a change typed in the TUI: the change is
/// either saved whole or not made, and the file loads.
#[test]
fn sigterm_during_a_change_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let mut tui = Tui::start(&path, &[]);
    tui.wait_for("the first frame", first_frame);
    tui.send("c");
    tui.wait_for("the contact dialog", |s| s.contents().contains("Log a contact"));
    // Kind, Minutes, then the note, and Ctrl-S to save; the signal right after.
    tui.send("\r\rnote-from-the-pty\x13");
    tui.signal(libc::SIGTERM);
    let (code, _) = tui.wait_exit();
    assert_eq!(code, 128 + libc::SIGTERM as u32);
    assert_restored(&tui);
    assert_file_intact(&path);
    let saved = harness::tokens(&harness::load(&path)).iter().filter(|t| *t == "note-from-the-pty").count();
    assert!(saved <= 1, "saved {saved} times");
}

#[test]
fn a_panic_restores_the_terminal_then_prints_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let mut tui = Tui::start(&path, &[("INCIDESK_TEST_PANIC", "after-first-frame")]);
    let (code, _) = tui.wait_exit();
    assert_ne!(code, 0, "a panic exits non-zero");
    assert!(tui.raw.windows(8).any(|w| w == b"\x1b[?1049h"), "the TUI entered the alternate screen");
    assert_restored(&tui);
    let text = String::from_utf8_lossy(&tui.raw).to_string();
    let left = text.rfind("\x1b[?1049l").expect("left the alternate screen");
    let message = text.rfind("forced after the first frame").expect("the panic message");
    assert!(left < message, "the message was printed before the terminal was restored");
    assert!(tui.parser.screen().contents().contains("forced after the first frame"));
    assert_file_intact(&path);
}

/// A terminal that vanishes (its emulator or tmux server killed) must end the
/// TUI, not leave it spinning on end-of-file with nobody to see it.
#[test]
fn a_vanished_terminal_ends_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let mut tui = Tui::start(&path, &[]);
    tui.wait_for("the first frame", first_frame);
    let Tui { mut child, master, writer, output, .. } = tui;
    drop(writer);
    drop(master);
    drop(output);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("the TUI kept running {LIMIT:?} after its terminal vanished");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_file_intact(&path);
}
