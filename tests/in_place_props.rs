//! A change made in place (`Desk::execute_in_place`, what the PostgreSQL
//! store runs so that a change does not copy the whole desk) must give the
//! same desk and answer as the same change made on a copy, leave the desk
//! untouched when refused, and be taken back byte for byte.
//!
//! Runs of random commands of every kind, accepted and refused, on a
//! generated desk that each accepted command moves on, with undos of the
//! last change (some still possible, some overtaken).

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use incidesk::domain::calendar_edit::CalendarEdit;
use incidesk::domain::undo::Undo;
use incidesk::domain::{
    Category, Closing, Command, ContactKind, Coverage, CustomerId, Decision, Desk, IncidentId, Instant,
    PackId, ProductId, Severity, SpecialDay, Zone,
};
use incidesk::generate;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn start() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

/// One step: which kind of command, and numbers that pick its targets and
/// texts from the desk as it is when the step runs.
#[derive(Debug, Clone)]
struct Step {
    kind: u8,
    picks: [usize; 3],
    text: &'static str,
    minutes_later: i64,
}

fn step() -> impl Strategy<Value = Step> {
    let text = prop::sample::select(vec!["", "  ", "Checked the relay logs", "x", "ORD-1", "ghost"]);
    (0u8..19, [any::<usize>(), any::<usize>(), any::<usize>()], text, 0i64..600)
        .prop_map(|(kind, picks, text, minutes_later)| Step { kind, picks, text, minutes_later })
}

fn nth<T: Copy>(items: &[T], pick: usize, none: T) -> T {
    if items.is_empty() { none } else { items[pick % items.len()] }
}

/// The command of a step on `desk`; `last` is the last accepted change's undo.
fn command(desk: &Desk, s: &Step, last: Option<&Undo>) -> Command {
    // Open incidents half the time: most changes are refused on closed ones.
    let open_only = s.picks[1].is_multiple_of(2) && s.kind != 15;
    let incidents: Vec<IncidentId> =
        desk.incidents.iter().filter(|i| !open_only || i.is_open()).map(|i| i.id).collect();
    // An id past the end now and then, so that "no such record" is tried too.
    let incident = if s.picks[2].is_multiple_of(11) {
        IncidentId(99_999)
    } else {
        nth(&incidents, s.picks[0], IncidentId(1))
    };
    let customers: Vec<CustomerId> = desk.customers.iter().map(|c| c.id).collect();
    let customer = nth(&customers, s.picks[1], CustomerId(1));
    let pack = desk.packs.get(s.picks[1] % desk.packs.len().max(1));
    let text = s.text.to_string();
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + TimeDelta::days((s.picks[2] % 500) as i64);
    match s.kind {
        0 => Command::AddCustomer { name: text, calendar: desk.customers[0].calendar.clone() },
        1 => Command::EditCalendar {
            customer,
            edit: CalendarEdit {
                time_zone: (s.picks[2].is_multiple_of(3)).then(|| Zone::named("Europe/Stockholm")).flatten(),
                hours: None,
                add: if s.picks[2].is_multiple_of(2) { vec![SpecialDay::Holiday(day)] } else { Vec::new() },
                remove: Vec::new(),
            },
            from: Some(day),
        },
        2 => Command::AddContact {
            customer,
            name: text.clone(),
            reach: text,
            on_duty_24x7: s.picks[2].is_multiple_of(2),
        },
        3 => Command::SetTaxExemption { customer, reference: text, received: day, expires: None },
        4 => {
            Command::AddProduct { name: text, mainstream_end: day, extended_end: day + TimeDelta::days(400) }
        }
        5 => Command::BuyPack {
            customer,
            account: pack.map_or(text.clone(), |p| p.owner.clone()),
            order_number: format!("ORD-{}", s.picks[2] % 50_000),
            purchased: Some(day),
        },
        6 => Command::TransferPack {
            pack: pack.map(|p| p.id).filter(|_| s.picks[2].is_multiple_of(2)),
            order_number: pack.map_or(text.clone(), |p| p.order_number.clone()),
            to: if text.trim().is_empty() { "new.owner@example.com".into() } else { text },
        },
        7 => Command::OpenIncident {
            customer: pack.map_or(customer, |p| p.customer),
            account: pack.map_or(text.clone(), |p| p.owner.clone()),
            product: nth(&desk.products.iter().map(|p| p.id).collect::<Vec<_>>(), s.picks[2], ProductId(1)),
            category: if s.picks[0].is_multiple_of(3) {
                Category::ALL[s.picks[0] % Category::ALL.len()]
            } else {
                Category::Support
            },
            severity: [Severity::A, Severity::B, Severity::C][s.picks[2] % 3],
            coverage: if s.picks[0].is_multiple_of(2) {
                Coverage::RoundTheClock
            } else {
                Coverage::BusinessHours
            },
            title: if s.picks[0].is_multiple_of(4) { text.clone() } else { format!("Mail stuck {text}") },
            problem: format!("{text} since the update"),
            agreed_with: String::new(),
            pack: pack
                .map(|p| p.id)
                .filter(|_| s.picks[2].is_multiple_of(5))
                .or(Some(PackId(99_999)).filter(|_| s.picks[2].is_multiple_of(13))),
        },
        8 => Command::Respond { incident, note: text },
        9 => Command::LogContact {
            incident,
            kind: ContactKind::Phone,
            minutes: (s.picks[2] % 200) as u32,
            note: text,
        },
        10 => Command::Propose { incident, text },
        11 => Command::ChangeSeverity {
            incident,
            to: [Severity::A, Severity::B, Severity::C][s.picks[2] % 3],
            reason: text,
        },
        12 => Command::Amend { incident, problem: format!("{text} and more"), reason: text },
        13 => Command::Split { incident, into: vec![text.clone(), format!("{text} too")] },
        14 => Command::Close {
            incident,
            how: [Closing::Resolved, Closing::Unresolved, Closing::Withdrawn][s.picks[2] % 3],
            note: text,
        },
        15 => Command::Bill {
            incident,
            decision: if s.picks[2].is_multiple_of(2) { Decision::Charge } else { Decision::Refund },
            reason: if s.picks[0].is_multiple_of(4) {
                text
            } else {
                "Configuration error on the customer's side".into()
            },
            product_defect: s.picks[1].is_multiple_of(2),
        },
        16 => Command::Assign { incident, engineer: text },
        _ => match last {
            Some(undo) => Command::Undo { undo: Box::new(undo.clone()) },
            None => Command::Respond { incident, note: text },
        },
    }
}

/// What a run did: the kinds of command accepted, and how many were refused.
struct Ran {
    accepted: std::collections::BTreeSet<u8>,
    refused: usize,
}

/// Runs `steps` on a generated desk, each in place and on a copy.
fn run(seed: u64, steps: &[Step]) -> Result<Ran, TestCaseError> {
    let mut desk = generate::desk(120, 12, seed, start());
    let mut now = start();
    let mut last: Option<Undo> = None;
    let mut ran = Ran { accepted: Default::default(), refused: 0 };
    for s in steps {
        now += TimeDelta::minutes(s.minutes_later);
        let cmd = command(&desk, s, last.as_ref());
        let mut on_copy = desk.clone();
        let expected = on_copy.execute_with_undo(cmd.clone(), now, "maja");
        let mut in_place = desk.clone();
        match (in_place.execute_in_place(cmd.clone(), now, "maja"), expected) {
            (Ok((outcome, undo, before)), Ok((want_outcome, want_undo))) => {
                prop_assert_eq!(&outcome, &want_outcome);
                prop_assert_eq!(&undo, &want_undo);
                prop_assert!(in_place == on_copy, "{:?} in place differs from on a copy", cmd);
                let mut back = in_place.clone();
                before.take_back(&mut back);
                prop_assert!(back == desk, "{:?} taken back is not the desk before it", cmd);
                ran.accepted.insert(s.kind);
                desk = in_place;
                last = undo;
            }
            (Err(refusal), Err(want)) => {
                prop_assert_eq!(&refusal, &want);
                prop_assert!(in_place == desk, "{:?} refused left the desk changed", cmd);
                ran.refused += 1;
            }
            (got, want) => {
                let (got, want) = (got.map(|g| g.0), want.map(|w| w.0));
                prop_assert!(false, "{:?}: in place {:?}, on a copy {:?}", cmd, got, want);
            }
        }
    }
    Ok(ran)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_change_made_in_place_is_the_change_made_on_a_copy_and_is_taken_back_exactly(
        seed in 1u64..1_000,
        steps in prop::collection::vec(step(), 1..60),
    ) {
        run(seed, &steps)?;
    }
}

/// The runs above are worth something only if most kinds of command get
/// accepted somewhere and refusals happen: a fixed long run shows it.
#[test]
fn a_long_run_accepts_most_kinds_of_command_and_refuses_some() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let steps = prop::collection::vec(step(), 600).new_tree(&mut runner).unwrap().current();
    let ran = run(7, &steps).unwrap();
    eprintln!("accepted {:?}, refused {}", ran.accepted, ran.refused);
    assert!(ran.accepted.len() == 19, "accepted only kinds {:?}", ran.accepted);
    assert!(ran.refused >= 30, "only {} refused", ran.refused);
}
