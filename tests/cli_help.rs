//! `--help` that answers: every flag and argument says what it is for, values
//! are named from one set, the domain's words are listed, and the data file's
//! variable is shown and obeyed in the documented order.

mod common_cli;

use clap::CommandFactory as _;
use common_cli::*;
use incidesk::cli::Cli;
use incidesk::cli::values::VALUE_NAMES;

/// The whole command tree, built as `--help` sees it (global flags copied
/// into every subcommand), each with its path, e.g. "incidesk customer add".
fn commands() -> Vec<(String, clap::Command)> {
    fn walk(path: String, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(format!("{path} {}", sub.get_name()), sub, out);
        }
        out.push((path, cmd.clone()));
    }
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    walk("incidesk".into(), &root, &mut out);
    out
}

#[test]
fn every_argument_of_every_subcommand_has_help_and_a_known_value_name() {
    let all = commands();
    assert!(all.len() > 25, "the walk found the subcommands: {}", all.len());
    for (path, cmd) in &all {
        assert!(cmd.get_about().is_some(), "{path} has no about");
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = arg.get_id();
            assert!(arg.get_help().is_some(), "{path}: {id} has no help text");
            let names = arg.get_value_names().filter(|_| arg.get_action().takes_values());
            for name in names.unwrap_or_default() {
                assert!(VALUE_NAMES.contains(&name.as_str()), "{path}: {id} is named <{name}>");
            }
        }
    }
}

#[test]
fn help_lists_the_domain_words_and_the_formats_and_no_empty_default() {
    for (path, mut cmd) in commands() {
        let help = cmd.render_long_help().to_string();
        assert!(!help.contains("[default: ]") && !help.contains("[default: \"\"]"), "{path}:\n{help}");
    }
    let (_, open, _) = run(&["open", "--help"]);
    for word in ["business", "24x7", "critical", "feature-suggestion", "<SEVERITY>", "<COVERAGE>"] {
        assert!(open.contains(word), "open --help lacks {word}:\n{open}");
    }
    let (_, contact, _) = run(&["contact", "--help"]);
    assert!(contact.contains("research") && contact.contains("whole minutes"), "{contact}");
    let (_, product, _) = run(&["product", "add", "--help"]);
    assert!(product.contains("<DATE>") && product.contains("YYYY-MM-DD"), "{product}");
    let (_, top, _) = run(&["--help"]);
    assert!(top.contains("[env: INCIDESK_DATA") && top.contains("desk.json"), "{top}");
    assert!(top.contains("<INSTANT>") && top.contains("RFC 3339 with offset"), "{top}");
}

/// What `check` says of the data file it is given (its summary names it).
fn checked(cmd: &mut std::process::Command) -> String {
    let (status, out, err) = output(cmd.arg("check"));
    assert!(status.success(), "{err}");
    out
}

#[test]
fn the_data_file_is_the_flag_then_incidesk_data_then_the_default() {
    let home = tempfile::tempdir().unwrap();
    let a = home.path().join("a.json");
    let b = home.path().join("b.json");
    let env = |cmd: &mut std::process::Command| {
        cmd.env("HOME", home.path()).env("XDG_DATA_HOME", home.path().join("xdg"));
    };
    let mut cmd = bin();
    env(&mut cmd);
    cmd.env("INCIDESK_DATA", &b).arg("--data").arg(&a);
    assert!(checked(&mut cmd).contains("a.json"), "--data wins");
    let mut cmd = bin();
    env(&mut cmd);
    cmd.env("INCIDESK_DATA", &b);
    assert!(checked(&mut cmd).contains("b.json"), "then INCIDESK_DATA");
    let mut cmd = bin();
    env(&mut cmd);
    let default = checked(&mut cmd);
    let mut cmd = bin();
    env(&mut cmd);
    cmd.env("INCIDESK_DATA", "");
    let empty = checked(&mut cmd);
    assert!(default.contains(home.path().join("xdg").to_str().unwrap()), "{default}");
    assert_eq!(empty, default, "an empty INCIDESK_DATA is the default");
    let (status, _, err) = run(&["--data", "", "check"]);
    assert_eq!(status.code(), Some(2), "an empty --data is a mistake, as before: {err}");
}

/// The snapshot name of a command path: "incidesk customer add" is
/// `help_customer_add`, "incidesk" alone `help_incidesk`.
fn snapshot_name(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').skip(1).collect();
    if words.is_empty() { "help_incidesk".into() } else { format!("help_{}", words.join("_")) }
}

/// `--help` of every subcommand, nested ones too, as the binary prints it,
/// in tests/snapshots: the walk finds a new subcommand, which then has no
/// snapshot and fails until its help is looked at and accepted
/// (`INSTA_UPDATE=always cargo test --test cli_help`, then review the diff).
#[test]
fn every_subcommand_help_matches_its_snapshot() {
    let all = commands();
    for (path, _) in &all {
        let mut args: Vec<&str> = path.split(' ').skip(1).collect();
        args.push("--help");
        let (status, help, err) = run(&args);
        assert!(status.success() && err.is_empty(), "{path} --help: {err}");
        insta::assert_snapshot!(snapshot_name(path), help, &format!("incidesk {}", args.join(" ")));
    }
    // And no snapshot is left of a subcommand that is gone.
    let names: Vec<String> =
        all.iter().map(|(p, _)| format!("cli_help__{}.snap", snapshot_name(p))).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(dir).expect("tests/snapshots") {
        let name = entry.expect("an entry").file_name().to_string_lossy().to_string();
        if name.starts_with("cli_help__") && name.ends_with(".snap") {
            assert!(names.contains(&name), "{name} is of no subcommand now: delete it");
        }
    }
}
