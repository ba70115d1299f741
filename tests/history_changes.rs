//! R21: every history entry that changes a value keeps it before and after
//! (problem statement, severity, assignee, calendar, contacts, tax
//! exemption, pack owner); `history` shows them in text, JSON and CSV; a data
//! file written before they were kept still loads.

mod common_cli;

use common_cli::*;
use serde_json::Value;

/// The `change` of the last history entry of `subject`.
fn last_change(desk: &TestDesk, subject: &str) -> Value {
    let history = desk.json(&format!("history {subject}"));
    items(&history).last().unwrap_or_else(|| panic!("no history of {subject}"))["change"].clone()
}

fn assert_change(change: &Value, field: &str, before: &str, after: &str) {
    assert_eq!(
        (s(change, "field"), s(change, "before"), s(change, "after")),
        (field, before, after),
        "{change}"
    );
}

#[test]
fn r21_each_change_of_a_value_keeps_it_before_and_after() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "--problem 'Mail does not flow'");
    desk.ok(&format!("severity {id} A --reason 'Whole office down'"));
    assert_change(&last_change(&desk, &id), "severity", "B", "A");
    desk.ok(&format!("amend {id} --problem 'No mail since 09:00' --reason 'More precise'"));
    assert_change(&last_change(&desk, &id), "problem statement", "Mail does not flow", "No mail since 09:00");
    desk.ok(&format!("assign {id} --to maja"));
    assert_change(&last_change(&desk, &id), "assignee", "eve", "maja");

    desk.ok("customer contact add --customer contoso --name Bo --reach bo@contoso.com");
    assert_change(
        &last_change(&desk, "C-1"),
        "contacts",
        "Ada (on duty 24x7)",
        "Ada (on duty 24x7); Bo bo@contoso.com",
    );
    desk.ok("customer tax-exempt --customer contoso --reference SE-1 --received 2026-01-01");
    assert_change(
        &last_change(&desk, "C-1"),
        "tax exemption",
        "",
        "document SE-1, received 2026-01-01, no expiry",
    );
    desk.ok(
        "customer tax-exempt --customer contoso --reference SE-2 --received 2026-11-01 --expires 2028-11-01",
    );
    assert_change(
        &last_change(&desk, "C-1"),
        "tax exemption",
        "document SE-1, received 2026-01-01, no expiry",
        "document SE-2, received 2026-11-01, valid until 2028-11-01",
    );
    desk.ok("customer calendar contoso --add-holiday 2026-12-31");
    let change = last_change(&desk, "C-1");
    assert_eq!(s(&change, "field"), "calendar");
    assert!(!s(&change, "before").contains("2026-12-31") && s(&change, "after").contains("2026-12-31"));

    desk.ok(&format!("pack transfer P-1 --order ORD-1001 --to {BOB}"));
    assert_change(&last_change(&desk, "P-1"), "pack owner", ADA, BOB);
}

#[test]
fn r21_history_shows_before_and_after_in_text_and_csv() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "--problem 'Mail does not flow'");
    desk.ok(&format!("severity {id} A --reason 'Whole office down'"));
    desk.ok(&format!("amend {id} --problem 'No mail since 09:00 on any of the three sites, inbound and outbound' --reason 'Scope'"));
    let text = desk.ok(&format!("history {id}"));
    assert!(text.contains("\n                                    severity: B → A\n"), "{text}");
    assert!(text.contains("problem statement before: Mail does not flow\n"), "{text}");
    assert!(
        text.contains("problem statement after: No mail since 09:00 on any of the three sites"),
        "{text}"
    );

    let csv = desk.ok(&format!("history {id} --csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["at", "who", "subject", "what", "changed", "before", "after"]);
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let severity = rows.iter().find(|r| r[4] == "severity").expect("a severity row");
    assert_eq!((severity[5].as_str(), severity[6].as_str()), ("B", "A"));
    let opened = &rows[0];
    assert_eq!((opened[4].as_str(), opened[5].as_str()), ("", ""), "no value changed: empty cells");
}

/// A data file written before before-and-after was kept: its entries have
/// no `change`, and it loads and shows as it did.
#[test]
fn r21_an_old_file_without_before_and_after_still_loads() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "");
    desk.ok(&format!("severity {id} A --reason 'Whole office down'"));
    let mut file: Value = serde_json::from_slice(&desk.bytes()).unwrap();
    for entry in file["desk"]["history"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().remove("change");
    }
    std::fs::write(&desk.path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    desk.ok(&format!("check {}", desk.path_str()));
    let history = desk.json(&format!("history {id}"));
    assert!(items(&history).iter().all(|e| e.get("change").is_none()), "{history}");
    assert!(s(items(&history).last().unwrap(), "what").contains("severity"));
    let text = desk.ok(&format!("history {id}"));
    assert!(!text.contains("severity: B → A"), "{text}");
}
