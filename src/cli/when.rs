//! The one way the command line writes an instant: in the zone of the
//! customer it belongs to, with that zone's offset, so that a time reads as
//! the customer lives it and still names the instant exactly; with `--utc`,
//! in UTC with `Z`. Things that belong to no customer (a product's history)
//! are written in UTC.

use crate::domain::Instant;
use crate::domain::Zone;
use chrono::SecondsFormat;

/// How instants are written in this run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Times {
    /// `--utc`: every instant in UTC.
    pub utc: bool,
}

impl Times {
    /// For people: `2026-11-18 10:00 +01:00`, or `2026-11-18 09:00Z` with `--utc`
    /// (and for an instant of no customer's, `zone` `None`).
    pub fn text(self, at: Instant, zone: Option<&Zone>) -> String {
        match self.zone(zone) {
            Some(z) => at.with_timezone(z).format("%Y-%m-%d %H:%M %:z").to_string(),
            None => at.format("%Y-%m-%d %H:%MZ").to_string(),
        }
    }

    /// For programs (CSV): RFC 3339 to the second, `2026-11-18T10:00:00+01:00`,
    /// or `2026-11-18T09:00:00Z`.
    pub fn exact(self, at: Instant, zone: Option<&Zone>) -> String {
        match self.zone(zone) {
            Some(z) => at.with_timezone(z).to_rfc3339_opts(SecondsFormat::Secs, false),
            None => at.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }

    fn zone(self, zone: Option<&Zone>) -> Option<&Zone> {
        if self.utc { None } else { zone }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn writes_the_customer_zone_with_its_offset_or_utc() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let stockholm = Zone::named("Europe/Stockholm");
        let stockholm = stockholm.as_ref();
        let local = Times { utc: false };
        assert_eq!(local.text(at, stockholm), "2026-11-18 10:00 +01:00");
        assert_eq!(local.exact(at, stockholm), "2026-11-18T10:00:00+01:00");
        assert_eq!(local.text(at, None), "2026-11-18 09:00Z");
        let utc = Times { utc: true };
        assert_eq!(utc.text(at, stockholm), "2026-11-18 09:00Z");
        assert_eq!(utc.exact(at, stockholm), "2026-11-18T09:00:00Z");
        // Summer time: the offset follows the date.
        let june = chrono::Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
        assert_eq!(local.text(june, stockholm), "2026-06-01 11:00 +02:00");
    }
}
