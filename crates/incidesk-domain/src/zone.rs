//! R5: a customer's time zone and its rules: the system's IANA database
//! when `main` installed one ([`zone_db::install`](crate::zone_db::install)),
//! else the rules bundled at build time (chrono-tz) for that zone.
//!
//! A [`Zone`] is a [`chrono::TimeZone`], cheap to clone (one `Arc`), and
//! written in files as its IANA name, as before. The domain reads no file:
//! the database's bytes come through the loader `main` gives it.

use chrono::offset::{LocalResult, Offset, TimeZone};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::{OffsetName, Tz};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// An IANA time zone with the rules in use for it.
#[derive(Clone)]
pub struct Zone(Arc<Named>);

struct Named {
    name: Box<str>,
    rules: Rules,
}

enum Rules {
    /// The rules compiled into incidesk (chrono-tz).
    Bundled(Tz),
    /// A TZif file of the system's database.
    System(tz::TimeZone),
}

impl Zone {
    /// The zone named so (exact IANA spelling): the installed database's
    /// rules, else the bundled ones; `None` if neither knows it.
    pub fn named(name: &str) -> Option<Zone> {
        crate::zone_db::lookup(name)
    }

    /// The bundled rules of `tz`, whatever database is installed.
    pub fn bundled(tz: Tz) -> Zone {
        Zone(Arc::new(Named { name: tz.name().into(), rules: Rules::Bundled(tz) }))
    }

    /// A zone from a TZif file's bytes, named `name`; `None` if they are not
    /// a TZif file this can read.
    pub fn from_tzif(name: &str, bytes: &[u8]) -> Option<Zone> {
        let rules = tz::TimeZone::from_tz_data(bytes).ok()?;
        // A file whose rules can't be read for every instant is no zone.
        rules.find_local_time_type(0).ok()?;
        Some(Zone(Arc::new(Named { name: name.into(), rules: Rules::System(rules) })))
    }

    /// Coordinated Universal Time (bundled rules).
    pub fn utc() -> Zone {
        Zone::bundled(Tz::UTC)
    }

    /// The IANA name, e.g. `Europe/Stockholm`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// Whether the rules come from the system's database (else bundled).
    pub fn is_system(&self) -> bool {
        matches!(self.0.rules, Rules::System(_))
    }

    /// The local time type of a system zone at a Unix time (seconds).
    fn system_type(rules: &tz::TimeZone, unix: i64) -> tz::LocalTimeType {
        // Outside what the file can say (far past or future): UTC.
        rules.find_local_time_type(unix).copied().unwrap_or(tz::LocalTimeType::utc())
    }

    fn offset(&self, kind: OffsetKind) -> ZoneOffset {
        ZoneOffset { zone: self.clone(), kind }
    }

    /// The instants whose wall clock reads `local` in a system zone: each
    /// offset in force within a day of it is tried (no zone has changed its
    /// clock twice within a day), and kept if it is the one in force then.
    fn system_local(&self, rules: &tz::TimeZone, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        let mut tried: [Option<i32>; 3] = [None; 3];
        // The earliest and latest instants found, with their local time type.
        let (mut first, mut last): (Option<Reading>, Option<Reading>) = (None, None);
        for (i, probe) in [wall - 86_400, wall, wall + 86_400].into_iter().enumerate() {
            let secs = Zone::system_type(rules, probe).ut_offset();
            if tried.contains(&Some(secs)) {
                continue;
            }
            tried[i] = Some(secs);
            let instant = wall - i64::from(secs);
            let at = Zone::system_type(rules, instant);
            if at.ut_offset() != secs {
                continue;
            }
            if first.is_none_or(|(t, _)| instant < t) {
                first = Some((instant, at));
            }
            if last.is_none_or(|(t, _)| instant > t) {
                last = Some((instant, at));
            }
        }
        let system = |t| self.offset(OffsetKind::System(t));
        match (first, last) {
            (Some((a, ta)), Some((b, tb))) if a != b => LocalResult::Ambiguous(system(ta), system(tb)),
            (Some((_, t)), _) => LocalResult::Single(system(t)),
            _ => LocalResult::None,
        }
    }
}

/// An instant (Unix seconds) and the local time type in force then.
type Reading = (i64, tz::LocalTimeType);

impl From<Tz> for Zone {
    /// The zone of that name as [`Zone::named`] finds it (the installed
    /// database first), so that a zone named in code follows the same rules
    /// as one read from a file.
    fn from(tz: Tz) -> Zone {
        Zone::named(tz.name()).unwrap_or_else(|| Zone::bundled(tz))
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.name == other.0.name
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.name.hash(h);
    }
}

impl PartialEq<Tz> for Zone {
    fn eq(&self, other: &Tz) -> bool {
        self.name() == other.name()
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Zone {
    type Err = String;

    fn from_str(s: &str) -> Result<Zone, String> {
        Zone::named(s).ok_or_else(|| format!("'{s}' is not an IANA time zone"))
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Zone, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The offset of a [`Zone`] at one instant, with its abbreviation (`CET`).
#[derive(Clone)]
pub struct ZoneOffset {
    zone: Zone,
    kind: OffsetKind,
}

#[derive(Clone, Copy)]
enum OffsetKind {
    Bundled(<Tz as TimeZone>::Offset),
    System(tz::LocalTimeType),
}

impl ZoneOffset {
    fn seconds(&self) -> i32 {
        match &self.kind {
            OffsetKind::Bundled(o) => o.fix().local_minus_utc(),
            OffsetKind::System(t) => t.ut_offset(),
        }
    }

    /// The zone's abbreviation for it (`CEST`, `+0545`).
    pub fn abbreviation(&self) -> &str {
        match &self.kind {
            OffsetKind::Bundled(o) => o.abbreviation().unwrap_or(""),
            OffsetKind::System(t) => t.time_zone_designation(),
        }
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds()).unwrap_or(FixedOffset::east_opt(0).expect("UTC"))
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fix())
    }
}

impl fmt::Display for ZoneOffset {
    /// The abbreviation, as `%Z` prints it; the offset where there is none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.abbreviation() {
            "" => write!(f, "{}", self.fix()),
            a => f.write_str(a),
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone.clone()
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match &self.0.rules {
            Rules::Bundled(tz) => {
                tz.offset_from_local_datetime(local).map(|o| self.offset(OffsetKind::Bundled(o)))
            }
            Rules::System(rules) => self.system_local(rules, local),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let kind = match &self.0.rules {
            Rules::Bundled(tz) => OffsetKind::Bundled(tz.offset_from_utc_datetime(utc)),
            Rules::System(rules) => OffsetKind::System(Zone::system_type(rules, utc.and_utc().timestamp())),
        };
        self.offset(kind)
    }
}

#[cfg(test)]
#[path = "zone_tests.rs"]
mod tests;
