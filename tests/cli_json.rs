//! `--json` on every command: results as JSON on stdout, and what goes wrong
//! as exactly one JSON object on stderr with the exit code it has without
//! `--json` (docs/JSON.md).

mod common_cli;
use common_cli::*;
use serde_json::Value;

/// Runs `line --json`, which must fail with `code`; returns the one error
/// object on stderr, checking that nothing else is there.
fn json_error(desk: &TestDesk, line: &str, code: i32) -> Value {
    let (status, out, err) = desk.run(&format!("{line} --json"));
    assert_eq!(status.code(), Some(code), "{line}: {err}");
    assert!(out.is_empty(), "{line}: stdout: {out}");
    one_error(&err)
}

fn one_error(err: &str) -> Value {
    assert_eq!(err.lines().count(), 1, "one line on stderr expected:\n{err}");
    let v: Value = serde_json::from_str(err).unwrap_or_else(|e| panic!("not JSON ({e}): {err}"));
    let e = &v["error"];
    for key in ["kind", "rule", "message", "hint"] {
        assert!(e.get(key).is_some(), "no {key} in {v}");
    }
    assert!(!s(e, "message").is_empty(), "{v}");
    v["error"].clone()
}

fn strings(v: &Value) -> Vec<&str> {
    items(v).iter().map(|x| x.as_str().expect("a string")).collect()
}

#[test]
fn a_refusal_is_one_object_naming_its_rule_and_what_to_do() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Fabrikam --tz Europe/Berlin");
    desk.ok("pack buy --customer fabrikam --account x@fabrikam.com --order ORD-2");
    let e =
        json_error(&desk, &open_line("x", "--customer fabrikam --account x@fabrikam.com --coverage 24x7"), 1);
    assert_eq!((s(&e, "kind"), s(&e, "rule")), ("refusal", "R6"));
    assert!(strings(&e["hint"]["flags"]).contains(&"--on-duty-24x7"), "{e}");
    assert!(s(&e["hint"], "command").contains("--customer C-2"), "{e}");
    let e = json_error(&desk, &open_line("x", "--account nobody@example.com"), 1);
    assert_eq!((s(&e, "kind"), s(&e, "rule")), ("refusal", "R16"));
}

#[test]
fn a_usage_error_after_parsing_names_the_flags_to_choose_from() {
    let desk = TestDesk::seeded();
    desk.open("Queue stuck", "");
    let e = json_error(&desk, "close I-1", 2);
    assert_eq!(s(&e, "kind"), "usage");
    assert!(e["rule"].is_null());
    assert_eq!(strings(&e["hint"]["flags"]), ["--resolved", "--unresolved", "--withdrawn"]);
    let e = json_error(&desk, "bill I-1 --reason x", 2);
    assert_eq!(strings(&e["hint"]["flags"]), ["--charge", "--refund", "--product-defect"]);
}

#[test]
fn clap_usage_errors_are_json_when_json_is_asked_for() {
    let desk = TestDesk::seeded();
    let e = json_error(&desk, "list --sev A", 2);
    assert_eq!(s(&e, "kind"), "usage");
    assert!(strings(&e["hint"]["flags"]).contains(&"--filter"), "{e}");
    assert!(s(&e["hint"], "text").contains("sev:A"), "{e}");
    let e = json_error(&desk, "open --severity Z --customer c", 2);
    assert_eq!(strings(&e["hint"]["values"]), ["A", "B", "C"]);
    let e = json_error(&desk, "lsit", 2);
    assert!(strings(&e["hint"]["values"]).contains(&"list"), "the subcommands meant: {e}");
    // Without --json, clap's own text.
    let (status, _, err) = desk.run("lsit");
    assert_eq!(status.code(), Some(2));
    assert!(err.starts_with("error:"), "{err}");
}

#[test]
fn an_input_error_names_the_command_that_lists_what_exists() {
    let desk = TestDesk::seeded();
    let e = json_error(&desk, "show I-9", 1);
    assert_eq!(s(&e, "kind"), "input");
    assert_eq!(s(&e["hint"], "command"), "incidesk list --all");
    assert!(items(&e["hint"]["flags"]).is_empty(), "flags of the command are not flags to add: {e}");
    let e = json_error(&desk, &open_line("x", "--product nothing"), 1);
    assert_eq!(s(&e["hint"], "command"), "incidesk products");
}

#[test]
fn check_reports_store_trouble_with_every_problem() {
    let desk = TestDesk::seeded();
    let e = json_error(&desk, "check /no/such/desk.json", 1);
    assert_eq!(s(&e, "kind"), "store");
    let bad = desk.dir().join("bad.json");
    std::fs::write(&bad, "{\"version\": 1, \"customers\": 7}").unwrap();
    let e = json_error(&desk, &format!("check {}", bad.display()), 1);
    assert!(!items(&e["problems"]).is_empty(), "{e}");
    let ok = desk.json("check");
    assert_eq!((n(&ok, "customers"), n(&ok, "products"), n(&ok, "packs")), (1, 3, 1));
    assert_eq!(ok["exists"], true);
}

#[test]
fn a_change_prints_its_outcome_and_warns_as_json() {
    let desk = TestDesk::seeded();
    let (status, out, err) = desk.run(&format!("{} --json", open_line("Queue stuck", "")));
    assert!(status.success(), "{err}");
    let outcome: Value = serde_json::from_str(&out).expect("JSON outcome");
    assert_eq!(outcome["subject"]["incident"], "I-1");
    assert!(s(&outcome, "message").contains("I-1"), "{outcome}");
    let warning: Value = serde_json::from_str(err.trim()).expect("one JSON warning");
    assert_eq!(warning["warning"]["kind"], "backdated");
    assert_eq!(warning["warning"]["at"], NOW);
}

#[test]
fn with_no_engineer_the_refusal_names_flag_and_variables() {
    let desk = TestDesk::seeded();
    let mut cmd = bin();
    cmd.env_remove("USER");
    let (status, _, err) = output(cmd.args(["--data", desk.path_str(), "--json", "product", "add"]).args([
        "--name",
        "X",
        "--mainstream-end",
        "2030-01-01",
        "--extended-end",
        "2031-01-01",
    ]));
    assert_eq!(status.code(), Some(2));
    let e = one_error(&err);
    assert_eq!(strings(&e["hint"]["flags"]), ["--engineer"]);
    assert_eq!(strings(&e["hint"]["env"]), ["INCIDESK_ENGINEER", "USER"]);
}

#[test]
fn demo_generate_and_archive_print_what_they_did() {
    let desk = TestDesk::seeded();
    let demo = desk.dir().join("demo.json");
    let v = desk.json(&format!("demo --out {}", demo.display()));
    assert_eq!(s(&v, "path"), demo.to_str().unwrap());
    assert!(n(&v, "incidents") > 5, "{v}");
    let e = json_error(&desk, &format!("demo --out {}", demo.display()), 1);
    assert_eq!(s(&e, "kind"), "input");
    let generated = desk.dir().join("gen.json");
    let v = desk.json(&format!("generate --incidents 50 --seed 3 --out {}", generated.display()));
    assert_eq!((n(&v, "incidents"), n(&v, "seed")), (50, 3));
    assert!(n(&v, "customers") >= 3 && n(&v, "history") > 50, "{v}");
    let v = desk.json("archive");
    assert_eq!(n(&v["archived"], "incidents"), 0);
    assert!(v["archived"]["file"].is_null());
    assert_eq!(n(&v, "live"), 0);
}

#[test]
fn every_read_prints_json() {
    let desk = TestDesk::seeded();
    desk.open("Queue stuck", "");
    for line in ["list", "list --all", "show I-1", "history I-1", "report", "customers", "products", "packs"]
    {
        let v = desk.json(line);
        assert!(v.is_array() || v.is_object(), "{line}: {v}");
    }
}
