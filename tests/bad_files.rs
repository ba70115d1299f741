//! The bad-file corpus (`tests/fixtures/bad/`): every file is refused with a
//! message naming the file and what is wrong where, by the store, by a change
//! attempt, by `incidesk check` and by the real binary, and is left byte-identical.
//!
//! Each fixture breaks one thing in `tests/fixtures/desk.json` (a valid desk
//! written by incidesk itself) and has a sidecar `NAME.expect`: one fragment a
//! line, each of which the message must contain.

use incidesk::store::{self, JsonStore, Store, StoreError};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Vec<String>,
}

fn corpus() -> Vec<Case> {
    let dir = fixtures().join("bad");
    let mut cases: Vec<Case> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "expect"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let expect = fs::read_to_string(dir.join(format!("{name}.expect")))
                .unwrap_or_else(|_| panic!("{name} has no {name}.expect beside it"));
            let expect: Vec<String> =
                expect.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
            assert!(!expect.is_empty(), "{name}.expect is empty");
            Case { name, bytes: fs::read(&p).unwrap(), expect }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn incidesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incidesk"))
        .args(args)
        .env("INCIDESK_NOW", "2026-03-02T10:00:00Z")
        .env("INCIDESK_ENGINEER", "eve")
        .env_remove("INCIDESK_DATA")
        .output()
        .unwrap()
}

/// What is wrong with `message` for this case, if anything.
fn lacks(message: &str, path: &Path, expect: &[String]) -> Vec<String> {
    let mut wrong = Vec::new();
    if !message.contains(&path.display().to_string()) {
        wrong.push("the file's path".to_string());
    }
    wrong.extend(expect.iter().filter(|e| !message.contains(e.as_str())).map(|e| format!("{e:?}")));
    wrong
}

#[test]
fn the_corpus_is_big_and_starts_from_a_good_desk() {
    let cases = corpus();
    assert!(cases.len() >= 30, "only {} bad files", cases.len());
    let good = fixtures().join("desk.json");
    let store = JsonStore::open(&good).unwrap();
    assert_eq!(store.desk().incidents.len(), 4);
    assert!(store::check(&good).is_ok());
}

#[test]
fn every_bad_file_is_refused_clearly_and_left_alone() {
    let mut failures = Vec::new();
    for case in corpus() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(&case.name);
        fs::write(&path, &case.bytes).unwrap();
        let mut fail = |what: &str, detail: String| failures.push(format!("{}: {what}: {detail}", case.name));

        // The store refuses to open it.
        let message = match JsonStore::open(&path) {
            Ok(_) => {
                fail("opened", String::new());
                continue;
            }
            Err(e) => e.to_string(),
        };
        let wrong = lacks(&message, &path, &case.expect);
        if !wrong.is_empty() {
            fail("open's message lacks", format!("{wrong:?}\n    in {message}"));
        }

        // A change is refused with the same message and writes nothing.
        let mut store = JsonStore::new(&path);
        match store.change_desk(|d| {
            d.customers.clear();
            Ok::<_, ()>(())
        }) {
            Err(e) if e.to_string() == message => {}
            other => fail("apply", format!("{other:?}")),
        }

        // `check` lists it.
        match store::check(&path) {
            Ok(s) => fail("check passed", s.to_string()),
            Err(lines) => {
                let all = lines.join("\n");
                let wrong = lacks(&all, &path, &case.expect);
                if !wrong.is_empty() {
                    fail("check lacks", format!("{wrong:?}\n    in {all}"));
                }
            }
        }

        // The real binary: a read, a check and a change all fail, naming the problem.
        let p = path.to_str().unwrap();
        for args in [vec!["--data", p, "list"], vec!["check", p], vec!["--data", p, "respond", "I-1"]] {
            let out = incidesk(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                fail("binary succeeded", format!("{args:?}"));
            }
            let wrong = lacks(&stderr, &path, &case.expect);
            if !wrong.is_empty() {
                fail("binary's stderr lacks", format!("{args:?}: {wrong:?}\n    in {stderr}"));
            }
            if !out.stdout.is_empty() {
                fail("binary printed on stdout", format!("{args:?}"));
            }
        }

        if fs::read(&path).unwrap() != case.bytes {
            fail("changed", "the file's bytes differ".into());
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        if names.len() != 1 && !(names.len() == 2 && names.iter().any(|n| n.ends_with(".lock"))) {
            fail("left files behind", format!("{names:?}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn check_lists_every_consistency_problem() {
    let path = fixtures().join("bad/several-problems.json");
    let lines = store::check(&path).unwrap_err();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    let dangling = lines.iter().filter(|l| l.contains("does not exist")).count();
    assert_eq!(dangling, 3, "three dangling references: {lines:#?}");
    assert!(lines.iter().any(|l| l.contains("id I-3 is also used by incidents[2]")));
    assert!(lines.iter().any(|l| l.contains("this refund makes 2 refunds against 1 debit")));

    let out = incidesk(&["check", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for l in &lines {
        assert!(stderr.contains(l.as_str()), "{l} missing from\n{stderr}");
    }
    assert!(stderr.contains("5 problem(s) found"), "{stderr}");
}

#[test]
fn check_lists_every_misfit_element_not_only_the_first() {
    let path = fixtures().join("bad/several-misfits.json");
    let first = JsonStore::open(&path).unwrap_err();
    assert!(matches!(first, StoreError::Schema { line: 41, .. }), "{first}");
    let lines = store::check(&path).unwrap_err();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].contains("line 41, column 16") && lines[0].contains("in customers[1] (C-2).name"));
    assert!(lines[1].contains("in packs[1] (P-2).purchased: '2026-13-01' is not a valid date"));
    assert!(lines[2].contains("in incidents[1] (I-2).severity: unknown variant `E`"));
}

/// About 50 MB: the good desk with a very long history.
fn very_large(tail: &str) -> Vec<u8> {
    let good = fs::read_to_string(fixtures().join("desk.json")).unwrap();
    let at = good.find("\"history\": [\n").unwrap() + "\"history\": [\n".len();
    let entry = format!(
        "      {{\"at\": \"2026-03-02T09:00:00Z\", \"who\": \"eve\", \"subject\": {{\"incident\": \"I-1\"}}, \"what\": \"{}\"}},\n",
        "note ".repeat(30)
    );
    let count = 50_000_000 / entry.len();
    let mut bytes = Vec::with_capacity(50_000_000 + good.len());
    bytes.extend_from_slice(&good.as_bytes()[..at]);
    for _ in 0..count {
        bytes.extend_from_slice(entry.as_bytes());
    }
    bytes.extend_from_slice(tail.as_bytes());
    bytes.extend_from_slice(&good.as_bytes()[at..]);
    bytes
}

/// `incidesk ARGS` with its address space capped at `bytes`: running out of
/// memory makes it fail instead of succeeding slowly.
fn incidesk_within(bytes: u64, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incidesk"));
    cmd.args(args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
        // SAFETY: setrlimit is async-signal-safe and only touches the child.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
    }
    cmd.output().unwrap()
}

#[test]
fn a_very_large_broken_file_is_refused_quickly_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let misfit = "      {\"at\": \"not a time\", \"who\": \"eve\", \"subject\": {\"incident\": \"I-1\"}, \"what\": \"x\"},\n";
    let dangling = "      {\"at\": \"2026-03-02T09:00:00Z\", \"who\": \"eve\", \"subject\": {\"incident\": \"I-999\"}, \"what\": \"x\"},\n";
    let truncated = {
        let mut b = very_large("");
        b.truncate(b.len() - 1000);
        b
    };
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("cut.json", truncated, "ends too early"),
        ("misfit.json", very_large(misfit), "'not a time' is not a valid date or time"),
        ("dangling.json", very_large(dangling), "subject I-999 does not exist"),
    ];
    for (name, bytes, expect) in cases {
        assert!(bytes.len() > 49_000_000, "{name}: {} bytes", bytes.len());
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();

        let started = Instant::now();
        let message = JsonStore::open(&path).unwrap_err().to_string();
        let took = started.elapsed();
        assert!(message.contains(expect), "{name}: {message}");
        assert!(message.len() < 2000, "{name}: a short message, not the file: {} bytes", message.len());
        assert!(took < Duration::from_secs(60), "{name}: took {took:?}");
        let lines = store::check(&path).unwrap_err();
        assert_eq!(lines.len(), 1, "{name}: {lines:?}");

        // 400 MB of address space for a 50 MB file.
        let out = incidesk_within(400 << 20, &["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(expect), "{name}");
        assert!(fs::read(&path).unwrap() == bytes, "{name}: changed");
    }
}
