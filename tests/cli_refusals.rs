//! Refusals and errors on the command line: a non-zero exit, a clear line on
//! stderr, and a data file left byte-for-byte as it was.

mod common_cli;

use common_cli::*;

#[test]
fn r1_split_without_enough_credits_is_refused() {
    let desk = TestDesk::seeded();
    desk.open("Everything broke", ""); // 4 credits left
    let err = desk.refused("R1", "split I-1 --into A --into B --into C --into D --into E");
    assert!(err.contains("5 credits"), "{err}");
    assert!(desk.json("show I-1")["split_into"] == serde_json::json!([]));
}

#[test]
fn r6_24x7_without_a_contact_on_duty_is_refused() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Fabrikam --tz America/New_York");
    desk.ok("pack buy --customer fabrikam --account joe@fabrikam.com --order F-1");
    let line = open_line("Night outage", "--customer fabrikam --account joe@fabrikam.com --coverage 24x7");
    let err = desk.refused("R6", &line);
    assert!(err.contains("--on-duty-24x7"), "{err}");
}

#[test]
fn r9_ended_product_is_refused_naming_the_end_date() {
    let desk = TestDesk::seeded();
    let err = desk.refused("R9", &open_line("Old server", "--product PR-3"));
    assert!(err.contains("Mail Server 2010") && err.contains("2026-11-18"), "{err}");
    // Extended support still takes incidents.
    assert_eq!(desk.open("Older server", "--product PR-2"), "I-1");
}

#[test]
fn r10_each_out_of_scope_category_is_refused() {
    let desk = TestDesk::seeded();
    for category in [
        "feature-suggestion",
        "on-site",
        "root-cause-analysis",
        "custom-code",
        "developer-api",
        "security-response",
    ] {
        let err = desk.refused("R10", &open_line("Not ours", &format!("--category {category}")));
        assert!(err.contains("out of scope"), "{category}: {err}");
    }
}

#[test]
fn r11_card_billing_is_refused_and_sent_to_the_portal() {
    let desk = TestDesk::seeded();
    let err = desk.refused("R11", &open_line("Card charged twice", "--category card-billing"));
    assert!(err.contains("account portal"), "{err}");
}

#[test]
fn r12_resolving_without_a_proposal_is_refused() {
    let desk = TestDesk::seeded();
    desk.open("No idea yet", "");
    let err = desk.refused("R12", "close I-1 --resolved");
    assert!(err.contains("unresolved"), "the refusal points to R13: {err}");
    desk.ok("close I-1 --unresolved");
}

#[test]
fn r14_refund_of_a_resolved_incident_needs_a_product_defect() {
    let desk = TestDesk::seeded();
    desk.open("Fixed", "");
    desk.ok("propose I-1 --text 'Reboot'");
    desk.ok("close I-1 --resolved");
    let err = desk.refused("R14", "bill I-1 --refund --reason 'Customer unhappy'");
    assert!(err.contains("--product-defect"), "{err}");
    desk.ok("bill I-1 --refund --reason 'Known bug' --product-defect");
    desk.refused("R14", "bill I-1 --charge --reason Again");
}

#[test]
fn r14_no_credits_left_is_refused() {
    let desk = TestDesk::seeded();
    for i in 1..=5 {
        desk.open(&format!("Problem {i}"), "");
    }
    let err = desk.refused("R14", &open_line("One too many", ""));
    assert!(err.contains("new pack"), "{err}");
}

#[test]
fn r16_another_account_is_refused() {
    let desk = TestDesk::seeded();
    let err = desk.refused("R16", &open_line("Not my pack", "--account mallory@contoso.com"));
    assert!(err.contains("mallory@contoso.com"), "{err}");
}

#[test]
fn r17_expired_pack_is_refused() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Fabrikam --tz America/New_York");
    desk.ok("pack buy --customer fabrikam --account joe@fabrikam.com --order F-1 --date 2025-10-01");
    let pack = &desk.json("packs --customer fabrikam")[0];
    assert_eq!((pack["expired"].as_bool(), n(pack, "available")), (Some(true), 0));
    let line = open_line("Too late", "--customer fabrikam --account joe@fabrikam.com");
    let err = desk.refused("R17", &line);
    assert!(err.contains("2026-10-01"), "{err}");
}

#[test]
fn r18_wrong_order_number_is_refused() {
    let desk = TestDesk::seeded();
    desk.refused("R18", &format!("pack transfer --order ORD-9999 --to {BOB}"));
    desk.refused("R18", &format!("pack transfer P-1 --order ORD-9999 --to {BOB}"));
    assert!(!desk.ok("history P-1").contains("transferred"));
}

#[test]
fn r16_r18_after_a_transfer_only_the_new_owner_submits() {
    let desk = TestDesk::seeded();
    desk.ok(&format!("pack transfer P-1 --order ord-1001 --to {BOB}"));
    let err = desk.refused("R16", &open_line("From Ada", ""));
    assert!(err.contains(BOB), "the refusal names the new owner: {err}");
    assert_eq!(desk.open("From Bob", &format!("--account {BOB}")), "I-1");
}

#[test]
fn unknown_incident_is_an_error() {
    let desk = TestDesk::seeded();
    for line in ["show I-99", "history I-99", "respond I-99", "close I-99 --withdrawn"] {
        let (_, err) = desk.fails(line);
        assert!(err.contains("I-99"), "{line}: {err}");
        assert_eq!(err.lines().count(), 1, "{line}: {err}");
    }
    let (status, err) = desk.fails("show not-an-id");
    assert!(err.contains("not-an-id"), "{status}: {err}");
}

#[test]
fn bad_severity_is_a_usage_error() {
    let desk = TestDesk::seeded();
    desk.open("Real", "");
    let (status, err) = desk.fails("severity I-1 D --reason Worse");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("'D' is not a severity"), "{err}");
    let (status, _) = desk.fails(&open_line("Bad", "--severity Z"));
    assert_eq!(status.code(), Some(2));
}

#[test]
fn bad_date_is_a_usage_error() {
    let desk = TestDesk::seeded();
    let (status, err) = desk.fails("pack buy --customer C-1 --account x --order O-2 --date 2026-13-01");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (status, _) = desk.fails("customer tax-exempt --customer C-1 --reference R --received 18/11/2026");
    assert_eq!(status.code(), Some(2));
}

#[test]
fn bad_now_is_a_usage_error() {
    let desk = TestDesk::seeded();
    let (status, _, err) = run(&["--data", desk.path_str(), "--now", "yesterday", "list"]);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("RFC 3339"), "{err}");
    let mut cmd = bin();
    cmd.env("INCIDESK_NOW", "soon").args(["--data", desk.path_str(), "list"]);
    let (status, _, err) = output(&mut cmd);
    assert_eq!(status.code(), Some(2), "{err}");
}

#[test]
fn bad_time_zone_is_refused_with_a_hint() {
    let desk = TestDesk::empty();
    let (_, err) = desk.fails("customer add --name Martians --tz Mars/Olympus_Mons");
    assert!(err.contains("Mars/Olympus_Mons") && err.contains("IANA"), "{err}");
    assert!(!desk.path.exists(), "nothing is written");
}

/// A data file that is not JSON: a comma is missing on line 3.
const CORRUPT: &str = "{\n  \"schema_version\": 1\n  \"desk\": {}\n}\n";

#[test]
fn corrupt_data_file_is_reported_with_path_and_position() {
    let desk = TestDesk::empty();
    std::fs::write(&desk.path, CORRUPT).unwrap();
    for line in ["list", "report", "respond I-1", &open_line("Any", "")] {
        let (_, err) = desk.fails(line);
        assert!(err.contains(desk.path_str()), "{line}: no path in {err}");
        assert!(err.contains("line 3, column 3"), "{line}: no position in {err}");
    }
}

#[test]
fn check_lists_the_problems_of_a_bad_file() {
    let desk = TestDesk::empty();
    std::fs::write(&desk.path, CORRUPT).unwrap();
    let (_, err) = desk.fails("check");
    assert!(err.contains(desk.path_str()) && err.contains("line 3"), "{err}");
    let (status, _, err) = run(&["check", desk.path_str()]);
    assert!(!status.success() && err.contains("not valid JSON"), "{err}");

    // Valid JSON whose incident names a pack that does not exist.
    let good = TestDesk::seeded();
    good.open("Real", "");
    let mut doc: serde_json::Value = serde_json::from_slice(&good.bytes()).unwrap();
    doc["desk"]["incidents"][0]["pack"] = "P-9".into();
    std::fs::write(&good.path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let (_, err) = good.fails("check");
    assert!(err.contains("P-9"), "{err}");
}

#[test]
fn hints_are_said_in_command_line_terms() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Fabrikam --tz America/New_York");
    desk.ok("pack buy --customer fabrikam --account joe@fabrikam.com --order F-1");
    let line = open_line("Night outage", "--customer fabrikam --account joe@fabrikam.com --coverage 24x7");
    let err = desk.refused("R6", &line);
    assert!(
        err.trim_end()
            .ends_with("reachable round the clock: add one with --on-duty-24x7, or choose business hours"),
        "{err}"
    );
    let (status, err) = desk.fails("respond I-99");
    assert_eq!(status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim_end(),
        "incidesk: refused: there is no incident I-99: check the id with `incidesk list --all`"
    );
    desk.open("Fixed", "");
    let (_, err) = desk.fails("pack transfer P-9 --order X --to someone");
    assert!(err.trim_end().ends_with("there is no pack P-9: see `incidesk packs`"), "{err}");
    let (status, _, err) = desk.run_at("2020-01-01T00:00:00Z", "respond I-1");
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.trim_end().ends_with("): check --now"), "{err}");
}
