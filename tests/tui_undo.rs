//! The terminal desk's `u` and `incidesk undo` are one undo: the store keeps
//! each engineer's last change, so `u` undoes a change the command line
//! made (in another process, before the desk was started or while it ran),
//! and `incidesk undo` one made with the keys.

mod tui_support;
use incidesk::domain::Subject;
use incidesk::store::{JsonStore, Store};
use incidesk::ui::app::StatusKind;
use std::process::Command;
use tui_support::*;

/// Runs the command line on `path` as the desk's engineer at its instant.
fn cli(path: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_incidesk"))
        .env_remove("INCIDESK_NOW")
        .args(["--data", path.to_str().unwrap(), "--now", "2026-11-18T09:00:00Z", "--engineer", ENGINEER])
        .args(args)
        .output()
        .expect("run incidesk");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn contacts(path: &std::path::Path, id: incidesk::domain::IncidentId) -> usize {
    JsonStore::open(path).unwrap().desk().incident(id).unwrap().contacts.len()
}

#[test]
fn u_undoes_the_last_change_the_command_line_made() {
    let mut d = demo_on_file();
    let id = d.app.view.selected.unwrap();
    let before = contacts(&d.path, id);
    cli(
        &d.path,
        &["contact", &id.to_string(), "--kind", "phone", "--note", "From a script", "--minutes", "3"],
    );
    assert_eq!(contacts(&d.path, id), before + 1);
    d.app.tick();
    press(&mut d.app, "u");
    assert_eq!(d.app.status.as_ref().map(|s| s.kind.clone()), Some(StatusKind::Saved), "{:?}", d.app.status);
    assert_eq!(contacts(&d.path, id), before, "undone on disk");
    let last = d.app.desk().history_of(Subject::Incident(id)).last().unwrap();
    assert!(last.what.starts_with("undo of") && last.what.contains("From a script"), "{}", last.what);
    press(&mut d.app, "u");
    assert_eq!(d.app.status.as_ref().map(|s| s.kind.clone()), Some(StatusKind::Info), "nothing left to undo");
}

#[test]
fn incidesk_undo_undoes_a_change_made_with_the_keys() {
    let mut d = demo_on_file();
    let id = d.app.view.selected.unwrap();
    let proposals = d.app.desk().incident(id).unwrap().proposals.len();
    press(&mut d.app, "p");
    type_text(&mut d.app, "Restart the DNS client service.");
    press(&mut d.app, "Enter");
    assert_eq!(d.app.desk().incident(id).unwrap().proposals.len(), proposals + 1);
    let out = cli(&d.path, &["undo"]);
    assert!(out.contains("undo of"), "{out}");
    let on_disk = JsonStore::open(&d.path).unwrap();
    assert_eq!(on_disk.desk().incident(id).unwrap().proposals.len(), proposals);
    // The desk hears of it, and its `u` does not undo the same change twice.
    d.app.tick();
    press(&mut d.app, "u");
    assert_ne!(d.app.status.as_ref().map(|s| s.kind.clone()), Some(StatusKind::Saved), "{:?}", d.app.status);
    assert_eq!(JsonStore::open(&d.path).unwrap().desk().incident(id).unwrap().proposals.len(), proposals);
}
