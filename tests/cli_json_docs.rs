//! docs/JSON.md and the program agree: every section of the page that lists
//! fields is run here, and its result has exactly the fields listed (the
//! records taken from the data file: at least the extra fields listed);
//! every CSV section lists the header row's columns in order. A section
//! without a check here, or a check without its section, fails.

mod common_cli;
mod pg;

use common_cli::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The page's sections (`##` and `###` headings) and the names in the
/// first column of their tables (`` `a` ``, `` `a.b` ``, `` `a[].b` ``).
fn documented() -> BTreeMap<String, Vec<String>> {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/JSON.md")).unwrap();
    let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut heading = String::new();
    for line in page.lines() {
        if let Some(h) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")) {
            heading = h.trim().to_string();
        } else if let Some(cell) = line.strip_prefix("| `").map(|l| l.split(" |").next().unwrap_or_default())
        {
            let names =
                format!("`{cell}").split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>();
            sections.entry(heading.clone()).or_default().extend(names);
        }
    }
    sections
}

/// Every field path of `value`: `a`, `a.b`, `a[].b` (an array's first
/// element stands for all; a top-level array is its element).
fn paths(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                for (key, field) in fields {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    out.insert(path.clone());
                    walk(field, &path, out);
                }
            }
            Value::Array(items) => {
                if let Some(first) = items.iter().find(|i| i.is_object()) {
                    walk(first, &if prefix.is_empty() { String::new() } else { format!("{prefix}[]") }, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, "", &mut out);
    out
}

/// How a section's fields must match the result.
#[derive(Clone, Copy, PartialEq)]
enum Match {
    /// Every documented path is there and every top-level field is documented.
    Exact,
    /// The documented (extra) fields are there; the record has more.
    Extras,
}

/// Checks `results` (at least one) against the section `heading`.
fn agree(docs: &BTreeMap<String, Vec<String>>, heading: &str, results: &[Value], how: Match) {
    let listed = docs.get(heading).unwrap_or_else(|| panic!("docs/JSON.md has no fields under {heading}"));
    let seen: BTreeSet<String> = results.iter().flat_map(paths).collect();
    for name in listed {
        assert!(seen.contains(name), "{heading}: `{name}` is documented but not in the result: {seen:?}");
    }
    if how == Match::Exact {
        for name in seen.iter().filter(|p| !p.contains('.') && !p.contains('[')) {
            assert!(listed.contains(name), "{heading}: `{name}` is in the result but not documented");
        }
    }
}

/// The bundled demo desk placed around NOW: packs expiring, alerts due.
fn demo() -> TestDesk {
    let desk = TestDesk::empty();
    desk.ok(&format!("demo --out {}", desk.path_str()));
    desk
}

/// `line` on `desk` with --json, parsed (JSON lines: each line).
fn lines_of(desk: &TestDesk, line: &str) -> Vec<Value> {
    desk.ok(&format!("{line} --json"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The first line on stderr of a failed `line` with --json, parsed.
fn error_of(desk: &TestDesk, line: &str) -> Value {
    let (_, err) = desk.fails(&format!("{line} --json"));
    serde_json::from_str(err.lines().next().unwrap_or_default()).expect("a JSON error")
}

#[test]
fn every_documented_json_result_has_the_documented_fields() {
    let docs = documented();
    let mut checked: BTreeSet<&str> = BTreeSet::new();
    let mut check = |heading: &'static str, results: &[Value], how: Match| {
        agree(&docs, heading, results, how);
        checked.insert(heading);
    };
    let desk = demo();
    check("`list`", &[desk.json("list --all")], Match::Exact);
    check("`show ID`", &[desk.json("show I-1")], Match::Extras);
    // Every incident's, so that entries with a before and after are among them.
    let histories: Vec<Value> = (1..=29)
        .flat_map(|n| match desk.json(&format!("history I-{n}")) {
            Value::Array(entries) => entries,
            other => vec![other],
        })
        .collect();
    check("`history ID`", &histories, Match::Exact);
    check("`report`", &[desk.json("report")], Match::Exact);
    let grouped: Vec<Value> = ["--by customer", "--from 2026-01-01 --to 2026-12-31", "--by engineer"]
        .iter()
        .map(|flags| desk.json(&format!("report {flags}")))
        .collect();
    check("`report --from DATE --to DATE --by GROUP`", &grouped, Match::Exact);
    check("`customers`", &[desk.json("customers")], Match::Extras);
    check("`products`", &[desk.json("products")], Match::Extras);
    check("`packs`", &[desk.json("packs")], Match::Exact);
    check("`check [PATH]`", &[desk.json("check")], Match::Exact);
    check("`watch`", &lines_of(&desk, "watch --once"), Match::Exact);
    check("`config`", &[desk.json("config")], Match::Exact);
    check("Changes", &[desk.json("respond I-27 --note 'On it'")], Match::Exact);
    let undo = desk.json("undo");
    assert!(s(&undo, "message").starts_with("undo of: "), "{undo}");
    check("`undo`", &[undo], Match::Exact);
    check("`archive`", &[desk.json("archive")], Match::Exact);
    let other = TestDesk::empty();
    check("`demo`", &[other.json(&format!("demo --out {}", other.path_str()))], Match::Exact);
    let generated = other.dir().join("g.json");
    let generated = other.json(&format!("generate --incidents 20 --out {}", generated.display()));
    check("`generate`", &[generated], Match::Exact);

    // Errors: the error object and its hint; `problems` from `check`.
    let refused = error_of(&desk, "show I-999");
    let bad = other.dir().join("bad.json");
    std::fs::write(&bad, "{\"customers\": 7}").unwrap();
    let problems = error_of(&desk, &format!("check {}", bad.display()));
    let errors = [&refused["error"], &refused["error"]["hint"], &problems["error"]];
    check("Errors", &errors.map(Clone::clone), Match::Exact);
    let (_, _, err) = desk.run("respond I-25 --note Hello --json");
    let warning: Value = serde_json::from_str(err.lines().next().unwrap_or_default()).expect("a warning");
    check("Warnings", &[warning["warning"].clone()], Match::Extras);

    if let Some(db) = pg::TestDb::new("json_docs_db") {
        let url = db.url();
        let on_db = |line: &str| -> Value {
            let (status, out, err) = output(bin().arg("--data").arg(&url).args(words(line)).arg("--json"));
            assert!(status.success(), "{line}: {err}");
            serde_json::from_str(&out).expect("JSON")
        };
        let out = other.dir().join("back.json");
        let results = [
            on_db("db migrate"),
            on_db("db grant --engineer json_docs_eve"),
            on_db(&format!("db import {}", desk.path_str())),
            on_db(&format!("db export --out {}", out.display())),
        ];
        check("`db migrate`, `db grant`, `db import`, `db export`", &results, Match::Exact);
    } else {
        checked.insert("`db migrate`, `db grant`, `db import`, `db export`");
    }

    let csv: Vec<&str> = ["`list --csv`", "`packs --csv`", "`history --csv`", "`report --csv`"].into();
    for heading in docs.keys().filter(|h| !csv.contains(&h.as_str())) {
        assert!(checked.contains(heading.as_str()), "docs/JSON.md section {heading} is checked by no test");
    }
}

#[test]
fn every_documented_csv_header_is_the_one_printed_in_order() {
    let docs = documented();
    let desk = demo();
    for (heading, line) in [
        ("`list --csv`", "list --csv"),
        ("`packs --csv`", "packs --csv"),
        ("`history --csv`", "history I-1 --csv"),
        ("`report --csv`", "report --csv"),
    ] {
        let text = desk.ok(line);
        let header: Vec<String> =
            csv::Reader::from_reader(text.as_bytes()).headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(docs.get(heading), Some(&header), "{heading} in docs/JSON.md");
    }
}
