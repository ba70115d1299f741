//! The command line on a PostgreSQL desk: the database role signs, so no
//! `--engineer` (nor `INCIDESK_ENGINEER`, nor `$USER`) is needed; a name
//! typed that is not the role's is refused, naming the role. The config
//! file's `[store] data` picks the database too. Skipped loudly without a
//! server (see tests/pg/mod.rs).

mod common;
mod common_cli;

use common::pg::TestDb;
use common_cli::{NOW, Output, bin, open_line, output, words};
use incidesk::store::OpenStore as _;
use incidesk::store::postgres::Role;

/// Runs `line` on the database as `role`, with no name typed and `USER` empty.
fn as_role(db: &TestDb, role: &str, extra_env: &[(&str, &str)], line: &str) -> Output {
    let url = db.url_as(role);
    let mut cmd = bin();
    cmd.env("USER", "").args(["--data", &url, "--now", NOW]).args(words(line));
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    output(&mut cmd)
}

/// What `open` needs on `common::desk()` beyond `open_line`'s defaults.
const OPEN: &str = "--customer 'Contoso Ltd' --account alice@contoso.com --product 'Mail Server'";

fn ready(test: &str) -> Option<(TestDb, String)> {
    let db = TestDb::new(test)?;
    db.opener().create(&common::desk()).unwrap();
    let eng = db.person("eng", Role::Engineer);
    Some((db, eng))
}

#[test]
fn a_change_needs_no_engineer_name_the_role_signs_it() {
    let Some((db, eng)) = ready("cli_role_signs") else { return };
    let (status, id, err) = as_role(&db, &eng, &[], &open_line("No mail", OPEN));
    assert!(status.success(), "{err}");
    let id = id.trim().to_string();
    let (status, _, err) = as_role(&db, &eng, &[], &format!("respond {id} --note 'on it'"));
    assert!(status.success(), "{err}");
    let (status, history, err) = as_role(&db, &eng, &[], &format!("history {id}"));
    assert!(status.success(), "{err}");
    assert!(history.contains(&eng), "signed by the role: {history}");
    // The same name typed is the role: accepted.
    let (status, _, err) =
        as_role(&db, &eng, &[], &format!("--engineer {eng} propose {id} --text 'restart'"));
    assert!(status.success(), "{err}");
}

#[test]
fn another_name_typed_is_refused_naming_the_role_and_nothing_is_written() {
    let Some((db, eng)) = ready("cli_other_name") else { return };
    let (_, id, _) = as_role(&db, &eng, &[], &open_line("No mail", OPEN));
    let id = id.trim().to_string();
    let revision = || -> i64 {
        db.client_as("postgres").query_one("SELECT revision FROM desk_state", &[]).unwrap().get(0)
    };
    let before = revision();
    for (env, line) in [
        (vec![], format!("--engineer maja respond {id}")),
        (vec![("INCIDESK_ENGINEER", "maja")], format!("respond {id}")),
    ] {
        let (status, _, err) = as_role(&db, &eng, &env, &line);
        assert_eq!(status.code(), Some(2), "{line}: {err}");
        assert!(err.contains("maja") && err.contains(&format!("opened as, {eng}")), "{err}");
        assert!(err.contains("drop --engineer"), "says what to do: {err}");
    }
    let (status, _, err) = as_role(&db, &eng, &[], &format!("--json --engineer maja respond {id}"));
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("\"--engineer\""), "the hint's flag as data: {err}");
    assert_eq!(revision(), before, "nothing written");
    // $USER (and a name in the config file) are not typed: the role signs.
    let (status, _, err) = as_role(&db, &eng, &[("USER", "somebody")], &format!("respond {id}"));
    assert!(status.success(), "{err}");
}

#[test]
fn the_config_files_store_names_the_database() {
    let Some((db, eng)) = ready("cli_config_store") else { return };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[store]\ndata = \"{}\"\n", db.url_as(&eng))).unwrap();
    let mut cmd = bin();
    cmd.env("USER", "").args(["--config", config.to_str().unwrap(), "--now", NOW]);
    let (status, id, err) = output(cmd.args(words(&open_line("No mail", OPEN))));
    assert!(status.success(), "{err}");
    let (status, list, err) = as_role(&db, &eng, &[], "list");
    assert!(status.success(), "{err}");
    assert!(list.contains("No mail") && list.contains(id.trim()), "{list}");
}

#[test]
fn an_engineers_billing_decision_sent_with_psql_is_refused_by_the_database() {
    let Some((db, eng)) = ready("psql_billing") else { return };
    let Some(psql) = ["/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        assert!(std::env::var_os("CI").is_none(), "psql is part of the PostgreSQL set-up in CI");
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "\n*** SKIPPED psql_billing: no psql found ***");
        return;
    };
    let (_, id, _) = as_role(&db, &eng, &[], &open_line("No mail", OPEN));
    let number: i64 = id.trim().trim_start_matches("I-").parse().unwrap();
    let billing = || -> String {
        let row = db
            .client_as("postgres")
            .query_one("SELECT coalesce(doc->>'billing', '') FROM incidents WHERE id = $1", &[&number])
            .unwrap();
        row.get(0)
    };
    let before = billing();
    let sql = format!(
        "UPDATE incidents SET doc = jsonb_set(doc, '{{billing}}', '{{\"decision\": \"charge\"}}') WHERE id = {number}"
    );
    let out = std::process::Command::new(psql)
        .args([&db.url_as(&eng), "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", &sql])
        .output()
        .expect("run psql");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "psql must fail: {err}");
    assert!(err.contains("incidesk_lead") && err.contains("R14"), "the refusal names the role: {err}");
    assert_eq!(billing(), before, "nothing written");
}
