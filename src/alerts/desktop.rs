//! Desktop notifications of alerts (issue 13, item 3): each alert rung in
//! the terminal desk is also given to the desktop, where a session bus
//! exists (the settings decide, see `settings::DesktopNotices`).
//!
//! Sending goes through the [`Notifier`] seam: the system's notifications
//! ([`SystemNotifier`], notify-rust over D-Bus in pure Rust on Linux and the
//! BSDs) or, in tests, one that records. It runs on a thread of its own
//! ([`Desktop`]), so that a slow or hung bus never holds up the draw loop;
//! the first failure turns desktop notifications off for the session and
//! is said once.

use super::Alert;
use super::present::left_text;
use crate::domain::text::clean_line;
use std::sync::mpsc;

/// One desktop notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// `I-25 B Fabrikam Inc: 15m before due`.
    pub summary: String,
    /// `0h 15m left, due 2026-11-18 09:35 UTC — Mail stuck`.
    pub body: String,
}

impl Notice {
    /// The notice of an alert: id, severity, customer and point in the
    /// summary; time left, due and title in the body (desk text cleaned).
    pub fn of(a: &Alert) -> Notice {
        Notice {
            summary: format!(
                "{} {} {}: {}",
                a.incident,
                a.severity,
                clean_line(&a.customer),
                a.point.describe()
            ),
            body: format!(
                "{}, due {} — {}",
                left_text(a),
                a.due.format("%Y-%m-%d %H:%M UTC"),
                clean_line(&a.title)
            ),
        }
    }
}

/// Where notices go.
pub trait Notifier: Send + 'static {
    /// Shows one notice; `Err` says why it could not be shown.
    fn notify(&mut self, notice: &Notice) -> Result<(), String>;
}

/// The system's desktop notifications.
pub struct SystemNotifier;

impl Notifier for SystemNotifier {
    #[cfg(unix)]
    fn notify(&mut self, notice: &Notice) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname("incidesk")
            .summary(&notice.summary)
            .body(&notice.body)
            .show()
            .map(drop)
            .map_err(|e| e.to_string())
    }

    #[cfg(not(unix))]
    fn notify(&mut self, _notice: &Notice) -> Result<(), String> {
        Err("this system's notifications are not supported".into())
    }
}

/// The terminal desk's desktop notifications: sent from a thread, or off
/// with the reason, said once.
pub struct Desktop {
    /// `None` once off.
    to_sender: Option<mpsc::Sender<Notice>>,
    failures: Option<mpsc::Receiver<String>>,
    /// Why notifications are off, until it has been said.
    off: Option<String>,
    said: bool,
}

impl Desktop {
    /// Sends through `notifier` on a thread of its own.
    pub fn start(mut notifier: impl Notifier) -> Desktop {
        let (tx, rx) = mpsc::channel::<Notice>();
        let (fail_tx, fail_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for notice in rx {
                if let Err(e) = notifier.notify(&notice) {
                    // The first failure ends sending: one status line, not one per alert.
                    let _ = fail_tx.send(e);
                    return;
                }
            }
        });
        Desktop { to_sender: Some(tx), failures: Some(fail_rx), off: None, said: false }
    }

    /// Off from the start, for `why` (said at the first alert).
    pub fn off(why: String) -> Desktop {
        Desktop { to_sender: None, failures: None, off: Some(why), said: false }
    }

    /// Gives the alerts rung to the desktop without waiting (nothing while off).
    pub fn send(&mut self, rung: &[Alert]) {
        let Some(tx) = &self.to_sender else { return };
        for a in rung {
            if tx.send(Notice::of(a)).is_err() {
                // The sender ended; its reason comes through `failures`.
                break;
            }
        }
    }

    /// The one status line saying desktop notifications are off and why,
    /// the first time there is one to say: when an alert came while off,
    /// or when sending failed.
    pub fn status(&mut self, alerts_came: bool) -> Option<String> {
        if let Some(rx) = &self.failures
            && let Ok(e) = rx.try_recv()
        {
            self.to_sender = None;
            self.failures = None;
            self.off = Some(format!("sending one failed: {e}"));
            return self.say();
        }
        if self.to_sender.is_none() && alerts_came { self.say() } else { None }
    }

    fn say(&mut self) -> Option<String> {
        if self.said {
            return None;
        }
        let why = self.off.as_deref()?;
        self.said = true;
        Some(format!("desktop notifications are off: {why}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::AlertPoint;
    use crate::domain::{IncidentId, Severity};
    use chrono::{TimeDelta, TimeZone, Utc};
    use std::time::Duration;

    /// A limit for the sender thread's work, so that a bug fails the test
    /// instead of hanging it.
    const LIMIT: Duration = Duration::from_secs(20);

    fn alert(id: u32, customer: &str) -> Alert {
        let due = Utc.with_ymd_and_hms(2026, 11, 18, 9, 35, 0).unwrap();
        Alert {
            incident: IncidentId(id),
            severity: Severity::B,
            customer: customer.into(),
            title: "Mail stuck\x1b[2J".into(),
            point: AlertPoint::Left(15),
            at: due - TimeDelta::minutes(15),
            due,
            left: TimeDelta::minutes(15),
            rung: true,
        }
    }

    /// Records each notice, and fails from the `fail_from`-th on.
    struct Recording {
        seen: mpsc::Sender<Notice>,
        fail_from: usize,
        count: usize,
    }

    impl Notifier for Recording {
        fn notify(&mut self, notice: &Notice) -> Result<(), String> {
            self.count += 1;
            let _ = self.seen.send(notice.clone());
            if self.count >= self.fail_from { Err("the bus went away".into()) } else { Ok(()) }
        }
    }

    fn recording(fail_from: usize) -> (Desktop, mpsc::Receiver<Notice>) {
        let (seen, rx) = mpsc::channel();
        (Desktop::start(Recording { seen, fail_from, count: 0 }), rx)
    }

    #[test]
    fn a_notice_names_id_severity_customer_point_and_time_left() {
        let n = Notice::of(&alert(25, "Fabrikam\x07 Inc"));
        assert_eq!(n.summary, "I-25 B Fabrikam Inc: 15m before due");
        assert_eq!(n.body, "0h 15m left, due 2026-11-18 09:35 UTC — Mail stuck");
    }

    #[test]
    fn alerts_rung_go_to_the_notifier_and_nothing_is_said() {
        let (mut desktop, seen) = recording(usize::MAX);
        desktop.send(&[alert(1, "A"), alert(2, "B")]);
        let got: Vec<String> = (0..2).map(|_| seen.recv_timeout(LIMIT).unwrap().summary).collect();
        assert_eq!(got, ["I-1 B A: 15m before due", "I-2 B B: 15m before due"]);
        assert_eq!(desktop.status(true), None);
    }

    #[test]
    fn a_failure_is_said_once_and_ends_sending() {
        let (mut desktop, seen) = recording(1);
        desktop.send(&[alert(1, "A")]);
        seen.recv_timeout(LIMIT).unwrap();
        let start = std::time::Instant::now();
        let said = loop {
            if let Some(s) = desktop.status(false) {
                break s;
            }
            assert!(start.elapsed() < LIMIT, "the failure was never said");
            std::thread::sleep(Duration::from_millis(10));
        };
        assert_eq!(said, "desktop notifications are off: sending one failed: the bus went away");
        desktop.send(&[alert(2, "B"), alert(3, "C")]);
        assert_eq!(desktop.status(true), None, "said once, not per alert");
        assert!(seen.recv_timeout(Duration::from_millis(200)).is_err(), "nothing more is sent");
    }

    #[test]
    fn off_from_the_start_is_said_at_the_first_alert_only() {
        let mut desktop = Desktop::off("no session bus".into());
        assert_eq!(desktop.status(false), None, "nothing to say before an alert");
        desktop.send(&[alert(1, "A")]);
        let said = desktop.status(true).unwrap();
        assert_eq!(said, "desktop notifications are off: no session bus");
        assert_eq!(desktop.status(true), None);
    }
}
