//! The archive (issue 5): settled incidents move out of the data file into an
//! archive file, and nothing anyone can see changes: the board's all-time
//! figures (R8), every incident's history (R21), `list --all`, `show`, pack
//! ledgers (R14). A change naming an archived incident brings it back.

mod common_cli;

use common_cli::*;
use incidesk::domain::archive::SETTLED_DAYS;
use incidesk::domain::{Billing, Desk, IncidentId};
use serde_json::Value;

/// A generated desk of 400 incidents (three years, most closed) written
/// with `generate` at NOW.
fn generated() -> TestDesk {
    let desk = TestDesk::empty();
    let out = desk.ok(&format!("generate --incidents 400 --out {}", desk.path_str()));
    assert!(out.is_empty() || out.contains("400"), "{out}");
    desk
}

fn live(desk: &TestDesk) -> Desk {
    incidesk::store::decode(&desk.path, &desk.bytes()).expect("the data file loads")
}

/// An old, resolved (so settled) incident: the first one resolved.
fn old_resolved(d: &Desk) -> IncidentId {
    d.incidents
        .iter()
        .find(|i| i.closed.as_ref().is_some_and(|c| c.how == incidesk::domain::Closing::Resolved))
        .map(|i| i.id)
        .expect("a resolved incident")
}

#[test]
fn r8_r21_archiving_changes_nothing_anyone_can_see() {
    let desk = generated();
    let before = live(&desk);
    let old = old_resolved(&before);
    let views = |desk: &TestDesk| -> Vec<Value> {
        vec![
            desk.json("report"),
            desk.json("list"),
            desk.json("list --all"),
            desk.json(&format!("show {old}")),
            desk.json(&format!("history {old}")),
            desk.json("packs"),
        ]
    };
    let seen = views(&desk);
    let size = desk.bytes().len();

    let out = desk.ok("archive");
    assert!(out.starts_with("archived "), "{out}");
    let after = live(&desk);
    assert!(after.archive.holds(old) && after.incident(old).is_none(), "{old} moved out");
    assert!(after.history.iter().all(|h| h.subject != incidesk::domain::Subject::Incident(old)));
    assert!(desk.bytes().len() * 2 < size, "the data file shrank: {} → {}", size, desk.bytes().len());
    assert!(desk.dir().join("desk.json.archive/000001.json").exists());
    assert_eq!(after.incidents.iter().filter(|i| i.is_open()).count(), before.open_count());
    assert_eq!(views(&desk), seen, "every view reads the same after archiving");
    assert!(desk.ok("check").contains("ok, schema 2"));

    // Nothing is settled twice: a second run has nothing to move.
    assert!(desk.ok("archive").starts_with("nothing to archive"));
}

trait OpenCount {
    fn open_count(&self) -> usize;
}

impl OpenCount for Desk {
    fn open_count(&self) -> usize {
        self.incidents.iter().filter(|i| i.is_open()).count()
    }
}

#[test]
fn archives_only_settled_incidents() {
    let desk = generated();
    let now: incidesk::domain::Instant = NOW.parse().unwrap();
    let before = live(&desk);
    desk.ok("archive");
    let after = live(&desk);
    let cutoff = now - chrono::Duration::days(SETTLED_DAYS);
    for inc in &before.incidents {
        let settled = inc.closed.as_ref().is_some_and(|c| c.at <= cutoff)
            && inc.billing_state() != Billing::Pending
            && !inc
                .split_from
                .iter()
                .chain(&inc.split_into)
                .any(|r| before.incident(*r).is_some_and(|r| r.is_open()));
        assert_eq!(after.archive.holds(inc.id), settled, "{} ({})", inc.id, inc.status());
        assert_eq!(after.incident(inc.id).is_some(), !settled, "{}", inc.id);
    }
    // Open incidents and recent closings stay; old ones went.
    assert!(after.incidents.iter().any(|i| i.is_open()));
    assert!(after.incidents.iter().any(|i| !i.is_open()));
    assert!(after.archive.len() > after.incidents.len());
}

#[test]
fn r14_refund_of_an_archived_incident_brings_it_back() {
    let desk = generated();
    let outcomes = |desk: &TestDesk| desk.json("report")["severities"].clone();
    let before = outcomes(&desk);
    assert_eq!(before.as_array().map(Vec::len), Some(3), "one row per severity");
    desk.ok("archive");
    let d = live(&desk);
    let all = desk.json("list --all");
    let id: IncidentId = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| s(r, "billing") == "charged")
        .map(|r| s(r, "id").parse().unwrap())
        .find(|id| d.archive.holds(*id))
        .expect("an archived incident");
    refund(&desk, id);
    // R8: the board's all-time outcomes count it once, live again now.
    assert_eq!(outcomes(&desk), before);
}

fn refund(desk: &TestDesk, id: IncidentId) {
    let pack = desk.json(&format!("show {id}"))["pack"].as_str().unwrap().to_string();
    let ledger = |desk: &TestDesk| desk.json(&format!("history {pack}")).as_array().unwrap().len();
    let lines = ledger(desk);
    let out = desk.ok(&format!("bill {id} --refund --product-defect --reason 'defect found later'"));
    assert!(out.contains("refund"), "{out}");
    let d = live(desk);
    let inc = d.incident(id).expect("brought back to the live desk");
    assert_eq!(inc.billing_state(), Billing::Refunded);
    assert!(!d.archive.holds(id));
    assert!(
        d.history.iter().any(|h| h.subject == incidesk::domain::Subject::Incident(id)),
        "its history came back"
    );
    assert!(ledger(desk) > lines, "the refund is in the pack's history");
    // Still listed once.
    let all = desk.json("list --all");
    assert_eq!(all.as_array().unwrap().iter().filter(|r| s(r, "id") == id.to_string()).count(), 1);
    assert!(desk.ok("check").contains("ok"));
}

#[test]
fn a_missing_archive_file_is_named_and_the_live_desk_still_works() {
    let desk = generated();
    desk.ok("archive");
    let segment = desk.dir().join("desk.json.archive/000001.json");
    std::fs::rename(&segment, desk.dir().join("elsewhere.json")).unwrap();
    let bytes = desk.bytes();
    assert!(desk.ok("list").lines().count() > 1, "today's queue needs no archive");
    let (status, err) = desk.fails("list --all");
    assert!(!status.success());
    assert!(err.contains("000001.json") && err.contains("restore it from a backup"), "{err}");
    assert_eq!(desk.bytes(), bytes, "the data file is untouched");
}

#[test]
fn a_desk_without_archive_stays_schema_1() {
    let desk = TestDesk::seeded();
    let v: Value = serde_json::from_slice(&desk.bytes()).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert!(desk.ok("archive").starts_with("nothing to archive"));
    let v: Value = serde_json::from_slice(&desk.bytes()).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert!(v["desk"].get("archive").is_none());
}

#[test]
fn a_change_archives_a_desk_far_behind_on_its_own() {
    let desk = generated();
    let d = live(&desk);
    let open = d.incidents.iter().find(|i| i.is_open()).expect("an open incident").id.to_string();
    let settled = d.settled(NOW.parse().unwrap()).len();
    assert!(settled > 100, "{settled}");
    let change = |min: usize, to: &str| {
        let (status, _, err) = output(
            bin()
                .env("INCIDESK_AUTO_ARCHIVE", min.to_string())
                .args(["--data", desk.path_str(), "--now", NOW, "--engineer", ENGINEER])
                .args(["assign", &open, "--to", to]),
        );
        assert!(status.success(), "{err}");
        err
    };
    // (Only the frozen clock's warning: nothing archived.)
    let said = change(settled + 1, "Ann");
    assert!(!said.contains("archived"), "{said}");
    assert!(live(&desk).archive.is_empty(), "fewer than the threshold: one file still");
    let said = change(settled, "Bob");
    assert!(
        said.contains(&format!("archived {settled} incidents")) && said.contains("000001.json"),
        "{said}"
    );
    let after = live(&desk);
    assert_eq!(after.archive.len(), settled, "archived with the change");
    assert_eq!(after.incident(open.parse().unwrap()).map(|i| i.engineer.as_str()), Some("Bob"));
}

/// Every file beside the desk, by name, with its bytes.
fn all_files(desk: &TestDesk) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![desk.dir().to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_refused_change_to_an_archived_incident_leaves_every_file_as_it_was() {
    let desk = generated();
    let old = old_resolved(&live(&desk));
    desk.ok("archive");
    let before = all_files(&desk);
    // Closing a closed incident is refused (R12): decided on the whole
    // record before anything is brought back.
    let (status, err) = desk.fails(&format!("close {old} --withdrawn"));
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("refused"), "{err}");
    assert_eq!(all_files(&desk), before, "no file changed");
    assert!(live(&desk).archive.holds(old), "{old} stays archived");
}

#[test]
fn a_change_to_an_incident_missing_from_its_archive_file_changes_nothing() {
    let desk = generated();
    let old = old_resolved(&live(&desk));
    desk.ok("archive");
    // The archive file loses the incident (a hand edit, a bad restore).
    let seg = desk.dir().join("desk.json.archive/000001.json");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&seg).unwrap()).unwrap();
    let id = serde_json::to_value(old).unwrap();
    doc["incidents"].as_array_mut().unwrap().retain(|i| i["id"] != id);
    std::fs::write(&seg, serde_json::to_vec(&doc).unwrap()).unwrap();
    let before = all_files(&desk);
    let (status, err) = desk.fails(&format!("bill {old} --refund --product-defect --reason late"));
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(
        err.contains(&old.to_string()) && err.contains("000001.json"),
        "names the incident and the file: {err}"
    );
    assert_eq!(all_files(&desk), before, "no file changed");
}

#[test]
fn check_of_the_backup_of_an_archived_desk_reads_the_desks_archive() {
    let desk = generated();
    desk.ok("archive");
    // One more change, so that the backup is a desk with archive files too.
    desk.ok("customer add --name Later --tz UTC");
    let bak = format!("{}.bak", desk.path_str());
    let out = desk.ok(&format!("check {bak}"));
    assert!(out.contains("ok, schema 2") && out.contains("archived"), "{out}");
}
