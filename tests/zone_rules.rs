//! Issue 10: the zone rules come from the system's IANA database (`TZDIR`,
//! else /usr/share/zoneinfo), the bundled ones only where it has none. A
//! zone compiled with `zic` into a temporary `TZDIR`, with rules that differ
//! from the bundled ones, moves local times, due times and the paused state.

mod common_cli;

use common_cli::{Output, bin, output, s};
use std::path::{Path, PathBuf};

/// Morocco on +00 from 2026-09-20 (the bundled 2025b rules keep +01).
const MOROCCO: &str = "Zone Africa/Casablanca 1:00 - +01 2026 Sep 20 3:00\n\t\t0:00 - +00\n";

/// Before the open hours in Casablanca under the new rules (07:30 +00),
/// inside them under the bundled ones (08:30 +01).
const NOW: &str = "2026-11-18T07:30:00Z";

/// A TZDIR holding the zones of `source`, compiled by the system's zic, and
/// the version file the database names.
fn zone_dir(dir: &Path, source: &str) -> PathBuf {
    let zic = ["/usr/sbin/zic", "/usr/bin/zic"].into_iter().find(|p| Path::new(p).exists());
    let zic = zic.expect("zic (from the libc-bin package) is needed to build a test zone database");
    let src = dir.join("zones.zi");
    std::fs::write(&src, source).unwrap();
    let db = dir.join("zoneinfo");
    let status = std::process::Command::new(zic).arg("-d").arg(&db).arg(&src).status().unwrap();
    assert!(status.success(), "zic failed on {source}");
    std::fs::write(db.join("+VERSION"), "2026z\n").unwrap();
    db
}

fn run(tz_dir: &Path, data: &Path, args: &[&str]) -> Output {
    output(
        bin()
            .env("TZDIR", tz_dir)
            .args(["--data", data.to_str().unwrap(), "--now", NOW, "--engineer", "eve"])
            .args(args),
    )
}

fn ok(tz_dir: &Path, data: &Path, args: &[&str]) -> String {
    let (status, out, err) = run(tz_dir, data, args);
    assert!(status.success(), "{args:?} failed: {err}");
    out
}

fn json(tz_dir: &Path, data: &Path, args: &[&str]) -> serde_json::Value {
    let out = ok(tz_dir, data, &[args, &["--json"]].concat());
    serde_json::from_str(&out).unwrap()
}

/// A desk with one business-hours incident of severity B (4 hours) from a
/// customer in Casablanca open 08:00-17:00, submitted at [`NOW`].
fn casablanca_desk(tz_dir: &Path, data: &Path) {
    for line in [
        &[
            "customer",
            "add",
            "--name",
            "Atlas",
            "--tz",
            "Africa/Casablanca",
            "--hours",
            "mon-fri 08:00-17:00",
        ][..],
        &["customer", "contact", "add", "--customer", "atlas", "--name", "Ada"],
        &[
            "product",
            "add",
            "--name",
            "Mail",
            "--mainstream-end",
            "2028-01-01",
            "--extended-end",
            "2030-01-01",
        ],
        &["pack", "buy", "--customer", "C-1", "--account", "ada@atlas.example", "--order", "ORD-1"],
        &["open", "--title", "Mail down", "--customer", "atlas", "--account", "ada@atlas.example"],
    ] {
        let extra: &[&str] = if line[0] == "open" {
            &["--product", "PR-1", "--severity", "B", "--coverage", "business", "--problem", "No mail"]
        } else {
            &[]
        };
        ok(tz_dir, data, &[line, extra].concat());
    }
}

#[test]
fn r5_due_times_and_local_times_follow_the_system_zone_database() {
    let dir = tempfile::tempdir().unwrap();
    let tz_dir = zone_dir(dir.path(), MOROCCO);
    let data = dir.path().join("desk.json");
    casablanca_desk(&tz_dir, &data);

    // The system's rules: closed at 07:30 +00, open at 08:00Z, due 12:00Z.
    let shown = json(&tz_dir, &data, &["show", "I-1"]);
    assert_eq!(s(&shown, "due"), "2026-11-18T12:00:00+00:00", "{shown}");
    assert_eq!(shown["paused"], true, "{shown}");
    let text = ok(&tz_dir, &data, &["show", "I-1"]);
    assert!(text.contains("submitted  2026-11-18 07:30 +00:00"), "{text}");
    assert!(text.contains("due        2026-11-18 12:00 +00:00"), "{text}");

    // The same file read with the bundled rules only (no database there):
    // open at 08:30 +01, due 11:30Z. So the first run did follow the system's.
    let none = dir.path().join("no-zoneinfo");
    let bundled = json(&none, &data, &["show", "I-1"]);
    assert_eq!(s(&bundled, "due"), "2026-11-18T12:30:00+01:00", "{bundled}");
    assert_eq!(bundled["paused"], false, "{bundled}");
}

#[test]
fn check_names_the_zone_rules_in_use_and_where_they_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let tz_dir = zone_dir(dir.path(), MOROCCO);
    let data = dir.path().join("desk.json");
    let text = ok(&tz_dir, &data, &["check"]);
    let expected = format!("time-zone rules: 2026z from {} (bundled ", tz_dir.display());
    assert!(text.contains(&expected), "{text}");
    let rules = &json(&tz_dir, &data, &["check"])["zone_rules"];
    assert_eq!((s(rules, "source"), s(rules, "version")), ("system", "2026z"), "{rules}");
    assert_eq!(s(rules, "place"), tz_dir.display().to_string());

    let none = dir.path().join("no-zoneinfo");
    let text = ok(&none, &data, &["check"]);
    assert!(text.contains("time-zone rules: bundled 20"), "{text}");
    assert_eq!(s(&json(&none, &data, &["check"])["zone_rules"], "source"), "bundled");
}

#[test]
fn a_zone_the_system_database_lacks_keeps_the_bundled_rules() {
    let dir = tempfile::tempdir().unwrap();
    // Only Casablanca is in this database: Stockholm comes from the bundled rules.
    let tz_dir = zone_dir(dir.path(), MOROCCO);
    let data = dir.path().join("desk.json");
    ok(&tz_dir, &data, &["customer", "add", "--name", "Contoso", "--tz", "Europe/Stockholm"]);
    let (status, _, err) =
        run(&tz_dir, &data, &["customer", "add", "--name", "Mars", "--tz", "Mars/Olympus"]);
    assert!(!status.success() && err.contains("IANA"), "{err}");
    let file = std::fs::read_to_string(&data).unwrap();
    assert!(file.contains("\"time_zone\": \"Europe/Stockholm\""), "{file}");
}
