//! Shell completions and the manual page come from the same definition as
//! `--help`: every subcommand is in them, and the bash script parses.

mod common_cli;

use common_cli::*;

#[test]
fn the_bash_completion_script_parses_and_names_every_subcommand() {
    let (status, script, err) = run(&["completions", "bash"]);
    assert!(status.success(), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("incidesk.bash");
    std::fs::write(&file, &script).unwrap();
    let check = std::process::Command::new("bash").arg("-n").arg(&file).output().expect("bash");
    assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
    for sub in ["open", "respond", "close", "bill", "list", "show", "completions", "man"] {
        assert!(script.contains(sub), "completes {sub}");
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (status, script, err) = run(&["completions", shell]);
        assert!(status.success() && script.contains("incidesk"), "{shell}: {err}");
    }
    let (status, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(status.code(), Some(2), "an unknown shell is a usage error: {err}");
    assert!(err.contains("bash"), "lists the shells: {err}");
}

#[test]
fn the_man_page_is_roff_and_lists_the_subcommands() {
    let (status, page, err) = run(&["man"]);
    assert!(status.success(), "{err}");
    assert!(page.contains(".TH incidesk 1"), "{page}");
    for sub in ["open", "report", "archive", "check"] {
        assert!(page.contains(sub), "lists {sub}");
    }
}
