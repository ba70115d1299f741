//! `--csv` for `list`, `packs`, `history` and `report`: read back with a CSV
//! reader, every value is the desk's (as `--json` gives it), hostile text
//! (commas, quotes, line breaks) included; `--csv` with `--json` is refused.

mod common_cli;
use common_cli::*;
use std::collections::HashMap;

/// The records of `csv` as maps from the header's names, checking that
/// every record has the header's width (the reader refuses a ragged one).
fn records(csv: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header row").iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{csv}"));
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect()
}

/// Runs `args` on `desk` (with --data, --now and --engineer), which must succeed.
fn ok_args(desk: &TestDesk, args: &[&str]) -> String {
    let (status, out, err) =
        output(bin().args(["--data", desk.path_str(), "--now", NOW, "--engineer", ENGINEER]).args(args));
    assert!(status.success(), "incidesk {args:?} failed:\n{err}");
    out
}

const HOSTILE: &str = "Say \"hi\", then, well,\nanother line; and \"\" two quotes";

#[test]
fn list_csv_holds_the_desk_values_in_the_list_order() {
    let desk = TestDesk::seeded();
    let first = ok_args(
        &desk,
        &[
            "open",
            "--customer",
            "contoso",
            "--account",
            ADA,
            "--product",
            "PR-1",
            "--severity",
            "A",
            "--coverage",
            "business",
            "--problem",
            "p",
            "--title",
            "Commas, \"quotes\", all",
        ],
    );
    desk.open("Second", "--severity C");
    let out = desk.ok("list --csv");
    assert!(out.starts_with("id,severity,coverage,status,sla_state,"), "{out}");
    assert!(out.contains("\r\n"), "RFC 4180 records end in CRLF");
    let rows = records(&out);
    let json = desk.json("list");
    assert_eq!(rows.len(), items(&json).len());
    for (row, value) in rows.iter().zip(items(&json)) {
        assert_eq!(row["id"], s(value, "id"));
        assert_eq!(row["title"], s(value, "title"));
        assert_eq!(row["sla_state"], s(value, "sla_state"));
        assert_eq!(row["remaining_seconds"], value["remaining_seconds"].to_string());
        assert_eq!(row["customer_name"], "Contoso Ltd");
        // RFC 3339 in the customer's zone (Stockholm, +01:00 in November): the same instant.
        let due = chrono::DateTime::parse_from_rfc3339(&row["due"]).expect("RFC 3339");
        assert_eq!(due.offset().local_minus_utc(), 3600, "{}", row["due"]);
        let json_due = chrono::DateTime::parse_from_rfc3339(s(value, "due")).expect("RFC 3339");
        assert_eq!(due, json_due);
    }
    assert_eq!(rows[0]["id"], first.trim());
    assert_eq!(rows[0]["title"], "Commas, \"quotes\", all");
}

#[test]
fn history_csv_keeps_commas_quotes_and_line_breaks() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail", "");
    ok_args(&desk, &["contact", &id, "--kind", "phone", "--note", HOSTILE, "--minutes", "5"]);
    let rows = records(&desk.ok(&format!("history {id} --csv")));
    let json = desk.json(&format!("history {id}"));
    assert_eq!(rows.len(), items(&json).len());
    for (row, value) in rows.iter().zip(items(&json)) {
        assert_eq!(row["what"], s(value, "what"));
        assert_eq!(row["who"], s(value, "who"));
        assert_eq!(row["subject"], id);
        let at = chrono::DateTime::parse_from_rfc3339(&row["at"]).expect("RFC 3339");
        assert_eq!(at, chrono::DateTime::parse_from_rfc3339(s(value, "at")).expect("RFC 3339"));
    }
    assert!(rows.iter().any(|r| r["what"].contains(HOSTILE)), "{rows:?}");
}

#[test]
fn packs_csv_holds_each_pack() {
    let desk = TestDesk::seeded();
    desk.ok(&format!("pack buy --customer C-1 --account {BOB} --order 'ORD,\"2\"'"));
    desk.open("Mail", "");
    let rows = records(&desk.ok("packs --csv"));
    let json = desk.json("packs");
    assert_eq!(rows.len(), 2);
    for (row, value) in rows.iter().zip(items(&json)) {
        for key in ["id", "order_number", "owner", "purchased", "expires"] {
            assert_eq!(row[key], s(value, key), "{key}");
        }
        assert_eq!(row["remaining"], n(value, "remaining").to_string());
        assert_eq!(row["days_left"], value["days_left"].to_string());
    }
    assert_eq!(rows[1]["order_number"], "ORD,\"2\"");
    let only = records(&desk.ok("packs --customer C-1 --csv"));
    assert_eq!(only.len(), 2);
}

#[test]
fn csv_and_json_together_are_refused_clearly() {
    let desk = TestDesk::seeded();
    for line in ["list --csv --json", "packs --csv --json", "history C-1 --csv --json"] {
        let (status, err) = desk.fails(line);
        assert_eq!(status.code(), Some(2), "{line}: a usage error");
        let error: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
        let message = error["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("--csv") && message.contains("--json"), "{message}");
    }
}
