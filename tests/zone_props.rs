//! Issue 10: a zone read from the system's TZif file gives the same offsets,
//! local times, gaps and overlaps as the bundled rules of the same tzdata
//! version (so the desk's due times don't depend on which one it uses, only
//! on the rules' content). Runs where the machine's database is the bundled
//! version; elsewhere it says so and checks nothing.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use incidesk::domain::Zone;
use proptest::prelude::*;
use std::path::Path;

const ZONEINFO: &str = "/usr/share/zoneinfo";

/// The system's zone of that name, if its database is the bundled version.
fn system_zone(tz: Tz) -> Option<Zone> {
    let zi = std::fs::read_to_string(Path::new(ZONEINFO).join("tzdata.zi")).ok()?;
    let same = zi.lines().next()? == format!("# version {}", chrono_tz::IANA_TZDB_VERSION);
    let bytes = std::fs::read(Path::new(ZONEINFO).join(tz.name())).ok()?;
    same.then(|| Zone::from_tzif(tz.name(), &bytes)).flatten()
}

/// Zones named by a region: the old names without one (`WET`, `EST5EDT`)
/// became links in tzdata 2024b, which the bundled rules build differently.
fn regional_zones() -> Vec<Tz> {
    chrono_tz::TZ_VARIANTS.into_iter().filter(|tz| tz.name().contains('/')).collect()
}

fn utc<T: TimeZone>(r: LocalResult<DateTime<T>>) -> LocalResult<DateTime<Utc>> {
    r.map(|t| t.with_timezone(&Utc))
}

#[test]
fn the_machine_has_the_bundled_version_or_this_says_so() {
    if system_zone(chrono_tz::Europe::Stockholm).is_none() {
        eprintln!(
            "no {ZONEINFO} of tzdata {}: the TZif reading is checked by zone_rules.rs only",
            chrono_tz::IANA_TZDB_VERSION
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_system_zone_reads_every_instant_and_wall_time_as_the_bundled_one(
        tz in prop::sample::select(regional_zones()),
        secs in 0i64..4_102_444_800,
        shift in -2 * 86_400i64..2 * 86_400,
    ) {
        let Some(zone) = system_zone(tz) else { return Ok(()) };
        let at = DateTime::from_timestamp(secs, 0).unwrap();
        let (ours, theirs) = (at.with_timezone(&zone), at.with_timezone(&tz));
        prop_assert_eq!(ours.naive_local(), theirs.naive_local(), "{} at {}", tz, at);
        prop_assert_eq!(ours.format("%Z").to_string(), theirs.format("%Z").to_string().replace(":00", ""));
        // A wall time near the instant: the same single, ambiguous or missing reading.
        let local: NaiveDateTime = theirs.naive_local() + chrono::TimeDelta::seconds(shift);
        prop_assert_eq!(utc(zone.from_local_datetime(&local)), utc(tz.from_local_datetime(&local)), "{} {}", tz, local);
    }
}
