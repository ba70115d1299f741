//! R5: a customer's time zone and its rules: the system's IANA database
//! when `main` installed one ([`zone_db::install`](crate::zone_db::install)),
//! else the rules bundled at build time (chrono-tz) for that zone.
//!
//! A [`Zone`] is a [`chrono::TimeZone`], cheap to clone (one `Arc`), and
//! written in files as its IANA name, as before. The domain reads no file:
//! the database's bytes come through the loader `main` gives it.

use crate::zone_tzif::TzifRules;
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
    System(TzifRules),
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
        let rules = TzifRules::parse(bytes)?;
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
    fn system_type(rules: &TzifRules, unix: i64) -> tz::LocalTimeType {
        rules.type_at(unix)
    }

    fn offset(&self, kind: OffsetKind) -> ZoneOffset {
        ZoneOffset { zone: self.clone(), kind }
    }

    /// The instants whose wall clock reads `local` in a system zone. The
    /// offsets in force a day before and a day after are the candidates (no
    /// zone has changed its clock twice within two days); each is kept if it
    /// is the one in force at the instant it gives.
    fn system_local(&self, rules: &TzifRules, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        let reading = |candidate: tz::LocalTimeType| {
            let secs = i64::from(candidate.ut_offset());
            let at = Zone::system_type(rules, wall - secs);
            (i64::from(at.ut_offset()) == secs).then_some(at)
        };
        let system = |t| self.offset(OffsetKind::System(t));
        let (before, after) =
            (Zone::system_type(rules, wall - 86_400), Zone::system_type(rules, wall + 86_400));
        if before.ut_offset() == after.ut_offset() {
            return reading(before).map_or(LocalResult::None, |t| LocalResult::Single(system(t)));
        }
        // Around a change: the earlier instant is the one read with the
        // larger offset.
        let (early, late) = if before.ut_offset() > after.ut_offset() {
            (reading(before), reading(after))
        } else {
            (reading(after), reading(before))
        };
        match (early, late) {
            (Some(a), Some(b)) => LocalResult::Ambiguous(system(a), system(b)),
            (Some(t), None) | (None, Some(t)) => LocalResult::Single(system(t)),
            (None, None) => LocalResult::None,
        }
    }
}

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
