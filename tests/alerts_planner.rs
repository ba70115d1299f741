//! Issue 13: a watcher's alerts, through the planner the TUI and `watch` use.

mod common;

use chrono::TimeDelta;
use common::*;
use incidesk::alerts::{Alert, Planner};
use incidesk::domain::alerts::{AlertPoint, AlertPoints};
use incidesk::domain::{Command, Coverage, Desk, IncidentId, Severity, Subject};

fn planner() -> Planner {
    Planner::new(AlertPoints::default(), TimeDelta::minutes(10))
}

fn after(h: i64, m: i64) -> incidesk::domain::Instant {
    now() + TimeDelta::hours(h) + TimeDelta::minutes(m)
}

fn opened(d: &mut Desk, severity: Severity) -> IncidentId {
    match run(d, open_cmd(1, ALICE, severity, Coverage::RoundTheClock)).subject {
        Subject::Incident(id) => id,
        other => panic!("opened {other}"),
    }
}

fn points(alerts: &[Alert]) -> Vec<(IncidentId, AlertPoint, bool)> {
    alerts.iter().map(|a| (a.incident, a.point, a.rung)).collect()
}

#[test]
fn each_point_rings_once_in_the_order_it_passes() {
    let mut d = desk();
    let id = opened(&mut d, Severity::B);
    // A ring age longer than the steps of this test: it watches throughout.
    let mut p = Planner::new(AlertPoints::default(), TimeDelta::hours(3));
    assert!(p.tick(&d, 1, now()).is_empty());
    assert_eq!(p.next_at(), Some(after(2, 0)));
    let half = p.tick(&d, 1, after(2, 0));
    assert_eq!(points(&half), vec![(id, AlertPoint::Used(50), true)]);
    assert_eq!((half[0].customer.as_str(), half[0].severity), ("Contoso Ltd", Severity::B));
    assert_eq!(half[0].left, TimeDelta::hours(2));
    assert!(p.tick(&d, 1, after(2, 1)).is_empty(), "rung once");
    assert_eq!(
        points(&p.tick(&d, 1, after(3, 50))),
        vec![(id, AlertPoint::AtRisk, true), (id, AlertPoint::Left(15), true)]
    );
    let breached = p.tick(&d, 2, after(4, 5));
    assert_eq!(
        points(&breached),
        vec![(id, AlertPoint::Breached, true)],
        "a new generation rings nothing twice"
    );
    assert_eq!(breached[0].left, -TimeDelta::minutes(5));
    assert!(p.tick(&d, 3, after(9, 0)).is_empty());
}

#[test]
fn points_passed_before_watching_are_listed_and_only_recent_ones_rung() {
    let mut d = desk();
    let old = opened(&mut d, Severity::B);
    let mut p = planner();
    // Started 4 h 5 min after the incident came: breached 5 minutes ago
    // (rung), every earlier point long ago (not even listed).
    let first = p.tick(&d, 1, after(4, 5));
    assert_eq!(points(&first), vec![(old, AlertPoint::Breached, true)]);
    let mut p = planner();
    let first = p.tick(&d, 1, after(4, 30));
    assert_eq!(points(&first), vec![(old, AlertPoint::Breached, false)], "listed, not rung");
}

#[test]
fn a_gap_between_ticks_counts_as_not_watching() {
    let mut d = desk();
    let id = opened(&mut d, Severity::A);
    let mut p = planner();
    assert!(p.tick(&d, 1, now()).is_empty());
    // Asleep from here to 3 hours later: everything passed meanwhile.
    assert_eq!(points(&p.tick(&d, 1, after(3, 0))), vec![(id, AlertPoint::Breached, false)]);
}

#[test]
fn a_severity_change_re_plans_and_the_first_response_ends_the_alerts() {
    let mut d = desk();
    let id = opened(&mut d, Severity::C);
    let mut p = planner();
    assert!(p.tick(&d, 1, after(1, 0)).is_empty(), "C's half is at 4 h");
    // Raised to A at 1:10: A's half (1 h) has passed, so it rings now.
    let raise = Command::ChangeSeverity { incident: id, to: Severity::A, reason: "whole site down".into() };
    d.execute(raise, after(1, 10), ENGINEER).unwrap();
    assert_eq!(points(&p.tick(&d, 2, after(1, 10))), vec![(id, AlertPoint::Used(50), true)]);
    assert_eq!(p.next_at().map(|t| t > after(1, 30) && t < after(1, 31)), Some(true), "A's at risk");
    d.execute(Command::Respond { incident: id, note: "on it".into() }, after(1, 20), ENGINEER).unwrap();
    assert!(p.tick(&d, 3, after(9, 0)).is_empty());
    assert_eq!(p.next_at(), None);
}

#[test]
fn each_severity_may_have_its_own_points() {
    let mut d = desk();
    let a = opened(&mut d, Severity::A);
    let b = opened(&mut d, Severity::B);
    let mut points_by = AlertPoints::default();
    points_by.by_severity[0] = Some(vec![AlertPoint::Used(25)]);
    let mut p = Planner::new(points_by, TimeDelta::minutes(10));
    assert!(p.tick(&d, 1, now()).is_empty());
    assert_eq!(points(&p.tick(&d, 1, after(0, 30))), vec![(a, AlertPoint::Used(25), true)]);
    assert_eq!(points(&p.tick(&d, 1, after(2, 0))), vec![(b, AlertPoint::Used(50), true)]);
}
