//! SIGTERM, SIGHUP and SIGINT end the TUI cleanly.
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

/// The signals that stop the TUI.
#[cfg(unix)]
pub const SIGNALS: [i32; 3] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT];

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
        for sig in SIGNALS {
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
    match sig {
        libc::SIGTERM => return "SIGTERM".into(),
        libc::SIGHUP => return "SIGHUP".into(),
        libc::SIGINT => return "SIGINT".into(),
        _ => {}
    }
    format!("signal {sig}")
}
