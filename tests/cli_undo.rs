//! `incidesk undo`: the last change by this engineer, from another process
//! (every run of the binary is one), once; refused, changing no file, when
//! someone changed the records since (R21); and the terminal desk's `u`
//! undoes a change the command line made.

mod common_cli;
use common_cli::*;

/// The undo file beside the data file.
fn undo_file(desk: &TestDesk) -> Vec<u8> {
    std::fs::read(desk.dir().join("desk.json.undo")).unwrap_or_default()
}

/// `show ID --json` without what depends on the clock alone.
fn shown(desk: &TestDesk, id: &str) -> serde_json::Value {
    desk.json(&format!("show {id}"))
}

#[test]
fn undo_puts_back_what_a_contact_a_close_and_a_billing_changed() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "");
    desk.ok(&format!("propose {id} --text 'Restart the service'"));
    let steps = [
        format!("contact {id} --kind phone --note 'Called Ada' --minutes 10"),
        format!("close {id} --unresolved --note 'No fix'"),
        format!("bill {id} --refund --reason goodwill"),
    ];
    for step in &steps {
        let before = shown(&desk, &id);
        let packs = desk.json("packs");
        desk.ok(step);
        assert_ne!(shown(&desk, &id), before, "{step} changed something");
        let out = desk.ok("undo");
        assert!(out.starts_with("undo of: "), "{out}");
        assert_eq!(shown(&desk, &id), before, "undo after {step} puts the incident back");
        assert_eq!(desk.json("packs"), packs, "and the packs (the credit of a refund)");
        let history = desk.json(&format!("history {id}"));
        let last = items(&history).last().unwrap();
        assert!(s(last, "what").starts_with("undo of: "), "recorded (R21): {last}");
        assert_eq!(s(last, "who"), ENGINEER);
        // Then made again, so that the next step has something to follow.
        desk.ok(step);
    }
}

#[test]
fn a_second_undo_says_there_is_nothing_left_and_changes_nothing() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "");
    desk.ok(&format!("respond {id} --note 'On it'"));
    desk.ok("undo");
    let (data, undo) = (desk.bytes(), undo_file(&desk));
    let (status, err) = desk.fails("undo");
    assert_eq!(status.code(), Some(1));
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!((desk.bytes(), undo_file(&desk)), (data, undo));
    // The respond is undone; the open before it is not undone by a second undo.
    assert!(shown(&desk, &id)["first_response"].is_null());
}

#[test]
fn each_engineer_undoes_their_own_last_change() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "");
    desk.ok(&format!("contact {id} --kind phone --note 'eve called' --minutes 5"));
    let other = format!("--engineer max propose {} --text 'Try this'", id);
    let (status, _, err) = output(bin().args(["--data", desk.path_str(), "--now", NOW]).args(words(&other)));
    assert!(status.success(), "{err}");
    // max's undo takes his proposal away, and leaves eve's contact.
    let (status, out, err) =
        output(bin().args(["--data", desk.path_str(), "--now", NOW, "--engineer", "max", "undo"]));
    assert!(status.success(), "{err}");
    assert!(out.contains("proposed"), "{out}");
    let inc = shown(&desk, &id);
    assert_eq!(items(&inc["proposals"]).len(), 0);
    assert_eq!(items(&inc["contacts"]).len(), 1);
}

#[test]
fn undo_is_refused_when_someone_changed_the_incident_since() {
    let desk = TestDesk::seeded();
    let id = desk.open("Mail down", "");
    desk.ok(&format!("contact {id} --kind phone --note 'Called' --minutes 5"));
    let (status, _, err) = output(
        bin()
            .args(["--data", desk.path_str(), "--now", NOW, "--engineer", "max"])
            .args(words(&format!("assign {id} --to max"))),
    );
    assert!(status.success(), "{err}");
    let undo_before = undo_file(&desk);
    let err = desk.refused("R21", "undo");
    assert!(err.contains(&format!("{id} has changed since")), "{err}");
    assert!(err.contains(&format!("incidesk history {id}")), "a hint: {err}");
    assert_eq!(undo_file(&desk), undo_before, "the undo file is unchanged too");
    let (_, err) = desk.fails("undo --json");
    let error: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
    assert_eq!(error["error"]["rule"], "R21");
    assert_eq!(error["error"]["hint"]["command"], format!("incidesk history {id}"));
}

#[test]
fn undo_needs_an_engineer_name() {
    let desk = TestDesk::seeded();
    let mut cmd = bin();
    cmd.env_remove("USER");
    let (status, _, err) = output(cmd.args(["--data", desk.path_str(), "--now", NOW, "undo"]));
    assert_eq!(status.code(), Some(2));
    assert!(err.contains("--engineer"), "{err}");
}
