//! The JSON store against a real file system.

use chrono::{DateTime, NaiveDate, Utc};
use incidesk::domain::*;
use incidesk::store::{self, JsonStore, Store, StoreError};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn customer(id: u32) -> Customer {
    Customer {
        id: CustomerId(id),
        name: format!("Customer {id}"),
        calendar: Calendar::office(chrono_tz::Europe::Stockholm),
        contacts: vec![Contact { name: "Ada".into(), reach: "+46 8 123 456".into(), on_duty_24x7: true }],
        tax_exemption: None,
        calendar_changes: Vec::new(),
    }
}

fn product(id: u32) -> Product {
    Product {
        id: ProductId(id),
        name: format!("Product {id}"),
        mainstream_end: day("2027-01-01"),
        extended_end: day("2029-01-01"),
    }
}

fn incident(id: u32, pack: u32) -> Incident {
    Incident {
        id: IncidentId(id),
        title: "Backups fail".into(),
        customer: CustomerId(1),
        product: ProductId(1),
        account: "ada@acme".into(),
        pack: PackId(pack),
        category: Category::Support,
        severity: Severity::B,
        coverage: Coverage::BusinessHours,
        submitted: at("2025-03-14T09:30:00Z"),
        engineer: "bo".into(),
        problem: ProblemStatement {
            text: "Nightly backup job exits with code 3".into(),
            agreed_with: "Ada".into(),
            agreed_by: "bo".into(),
            agreed_at: at("2025-03-14T09:45:00Z"),
            amendments: vec![],
        },
        first_response: None,
        contacts: vec![],
        proposals: vec![],
        severity_changes: vec![],
        breaches: vec![],
        split_from: None,
        split_into: vec![],
        closed: None,
        billing: None,
    }
}

fn sample() -> Desk {
    Desk {
        customers: vec![customer(1)],
        products: vec![product(1)],
        packs: vec![Pack {
            id: PackId(1),
            customer: CustomerId(1),
            order_number: "SO-1001".into(),
            purchaser: "ada@acme".into(),
            owner: "ada@acme".into(),
            purchased: day("2025-01-10"),
            ledger: vec![LedgerLine {
                at: at("2025-03-14T09:30:00Z"),
                kind: LedgerKind::Debit,
                incident: IncidentId(1),
                reason: String::new(),
            }],
            transfers: vec![],
        }],
        incidents: vec![incident(1, 1)],
        history: vec![HistoryEntry {
            at: at("2025-03-14T09:30:00Z"),
            who: "bo".into(),
            subject: Subject::Incident(IncidentId(1)),
            what: "opened".into(),
            change: None,
        }],
        issued: Default::default(),
        archive: Default::default(),
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("desk.json");
    (dir, path)
}

/// Saves `desk` through a fresh store, so the file is exactly what incidesk writes.
fn save(path: &Path, desk: Desk) {
    let mut s = JsonStore::new(path);
    s.change_desk(|d| {
        *d = desk;
        Ok::<_, ()>(())
    })
    .unwrap()
    .unwrap();
}

fn add_customer(s: &mut JsonStore) {
    s.change_desk(|d| {
        let id = d.next_customer_id().expect("ids left");
        d.customers.push(customer(id.0));
        Ok::<_, ()>(())
    })
    .unwrap()
    .unwrap();
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn round_trips() {
    let (_dir, path) = setup();
    save(&path, sample());
    let s = JsonStore::open(&path).unwrap();
    assert_eq!(s.desk(), &sample());
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"schema_version\": 1,\n  \"desk\": {"), "{text}");
    assert!(text.ends_with("}\n"));
    assert_eq!(store::check(&path).unwrap().incidents, 1);
}

#[test]
fn missing_file_is_an_empty_desk_until_the_first_change() {
    let (_dir, path) = setup();
    let mut s = JsonStore::open(&path).unwrap();
    assert_eq!(s.desk(), &Desk::default());
    assert!(!s.is_read_only());
    s.change_desk(|_| Ok::<_, ()>(())).unwrap().unwrap();
    s.change_desk(|d| {
        d.customers.push(customer(1));
        Err::<(), _>("no")
    })
    .unwrap()
    .unwrap_err();
    assert!(!path.exists(), "no change, no file");
    assert!(!store::check(&path).unwrap().exists);
    add_customer(&mut s);
    assert!(path.exists());
    assert!(!store::sibling(&path, ".bak").exists(), "nothing to back up yet");
}

#[test]
fn files_are_private_and_bak_holds_the_previous_version() {
    let (_dir, path) = setup();
    let mut s = JsonStore::new(&path);
    add_customer(&mut s);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let first = fs::read(&path).unwrap();
    add_customer(&mut s);
    let bak = store::sibling(&path, ".bak");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&bak), 0o600);
    assert_eq!(mode(&store::sibling(&path, ".lock")), 0o600);
    assert_eq!(fs::read(&bak).unwrap(), first);
    assert_eq!(JsonStore::open(&path).unwrap().desk().customers.len(), 2);
    let names: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "temporary files left: {names:?}");
}

/// Every way a file can be unreadable: refused with the path (and position
/// where there is one), and never touched by an attempted change.
#[test]
fn refuses_bad_files_and_leaves_them_alone() {
    let good = {
        let (_dir, path) = setup();
        save(&path, sample());
        fs::read(&path).unwrap()
    };
    let mut dangling = sample();
    dangling.incidents[0].pack = PackId(9);
    let dangling = {
        let (_dir, path) = setup();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let doc = serde_json::json!({"schema_version": 1, "desk": dangling});
        fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
        fs::read(&path).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("corrupt", b"garbage, not JSON\n".to_vec(), &["not valid JSON", "line 1, column 1"]),
        ("truncated", good[..good.len() / 2].to_vec(), &["ends too early", "line "]),
        ("empty", Vec::new(), &["is empty"]),
        (
            "future",
            br#"{"schema_version": 3, "desk": {"tickets": []}}"#.to_vec(),
            &[
                "was written by a newer incidesk (schema 3, this one reads up to 2): upgrade incidesk; the file was not changed",
            ],
        ),
        (
            "wrong type",
            b"{\n  \"schema_version\": 1,\n  \"desk\": {\"customers\": 5}\n}\n".to_vec(),
            &["does not fit", "line 3, column"],
        ),
        ("dangling", dangling, &["incidents[0] (I-1): pack P-9 does not exist"]),
    ];
    for (name, bytes, expect) in cases {
        let (_dir, path) = setup();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &bytes).unwrap();
        let mtime = fs::metadata(&path).unwrap().modified().unwrap();

        let msg = JsonStore::open(&path).unwrap_err().to_string();
        assert!(msg.contains(&path.display().to_string()), "{name}: {msg}");
        for e in expect {
            assert!(msg.contains(e), "{name}: {msg:?} lacks {e:?}");
        }
        let mut s = JsonStore::new(&path);
        let err = s.change_desk(|d| {
            d.customers.clear();
            Ok::<_, ()>(())
        });
        assert_eq!(err.unwrap_err().to_string(), msg, "{name}");
        assert!(s.reload_if_changed().is_err(), "{name}");
        assert!(store::check(&path).is_err(), "{name}");
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name}");
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime, "{name}");
        assert!(!store::sibling(&path, ".bak").exists(), "{name}");
    }
}

#[test]
fn check_lists_every_problem() {
    let (_dir, path) = setup();
    let mut desk = sample();
    desk.incidents[0].pack = PackId(9);
    desk.incidents[0].product = ProductId(4);
    desk.products[0].extended_end = day("2026-01-01");
    desk.history[0].subject = Subject::Customer(CustomerId(3));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let doc = serde_json::json!({"schema_version": 1, "desk": desk});
    fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    let problems = store::check(&path).unwrap_err();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems.iter().all(|p| p.starts_with(&path.display().to_string())));
    assert!(problems.iter().any(|p| p.ends_with("history[0]: subject C-3 does not exist")));
}

#[test]
fn two_processes_see_each_others_changes() {
    let (_dir, path) = setup();
    save(&path, sample());
    let mut a = JsonStore::open(&path).unwrap();
    let mut b = JsonStore::open(&path).unwrap();
    let mut watcher = JsonStore::open(&path).unwrap();
    assert!(!watcher.reload_if_changed().unwrap());

    add_customer(&mut b);
    assert!(watcher.reload_if_changed().unwrap());
    assert_eq!(watcher.desk().customers.len(), 2);
    assert!(!watcher.reload_if_changed().unwrap());

    // A still shows one customer, but its change is made on the current file.
    assert_eq!(a.desk().customers.len(), 1);
    a.change_desk(|d| {
        d.products.push(product(2));
        Ok::<_, ()>(())
    })
    .unwrap()
    .unwrap();
    let on_disk = JsonStore::open(&path).unwrap();
    assert_eq!(on_disk.desk().customers.len(), 2);
    assert_eq!(on_disk.desk().products.len(), 2);
    assert_eq!(a.desk(), on_disk.desk());
    assert!(watcher.reload_if_changed().unwrap());
    assert_eq!(watcher.desk(), on_disk.desk());
}

/// An edit in place that keeps the length and the modification time (as one
/// within the same clock tick would) is still seen by the next change.
#[test]
fn a_change_sees_an_edit_in_place_of_the_same_length() {
    let (_dir, path) = setup();
    save(&path, sample());
    let mut s = JsonStore::open(&path).unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen("Customer 1", "Customer Z", 1);
    assert_eq!((edited.len(), edited != text), (text.len(), true));
    let mut f = fs::OpenOptions::new().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut f, edited.as_bytes()).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);

    s.change_desk(|d| {
        d.products.push(product(2));
        Ok::<_, ()>(())
    })
    .unwrap()
    .unwrap();
    let on_disk = JsonStore::open(&path).unwrap();
    assert_eq!(on_disk.desk().customers[0].name, "Customer Z");
    assert_eq!(on_disk.desk().products.len(), 2);
    assert_eq!(s.desk(), on_disk.desk());
    assert_eq!(fs::read_to_string(store::sibling(&path, ".bak")).unwrap(), edited);
}

#[test]
fn a_refused_change_writes_nothing() {
    let (_dir, path) = setup();
    save(&path, sample());
    let bytes = fs::read(&path).unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let mut s = JsonStore::open(&path).unwrap();
    let r = s
        .change_desk(|d| {
            d.incidents.clear();
            Err::<(), _>("refused")
        })
        .unwrap();
    assert_eq!(r, Err("refused"));
    assert_eq!(s.desk(), &sample(), "the closure works on a copy");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
}

#[test]
fn an_inconsistent_result_is_not_saved() {
    let (_dir, path) = setup();
    save(&path, sample());
    let bytes = fs::read(&path).unwrap();
    let mut s = JsonStore::open(&path).unwrap();
    let err = s
        .change_desk(|d| {
            d.packs.clear();
            Ok::<_, ()>(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Rejected { .. }), "{err}");
    assert!(err.to_string().contains("pack P-1 does not exist"), "{err}");
    assert_eq!(s.desk(), &sample());
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_read_only_file_loads_but_is_not_changed() {
    let (_dir, path) = setup();
    save(&path, sample());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let bytes = fs::read(&path).unwrap();
    let mut s = JsonStore::open(&path).unwrap();
    assert!(s.is_read_only());
    assert_eq!(s.desk(), &sample());
    let err = s.change_desk(|_| Ok::<_, ()>(())).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("{} is read-only for you: changes can't be saved", path.display())),
        "{msg}"
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(mode(&path), 0o400);

    // Made writable again: the live view notices, and changes go through.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(!s.reload_if_changed().unwrap());
    assert!(!s.is_read_only());
    add_customer(&mut s);
}

#[test]
fn waits_for_the_lock_then_gives_up() {
    let (_dir, path) = setup();
    save(&path, sample());
    let other = fs::File::open(store::sibling(&path, ".lock")).unwrap();
    other.lock().unwrap();
    let mut s = JsonStore::open(&path).unwrap();
    s.set_lock_timeout(Duration::from_millis(100));
    let err = s.change_desk(|_| Ok::<_, ()>(())).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    other.unlock().unwrap();
    add_customer(&mut s);
}

#[test]
fn saving_through_a_symlink_keeps_the_link() {
    let (dir, path) = setup();
    save(&path, sample());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let mut s = JsonStore::open(&link).unwrap();
    add_customer(&mut s);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(JsonStore::open(&path).unwrap().desk().customers.len(), 2);
}

/// The example in DATA-FORMAT.md is a valid file.
#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../DATA-FORMAT.md");
    let start = doc.find("```json\n").expect("a json example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let (_dir, path) = setup();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, &doc[start..end]).unwrap();
    let s = JsonStore::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.desk().incidents.is_empty());
}

#[test]
fn a_store_read_without_history_keeps_it_when_it_changes() {
    let (_dir, path) = setup();
    let desk = sample();
    assert!(!desk.history.is_empty());
    save(&path, desk.clone());
    for journal_min in [0, u64::MAX] {
        let mut light = JsonStore::open_without_history(&path).unwrap();
        light.set_journal_min(journal_min);
        assert!(light.desk().history.is_empty(), "the history is not read");
        assert_eq!(light.desk().incidents, desk.incidents);
        add_customer(&mut light);
        assert_eq!(light.desk().history, JsonStore::open(&path).unwrap().desk().history);
    }
    let saved = JsonStore::open(&path).unwrap();
    assert_eq!(saved.desk().history, desk.history, "every entry is still in the file");
    assert_eq!(saved.desk().customers.len(), desk.customers.len() + 2);
}

#[test]
fn a_command_on_a_store_read_without_history_loses_none_of_it() {
    let (_dir, path) = setup();
    let desk = sample();
    save(&path, desk.clone());
    let at = desk.history.last().unwrap().at;
    for (journal_min, changes) in [(0, 3), (u64::MAX, 2)] {
        let before = JsonStore::open(&path).unwrap().desk().history.clone();
        // As the command line does: a store read without history, one change.
        for k in 0..changes {
            let mut light = JsonStore::open_without_history(&path).unwrap();
            light.set_journal_min(journal_min);
            let name = format!("P {journal_min} {k}");
            let command = Command::AddProduct {
                name,
                mainstream_end: day("2027-01-01"),
                extended_end: day("2028-01-01"),
            };
            light.apply(command, at, "eve").unwrap().unwrap();
            if journal_min == 0 && k > 0 {
                assert!(light.journal_lines() > 0, "appended to the journal");
                let held = &light.desk().history;
                assert!(
                    held.iter().all(|h| h.what.contains("'P 0 ")),
                    "only the journal's entries: {held:?}"
                );
            }
        }
        let after = JsonStore::open(&path).unwrap().desk().history.clone();
        assert_eq!(after.len(), before.len() + changes, "journal_min {journal_min}");
        assert_eq!(after[..before.len()], before[..], "every earlier entry is still there");
    }
}
