//! The scoped check of a change's records (`validate::touched_problems`,
//! what the PostgreSQL store runs instead of checking the whole desk on
//! every change) finds what the whole desk's check finds when one record is
//! broken, whichever record and however it is broken.

use chrono::{TimeZone, Utc};
use incidesk::domain::{CustomerId, Desk, Instant, LedgerKind, PackId, ProductId, Subject};
use incidesk::generate;
use incidesk::store::validate;
use proptest::prelude::*;

fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

/// The messages of a list of problems, without where (the scoped check
/// indexes a small desk of its own).
fn messages(problems: &[validate::Problem]) -> Vec<String> {
    let mut m: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    m.sort();
    m.dedup();
    m
}

/// Breaks the `pick`th incident or pack one of `how` ways; returns what it broke.
fn break_one(desk: &mut Desk, how: u8, pick: usize) -> Subject {
    let n = desk.incidents.len();
    let far = Utc.with_ymd_and_hms(2990, 1, 1, 0, 0, 0).unwrap();
    let other = desk.incidents[(pick + 1) % n].id;
    let i = pick % n;
    let inc = &mut desk.incidents[i];
    let id = inc.id;
    match how {
        0 => inc.title.clear(),
        1 => inc.pack = PackId(999_999),
        2 => inc.customer = CustomerId(999_999),
        3 => inc.product = ProductId(999_999),
        4 => inc.split_from = Some(other),
        5 => inc.split_into.push(other),
        6 => inc.submitted = far,
        7 => inc.split_into.push(id),
        8 => inc.problem.text.clear(),
        9 => inc.engineer.clear(),
        10 => {
            let pack = inc.pack;
            let p = desk.pack_mut(pack).expect("the incident's pack");
            p.ledger.retain(|l| l.incident != id);
            return Subject::Pack(pack);
        }
        11 => {
            let pack = inc.pack;
            let p = desk.pack_mut(pack).expect("the incident's pack");
            if let Some(line) = p.ledger.first().cloned() {
                for _ in 0..6 {
                    p.ledger.push(line.clone());
                }
            }
            return Subject::Pack(pack);
        }
        12 => {
            let pack = inc.pack;
            let p = desk.pack_mut(pack).expect("the incident's pack");
            for line in &mut p.ledger {
                line.kind = LedgerKind::Refund;
            }
            return Subject::Pack(pack);
        }
        13 => {
            let pack = inc.pack;
            let p = desk.pack_mut(pack).expect("the incident's pack");
            p.customer = CustomerId(999_999);
            return Subject::Pack(pack);
        }
        14 => {
            // Gone altogether, as an undo of a change that created it would
            // leave it if the undo were wrong: what named it now dangles.
            desk.incidents.remove(i);
        }
        15 => {
            let customer = inc.customer;
            desk.customers.retain(|c| c.id != customer);
            return Subject::Customer(customer);
        }
        _ => {
            let pack = inc.pack;
            desk.packs.retain(|p| p.id != pack);
            return Subject::Pack(pack);
        }
    }
    Subject::Incident(id)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn one_broken_record_is_found_by_the_scoped_check_as_by_the_whole_one(
        seed in 1u64..50,
        how in 0u8..17,
        pick in any::<usize>(),
    ) {
        let mut desk = generate::desk(150, 10, seed, now());
        prop_assert!(validate::problems(&desk).is_empty(), "the generated desk is valid");
        let broken = break_one(&mut desk, how, pick);
        // History already kept is not checked again (only what a change
        // adds), so the whole check's word on old entries is left out.
        let mut whole = messages(&validate::problems(&desk));
        whole.retain(|m| !m.starts_with("subject "));
        let scoped = messages(&validate::touched_problems(&desk, &[broken], &[]));
        prop_assert!(!whole.is_empty(), "breaking {} way {} is a problem", broken, how);
        prop_assert_eq!(scoped, whole, "{} broken way {}", broken, how);
    }
}

/// What is found is what is there: an untouched desk has nothing to report,
/// and a record broken but not touched is not looked at.
#[test]
fn the_scoped_check_looks_at_the_touched_records_and_what_they_name() {
    let mut desk = generate::desk(150, 10, 3, now());
    let first = desk.incidents[0].id;
    assert!(validate::touched_problems(&desk, &[Subject::Incident(first)], &[]).is_empty());
    let far = desk.incidents.len() - 1;
    desk.incidents[far].title.clear();
    let far_id = desk.incidents[far].id;
    let unrelated = desk.incidents.iter().find(|i| i.pack != desk.incidents[far].pack).map(|i| i.id);
    if let Some(id) = unrelated {
        assert!(validate::touched_problems(&desk, &[Subject::Incident(id)], &[]).is_empty());
    }
    let found = validate::touched_problems(&desk, &[Subject::Incident(far_id)], &[]);
    assert!(found.iter().any(|p| p.message.contains("title")), "{found:?}");
}
