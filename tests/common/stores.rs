//! The rule tests through every store: a test that starts with
//! [`super::desk_on_stores`] has each command it runs (through `run`,
//! `refused`, `exec`) carried out by the domain on its own desk and by the
//! JSON store and the PostgreSQL store too, and each store must decide
//! the same and hold the same desk afterwards.
//!
//! A test that changes its desk by hand (not through a command) leaves the
//! stores behind: from then on they are not compared (said on stderr). The
//! PostgreSQL store signs every change with its database role, `eve`
//! (= [`super::ENGINEER`]); a command run as someone else is not sent to
//! it. Without a server the PostgreSQL part is skipped loudly (failed in CI).

use super::ENGINEER;
use incidesk::domain::{Command, Desk, Instant, Outcome, Refusal};
use incidesk::store::postgres::Role;
use incidesk::store::{JsonStore, OpenStore, Reading, Store};
use std::cell::RefCell;

use super::pg;

struct Followed {
    name: &'static str,
    store: Box<dyn Store>,
    /// Left behind by a change made by hand (or by another engineer).
    behind: bool,
}

struct Stores {
    followed: Vec<Followed>,
    _keep: (tempfile::TempDir, Option<pg::TestDb>),
}

thread_local! {
    static STORES: RefCell<Option<Stores>> = const { RefCell::new(None) };
}

/// Starts following this test's commands with a new empty desk in each store.
pub fn start() {
    let test = std::thread::current().name().unwrap_or("rule test").to_string();
    let dir = tempfile::tempdir().unwrap();
    let json = JsonStore::new(dir.path().join("desk.json"));
    let mut followed = vec![Followed { name: "JSON", store: Box::new(json), behind: false }];
    let db = pg::TestDb::new(&test);
    if let Some(db) = &db {
        grant_engineer(db);
        let store = db.opener_as(ENGINEER).open(Reading::Whole).unwrap();
        followed.push(Followed { name: "PostgreSQL", store, behind: false });
    }
    STORES.with(|s| *s.borrow_mut() = Some(Stores { followed, _keep: (dir, db) }));
}

/// `eve` as a lead (roles are the server's: the first test makes her, the
/// others find her; two at once may collide, then it is tried again).
fn grant_engineer(db: &pg::TestDb) {
    for _ in 0..5 {
        if db.opener().grant(ENGINEER, Role::Lead).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the role {ENGINEER} could not be made");
}

/// Runs `command` in each followed store, as the domain just did on
/// `before` (giving `after` and `result`), and compares.
pub fn follow(
    before: &Desk,
    after: &Desk,
    command: &Command,
    at: Instant,
    who: &str,
    result: &Result<Outcome, Refusal>,
) {
    STORES.with(|s| {
        let mut s = s.borrow_mut();
        let Some(stores) = s.as_mut() else { return };
        for f in stores.followed.iter_mut().filter(|f| !f.behind) {
            if f.store.desk() != before || (f.name == "PostgreSQL" && who != ENGINEER) {
                f.behind = true;
                use std::io::Write as _;
                let _ = writeln!(
                    std::io::stderr(),
                    "note: {} store not compared from here on: the test changed its desk by hand or ran a command as {who}",
                    f.name
                );
                continue;
            }
            let applied = f
                .store
                .apply(command.clone(), at, who)
                .unwrap_or_else(|e| panic!("{} store failed {command:?}: {e}", f.name));
            match (result, applied) {
                (Ok(_), Ok(_)) => {
                    assert!(f.store.desk() == after, "{} store holds another desk after {command:?}", f.name)
                }
                (Err(expected), Err(got)) => {
                    assert_eq!(got.rule, expected.rule, "{} store refused {command:?} otherwise", f.name);
                    assert!(f.store.desk() == before, "{} store changed on a refusal", f.name);
                }
                (expected, got) => {
                    panic!("{} store decided {command:?} otherwise: {got:?}, domain: {expected:?}", f.name)
                }
            }
        }
    });
}
