//! Every signal that would end the process (SIGTERM, SIGHUP, SIGINT, and
//! SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
//! whose default is to end it too) ends the TUI cleanly. SIGKILL can't be
//! caught; SIGPIPE is ignored by Rust programs; faults (SIGSEGV, SIGBUS,
//! SIGILL, SIGFPE) are not caught, as their handler could not run safely.
//!
//! The handlers only set a flag; the run loop looks at it at least every
//! [`CHECK`] while it waits for input, then returns, and the terminal is
//! restored on the way out (raw mode off, alternate screen left, cursor shown,
//! mouse capture and bracketed paste off). A signal that arrives during a save
//! lets the save finish first, and saves are atomic, so no half-written file
//! is left behind. A second signal while the first is being handled ends the
//! process at once (for a desk stuck waiting, say, for another process's lock).

use std::io;
use std::time::Duration;

/// How often the loop looks at the flag while it waits for input: quick
/// enough to feel immediate, rare enough to keep an idle desk near zero CPU.
pub const CHECK: Duration = Duration::from_millis(100);

/// The signals that stop the TUI, with their names: all those whose default
/// action ends the process and that a handler may catch.
#[cfg(unix)]
pub const SIGNALS: [(i32, &str); 11] = [
    (libc::SIGTERM, "SIGTERM"),
    (libc::SIGHUP, "SIGHUP"),
    (libc::SIGINT, "SIGINT"),
    (libc::SIGQUIT, "SIGQUIT"),
    (libc::SIGUSR1, "SIGUSR1"),
    (libc::SIGUSR2, "SIGUSR2"),
    (libc::SIGALRM, "SIGALRM"),
    (libc::SIGVTALRM, "SIGVTALRM"),
    (libc::SIGPROF, "SIGPROF"),
    (libc::SIGXCPU, "SIGXCPU"),
    (libc::SIGXFSZ, "SIGXFSZ"),
];

/// Whether a stop was asked for, and by which signal.
pub struct Stop {
    #[cfg(unix)]
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
    #[cfg(unix)]
    signal: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Stop {
    /// Installs the handlers (for the rest of the process).
    #[cfg(unix)]
    pub fn install() -> io::Result<Stop> {
        use signal_hook::flag;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize};
        let stop = Stop { flag: Arc::new(AtomicBool::new(false)), signal: Arc::new(AtomicUsize::new(0)) };
        for (sig, _) in SIGNALS {
            // In this order: the first signal finds the flag unset and sets it;
            // a second one finds it set and exits (128 + signal, as the shell does).
            flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&stop.flag))?;
            flag::register_usize(sig, Arc::clone(&stop.signal), sig as usize)?;
            flag::register(sig, Arc::clone(&stop.flag))?;
        }
        Ok(stop)
    }

    #[cfg(not(unix))]
    pub fn install() -> io::Result<Stop> {
        Ok(Stop {})
    }

    /// The signal that asked to stop, if one did.
    pub fn requested(&self) -> Option<i32> {
        #[cfg(unix)]
        {
            use std::sync::atomic::Ordering;
            if self.flag.load(Ordering::SeqCst) {
                return Some(self.signal.load(Ordering::SeqCst) as i32);
            }
        }
        None
    }
}

/// The signal's name for messages.
pub fn name(sig: i32) -> String {
    #[cfg(unix)]
    if let Some((_, name)) = SIGNALS.iter().find(|(s, _)| *s == sig) {
        return (*name).to_string();
    }
    format!("signal {sig}")
}

/// How often the hang-up watch looks at the terminal.
const WATCH: Duration = Duration::from_millis(500);

/// A terminal can vanish without a SIGHUP reaching us (its emulator or tmux
/// server killed). Its input then reads as endless end-of-file, and the
/// terminal library spins inside its read loop, where the run loop never
/// gets control back to see a flag. A small thread looks at the terminal
/// twice a second and ends the process when it has hung up (EIO): there is
/// no screen left to restore, and saves are atomic, so a save cut short
/// leaves the file whole (see RELIABILITY.md).
#[cfg(unix)]
pub fn watch_for_hangup() {
    let _ = std::thread::Builder::new().name("hangup-watch".into()).spawn(|| {
        loop {
            std::thread::sleep(WATCH);
            // SAFETY: tcgetattr only writes into the termios we own.
            let hung_up = unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                libc::tcgetattr(libc::STDIN_FILENO, &mut t) != 0
                    && io::Error::last_os_error().raw_os_error() == Some(libc::EIO)
            };
            if hung_up {
                std::process::exit(128 + libc::SIGHUP);
            }
        }
    });
}

#[cfg(not(unix))]
pub fn watch_for_hangup() {}
