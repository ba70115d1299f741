//! Property tests of the SLA engine (R4, R5, R7, R8) through the library API.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Timelike};
use chrono_tz::Tz;
use incidesk::domain::{
    Calendar, Category, Closed, Closing, Coverage, CustomerId, Incident, IncidentId, Instant, OpenPeriod,
    PackId, ProblemStatement, ProductId, Severity, WeeklyHours, sla,
};
use proptest::prelude::*;

/// Zones with and without daylight saving, with half-hour and 45-minute
/// offsets, a half-hour DST shift (Lord Howe) and DST at midnight (Santiago).
const ZONES: [Tz; 10] = [
    chrono_tz::Europe::Stockholm,
    chrono_tz::America::New_York,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Adelaide,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::America::Santiago,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Pacific::Chatham,
    chrono_tz::America::St_Johns,
    chrono_tz::UTC,
];

const ONE_SECOND: TimeDelta = TimeDelta::seconds(1);

/// 2020-01-01T00:00:00Z .. 2036-01-01T00:00:00Z
const FROM_2020: i64 = 1_577_836_800;
const TO_2036: i64 = 2_082_758_400;

fn instant(secs: i64) -> Instant {
    DateTime::from_timestamp(secs, 0).unwrap()
}

/// A minute of the day, often on a quarter hour (where clocks change).
fn minute() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..=1440, (0u16..=96).prop_map(|q| q * 15)]
}

/// 0 to 3 periods in order, not overlapping.
fn day() -> impl Strategy<Value = Vec<OpenPeriod>> {
    prop::collection::vec(minute(), 0..=6).prop_map(|mut cuts| {
        cuts.sort_unstable();
        cuts.dedup();
        cuts.chunks_exact(2).map(|w| OpenPeriod::new(w[0], w[1]).unwrap()).collect()
    })
}

/// Weekly hours with at least one open period.
fn weekly_hours() -> impl Strategy<Value = WeeklyHours> {
    [day(), day(), day(), day(), day(), day(), day()].prop_map(|[mon, tue, wed, thu, fri, sat, sun]| {
        let mut hours = WeeklyHours { mon, tue, wed, thu, fri, sat, sun };
        if hours.weekly_minutes() == 0 {
            hours.wed.push(OpenPeriod::new(9 * 60, 12 * 60).unwrap());
        }
        hours
    })
}

/// The first change of `tz`'s UTC offset in the year after `secs`, if any.
fn next_transition(tz: Tz, secs: i64) -> Option<i64> {
    let offset = |s: i64| tz.offset_from_utc_datetime(&instant(s).naive_utc()).fix().local_minus_utc();
    let start = offset(secs);
    let mut hi = (1..=400).map(|d| secs + d * 86_400).find(|s| offset(*s) != start)?;
    let mut lo = hi - 86_400;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if offset(mid) == start {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// A submission instant in 2020-2035, half of the time within days of a
/// daylight-saving change of the zone.
fn submission(tz: Tz) -> impl Strategy<Value = Instant> {
    (FROM_2020..TO_2036, any::<bool>(), -3 * 86_400i64..86_400).prop_map(move |(secs, near_change, shift)| {
        let secs = match next_transition(tz, secs) {
            Some(t) if near_change => t + shift,
            _ => secs,
        };
        instant(secs)
    })
}

/// A calendar, and a submission instant: holidays fall on the days after
/// the submission, where they matter.
fn calendar_and_submission() -> impl Strategy<Value = (Calendar, Instant)> {
    prop::sample::select(ZONES.to_vec())
        .prop_flat_map(|tz| {
            (Just(tz), weekly_hours(), prop::collection::vec(-1i64..21, 0..6), submission(tz))
        })
        .prop_map(|(time_zone, hours, offsets, submitted)| {
            let date = submitted.with_timezone(&time_zone).date_naive();
            let holidays = offsets.into_iter().map(|d| date + TimeDelta::days(d)).collect();
            let mut cal = Calendar::new(time_zone, hours, holidays);
            // R5 refuses a calendar too thin for the longest target within
            // the search; these calendars are all usable.
            if cal.validate(submitted).is_err() {
                cal.hours.wed.retain(|p| p.close <= 9 * 60 || p.open >= 12 * 60);
                cal.hours.wed.push(OpenPeriod::new(9 * 60, 12 * 60).unwrap());
                cal.hours.wed.sort();
            }
            cal.validate(submitted).unwrap();
            (cal, submitted)
        })
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(Severity::ALL.to_vec())
}

fn coverage() -> impl Strategy<Value = Coverage> {
    prop::sample::select(vec![Coverage::BusinessHours, Coverage::RoundTheClock])
}

fn incident(severity: Severity, coverage: Coverage, submitted: Instant) -> Incident {
    Incident {
        id: IncidentId(1),
        title: "t".into(),
        customer: CustomerId(1),
        product: ProductId(1),
        account: "a".into(),
        pack: PackId(1),
        category: Category::Support,
        severity,
        coverage,
        submitted,
        engineer: "e".into(),
        problem: ProblemStatement {
            text: "p".into(),
            agreed_with: "c".into(),
            agreed_by: "e".into(),
            agreed_at: submitted,
            amendments: Vec::new(),
        },
        first_response: None,
        contacts: Vec::new(),
        proposals: Vec::new(),
        severity_changes: Vec::new(),
        breaches: Vec::new(),
        split_from: None,
        split_into: Vec::new(),
        closed: None,
        billing: None,
    }
}

/// Seconds up to three weeks.
fn offset() -> impl Strategy<Value = i64> {
    0i64..21 * 86_400
}

/// Zones that change their clocks, and one of their changes in 2020-2035.
fn clock_change() -> impl Strategy<Value = (Tz, i64)> {
    let zones: Vec<Tz> = ZONES.into_iter().filter(|tz| next_transition(*tz, FROM_2020).is_some()).collect();
    (prop::sample::select(zones), FROM_2020..TO_2036 - 400 * 86_400)
        .prop_map(|(tz, secs)| (tz, next_transition(tz, secs).unwrap()))
}

/// Independent of the library: the first whole minute, scanning from twelve
/// hours before `near`, at which the clock of `tz` reads `local` or later.
fn first_reading(tz: Tz, local: NaiveDateTime, near: i64) -> Instant {
    (0..=1440)
        .map(|m| instant(near - 12 * 3600 + m * 60))
        .find(|u| u.with_timezone(&tz).naive_local() >= local)
        .expect("within a day")
}

proptest! {
    /// R4/R5: a business-hours due time lies in open hours (or at a close),
    /// is never before the 24x7 due time, grows with the target, and exactly
    /// the target of open time passes between submission and due.
    #[test]
    fn r5_business_due_is_open_not_before_24x7_monotone_and_exact(
        (cal, submitted) in calendar_and_submission(),
    ) {
        let mut previous = submitted;
        for severity in Severity::ALL {
            let due = sla::due_time(submitted, severity, Coverage::BusinessHours, &cal).unwrap();
            let round = sla::due_time(submitted, severity, Coverage::RoundTheClock, &cal).unwrap();
            prop_assert_eq!(round, submitted + severity.target());
            prop_assert!(sla::is_open_at(&cal, due - ONE_SECOND), "{severity}: due {due} is in closed hours");
            prop_assert!(due >= round, "{severity}: business due {due} before 24x7 due {round}");
            prop_assert!(due >= previous, "{severity}: due {due} earlier than for a shorter target");
            prop_assert_eq!(sla::open_time_between(&cal, submitted, due), severity.target());
            prop_assert_eq!(sla::open_time_between(&cal, submitted, due - ONE_SECOND), severity.target() - ONE_SECOND);
            previous = due;
        }
    }

    /// R7: the due time depends on the submission and the current severity only.
    #[test]
    fn r7_countdown_due_is_due_time_of_current_severity(
        (cal, submitted) in calendar_and_submission(),
        severity in severity(),
        coverage in coverage(),
        later in offset(),
    ) {
        let inc = incident(severity, coverage, submitted);
        let now = submitted + TimeDelta::seconds(later);
        prop_assert_eq!(sla::countdown(&inc, &cal, now).due, sla::due_time(submitted, severity, coverage, &cal));
    }

    /// R5: a wall time near a clock change maps to the first instant at
    /// which the clock reads it or later (earliest when repeated, the end of
    /// the gap when skipped).
    #[test]
    fn r5_local_time_maps_to_first_instant_reading_it(
        (tz, change) in clock_change(),
        before in any::<bool>(),
        minutes in -180i64..180,
    ) {
        let side = if before { change - 1 } else { change };
        let wall = instant(side).with_timezone(&tz).naive_local();
        let local = wall.with_second(0).unwrap() + TimeDelta::minutes(minutes);
        prop_assert_eq!(sla::local_to_instant(&tz.into(), local), first_reading(tz, local, change));
    }

    /// R5: an open period around a clock change is open from the first
    /// instant the clock reads its opening to the first instant it reads its
    /// close, so it has its true real length.
    #[test]
    fn r5_period_around_a_clock_change_has_its_real_length(
        (tz, change) in clock_change(),
        open_shift in -12i64..12,
        length in 1i64..16,
        probe in -5 * 60i64..5 * 60,
    ) {
        // Quarter hours around the wall time of the change, within its date.
        let wall = instant(change).with_timezone(&tz).naive_local();
        let date = wall.date();
        let quarter = i64::from(wall.num_seconds_from_midnight() / 900);
        let open = (quarter + open_shift).clamp(0, 95);
        let close = (open + length).min(96);
        let period = OpenPeriod::new((open * 15) as u16, (close * 15) as u16).unwrap();
        let mut hours = WeeklyHours::default();
        hours.day_mut(date.weekday()).push(period);
        let cal = Calendar::new(tz, hours, Vec::new());
        let midnight = date.and_hms_opt(0, 0, 0).unwrap();
        let opens = first_reading(tz, midnight + TimeDelta::minutes(open * 15), change);
        let closes = first_reading(tz, midnight + TimeDelta::minutes(close * 15), change);
        let window = (instant(change - 2 * 86_400), instant(change + 2 * 86_400));
        prop_assert_eq!(sla::open_time_between(&cal, window.0, window.1), closes - opens);
        let t = instant(change + probe * 60);
        prop_assert_eq!(sla::is_open_at(&cal, t), opens <= t && t < closes, "at {}", t);
    }

    /// R5: open time is additive over adjacent intervals.
    #[test]
    fn r5_open_time_between_is_additive(
        (cal, a) in calendar_and_submission(),
        x in offset(),
        y in offset(),
    ) {
        let b = a + TimeDelta::seconds(x);
        let c = b + TimeDelta::seconds(y);
        let (ab, bc, ac) = (
            sla::open_time_between(&cal, a, b),
            sla::open_time_between(&cal, b, c),
            sla::open_time_between(&cal, a, c),
        );
        prop_assert_eq!(ac, ab + bc);
        prop_assert!(ab <= b - a && bc <= c - b);
        prop_assert_eq!(sla::open_time_between(&cal, c, a), TimeDelta::zero());
    }

    /// R5: `is_open_at` agrees with `open_time_between` (open periods start
    /// and end on whole seconds), and `next_opening` is the first open instant.
    #[test]
    fn r5_is_open_agrees_with_open_time_and_next_opening(
        (cal, t) in calendar_and_submission(),
    ) {
        let open = sla::is_open_at(&cal, t);
        let second = sla::open_time_between(&cal, t, t + ONE_SECOND);
        prop_assert_eq!(second, if open { ONE_SECOND } else { TimeDelta::zero() });
        let next = sla::next_opening(&cal, t).expect("a calendar with open hours opens");
        prop_assert!(sla::is_open_at(&cal, next));
        prop_assert!(next >= t);
        prop_assert_eq!(next == t, open);
        prop_assert_eq!(sla::open_time_between(&cal, t, next), TimeDelta::zero());
        if next > t {
            prop_assert!(!sla::is_open_at(&cal, next - ONE_SECOND));
        }
    }

    /// R5: at an instant whose local wall time happens only once (not in an
    /// hour repeated when clocks are turned back), the calendar is open
    /// exactly when that wall time is in an open period of its local date,
    /// and that date is not a holiday.
    #[test]
    fn r5_is_open_at_matches_the_wall_clock(
        (cal, submitted) in calendar_and_submission(),
        later in -86_400i64..4 * 86_400,
    ) {
        let t = submitted + TimeDelta::seconds(later);
        let wall = t.with_timezone(&cal.time_zone).naive_local();
        prop_assume!(matches!(cal.time_zone.from_local_datetime(&wall), chrono::LocalResult::Single(_)));
        let date = wall.date();
        let second = wall.num_seconds_from_midnight();
        let expected = !cal.holidays.contains(&date)
            && cal.hours.day(date.weekday()).iter().any(|p| {
                u32::from(p.open) * 60 <= second && second < u32::from(p.close) * 60
            });
        prop_assert_eq!(sla::is_open_at(&cal, t), expected, "at {} ({})", t, wall);
    }

    /// R8: the countdown's remaining time is the clock time to the due time
    /// (once past due, the real time overdue), its state follows from it, and
    /// it is paused exactly when a running business-hours clock is closed.
    #[test]
    fn r8_countdown_follows_the_clock(
        (cal, submitted) in calendar_and_submission(),
        severity in severity(),
        coverage in coverage(),
        later in -86_400i64..21 * 86_400,
    ) {
        let inc = incident(severity, coverage, submitted);
        let now = submitted + TimeDelta::seconds(later);
        let c = sla::countdown(&inc, &cal, now);
        let due = c.due.unwrap();
        let business = coverage == Coverage::BusinessHours;
        let expected = match (business, now <= due) {
            (true, true) => sla::open_time_between(&cal, now, due),
            _ => due - now,
        };
        prop_assert_eq!(c.remaining, expected);
        // R8: breached strictly after the due time.
        let state = if now > due {
            sla::SlaState::Breached
        } else if c.remaining * 4 < severity.target() {
            sla::SlaState::AtRisk
        } else {
            sla::SlaState::OnTrack
        };
        prop_assert_eq!(c.state, state);
        prop_assert_eq!(c.paused, business && now <= due && !sla::is_open_at(&cal, now));
        if business && now >= submitted && now <= due {
            prop_assert_eq!(c.remaining, severity.target() - sla::open_time_between(&cal, submitted, now));
        }
    }

    /// R8: nothing visible changes before `next_visible_change`, and
    /// something does at it.
    #[test]
    fn r8_next_visible_change_is_the_next_change(
        (cal, submitted) in calendar_and_submission(),
        severity in severity(),
        coverage in coverage(),
        later in offset(),
        closing in prop::option::of(offset()),
        step in 1i64..1_000_000,
    ) {
        let mut inc = incident(severity, coverage, submitted);
        inc.closed = closing.map(|s| Closed {
            how: Closing::Withdrawn,
            at: submitted + TimeDelta::seconds(s),
            by: "e".into(),
            note: String::new(),
        });
        let now = submitted + TimeDelta::seconds(later);
        let seen = |at| {
            let c = sla::countdown(&inc, &cal, at);
            (c.state, c.paused)
        };
        let here = seen(now);
        match sla::next_visible_change(&inc, &cal, now) {
            Some(next) => {
                prop_assert!(next > now);
                prop_assert_ne!(seen(next), here, "nothing changes at {}", next);
                prop_assert_eq!(seen(next - TimeDelta::nanoseconds(1)), here);
                let between = now + (next - now) / 2;
                prop_assert_eq!(seen(between), here);
                let stepped = now + TimeDelta::seconds(step);
                if stepped < next {
                    prop_assert_eq!(seen(stepped), here);
                }
            }
            None => {
                for days in [1, 7, 30, 400] {
                    prop_assert_eq!(seen(now + TimeDelta::days(days)), here);
                }
            }
        }
    }
}

/// R5: with every open day a holiday for longer than the search, there is no
/// due time, never a silent switch to elapsed (24x7) time; the calendar is
/// refused if entered, naming how much open time it has.
#[test]
fn r5_due_time_gives_up_after_the_search_and_never_runs_24x7() {
    let submitted = instant(FROM_2020);
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut cal = Calendar::office(chrono_tz::Europe::Stockholm);
    cal.holidays = (0..i64::from(sla::SEARCH_DAYS) + 30)
        .map(|d| first + TimeDelta::days(d))
        .filter(|d| d.weekday().num_days_from_monday() < 5)
        .collect();
    for severity in Severity::ALL {
        assert_eq!(sla::due_time(submitted, severity, Coverage::BusinessHours, &cal), None);
        let c = sla::countdown(&incident(severity, Coverage::BusinessHours, submitted), &cal, submitted);
        assert_eq!((c.state, c.due), (sla::SlaState::NoOpening, None));
    }
    let refused = cal.validate(submitted).unwrap_err().to_string();
    assert!(refused.contains("only 0h 00m of open time in the 399 days from 2020-01-01"), "{refused}");
    // After the holidays, the first Monday-to-Friday day opens again.
    let later = instant(FROM_2020 + 86_400 * (i64::from(sla::SEARCH_DAYS) + 40));
    assert!(sla::due_time(later, Severity::C, Coverage::BusinessHours, &cal).is_some());
}
