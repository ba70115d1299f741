//! Helpers for the command-line tests: run the real binary on a temporary
//! data file, with the clock frozen and a fixed engineer.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// Wednesday 2026-11-18 10:00 in Stockholm.
pub const NOW: &str = "2026-11-18T09:00:00Z";
pub const ENGINEER: &str = "eve";
pub const ADA: &str = "ada@contoso.com";
pub const BOB: &str = "bob@contoso.com";

pub type Output = (ExitStatus, String, String);

/// The binary, with none of the caller's INCIDESK_* settings leaking in.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incidesk"));
    for var in ["INCIDESK_DATA", "INCIDESK_NOW", "INCIDESK_ENGINEER", "INCIDESK_AUTO_ARCHIVE"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs the binary with exactly `args` (no --data, --now or --engineer added).
pub fn run(args: &[&str]) -> Output {
    output(bin().args(args))
}

pub fn output(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run incidesk");
    (
        out.status,
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// Splits a command line into words as a shell would: spaces separate,
/// 'single' or "double" quotes keep spaces inside a word.
pub fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    assert!(quote.is_none(), "unbalanced quote in {line}");
    words.extend(word);
    words
}

/// A data file in its own temporary folder. Commands are written as one
/// line, e.g. `desk.ok("close I-1 --note 'Done, thanks'")`; the desk adds
/// `--data`, `--now NOW` and `--engineer eve`.
pub struct TestDesk {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TestDesk {
    /// No data file yet: the first change creates it.
    pub fn empty() -> TestDesk {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("desk.json");
        TestDesk { _dir: dir, path }
    }

    /// Contoso (Stockholm office hours, a holiday, a 24x7 contact), three
    /// products (PR-1 mainstream, PR-2 extended, PR-3 ended on NOW's date) and
    /// pack P-1 bought today by ADA with order ORD-1001.
    pub fn seeded() -> TestDesk {
        let desk = TestDesk::empty();
        desk.ok("customer add --name 'Contoso Ltd' --tz Europe/Stockholm --holiday 2026-12-24");
        desk.ok("customer contact add --customer contoso --name Ada --on-duty-24x7");
        desk.ok(
            "product add --name 'Mail Server 2024' --mainstream-end 2028-01-01 --extended-end 2030-01-01",
        );
        desk.ok(
            "product add --name 'Mail Server 2016' --mainstream-end 2025-01-01 --extended-end 2027-01-01",
        );
        desk.ok(
            "product add --name 'Mail Server 2010' --mainstream-end 2020-01-01 --extended-end 2026-11-18",
        );
        desk.ok(&format!("pack buy --customer C-1 --account {ADA} --order ORD-1001"));
        desk
    }

    pub fn path_str(&self) -> &str {
        self.path.to_str().expect("UTF-8 path")
    }

    pub fn dir(&self) -> &Path {
        self.path.parent().expect("a folder")
    }

    /// Runs `line` on this desk at NOW as ENGINEER.
    pub fn run(&self, line: &str) -> Output {
        self.run_at(NOW, line)
    }

    /// Runs `line` on this desk with the clock frozen at `now`.
    pub fn run_at(&self, now: &str, line: &str) -> Output {
        output(
            bin().args(["--data", self.path_str(), "--now", now, "--engineer", ENGINEER]).args(words(line)),
        )
    }

    /// Runs `line`, which must succeed; returns stdout.
    pub fn ok(&self, line: &str) -> String {
        self.ok_at(NOW, line)
    }

    pub fn ok_at(&self, now: &str, line: &str) -> String {
        let (status, out, err) = self.run_at(now, line);
        assert!(status.success(), "incidesk {line} failed ({status}):\n{err}");
        out
    }

    /// Runs a read command with --json and parses what it prints.
    pub fn json(&self, line: &str) -> Value {
        let out = self.ok(&format!("{line} --json"));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{line}: not JSON ({e}):\n{out}"))
    }

    /// Opens a severity-B business-hours support incident from ADA on PR-1;
    /// options in `extra` replace those defaults. Returns the new id.
    pub fn open(&self, title: &str, extra: &str) -> String {
        self.open_at(NOW, title, extra)
    }

    pub fn open_at(&self, now: &str, title: &str, extra: &str) -> String {
        self.ok_at(now, &open_line(title, extra)).trim().to_string()
    }

    /// The data file's bytes (empty if there is none).
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap_or_default()
    }

    /// Runs `line`, which must fail and leave the data file byte-identical.
    /// Returns the exit status and stderr.
    pub fn fails(&self, line: &str) -> (ExitStatus, String) {
        let before = self.bytes();
        let (status, out, err) = self.run(line);
        assert!(!status.success(), "incidesk {line} should have failed:\n{out}");
        assert!(self.bytes() == before, "incidesk {line} changed the data file");
        (status, err)
    }

    /// Runs `line`, which `rule` must refuse: non-zero exit, one line on
    /// stderr naming the rule, and the data file byte-identical. Returns stderr.
    pub fn refused(&self, rule: &str, line: &str) -> String {
        let (_, err) = self.fails(line);
        assert_eq!(err.lines().count(), 1, "one line on stderr expected, got:\n{err}");
        assert!(err.contains(&format!("refused ({rule})")), "{line}: expected refused ({rule}), got:\n{err}");
        err
    }
}

/// The `open` command line: `extra` first, then each default option that
/// `extra` does not give.
pub fn open_line(title: &str, extra: &str) -> String {
    let defaults = [
        ("--customer", "contoso"),
        ("--account", ADA),
        ("--product", "PR-1"),
        ("--severity", "B"),
        ("--coverage", "business"),
        ("--problem", "'Mail does not flow'"),
    ];
    let given = words(extra);
    let mut line = format!("open --title '{title}' {extra}");
    for (flag, value) in defaults {
        if !given.iter().any(|w| w == flag) {
            line.push_str(&format!(" {flag} {value}"));
        }
    }
    line
}

/// `value[key]` as a string, or a panic naming what was missing.
pub fn s<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("no string {key} in {value}"))
}

/// `value[key]` as a number, or a panic naming what was missing.
pub fn n(value: &Value, key: &str) -> u64 {
    value[key].as_u64().unwrap_or_else(|| panic!("no number {key} in {value}"))
}

/// The elements of a JSON array.
pub fn items(value: &Value) -> &[Value] {
    value.as_array().unwrap_or_else(|| panic!("not an array: {value}"))
}

/// The ids of a JSON array of objects, in order.
pub fn ids(value: &Value) -> Vec<&str> {
    items(value).iter().map(|v| s(v, "id")).collect()
}
