//! The one way the command line writes an instant: in the zone of the
//! customer it belongs to, with that zone's offset, so that a time reads as
//! the customer lives it and still names the instant exactly; with `--utc`,
//! in UTC with `Z`. Things that belong to no customer (a product's history)
//! are written in UTC.

use crate::domain::Instant;
use crate::domain::Zone;
use chrono::SecondsFormat;
use serde_json::Value;

/// The fields of the records (DATA-FORMAT.md) and results that hold an instant.
pub const INSTANT_FIELDS: &[&str] = &["at", "agreed_at", "due", "recorded_at", "submitted", "archived_at"];

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

    /// Rewrites, in a JSON result, every instant the records hold (the
    /// fields named [`INSTANT_FIELDS`], at any depth, and a calendar
    /// change's `from`) as [`exact`](Self::exact) writes them. Only strings
    /// that read as RFC 3339 are touched: desk text is never rewritten, as
    /// the fields are the records' own, not free text.
    pub fn json(self, value: &mut Value, zone: Option<&Zone>) {
        match value {
            Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    if INSTANT_FIELDS.contains(&key.as_str()) {
                        self.rewrite(field, zone);
                    } else if key == "calendar_changes" {
                        let changes = field.as_array_mut().into_iter().flatten();
                        for from in changes.filter_map(|change| change.get_mut("from")) {
                            self.rewrite(from, zone);
                        }
                    } else {
                        self.json(field, zone);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.json(item, zone)),
            _ => {}
        }
    }

    fn rewrite(self, field: &mut Value, zone: Option<&Zone>) {
        let at = field.as_str().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
        if let Some(at) = at {
            *field = Value::String(self.exact(at.with_timezone(&chrono::Utc), zone));
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

    #[test]
    fn rewrites_the_instants_of_a_json_result_and_nothing_else() {
        let stockholm = Zone::named("Europe/Stockholm");
        let stockholm = stockholm.as_ref();
        let mut v = serde_json::json!({
            "submitted": "2026-11-18T09:00:00Z",
            "title": "2026-11-18T09:00:00Z",
            "contacts": [{"at": "2026-11-18T09:00:00Z", "note": "x"}],
            "transfers": [{"at": "2026-11-18T09:00:00Z", "from": "2026-11-18T09:00:00Z"}],
            "calendar_changes": [{"from": "2026-11-18T09:00:00Z"}],
            "due": null,
        });
        Times { utc: false }.json(&mut v, stockholm);
        let local = "2026-11-18T10:00:00+01:00";
        assert_eq!(v["submitted"], local);
        assert_eq!(v["title"], "2026-11-18T09:00:00Z", "desk text is not rewritten");
        assert_eq!(v["contacts"][0]["at"], local);
        assert_eq!(v["transfers"][0]["at"], local);
        assert_eq!(v["transfers"][0]["from"], "2026-11-18T09:00:00Z", "an account, not an instant");
        assert_eq!(v["calendar_changes"][0]["from"], local);
        assert_eq!(v["due"], serde_json::Value::Null);
        Times { utc: true }.json(&mut v, stockholm);
        assert_eq!(v["submitted"], "2026-11-18T09:00:00Z");
    }
}
