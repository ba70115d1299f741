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

/// R5: the next special days, opening and calendar change of an outlook in
/// one line: `holidays 2026-12-24, *-12-25 (12-25) · opens Mon 2026-12-28
/// 08:00 CET · changes Fri 2027-01-01 00:00 CET`.
pub fn outlook_line(outlook: &crate::domain::effective::Outlook, now: Instant) -> String {
    let zone = &outlook.in_force.time_zone;
    let days: Vec<String> = outlook
        .next_special
        .iter()
        .map(|(date, text)| if *text == date.to_string() { text.clone() } else { format!("{date} ({text})") })
        .collect();
    let mut parts = vec![if days.is_empty() {
        "no holidays ahead".to_string()
    } else {
        format!("next {}", days.join(", "))
    }];
    match outlook.next_opening {
        Some(at) if at <= now => parts.push("open now".to_string()),
        Some(at) => parts.push(format!("opens {}", local(at, zone))),
        None => parts.push("no opening ahead".to_string()),
    }
    if let Some(at) = outlook.next_change {
        parts.push(format!("changes {}", local(at, zone)));
    }
    parts.join(" · ")
}

/// R21: a history entry's value before and after, as lines for people:
/// `severity: B → A` when both fit on one line, else a `before:` and an
/// `after:` line, continuation lines of a long text indented.
pub fn change_lines(change: &crate::domain::Change) -> Vec<String> {
    let shown = |v: &str| if v.is_empty() { "(none)".to_string() } else { v.to_string() };
    let (before, after) = (shown(&change.before), shown(&change.after));
    if !before.contains('\n') && !after.contains('\n') && before.len() + after.len() <= 60 {
        return vec![format!("{}: {before} → {after}", change.field)];
    }
    let mut out = Vec::new();
    for (word, value) in [("before", before), ("after", after)] {
        let mut lines = value.split('\n');
        out.push(format!("{} {word}: {}", change.field, lines.next().unwrap_or_default()));
        out.extend(lines.map(|l| format!("  {l}")));
    }
    out
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
