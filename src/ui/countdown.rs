//! How an incident's first-response clock is shown, the same in every pane:
//! a symbol and a word (never colour alone), and the time left only while
//! the clock can still run. A closed incident never shows a running
//! countdown, answered or not.

use super::theme::{Theme, state_symbol};
use crate::domain::{Countdown, Incident};
use crate::present::{duration_hms, state_word};
use ratatui::style::Style;

/// The symbol a closed incident that was never answered shows.
pub const CLOSED_SYMBOL: &str = "○";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub symbol: &'static str,
    pub word: &'static str,
    /// `1h 12m 05s` (`-0h 05m 10s` overdue) while the clock runs; `None`
    /// once answered or closed.
    pub left: Option<String>,
    pub paused: bool,
    pub style: Style,
}

pub fn shown(incident: &Incident, cd: &Countdown, theme: &Theme) -> Shown {
    let style = if cd.paused { theme.paused() } else { theme.state(cd.state) };
    if incident.first_response.is_none() && !incident.is_open() {
        return Shown {
            symbol: CLOSED_SYMBOL,
            word: "closed",
            left: None,
            paused: false,
            style: theme.dim(),
        };
    }
    let left = incident.first_response.is_none().then(|| duration_hms(cd.remaining));
    Shown {
        symbol: state_symbol(cd.state, cd.paused),
        word: state_word(cd.state),
        left,
        paused: cd.paused,
        style,
    }
}
