//! Who signs a change and when it is stamped: a frozen clock says on stderr
//! that the change backdates the history; with no engineer name at all,
//! changes are refused (exit 2) while reads still work.

mod common_cli;
use common_cli::*;

/// The binary on `desk` with no engineer from anywhere and the clock given by `now`.
fn anonymous(desk: &TestDesk, user: Option<&str>, line: &str) -> Output {
    let mut cmd = bin();
    cmd.env_remove("USER");
    if let Some(user) = user {
        cmd.env("USER", user);
    }
    output(cmd.args(["--data", desk.path_str(), "--now", NOW]).args(words(line)))
}

#[test]
fn a_change_with_now_warns_that_it_backdates_the_history() {
    let desk = TestDesk::seeded();
    let (status, _, err) = desk.run(&open_line("Queue stuck", ""));
    assert!(status.success(), "{err}");
    assert!(err.contains("backdat"), "no backdating warning:\n{err}");
    assert!(err.contains("2026-11-18T09:00:00Z"), "the instant is not named:\n{err}");
}

#[test]
fn a_change_with_incidesk_now_warns_naming_the_variable() {
    let desk = TestDesk::seeded();
    let (status, _, err) = output(
        bin()
            .env("INCIDESK_NOW", NOW)
            .args(["--data", desk.path_str(), "--engineer", ENGINEER])
            .args(words(&open_line("Queue stuck", ""))),
    );
    assert!(status.success(), "{err}");
    assert!(err.contains("INCIDESK_NOW") && err.contains("backdat"), "{err}");
}

#[test]
fn a_change_on_the_system_clock_and_a_read_with_now_do_not_warn() {
    let desk = TestDesk::seeded();
    let (status, _, err) = output(
        bin()
            .args(["--data", desk.path_str(), "--engineer", ENGINEER])
            .args(words("product add --name X --mainstream-end 2099-01-01 --extended-end 2100-01-01")),
    );
    assert!(status.success(), "{err}");
    assert!(!err.contains("backdat"), "{err}");
    let (status, _, err) = desk.run("list");
    assert!(status.success() && err.is_empty(), "{err}");
}

#[test]
fn a_refused_change_says_only_why_not_that_it_backdates() {
    let desk = TestDesk::seeded();
    let err = desk.refused("R16", &open_line("x", "--account nobody@example.com"));
    assert!(!err.contains("backdat"), "{err}");
}

#[test]
fn without_any_engineer_name_changes_are_refused_with_how_to_set_one() {
    for user in [None, Some(""), Some("  ")] {
        let desk = TestDesk::seeded();
        let before = desk.bytes();
        let (status, _, err) = anonymous(&desk, user, &open_line("Queue stuck", ""));
        assert_eq!(status.code(), Some(2), "USER={user:?}: {err}");
        assert!(err.contains("--engineer") && err.contains("INCIDESK_ENGINEER"), "{err}");
        assert!(desk.bytes() == before, "the data file changed");
    }
}

#[test]
fn without_any_engineer_name_reads_still_work() {
    let desk = TestDesk::seeded();
    let (status, out, err) = anonymous(&desk, None, "packs");
    assert!(status.success(), "{err}");
    assert!(out.contains("P-1"), "{out}");
}

#[test]
fn an_empty_incidesk_engineer_falls_back_to_user() {
    let desk = TestDesk::seeded();
    let mut cmd = bin();
    cmd.env("USER", "zoe").env("INCIDESK_ENGINEER", "");
    let (status, _, err) = output(
        cmd.args(["--data", desk.path_str(), "--now", NOW]).args(words(&open_line("Queue stuck", ""))),
    );
    assert!(status.success(), "{err}");
    let history = desk.json("history I-1");
    assert_eq!(s(&items(&history)[0], "who"), "zoe");
}
