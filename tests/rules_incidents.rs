//! DOMAIN.md rules about incidents, by number.

mod common;

use chrono::{TimeDelta, TimeZone};
use chrono_tz::Europe::Stockholm;
use common::*;
use incidesk::domain::sla::{self, SlaState};
use incidesk::domain::*;

#[test]
fn r1_split_takes_a_credit_per_new_incident_and_links_back() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let before = remaining(&d, 2);
    let out = run(
        &mut d,
        Command::Split { incident: id, into: vec!["Calendar sync".into(), "Public folders".into()] },
    );
    assert_eq!(out.created.len(), 2);
    let kids: Vec<IncidentId> = d.incident(id).unwrap().split_into.clone();
    assert_eq!(kids.len(), 2);
    for k in &kids {
        let child = d.incident(*k).unwrap();
        assert_eq!(child.split_from, Some(id));
        assert_eq!(child.customer, CustomerId(1));
        assert!(child.is_open());
    }
    // R19 too: P-2 expires first, it pays until it is empty.
    assert_eq!(remaining(&d, 2), before - 2);
}

#[test]
fn r1_split_without_enough_credits_is_refused_and_changes_nothing() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    // alice has 4 + 5 = 9 credits left; ask for 10.
    let titles = (0..10).map(|i| format!("part {i}")).collect();
    let r = refused(&mut d, Command::Split { incident: id, into: titles }, Some(1));
    assert!(r.why.contains("needs 10 credits"), "{r}");
    refused(&mut d, Command::Split { incident: id, into: vec![] }, Some(1));
}

#[test]
fn r2_contacts_are_logged_and_never_change_the_charge() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let ledger = d.pack(PackId(2)).unwrap().ledger.clone();
    for (kind, minutes) in [(ContactKind::Phone, 30), (ContactKind::Research, 240), (ContactKind::Remote, 95)]
    {
        run(&mut d, Command::LogContact { incident: id, kind, minutes, note: format!("{kind} work") });
    }
    let inc = d.incident(id).unwrap();
    assert_eq!(inc.contacts.len(), 3);
    assert_eq!(inc.contacts[1].kind, ContactKind::Research);
    assert_eq!(inc.contacts[1].minutes, 240);
    assert_eq!(inc.contacts[1].engineer, ENGINEER);
    assert_eq!(d.pack(PackId(2)).unwrap().ledger, ledger, "time spent must not charge anything");
    refused(
        &mut d,
        Command::LogContact { incident: id, kind: ContactKind::Phone, minutes: 5, note: " ".into() },
        None,
    );
}

#[test]
fn r3_problem_statement_is_agreed_and_amended_with_a_reason() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let p = &d.incident(id).unwrap().problem;
    assert_eq!(p.agreed_with, "Anna Berg");
    assert_eq!(p.agreed_by, ENGINEER);
    assert_eq!(p.agreed_at, now());
    refused(&mut d, Command::Amend { incident: id, problem: "New text".into(), reason: "".into() }, None);
    run(
        &mut d,
        Command::Amend {
            incident: id,
            problem: "Only to external domains".into(),
            reason: "customer narrowed it".into(),
        },
    );
    let p = &d.incident(id).unwrap().problem;
    assert_eq!(p.current(), "Only to external domains");
    assert_eq!(p.text, "Outbound mail stays in the queue since the update.");
    assert!(d.history_of(Subject::Incident(id)).any(|h| h.what.contains("customer narrowed it")));
}

#[test]
fn r4_severity_sets_the_first_response_target() {
    assert_eq!(Severity::A.target(), TimeDelta::hours(2));
    assert_eq!(Severity::B.target(), TimeDelta::hours(4));
    assert_eq!(Severity::C.target(), TimeDelta::hours(8));
    let mut d = desk_on_stores();
    for sev in Severity::ALL {
        let out = run(&mut d, open_cmd(1, ALICE, sev, Coverage::RoundTheClock));
        let Subject::Incident(id) = out.subject else { panic!() };
        let inc = d.incident(id).unwrap();
        let cal = &d.customer(CustomerId(1)).unwrap().calendar;
        assert_eq!(sla::due_time(inc.submitted, inc.severity, inc.coverage, cal), Some(now() + sev.target()));
    }
}

#[test]
fn r5_business_hours_intake_shows_due_in_the_customers_zone() {
    let mut d = desk_on_stores();
    // Friday 15:30 Stockholm, severity B, Mon–Fri 08:00–17:00 → Monday 10:30.
    let friday = Stockholm.with_ymd_and_hms(2026, 11, 20, 15, 30, 0).unwrap().to_utc();
    let out =
        exec(&mut d, open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours), friday, ENGINEER).unwrap();
    assert!(out.message.contains("Mon 2026-11-23 10:30"), "{}", out.message);
}

#[test]
fn r6_24x7_needs_a_contact_on_duty() {
    let mut d = desk_on_stores();
    let r = refused(&mut d, open_cmd(2, FRANK, Severity::A, Coverage::RoundTheClock), Some(6));
    assert!(r.why.contains("round the clock"), "{r}");
    run(&mut d, open_cmd(2, FRANK, Severity::A, Coverage::BusinessHours));
    run(
        &mut d,
        Command::AddContact {
            customer: CustomerId(2),
            name: "Ops".into(),
            reach: "".into(),
            on_duty_24x7: true,
        },
    );
    run(&mut d, open_cmd(2, FRANK, Severity::A, Coverage::RoundTheClock));
}

#[test]
fn r7_severity_change_recomputes_from_submission_and_keeps_breaches() {
    let mut d = desk_on_stores();
    let id = open(&mut d); // B, 24x7: due now + 4h
    let cal = d.customer(CustomerId(1)).unwrap().calendar.clone();
    let later = now() + TimeDelta::hours(5);
    refused_at(
        &mut d,
        Command::ChangeSeverity { incident: id, to: Severity::C, reason: "".into() },
        None,
        later,
    );
    exec(
        &mut d,
        Command::ChangeSeverity { incident: id, to: Severity::C, reason: "workaround found".into() },
        later,
        "lead",
    )
    .unwrap();
    let inc = d.incident(id).unwrap();
    assert_eq!(inc.severity, Severity::C);
    assert_eq!(sla::countdown(inc, &cal, later).due, Some(now() + TimeDelta::hours(8)));
    assert_eq!(inc.breaches.len(), 1, "the breach of the 4h target stays recorded");
    assert_eq!(inc.breaches[0].due, now() + TimeDelta::hours(4));
    assert_eq!(inc.severity_changes[0].by, "lead");
    assert!(
        d.history_of(Subject::Incident(id)).any(|h| h.what.contains("workaround found") && h.who == "lead")
    );
    refused_at(
        &mut d,
        Command::ChangeSeverity { incident: id, to: Severity::C, reason: "again".into() },
        None,
        later,
    );
}

#[test]
fn r8_first_response_makes_the_countdown_met_or_missed() {
    let mut d = desk_on_stores();
    let cal = d.customer(CustomerId(1)).unwrap().calendar.clone();
    let on_time = open(&mut d);
    let late = open(&mut d);
    let inc = d.incident(on_time).unwrap();
    assert_eq!(sla::countdown(inc, &cal, now()).state, SlaState::OnTrack);
    assert_eq!(sla::countdown(inc, &cal, now() + TimeDelta::minutes(200)).state, SlaState::AtRisk);
    assert_eq!(sla::countdown(inc, &cal, now() + TimeDelta::minutes(241)).state, SlaState::Breached);
    let t = now() + TimeDelta::hours(1);
    exec(&mut d, Command::Respond { incident: on_time, note: "called back".into() }, t, ENGINEER).unwrap();
    let t = now() + TimeDelta::hours(5);
    exec(&mut d, Command::Respond { incident: late, note: "".into() }, t, ENGINEER).unwrap();
    let later = now() + TimeDelta::days(1);
    assert_eq!(sla::countdown(d.incident(on_time).unwrap(), &cal, later).state, SlaState::Met);
    assert_eq!(sla::countdown(d.incident(late).unwrap(), &cal, later).state, SlaState::Missed);
    refused_at(&mut d, Command::Respond { incident: late, note: "".into() }, Some(8), later);
}

#[test]
fn r9_ended_products_are_refused_naming_the_end_date() {
    let mut d = desk_on_stores();
    let today = date(2026, 11, 18);
    assert_eq!(d.product(ProductId(1)).unwrap().phase_on(today), Phase::Mainstream);
    assert_eq!(d.product(ProductId(2)).unwrap().phase_on(today), Phase::Extended);
    assert_eq!(d.product(ProductId(3)).unwrap().phase_on(today), Phase::Ended);
    let mut cmd = open_cmd(1, ALICE, Severity::C, Coverage::BusinessHours);
    if let Command::OpenIncident { product, .. } = &mut cmd {
        *product = ProductId(3);
    }
    let r = refused(&mut d, cmd.clone(), Some(9));
    assert!(r.why.contains("2026-07-14"), "{r}");
    if let Command::OpenIncident { product, .. } = &mut cmd {
        *product = ProductId(2);
    }
    run(&mut d, cmd); // extended support still takes incidents
    refused(
        &mut d,
        Command::AddProduct {
            name: "Bad".into(),
            mainstream_end: date(2030, 1, 1),
            extended_end: date(2029, 1, 1),
        },
        Some(9),
    );
}

fn with_category(category: Category) -> Command {
    let mut cmd = open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours);
    if let Command::OpenIncident { category: c, .. } = &mut cmd {
        *c = category;
    }
    cmd
}

#[test]
fn r10_out_of_scope_requests_are_refused_and_take_no_credit() {
    let mut d = desk_on_stores();
    for c in Category::ALL.into_iter().filter(|c| !matches!(c, Category::Support | Category::CardBilling)) {
        let r = refused(&mut d, with_category(c), Some(10));
        assert!(r.why.contains("out of scope"), "{r}");
    }
    assert_eq!(remaining(&d, 1) + remaining(&d, 2), 10);
}

#[test]
fn r11_card_billing_questions_cost_nothing() {
    let mut d = desk_on_stores();
    let r = refused(&mut d, with_category(Category::CardBilling), Some(11));
    assert!(r.why.contains("account portal"), "{r}");
    assert_eq!(remaining(&d, 2), 5);
}

#[test]
fn r12_resolved_needs_a_proposed_solution() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let r =
        refused(&mut d, Command::Close { incident: id, how: Closing::Resolved, note: "".into() }, Some(12));
    assert!(r.why.contains("propose"), "{r}");
    run(&mut d, Command::Propose { incident: id, text: "Restart the transport service".into() });
    run(&mut d, Command::Close { incident: id, how: Closing::Resolved, note: "confirmed".into() });
    assert_eq!(d.incident(id).unwrap().billing_state(), Billing::Charged);
    refused(&mut d, Command::Propose { incident: id, text: "too late".into() }, None);
}

#[test]
fn r13_unresolved_is_closed_and_waits_for_billing() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    run(
        &mut d,
        Command::Close { incident: id, how: Closing::Unresolved, note: "told the customer by phone".into() },
    );
    let inc = d.incident(id).unwrap();
    assert_eq!(inc.closed.as_ref().unwrap().how, Closing::Unresolved);
    assert_eq!(inc.billing_state(), Billing::Pending);
}

#[test]
fn r15_withdrawn_at_customer_request_waits_for_billing() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    run(&mut d, Command::Close { incident: id, how: Closing::Withdrawn, note: "customer fixed it".into() });
    assert_eq!(d.incident(id).unwrap().billing_state(), Billing::Pending);
    assert_eq!(d.incident(id).unwrap().status(), "withdrawn");
}

#[test]
fn r21_every_change_is_in_history_and_refusals_add_nothing() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let t = now() + TimeDelta::minutes(10);
    exec(&mut d, Command::Respond { incident: id, note: "hi".into() }, t, "sam").unwrap();
    let h: Vec<_> = d.history_of(Subject::Incident(id)).collect();
    assert_eq!(h.len(), 2);
    assert_eq!((h[1].at, h[1].who.as_str()), (t, "sam"));
    assert!(h[1].what.contains("first response"));
    assert!(d.history_of(Subject::Pack(PackId(2))).any(|h| h.what.contains(&id.to_string())));
    assert!(d.history_of(Subject::Customer(CustomerId(1))).count() >= 2);
    assert!(d.history_of(Subject::Product(ProductId(1))).count() == 1);
    let n = d.history.len();
    let _ = exec(&mut d, Command::Respond { incident: id, note: "again".into() }, t, "sam");
    assert_eq!(d.history.len(), n);
    let _ = exec(&mut d, Command::Respond { incident: id, note: "x".into() }, t, "  ");
    assert_eq!(d.history.len(), n);
}

#[test]
fn text_from_people_is_cleaned_where_it_enters() {
    let mut d = desk_on_stores();
    let mut cmd = open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours);
    if let Command::OpenIncident { title, .. } = &mut cmd {
        *title = "A\x1b]0;pwned\x07B\u{202e}C".into();
    }
    let Subject::Incident(id) = run(&mut d, cmd).subject else { panic!() };
    assert_eq!(d.incident(id).unwrap().title, "ABC");
}

#[test]
fn r1_split_applies_intake_rules_again() {
    let mut d = desk_on_stores();
    let out = exec(
        &mut d,
        {
            let mut c = open_cmd(1, ALICE, Severity::B, Coverage::BusinessHours);
            if let Command::OpenIncident { product, .. } = &mut c {
                *product = ProductId(2); // extended support ends 2027-01-01
            }
            c
        },
        now(),
        ENGINEER,
    )
    .unwrap();
    let Subject::Incident(id) = out.subject else { panic!() };
    let after_end = date(2027, 1, 2).and_hms_opt(12, 0, 0).unwrap().and_utc();
    let r =
        refused_at(&mut d, Command::Split { incident: id, into: vec!["part".into()] }, Some(9), after_end);
    assert!(r.why.contains("2027-01-01"), "{r}");
}

#[test]
fn r7_a_breach_is_recorded_once_however_often_severity_changes() {
    let mut d = desk_on_stores();
    let id = open(&mut d); // B, due in 4h
    let later = now() + TimeDelta::hours(5);
    for (to, why) in [(Severity::C, "lower"), (Severity::B, "raise"), (Severity::C, "lower again")] {
        exec(&mut d, Command::ChangeSeverity { incident: id, to, reason: why.into() }, later, ENGINEER)
            .unwrap();
    }
    assert_eq!(d.incident(id).unwrap().breaches.len(), 1);
}

#[test]
fn a_frozen_clock_before_submission_is_refused() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let before = now() - TimeDelta::hours(1);
    let r = refused_at(&mut d, Command::Respond { incident: id, note: "".into() }, None, before);
    assert!(r.why.contains("before I-1 was submitted"), "{r}");
}
