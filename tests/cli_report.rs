//! `report --from --to --by`: the grouped figures as text, JSON and CSV agree,
//! a day is the customer's local day, and a period backwards is refused.

mod common_cli;
use common_cli::*;

/// Contoso (Stockholm): I-1 (A) on the 16th, answered in time and resolved;
/// I-2 (B) at 2026-11-17T23:30Z, which is 00:30 on the 18th in Stockholm.
fn desk() -> TestDesk {
    let desk = TestDesk::seeded();
    let first = desk.open_at("2026-11-16T09:00:00Z", "Mail down", "--severity A");
    desk.ok_at("2026-11-16T09:30:00Z", &format!("respond {first} --note 'on it'"));
    desk.ok_at("2026-11-16T10:00:00Z", &format!("propose {first} --text restart"));
    desk.ok_at("2026-11-16T11:00:00Z", &format!("close {first} --resolved"));
    desk.open_at("2026-11-17T23:30:00Z", "Queue stuck", "");
    desk
}

#[test]
fn a_day_is_the_customers_local_day() {
    let desk = desk();
    let on = |d: &str| desk.json(&format!("report --from {d} --to {d} --by customer"));
    let total = |v: &serde_json::Value| n(&v["total"], "incidents");
    assert_eq!(total(&on("2026-11-16")), 1);
    // 23:30 UTC on the 17th is the 18th in Stockholm.
    assert_eq!(total(&on("2026-11-17")), 0);
    assert_eq!(total(&on("2026-11-18")), 1);
    let (_, help, _) = run(&["report", "--help"]);
    assert!(help.contains("customer's local day"), "the help says where a day begins:\n{help}");
}

#[test]
fn text_json_and_csv_give_the_same_figures() {
    let desk = desk();
    let line = "report --from 2026-11-01 --to 2026-11-30 --by severity";
    let json = desk.json(line);
    assert_eq!(s(&json, "by"), "severity");
    let rows = items(&json["rows"]);
    let keys: Vec<&str> = rows.iter().map(|r| s(r, "key")).collect();
    assert_eq!(keys, ["A", "B"]);
    assert_eq!((n(&rows[0], "met"), n(&rows[0], "credits_used")), (1, 1));
    assert_eq!(rows[0]["met_rate"].as_f64(), Some(1.0));
    assert!(rows[1]["met_rate"].is_null(), "no response given: no rate");
    let csv = desk.ok(&format!("{line} --csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["by", "key", "label", "incidents"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    for (record, row) in records.iter().zip(rows) {
        for (i, name) in header.iter().enumerate().skip(3) {
            let value = &row[name.as_str()];
            match value.as_f64() {
                Some(x) if name == "met_rate" => assert_eq!(record[i].parse::<f64>().ok(), Some(x)),
                Some(x) => assert_eq!(record[i], format!("{x}"), "{name}"),
                None => assert_eq!(&record[i], "", "{name}: no value, an empty field"),
            }
        }
    }
    let text = desk.ok(line);
    assert!(text.contains("from 2026-11-01 to 2026-11-30") && text.contains("100 %"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("total") && l.split_whitespace().nth(1) == Some("2")),
        "{text}"
    );
}

#[test]
fn by_engineer_and_by_customer_name_their_groups() {
    let desk = desk();
    desk.ok("assign I-2 --to max");
    let json = desk.json("report --by engineer");
    let keys: Vec<&str> = items(&json["rows"]).iter().map(|r| s(r, "key")).collect();
    assert_eq!(keys, [ENGINEER, "max"]);
    let json = desk.json("report --by customer");
    assert_eq!(s(&items(&json["rows"])[0], "label"), "Contoso Ltd");
}

#[test]
fn a_backward_period_and_a_bad_group_are_usage_errors() {
    let desk = desk();
    let (status, err) = desk.fails("report --from 2026-11-30 --to 2026-11-01");
    assert_eq!(status.code(), Some(2));
    assert!(err.contains("--from 2026-11-30 is after --to 2026-11-01"), "{err}");
    let (status, err) = desk.fails("report --by product");
    assert_eq!(status.code(), Some(2));
    assert!(err.contains("customer") && err.contains("engineer"), "lists the groups:\n{err}");
    let (status, _) = desk.fails("report --csv --json");
    assert_eq!(status.code(), Some(2));
}
