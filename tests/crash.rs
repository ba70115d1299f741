//! Crash safety: changes made through the command line are killed with
//! SIGKILL at random moments (before, during and after the save). After every
//! kill the data file must load (`incidesk check` passes) and every change
//! whose command reported success must be in it, exactly once.
//!
//! `cargo test --test crash` runs a short round; the long one prints the
//! figures RELIABILITY.md quotes:
//!
//! ```text
//! cargo test --release --test crash -- --ignored --nocapture
//! ```
//!
//! `CRASH_CHANGES` (number of changes) and `CRASH_SEED` override the defaults.
#![cfg(unix)]

mod harness;

use harness::{NOW, OPEN_INCIDENTS, Rng, env_number, incidesk, temp_files};
use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Figures {
    runs: u64,
    kills: u64,
    /// Killed, yet the change is in the file: the kill came after the rename.
    kills_after_save: u64,
    /// Killed with a temporary file left behind: the kill came mid-save.
    kills_mid_save: u64,
    acknowledged: u64,
    /// Exited non-zero without being killed (e.g. lock timeout): not acknowledged.
    failed: u64,
    corrupt_files: u64,
    lost: u64,
    duplicated: u64,
    max_temp_files: usize,
    /// Kills came 0 to at most this long after the start.
    max_delay: Duration,
}

/// The change number `k` as command-line arguments; its token (a note, a
/// proposal or an amendment reason) is unique.
fn change(k: u64, rng: &mut Rng) -> (Vec<String>, String) {
    let incident = OPEN_INCIDENTS[rng.below(OPEN_INCIDENTS.len() as u64) as usize].to_string();
    let s = |x: &str| x.to_string();
    match rng.below(4) {
        0 | 1 => {
            let token = format!("note-{k}");
            (vec![s("contact"), incident, s("--kind"), s("phone"), s("--note"), token.clone()], token)
        }
        2 => {
            let token = format!("proposal-{k}");
            (vec![s("propose"), incident, s("--text"), token.clone()], token)
        }
        _ => {
            let token = format!("reason-{k}");
            let problem = format!("Problem statement as amended by change {k}");
            (vec![s("amend"), incident, s("--problem"), problem, s("--reason"), token.clone()], token)
        }
    }
}

/// How long an undisturbed change takes here, from spawn to exit (it grows
/// with the file, so this is measured again every [`RECALIBRATE`] changes).
fn typical_duration(path: &Path, k: u64) -> Duration {
    let start = Instant::now();
    for i in 0..5 {
        harness::run_ok(
            path,
            &["contact", "I-14", "--kind", "email", "--note", &format!("calibration-{k}-{i}")],
        );
    }
    start.elapsed() / 5
}

const RECALIBRATE: u64 = 200;

/// Kills land anywhere from before start-up to a little after a normal
/// finish, and never later than 30 ms.
fn kill_window(typical: Duration) -> Duration {
    (typical * 3 / 2).clamp(Duration::from_millis(1), Duration::from_millis(30))
}

/// `journal`: every change goes to the journal (and the reach beside it),
/// folded into the data file every 200 lines, so that kills land in
/// appends, folds and sidecar writes too.
fn crash_run(changes: u64, seed: u64, verbose: bool, journal: bool) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let typical = typical_duration(&path, 0);
    let mut window = kill_window(typical);
    let mut rng = Rng::new(seed);
    let mut f = Figures { max_delay: window, ..Figures::default() };
    let mut acknowledged: Vec<String> = Vec::new();
    let started = Instant::now();
    if verbose {
        println!(
            "crash: seed {seed}, {changes} changes{}, a change takes {typical:?}, kills after 0..{window:?}",
            if journal { " on the journal" } else { "" }
        );
    }

    for k in 0..changes {
        if k > 0 && k % RECALIBRATE == 0 {
            window = kill_window(typical_duration(&path, k));
            f.max_delay = f.max_delay.max(window);
        }
        let (args, token) = change(k, &mut rng);
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64 + 1));
        let mut cmd = incidesk(&path, &args.iter().map(String::as_str).collect::<Vec<_>>());
        if journal {
            cmd.env("INCIDESK_JOURNAL_MIN_BYTES", "0");
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn incidesk");
        // Every eighth change is left to finish, so that acknowledged changes
        // exist even when a loaded machine makes every change outlast the window.
        let spared = k % 8 == 7;
        let status = if spared {
            child.wait().unwrap()
        } else {
            std::thread::sleep(delay);
            match child.try_wait().unwrap() {
                Some(status) => status,
                None => {
                    child.kill().unwrap();
                    child.wait().unwrap()
                }
            }
        };
        f.runs += 1;
        let killed = status.signal() == Some(libc::SIGKILL);
        if status.success() {
            f.acknowledged += 1;
            acknowledged.push(token.clone());
        } else if killed {
            f.kills += 1;
        } else {
            f.failed += 1;
        }

        let temps = temp_files(&path).len();
        f.max_temp_files = f.max_temp_files.max(temps);
        if status.success() {
            // A successful save first removes what killed processes left.
            assert_eq!(temps, 0, "change {k} succeeded but temporary files remain: {:?}", temp_files(&path));
        }
        if killed && temps > 0 {
            f.kills_mid_save += 1;
        }

        // The file must load, through the command line as a user would check it...
        let check = incidesk(&path, &["check"]).output().unwrap();
        // ... and the backup must be a whole earlier version.
        let bak_ok = incidesk::store::check(&incidesk::store::sibling(&path, ".bak")).is_ok();
        if !check.status.success() || !bak_ok {
            f.corrupt_files += 1;
            eprintln!(
                "change {k}: the file no longer loads (backup loads: {bak_ok}): {}",
                String::from_utf8_lossy(&check.stderr)
            );
            break;
        }
        let desk = harness::load(&path);
        let mut present: HashMap<String, u32> = HashMap::new();
        for t in harness::tokens(&desk) {
            *present.entry(t).or_default() += 1;
        }
        if killed && present.contains_key(&token) {
            f.kills_after_save += 1;
        }
        let lost: Vec<&String> = acknowledged.iter().filter(|t| !present.contains_key(*t)).collect();
        let ours = |t: &str| ["note-", "proposal-", "reason-"].iter().any(|p| t.starts_with(p));
        let duplicated = present.iter().filter(|(t, n)| **n > 1 && ours(t)).count();
        if !lost.is_empty() || duplicated > 0 {
            f.lost = lost.len() as u64;
            f.duplicated = duplicated as u64;
            eprintln!("change {k}: acknowledged changes lost: {lost:?}; {duplicated} applied twice");
            break;
        }
        if verbose && (k + 1) % 250 == 0 {
            println!(
                "  {} changes, {} kills, kill window {window:?}, {:.1?}",
                k + 1,
                f.kills,
                started.elapsed()
            );
        }
    }

    // One more change cleans up whatever the last kills left.
    harness::run_ok(&path, &["contact", "I-14", "--kind", "email", "--note", "final"]);
    assert!(temp_files(&path).is_empty(), "temporary files remain: {:?}", temp_files(&path));

    if verbose {
        println!("crash: {:?} at --now {NOW}", started.elapsed());
        println!(
            "  runs {}  kills {} (after 0..{:?}; mid-save {}, after the save {})  acknowledged {}  failed {}",
            f.runs, f.kills, f.max_delay, f.kills_mid_save, f.kills_after_save, f.acknowledged, f.failed
        );
        println!(
            "  corrupt files {}  acknowledged changes lost {}  applied twice {}  temporary files at most {} at once",
            f.corrupt_files, f.lost, f.duplicated, f.max_temp_files
        );
    }
    f
}

fn assert_safe(f: &Figures) {
    assert_eq!(f.corrupt_files, 0, "{f:?}");
    assert_eq!(f.lost, 0, "{f:?}");
    assert_eq!(f.duplicated, 0, "{f:?}");
    assert!(f.kills > 0, "no process was killed: {f:?}");
    assert!(f.acknowledged > 0, "no change succeeded: {f:?}");
    // Only kills leave temporary files, one per kill at most, and the next
    // successful save removes them.
    assert!(f.max_temp_files as u64 <= f.kills, "{f:?}");
}

#[test]
fn killed_changes_never_corrupt_the_file_or_lose_acknowledged_ones() {
    let f = crash_run(env_number("CRASH_CHANGES", 100), env_number("CRASH_SEED", 0x1dc5_2026), false, false);
    assert_safe(&f);
}

/// The same on the journal: a kill mid-append leaves at most a torn last
/// line (dropped), never a damaged complete one, and the reach beside the
/// journal never claims a change the journal lacks.
#[test]
fn killed_journal_changes_never_corrupt_or_lose_acknowledged_ones() {
    let f = crash_run(env_number("CRASH_CHANGES", 100), env_number("CRASH_SEED", 0x10c5_2026), false, true);
    assert_safe(&f);
}

#[test]
#[ignore = "long: cargo test --release --test crash -- --ignored --nocapture"]
fn crash_long() {
    let f = crash_run(env_number("CRASH_CHANGES", 2000), env_number("CRASH_SEED", 0x5eed_0001), true, false);
    assert_safe(&f);
}

#[test]
#[ignore = "long: cargo test --release --test crash -- --ignored --nocapture"]
fn crash_long_on_the_journal() {
    let f = crash_run(env_number("CRASH_CHANGES", 2000), env_number("CRASH_SEED", 0x5eed_0002), true, true);
    assert_safe(&f);
}
