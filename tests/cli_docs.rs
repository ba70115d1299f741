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

#[test]
fn config_default_prints_an_example_that_reads_as_the_defaults() {
    let (status, text, err) = run(&["config", "--default"]);
    assert!(status.success(), "{err}");
    assert_eq!(incidesk::config::parse(&text), Ok(incidesk::config::Config::default()));
    for section in ["[general]", "[keys]", "[theme]", "[alerts]"] {
        assert!(text.contains(section), "shows {section}");
    }
}

#[test]
fn config_says_where_the_file_is_and_what_is_wrong_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap();
    let (status, text, err) = output(bin().args(["config"]).env("XDG_CONFIG_HOME", home));
    assert!(status.success(), "{err}");
    assert!(text.contains(&format!("{home}/incidesk/config.toml: none there")), "{text}");
    std::fs::create_dir_all(dir.path().join("incidesk")).unwrap();
    let file = dir.path().join("incidesk/config.toml");
    std::fs::write(&file, "[keys]\nrespond = \"q\"\n").unwrap();
    let (status, _, err) = output(bin().args(["config"]).env("XDG_CONFIG_HOME", home));
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("line 2, column 1") && err.contains("quit"), "{err}");
    // The desk refuses to start on it, naming the line; --default still prints.
    let (status, _, err) = output(bin().args(["list"]).env("XDG_CONFIG_HOME", home));
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("nothing of it is used") && err.contains("line 2"), "{err}");
    let (status, text, _) = output(bin().args(["config", "--default"]).env("XDG_CONFIG_HOME", home));
    assert!(status.success() && text.contains("[keys]"));
    std::fs::write(&file, "[general]\nengineer = \"maja\"\n").unwrap();
    let (status, text, err) = output(bin().args(["config"]).env("XDG_CONFIG_HOME", home));
    assert!(status.success() && text.contains("read, nothing wrong"), "{text}{err}");
}
