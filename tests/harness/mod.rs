//! Helpers for the tests that run the `incidesk` binary as separate processes
//! (crash safety, several writers).
#![allow(dead_code)]

use incidesk::domain::Desk;
use incidesk::store::{JsonStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The clock every command runs at: the demo desk is built around it, so its
/// open incidents stay open and its packs usable.
pub const NOW: &str = "2026-11-18T09:00:00Z";

/// Incidents of the demo desk that are open at [`NOW`].
pub const OPEN_INCIDENTS: [&str; 8] = ["I-11", "I-13", "I-14", "I-17", "I-18", "I-19", "I-20", "I-22"];

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_incidesk")
}

/// `incidesk --data PATH --now NOW --engineer ENGINEER ARGS...`, not yet run.
pub fn incidesk(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.arg("--data").arg(data).args(["--now", NOW, "--engineer", "harness"]).args(args);
    c.env_remove("INCIDESK_DATA").env_remove("INCIDESK_NOW").env_remove("INCIDESK_ENGINEER");
    c
}

pub fn run_ok(data: &Path, args: &[&str]) -> Output {
    let out = incidesk(data, args).output().expect("run incidesk");
    assert!(
        out.status.success(),
        "incidesk {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh demo desk at `dir/desk.json`.
pub fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("desk.json");
    let out = Command::new(bin())
        .args(["--now", NOW, "demo", "--out"])
        .arg(&path)
        .output()
        .expect("run incidesk demo");
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    path
}

pub fn load(path: &Path) -> Desk {
    JsonStore::open(path).unwrap_or_else(|e| panic!("{e}")).desk().clone()
}

/// Every text a change leaves in the desk that the harnesses use as a
/// change's unique token: contact notes, proposals, amendment reasons.
pub fn tokens(desk: &Desk) -> Vec<String> {
    let mut out = Vec::new();
    for i in &desk.incidents {
        out.extend(i.contacts.iter().map(|c| c.note.clone()));
        out.extend(i.proposals.iter().map(|p| p.text.clone()));
        out.extend(i.problem.amendments.iter().map(|a| a.reason.clone()));
    }
    out
}

/// Temporary files of a save beside `path` (`.desk.json.tmp-*`, `.desk.json.bak.tmp-*`).
pub fn temp_files(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let dot = format!(".{name}.");
    std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&dot) && n.contains(".tmp-"))
        .collect()
}

/// xorshift64*: a small seeded generator, so a failing run can be repeated.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-ish in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A number from the environment, or `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}
