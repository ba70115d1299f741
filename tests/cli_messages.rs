//! Messages that help: each mistake is answered with what to type instead,
//! not only with what was wrong.

mod common_cli;

use common_cli::*;

/// One incident, I-1, open on the seeded desk.
fn desk_with_one() -> TestDesk {
    let desk = TestDesk::seeded();
    desk.open("Mail stuck", "");
    desk
}

#[test]
fn close_without_a_way_lists_all_three() {
    let desk = desk_with_one();
    let (status, err) = desk.fails("close I-1");
    assert_eq!(status.code(), Some(2), "a usage error: {err}");
    assert!(err.contains("choose one of --resolved, --unresolved, --withdrawn"), "{err}");
    desk.ok("close I-1 --withdrawn");
}

#[test]
fn bill_without_a_decision_says_both_and_product_defect_alone_refunds() {
    let desk = desk_with_one();
    desk.ok("close I-1 --unresolved");
    let (status, err) = desk.fails("bill I-1 --reason x");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("choose --charge or --refund; --product-defect alone means a refund"), "{err}");
    desk.ok("bill I-1 --reason 'Bug in the product' --product-defect");
    let shown = desk.json("show I-1");
    assert_eq!(s(&shown, "billing_state"), "refunded", "{shown}");
}

#[test]
fn a_date_out_of_range_says_which_part() {
    let desk = TestDesk::seeded();
    let line = "product add --name X --extended-end 2030-01-01 --mainstream-end";
    let (status, err) = desk.fails(&format!("{line} 2026-13-01"));
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("month 13 doesn't exist"), "{err}");
    let (_, err) = desk.fails(&format!("{line} 2026-02-30"));
    assert!(err.contains("February 2026 has 28 days"), "{err}");
    // Every date flag parses the same way.
    for line in [
        "pack buy --customer C-1 --account x --order O-2 --date 2028-02-30",
        "customer tax-exempt --customer C-1 --reference R --received 2028-02-30",
        "customer add --name Y --tz UTC --holiday 2028-02-30",
        "product add --name X --mainstream-end 2027-01-01 --extended-end 2028-02-30",
    ] {
        let (status, err) = desk.fails(line);
        assert_eq!(status.code(), Some(2), "{line}: {err}");
        assert!(err.contains("February 2028 has 29 days"), "{line}: {err}");
    }
}

#[test]
fn an_instant_without_offset_says_to_add_one() {
    let desk = TestDesk::seeded();
    let (status, _, err) = run(&["--data", desk.path_str(), "--now", "2026-11-18T09:00:00", "list"]);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("it has no UTC offset: add Z or +01:00"), "{err}");
}

#[test]
fn a_bad_incidesk_now_names_the_variable() {
    let desk = TestDesk::seeded();
    let (status, _, err) =
        output(bin().env("INCIDESK_NOW", "garbage").args(["--data", desk.path_str(), "list"]));
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("INCIDESK_NOW") && err.contains("garbage"), "{err}");
    assert!(!err.contains("--now"), "the flag was not typed: {err}");
}

#[test]
fn minutes_are_whole_minutes() {
    let desk = desk_with_one();
    let (status, err) = desk.fails("contact I-1 --kind phone --note Called --minutes 1h");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("whole minutes, e.g. 45"), "{err}");
}

#[test]
fn a_wrong_id_gives_an_example() {
    let desk = desk_with_one();
    let (status, err) = desk.fails("show X-1");
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("'X-1' is not an incident id (e.g. I-7)"), "{err}");
}

#[test]
fn history_of_a_missing_id_hints_like_show() {
    let desk = desk_with_one();
    let (_, err) = desk.fails("history PR-99");
    assert!(err.trim_end().ends_with("there is no product PR-99: see `incidesk products`"), "{err}");
    let (_, err) = desk.fails("history I-99");
    let (_, shown) = desk.fails("show I-99");
    assert_eq!(err, shown, "history and show say the same of a missing incident");
    let (_, err) = desk.fails("history P-9");
    assert!(err.trim_end().ends_with("see `incidesk packs`"), "{err}");
}

#[test]
fn check_of_a_path_that_is_not_there_fails() {
    let desk = TestDesk::empty();
    let typo = desk.dir().join("typo.json");
    let (status, _, err) = run(&["check", typo.to_str().unwrap()]);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("typo.json") && err.contains("no such file"), "{err}");
    // The data file itself, before anything is saved, is an empty desk.
    let (status, out, err) = run(&["--data", desk.path_str(), "check"]);
    assert!(status.success(), "{err}");
    assert!(!out.is_empty());
}

#[test]
fn list_flags_that_are_filter_words_suggest_the_filter() {
    let desk = desk_with_one();
    for (typed, filter) in [
        ("list --sev A", "--filter \"sev:A\""),
        ("list --severity B", "--filter \"sev:B\""),
        ("list --state breached", "--filter \"state:breached\""),
        ("list --customer contoso", "--filter \"customer:contoso\""),
        ("list --eng eve", "--filter \"eng:eve\""),
        ("list --status open", "--filter \"status:open\""),
        ("list --cov=24x7", "--filter \"cov:24x7\""),
    ] {
        let (status, err) = desk.fails(typed);
        assert_eq!(status.code(), Some(2), "{typed}: {err}");
        assert!(err.contains(filter), "{typed}: {err}");
    }
    assert!(desk.ok("list --filter \"sev:B\"").contains("I-1"));
}

#[test]
fn an_unknown_flag_that_is_not_utf8_is_still_a_usage_error() {
    use std::os::unix::ffi::OsStrExt as _;
    let desk = desk_with_one();
    let flag = std::ffi::OsStr::from_bytes(b"--sev\xff");
    let (status, _, err) = output(bin().args(["--data", desk.path_str(), "list"]).arg(flag).arg("A"));
    assert_eq!(status.code(), Some(2), "a usage error, not a panic: {err}");
}

#[test]
fn demo_with_a_read_reads_the_demo_and_a_change_is_refused() {
    let desk = TestDesk::empty();
    let demo = |args: &[&str]| {
        output(
            bin()
                .args(["--demo", "--now", NOW, "--engineer", ENGINEER, "--data", desk.path_str()])
                .args(args),
        )
    };
    let (status, out, err) = demo(&["list"]);
    assert!(status.success(), "{err}");
    assert!(out.lines().count() > 5, "the demo's queue, not the empty desk:\n{out}");
    let (status, out, _) = demo(&["--json", "show", "I-1"]);
    assert!(status.success() && out.contains("\"id\": \"I-1\""), "{out}");
    let (status, _, err) = demo(&["respond", "I-1", "--note", "x"]);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("throw-away") && err.contains("incidesk demo --out demo.json"), "{err}");
    assert!(!desk.path.exists(), "nothing was written");
}
