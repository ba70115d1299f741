//! `[alerts]` in the config file: the points at which a watcher (the TUI,
//! `incidesk watch`) is told about an incident still waiting for its first
//! response, and how it is told.

use crate::domain::alerts::{AlertPoint, AlertPoints, DEFAULT_POINTS, parse_span};
use chrono::TimeDelta;
use serde::{Deserialize, Deserializer};

/// The terminal bell at an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bell {
    Off,
    /// When alerts come while none is waiting to be acknowledged.
    #[default]
    Once,
    /// At each alert.
    Each,
}

/// The `[alerts]` section.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertSettings {
    /// Alerts at all (`false`: none in the TUI; `watch` still prints them).
    pub enabled: bool,
    /// The points for every severity.
    pub points: Vec<AlertPoint>,
    /// Points of a severity's own, instead of `points`: `{ A = [...] }`.
    pub by_severity: BySeverity,
    /// A point that passed longer ago than this when a watcher starts is
    /// listed, not rung.
    #[serde(deserialize_with = "span")]
    pub ring_within: TimeDelta,
    pub bell: Bell,
    /// Desktop notifications where there is a session bus.
    pub desktop: bool,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            enabled: true,
            points: DEFAULT_POINTS.to_vec(),
            by_severity: BySeverity::default(),
            ring_within: TimeDelta::minutes(10),
            bell: Bell::Once,
            desktop: cfg!(any(target_os = "linux", target_os = "macos")),
        }
    }
}

impl AlertSettings {
    /// The points of each severity, as the domain plans them.
    pub fn points(&self) -> AlertPoints {
        let BySeverity { a, b, c } = self.by_severity.clone();
        AlertPoints { all: self.points.clone(), by_severity: [a, b, c] }
    }
}

/// Per-severity points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BySeverity {
    #[serde(rename = "A")]
    pub a: Option<Vec<AlertPoint>>,
    #[serde(rename = "B")]
    pub b: Option<Vec<AlertPoint>>,
    #[serde(rename = "C")]
    pub c: Option<Vec<AlertPoint>>,
}

/// A length of time written `10m`, `1h30m`, `90s`.
fn span<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
    let text = String::deserialize(d)?;
    let secs = parse_span(&text).map_err(serde::de::Error::custom)?;
    i64::try_from(secs)
        .ok()
        .and_then(TimeDelta::try_seconds)
        .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is too long")))
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use crate::domain::Severity;

    #[test]
    fn the_section_as_written() {
        let text = "[alerts]\npoints = [\"75%\", \"breached\"]\nby_severity = { A = [\"30m\"] }\n\
                    ring_within = \"1h30m\"\nbell = \"each\"\ndesktop = false\n";
        let a = parse(text).unwrap().alerts;
        assert_eq!(a.ring_within, TimeDelta::minutes(90));
        assert_eq!((a.bell, a.desktop, a.enabled), (Bell::Each, false, true));
        let points = a.points();
        assert_eq!(points.for_severity(Severity::A), [AlertPoint::Left(30)]);
        assert_eq!(points.for_severity(Severity::C), [AlertPoint::Used(75), AlertPoint::Breached]);
    }

    #[test]
    fn wrong_values_say_what_would_be_right() {
        for (text, says) in [
            ("[alerts]\nbell = \"loud\"\n", "once"),
            ("[alerts]\nring_within = \"soon\"\n", "15m"),
            ("[alerts]\nby_severity = { D = [] }\n", "D"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(says), "{text}: {e}");
            assert_eq!(e.line, 2, "{e}");
        }
    }
}
