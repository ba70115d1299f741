//! The desk without a terminal (cron, ssh without -t, input redirected, a
//! dumb terminal): a clear message naming the subcommands, exit 2, no crash
//! report and no change to any file.

mod common_cli;

use common_cli::{NOW, bin, output};
use std::process::Stdio;

fn desk_without_terminal(
    term: Option<&str>,
) -> (std::process::ExitStatus, String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let mut cmd = bin();
    cmd.args(["--data", path.to_str().unwrap(), "--now", NOW]).stdin(Stdio::null());
    if let Some(t) = term {
        cmd.env("TERM", t);
    }
    let (status, out, err) = output(&mut cmd);
    (status, out, err, dir)
}

#[test]
fn without_a_terminal_the_desk_says_so_and_names_the_subcommands() {
    let (status, out, err, dir) = desk_without_terminal(Some("xterm-256color"));
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for sub in ["list", "show", "open", "report"] {
        assert!(err.contains(sub), "names `{sub}`: {err}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file was created");
}

#[test]
fn a_dumb_terminal_gets_the_same_message() {
    // Standard input is still not a terminal here; TERM=dumb alone is
    // checked in the settings' unit tests.
    let (status, _, err, _dir) = desk_without_terminal(Some("dumb"));
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn the_headless_first_frame_still_works_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let (status, out, err) = output(
        bin()
            .args(["--data", path.to_str().unwrap(), "--now", NOW, "--exit-after-first-frame"])
            .stdin(Stdio::null()),
    );
    assert!(status.success(), "{err}");
    assert!(out.contains("incidesk"), "the frame is printed: {out}");
}
