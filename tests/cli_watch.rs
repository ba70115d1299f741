//! Issue 13: `incidesk watch` for scripts, run as a script would run it:
//! `--json --once` at chosen instants, `--exec` with a script that records
//! its environment, an end on SIGTERM and SIGINT, and a reader that goes
//! away (`watch | head -1`).
//!
//! Every wait on a running watcher has a 10-second limit, after which the
//! child is killed and the test fails rather than hangs.

mod common_cli;

use common_cli::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);

/// NOW is 09:00Z, Wednesday 10:00 in Stockholm. I-1 (A, 24x7: due 11:00Z),
/// I-2 (B, 24x7: due 13:00Z), I-3 (C, business hours, 08–17 Stockholm:
/// due Thursday 09:00 Stockholm, 08:00Z), I-4 (A, 24x7, already
/// responded), I-5 (A, 24x7, closed): the last two never alert.
fn desk() -> TestDesk {
    let desk = TestDesk::seeded();
    assert_eq!(desk.open("Mail down", "--severity A --coverage 24x7"), "I-1");
    assert_eq!(desk.open("Slow sync", "--severity B --coverage 24x7"), "I-2");
    assert_eq!(desk.open("Odd header", "--severity C"), "I-3");
    assert_eq!(desk.open("Answered", "--severity A --coverage 24x7"), "I-4");
    desk.ok("respond I-4 --note Looking");
    assert_eq!(desk.open("Gone", "--severity A --coverage 24x7"), "I-5");
    desk.ok("close I-5 --withdrawn --note 'Customer fixed it'");
    desk
}

/// `watch --json --once` with the clock frozen at `now`: one JSON value per
/// line, its instants in UTC (`--utc`) as the instants here are written.
fn once_at(desk: &TestDesk, now: &str) -> Vec<Value> {
    let args = ["--data", desk.path_str(), "--now", now, "--utc", "--json", "watch", "--once"];
    let (status, out, err) = output(bin().args(args));
    assert!(status.success(), "watch --once at {now} failed ({status}):\n{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// (id, point, rung) of each alert listed.
fn listed(alerts: &[Value]) -> Vec<(String, String, bool)> {
    alerts.iter().map(|a| (s(a, "id").to_string(), s(a, "point").to_string(), a["rung"] == true)).collect()
}

fn entry(id: &str, point: &str, rung: bool) -> (String, String, bool) {
    (id.to_string(), point.to_string(), rung)
}

#[test]
fn once_lists_the_points_passed_at_each_instant() {
    let desk = desk();
    assert!(once_at(&desk, "2026-11-18T09:59:59Z").is_empty(), "no point passed before 10:00");

    let half = once_at(&desk, "2026-11-18T10:00:00Z");
    assert_eq!(listed(&half), [entry("I-1", "50%", true)]);
    let a = &half[0];
    assert_eq!((s(a, "severity"), s(a, "customer"), s(a, "title")), ("A", "Contoso Ltd", "Mail down"));
    assert_eq!((s(a, "at"), s(a, "due")), ("2026-11-18T10:00:00Z", "2026-11-18T11:00:00Z"));
    assert_eq!(a["left_seconds"], 3600);

    // At risk (less than a quarter left, R8) passed at 10:30, five minutes
    // ago: rung; the half point before it is not listed again.
    let risk = once_at(&desk, "2026-11-18T10:35:00Z");
    assert_eq!(listed(&risk), [entry("I-1", "at-risk", true)]);
    assert_eq!(risk[0]["left_seconds"], 25 * 60);

    // Due at 11:00 is not yet breached (R8: strictly after); I-2's half
    // point passes at 11:00 too.
    let at_due = once_at(&desk, "2026-11-18T11:00:00Z");
    assert_eq!(listed(&at_due), [entry("I-1", "15m", false), entry("I-2", "50%", true)]);
    assert_eq!(at_due[0]["left_seconds"], 0);

    let breached = once_at(&desk, "2026-11-18T11:05:00Z");
    assert_eq!(listed(&breached), [entry("I-2", "50%", true), entry("I-1", "breached", true)]);
    assert_eq!(breached[1]["left_seconds"], -5 * 60);
    assert_eq!(s(&breached[1], "due"), "2026-11-18T11:00:00Z");
}

#[test]
fn once_prints_one_line_per_alert_in_words() {
    let desk = desk();
    let at = |now: &str| {
        let (status, out, err) =
            output(bin().args(["--data", desk.path_str(), "--now", now, "watch", "--once"]));
        assert!(status.success(), "watch --once at {now} failed ({status}):\n{err}");
        out
    };
    assert_eq!(
        at("2026-11-18T10:00:00Z"),
        "2026-11-18 11:00 +01:00 I-1 A Contoso Ltd: half the target used, due 2026-11-18 12:00 +01:00, \
         1h 00m left — Mail down\n"
    );
    // An hour after the 15m point, at a frozen instant: listed, not rung, and past due.
    let later = at("2026-11-18T11:45:00Z");
    let i1 = later.lines().find(|l| l.contains(" I-1 ")).expect("I-1 listed");
    assert!(i1.contains("breached, due 2026-11-18 12:00 +01:00, 0h 45m past due — Mail down"), "{later}");
    assert!(i1.ends_with("(passed before watching; not rung)"), "{later}");
}

#[test]
fn a_business_hours_incident_passes_no_point_at_night() {
    let desk = desk();
    // I-3 (C, 8 h of office hours from Wednesday 10:00 Stockholm): 4 h used
    // at 14:00 Stockholm (13:00Z); at risk once 6 h are used, 16:00 (15:00Z).
    let ids =
        |now| listed(&once_at(&desk, now)).into_iter().filter(|(id, ..)| id == "I-3").collect::<Vec<_>>();
    assert_eq!(ids("2026-11-18T13:05:00Z"), [entry("I-3", "50%", true)]);
    // The office closes at 17:00 Stockholm with 1 h left: the night passes
    // nothing new, and the 15m point comes at 08:45 Thursday (07:45Z).
    assert_eq!(ids("2026-11-19T02:00:00Z"), [entry("I-3", "at-risk", false)]);
    assert_eq!(ids("2026-11-19T07:40:00Z"), [entry("I-3", "at-risk", false)]);
    assert_eq!(ids("2026-11-19T07:50:00Z"), [entry("I-3", "15m", true)]);
}

#[test]
fn exec_runs_a_command_per_alert_rung_with_its_fields_in_the_environment() {
    let desk = desk();
    let record = desk.dir().join("record.sh");
    std::fs::write(
        &record,
        "#!/bin/sh\nenv | grep '^INCIDESK_ALERT_' | sort > \"$0.$INCIDESK_ALERT_ID.$INCIDESK_ALERT_POINT\"\n",
    )
    .unwrap();
    let exec = format!("sh {}", record.display());
    let (status, out, err) = output(bin().args([
        "--data",
        desk.path_str(),
        "--now",
        "2026-11-18T11:05:00Z",
        "watch",
        "--once",
        "--exec",
        &exec,
    ]));
    assert!(status.success(), "{err}");
    assert_eq!(out.lines().count(), 2, "two alerts listed:\n{out}");
    let recorded = || {
        let mut names: Vec<String> = std::fs::read_dir(desk.dir())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("record.sh."))
            .collect();
        names.sort();
        names
    };
    assert_eq!(recorded(), ["record.sh.I-1.breached", "record.sh.I-2.50%"]);
    // Points passed longer ago than the ring age are listed, not run.
    let (status, out, err) = output(bin().args([
        "--data",
        desk.path_str(),
        "--now",
        "2026-11-18T11:30:00Z",
        "watch",
        "--once",
        "--exec",
        &format!("touch {}", desk.dir().join("ran-at-11.30").display()),
    ]));
    assert!(status.success(), "{err}");
    assert!(out.contains("not rung"), "{out}");
    assert!(!desk.dir().join("ran-at-11.30").exists(), "nothing ran at 11:30");
    let env = std::fs::read_to_string(desk.dir().join("record.sh.I-1.breached")).unwrap();
    let vars: Vec<(&str, &str)> = env.lines().filter_map(|l| l.split_once('=')).collect();
    let var = |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    assert_eq!(var("INCIDESK_ALERT_ID"), Some("I-1"), "{env}");
    assert_eq!(var("INCIDESK_ALERT_SEVERITY"), Some("A"));
    assert_eq!(var("INCIDESK_ALERT_CUSTOMER"), Some("Contoso Ltd"));
    assert_eq!(var("INCIDESK_ALERT_TITLE"), Some("Mail down"));
    assert_eq!(var("INCIDESK_ALERT_POINT"), Some("breached"));
    // In the customer's zone with its offset, as `list --json` writes `due`.
    assert_eq!(var("INCIDESK_ALERT_DUE"), Some("2026-11-18T12:00:00+01:00"));
    assert_eq!(var("INCIDESK_ALERT_LEFT_SECONDS"), Some("-300"));
    let text = var("INCIDESK_ALERT_TEXT").unwrap_or_default();
    assert!(text.starts_with("I-1 A Contoso Ltd: breached"), "{text}");
    assert!(text.contains("past due"), "{text}");
}

#[test]
fn a_failing_exec_command_is_reported_and_watching_goes_on() {
    let desk = desk();
    let (status, out, err) = output(bin().args([
        "--data",
        desk.path_str(),
        "--now",
        "2026-11-18T11:05:00Z",
        "watch",
        "--once",
        "--exec",
        "exit 3",
    ]));
    assert!(status.success(), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(err.contains("--exec for I-1 ended with"), "{err}");
    // With --json, stderr holds JSON objects only (docs/JSON.md, Warnings).
    let args = ["--data", desk.path_str(), "--now", "2026-11-18T11:05:00Z", "--json", "watch", "--once"];
    let (status, _, err) = output(bin().args(args).args(["--exec", "exit 3"]));
    assert!(status.success(), "{err}");
    let warnings: Vec<Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert_eq!(warnings.len(), 2, "one per alert rung: {err}");
    let mut failed: Vec<(&str, &str, Option<i64>)> = warnings
        .iter()
        .map(|w| &w["warning"])
        .map(|w| (s(w, "kind"), s(w, "id"), w["code"].as_i64()))
        .collect();
    failed.sort();
    assert_eq!(failed, [("exec-failed", "I-1", Some(3)), ("exec-failed", "I-2", Some(3))], "{err}");
}

/// A running `watch` on `desk` with stdout and stderr piped; the clock
/// starts at `now` and runs `speed` times faster.
fn spawn_watch(desk: &TestDesk, now: &str, speed: u32) -> Child {
    bin()
        .args(["--data", desk.path_str(), "--now", now, "watch"])
        .env("INCIDESK_CLOCK_SPEED", speed.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn incidesk watch")
}

/// Waits up to [`LIMIT`] for the child to end; kills it and fails after.
fn wait_bounded(child: &mut Child, what: &str) -> ExitStatus {
    let deadline = Instant::now() + LIMIT;
    loop {
        if let Some(status) = child.try_wait().expect("wait for watch") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("watch did not end within {LIMIT:?} after {what}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr_of(child: &mut Child) -> String {
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().expect("piped stderr"), &mut err).unwrap();
    err
}

#[cfg(unix)]
fn ends_with_exit_0_on(sig: i32, name: &str) {
    let desk = desk();
    // At 10:00:00 I-1's half point passes: the first line says the watcher
    // runs (speed 1: nothing else passes while the test looks).
    let mut child = spawn_watch(&desk, "2026-11-18T10:00:00Z", 1);
    let mut lines = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
    let first = lines.next().expect("a first line").expect("read a line");
    assert!(first.contains("I-1 A Contoso Ltd: half the target used"), "{first}");
    let pid = i32::try_from(child.id()).expect("a pid");
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill {name}");
    let status = wait_bounded(&mut child, name);
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(0), "{name}: {status}\n{err}");
    assert!(err.contains(&format!("watch stopped by {name}")), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn sigterm_ends_watch_with_exit_0() {
    ends_with_exit_0_on(libc::SIGTERM, "SIGTERM");
}

#[cfg(unix)]
#[test]
fn sigint_ends_watch_with_exit_0() {
    ends_with_exit_0_on(libc::SIGINT, "SIGINT");
}

/// `incidesk watch | head -1`: once the reader is gone, the next alert
/// ends the watcher, quietly and without a panic.
#[test]
fn a_closed_pipe_ends_watch_cleanly() {
    let desk = desk();
    // 600 times faster: I-1's at-risk (10:30) passes within 3 seconds.
    let mut child = spawn_watch(&desk, "2026-11-18T10:00:00Z", 600);
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("half the target used"), "{first}");
    drop(stdout);
    let status = wait_bounded(&mut child, "its reader went away");
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(0), "{status}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("standard output closed"), "one line says why it ended:\n{err}");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_watch_even_when_no_alert_follows() {
    let desk = desk();
    // Real speed: the next point (10:30) is half an hour away.
    let mut child = spawn_watch(&desk, "2026-11-18T10:00:00Z", 1);
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let status = wait_bounded(&mut child, "its reader went away");
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(0), "{status}\n{err}");
    assert!(err.contains("standard output closed"), "{err}");
}

#[test]
fn the_shell_pipe_into_head_ends() {
    // The same through a real shell pipe, as a user writes it.
    let desk = desk();
    let line = format!(
        "INCIDESK_CLOCK_SPEED=600 {} --data {} --now 2026-11-18T10:00:00Z watch | head -1; \
         echo \"status ${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_incidesk"),
        desk.path_str()
    );
    let mut child = std::process::Command::new("bash")
        .args(["-c", &line])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash");
    let status = wait_bounded(&mut child, "head -1 took its line");
    assert!(status.success());
    let mut out = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("half the target used"), "{out}");
    assert_eq!(lines[1], "status 0", "{out}");
}
