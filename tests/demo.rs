//! The bundled demo desk: built by replaying assets/demo.toml through
//! `Desk::execute`, it shows every state the desk knows, whatever the moment.
//!
//! Due times are not asserted: only structure and counts, and the R8 states of
//! 24x7 incidents, which run on elapsed time and so don't depend on the day.

use chrono::{NaiveDate, TimeZone, Utc};
use incidesk::demo::{self, DemoError};
use incidesk::domain::sla::{self, SlaState};
use incidesk::domain::{
    Billing, Closing, ContactKind, Coverage, Desk, Incident, Instant, Phase, Severity, Subject, TaxStatus,
};
use std::collections::HashSet;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Instant {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// A Wednesday morning in Europe.
fn wednesday() -> Instant {
    at(2026, 3, 11, 9, 30)
}

/// Moments across the week and the year, including daylight-saving changes
/// (Europe and the US change on different dates), a leap day and New Year.
fn moments() -> Vec<(&'static str, Instant)> {
    vec![
        ("wednesday morning", wednesday()),
        ("saturday night", at(2026, 3, 14, 22, 40)),
        ("sunday noon", at(2026, 3, 15, 12, 0)),
        ("monday early", at(2026, 3, 16, 6, 15)),
        ("monday evening in Tokyo", at(2026, 3, 16, 10, 5)),
        ("friday afternoon in New York", at(2026, 3, 20, 19, 45)),
        ("US daylight-saving day", at(2026, 3, 8, 7, 30)),
        ("EU daylight-saving day", at(2026, 3, 29, 1, 30)),
        ("leap day", at(2028, 2, 29, 23, 59)),
        ("new year", at(2026, 12, 31, 23, 30)),
        ("with seconds", Utc.timestamp_opt(1_780_000_123, 456_789).unwrap()),
    ]
}

fn build(now: Instant) -> Desk {
    demo::build(now).unwrap_or_else(|e| panic!("the demo desk must build at {now}: {e}"))
}

fn countdown(desk: &Desk, i: &Incident, now: Instant) -> sla::Countdown {
    let cal = &desk.customer(i.customer).expect("customer").calendar;
    sla::countdown(i, cal, now)
}

#[test]
fn the_scenario_file_is_bundled_and_parses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml");
    let text = std::fs::read_to_string(path).expect("assets/demo.toml exists");
    assert_eq!(text, demo::SCENARIO, "the binary embeds the file as it is");
    let value: toml::Value = toml::from_str(&text).expect("valid TOML");
    assert!(value.get("incidents").is_some());
    demo::build_from(&text, wednesday()).expect("builds");
}

#[test]
fn builds_at_any_moment() {
    for (name, now) in moments() {
        let desk = demo::build(now).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(desk.incidents.len() >= 25, "{name}");
        // The replay is deterministic.
        assert_eq!(desk, build(now), "{name}");
    }
}

#[test]
fn reference_data_covers_every_case() {
    for (name, now) in moments() {
        let desk = build(now);
        assert!(desk.customers.len() >= 3, "{name}");
        let zones: HashSet<_> = desk.customers.iter().map(|c| c.calendar.time_zone.name()).collect();
        assert!(zones.len() >= 3, "{name}: customers in different zones");
        assert!(desk.customers.iter().all(|c| !c.calendar.holidays.is_empty()));
        assert!(
            desk.customers.iter().any(|c| c.on_duty_contact().is_none()),
            "{name}: a customer without 24x7 contact"
        );
        assert!(desk.customers.iter().any(|c| c.on_duty_contact().is_some()));
        let tax: Vec<TaxStatus> =
            desk.customers.iter().map(|c| c.tax_status_on(desk.local_date(c.id, now))).collect();
        assert!(tax.contains(&TaxStatus::Valid), "{name}");
        assert!(tax.contains(&TaxStatus::Expired), "{name}");

        assert!(desk.products.len() >= 6, "{name}");
        let today = now.date_naive();
        let phases: Vec<Phase> = desk.products.iter().map(|p| p.phase_on(today)).collect();
        for phase in [Phase::Mainstream, Phase::Extended, Phase::Ended] {
            assert!(phases.contains(&phase), "{name}: a product in {phase}");
        }
        assert!(
            desk.products
                .iter()
                .any(|p| p.phase_on(today) == Phase::Extended && (p.extended_end - today).num_days() <= 7),
            "{name}: a product whose support ends in a few days"
        );
    }
}

#[test]
fn packs_cover_every_case() {
    for (name, now) in moments() {
        let desk = build(now);
        let local = |p: &incidesk::domain::Pack| desk.local_date(p.customer, now);
        assert!(
            desk.packs.iter().any(|p| p.remaining() == 5 && !p.is_expired_on(local(p))),
            "{name}: a fresh pack"
        );
        assert!(desk.packs.iter().any(|p| p.available_on(local(p)) == 1), "{name}: a nearly empty pack");
        assert!(
            desk.packs.iter().any(|p| {
                let days = (p.expires() - local(p)).num_days();
                !p.is_expired_on(local(p)) && days <= 30 && p.remaining() > 0
            }),
            "{name}: a pack expiring within 30 days with credits left"
        );
        assert!(
            desk.packs
                .iter()
                .any(|p| p.is_expired_on(local(p)) && p.remaining() > 0 && p.available_on(local(p)) == 0),
            "{name}: an expired pack with unused credits"
        );
        let transferred = desk
            .packs
            .iter()
            .find(|p| !p.transfers.is_empty())
            .unwrap_or_else(|| panic!("{name}: a transferred pack"));
        assert_ne!(transferred.owner, transferred.purchaser);
        assert!(
            desk.history_of(Subject::Pack(transferred.id))
                .any(|h| h.what.contains("transferred") && h.what.contains(&transferred.order_number)),
            "{name}: the transfer is in the pack's history"
        );
        // R14: every debit and refund is a ledger line, and no balance goes below zero.
        let debits: usize = desk
            .packs
            .iter()
            .map(|p| p.ledger.iter().filter(|l| l.kind == incidesk::domain::LedgerKind::Debit).count())
            .sum();
        assert_eq!(debits, desk.incidents.len(), "{name}: one debit per incident");
        // R17: the expired pack was used while it was valid.
        for p in &desk.packs {
            for line in &p.ledger {
                let date = desk.local_date(p.customer, line.at);
                if line.kind == incidesk::domain::LedgerKind::Debit {
                    assert!(!p.is_expired_on(date), "{name}: {} debited after expiry", p.id);
                }
            }
        }
    }
}

#[test]
fn incidents_cover_every_case() {
    for (name, now) in moments() {
        let desk = build(now);
        let incidents = &desk.incidents;
        assert!(incidents.len() >= 25, "{name}");
        for s in Severity::ALL {
            assert!(incidents.iter().any(|i| i.severity == s), "{name}: severity {s}");
        }
        for c in [Coverage::RoundTheClock, Coverage::BusinessHours] {
            assert!(incidents.iter().any(|i| i.coverage == c), "{name}: coverage {c}");
        }
        for how in [Closing::Resolved, Closing::Unresolved, Closing::Withdrawn] {
            assert!(
                incidents.iter().any(|i| i.closed.as_ref().is_some_and(|c| c.how == how)),
                "{name}: closed as {how}"
            );
        }
        assert!(
            incidents
                .iter()
                .filter(|i| i.closed.as_ref().is_some_and(|c| c.how == Closing::Resolved))
                .all(|i| !i.proposals.is_empty()),
            "{name}: R12"
        );
        let billing: Vec<Billing> = incidents.iter().map(Incident::billing_state).collect();
        for b in [Billing::Debited, Billing::Pending, Billing::Charged, Billing::Refunded] {
            assert!(billing.contains(&b), "{name}: billing {b}");
        }
        assert!(
            incidents.iter().any(|i| i.billing.as_ref().is_some_and(|b| b.product_defect)),
            "{name}: a product-defect refund"
        );
        assert!(
            incidents.iter().any(|i| i
                .billing
                .as_ref()
                .is_some_and(|b| b.decision == incidesk::domain::Decision::Charge)),
            "{name}: a charge decision"
        );
        assert!(
            incidents.iter().any(|i| i.is_open() && i.first_response.is_some()),
            "{name}: incidents being worked"
        );
        assert!(
            incidents
                .iter()
                .any(|i| i.is_open() && i.coverage == Coverage::BusinessHours && i.first_response.is_none()),
            "{name}: business-hours incidents waiting"
        );

        // R1: a split parent and its children, linked both ways.
        let parent = incidents
            .iter()
            .find(|i| i.split_into.len() >= 2)
            .unwrap_or_else(|| panic!("{name}: a split parent"));
        for child in &parent.split_into {
            let c = desk.incident(*child).expect("child exists");
            assert_eq!(c.split_from, Some(parent.id), "{name}");
            assert_eq!(c.customer, parent.customer);
        }

        assert!(incidents.iter().any(|i| !i.severity_changes.is_empty()), "{name}: R7");
        assert!(incidents.iter().any(|i| !i.breaches.is_empty()), "{name}: a recorded breach");
        assert!(incidents.iter().any(|i| !i.problem.amendments.is_empty()), "{name}: R3");
        let kinds: Vec<ContactKind> =
            incidents.iter().flat_map(|i| i.contacts.iter().map(|c| c.kind)).collect();
        for k in ContactKind::ALL {
            assert!(kinds.contains(&k), "{name}: a {k} contact");
        }
        assert!(incidents.iter().flat_map(|i| &i.contacts).all(|c| c.minutes > 0));
        let engineers: HashSet<&str> = incidents.iter().map(|i| i.engineer.as_str()).collect();
        assert!((3..=4).contains(&engineers.len()), "{name}: {engineers:?}");
        // Nothing happens after now.
        assert!(desk.history.iter().all(|h| h.at <= now), "{name}");
    }
}

#[test]
fn round_the_clock_incidents_show_every_countdown_state_at_any_moment() {
    for (name, now) in moments() {
        let desk = build(now);
        let states: HashSet<SlaState> = desk
            .incidents
            .iter()
            .filter(|i| i.coverage == Coverage::RoundTheClock)
            .map(|i| countdown(&desk, i, now).state)
            .collect();
        for s in [SlaState::Breached, SlaState::AtRisk, SlaState::OnTrack, SlaState::Met, SlaState::Missed] {
            assert!(states.contains(&s), "{name}: {s:?} in {states:?}");
        }
        // The breached one is an open severity A incident with no response.
        assert!(desk.incidents.iter().any(|i| i.is_open()
            && i.severity == Severity::A
            && i.coverage == Coverage::RoundTheClock
            && countdown(&desk, i, now).state == SlaState::Breached));
    }
}

#[test]
fn history_is_authentic() {
    let now = wednesday();
    let desk = build(now);
    let mut kinds = HashSet::new();
    for h in &desk.history {
        kinds.insert(match h.subject {
            Subject::Incident(_) => "incident",
            Subject::Pack(_) => "pack",
            Subject::Customer(_) => "customer",
            Subject::Product(_) => "product",
        });
        assert!(!h.who.is_empty());
    }
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    // Replayed in time order.
    assert!(desk.history.windows(2).all(|w| w[0].at <= w[1].at));
    // Years of work, not one instant.
    let first = desk.history.first().unwrap().at;
    assert!((now - first).num_days() > 365);
    // Every incident's story starts with its opening or its split.
    for i in &desk.incidents {
        let first = desk.history_of(Subject::Incident(i.id)).next().expect("history");
        assert_eq!(first.at, i.submitted, "{}", i.id);
    }
}

#[test]
fn long_ago_incidents_are_on_products_that_were_supported_then() {
    let now = wednesday();
    let desk = build(now);
    let ended: Vec<_> =
        desk.products.iter().filter(|p| p.phase_on(now.date_naive()) == Phase::Ended).collect();
    assert!(
        desk.incidents.iter().any(|i| ended.iter().any(|p| p.id == i.product)),
        "an incident from before the product's end"
    );
}

#[test]
fn a_scenario_that_breaks_a_rule_names_the_item() {
    // Northwind has nobody on duty round the clock (R6).
    let broken = demo::SCENARIO.replacen(
        "key = \"nw-os-dns\"\ncustomer = \"northwind\"\naccount = \"k.tanaka@northwindtraders.com\"\nproduct = \"os2022\"\nseverity = \"C\"\ncoverage = \"business\"",
        "key = \"nw-os-dns\"\ncustomer = \"northwind\"\naccount = \"k.tanaka@northwindtraders.com\"\nproduct = \"os2022\"\nseverity = \"C\"\ncoverage = \"24x7\"",
        1,
    );
    assert_ne!(broken, demo::SCENARIO);
    match demo::build_from(&broken, wednesday()) {
        Err(DemoError::Refused { item, refusal, .. }) => {
            assert!(item.contains("nw-os-dns"), "{item}");
            assert_eq!(refusal.rule.map(|r| r.0), Some(6));
        }
        other => panic!("expected an R6 refusal, got {other:?}"),
    }
}

const MINIMAL: &str = r#"
[desk]
opened = "-10d"
lead = "Ann"
engineers = ["Ann"]

[[customers]]
key = "c"
name = "C Ltd"
time_zone = "Europe/Stockholm"
hours = "mon-fri 08:00-17:00"

[[products]]
key = "p"
name = "Product"
mainstream_end = "+10d"
extended_end = "+20d"

[[packs]]
key = "k"
customer = "c"
account = "a@c"
order = "O-1"
purchased = "-5d"

[[incidents]]
key = "i"
customer = "c"
account = "a@c"
product = "p"
severity = "C"
coverage = "business"
engineer = "Ann"
submitted = "-1d"
title = "T"
problem = "P"
"#;

#[test]
fn scenario_mistakes_are_explained() {
    let now = wednesday();
    let desk = demo::build_from(MINIMAL, now).expect("minimal scenario builds");
    assert_eq!(desk.incidents.len(), 1);

    let err = |text: String| demo::build_from(&text, now).unwrap_err().to_string();

    let e = err(MINIMAL.replace("submitted = \"-1d\"", "submitted = \"1d\""));
    assert!(e.contains("incident 'i'") && e.contains("no sign"), "{e}");

    let e = err(MINIMAL.replace("purchased = \"-5d\"", "purchased = \"-5d3h\""));
    assert!(e.contains("pack 'k'") && e.contains("whole days"), "{e}");

    let e = err(MINIMAL.replace("product = \"p\"\nseverity", "product = \"nope\"\nseverity"));
    assert!(e.contains("no product 'nope'"), "{e}");

    let e = err(MINIMAL.replace("engineer = \"Ann\"", "engineer = \"Bob\""));
    assert!(e.contains("'Bob' is not one of the desk's engineers"), "{e}");

    let e = err(format!("{MINIMAL}\n[[incidents.events]]\nat = \"-2d\"\nrespond = \"x\"\n"));
    assert!(e.contains("before the incident was submitted"), "{e}");

    let e = err(format!("{MINIMAL}\n[[incidents.events]]\nat = \"-1h\"\nnote = \"x\"\n"));
    assert!(e.contains("names no action"), "{e}");

    let e = err(format!("{MINIMAL}\n[[incidents.events]]\nat = \"-1h\"\npropose = \"x\"\nreason = \"y\"\n"));
    assert!(e.contains("`reason` is not used by a 'propose' event"), "{e}");

    let e = err(format!("{MINIMAL}\n[[incidents.events]]\nat = \"-1h\"\nclose = \"resolved\"\n"));
    assert!(e.contains("event 1 (close)") && e.contains("R12"), "{e}");

    let e = err(MINIMAL.replace("time_zone = \"Europe/Stockholm\"", "time_zone = \"Mars/Olympus\""));
    assert!(e.contains("IANA"), "{e}");

    // A pack bought after the incident that needs it: the desk refuses (R16).
    let e = err(MINIMAL.replace("purchased = \"-5d\"", "purchased = \"0\""));
    assert!(e.contains("incident 'i' at -1d") && e.contains("R16"), "{e}");

    let e = err(MINIMAL.replace("title = \"T\"", "title = \"T\"\ncolour = \"red\""));
    assert!(e.contains("colour"), "{e}");
}

#[test]
fn dates_are_read_in_the_customers_zone() {
    // 23:30 UTC on 31 December is already 1 January in Tokyo: a pack bought
    // "-40d" then was bought on 22 November there (21 November in UTC).
    let now = at(2026, 12, 31, 23, 30);
    let desk = build(now);
    let tokyo = desk
        .customers
        .iter()
        .find(|c| c.calendar.time_zone == chrono_tz::Asia::Tokyo)
        .expect("a customer in Tokyo");
    assert_eq!(desk.local_date(tokyo.id, now), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    let bought: Vec<NaiveDate> = desk.packs_of(tokyo.id).map(|p| p.purchased).collect();
    assert!(bought.contains(&NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()), "{bought:?}");
}
