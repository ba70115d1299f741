//! Each check gives exactly the refusal the command gives for the same case.
use super::*;
use crate::calendar::Calendar;
use crate::command::Command;
use crate::model::Severity;
use chrono::{TimeZone, Utc};
use chrono_tz::Europe::Stockholm;

const ADA: &str = "ada@contoso.com";

fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn run(desk: &mut Desk, command: Command) {
    desk.execute(command.clone(), now(), "eve").unwrap_or_else(|r| panic!("{command:?}: {r}"));
}

/// The command's refusal; the desk must be unchanged.
fn refusal(desk: &Desk, command: Command) -> Refusal {
    let mut d = desk.clone();
    let r = d.execute(command, now(), "eve").expect_err("must be refused");
    assert_eq!(d, *desk, "a refused command changed nothing");
    r
}

/// C-1 Contoso, no contact on duty; PR-1 current, PR-2 ended; P-1 of ADA
/// with 5 credits, P-2 of ADA expired.
fn desk() -> Desk {
    let mut d = Desk::default();
    run(&mut d, Command::AddCustomer { name: "Contoso".into(), calendar: Calendar::office(Stockholm) });
    for (name, end) in [("Mail 2019", date(2030, 1, 1)), ("Mail 2010", date(2026, 1, 1))] {
        run(&mut d, Command::AddProduct { name: name.into(), mainstream_end: end, extended_end: end });
    }
    for (order, purchased) in [("O-1", date(2026, 6, 1)), ("O-2", date(2025, 1, 1))] {
        run(
            &mut d,
            Command::BuyPack {
                customer: CustomerId(1),
                account: ADA.into(),
                order_number: order.into(),
                purchased: Some(purchased),
            },
        );
    }
    d
}

fn open(product: u32, category: Category, coverage: Coverage, account: &str, pack: Option<u32>) -> Command {
    Command::OpenIncident {
        customer: CustomerId(1),
        account: account.into(),
        product: ProductId(product),
        category,
        severity: Severity::B,
        coverage,
        title: "Mail stopped".into(),
        problem: "No mail flows".into(),
        agreed_with: String::new(),
        pack: pack.map(PackId),
    }
}

fn business(product: u32) -> Command {
    open(product, Category::Support, Coverage::BusinessHours, ADA, None)
}

/// D with I-1 open on P-1.
fn with_incident() -> Desk {
    let mut d = desk();
    run(&mut d, business(1));
    d
}

fn today() -> NaiveDate {
    now().with_timezone(&Stockholm).date_naive()
}

#[test]
fn r6_check_matches_command() {
    let d = desk();
    let command = open(1, Category::Support, Coverage::RoundTheClock, ADA, None);
    let check = coverage(&d, CustomerId(1), Coverage::RoundTheClock).unwrap_err();
    assert_eq!(check, refusal(&d, command));
    assert_eq!(check.rule, Some(Rule(6)));
    assert_eq!(check.hint, Some(Hint::AddContactOnDuty24x7 { customer: CustomerId(1) }));
    assert!(coverage(&d, CustomerId(1), Coverage::BusinessHours).is_ok());
}

#[test]
fn r9_check_matches_command() {
    let d = desk();
    let check = product_eligible(&d, ProductId(2), today()).unwrap_err();
    assert_eq!(check, refusal(&d, business(2)));
    assert_eq!(check.rule, Some(Rule(9)));
    assert_eq!(eligible(&d, CustomerId(1), ProductId(2), Coverage::BusinessHours, today()), Err(check));
    assert!(product_eligible(&d, ProductId(1), today()).is_ok());
    let missing = product_eligible(&d, ProductId(9), today()).unwrap_err();
    assert_eq!(missing, refusal(&d, business(9)));
    assert_eq!(missing.hint, Some(Hint::SeeProducts));
}

#[test]
fn r10_r11_check_matches_command() {
    let d = desk();
    for category in [Category::OnSite, Category::CustomCode, Category::CardBilling] {
        let check = in_scope(category).unwrap_err();
        assert_eq!(check, refusal(&d, open(1, category, Coverage::BusinessHours, ADA, None)));
    }
}

#[test]
fn r16_r17_check_matches_command() {
    let d = desk();
    let mallory = usable_pack(&d, CustomerId(1), "mallory@contoso.com", today(), None).unwrap_err();
    let command = open(1, Category::Support, Coverage::BusinessHours, "mallory@contoso.com", None);
    assert_eq!(mallory, refusal(&d, command));
    assert_eq!(mallory.rule, Some(Rule(16)));
    let expired = usable_pack(&d, CustomerId(1), ADA, today(), Some(PackId(2))).unwrap_err();
    assert_eq!(expired, refusal(&d, open(1, Category::Support, Coverage::BusinessHours, ADA, Some(2))));
    assert_eq!(expired.rule, Some(Rule(17)));
    assert!(usable_pack(&d, CustomerId(1), ADA, today(), None).is_ok());
}

#[test]
fn r12_check_matches_command() {
    let d = with_incident();
    let inc = d.incident(IncidentId(1)).unwrap();
    let check = closing(inc, Closing::Resolved).unwrap_err();
    let command = Command::Close { incident: inc.id, how: Closing::Resolved, note: String::new() };
    assert_eq!(check, refusal(&d, command));
    assert_eq!(check.rule, Some(Rule(12)));
    assert!(closing(inc, Closing::Unresolved).is_ok());
}

#[test]
fn r14_check_matches_command() {
    let mut d = with_incident();
    let bill = |decision, product_defect| Command::Bill {
        incident: IncidentId(1),
        decision,
        reason: "unhappy".into(),
        product_defect,
    };
    let open = billing(d.incident(IncidentId(1)).unwrap(), Decision::Refund, false).unwrap_err();
    assert_eq!(open, refusal(&d, bill(Decision::Refund, false)));
    run(&mut d, Command::Propose { incident: IncidentId(1), text: "Reboot".into() });
    run(&mut d, Command::Close { incident: IncidentId(1), how: Closing::Resolved, note: String::new() });
    let inc = d.incident(IncidentId(1)).unwrap();
    let resolved = billing(inc, Decision::Refund, false).unwrap_err();
    assert_eq!(resolved, refusal(&d, bill(Decision::Refund, false)));
    assert_eq!((resolved.rule, resolved.hint), (Some(Rule(14)), Some(Hint::MarkProductDefect)));
    let defect = billing(inc, Decision::Charge, true).unwrap_err();
    assert_eq!(defect, refusal(&d, bill(Decision::Charge, true)));
    assert!(billing(inc, Decision::Refund, true).is_ok());
}

#[test]
fn r1_check_matches_command() {
    let d = with_incident();
    let into: Vec<String> = (1..=5).map(|i| format!("Part {i}")).collect();
    let check = split(&d, IncidentId(1), &into, now()).unwrap_err();
    assert_eq!(check, refusal(&d, Command::Split { incident: IncidentId(1), into: into.clone() }));
    assert_eq!(check.rule, Some(Rule(1)));
    let none = split(&d, IncidentId(1), &[], now()).unwrap_err();
    assert_eq!(none, refusal(&d, Command::Split { incident: IncidentId(1), into: Vec::new() }));
    assert!(split(&d, IncidentId(1), &into[..4], now()).is_ok());
}

#[test]
fn refusals_name_no_surface_syntax() {
    let d = with_incident();
    let refusals = [
        coverage(&d, CustomerId(1), Coverage::RoundTheClock).unwrap_err(),
        product_eligible(&d, ProductId(9), today()).unwrap_err(),
        refusal(&d, Command::Respond { incident: IncidentId(9), note: String::new() }),
        refusal(
            &d,
            Command::TransferPack { pack: Some(PackId(9)), order_number: "O".into(), to: "x".into() },
        ),
        refusal(
            &d,
            Command::AddContact {
                customer: CustomerId(9),
                name: "N".into(),
                reach: String::new(),
                on_duty_24x7: false,
            },
        ),
    ];
    for r in refusals {
        let text = r.to_string();
        assert!(r.hint.is_some(), "{text}");
        assert!(!text.contains("--") && !text.contains('`') && !text.contains("incidesk "), "{text}");
    }
}
