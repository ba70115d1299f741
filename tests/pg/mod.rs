//! A PostgreSQL database of its own for each test, on the server named by
//! INCIDESK_TEST_PG (a superuser's URL; `.ci/run` starts one with `.ci/pg`).
//!
//! Without a reachable server a test says loudly that it was skipped, and
//! passes; in CI (`CI` set) it fails instead, so that a broken server set-up
//! never passes unseen.
#![allow(dead_code)]

use incidesk::store::postgres::{PgEnv, PgOpener, PgSettings, Role};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const URL_ENV: &str = "INCIDESK_TEST_PG";

/// The server's superuser URL, or `None` (after saying so) when there is
/// none and this is not CI.
pub fn server(test: &str) -> Option<String> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let url = std::env::var(URL_ENV).ok().filter(|u| !u.is_empty());
    let problem = match &url {
        None => format!("{URL_ENV} is not set"),
        Some(url) => match postgres::Client::connect(url, postgres::NoTls) {
            Ok(_) => return Some(url.clone()),
            Err(e) => format!("{URL_ENV}={url} can't be reached: {e}"),
        },
    };
    if ci {
        panic!(
            "{test}: {problem}; in CI the PostgreSQL tests must run (.ci/run starts a server with .ci/pg)"
        );
    }
    // Written to stderr itself, not through eprintln!, which the test
    // harness hides for a test that passes: a skip must be seen.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED {test}: {problem}. Start a throw-away server with: eval \"$(.ci/pg start)\" ***"
    );
    None
}

/// A fresh database, migrated, dropped at the end of the test.
pub struct TestDb {
    admin: String,
    pub name: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    /// `None` when the test is skipped (see [`server`]).
    pub fn new(test: &str) -> Option<TestDb> {
        let admin = server(test)?;
        let name = format!(
            "t_{}_{}_{}",
            test.chars().filter(char::is_ascii_alphanumeric).take(30).collect::<String>().to_lowercase(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let db = TestDb { admin, name };
        db.opener().migrate().unwrap();
        Some(db)
    }

    /// The URL of this database as `role` (the server trusts 127.0.0.1).
    pub fn url_as(&self, role: &str) -> String {
        let rest = self.admin.split_once('@').map_or(self.admin.as_str(), |(_, r)| r);
        let host = rest.split('/').next().unwrap_or(rest);
        format!("postgres://{role}@{host}/{}?sslmode=disable", self.name)
    }

    /// The superuser's URL of this database.
    pub fn url(&self) -> String {
        self.url_as("postgres")
    }

    pub fn settings_as(&self, role: &str) -> PgSettings {
        PgSettings { url: self.url_as(role), env: PgEnv::default() }
    }

    pub fn opener(&self) -> PgOpener {
        PgOpener::new(self.settings_as("postgres"))
    }

    pub fn opener_as(&self, role: &str) -> PgOpener {
        PgOpener::new(self.settings_as(role))
    }

    /// A plain client on this database as `role`.
    pub fn client_as(&self, role: &str) -> postgres::Client {
        postgres::Client::connect(&self.url_as(role), postgres::NoTls).unwrap()
    }

    /// A role for this test (roles are shared by the whole server), made a
    /// member of `role`; its name is returned.
    pub fn person(&self, name: &str, role: Role) -> String {
        let person = format!("{name}_{}", self.name);
        self.opener().grant(&person, role).unwrap();
        person
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
