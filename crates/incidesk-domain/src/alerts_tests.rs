//! Alert points: worked examples, then properties over calendars, zones,
//! severities and instants.
use super::*;
use crate::calendar::WeeklyHours;
use crate::model::{Coverage, FirstResponse, SeverityChange};
use crate::sla::{is_open_at, local_to_instant, open_time_between};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use chrono_tz::Tz;
use proptest::prelude::*;

const SECOND: TimeDelta = TimeDelta::seconds(1);

/// An open incident, read as the data file holds one.
fn incident(severity: Severity, coverage: Coverage, submitted: Instant) -> Incident {
    let json = serde_json::json!({
        "id": "I-1", "title": "Mail flow stopped", "customer": "C-1", "product": "PR-1",
        "account": "ops@example.com", "pack": "P-1", "category": "support",
        "severity": severity, "coverage": coverage, "submitted": submitted, "engineer": "eng",
        "problem": {"text": "Mail flow stopped", "agreed_with": "Kim", "agreed_by": "eng", "agreed_at": submitted},
    });
    serde_json::from_value(json).expect("a valid incident")
}

fn sthlm(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    let local = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    local_to_instant(&Stockholm.into(), local)
}

fn points_of(plan: &[PlannedPoint]) -> Vec<AlertPoint> {
    plan.iter().map(|p| p.point).collect()
}

#[test]
fn the_default_points_of_a_24x7_incident() {
    let submitted = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let inc = incident(Severity::B, Coverage::RoundTheClock, submitted);
    let plan = plan(&inc, &Calendar::office(Stockholm), &DEFAULT_POINTS);
    assert_eq!(points_of(&plan), DEFAULT_POINTS.to_vec());
    let hours = |h: i64, m: i64| submitted + TimeDelta::hours(h) + TimeDelta::minutes(m);
    assert_eq!(plan[0].at, hours(2, 0), "half of 4 hours");
    assert!(plan[1].at > hours(3, 0) && plan[1].at < hours(3, 0) + SECOND, "at risk just after 3h used");
    assert_eq!(plan[2].at, hours(3, 45));
    assert!(plan[3].at >= hours(4, 0) && plan[3].at < hours(4, 0) + SECOND, "breached at the due time");
    let due = sla::due_time(submitted, Severity::B, Coverage::RoundTheClock, &Calendar::office(Stockholm))
        .expect("24x7 always has a due time");
    let breach = plan[3].at;
    assert_eq!(sla::countdown(&inc, &Calendar::office(Stockholm), breach).state, SlaState::Breached);
    assert!(breach == due || breach == due + TimeDelta::nanoseconds(1), "R8 says where a breach starts");
}

#[test]
fn business_hours_points_wait_over_the_weekend() {
    // A (2 h) submitted on Friday 15:30 in office hours: half used at 16:30,
    // a quarter left at the close (17:00), so at risk only when the clock
    // runs again on Monday; due Monday 08:30.
    let cal = Calendar::office(Stockholm);
    let inc = incident(Severity::A, Coverage::BusinessHours, sthlm(2026, 11, 27, 15, 30));
    let plan = plan(&inc, &cal, &DEFAULT_POINTS);
    assert_eq!(plan[0], PlannedPoint { at: sthlm(2026, 11, 27, 16, 30), point: AlertPoint::Used(50) });
    assert!(
        plan[1].at > sthlm(2026, 11, 30, 8, 0) && plan[1].at < sthlm(2026, 11, 30, 8, 1),
        "{}",
        plan[1].at
    );
    assert_eq!(plan[2].at, sthlm(2026, 11, 30, 8, 15));
    assert!(plan[3].at >= sthlm(2026, 11, 30, 8, 30) && plan[3].at < sthlm(2026, 11, 30, 8, 31));
    let saturday = alerts_at(&inc, &cal, &DEFAULT_POINTS, sthlm(2026, 11, 28, 12, 0));
    assert_eq!(points_of(&saturday.passed), vec![AlertPoint::Used(50)], "nothing passes at the weekend");
    assert_eq!(saturday.next.map(|p| p.point), Some(AlertPoint::AtRisk));
}

#[test]
fn at_risk_reached_at_a_close_comes_after_the_next_opening() {
    // C (8 h) submitted Monday 08:00: a quarter left (6 h used) at 14:00;
    // with hours 08:00-14:00 the clock stops right there, so R8 says at risk
    // only once it runs again on Tuesday.
    let cal = Calendar::new(Stockholm, WeeklyHours::parse_spec("mon-fri 08:00-14:00").unwrap(), vec![]);
    let inc = incident(Severity::C, Coverage::BusinessHours, sthlm(2026, 11, 30, 8, 0));
    let at_risk = plan(&inc, &cal, &[AlertPoint::AtRisk])[0].at;
    assert!(at_risk > sthlm(2026, 12, 1, 8, 0) && at_risk < sthlm(2026, 12, 1, 8, 1), "{at_risk}");
}

#[test]
fn a_first_response_or_closing_ends_every_point() {
    let submitted = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let cal = Calendar::office(Stockholm);
    let mut inc = incident(Severity::A, Coverage::RoundTheClock, submitted);
    inc.first_response =
        Some(FirstResponse { at: submitted + SECOND, by: "eng".into(), note: String::new() });
    assert!(plan(&inc, &cal, &DEFAULT_POINTS).is_empty());
    let mut closed = incident(Severity::A, Coverage::RoundTheClock, submitted);
    closed.closed = serde_json::from_value(serde_json::json!({
        "at": submitted, "by": "eng", "how": "withdrawn", "note": "gone"
    }))
    .ok();
    assert!(closed.closed.is_some());
    assert_eq!(
        alerts_at(&closed, &cal, &DEFAULT_POINTS, submitted + TimeDelta::days(1)),
        AlertsAt::default()
    );
}

#[test]
fn points_read_and_write_as_the_config_file_has_them() {
    for (text, point) in [
        ("50%", AlertPoint::Used(50)),
        ("at-risk", AlertPoint::AtRisk),
        ("15m", AlertPoint::Left(15)),
        ("1h30m", AlertPoint::Left(90)),
        ("2h", AlertPoint::Left(120)),
        ("breached", AlertPoint::Breached),
    ] {
        assert_eq!(text.parse::<AlertPoint>(), Ok(point));
        assert_eq!(point.to_string(), text);
    }
    for bad in ["0%", "101%", "soon", "", "15", "90s", "1x"] {
        let e = bad.parse::<AlertPoint>().unwrap_err();
        assert!(e.contains(bad), "{e}");
    }
    assert_eq!(parse_span("1h30m"), Ok(5400));
    assert!(parse_span("m").is_err());
}

#[test]
fn a_left_point_as_long_as_the_target_has_nothing_to_measure() {
    let inc =
        incident(Severity::A, Coverage::RoundTheClock, Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    let plan = plan(&inc, &Calendar::office(Stockholm), &[AlertPoint::Left(120), AlertPoint::Left(119)]);
    assert_eq!(points_of(&plan), vec![AlertPoint::Left(119)]);
}

#[test]
fn a_severity_may_have_points_of_its_own() {
    let mut points = AlertPoints::default();
    points.by_severity[0] = Some(vec![AlertPoint::Used(25), AlertPoint::Breached]);
    assert_eq!(points.for_severity(Severity::A), [AlertPoint::Used(25), AlertPoint::Breached]);
    assert_eq!(points.for_severity(Severity::B), DEFAULT_POINTS);
}

const ZONES: [Tz; 5] = [
    Stockholm,
    chrono_tz::America::New_York,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::UTC,
];

const HOURS: [&str; 5] = [
    "mon-fri 08:00-17:00",
    "mon-fri 08:00-12:00 13:00-17:00",
    "mon-sun 00:00-24:00",
    "tue 09:00-09:30; thu 22:00-24:00; fri 00:00-02:00",
    "sat-sun 10:00-14:00",
];

fn calendar() -> impl Strategy<Value = Calendar> {
    (
        prop::sample::select(ZONES.to_vec()),
        prop::sample::select(HOURS.to_vec()),
        prop::collection::vec(0i64..14, 0..3),
    )
        .prop_map(|(time_zone, spec, days)| {
            let first = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
            let holidays = days.into_iter().map(|d| first + TimeDelta::days(d)).collect();
            Calendar::new(time_zone, WeeklyHours::parse_spec(spec).unwrap(), holidays)
        })
}

/// A second in 2026 around the spring clock change (March 20 - April 6).
fn moment() -> impl Strategy<Value = Instant> {
    (1_773_964_800i64..1_775_433_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(Severity::ALL.to_vec())
}

fn point() -> impl Strategy<Value = AlertPoint> {
    prop_oneof![
        (1u8..=100).prop_map(AlertPoint::Used),
        Just(AlertPoint::AtRisk),
        (1u32..600).prop_map(AlertPoint::Left),
        Just(AlertPoint::Breached),
    ]
}

fn points() -> impl Strategy<Value = Vec<AlertPoint>> {
    prop::collection::vec(point(), 0..6)
}

proptest! {
    /// R5: on a business-hours clock no point passes inside paused time:
    /// the clock ran in the second before each one; and at an instant in a
    /// pause, exactly the points passed when it began have passed.
    #[test]
    fn no_point_passes_inside_paused_time(
        cal in calendar(), submitted in moment(), severity in severity(), points in points(), later in 0i64..10 * 86_400, back in 0i64..16 * 3600,
    ) {
        let inc = incident(severity, Coverage::BusinessHours, submitted);
        for p in plan(&inc, &cal, &points) {
            prop_assert!(open_time_between(&cal, p.at - SECOND, p.at) > TimeDelta::zero(), "{} at {} in a pause", p.point, p.at);
        }
        // Over a stretch of paused clock, nothing more passes.
        let now = submitted + TimeDelta::seconds(later);
        let earlier = now - TimeDelta::seconds(back);
        if open_time_between(&cal, earlier - SECOND, now).is_zero() {
            prop_assert!(!is_open_at(&cal, earlier));
            prop_assert_eq!(alerts_at(&inc, &cal, &points, earlier).passed, alerts_at(&inc, &cal, &points, now).passed);
        }
    }

    /// The points come in time order, the defaults in the order named
    /// (half used, at risk, 15m before due, breached), and what has passed
    /// only grows with time.
    #[test]
    fn points_come_in_order(
        cal in calendar(), submitted in moment(), severity in severity(), business in any::<bool>(),
        points in points(), a in 0i64..5 * 86_400, b in 0i64..5 * 86_400,
    ) {
        let coverage = if business { Coverage::BusinessHours } else { Coverage::RoundTheClock };
        let inc = incident(severity, coverage, submitted);
        let planned = plan(&inc, &cal, &points);
        prop_assert!(planned.windows(2).all(|w| w[0].at <= w[1].at));
        prop_assert_eq!(points_of(&plan(&inc, &cal, &DEFAULT_POINTS)), DEFAULT_POINTS.to_vec());
        let (early, late) = (submitted + TimeDelta::seconds(a.min(b)), submitted + TimeDelta::seconds(a.max(b)));
        let (before, after) = (alerts_at(&inc, &cal, &points, early), alerts_at(&inc, &cal, &points, late));
        prop_assert!(after.passed.starts_with(&before.passed));
        prop_assert_eq!(before.next, planned.get(before.passed.len()).copied());
    }

    /// R7: after a severity change the points are those of the new severity,
    /// counted from the original submission.
    #[test]
    fn a_severity_change_re_plans_the_points(
        cal in calendar(), submitted in moment(), from in severity(), to in severity(), business in any::<bool>(), changed_after in 0i64..3 * 3600,
    ) {
        let coverage = if business { Coverage::BusinessHours } else { Coverage::RoundTheClock };
        let mut inc = incident(from, coverage, submitted);
        let before = plan(&inc, &cal, &DEFAULT_POINTS);
        let at = submitted + TimeDelta::seconds(changed_after);
        inc.severity_changes.push(SeverityChange { at, by: "lead".into(), from, to, reason: "impact".into() });
        inc.severity = to;
        let after = plan(&inc, &cal, &DEFAULT_POINTS);
        prop_assert_eq!(&after, &plan(&incident(to, coverage, submitted), &cal, &DEFAULT_POINTS));
        prop_assert_eq!(from == to, before == after);
    }

    /// R8: none after the first response, whenever it came.
    #[test]
    fn no_point_after_the_first_response(
        cal in calendar(), submitted in moment(), severity in severity(), points in points(),
        responded in 0i64..86_400, later in 0i64..10 * 86_400,
    ) {
        let mut inc = incident(severity, Coverage::BusinessHours, submitted);
        let r = submitted + TimeDelta::seconds(responded);
        inc.first_response = Some(FirstResponse { at: r, by: "eng".into(), note: String::new() });
        prop_assert_eq!(alerts_at(&inc, &cal, &points, r + TimeDelta::seconds(later)), AlertsAt::default());
    }
}
