//! An alert in words (the watch line, the TUI's banner and list, desktop
//! notifications), as JSON, and as environment variables for `watch --exec`.
//! Instants are written as the caller says (`watch`: in the customer's zone
//! with its offset, or UTC with `--utc`, as the rest of the command line).

use super::Alert;
use crate::domain::text::clean_line;
use crate::present::duration_hm;

/// How an instant is written.
pub type Stamp<'a> = &'a dyn Fn(crate::domain::Instant) -> String;

/// `I-7 B Contoso Ltd: at risk, due 2026-11-25 14:00 +01:00, 0h 59m left — Mail stuck`.
/// Desk text is cleaned: no control sequence reaches a terminal.
pub fn summary(a: &Alert, stamp: Stamp) -> String {
    let left = left_text(a);
    format!(
        "{} {} {}: {}, due {}, {left} — {}",
        a.incident,
        a.severity,
        clean_line(&a.customer),
        a.point.describe(),
        stamp(a.due),
        clean_line(&a.title)
    )
}

/// The clock time left when the alert was made: `0h 59m left`, `0h 5m past due`.
pub fn left_text(a: &Alert) -> String {
    if a.left < chrono::TimeDelta::zero() {
        format!("{} past due", duration_hm(-a.left))
    } else {
        format!("{} left", duration_hm(a.left))
    }
}

/// The watch line: when the point passed, then [`summary`]; a point only
/// listed says so.
pub fn line(a: &Alert, stamp: Stamp) -> String {
    let listed = if a.rung { "" } else { " (passed before watching; not rung)" };
    format!("{} {}{listed}", stamp(a.at), summary(a, stamp))
}

/// One JSON line: id, severity, customer, title, point, when it passed,
/// due, the clock time left in seconds (negative past due), rung.
pub fn json(a: &Alert, stamp: Stamp) -> serde_json::Value {
    serde_json::json!({
        "id": a.incident.to_string(),
        "severity": a.severity.to_string(),
        "customer": a.customer,
        "title": a.title,
        "point": a.point.to_string(),
        "point_text": a.point.describe(),
        "at": stamp(a.at),
        "due": stamp(a.due),
        "left_seconds": a.left.num_seconds(),
        "rung": a.rung,
    })
}

/// The fields for `watch --exec`, as `INCIDESK_ALERT_*` variables (desk
/// text cleaned of control characters).
/// `text` writes the instant in `_TEXT`, `exact` those in `_AT` and `_DUE`.
pub fn env(a: &Alert, text: Stamp, exact: Stamp) -> Vec<(&'static str, String)> {
    vec![
        ("INCIDESK_ALERT_ID", a.incident.to_string()),
        ("INCIDESK_ALERT_SEVERITY", a.severity.to_string()),
        ("INCIDESK_ALERT_CUSTOMER", clean_line(&a.customer)),
        ("INCIDESK_ALERT_TITLE", clean_line(&a.title)),
        ("INCIDESK_ALERT_POINT", a.point.to_string()),
        ("INCIDESK_ALERT_AT", exact(a.at)),
        ("INCIDESK_ALERT_DUE", exact(a.due)),
        ("INCIDESK_ALERT_LEFT_SECONDS", a.left.num_seconds().to_string()),
        ("INCIDESK_ALERT_TEXT", summary(a, text)),
    ]
}
