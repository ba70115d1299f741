//! Exit codes a script can act on: "done, but its output could not be
//! written" (3) is told apart from "not done" (1), so a script that retries
//! on failure does not open a duplicate.

mod common_cli;

use common_cli::*;
use std::process::Stdio;

#[test]
fn a_change_whose_output_fails_says_it_was_saved_and_exits_3() {
    let desk = TestDesk::seeded();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let mut cmd = bin();
    cmd.args(["--data", desk.path_str(), "--now", NOW, "--engineer", ENGINEER]);
    cmd.args(words(&open_line("Disk full", "")));
    cmd.stdout(Stdio::from(full));
    let (status, _, err) = output(&mut cmd);
    assert_eq!(status.code(), Some(3), "{err}");
    assert!(err.contains("I-1 opened"), "the id is on stderr too: {err}");
    assert!(err.contains("was saved"), "{err}");
    let list = desk.json("list");
    assert_eq!(ids(&list), vec!["I-1"], "the incident was opened once");
}

#[test]
fn a_refusal_is_still_1() {
    let desk = TestDesk::seeded();
    let (status, err) = desk.fails("respond I-9 --note hello");
    assert_eq!(status.code(), Some(1), "{err}");
}
