//! DOMAIN.md rules about credits and packs, by number.

mod common;

use common::*;
use incidesk::domain::*;

fn close(d: &mut Desk, id: IncidentId, how: Closing) {
    if how == Closing::Resolved {
        run(d, Command::Propose { incident: id, text: "patch".into() });
    }
    run(d, Command::Close { incident: id, how, note: "".into() });
}

fn bill(id: IncidentId, decision: Decision, defect: bool) -> Command {
    Command::Bill { incident: id, decision, reason: "provider's decision".into(), product_defect: defect }
}

#[test]
fn r14_submission_debits_one_credit_and_refund_returns_it() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    let pack = d.incident(id).unwrap().pack;
    assert_eq!(remaining(&d, pack.0), 4);
    let line = d.pack(pack).unwrap().ledger.last().unwrap().clone();
    assert_eq!((line.kind, line.incident, line.at), (LedgerKind::Debit, id, now()));
    refused(&mut d, bill(id, Decision::Refund, false), Some(14)); // still open
    close(&mut d, id, Closing::Unresolved);
    run(&mut d, bill(id, Decision::Refund, false));
    assert_eq!(remaining(&d, pack.0), 5);
    assert_eq!(d.incident(id).unwrap().billing_state(), Billing::Refunded);
    let r = refused(&mut d, bill(id, Decision::Charge, false), Some(14));
    assert!(r.why.contains("already billed"), "{r}");
    assert_eq!(d.pack(pack).unwrap().ledger.len(), 2);
}

#[test]
fn r14_charge_keeps_the_credit_and_resolved_stays_charged() {
    let mut d = desk_on_stores();
    let withdrawn = open(&mut d);
    close(&mut d, withdrawn, Closing::Withdrawn);
    run(&mut d, bill(withdrawn, Decision::Charge, false));
    assert_eq!(d.incident(withdrawn).unwrap().billing_state(), Billing::Charged);
    assert_eq!(remaining(&d, 2), 4);
    let resolved = open(&mut d);
    close(&mut d, resolved, Closing::Resolved);
    refused(&mut d, bill(resolved, Decision::Refund, false), Some(14));
}

#[test]
fn r14_product_defect_is_refunded_whatever_the_closing() {
    let mut d = desk_on_stores();
    let resolved = open(&mut d);
    close(&mut d, resolved, Closing::Resolved);
    let r = refused(&mut d, bill(resolved, Decision::Charge, true), Some(14));
    assert!(r.why.contains("never charged"), "{r}");
    run(&mut d, bill(resolved, Decision::Refund, true));
    assert_eq!(remaining(&d, 2), 5);
    assert!(d.incident(resolved).unwrap().billing.as_ref().unwrap().product_defect);
}

#[test]
fn r14_balance_never_goes_below_zero() {
    let mut d = desk_on_stores();
    for _ in 0..10 {
        open(&mut d);
    }
    assert_eq!((remaining(&d, 1), remaining(&d, 2)), (0, 0));
    let r = refused(&mut d, open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), Some(14));
    assert!(r.why.contains("0 usable credits"), "{r}");
    let debits = d.packs.iter().flat_map(|p| &p.ledger).filter(|l| l.kind == LedgerKind::Debit).count();
    assert_eq!(debits, 10, "every debit is a ledger line");
}

#[test]
fn r16_only_the_owning_account_may_use_a_pack() {
    let mut d = desk_on_stores();
    let r = refused(&mut d, open_cmd(1, BOB, Severity::B, Coverage::RoundTheClock), Some(16));
    assert!(r.why.contains("bob@contoso.com did not buy"), "{r}");
    let mut cmd = open_cmd(1, BOB, Severity::B, Coverage::RoundTheClock);
    if let Command::OpenIncident { pack, .. } = &mut cmd {
        *pack = Some(PackId(1));
    }
    let r = refused(&mut d, cmd, Some(16));
    assert_eq!(
        r.to_string(),
        "refused (R16): account bob@contoso.com did not buy pack P-1 and holds no transfer of it"
    );
}

#[test]
fn r17_packs_expire_a_year_after_purchase() {
    let mut d = Desk::default();
    run(&mut d, Command::AddCustomer { name: "Leap".into(), calendar: Calendar::office(chrono_tz::UTC) });
    buy(&mut d, 1, ALICE, "L-1", date(2026, 2, 28));
    let p = d.pack(PackId(1)).unwrap();
    assert_eq!(p.expires(), date(2027, 2, 28));
    assert_eq!(model::expiry_of(date(2028, 2, 29)), date(2029, 2, 28));
    assert_eq!(model::expiry_of(date(2026, 11, 30)), date(2027, 11, 30));
    assert!(!p.is_expired_on(date(2027, 2, 27)));
    assert!(p.is_expired_on(date(2027, 2, 28)));
    assert_eq!(p.available_on(date(2027, 3, 1)), 0);
    assert_eq!(p.remaining(), 5, "unused credits stay visible, as expired");
}

#[test]
fn r17_an_expired_pack_cannot_be_used_but_open_incidents_go_on() {
    let mut d = desk_on_stores();
    let id = open(&mut d); // from P-2, bought 2026-01-10
    let after = date(2027, 1, 10).and_hms_opt(12, 0, 0).unwrap().and_utc();
    // P-2 expired, P-1 still pays.
    let out =
        exec(&mut d, open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), after, ENGINEER).unwrap();
    let Subject::Incident(new) = out.subject else { panic!() };
    assert_eq!(d.incident(new).unwrap().pack, PackId(1));
    let mut explicit = open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock);
    if let Command::OpenIncident { pack, .. } = &mut explicit {
        *pack = Some(PackId(2));
    }
    let r = refused_at(&mut d, explicit, Some(17), after);
    assert!(r.why.contains("2027-01-10"), "{r}");
    exec(
        &mut d,
        Command::LogContact {
            incident: id,
            kind: ContactKind::Email,
            minutes: 5,
            note: "still working".into(),
        },
        after,
        ENGINEER,
    )
    .unwrap();
    let all_gone = date(2027, 6, 1).and_hms_opt(12, 0, 0).unwrap().and_utc();
    refused_at(&mut d, open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock), Some(17), all_gone);
}

#[test]
fn r18_transfer_needs_the_order_number_and_is_kept_in_history() {
    let mut d = desk_on_stores();
    let r = refused(
        &mut d,
        Command::TransferPack { pack: Some(PackId(1)), order_number: "ORD-9".into(), to: BOB.into() },
        Some(18),
    );
    assert!(r.why.contains("order confirmation number"), "{r}");
    run(
        &mut d,
        Command::TransferPack { pack: Some(PackId(1)), order_number: "ORD-1".into(), to: BOB.into() },
    );
    refused(
        &mut d,
        Command::TransferPack { pack: None, order_number: "ORD-99".into(), to: BOB.into() },
        Some(18),
    );
    let p = d.pack(PackId(1)).unwrap();
    assert_eq!((p.owner.as_str(), p.purchaser.as_str()), (BOB, ALICE));
    assert_eq!(p.transfers.len(), 1);
    assert!(
        d.history_of(Subject::Pack(PackId(1)))
            .any(|h| { h.what.contains("transferred from alice@contoso.com to bob@contoso.com") })
    );
    // bob can now use P-1; alice keeps only P-2.
    let out = run(&mut d, open_cmd(1, BOB, Severity::C, Coverage::BusinessHours));
    let Subject::Incident(id) = out.subject else { panic!() };
    assert_eq!(d.incident(id).unwrap().pack, PackId(1));
    let mut cmd = open_cmd(1, ALICE, Severity::C, Coverage::BusinessHours);
    if let Command::OpenIncident { pack, .. } = &mut cmd {
        *pack = Some(PackId(1));
    }
    refused(&mut d, cmd, Some(16));
}

#[test]
fn r19_the_pack_that_expires_first_pays() {
    let mut d = desk_on_stores();
    let id = open(&mut d);
    assert_eq!(d.incident(id).unwrap().pack, PackId(2), "P-2 (bought January) expires before P-1 (June)");
    for _ in 0..4 {
        open(&mut d);
    }
    let id = open(&mut d);
    assert_eq!(d.incident(id).unwrap().pack, PackId(1), "P-2 is empty, so P-1 pays");
}

#[test]
fn r20_tax_exemption_is_recorded_and_shown_when_buying() {
    let mut d = desk_on_stores();
    let out = buy(&mut d, 1, ALICE, "ORD-10", date(2026, 11, 1));
    assert!(out.message.contains("no tax exemption on file"), "{}", out.message);
    refused(
        &mut d,
        Command::SetTaxExemption {
            customer: CustomerId(1),
            reference: "EX-1".into(),
            received: date(2026, 1, 1),
            expires: Some(date(2025, 1, 1)),
        },
        Some(20),
    );
    run(
        &mut d,
        Command::SetTaxExemption {
            customer: CustomerId(1),
            reference: "EX-1".into(),
            received: date(2026, 1, 1),
            expires: Some(date(2026, 11, 15)),
        },
    );
    let c = d.customer(CustomerId(1)).unwrap();
    assert_eq!(c.tax_status_on(date(2026, 11, 14)), TaxStatus::Valid);
    assert_eq!(c.tax_status_on(date(2026, 11, 15)), TaxStatus::Expired);
    assert_eq!(d.customer(CustomerId(2)).unwrap().tax_status_on(date(2026, 11, 15)), TaxStatus::NotExempt);
    let out = buy(&mut d, 1, ALICE, "ORD-11", date(2026, 11, 10));
    assert!(out.message.contains("on file and valid"), "{}", out.message);
    let out = buy(&mut d, 1, ALICE, "ORD-12", date(2026, 11, 16));
    assert!(out.message.contains("EXPIRED"), "{}", out.message);
    assert!(d.history_of(Subject::Customer(CustomerId(1))).any(|h| h.what.contains("EX-1")));
}

#[test]
fn r18_order_numbers_are_unique() {
    let mut d = desk_on_stores();
    refused(
        &mut d,
        Command::BuyPack {
            customer: CustomerId(1),
            account: ALICE.into(),
            order_number: "ord-1".into(),
            purchased: None,
        },
        Some(18),
    );
}
