//! R8: one definition of breached (strictly after due) on every surface, and
//! a first-response outcome that is fixed when the response is recorded.

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use common::*;
use incidesk::domain::sla::{self, SlaState};
use incidesk::domain::*;

fn run_at(d: &mut Desk, cmd: Command, at: DateTime<Utc>) -> Outcome {
    d.execute(cmd.clone(), at, ENGINEER).unwrap_or_else(|r| panic!("{cmd:?} refused: {r}"))
}

/// A 24x7 severity-B incident opened at `now()`: due four hours later.
fn opened() -> (Desk, IncidentId, DateTime<Utc>) {
    let mut d = desk();
    let id = open(&mut d);
    (d, id, now() + Severity::B.target())
}

/// A 24x7 incident of `severity` opened at `now()`.
fn opened_with(severity: Severity) -> (Desk, IncidentId) {
    let mut d = desk();
    match run(&mut d, open_cmd(1, ALICE, severity, Coverage::RoundTheClock)).subject {
        Subject::Incident(id) => (d, id),
        other => panic!("{other}"),
    }
}

fn countdown(d: &Desk, id: IncidentId, at: DateTime<Utc>) -> sla::Countdown {
    let inc = d.incident(id).unwrap();
    sla::countdown(inc, &d.customer(inc.customer).unwrap().calendar, at)
}

#[test]
fn at_the_due_instant_the_countdown_is_at_risk_with_nothing_left() {
    let (d, id, due) = opened();
    let c = countdown(&d, id, due);
    assert_eq!((c.state, c.remaining), (SlaState::AtRisk, TimeDelta::zero()));
    let c = countdown(&d, id, due + TimeDelta::seconds(1));
    assert_eq!(c.state, SlaState::Breached);
}

#[test]
fn a_response_at_the_due_instant_is_met_everywhere() {
    let (mut d, id, due) = opened();
    let out = run_at(&mut d, Command::Respond { incident: id, note: "on it".into() }, due);
    assert!(out.message.contains("met"), "{}", out.message);
    assert_eq!(countdown(&d, id, due + TimeDelta::hours(1)).state, SlaState::Met);
}

#[test]
fn a_severity_change_at_the_due_instant_records_no_breach() {
    let (mut d, id, due) = opened();
    let cmd = Command::ChangeSeverity { incident: id, to: Severity::C, reason: "less urgent".into() };
    run_at(&mut d, cmd, due);
    assert!(d.incident(id).unwrap().breaches.is_empty(), "not yet breached at the due instant");
    let (mut d, id, due) = opened();
    let cmd = Command::ChangeSeverity { incident: id, to: Severity::C, reason: "less urgent".into() };
    run_at(&mut d, cmd, due + TimeDelta::seconds(1));
    assert_eq!(d.incident(id).unwrap().breaches.len(), 1, "breached one second after due");
}

#[test]
fn the_board_counts_no_breach_at_the_due_instant() {
    let (d, _, due) = opened();
    let at_due = report::report(&d, due);
    let b = at_due.severities.iter().find(|(s, _)| *s == Severity::B).unwrap().1.clone();
    assert_eq!((b.breached, b.at_risk), (0, 1));
    let after = report::report(&d, due + TimeDelta::seconds(1));
    let b = after.severities.iter().find(|(s, _)| *s == Severity::B).unwrap().1.clone();
    assert_eq!(b.breached, 1);
}

#[test]
fn the_state_changes_to_breached_just_after_the_due_instant() {
    let (d, id, due) = opened();
    let inc = d.incident(id).unwrap();
    let cal = &d.customer(inc.customer).unwrap().calendar;
    let change = sla::next_visible_change(inc, cal, due).expect("a breach is coming");
    assert!(change > due && change <= due + TimeDelta::seconds(1), "{change} vs due {due}");
    assert!(sla::is_breached(due, change) && !sla::is_breached(due, due));
}

#[test]
fn a_severity_raised_after_a_timely_response_keeps_met() {
    let (mut d, id) = opened_with(Severity::C);
    // Answered after five hours: in time for C (8 h), late for A (2 h).
    let answered = now() + TimeDelta::hours(5);
    run_at(&mut d, Command::Respond { incident: id, note: "looking".into() }, answered);
    let raised = answered + TimeDelta::hours(1);
    let cmd = Command::ChangeSeverity { incident: id, to: Severity::A, reason: "site down".into() };
    run_at(&mut d, cmd, raised);
    let c = countdown(&d, id, raised + TimeDelta::hours(1));
    assert_eq!(c.state, SlaState::Met, "the verdict was given when the response was recorded");
    assert_eq!(c.due, Some(now() + Severity::C.target()), "judged against the target in force then");
    assert_eq!(c.remaining, TimeDelta::hours(3));
}

#[test]
fn a_severity_lowered_after_a_late_response_keeps_missed() {
    let (mut d, id) = opened_with(Severity::A);
    let answered = now() + TimeDelta::hours(3);
    run_at(&mut d, Command::Respond { incident: id, note: "looking".into() }, answered);
    let cmd = Command::ChangeSeverity { incident: id, to: Severity::C, reason: "workaround".into() };
    run_at(&mut d, cmd, answered + TimeDelta::minutes(10));
    assert_eq!(countdown(&d, id, answered + TimeDelta::hours(1)).state, SlaState::Missed);
}
