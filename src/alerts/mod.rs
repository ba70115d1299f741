//! Alerts for watchers (issue 13): the TUI and `incidesk watch` each keep a
//! [`Planner`] that turns the domain's alert points (`domain::alerts`) into
//! alerts as the clock passes them, once per incident and point.

pub mod desktop;
mod planner;
pub mod present;

pub use planner::{Alert, Planner};

use crate::config::AlertSettings;

/// A watcher's planner for the `[alerts]` settings.
pub fn planner(settings: &AlertSettings) -> Planner {
    Planner::new(settings.points(), settings.ring_within)
}
