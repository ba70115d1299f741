//! Reading instants from the data file quickly.
//!
//! A big desk holds millions of timestamps, and chrono's general RFC 3339
//! parser was an eighth of the time to load one. incidesk writes every
//! instant as `YYYY-MM-DDTHH:MM:SSZ`; that form is read directly, and
//! anything else (offsets, fractions, leap seconds, a hand-edited file) goes
//! to chrono exactly as before, so what is accepted and what is refused does
//! not change.

use super::model::Instant;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserializer;
use serde::de::{self, Visitor};
use std::fmt;

/// `#[serde(deserialize_with = "instant::de")]` for an [`Instant`] field.
pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
    d.deserialize_str(InstantVisitor)
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = Instant;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Instant, E> {
        parse(s).map_err(E::custom)
    }
}

/// An instant as chrono's `DateTime<Utc>` parses it, faster for the form
/// incidesk writes.
pub fn parse(s: &str) -> Result<Instant, chrono::ParseError> {
    match fast(s.as_bytes()) {
        Some(t) => Ok(t),
        None => s.parse::<DateTime<Utc>>(),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` exactly, or `None` (then chrono decides).
fn fast(b: &[u8]) -> Option<Instant> {
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if b[19] != b'Z' {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len]
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    // A leap second (60) is chrono's to represent.
    if second > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_chrono_reads() {
        for s in [
            "2026-03-29T01:30:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2028-02-29T12:00:00Z",
            "2026-03-29T01:30:00+02:00",
            "2026-03-29T01:30:00.5Z",
            "2026-03-29 01:30:00Z",
            "2016-12-31T23:59:60Z",
            "2026-03-29t01:30:00z",
            "+2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z ",
        ] {
            assert_eq!(parse(s).ok(), s.parse::<DateTime<Utc>>().ok(), "{s}");
        }
        assert!(fast(b"2026-03-29T01:30:00Z").is_some());
    }

    #[test]
    fn refuses_what_chrono_refuses() {
        for s in [
            "2027-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-0aT00:00:00Z",
            "2026-01-01T00:00:00",
            "",
        ] {
            assert!(parse(s).is_err(), "{s}");
            assert!(s.parse::<DateTime<Utc>>().is_err(), "chrono refuses {s} too");
        }
    }
}
