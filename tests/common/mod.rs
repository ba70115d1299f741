//! A small desk for rule tests, built through commands like any real desk.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use incidesk::domain::*;

pub const ENGINEER: &str = "eve";
pub const ALICE: &str = "alice@contoso.com";
pub const BOB: &str = "bob@contoso.com";
pub const FRANK: &str = "frank@fabrikam.com";

/// Wednesday 2026-11-18 10:00 Stockholm time (09:00 UTC).
pub fn now() -> DateTime<Utc> {
    Stockholm.with_ymd_and_hms(2026, 11, 18, 10, 0, 0).unwrap().with_timezone(&Utc)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[path = "../pg/mod.rs"]
pub mod pg;
pub mod stores;

/// The rule tests' desk, with every command from here on also carried out
/// by the JSON and the PostgreSQL store and compared (see `stores.rs`).
pub fn desk_on_stores() -> Desk {
    stores::start();
    desk()
}

/// `desk.execute(...)`, followed by the stores when the test follows them.
pub fn exec(desk: &mut Desk, cmd: Command, at: DateTime<Utc>, who: &str) -> Result<Outcome, Refusal> {
    let before = desk.clone();
    let result = desk.execute(cmd.clone(), at, who);
    stores::follow(&before, desk, &cmd, at, who, &result);
    result
}

pub fn run(desk: &mut Desk, cmd: Command) -> Outcome {
    let at = now();
    exec(desk, cmd.clone(), at, ENGINEER).unwrap_or_else(|r| panic!("{cmd:?} refused: {r}"))
}

/// Runs a command that must be refused by `rule`, and checks the desk is unchanged.
pub fn refused(desk: &mut Desk, cmd: Command, rule: Option<u8>) -> Refusal {
    refused_at(desk, cmd, rule, now())
}

pub fn refused_at(desk: &mut Desk, cmd: Command, rule: Option<u8>, at: DateTime<Utc>) -> Refusal {
    let before = desk.clone();
    let r = exec(desk, cmd.clone(), at, ENGINEER).expect_err("must be refused");
    assert_eq!(r.rule.map(|r| r.0), rule, "{cmd:?}: {r}");
    assert_eq!(*desk, before, "a refused command changed the desk: {cmd:?}");
    r
}

/// C-1 Contoso (Stockholm, office hours, an on-duty contact), C-2 Fabrikam
/// (no on-duty contact); PR-1 mainstream, PR-2 extended, PR-3 ended;
/// P-1 alice bought 2026-06-01, P-2 alice bought 2026-01-10 (expires first),
/// P-3 frank at Fabrikam.
pub fn desk() -> Desk {
    let mut d = Desk::default();
    run(&mut d, Command::AddCustomer { name: "Contoso Ltd".into(), calendar: Calendar::office(Stockholm) });
    run(
        &mut d,
        Command::AddCustomer {
            name: "Fabrikam Inc".into(),
            calendar: Calendar::office(chrono_tz::America::New_York),
        },
    );
    run(
        &mut d,
        Command::AddContact {
            customer: CustomerId(1),
            name: "Night Desk".into(),
            reach: "+46 8 123".into(),
            on_duty_24x7: true,
        },
    );
    run(
        &mut d,
        Command::AddProduct {
            name: "Mail Server".into(),
            mainstream_end: date(2028, 1, 1),
            extended_end: date(2030, 1, 1),
        },
    );
    run(
        &mut d,
        Command::AddProduct {
            name: "Old Server".into(),
            mainstream_end: date(2025, 1, 1),
            extended_end: date(2027, 1, 1),
        },
    );
    run(
        &mut d,
        Command::AddProduct {
            name: "Ancient Server".into(),
            mainstream_end: date(2020, 1, 1),
            extended_end: date(2026, 7, 14),
        },
    );
    buy(&mut d, 1, ALICE, "ORD-1", date(2026, 6, 1));
    buy(&mut d, 1, ALICE, "ORD-2", date(2026, 1, 10));
    buy(&mut d, 2, FRANK, "ORD-3", date(2026, 9, 1));
    d
}

pub fn buy(d: &mut Desk, customer: u32, account: &str, order: &str, purchased: NaiveDate) -> Outcome {
    run(
        d,
        Command::BuyPack {
            customer: CustomerId(customer),
            account: account.into(),
            order_number: order.into(),
            purchased: Some(purchased),
        },
    )
}

pub fn open_cmd(customer: u32, account: &str, severity: Severity, coverage: Coverage) -> Command {
    Command::OpenIncident {
        customer: CustomerId(customer),
        account: account.into(),
        product: ProductId(1),
        category: Category::Support,
        severity,
        coverage,
        title: "Mail stuck in queue".into(),
        problem: "Outbound mail stays in the queue since the update.".into(),
        agreed_with: "Anna Berg".into(),
        pack: None,
    }
}

/// Opens a 24x7 severity-B incident for Contoso from alice.
pub fn open(d: &mut Desk) -> IncidentId {
    match run(d, open_cmd(1, ALICE, Severity::B, Coverage::RoundTheClock)).subject {
        Subject::Incident(id) => id,
        other => panic!("opened {other}"),
    }
}

pub fn remaining(d: &Desk, pack: u32) -> u32 {
    d.pack(PackId(pack)).unwrap().remaining()
}
