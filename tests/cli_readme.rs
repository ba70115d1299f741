//! The README's examples work: every ```sh block is run by bash, in order,
//! as a new user would type it (`incidesk` on the PATH, a fresh home and
//! data file, `set -eu`: the first command that fails fails the test). Only
//! what can't run here is left out, each for a reason named below.

mod common_cli;
mod pg;

use common_cli::*;
use std::path::Path;

/// The ```sh blocks of README.md, in order.
fn sh_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for line in readme.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```sh") => block = Some(String::new()),
            (Some(_), "```") => blocks.extend(block.take()),
            (Some(b), line) => {
                b.push_str(line);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Why a block is not run here, if it is not.
fn not_run(block: &str) -> Option<&'static str> {
    if block.contains("cargo run") {
        Some("builds and opens the terminal desk")
    } else if block.contains("sudo ") {
        Some("needs root and a group")
    } else if block.contains(".ci/pg start") {
        Some("starts a server (the PostgreSQL tests do)")
    } else {
        None
    }
}

/// Runs `script` with bash in `home`, `incidesk` on the PATH.
fn bash(home: &Path, script: &str) -> Output {
    let bin_dir = home.join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let link = bin_dir.join("incidesk");
    if !link.exists() {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_incidesk"), &link).unwrap();
    }
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = bin();
    let cmd = cmd.env("HOME", home).env("PATH", path).env("INCIDESK_ENGINEER", "maja");
    let cmd =
        cmd.env("XDG_CONFIG_HOME", home.join(".config")).env("XDG_DATA_HOME", home.join(".local/share"));
    let cmd = cmd.env("INCIDESK_DATA", home.join("desk.json")).current_dir(home);
    // `bin()` is the binary; run bash in its place with the same environment.
    let mut bash = std::process::Command::new("bash");
    bash.arg("-c").arg(format!("set -eu\n{script}")).current_dir(home);
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => bash.env(key, v),
            None => bash.env_remove(key),
        };
    }
    output(&mut bash)
}

#[test]
fn every_readme_example_runs() {
    let home = tempfile::tempdir().unwrap();
    // The public-holiday calendar a team receives, which the README imports.
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
               BEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270101\r\n\
               DTEND;VALUE=DATE:20270102\r\nSUMMARY:New Year's Day\r\nEND:VEVENT\r\n\
               BEGIN:VEVENT\r\nUID:2@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270106\r\n\
               DTEND;VALUE=DATE:20270107\r\nSUMMARY:Epiphany\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    std::fs::write(home.path().join("holidays-2027.ics"), ics).unwrap();
    let blocks = sh_blocks();
    assert!(blocks.len() >= 5, "found the examples: {}", blocks.len());
    let mut ran = 0;
    // Dropped (the database with it) only at the end of the test.
    let mut db = None;
    for block in &blocks {
        if let Some(why) = not_run(block) {
            eprintln!("not run ({why}):\n{block}");
            continue;
        }
        // `cargo install` is the one line of a block not run: the binary
        // under test stands for what it installs.
        let mut script: String =
            block.lines().filter(|l| !l.starts_with("cargo ")).map(|l| format!("{l}\n")).collect();
        if script.contains("postgres://") {
            let Some(test_db) = pg::TestDb::new("readme_postgres") else { continue };
            let url = db.insert(test_db).url();
            // The README's roles, a lead and an engineer (the server's, maybe there already).
            let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("the server");
            for role in ["lena", "bob"] {
                let _ = admin.batch_execute(&format!("CREATE ROLE {role} LOGIN"));
            }
            script = script.replace("postgres://owner@db.example/desk", &url);
            // The file the block imports is the desk the examples above made.
            script = script.replace(" desk.json", &format!(" {}", home.path().join("desk.json").display()));
        }
        let (status, out, err) = bash(home.path(), &script);
        assert!(
            status.success(),
            "README example failed ({status}):\n{script}\nstdout:\n{out}\nstderr:\n{err}"
        );
        ran += 1;
    }
    assert!(ran >= 3, "the examples ran: {ran}");
    // What the examples wrote is what they say.
    let h = home.path();
    let bash_completion =
        std::fs::read_to_string(h.join(".local/share/bash-completion/completions/incidesk"));
    assert!(bash_completion.is_ok_and(|s| s.contains("_incidesk")), "the bash completion is installed");
    assert!(h.join(".zfunc/_incidesk").exists() && h.join(".config/fish/completions/incidesk.fish").exists());
    let page = std::fs::read_to_string(h.join(".local/share/man/man1/incidesk.1")).unwrap_or_default();
    assert!(page.starts_with(".ie") || page.contains(".TH incidesk 1"), "the man page is installed");
    let csv = std::fs::read_to_string(h.join("by-engineer.csv")).unwrap_or_default();
    assert!(csv.starts_with("by,key,label,"), "report --csv wrote:\n{csv}");
}
