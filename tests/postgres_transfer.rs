//! `incidesk db import` and `db export` with the real binary: a generated
//! 10 000-incident desk, part of it archived, moved into PostgreSQL and back
//! gives a file `check` accepts and that lists, shows and reports as the
//! original does. Skipped loudly without a server (see tests/pg/mod.rs).

mod common_cli;
mod pg;

use common_cli::{NOW, bin, output};
use pg::TestDb;

fn incidesk(data: &str, args: &[&str]) -> String {
    let (status, stdout, stderr) = output(bin().args(["--data", data, "--now", NOW]).args(args));
    assert!(status.success(), "incidesk {args:?} on {data}: {stderr}");
    stdout
}

/// What people see of a desk: the open queue, every incident, a few shown
/// whole with their history, and the report.
fn views(data: &str, ids: &[&str]) -> Vec<String> {
    let mut seen =
        vec![incidesk(data, &["list"]), incidesk(data, &["list", "--all"]), incidesk(data, &["report"])];
    for id in ids {
        seen.push(incidesk(data, &["show", id]));
        seen.push(incidesk(data, &["history", id]));
    }
    seen.push(incidesk(data, &["packs"]));
    seen.push(incidesk(data, &["customers"]));
    seen
}

#[test]
fn a_generated_10k_desk_goes_into_postgres_and_back_unchanged() {
    let Some(db) = TestDb::new("a_generated_10k_desk") else { return };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("desk.json");
    let json = json.to_str().unwrap();
    incidesk(json, &["generate", "--incidents", "10000", "--seed", "5", "--out", json]);
    // Part of it in archive files, as a desk of years is.
    incidesk(json, &["archive"]);
    assert!(dir.path().join("desk.json.archive").exists(), "the generated desk has settled incidents");
    let ids = ["I-1", "I-5000", "I-9999"];
    let before = views(json, &ids);

    let url = db.url();
    let said = incidesk(&url, &["db", "import", json]);
    assert!(said.contains("10000 incidents"), "{said}");
    let again = output(bin().args(["--data", &url, "db", "import", json]));
    assert!(!again.0.success() && again.2.contains("holds a desk already"), "{}", again.2);
    assert_eq!(views(&url, &ids), before, "the database shows what the file showed");

    let back = dir.path().join("back.json");
    let back = back.to_str().unwrap();
    incidesk(&url, &["db", "export", "--out", back]);
    let checked = incidesk(back, &["check"]);
    assert!(checked.contains(": ok"), "{checked}");
    assert_eq!(views(back, &ids), before, "the exported file shows what the original showed");
}
