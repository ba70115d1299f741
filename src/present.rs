//! Words and numbers for people, shared by the command line and the TUI so
//! both say the same thing the same way.

use crate::domain::{Instant, SlaState};
use chrono::TimeDelta;

/// R8: the word for a countdown state.
pub fn state_word(state: SlaState) -> &'static str {
    match state {
        SlaState::OnTrack => "on track",
        SlaState::AtRisk => "at risk",
        SlaState::Breached => "breached",
        SlaState::Met => "met",
        SlaState::Missed => "missed",
        SlaState::NoOpening => "no due time",
    }
}

/// Same as [`state_word`] but one token, for JSON and filters.
pub fn state_key(state: SlaState) -> &'static str {
    match state {
        SlaState::OnTrack => "on-track",
        SlaState::AtRisk => "at-risk",
        SlaState::Breached => "breached",
        SlaState::Met => "met",
        SlaState::Missed => "missed",
        SlaState::NoOpening => "no-due-time",
    }
}

/// `1h 12m`, `-0h 05m`, `2d 03h` (whole minutes, rounded towards zero).
pub fn duration_hm(d: TimeDelta) -> String {
    let sign = if d < TimeDelta::zero() { "-" } else { "" };
    let secs = d.num_seconds().unsigned_abs();
    let (days, hours, minutes) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60);
    if days > 0 { format!("{sign}{days}d {hours:02}h") } else { format!("{sign}{hours}h {minutes:02}m") }
}

/// `1h 12m 05s`, `-0h 05m 10s`, `2d 03h 10m`: a countdown that ticks every second.
pub fn duration_hms(d: TimeDelta) -> String {
    let sign = if d < TimeDelta::zero() { "-" } else { "" };
    let secs = d.num_seconds().unsigned_abs();
    let (days, hours, minutes, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if days > 0 {
        format!("{sign}{days}d {hours:02}h {minutes:02}m")
    } else {
        format!("{sign}{hours}h {minutes:02}m {s:02}s")
    }
}

/// An instant in a zone: `Mon 2026-11-23 10:30 CET`.
pub fn local(at: Instant, zone: &crate::domain::Zone) -> String {
    at.with_timezone(zone).format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// What archiving on its own did, for people: it changes the files they see.
pub fn archived_line(moved: &crate::store::Archived) -> String {
    let file = moved.place.as_ref().map_or(String::new(), |f| format!(" to {f}"));
    format!(
        "archived {} incidents settled more than {} days ago{file} (see `incidesk archive`)",
        moved.incidents,
        crate::domain::archive::SETTLED_DAYS
    )
}

/// Writes a message for people to stderr, each line cleaned as desk text
/// is: messages quote what was typed and what files hold, and no control
/// sequence in them may reach the terminal.
pub fn say(message: &str) {
    eprintln!("{}", cleaned_lines(message));
}

/// `text` with each line cleaned (see [`crate::domain::text::clean_line`]).
pub fn cleaned_lines(text: &str) -> String {
    text.lines().map(crate::domain::text::clean_line).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations_as_people_read_them() {
        assert_eq!(duration_hm(TimeDelta::minutes(72)), "1h 12m");
        assert_eq!(duration_hm(TimeDelta::minutes(-5)), "-0h 05m");
        assert_eq!(duration_hm(TimeDelta::minutes(-5) - TimeDelta::seconds(40)), "-0h 05m");
        assert_eq!(duration_hm(TimeDelta::hours(51)), "2d 03h");
        assert_eq!(duration_hms(TimeDelta::seconds(4325)), "1h 12m 05s");
        assert_eq!(duration_hms(TimeDelta::seconds(-310)), "-0h 05m 10s");
    }
}
