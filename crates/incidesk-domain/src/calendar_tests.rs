//! The calendar's shapes (R5) through the engine: overnight periods,
//! exceptions, ranges and yearly holidays, and their refusals.
use super::*;
use crate::model::{Coverage, Instant, Severity};
use crate::sla::{self, is_open_at, local_to_instant, open_time_between};
use chrono::TimeDelta;
use chrono_tz::Europe::Stockholm;

fn sthlm(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    let local = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    local_to_instant(&Stockholm.into(), local)
}

fn cal(hours: &str, days: &[&str]) -> Calendar {
    Calendar::parse("Europe/Stockholm", hours, days).unwrap_or_else(|e| panic!("{hours} {days:?}: {e}"))
}

fn due(cal: &Calendar, at: Instant, s: Severity) -> Instant {
    sla::due_time(at, s, Coverage::BusinessHours, cal).expect("a due time")
}

#[test]
fn r5_overnight_period_runs_past_midnight_and_belongs_to_the_day_it_starts() {
    // Mon-Fri nights 22:00-06:00. Friday 2026-12-04 is a Friday.
    let c = cal("mon-fri 22:00-06:00", &[]);
    assert!(c.has_overnight());
    assert!(is_open_at(&c, sthlm(2026, 12, 5, 5, 59)), "Friday's night runs into Saturday");
    assert!(!is_open_at(&c, sthlm(2026, 12, 5, 6, 0)));
    assert!(!is_open_at(&c, sthlm(2026, 12, 6, 23, 0)), "no Sunday night");
    assert!(!is_open_at(&c, sthlm(2026, 12, 7, 3, 0)), "Monday 03:00 is Sunday's night: closed");
    // Submitted Thursday 23:00, a C (8 h) uses 7 h of Thursday's night, 1 h of Friday's.
    assert_eq!(due(&c, sthlm(2026, 12, 3, 23, 0), Severity::C), sthlm(2026, 12, 4, 23, 0));
    assert_eq!(
        open_time_between(&c, sthlm(2026, 12, 4, 12, 0), sthlm(2026, 12, 6, 12, 0)),
        TimeDelta::hours(8)
    );
}

#[test]
fn r5_an_overnight_period_runs_also_when_the_next_date_is_a_holiday() {
    let c = cal("mon-sun 20:00-02:00", &["2026-12-25"]);
    assert!(is_open_at(&c, sthlm(2026, 12, 25, 1, 0)), "the 24th's night runs into the holiday");
    assert!(!is_open_at(&c, sthlm(2026, 12, 25, 21, 0)), "the holiday's own night is closed");
    assert!(!is_open_at(&c, sthlm(2026, 12, 26, 1, 0)));
    assert!(is_open_at(&c, sthlm(2026, 12, 26, 20, 0)));
}

#[test]
fn r5_exceptions_ranges_and_yearly_holidays() {
    let c = cal(
        "mon-fri 08:00-17:00",
        &[
            "2026-12-24=08:00-12:00",
            "2026-12-31=closed",
            "2026-12-28..2026-12-30",
            "*-12-25",
            "2027-12-25=10:00-11:00",
        ],
    );
    // Thu 24 Dec: half day; Fri 25: yearly holiday; Mon 28 to Wed 30: range; Thu 31: closed.
    assert!(is_open_at(&c, sthlm(2026, 12, 24, 11, 59)) && !is_open_at(&c, sthlm(2026, 12, 24, 12, 0)));
    for d in [25, 28, 29, 30, 31] {
        assert!(!is_open_at(&c, sthlm(2026, 12, d, 10, 0)), "December {d}");
    }
    // Submitted 24 Dec 10:00, a B (4 h): 2 h that day, the rest on Fri 1 Jan 2027? No:
    // 1 Jan is a Friday with weekly hours, so due 1 Jan 10:00.
    assert_eq!(due(&c, sthlm(2026, 12, 24, 10, 0), Severity::B), sthlm(2027, 1, 1, 10, 0));
    // The yearly holiday recurs; an exception for a date beats it (it is Saturday anyway, so it opens).
    assert!(!is_open_at(&c, sthlm(2028, 12, 25, 10, 0)), "2028-12-25 is a Monday and a yearly holiday");
    assert!(
        is_open_at(&c, sthlm(2027, 12, 25, 10, 30)),
        "an exception opens a Saturday that is a yearly holiday"
    );
    assert_eq!(c.last_dated_day(), NaiveDate::from_ymd_opt(2027, 12, 25));
}

#[test]
fn r5_special_days_in_the_data_file_are_their_text_form_and_old_files_load() {
    let c = cal("mon-fri 08:00-17:00", &["2026-12-24", "*-12-25", "2026-12-31=closed"]);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["holidays"], serde_json::json!(["2026-12-24"]));
    assert_eq!(json["special_days"], serde_json::json!(["*-12-25", "2026-12-31=closed"]));
    assert_eq!(serde_json::from_value::<Calendar>(json).unwrap(), c);
    let old = serde_json::json!({ "time_zone": "Europe/Stockholm", "hours": { "mon": ["08:00-17:00"] }, "holidays": ["2026-12-24"] });
    let old: Calendar = serde_json::from_value(old).unwrap();
    assert!(old.special_days.is_empty());
    assert!(serde_json::to_value(&old).unwrap().get("special_days").is_none(), "written as before");
}

#[test]
fn r5_bad_calendars_name_the_part_and_what_to_write() {
    let err = |zone: &str, hours: &str, days: &[&str]| Calendar::parse(zone, hours, days).unwrap_err();
    let e = err("Europe/Stockhom", "mon 08:00-17:00", &[]);
    assert_eq!(e.part, "time zone");
    assert!(e.instead.contains("Europe/Stockholm"));
    assert!(
        err("europe/stockholm", "mon 08:00-17:00", &[]).instead.contains("did you mean Europe/Stockholm?")
    );
    let e = err("UTC", "mon 08:00-12:00 11:00-13:00", &[]);
    assert_eq!(e.part, "open hours");
    assert!(e.problem.contains("overlap"), "{e}");
    let e = err("UTC", "mon 08:00-08:00", &[]);
    assert!(e.problem.contains("empty"), "{e}");
    let e = err("UTC", "mon-fri 08:00-17:00", &["2026-12-24=08:00-12:00", "2026-12-24=closed"]);
    assert!(e.problem.contains("another exception"), "{e}");
    // An exception's night must not run into the next day's first period.
    let e = err("UTC", "mon-fri 08:00-17:00", &["2026-12-23=20:00-09:00"]);
    assert!(e.problem.contains("runs past midnight into 08:00-17:00 on 2026-12-24"), "{e}");
    // A weekly night running into an exception's morning.
    let e = err("UTC", "mon-fri 20:00-04:00", &["2026-12-24=03:00-05:00"]);
    assert!(e.problem.contains("on 2026-12-23 runs past midnight into 03:00-05:00 on 2026-12-24"), "{e}");
    let e = err("UTC", "mon-fri 08:00-17:00", &["2026-02-29"]);
    assert!(e.problem.contains("February 2026 has 28 days"), "{e}");
}

#[test]
fn r5_adding_and_removing_special_days_keeps_one_sorted_list_each() {
    let mut c = cal("mon-fri 08:00-17:00", &[]);
    c.add_special("2026-12-26".parse().unwrap());
    c.add_special("2026-12-24".parse().unwrap());
    c.add_special("2026-12-24".parse().unwrap());
    c.add_special("*-01-01".parse().unwrap());
    assert_eq!(c.special_days_text(), ["2026-12-24", "2026-12-26", "*-01-01"]);
    assert!(c.remove_special(&"*-01-01".parse().unwrap()));
    assert!(!c.remove_special(&"*-01-01".parse().unwrap()));
    assert_eq!(c.special_days_text(), ["2026-12-24", "2026-12-26"]);
}
