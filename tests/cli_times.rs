//! Issue 15, item 9: one convention for instants on the command line. Every
//! command that prints one writes it in the zone of the customer it belongs
//! to, with that zone's offset (text `2026-11-18 10:00 +01:00`, JSON and CSV
//! RFC 3339 `2026-11-18T10:00:00+01:00`); `--utc` writes UTC everywhere
//! (`2026-11-18 09:00Z`, `2026-11-18T09:00:00Z`). A product belongs to no
//! customer: its history is in UTC.

mod common_cli;

use common_cli::*;
use serde_json::Value;

/// NOW (09:00Z) is 10:00 in Stockholm (Contoso, I-1) and 18:00 in Tokyo
/// (Nanbu, I-2); both are 24x7 severity A, due two hours later.
fn desk() -> TestDesk {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name 'Nanbu KK' --tz Asia/Tokyo");
    desk.ok("customer contact add --customer nanbu --name Ken --on-duty-24x7");
    desk.ok("pack buy --customer C-2 --account ken@nanbu.jp --order ORD-2");
    assert_eq!(desk.open("Mail down", "--severity A --coverage 24x7"), "I-1");
    let tokyo = "--customer C-2 --account ken@nanbu.jp --severity A --coverage 24x7";
    assert_eq!(desk.open("Sync down", tokyo), "I-2");
    desk
}

/// `line` with `--utc` put before it.
fn utc(line: &str) -> String {
    format!("--utc {line}")
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("a CSV record")).collect()
}

#[test]
fn show_writes_its_times_in_the_customer_zone_or_in_utc() {
    let desk = desk();
    let text = desk.ok("show I-1");
    assert!(text.contains("submitted  2026-11-18 10:00 +01:00"), "{text}");
    assert!(text.contains("due        2026-11-18 12:00 +01:00"), "{text}");
    let tokyo = desk.ok("show I-2");
    assert!(tokyo.contains("submitted  2026-11-18 18:00 +09:00"), "{tokyo}");
    let text = desk.ok(&utc("show I-1"));
    assert!(
        text.contains("submitted  2026-11-18 09:00Z") && text.contains("due        2026-11-18 11:00Z"),
        "{text}"
    );
    assert!(!text.contains("+01:00"), "{text}");

    let json = desk.json("show I-2");
    assert_eq!(s(&json, "submitted"), "2026-11-18T18:00:00+09:00");
    assert_eq!(s(&json, "due"), "2026-11-18T20:00:00+09:00");
    assert_eq!(s(&json["problem"], "agreed_at"), "2026-11-18T18:00:00+09:00");
    let json = desk.json(&utc("show I-2"));
    assert_eq!((s(&json, "submitted"), s(&json, "due")), ("2026-11-18T09:00:00Z", "2026-11-18T11:00:00Z"));
    assert_eq!(s(&json["problem"], "agreed_at"), "2026-11-18T09:00:00Z");
}

#[test]
fn history_writes_times_as_show_does_in_text_json_and_csv() {
    let desk = desk();
    let text = desk.ok("history I-2");
    assert!(text.starts_with("2026-11-18 18:00 +09:00  eve"), "in Tokyo, as show I-2:\n{text}");
    assert!(desk.ok(&utc("history I-2")).starts_with("2026-11-18 09:00Z  eve"));
    assert_eq!(s(&desk.json("history I-2")[0], "at"), "2026-11-18T18:00:00+09:00");
    assert_eq!(s(&desk.json(&utc("history I-2"))[0], "at"), "2026-11-18T09:00:00Z");
    assert_eq!(&csv_rows(&desk.ok("history I-2 --csv"))[0][0], "2026-11-18T18:00:00+09:00");
    assert_eq!(&csv_rows(&desk.ok(&utc("history I-2 --csv")))[0][0], "2026-11-18T09:00:00Z");
    // A pack's and a customer's history are their customer's too.
    assert!(desk.ok("history P-2").starts_with("2026-11-18 18:00 +09:00"));
    assert!(desk.ok("history C-2").starts_with("2026-11-18 18:00 +09:00"));
    // A product belongs to no customer: UTC, with or without --utc.
    assert!(desk.ok("history PR-1").starts_with("2026-11-18 09:00Z"));
    assert_eq!(s(&desk.json("history PR-1")[0], "at"), "2026-11-18T09:00:00Z");
}

#[test]
fn list_json_and_csv_agree_on_each_customer_zone_or_utc() {
    let desk = desk();
    let rows = desk.json("list");
    let due: Vec<&str> = items(&rows).iter().map(|r| s(r, "due")).collect();
    assert_eq!(due, ["2026-11-18T12:00:00+01:00", "2026-11-18T20:00:00+09:00"]);
    let csv = csv_rows(&desk.ok("list --csv"));
    let csv_due: Vec<&str> = csv.iter().map(|r| &r[7]).collect();
    assert_eq!(csv_due, due, "the CSV writes what the JSON writes");
    assert_eq!(&csv[1][6], "2026-11-18T18:00:00+09:00", "submitted");
    let rows = desk.json(&utc("list"));
    let due: Vec<&str> = items(&rows).iter().map(|r| s(r, "due")).collect();
    assert_eq!(due, ["2026-11-18T11:00:00Z", "2026-11-18T11:00:00Z"]);
    let csv = csv_rows(&desk.ok(&utc("list --csv")));
    assert_eq!(csv.iter().map(|r| r[7].to_string()).collect::<Vec<_>>(), due);
}

#[test]
fn packs_and_customers_json_write_their_instants_in_the_customer_zone() {
    let desk = desk();
    let packs = desk.json("packs --customer C-2");
    assert_eq!(s(&packs[0]["ledger"][0], "at"), "2026-11-18T18:00:00+09:00", "{packs}");
    assert_eq!(s(&packs[0], "expires"), "2027-11-18", "a date stays a date");
    let packs = desk.json(&utc("packs --customer C-2"));
    assert_eq!(s(&packs[0]["ledger"][0], "at"), "2026-11-18T09:00:00Z");
    // The customers' own records hold no instant but a calendar change's.
    let customers: Value = desk.json("customers");
    assert_eq!(s(&customers[1], "name"), "Nanbu KK");
}

#[test]
fn watch_writes_its_alerts_in_the_customer_zone_or_in_utc() {
    let desk = desk();
    // 10:00Z: both are half way to due.
    let at = "2026-11-18T10:00:00Z";
    let text = desk.ok_at(at, "watch --once");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2026-11-18 11:00 +01:00 I-1"), "{text}");
    assert!(lines[0].contains("due 2026-11-18 12:00 +01:00"), "{text}");
    assert!(lines[1].starts_with("2026-11-18 19:00 +09:00 I-2"), "{text}");
    let text = desk.ok_at(at, "--utc watch --once");
    assert!(text.lines().all(|l| l.starts_with("2026-11-18 10:00Z I-")), "{text}");
    assert!(text.contains("due 2026-11-18 11:00Z"), "{text}");
    let json: Vec<Value> = desk
        .ok_at(at, "--json watch --once")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(
        (s(&json[1], "at"), s(&json[1], "due")),
        ("2026-11-18T19:00:00+09:00", "2026-11-18T20:00:00+09:00")
    );
}

#[test]
fn utc_is_in_every_help_and_report_and_list_text_print_no_instant() {
    let (_, help, _) = run(&["history", "--help"]);
    assert!(help.contains("--utc") && help.contains("customer's zone"), "{help}");
    let desk = desk();
    // list prints time left, report and packs print dates: nothing to convert.
    assert_eq!(desk.ok("list"), desk.ok(&utc("list")));
    assert_eq!(desk.ok("report"), desk.ok(&utc("report")));
    assert_eq!(desk.ok("packs"), desk.ok(&utc("packs")));
}
