use super::*;
use chrono::{TimeZone, Utc};

fn system(name: &str) -> Option<Zone> {
    let dir = std::path::Path::new("/usr/share/zoneinfo");
    Zone::from_tzif(name, &std::fs::read(dir.join(name)).ok()?)
}

#[test]
fn a_zone_is_written_as_its_iana_name_and_read_back() {
    let zone = Zone::named("Europe/Stockholm").unwrap();
    let json = serde_json::to_string(&zone).unwrap();
    assert_eq!(json, "\"Europe/Stockholm\"");
    assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), zone);
    assert!(serde_json::from_str::<Zone>("\"Mars/Olympus\"").is_err());
    assert!(Zone::named("../../etc/passwd").is_none(), "a path is no zone name");
}

#[test]
fn a_tzif_file_gives_the_same_local_times_and_gaps_as_the_bundled_rules() {
    // Only where the machine has the database (the test of zic covers the rest).
    let Some(sys) = system("Europe/Stockholm") else { return };
    let bundled = Zone::bundled(chrono_tz::Europe::Stockholm);
    assert!(sys.is_system() && !bundled.is_system());
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
    for minute in (0..24 * 60).step_by(15) {
        let local = day.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
        let a = sys.from_local_datetime(&local).map(|t| t.with_timezone(&Utc));
        let b = bundled.from_local_datetime(&local).map(|t| t.with_timezone(&Utc));
        assert_eq!(a, b, "{local}");
    }
    let autumn = chrono::NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
    assert!(matches!(sys.from_local_datetime(&autumn), LocalResult::Ambiguous(..)));
    let at = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
    assert_eq!(at.with_timezone(&sys).format("%H:%M %Z").to_string(), "14:00 CEST");
}
