//! Alert points (issue 13): the instants before and at a breach at which a
//! watcher is told about an incident still waiting for its first response.
//!
//! A point is measured in the incident's own clock (R5): a share of the R4
//! target used, R8's *at risk*, some clock time left before due, or R8's
//! *breached*. On a business-hours clock a point passes only while the clock
//! runs, so none passes at night; a severity change re-plans every point
//! from the original submission (R7); the first response ends them (R8), and
//! so does closing (no response is owed any more).
//!
//! Everything here is pure: `now` is a parameter.

use super::calendar::Calendar;
use super::model::{Incident, Instant, Severity};
use super::sla::{self, SlaState};
use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// One alert point of an incident's first-response clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertPoint {
    /// This percentage (1..=100) of the R4 target used: `50%`.
    Used(u8),
    /// R8's at risk: less than a quarter of the target left: `at-risk`.
    AtRisk,
    /// This many minutes of clock time left before due: `15m`, `1h30m`.
    Left(u32),
    /// R8's breached: strictly after the due instant, no response: `breached`.
    Breached,
}

/// The points when the config file names none: half the target used, at
/// risk, 15 minutes before due, breached.
pub const DEFAULT_POINTS: [AlertPoint; 4] =
    [AlertPoint::Used(50), AlertPoint::AtRisk, AlertPoint::Left(15), AlertPoint::Breached];

impl fmt::Display for AlertPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlertPoint::Used(p) => write!(f, "{p}%"),
            AlertPoint::AtRisk => f.write_str("at-risk"),
            AlertPoint::Left(m) => f.write_str(&minutes_text(*m)),
            AlertPoint::Breached => f.write_str("breached"),
        }
    }
}

impl AlertPoint {
    /// For people: "half the target used", "15m before due".
    pub fn describe(&self) -> String {
        match self {
            AlertPoint::Used(50) => "half the target used".into(),
            AlertPoint::Used(p) => format!("{p}% of the target used"),
            AlertPoint::AtRisk => "at risk".into(),
            AlertPoint::Left(m) => format!("{} before due", minutes_text(*m)),
            AlertPoint::Breached => "breached".into(),
        }
    }
}

/// `90` → `1h30m`, `15` → `15m`, `120` → `2h`.
pub fn minutes_text(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

/// A span of time written as `15m`, `2h`, `1h30m` or `90s` (whole seconds;
/// at least one part, each a number and a unit), in seconds.
pub fn parse_span(text: &str) -> Result<u64, String> {
    let bad = || format!("'{text}' is not a length of time: write e.g. 15m, 2h, 1h30m or 90s");
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        let unit = rest[digits..].chars().next().ok_or_else(bad)?;
        let scale = match unit {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        total = n.checked_mul(scale).and_then(|s| total.checked_add(s)).ok_or_else(bad)?;
        rest = &rest[digits + unit.len_utf8()..];
    }
    Ok(total)
}

impl FromStr for AlertPoint {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("at-risk") {
            return Ok(AlertPoint::AtRisk);
        }
        if t.eq_ignore_ascii_case("breached") {
            return Ok(AlertPoint::Breached);
        }
        if let Some(p) = t.strip_suffix('%') {
            return match p.trim().parse::<u8>() {
                Ok(p @ 1..=100) => Ok(AlertPoint::Used(p)),
                _ => Err(format!("'{s}' is not a share of the target: write 1% to 100%, e.g. 50%")),
            };
        }
        let secs = parse_span(t).map_err(|_| {
            format!(
                "'{s}' is not an alert point: write a share of the target used (50%), at-risk, \
                 clock time left before due (15m, 1h30m) or breached"
            )
        })?;
        if secs == 0 || secs % 60 != 0 {
            return Err(format!("'{s}': the time left before due is whole minutes, at least 1m"));
        }
        u32::try_from(secs / 60)
            .map(AlertPoint::Left)
            .map_err(|_| format!("'{s}' is longer than any response target"))
    }
}

impl Serialize for AlertPoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AlertPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The alert points in force: one list for every severity, or a list of
/// its own for some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertPoints {
    pub all: Vec<AlertPoint>,
    /// A, B, C: the severity's own list, instead of `all`.
    pub by_severity: [Option<Vec<AlertPoint>>; 3],
}

impl Default for AlertPoints {
    fn default() -> Self {
        AlertPoints { all: DEFAULT_POINTS.to_vec(), by_severity: [None, None, None] }
    }
}

impl AlertPoints {
    pub fn for_severity(&self, severity: Severity) -> &[AlertPoint] {
        let i = match severity {
            Severity::A => 0,
            Severity::B => 1,
            Severity::C => 2,
        };
        self.by_severity[i].as_deref().unwrap_or(&self.all)
    }
}

/// One point of one incident, and the instant it passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlannedPoint {
    pub at: Instant,
    pub point: AlertPoint,
}

/// Where an incident's alert points stand at an instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertsAt {
    /// The points passed at or before the instant, in the order they passed.
    pub passed: Vec<PlannedPoint>,
    /// The next point to pass after it, if any.
    pub next: Option<PlannedPoint>,
}

/// Every point of `incident`, with the instant it passes, in time order
/// (points passing together in the order of [`AlertPoint`]). Empty once the
/// incident has its first response or is closed. A point of clock time left
/// that is as long as the target or longer has nothing to measure and is left
/// out, as are points named twice.
pub fn plan(incident: &Incident, cal: &Calendar, points: &[AlertPoint]) -> Vec<PlannedPoint> {
    if incident.first_response.is_some() || !incident.is_open() {
        return Vec::new();
    }
    let mut out: Vec<PlannedPoint> = points
        .iter()
        .filter_map(|p| point_at(incident, cal, *p).map(|at| PlannedPoint { at, point: *p }))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The points of `incident` passed at `now`, and the next one (see [`plan`]).
pub fn alerts_at(incident: &Incident, cal: &Calendar, points: &[AlertPoint], now: Instant) -> AlertsAt {
    let mut all = plan(incident, cal, points);
    let split = all.partition_point(|p| p.at <= now);
    let next = all.get(split).copied();
    all.truncate(split);
    AlertsAt { passed: all, next }
}

/// The instant a point passes for `incident` (`None`: nothing to measure).
fn point_at(incident: &Incident, cal: &Calendar, point: AlertPoint) -> Option<Instant> {
    let (submitted, severity, coverage) = (incident.submitted, incident.severity, incident.coverage);
    let target = severity.target();
    let reach = |used: TimeDelta| sla::clock_reaches(submitted, severity, coverage, cal, used);
    match point {
        AlertPoint::Used(p) => reach(target * i32::from(p) / 100),
        AlertPoint::Left(m) => {
            let left = TimeDelta::minutes(i64::from(m));
            (left < target).then(|| reach(target - left)).flatten()
        }
        AlertPoint::AtRisk => {
            // R8 decides: at a quarter left exactly the incident is not yet at
            // risk; it is from the next instant its clock runs.
            let quarter_left = reach(target - target / 4)?;
            first_in_state(incident, cal, quarter_left, |s| {
                matches!(s, SlaState::AtRisk | SlaState::Breached)
            })
        }
        AlertPoint::Breached => {
            let due = sla::due_time(submitted, severity, coverage, cal)?;
            first_in_state(incident, cal, due, |s| s == SlaState::Breached)
        }
    }
}

/// The first of `at`, the instant after it, and the instant after the next
/// opening of the calendar (for a clock paused at `at`) at which R8's
/// countdown is in a state `wanted`: R8 alone says where its states begin.
fn first_in_state(
    incident: &Incident,
    cal: &Calendar,
    at: Instant,
    wanted: impl Fn(SlaState) -> bool,
) -> Option<Instant> {
    let tick = TimeDelta::nanoseconds(1);
    let there = sla::countdown(incident, cal, at);
    let reopened = there.paused.then(|| sla::next_opening(cal, at)).flatten().map(|t| t + tick);
    [Some(at), Some(at + tick), reopened]
        .into_iter()
        .flatten()
        .find(|t| wanted(sla::countdown(incident, cal, *t).state))
}

#[cfg(test)]
#[path = "alerts_tests.rs"]
mod tests;
