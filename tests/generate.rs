//! The generated desk (issue 5): deterministic, consistent for the store, and
//! true to the rules of the domain, with every state a desk can hold.

use chrono::{TimeZone, Utc};
use incidesk::domain::sla::{self, SlaState};
use incidesk::domain::{
    Billing, Closing, ContactKind, Coverage, Decision, Desk, Instant, LedgerKind, Pack, Phase, Severity,
    Subject, TaxStatus,
};
use incidesk::generate;
use incidesk::store::validate;
use std::collections::HashSet;
use std::process::Command;

/// A Wednesday morning in Europe (night in New York).
fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

fn desk() -> Desk {
    generate::desk(1000, generate::default_customers(1000), 7, now())
}

fn bytes(d: &Desk) -> Vec<u8> {
    serde_json::to_vec_pretty(d).unwrap()
}

#[test]
fn same_seed_same_desk_other_seed_other_desk() {
    let a = generate::desk(300, 8, 1, now());
    let b = generate::desk(300, 8, 1, now());
    assert_eq!(bytes(&a), bytes(&b));
    let c = generate::desk(300, 8, 2, now());
    assert_ne!(bytes(&a), bytes(&c));
    assert_eq!((a.incidents.len(), a.customers.len()), (300, 8));
}

#[test]
fn the_store_finds_no_problem() {
    let d = desk();
    assert_eq!(d.incidents.len(), 1000);
    let problems = validate::problems(&d);
    assert!(problems.is_empty(), "{:#?}", &problems[..problems.len().min(10)]);
    assert!(d.history.windows(2).all(|w| w[0].at <= w[1].at), "history is in time order");
}

#[test]
fn covers_every_state_the_desk_can_hold() {
    let d = desk();
    let now = now();
    let incs = &d.incidents;
    let set = |f: &dyn Fn(&incidesk::domain::Incident) -> Option<String>| -> HashSet<String> {
        incs.iter().filter_map(f).collect()
    };
    assert_eq!(set(&|i| Some(i.severity.to_string())).len(), 3);
    assert_eq!(set(&|i| Some(i.coverage.to_string())).len(), 2);
    assert_eq!(set(&|i| i.closed.as_ref().map(|c| c.how.to_string())).len(), 3);
    assert_eq!(set(&|i| Some(i.billing_state().to_string())).len(), 4);
    assert_eq!(set(&|i| Some(i.status().to_string())).len(), 5, "new, working and every closing");
    let states: HashSet<(SlaState, bool)> = incs
        .iter()
        .filter(|i| i.is_open())
        .map(|i| {
            let cd = sla::countdown(i, &d.customer(i.customer).unwrap().calendar, now);
            (cd.state, cd.paused)
        })
        .collect();
    for s in [SlaState::OnTrack, SlaState::AtRisk, SlaState::Breached, SlaState::Met, SlaState::Missed] {
        assert!(states.iter().any(|(x, _)| *x == s), "an open incident {s:?}: {states:?}");
    }
    assert!(states.iter().any(|(_, paused)| *paused), "a paused countdown");
    let open = incs.iter().filter(|i| i.is_open()).count();
    assert!((10..=100).contains(&open), "a few per cent open: {open}");

    let kinds: HashSet<&str> = incs.iter().flat_map(|i| i.contacts.iter().map(|c| c.kind.name())).collect();
    assert_eq!(kinds.len(), ContactKind::ALL.len());
    assert!(incs.iter().any(|i| i.proposals.len() > 1));
    assert!(incs.iter().any(|i| !i.severity_changes.is_empty()));
    assert!(incs.iter().any(|i| !i.breaches.is_empty()), "a breach kept by a severity change (R7)");
    assert!(incs.iter().any(|i| !i.problem.amendments.is_empty()));
    assert!(incs.iter().any(|i| !i.split_into.is_empty()));
    assert!(incs.iter().any(|i| i.billing.as_ref().is_some_and(|b| b.product_defect)));
    assert!(incs.iter().any(|i| i.engineer != i.problem.agreed_by), "a reassignment");
    assert!(d.packs.iter().any(|p| !p.transfers.is_empty()), "a transfer (R18)");
    assert!(d.packs.iter().any(|p| p.ledger.iter().any(|l| l.kind == LedgerKind::Refund)));
    let date = now.date_naive();
    assert!(d.packs.iter().any(|p| p.is_expired_on(date) && p.remaining() > 0), "unused credits expired");
    assert!(d.packs.iter().any(|p| p.available_on(date) > 0), "usable credits now");
    let phases: HashSet<String> = d.products.iter().map(|p| p.phase_on(date).to_string()).collect();
    assert_eq!(phases.len(), 3);
    let tax: HashSet<String> = d.customers.iter().map(|c| format!("{:?}", c.tax_status_on(date))).collect();
    assert!(tax.len() >= 2, "{tax:?}");
    assert!(d.customers.iter().any(|c| c.tax_status_on(date) == TaxStatus::Valid));
    assert!(d.customers.iter().any(|c| c.on_duty_contact().is_none()));
    for kind in ["incident", "pack", "customer", "product"] {
        assert!(
            d.history.iter().any(|h| format!("{:?}", h.subject).to_lowercase().starts_with(kind)),
            "history of a {kind}"
        );
    }
}

/// The account that owned a pack at an instant (R16, R18).
fn owner_at(pack: &Pack, at: Instant) -> &str {
    pack.transfers.iter().rev().find(|t| t.at <= at).map_or(&pack.purchaser, |t| &t.to)
}

#[test]
fn follows_the_rules_of_the_domain() {
    let d = desk();
    let now = now();
    for i in &d.incidents {
        let c = d.customer(i.customer).unwrap();
        let pack = d.pack(i.pack).unwrap();
        let date = d.local_date(i.customer, i.submitted);
        let name = i.id;
        assert!(i.submitted <= now, "{name} submitted in the future");
        if i.coverage == Coverage::RoundTheClock {
            assert!(c.on_duty_contact().is_some(), "{name}: 24x7 needs a contact on duty (R6)");
        }
        assert_ne!(d.product(i.product).unwrap().phase_on(date), Phase::Ended, "{name}: R9");
        assert_eq!(pack.customer, i.customer, "{name}: R14");
        assert!(!pack.is_expired_on(date), "{name}: paid by an expired pack (R17)");
        assert!(owner_at(pack, i.submitted).eq_ignore_ascii_case(&i.account), "{name}: R16");
        assert!(pack.purchased <= date, "{name}: paid by a pack bought later");
        assert!(
            pack.ledger
                .iter()
                .any(|l| l.kind == LedgerKind::Debit && l.incident == i.id && l.at == i.submitted),
            "{name}: debited at submission"
        );
        let end = i.closed.as_ref().map_or(now, |c| c.at);
        let times = i
            .contacts
            .iter()
            .map(|c| c.at)
            .chain(i.proposals.iter().map(|p| p.at))
            .chain(i.first_response.iter().map(|r| r.at))
            .chain(i.severity_changes.iter().map(|s| s.at))
            .chain(i.problem.amendments.iter().map(|a| a.at));
        for t in times {
            assert!(i.submitted <= t && t <= end, "{name}: work outside its open time");
        }
        if let Some(closed) = &i.closed {
            assert!(closed.at <= now);
            if closed.how == Closing::Resolved {
                assert!(!i.proposals.is_empty(), "{name}: resolved without a proposal (R12)");
            }
        }
        if let Some(b) = &i.billing {
            let closed = i.closed.as_ref().expect("billed while open");
            assert!(closed.at <= b.at && b.at <= now);
            if b.product_defect {
                assert_eq!(b.decision, Decision::Refund, "{name}: R14");
            } else {
                assert_ne!(closed.how, Closing::Resolved, "{name}: resolved stays charged (R14)");
            }
            let refunded = pack.ledger.iter().any(|l| l.kind == LedgerKind::Refund && l.incident == i.id);
            assert_eq!(refunded, b.decision == Decision::Refund, "{name}: refund in the ledger");
        }
        for s in &i.severity_changes {
            assert_ne!(s.from, s.to);
        }
        if let Some(parent) = i.split_from {
            let p = d.incident(parent).unwrap();
            assert!(p.submitted < i.submitted && p.id < i.id);
            assert!(
                p.closed.as_ref().is_none_or(|c| i.submitted < c.at),
                "{name}: split off a closed incident"
            );
            assert_eq!((p.customer, p.account.as_str()), (i.customer, i.account.as_str()));
        }
        if i.billing_state() == Billing::Pending {
            assert!(matches!(
                i.closed.as_ref().map(|c| c.how),
                Some(Closing::Unresolved | Closing::Withdrawn)
            ));
        }
    }
    // Ids in order of submission; ledgers in time order.
    assert!(d.incidents.windows(2).all(|w| w[0].submitted <= w[1].submitted));
    for p in &d.packs {
        assert!(p.ledger.windows(2).all(|w| w[0].at <= w[1].at), "{}: ledger order", p.id);
    }
    let sev: HashSet<Severity> = d.incidents.iter().map(|i| i.severity).collect();
    assert_eq!(sev.len(), 3);
    // Every change is in the history (R21): one entry per opening at least.
    let opened = d.history.iter().filter(|h| matches!(h.subject, Subject::Incident(_))).count();
    assert!(opened >= d.incidents.len() * 2);
}

#[test]
fn the_command_line_writes_a_file_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let bin = env!("CARGO_BIN_EXE_incidesk");
    let run = |args: &[&str]| {
        Command::new(bin).args(args).env("INCIDESK_NOW", "2026-03-11T09:30:00Z").output().unwrap()
    };
    let p = path.to_str().unwrap();
    let out = run(&["generate", "--incidents", "400", "--seed", "3", "--out", p]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("400 incidents"));
    let out = run(&["check", p]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = run(&["generate", "--incidents", "10", "--out", p]);
    assert!(!again.status.success(), "an existing file is never replaced");
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let written = std::fs::read(&path).unwrap();
    let out = run(&["--data", p, "list"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&path).unwrap(), written);
}

/// The same desk, made by replaying what the generated one records as the
/// commands an engineer would have typed, in time order: every rule is
/// checked again by `Desk::execute`, and the result must be the same desk.
#[test]
fn replaying_its_history_through_the_commands_gives_the_same_desk() {
    use incidesk::domain::{Command, IncidentId};
    let g = generate::desk(400, 6, 11, now());
    let mut cmds: Vec<(Instant, u8, String, Command)> = Vec::new();
    let first_entry = |s: Subject| g.history.iter().find(|h| h.subject == s).unwrap();
    for p in &g.products {
        let h = first_entry(Subject::Product(p.id));
        let (name, mainstream_end, extended_end) = (p.name.clone(), p.mainstream_end, p.extended_end);
        cmds.push((h.at, 0, h.who.clone(), Command::AddProduct { name, mainstream_end, extended_end }));
    }
    for c in &g.customers {
        let entries: Vec<_> = g.history.iter().filter(|h| h.subject == Subject::Customer(c.id)).collect();
        let h = entries[0];
        let calendar = c.calendar.clone();
        cmds.push((h.at, 0, h.who.clone(), Command::AddCustomer { name: c.name.clone(), calendar }));
        let added: Vec<_> = entries.iter().filter(|h| h.what.starts_with("contact '")).collect();
        assert_eq!(added.len(), c.contacts.len());
        for (k, contact) in c.contacts.iter().enumerate() {
            cmds.push((
                added[k].at,
                1,
                added[k].who.clone(),
                Command::AddContact {
                    customer: c.id,
                    name: contact.name.clone(),
                    reach: contact.reach.clone(),
                    on_duty_24x7: contact.on_duty_24x7,
                },
            ));
        }
        if let Some(t) = &c.tax_exemption {
            let h = entries.iter().find(|h| h.what.starts_with("tax exemption")).unwrap();
            cmds.push((
                h.at,
                1,
                h.who.clone(),
                Command::SetTaxExemption {
                    customer: c.id,
                    reference: t.reference.clone(),
                    received: t.received,
                    expires: t.expires,
                },
            ));
        }
    }
    for p in &g.packs {
        let h = first_entry(Subject::Pack(p.id));
        cmds.push((
            h.at,
            2,
            h.who.clone(),
            Command::BuyPack {
                customer: p.customer,
                account: p.purchaser.clone(),
                order_number: p.order_number.clone(),
                purchased: Some(p.purchased),
            },
        ));
        for t in &p.transfers {
            let (order_number, to) = (p.order_number.clone(), t.to.clone());
            cmds.push((t.at, 1, t.by.clone(), Command::TransferPack { pack: Some(p.id), order_number, to }));
        }
    }
    let mut splits: Vec<(IncidentId, Instant, String, Vec<String>)> = Vec::new();
    for i in &g.incidents {
        let id = i.id;
        match i.split_from {
            None => cmds.push((
                i.submitted,
                3,
                i.problem.agreed_by.clone(),
                Command::OpenIncident {
                    customer: i.customer,
                    account: i.account.clone(),
                    product: i.product,
                    category: i.category,
                    severity: i.severity_changes.first().map_or(i.severity, |s| s.from),
                    coverage: i.coverage,
                    title: i.title.clone(),
                    problem: i.problem.text.clone(),
                    agreed_with: i.problem.agreed_with.clone(),
                    pack: None,
                },
            )),
            Some(parent) => match splits.last_mut() {
                Some(s) if s.0 == parent && s.1 == i.submitted => s.3.push(i.title.clone()),
                _ => splits.push((parent, i.submitted, i.problem.agreed_by.clone(), vec![i.title.clone()])),
            },
        }
        if let Some(r) = &i.first_response {
            cmds.push((r.at, 4, r.by.clone(), Command::Respond { incident: id, note: r.note.clone() }));
        }
        for c in &i.contacts {
            let (kind, minutes, note) = (c.kind, c.minutes, c.note.clone());
            cmds.push((
                c.at,
                4,
                c.engineer.clone(),
                Command::LogContact { incident: id, kind, minutes, note },
            ));
        }
        for p in &i.proposals {
            cmds.push((p.at, 4, p.by.clone(), Command::Propose { incident: id, text: p.text.clone() }));
        }
        for s in &i.severity_changes {
            let (to, reason) = (s.to, s.reason.clone());
            cmds.push((s.at, 4, s.by.clone(), Command::ChangeSeverity { incident: id, to, reason }));
        }
        for a in &i.problem.amendments {
            let (problem, reason) = (a.text.clone(), a.reason.clone());
            cmds.push((a.at, 4, a.by.clone(), Command::Amend { incident: id, problem, reason }));
        }
        for h in g.history.iter().filter(|h| h.subject == Subject::Incident(id)) {
            if let Some((_, to)) =
                h.what.split_once(" assigned from ").and_then(|(_, r)| r.rsplit_once(" to "))
            {
                let engineer = to.to_string();
                cmds.push((h.at, 4, h.who.clone(), Command::Assign { incident: id, engineer }));
            }
        }
        if let Some(c) = &i.closed {
            let (how, note) = (c.how, c.note.clone());
            cmds.push((c.at, 5, c.by.clone(), Command::Close { incident: id, how, note }));
        }
        if let Some(b) = &i.billing {
            let (decision, reason, product_defect) = (b.decision, b.reason.clone(), b.product_defect);
            cmds.push((
                b.at,
                6,
                b.by.clone(),
                Command::Bill { incident: id, decision, reason, product_defect },
            ));
        }
    }
    for (incident, at, who, into) in splits {
        cmds.push((at, 4, who, Command::Split { incident, into }));
    }
    cmds.sort_by_key(|(at, order, ..)| (*at, *order));
    let mut replayed = Desk::default();
    for (at, _, who, cmd) in cmds {
        replayed.execute(cmd.clone(), at, &who).unwrap_or_else(|r| panic!("{cmd:?} at {at} refused: {r}"));
    }
    assert_eq!(replayed.customers, g.customers);
    assert_eq!(replayed.products, g.products);
    for (a, b) in replayed.packs.iter().zip(&g.packs) {
        assert_eq!(a, b);
    }
    assert_eq!(replayed.packs.len(), g.packs.len());
    for (a, b) in replayed.incidents.iter().zip(&g.incidents) {
        assert_eq!(a, b);
    }
    assert_eq!(replayed.incidents.len(), g.incidents.len());
    let sorted = |d: &Desk| {
        let mut h: Vec<String> =
            d.history.iter().map(|h| format!("{} {} {} {}", h.at, h.subject, h.who, h.what)).collect();
        h.sort();
        h
    };
    let (a, b) = (sorted(&replayed), sorted(&g));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
}
