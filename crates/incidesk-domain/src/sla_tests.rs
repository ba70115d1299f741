//! Worked examples of the SLA engine, by rule.
use super::*;
use crate::calendar::WeeklyHours;
use crate::ids::{CustomerId, IncidentId, PackId, ProductId};
use crate::model::{Category, Closed, Closing, FirstResponse, ProblemStatement};
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Europe::Stockholm;

/// The due time of a calendar that gives one (most examples here).
fn due_time(submitted: Instant, severity: Severity, coverage: Coverage, cal: &Calendar) -> Instant {
    super::due_time(submitted, severity, coverage, cal).expect("this calendar gives a due time")
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

/// A Stockholm wall time as an instant.
fn sthlm(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    local_to_instant(&Stockholm.into(), local(y, m, d, h, min))
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    local(y, m, d, h, min).and_utc()
}

fn office() -> Calendar {
    Calendar::office(Stockholm)
}

fn hours(spec: &str) -> Calendar {
    Calendar::new(Stockholm, WeeklyHours::parse_spec(spec).unwrap(), Vec::new())
}

fn never_open() -> Calendar {
    Calendar::new(Stockholm, WeeklyHours::default(), Vec::new())
}

fn incident(severity: Severity, coverage: Coverage, submitted: Instant) -> Incident {
    Incident {
        id: IncidentId(1),
        title: "Mail flow stopped".into(),
        customer: CustomerId(1),
        product: ProductId(1),
        account: "ops@example.com".into(),
        pack: PackId(1),
        category: Category::Support,
        severity,
        coverage,
        submitted,
        engineer: "eng".into(),
        problem: ProblemStatement {
            text: "Mail flow stopped".into(),
            agreed_with: "Kim".into(),
            agreed_by: "eng".into(),
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

fn responded(mut inc: Incident, at: Instant) -> Incident {
    inc.first_response = Some(FirstResponse { at, by: "eng".into(), note: String::new() });
    inc
}

fn closed(mut inc: Incident, at: Instant) -> Incident {
    inc.closed = Some(Closed { how: Closing::Withdrawn, at, by: "eng".into(), note: String::new() });
    inc
}

const BUSINESS: Coverage = Coverage::BusinessHours;
const DAY_AND_NIGHT: Coverage = Coverage::RoundTheClock;

// 2026-03-06 is a Friday; 2026-03-29 and 2026-10-25 are the Sundays on
// which Stockholm's clocks go forward (02:00 -> 03:00) and back (03:00 -> 02:00).

#[test]
fn r4_targets_are_2_4_8_hours_on_the_24x7_clock() {
    let t = utc(2026, 3, 4, 10, 0);
    for (s, h) in [(Severity::A, 2), (Severity::B, 4), (Severity::C, 8)] {
        assert_eq!(due_time(t, s, DAY_AND_NIGHT, &office()), t + TimeDelta::hours(h));
    }
}

#[test]
fn r5_business_b_friday_1530_due_monday_1030() {
    let due = due_time(sthlm(2026, 3, 6, 15, 30), Severity::B, BUSINESS, &office());
    assert_eq!(due, sthlm(2026, 3, 9, 10, 30));
    assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-09T10:30:00+01:00");
}

#[test]
fn r5_24x7_a_spring_forward_0130_due_0430_local() {
    let submitted = sthlm(2026, 3, 29, 1, 30);
    let due = due_time(submitted, Severity::A, DAY_AND_NIGHT, &office());
    assert_eq!(due - submitted, TimeDelta::hours(2));
    assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-29T04:30:00+02:00");
}

#[test]
fn r5_24x7_a_autumn_fall_back_0130_due_0230_second_time_round() {
    let submitted = sthlm(2026, 10, 25, 1, 30);
    let due = due_time(submitted, Severity::A, DAY_AND_NIGHT, &office());
    assert_eq!(due - submitted, TimeDelta::hours(2));
    assert_eq!(due, utc(2026, 10, 25, 1, 30));
    assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-10-25T02:30:00+01:00");
}

#[test]
fn r5_business_submitted_saturday_clock_starts_monday_0800() {
    let sat = sthlm(2026, 3, 7, 11, 0);
    assert_eq!(due_time(sat, Severity::A, BUSINESS, &office()), sthlm(2026, 3, 9, 10, 0));
    assert_eq!(due_time(sat, Severity::C, BUSINESS, &office()), sthlm(2026, 3, 9, 16, 0));
    assert_eq!(next_opening(&office(), sat), Some(sthlm(2026, 3, 9, 8, 0)));
}

#[test]
fn r5_business_submitted_before_opening_starts_at_opening() {
    let early = sthlm(2026, 3, 4, 6, 0);
    assert_eq!(due_time(early, Severity::B, BUSINESS, &office()), sthlm(2026, 3, 4, 12, 0));
}

#[test]
fn r5_business_holiday_skipped() {
    let mut cal = office();
    cal.holidays.push(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    let due = due_time(sthlm(2026, 3, 6, 15, 30), Severity::B, BUSINESS, &cal);
    assert_eq!(due, sthlm(2026, 3, 10, 10, 30));
    assert!(!is_open_at(&cal, sthlm(2026, 3, 9, 12, 0)));
}

#[test]
fn r5_business_due_at_close_is_the_close_not_the_next_opening() {
    let due = due_time(sthlm(2026, 3, 6, 13, 0), Severity::B, BUSINESS, &office());
    assert_eq!(due, sthlm(2026, 3, 6, 17, 0));
}

#[test]
fn r5_business_two_periods_a_day_lunch_break() {
    let cal = hours("mon-fri 08:00-12:00 13:00-17:00");
    let mon = |h, m| sthlm(2026, 3, 9, h, m);
    assert_eq!(due_time(mon(10, 0), Severity::B, BUSINESS, &cal), mon(15, 0));
    // Lands on the lunch close: due at 12:00, not 13:00.
    assert_eq!(due_time(mon(10, 0), Severity::A, BUSINESS, &cal), mon(12, 0));
    // Submitted during lunch: starts at 13:00.
    assert_eq!(due_time(mon(12, 30), Severity::A, BUSINESS, &cal), mon(15, 0));
    assert_eq!(due_time(mon(10, 0), Severity::C, BUSINESS, &cal), sthlm(2026, 3, 10, 10, 0));
    assert!(!is_open_at(&cal, mon(12, 0)));
    assert!(is_open_at(&cal, mon(13, 0)));
    assert_eq!(open_time_between(&cal, mon(7, 0), mon(18, 0)), TimeDelta::hours(8));
}

#[test]
fn r5_business_period_containing_spring_jump_has_23_real_hours() {
    let cal = hours("mon-sun 00:00-24:00");
    let day = open_time_between(&cal, sthlm(2026, 3, 29, 0, 0), sthlm(2026, 3, 30, 0, 0));
    assert_eq!(day, TimeDelta::hours(23));
    let sun_only = hours("sun 00:00-24:00");
    let (sat, mon) = (sthlm(2026, 3, 28, 12, 0), sthlm(2026, 3, 30, 12, 0));
    assert_eq!(open_time_between(&sun_only, sat, mon), TimeDelta::hours(23));
    // C from Sunday 00:00 local: eight real hours, 09:00 on the summer clock.
    let due = due_time(sthlm(2026, 3, 29, 0, 0), Severity::C, BUSINESS, &sun_only);
    assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-03-29T09:00:00+02:00");
}

#[test]
fn r5_business_period_containing_autumn_jump_has_25_real_hours() {
    let cal = hours("sun 00:00-24:00");
    let day = open_time_between(&cal, sthlm(2026, 10, 24, 12, 0), sthlm(2026, 10, 26, 12, 0));
    assert_eq!(day, TimeDelta::hours(25));
    let period = hours("sun 01:00-04:00");
    let day = open_time_between(&period, sthlm(2026, 10, 24, 12, 0), sthlm(2026, 10, 26, 12, 0));
    assert_eq!(day, TimeDelta::hours(4));
    // C from 00:00 CEST: 8 real hours is 07:00 on the winter clock.
    let due = due_time(sthlm(2026, 10, 25, 0, 0), Severity::C, BUSINESS, &cal);
    assert_eq!(due.with_timezone(&Stockholm).to_rfc3339(), "2026-10-25T07:00:00+01:00");
}

#[test]
fn r5_wall_time_in_gap_maps_to_first_instant_after_it_and_ambiguous_to_earliest() {
    // 02:30 does not exist on 2026-03-29: the clock reads 03:00 CEST at 01:00 UTC.
    assert_eq!(sthlm(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0));
    assert_eq!(sthlm(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
    assert_eq!(sthlm(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
    // 02:30 happens twice on 2026-10-25: the first time, on the summer clock.
    assert_eq!(sthlm(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
    // A period opening in the gap opens when the gap ends; one inside it is empty.
    let cal = hours("sun 02:30-05:00");
    let sat = sthlm(2026, 3, 28, 12, 0);
    assert_eq!(next_opening(&cal, sat), Some(utc(2026, 3, 29, 1, 0)));
    assert_eq!(due_time(sat, Severity::A, BUSINESS, &cal), utc(2026, 3, 29, 3, 0));
    let in_gap = hours("sun 02:10-02:50");
    assert_eq!(open_time_between(&in_gap, sat, sthlm(2026, 3, 30, 0, 0)), TimeDelta::zero());
    assert_eq!(next_opening(&in_gap, sat), Some(sthlm(2026, 4, 5, 2, 10)));
}

#[test]
fn r5_gap_of_a_zone_with_half_hour_dst() {
    // Lord Howe Island goes from +10:30 to +11:00 at 02:00 local on 2026-10-04.
    let tz = chrono_tz::Australia::Lord_Howe;
    let gap_end = local(2026, 10, 4, 2, 30).and_utc() - TimeDelta::hours(11);
    assert_eq!(local_to_instant(&tz.into(), local(2026, 10, 4, 2, 10)), gap_end);
    assert_eq!(local_to_instant(&tz.into(), local(2026, 10, 4, 2, 30)), gap_end);
}

#[test]
fn r5_is_open_and_open_time_between() {
    let cal = office();
    assert!(is_open_at(&cal, sthlm(2026, 3, 6, 8, 0)));
    assert!(is_open_at(&cal, sthlm(2026, 3, 6, 16, 59)));
    assert!(!is_open_at(&cal, sthlm(2026, 3, 6, 17, 0)));
    assert!(!is_open_at(&cal, sthlm(2026, 3, 6, 7, 59)));
    assert!(!is_open_at(&cal, sthlm(2026, 3, 7, 12, 0)));
    let (fri, mon) = (sthlm(2026, 3, 6, 15, 30), sthlm(2026, 3, 9, 10, 30));
    assert_eq!(open_time_between(&cal, fri, mon), TimeDelta::hours(4));
    assert_eq!(open_time_between(&cal, mon, fri), TimeDelta::zero());
    assert_eq!(open_time_between(&cal, fri, fri), TimeDelta::zero());
    // A whole week: five days of nine hours.
    let week = open_time_between(&cal, sthlm(2026, 3, 2, 0, 0), sthlm(2026, 3, 9, 0, 0));
    assert_eq!(week, TimeDelta::hours(45));
}

#[test]
fn r7_severity_change_recomputes_from_original_submission() {
    let submitted = sthlm(2026, 3, 6, 15, 30);
    let mut inc = incident(Severity::B, BUSINESS, submitted);
    let now = sthlm(2026, 3, 9, 8, 15);
    assert_eq!(countdown(&inc, &office(), now).due, Some(sthlm(2026, 3, 9, 10, 30)));
    inc.severity = Severity::A;
    assert_eq!(countdown(&inc, &office(), now).due, Some(sthlm(2026, 3, 9, 8, 30)));
    assert_eq!(
        countdown(&inc, &office(), now).due,
        Some(due_time(submitted, Severity::A, BUSINESS, &office()))
    );
    inc.severity = Severity::C;
    assert_eq!(countdown(&inc, &office(), now).due, Some(sthlm(2026, 3, 9, 14, 30)));
}

#[test]
fn r8_on_track() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    let c = countdown(&inc, &office(), sthlm(2026, 3, 6, 16, 0));
    assert_eq!(c.state, SlaState::OnTrack);
    assert_eq!(c.remaining, TimeDelta::minutes(210));
    assert!(!c.paused);
}

#[test]
fn r8_at_risk_below_a_quarter_of_the_target() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    // Exactly a quarter (one hour) left is still on track.
    let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 9, 30));
    assert_eq!((c.state, c.remaining), (SlaState::OnTrack, TimeDelta::hours(1)));
    let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 9, 31));
    assert_eq!((c.state, c.remaining), (SlaState::AtRisk, TimeDelta::minutes(59)));
    let fast = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
    let c = countdown(&fast, &office(), utc(2026, 3, 7, 3, 40));
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::AtRisk, TimeDelta::minutes(20), false));
}

#[test]
fn r8_breached_counts_real_time_past_due_and_never_pauses() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    // At the due instant nothing is left, but it is not breached yet (R8).
    let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 10, 30));
    assert_eq!((c.state, c.remaining), (SlaState::AtRisk, TimeDelta::zero()));
    let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 10, 31));
    assert_eq!((c.state, c.remaining), (SlaState::Breached, -TimeDelta::minutes(1)));
    // Overnight the customer keeps waiting: overdue time is wall-clock time.
    let c = countdown(&inc, &office(), sthlm(2026, 3, 10, 8, 15));
    assert_eq!(
        (c.state, c.remaining, c.paused),
        (SlaState::Breached, -TimeDelta::minutes(21 * 60 + 45), false)
    );
    let c = countdown(&inc, &office(), sthlm(2026, 3, 9, 20, 0));
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::minutes(570), false));
    let fast = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
    let c = countdown(&fast, &office(), utc(2026, 3, 7, 5, 0));
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::hours(1), false));
}

#[test]
fn r8_met_and_missed() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    let later = sthlm(2026, 4, 1, 12, 0);
    let met = responded(inc.clone(), sthlm(2026, 3, 6, 16, 30));
    let c = countdown(&met, &office(), later);
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::Met, TimeDelta::hours(3), false));
    let on_the_dot = responded(inc.clone(), sthlm(2026, 3, 9, 10, 30));
    assert_eq!(countdown(&on_the_dot, &office(), later).state, SlaState::Met);
    let missed = responded(inc, sthlm(2026, 3, 9, 11, 0));
    let c = countdown(&missed, &office(), later);
    assert_eq!((c.state, c.remaining), (SlaState::Missed, -TimeDelta::minutes(30)));
    // A response on Saturday is never paused.
    let weekend =
        responded(incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30)), sthlm(2026, 3, 7, 9, 0));
    let c = countdown(&weekend, &office(), sthlm(2026, 3, 7, 10, 0));
    assert_eq!((c.state, c.paused), (SlaState::Met, false));
}

#[test]
fn r8_paused_outside_open_hours() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    let sat = countdown(&inc, &office(), sthlm(2026, 3, 7, 12, 0));
    assert_eq!((sat.state, sat.remaining, sat.paused), (SlaState::OnTrack, TimeDelta::minutes(150), true));
    // The clock does not run while paused.
    let sun = countdown(&inc, &office(), sthlm(2026, 3, 8, 23, 0));
    assert_eq!(sun.remaining, sat.remaining);
    assert!(!countdown(&inc, &office(), sthlm(2026, 3, 9, 8, 0)).paused);
    // A 24x7 clock is never paused.
    let round = incident(Severity::B, DAY_AND_NIGHT, sthlm(2026, 3, 6, 15, 30));
    assert!(!countdown(&round, &office(), sthlm(2026, 3, 7, 12, 0)).paused);
}

#[test]
fn r8_closed_without_response_freezes_the_clock_at_closing() {
    let inc = incident(Severity::B, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    let later = sthlm(2026, 4, 1, 12, 0);
    // Closed before due: stays as it was when closed, never breaches, not paused.
    let early = closed(inc.clone(), sthlm(2026, 3, 9, 9, 45));
    let c = countdown(&early, &office(), later);
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::AtRisk, TimeDelta::minutes(45), false));
    let c = countdown(&early, &office(), sthlm(2026, 3, 7, 12, 0));
    assert_eq!((c.state, c.paused), (SlaState::OnTrack, true), "before closing it ran as usual");
    // Closed after due: the breach stays.
    let late = closed(inc, sthlm(2026, 3, 9, 11, 0));
    let c = countdown(&late, &office(), later);
    assert_eq!((c.state, c.remaining, c.paused), (SlaState::Breached, -TimeDelta::minutes(30), false));
}

#[test]
fn r5_countdown_with_no_open_hours_does_not_hang_and_has_no_due_time() {
    let submitted = sthlm(2026, 3, 6, 15, 30);
    let inc = incident(Severity::B, BUSINESS, submitted);
    let cal = never_open();
    assert_eq!(super::due_time(submitted, Severity::B, BUSINESS, &cal), None, "never 24x7 in disguise");
    let c = countdown(&inc, &cal, submitted + TimeDelta::hours(5));
    assert_eq!(
        (c.state, c.due, c.remaining, c.paused),
        (SlaState::NoOpening, None, TimeDelta::zero(), false)
    );
    assert!(!is_open_at(&cal, submitted));
    assert_eq!(next_opening(&cal, submitted), None);
    assert_eq!(open_time_between(&cal, submitted, submitted + TimeDelta::days(30)), TimeDelta::zero());
    assert_eq!(next_visible_change(&inc, &cal, submitted), None);
    // Answering it records no verdict: nothing was promised.
    let answered = responded(inc, submitted + TimeDelta::hours(1));
    assert_eq!(countdown(&answered, &cal, submitted + TimeDelta::days(2)).state, SlaState::NoOpening);
}

#[test]
fn r5_holidays_past_the_search_give_no_due_time_never_an_earlier_24x7_one() {
    // Mondays only, every Monday a holiday for 60 weeks: on main severity C
    // came out due years before B through the 24x7 fallback.
    let mut cal = hours("mon 08:00-17:00");
    let first = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    cal.holidays = (0..60).map(|w| first + TimeDelta::weeks(w)).collect();
    let submitted = sthlm(2026, 3, 6, 15, 30);
    for s in Severity::ALL {
        assert_eq!(super::due_time(submitted, s, BUSINESS, &cal), None, "{s}");
        assert_eq!(countdown(&incident(s, BUSINESS, submitted), &cal, submitted).state, SlaState::NoOpening);
    }
    assert_eq!(
        super::due_time(submitted, Severity::A, DAY_AND_NIGHT, &cal),
        Some(submitted + TimeDelta::hours(2))
    );
    let refused = cal.validate(submitted).unwrap_err();
    assert_eq!(refused.part, "open hours and holidays");
    assert!(
        refused.problem.starts_with("only 0h 00m of open time in the 399 days from 2026-03-06"),
        "{refused}"
    );
    assert!(refused.instead.contains("--hours"), "{refused}");
    // With the holidays ending within the search, the due is the Monday after.
    cal.holidays.truncate(50);
    let due = due_time(submitted, Severity::A, BUSINESS, &cal);
    assert_eq!(
        due,
        local_to_instant(&Stockholm.into(), (first + TimeDelta::weeks(50)).and_hms_opt(10, 0, 0).unwrap())
    );
}

#[test]
fn r8_next_visible_change() {
    let submitted = sthlm(2026, 3, 6, 15, 30);
    let inc = incident(Severity::B, BUSINESS, submitted);
    let cal = office();
    let ns = TimeDelta::nanoseconds(1);
    // Open on Friday: it pauses at 17:00.
    assert_eq!(next_visible_change(&inc, &cal, submitted), Some(sthlm(2026, 3, 6, 17, 0)));
    // Paused at the weekend: it runs again on Monday 08:00.
    assert_eq!(next_visible_change(&inc, &cal, sthlm(2026, 3, 7, 12, 0)), Some(sthlm(2026, 3, 9, 8, 0)));
    // On Monday: at risk just after 09:30, breached just after 10:30.
    assert_eq!(next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 8, 0)), Some(sthlm(2026, 3, 9, 9, 30) + ns));
    assert_eq!(
        next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 9, 30) + ns),
        Some(sthlm(2026, 3, 9, 10, 30) + ns)
    );
    assert_eq!(
        next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 10, 30)),
        Some(sthlm(2026, 3, 9, 10, 30) + ns)
    );
    // Breached, nothing visible changes any more: a breach never pauses.
    assert_eq!(next_visible_change(&inc, &cal, sthlm(2026, 3, 9, 10, 30) + ns), None);
    // A quarter left exactly at a close: on Monday it runs again at 08:00,
    // and is at risk just after.
    let a = incident(Severity::A, BUSINESS, sthlm(2026, 3, 6, 15, 30));
    assert_eq!(next_visible_change(&a, &cal, submitted), Some(sthlm(2026, 3, 6, 17, 0)));
    let c = countdown(&a, &cal, sthlm(2026, 3, 6, 17, 0));
    assert_eq!((c.state, c.paused), (SlaState::OnTrack, true));
    assert_eq!(next_visible_change(&a, &cal, sthlm(2026, 3, 6, 17, 0)), Some(sthlm(2026, 3, 9, 8, 0)));
    assert_eq!(next_visible_change(&a, &cal, sthlm(2026, 3, 9, 8, 0)), Some(sthlm(2026, 3, 9, 8, 0) + ns));
    // Responded or closed: nothing changes any more.
    assert_eq!(next_visible_change(&responded(inc.clone(), submitted), &cal, submitted), None);
    let withdrawn = closed(inc, sthlm(2026, 3, 7, 10, 0));
    assert_eq!(next_visible_change(&withdrawn, &cal, sthlm(2026, 3, 7, 10, 0)), None);
    // Paused until it is closed on Saturday: the pause ends at closing.
    assert_eq!(
        next_visible_change(&withdrawn, &cal, sthlm(2026, 3, 7, 9, 0)),
        Some(sthlm(2026, 3, 7, 10, 0))
    );
    // 24x7: at risk just after three quarters, then breached.
    let round = incident(Severity::A, DAY_AND_NIGHT, utc(2026, 3, 7, 2, 0));
    assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 2, 0)), Some(utc(2026, 3, 7, 3, 30) + ns));
    assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 3, 45)), Some(utc(2026, 3, 7, 4, 0) + ns));
    assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 4, 0)), Some(utc(2026, 3, 7, 4, 0) + ns));
    assert_eq!(next_visible_change(&round, &cal, utc(2026, 3, 7, 4, 0) + ns), None);
}
