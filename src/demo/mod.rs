//! The bundled demo desk: the scenario in `assets/demo.toml`, replayed as real
//! [`Command`]s through [`Desk::execute`].
//!
//! Every time in the scenario is an offset from the moment the demo is built
//! (`"-3h10m"` is three hours and ten minutes before `now`), so the desk always
//! looks live: an incident submitted `"-2h50m"` at severity A with no response
//! is breached whenever the demo is opened. All the scenario's actions are
//! collected, sorted by time (stably, so that actions at the same instant keep
//! the order in which the file lists them) and carried out one by one at
//! `now + offset` by the engineer who did them. Nothing is written into the
//! desk directly: its customers, products, packs, incidents and history (R21)
//! are exactly what those commands produced, and every rule (R1–R21) is
//! checked on the way. A refused command is an error naming the scenario item.

use crate::domain::{Desk, Instant, Refusal};
use chrono::TimeDelta;
use std::fmt;

mod plan;
mod replay;
mod scenario;

use plan::*;
use replay::*;
use scenario::*;

/// The scenario bundled with the binary.
pub const SCENARIO: &str = include_str!("../../assets/demo.toml");

/// Why the demo desk could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoError {
    /// The scenario is not valid TOML, or a field is missing, unknown or of
    /// the wrong type (the message gives the line).
    Parse(String),
    /// An item of the scenario is wrong: a bad time, an unknown key, an event
    /// that names no action.
    Scenario { item: String, problem: String },
    /// The desk refused a replayed command: the scenario breaks a rule.
    Refused {
        item: String,
        /// The scenario's time of the command, e.g. `-4h30m`.
        at: String,
        refusal: Refusal,
    },
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::Parse(e) => write!(f, "the demo scenario can't be read: {e}"),
            DemoError::Scenario { item, problem } => {
                write!(f, "demo scenario, {item}: {problem}")
            }
            DemoError::Refused { item, at, refusal } => {
                write!(f, "demo scenario, {item} at {at}: {refusal}")
            }
        }
    }
}

impl std::error::Error for DemoError {}

/// The bundled demo desk as it stands at `now`.
pub fn build(now: Instant) -> Result<Desk, DemoError> {
    build_from(SCENARIO, now)
}

/// A desk from any scenario text in the format of `assets/demo.toml`.
pub fn build_from(scenario: &str, now: Instant) -> Result<Desk, DemoError> {
    let scenario: Scenario = toml::from_str(scenario).map_err(|e| DemoError::Parse(e.to_string()))?;
    let steps = plan(&scenario, now)?;
    replay(steps)
}

/// Parses a time offset from now: a sign, then days, hours and minutes in
/// that order, each optional but at least one: `-3h10m`, `-2d`, `+45m`,
/// `-1d2h30m`. `0` and `now` mean now.
pub fn parse_offset(text: &str) -> Result<TimeDelta, String> {
    const HELP: &str = "write a signed offset from now such as -3h10m, -2d, +45m or -1d2h30m \
                        (d = days, h = hours, m = minutes)";
    let s: String = text.split_whitespace().collect();
    if s == "0" || s.eq_ignore_ascii_case("now") {
        return Ok(TimeDelta::zero());
    }
    let (negative, rest) = match s.chars().next() {
        Some('-') => (true, &s[1..]),
        Some('+') => (false, &s[1..]),
        Some(_) => {
            return Err(format!("'{text}' has no sign: write -{s} for the past or +{s} for the future"));
        }
        None => return Err(format!("the time is empty: {HELP}")),
    };
    if rest.is_empty() {
        return Err(format!("'{text}' has a sign but no amount: {HELP}"));
    }
    let mut total = TimeDelta::zero();
    let mut digits = String::new();
    let mut last_unit: Option<usize> = None;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let rank = match c.to_ascii_lowercase() {
            'd' => 0,
            'h' => 1,
            'm' => 2,
            _ => return Err(format!("'{text}': '{c}' is not a unit: {HELP}")),
        };
        if digits.is_empty() {
            return Err(format!("'{text}': the unit '{c}' has no number before it"));
        }
        if last_unit.is_some_and(|l| l >= rank) {
            return Err(format!("'{text}': units must come once each, in the order d, h, m"));
        }
        last_unit = Some(rank);
        let n: i64 = digits
            .parse()
            .ok()
            .filter(|n| *n <= 1_000_000)
            .ok_or_else(|| format!("'{text}': {digits} is too large"))?;
        digits.clear();
        total += match rank {
            0 => TimeDelta::days(n),
            1 => TimeDelta::hours(n),
            _ => TimeDelta::minutes(n),
        };
    }
    if !digits.is_empty() {
        return Err(format!(
            "'{text}': {digits} has no unit: add d, h or m (e.g. {}{digits}h)",
            if negative { '-' } else { '+' }
        ));
    }
    Ok(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets() {
        let m = TimeDelta::minutes;
        assert_eq!(parse_offset("-3h10m"), Ok(-m(190)));
        assert_eq!(parse_offset("-2d"), Ok(-TimeDelta::days(2)));
        assert_eq!(parse_offset("-45m"), Ok(-m(45)));
        assert_eq!(parse_offset("+1d"), Ok(TimeDelta::days(1)));
        assert_eq!(parse_offset("-1d2h30m"), Ok(-m(24 * 60 + 150)));
        assert_eq!(parse_offset(" - 1d 2h "), Ok(-m(26 * 60)));
        assert_eq!(parse_offset("0"), Ok(TimeDelta::zero()));
        assert_eq!(parse_offset("now"), Ok(TimeDelta::zero()));
    }

    #[test]
    fn refuses_bad_offsets_with_clear_messages() {
        let err = |s: &str| parse_offset(s).unwrap_err();
        assert!(err("3h").contains("no sign"), "{}", err("3h"));
        assert!(err("-3").contains("no unit"));
        assert!(err("-3x").contains("not a unit"));
        assert!(err("-h").contains("no number"));
        assert!(err("-2h1d").contains("order d, h, m"));
        assert!(err("-1h1h").contains("order d, h, m"));
        assert!(err("-").contains("no amount"));
        assert!(err("").contains("empty"));
        assert!(err("-99999999999d").contains("too large"));
    }
}
