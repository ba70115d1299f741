//! Shell completions and the manual page come from the same definition as
//! `--help`: every subcommand is in them, the bash, zsh and fish scripts
//! parse (zsh and fish where installed), and bash and fish complete with them.

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

/// The completion script for `shell`, written to a file; `None` (and a
/// note on stderr) when that shell is not installed here.
fn script_for(shell: &str, dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let installed = std::process::Command::new(shell).arg("-c").arg("exit 0").output();
    if !installed.is_ok_and(|o| o.status.success()) {
        eprintln!("{shell} is not installed: its completion script is not checked here");
        return None;
    }
    let (status, script, err) = run(&["completions", shell]);
    assert!(status.success(), "{err}");
    let file = dir.join(format!("incidesk.{shell}"));
    std::fs::write(&file, script).unwrap();
    Some(file)
}

/// Runs `script` in `shell` and returns what it printed.
fn in_shell(shell: &str, script: &str) -> String {
    let out = std::process::Command::new(shell).arg("-c").arg(script).output().expect("the shell runs");
    assert!(out.status.success(), "{shell} -c {script}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn bash_completes_subcommands_and_nested_flags() {
    let dir = tempfile::tempdir().unwrap();
    let Some(file) = script_for("bash", dir.path()) else { return };
    // As bash calls it: the command, the word being completed, the one before.
    let complete = |words: &str, cword: usize| {
        let script = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             _incidesk incidesk \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        in_shell("bash", &script)
    };
    assert_eq!(complete("incidesk cust", 1), "customer\ncustomers\n");
    let flags = complete("incidesk customer add --", 3);
    for flag in ["--name", "--tz", "--hours", "--utc", "--json"] {
        assert!(flags.lines().any(|l| l == flag), "customer add -- completes {flag}:\n{flags}");
    }
}

#[test]
fn zsh_and_fish_scripts_parse_and_fish_completes() {
    let dir = tempfile::tempdir().unwrap();
    if let Some(file) = script_for("zsh", dir.path()) {
        in_shell("zsh", &format!("zsh -n '{}'", file.display()));
        let defined = in_shell(
            "zsh",
            &format!("autoload -U compinit; compinit -u; source '{}'; whence -w _incidesk", file.display()),
        );
        assert!(defined.contains("_incidesk: function"), "{defined}");
    }
    if let Some(file) = script_for("fish", dir.path()) {
        in_shell("fish", &format!("fish --no-execute '{}'", file.display()));
        let offered = in_shell("fish", &format!("source '{}'; complete -C 'incidesk rep'", file.display()));
        assert!(offered.starts_with("report\t"), "{offered}");
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

/// `incidesk` on the PATH of the shells, working on `desk`.
fn desk_shell(shell: &str, desk: &TestDesk, script: &str) -> String {
    let bin_dir = desk.dir().join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let link = bin_dir.join("incidesk");
    if !link.exists() {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_incidesk"), &link).unwrap();
    }
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new(shell)
        .arg("-c")
        .arg(script)
        .env("PATH", path)
        .env("INCIDESK_DATA", &desk.path)
        .output()
        .expect("the shell runs");
    assert!(out.status.success(), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn bash_zsh_and_fish_complete_ids_from_the_desk() {
    let desk = TestDesk::seeded();
    for title in ["Mail down", "Slow sync", "Closed"] {
        desk.open(title, "");
    }
    desk.ok("close I-3 --withdrawn");
    let (status, ids, _) = desk.run("complete incidents");
    assert!(status.success());
    assert_eq!(ids, "I-1\nI-2\n", "the open incidents");
    let dir = tempfile::tempdir().unwrap();
    if let Some(file) = script_for("bash", dir.path()) {
        let complete = |words: &str, cword: usize| {
            let script = format!(
                "source '{}'; COMP_WORDS=({words}); COMP_CWORD={cword}; \
                 _incidesk_desk incidesk \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
                 echo \"${{COMPREPLY[@]}}\"",
                file.display()
            );
            desk_shell("bash", &desk, &script)
        };
        assert_eq!(complete("incidesk respond I-", 2), "I-1 I-2\n");
        assert_eq!(complete("incidesk history P", 2), "P-1 PR-1 PR-2 PR-3\n");
        assert_eq!(complete("incidesk packs --customer ''", 3), "C-1\n");
        assert_eq!(complete("incidesk open --product PR-", 3), "PR-1 PR-2 PR-3\n");
        assert!(complete("incidesk close I-1 --w", 3).contains("--withdrawn"), "flags still complete");
    }
    if let Some(file) = script_for("fish", dir.path()) {
        let offered =
            desk_shell("fish", &desk, &format!("source '{}'; complete -C 'incidesk show '", file.display()));
        assert_eq!(offered, "I-1\nI-2\n");
    }
}
