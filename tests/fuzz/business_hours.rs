//! The business-hours engine on any zone, random open periods, years of
//! holidays and instants from 1900 to 2100.

use super::*;

// ---------------------------------------------------------------------------
// Business hours

/// 1900-01-01 .. 2100-12-31 (UTC seconds).
pub const FROM_1900: i64 = -2_208_988_800;
pub const TO_2101: i64 = 4_133_980_800;

pub fn instant(secs: i64) -> Instant {
    DateTime::from_timestamp(secs, 0).unwrap()
}

pub fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
}

pub fn minute() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..=1440, Just(0), Just(1440), (0u16..=96).prop_map(|q| q * 15)]
}

/// Non-overlapping periods in order; sometimes the whole day, sometimes none.
pub fn periods() -> impl Strategy<Value = Vec<OpenPeriod>> {
    prop_oneof![
        3 => prop::collection::vec(minute(), 0..=8).prop_map(|mut cuts| {
            cuts.sort_unstable();
            cuts.dedup();
            cuts.chunks_exact(2).filter_map(|w| OpenPeriod::new(w[0], w[1]).ok()).collect()
        }),
        1 => Just(vec![OpenPeriod::new(0, 1440).unwrap()]),
        1 => Just(vec![]),
    ]
}

/// Weekly hours, possibly never open.
pub fn weekly_hours() -> impl Strategy<Value = WeeklyHours> {
    [periods(), periods(), periods(), periods(), periods(), periods(), periods()]
        .prop_map(|[mon, tue, wed, thu, fri, sat, sun]| WeeklyHours { mon, tue, wed, thu, fri, sat, sun })
}

/// Holidays around `at`: scattered ones, or a run of days (up to eleven
/// years, longer than the engine's search) closing the business.
pub fn holidays(at: Instant) -> impl Strategy<Value = Vec<NaiveDate>> {
    let day = at.date_naive();
    let scattered = prop::collection::vec(-400i64..4000, 0..300)
        .prop_map(move |v| v.into_iter().map(|d| day + TimeDelta::days(d)).collect::<Vec<_>>());
    let run = (-3i64..3, 0i64..4100)
        .prop_map(move |(start, len)| (0..len).map(|d| day + TimeDelta::days(start + d)).collect::<Vec<_>>());
    prop_oneof![3 => scattered, 1 => run]
}

#[derive(Debug, Clone)]
pub struct SlaCase {
    cal: Calendar,
    severity: Severity,
    coverage: Coverage,
    submitted: Instant,
    now: Instant,
    response: Option<Instant>,
    closed: Option<Instant>,
    from: Instant,
    to: Instant,
}

pub fn sla_case() -> impl Strategy<Value = SlaCase> {
    let near = || prop_oneof![-30 * 86_400i64..30 * 86_400, FROM_1900 - TO_2101..TO_2101 - FROM_1900];
    (FROM_1900..TO_2101, zone(), weekly_hours())
        .prop_flat_map(move |(submitted, time_zone, hours)| {
            let at = instant(submitted);
            (
                Just((submitted, time_zone, hours)),
                holidays(at),
                prop::sample::select(Severity::ALL.to_vec()),
                prop::sample::select(vec![Coverage::BusinessHours, Coverage::RoundTheClock]),
                (near(), prop::option::of(near()), prop::option::of(near()), near(), near()),
            )
        })
        .prop_map(|((submitted, time_zone, hours), holidays, severity, coverage, (n, r, c, a, b))| {
            let clamp = |s: i64| instant((submitted + s).clamp(FROM_1900, TO_2101));
            SlaCase {
                cal: Calendar::new(time_zone, hours, holidays),
                severity,
                coverage,
                submitted: instant(submitted),
                now: clamp(n),
                response: r.map(clamp),
                closed: c.map(clamp),
                from: clamp(a),
                to: clamp(b),
            }
        })
}

pub fn incident_of(case: &SlaCase) -> Incident {
    let mut d = SMALL_DESK.clone();
    let mut inc = d.incidents.remove(0);
    inc.severity = case.severity;
    inc.coverage = case.coverage;
    inc.submitted = case.submitted;
    inc.first_response = case.response.map(|at| FirstResponse { at, by: "e".into(), note: String::new() });
    inc.closed =
        case.closed.map(|at| Closed { how: Closing::Withdrawn, at, by: "e".into(), note: String::new() });
    inc
}

pub static SLA_SLOWEST_MS: AtomicU64 = AtomicU64::new(0);

/// Every engine function returns (so terminates) without panicking, with
/// answers that stay within their own definitions.
pub fn check_sla(case: &SlaCase) -> TestCaseResult {
    let started = Clock::now();
    let cal = &case.cal;
    let inc = incident_of(case);
    let due = sla::due_time(case.submitted, case.severity, case.coverage, cal);
    if let Some(due) = due {
        prop_assert!(due >= case.submitted + case.severity.target(), "due {due} before the 24x7 due time");
    } else {
        // R5: only a business-hours calendar too thin for the target gives none.
        prop_assert_eq!(case.coverage, Coverage::BusinessHours);
        prop_assert!(cal.validate(case.submitted).is_err(), "no due time from a calendar that validates");
    }
    let cd = sla::countdown(&inc, cal, case.now);
    prop_assert_eq!(cd.due, due);
    if let Some(t) = sla::next_visible_change(&inc, cal, case.now) {
        prop_assert!(t > case.now, "next change {t} not after now {}", case.now);
    }
    let open = sla::open_time_between(cal, case.from, case.to);
    prop_assert!(open >= TimeDelta::zero() && open <= (case.to - case.from).max(TimeDelta::zero()));
    if let Some(t) = sla::next_opening(cal, case.from) {
        prop_assert!(t >= case.from && sla::is_open_at(cal, t), "next opening {t} is not open");
    }
    let _ = sla::is_open_at(cal, case.to);
    let ms = started.elapsed().as_millis() as u64;
    SLA_SLOWEST_MS.fetch_max(ms, Ordering::Relaxed);
    Ok(())
}
