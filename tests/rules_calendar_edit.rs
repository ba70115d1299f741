//! R5 and R21: editing a calendar. An edit applies from its date (default
//! now); an incident keeps the calendar in force when it was submitted, so no
//! edit moves a due time already given; an edit whose result can't give the
//! longest target is refused naming its open time; history keeps the
//! calendar before and after.

mod common;

use chrono::{NaiveDate, TimeDelta};
use common::*;
use incidesk::domain::calendar_edit::CalendarEdit;
use incidesk::domain::*;

fn business_b(d: &mut Desk) -> IncidentId {
    match run(d, open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours)).subject {
        Subject::Incident(id) => id,
        other => panic!("{other}"),
    }
}

fn due(d: &Desk, id: IncidentId) -> Instant {
    let inc = d.incident(id).unwrap();
    let cal = d.customer(inc.customer).unwrap().calendar_of(inc);
    sla::due_time(inc.submitted, inc.severity, inc.coverage, cal).unwrap()
}

fn edit(hours: Option<&str>, add: &[&str], remove: &[&str], from: Option<NaiveDate>) -> Command {
    Command::EditCalendar {
        customer: CustomerId(1),
        edit: CalendarEdit {
            time_zone: None,
            hours: hours.map(|h| WeeklyHours::parse_spec(h).unwrap()),
            add: add.iter().map(|s| s.parse().unwrap()).collect(),
            remove: remove.iter().map(|s| s.parse().unwrap()).collect(),
        },
        from,
    }
}

#[test]
fn r5_an_edit_applies_from_its_date_and_moves_no_due_time_already_given() {
    let mut d = desk_on_stores();
    let earlier = business_b(&mut d);
    let due_before = due(&d, earlier);
    // Wednesday 10:00 Stockholm, B: due 14:00 the same day.
    run(&mut d, edit(Some("mon-fri 13:00-14:00"), &[], &[], None));
    assert_eq!(due(&d, earlier), due_before, "the incident keeps the calendar it was timed by");
    // Opened a minute after the edit: the new hours, 13:00-14:00 from Wednesday to Monday.
    let cmd = open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours);
    let later = match exec(&mut d, cmd, now() + TimeDelta::minutes(1), ENGINEER).unwrap().subject {
        Subject::Incident(id) => id,
        other => panic!("{other}"),
    };
    assert_eq!(due(&d, later), due_before + TimeDelta::days(5));
    let c = d.customer(CustomerId(1)).unwrap();
    assert_eq!(c.calendar_changes.len(), 1);
    assert!(c.calendar_changes[0].from > d.incident(earlier).unwrap().submitted);

    // From a later date: today is untouched, that date on has the holiday.
    run(&mut d, edit(None, &["2026-12-24"], &[], Some(date(2026, 12, 1))));
    let c = d.customer(CustomerId(1)).unwrap();
    assert_eq!(c.calendar_changes.len(), 2);
    assert!(!c.calendar_at(now() + TimeDelta::days(1)).is_holiday(date(2026, 12, 24)));
    let december = c.calendar_at(now() + TimeDelta::days(20));
    assert!(december.is_holiday(date(2026, 12, 24)));
    assert_eq!(december.hours.to_string(), "mon-fri 13:00-14:00", "an edit keeps what it doesn't change");
}

#[test]
fn r21_history_keeps_the_calendar_before_and_after() {
    let mut d = desk();
    run(&mut d, edit(None, &["*-12-25", "2026-12-24=08:00-12:00"], &[], None));
    let entry = d.history_of(Subject::Customer(CustomerId(1))).last().unwrap().clone();
    assert!(entry.what.starts_with("calendar changed from Wed 2026-11-18 10:00 CET (R5)"), "{}", entry.what);
    let change = entry.change.expect("before and after");
    assert_eq!(change.field, "calendar");
    assert_eq!(change.before, "mon-fri 08:00-17:00 (Europe/Stockholm); no holidays");
    assert_eq!(change.after, "mon-fri 08:00-17:00 (Europe/Stockholm); *-12-25, 2026-12-24=08:00-12:00");
}

#[test]
fn r5_an_edit_is_refused_when_the_result_has_too_little_open_time_or_names_what_isnt_there() {
    let mut d = desk();
    let r = refused(&mut d, edit(Some("mon 08:00-08:01"), &[], &[], None), Some(5));
    assert!(r.why.contains("only 0h 57m of open time"), "{r}");
    let r = refused(&mut d, edit(None, &[], &["2026-12-25"], None), Some(5));
    assert!(r.why.contains("'2026-12-25' is not in the calendar (it has: none)"), "{r}");
    let r = refused(&mut d, edit(None, &[], &[], None), None);
    assert!(r.why.contains("changes nothing"), "{r}");
    let r = refused(&mut d, edit(None, &["2026-12-24"], &[], Some(date(2026, 11, 1))), Some(5));
    assert!(r.why.contains("before today (2026-11-18)"), "{r}");
    let r = refused(&mut d, edit(Some("mon-fri 08:00-17:00"), &[], &[], None), None);
    assert!(r.why.contains("would stay as it is"), "{r}");
}

#[test]
fn r5_an_edit_reaches_the_versions_after_it() {
    let mut d = desk();
    run(&mut d, edit(Some("mon-fri 09:00-17:00"), &[], &[], Some(date(2027, 1, 1))));
    run(&mut d, edit(None, &["2027-06-06"], &[], None));
    let c = d.customer(CustomerId(1)).unwrap();
    assert_eq!(c.calendar_changes.len(), 2, "{:?}", c.calendar_changes);
    let next_year = &c.calendar_changes[1].calendar;
    assert!(next_year.is_holiday(date(2027, 6, 6)), "the holiday reaches next year's version");
    assert_eq!(next_year.hours.to_string(), "mon-fri 09:00-17:00");
}
