//! Years of incidents in PostgreSQL: a generated desk imported whole (none
//! of it archived in the file) opens with the live incidents only (open,
//! and closed ones not yet settled), while the closed ones stay one query
//! away: `show`, `history` and `list --all` find them, and the board's
//! figures are those of the whole file. Skipped loudly without a server.

mod common_cli;
mod pg;

use common_cli::{NOW, bin, output};
use incidesk::store::{OpenStore as _, Reading};
use pg::TestDb;

fn incidesk(data: &str, args: &[&str]) -> String {
    let (status, stdout, stderr) = output(bin().args(["--data", data, "--now", NOW]).args(args));
    assert!(status.success(), "incidesk {args:?} on {data}: {stderr}");
    stdout
}

fn count(db: &TestDb, query: &str) -> usize {
    let n: i64 = db.client_as("postgres").query_one(query, &[]).unwrap().get(0);
    usize::try_from(n).unwrap()
}

#[test]
fn the_desk_opens_with_the_live_incidents_and_finds_closed_ones_on_demand() {
    let Some(db) = TestDb::new("years_of_incidents") else { return };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("desk.json");
    let json = json.to_str().unwrap();
    incidesk(json, &["generate", "--incidents", "3000", "--seed", "7", "--out", json]);
    let url = db.url();
    let said = incidesk(&url, &["db", "import", json]);
    assert!(said.contains("3000 incidents"), "{said}");

    let total = count(&db, "SELECT count(*) FROM incidents");
    let live = count(&db, "SELECT count(*) FROM incidents WHERE NOT archived");
    let open = count(&db, "SELECT count(*) FROM incidents WHERE open");
    assert_eq!(total, 3000);
    assert!(open > 0 && live >= open, "live {live}, open {open}");
    assert!(live * 4 < total, "most of three years is settled and stays in the database: live {live}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM incidents WHERE open AND archived"),
        0,
        "no open one archived"
    );

    // What a client reads at start: the live incidents, no archived one.
    let store = db.opener().open(Reading::WithoutHistory).unwrap();
    let desk = store.desk();
    assert_eq!(desk.incidents.len(), live, "only the live incidents are read");
    assert_eq!(desk.incidents.iter().filter(|i| i.is_open()).count(), open, "every open one");
    assert!(desk.history.is_empty(), "no history read for the queue");

    // The closed ones are one query away, and the board counts them all.
    let archived: i64 = db
        .client_as("postgres")
        .query_one("SELECT min(id) FROM incidents WHERE archived", &[])
        .unwrap()
        .get(0);
    let id = format!("I-{archived}");
    assert_eq!(incidesk(&url, &["show", &id]), incidesk(json, &["show", &id]));
    assert_eq!(incidesk(&url, &["history", &id]), incidesk(json, &["history", &id]));
    assert_eq!(incidesk(&url, &["report"]), incidesk(json, &["report"]), "the board's figures");
    assert_eq!(incidesk(&url, &["list", "--all"]), incidesk(json, &["list", "--all"]));
    assert_eq!(incidesk(&url, &["list"]), incidesk(json, &["list"]), "the queue");
}
