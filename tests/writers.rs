//! Several writers on one data file: processes changing it at the same time
//! through the command line lose nothing, and an open TUI follows their
//! changes without overwriting them.
//!
//! `cargo test --test writers` runs 2 and 4 writers with a few dozen changes
//! each; the long run (500 changes per writer) prints timings:
//!
//! ```text
//! cargo test --release --test writers -- --ignored --nocapture
//! ```
//!
//! `WRITER_CHANGES` overrides the number of changes per writer.
#![cfg(unix)]

mod harness;

use harness::{NOW, env_number, incidesk, run_ok};
use incidesk::domain::{Billing, Command, ContactKind, Desk, IncidentId, LedgerKind, PACK_CREDITS};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What one writer did: its account, the incidents it opened (ids as
/// printed by `open`), the tokens of its contacts and proposals, and how
/// long each command took.
#[derive(Debug, Default)]
struct Log {
    account: String,
    packs_bought: usize,
    opened: Vec<(String, String)>,
    tokens: Vec<String>,
    latencies: Vec<Duration>,
    failures: Vec<String>,
}

/// Writer `w`'s `n` changes, one command at a time: in every 25, a pack
/// bought, five incidents opened on it, and contacts and proposals on them.
fn writer(path: &Path, w: usize, n: usize) -> Log {
    let account = format!("writer{w}@contoso.com");
    let mut log = Log { account: account.clone(), ..Log::default() };
    let mut last: Option<String> = None;
    for i in 0..n {
        let token = format!("w{w}-{i}");
        let incident = last.clone().unwrap_or_else(|| "I-14".to_string());
        let args: Vec<String> = match (i % 25, i % 5) {
            (0, _) => vec!["pack", "buy", "--customer", "C-1", "--account", &account, "--order", &token]
                .into_iter()
                .map(String::from)
                .collect(),
            (_, 1) => [
                "open",
                "--customer",
                "C-1",
                "--account",
                &account,
                "--product",
                "PR-2",
                "--severity",
                "C",
                "--coverage",
                "business",
                "--title",
                &token,
                "--problem",
                "Writers test",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            (_, 3) => vec!["propose".into(), incident, "--text".into(), token.clone()],
            _ => vec![
                "contact".into(),
                incident,
                "--kind".into(),
                "chat".into(),
                "--note".into(),
                token.clone(),
            ],
        };
        let started = Instant::now();
        let out = incidesk(path, &args.iter().map(String::as_str).collect::<Vec<_>>()).output().unwrap();
        log.latencies.push(started.elapsed());
        if !out.status.success() {
            log.failures.push(format!("{args:?}: {}", String::from_utf8_lossy(&out.stderr).trim()));
            continue;
        }
        match args[0].as_str() {
            "pack" => log.packs_bought += 1,
            "open" => {
                let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
                last = Some(id.clone());
                log.opened.push((id, token));
            }
            _ => log.tokens.push(token),
        }
    }
    log
}

/// R14: each pack's balance is five less its debits plus its refunds, and
/// its ledger debits exactly the incidents paid from it, once each.
fn assert_packs_balance(desk: &Desk) {
    for pack in &desk.packs {
        let debits: Vec<IncidentId> =
            pack.ledger.iter().filter(|l| l.kind == LedgerKind::Debit).map(|l| l.incident).collect();
        let refunds = pack.ledger.iter().filter(|l| l.kind == LedgerKind::Refund).count() as u32;
        let paid: Vec<IncidentId> =
            desk.incidents.iter().filter(|i| i.pack == pack.id).map(|i| i.id).collect();
        let refunded = desk
            .incidents
            .iter()
            .filter(|i| i.pack == pack.id && i.billing_state() == Billing::Refunded)
            .count() as u32;
        let mut sorted = debits.clone();
        sorted.sort();
        assert_eq!(sorted, paid, "{}: ledger debits vs incidents paid from it", pack.id);
        assert_eq!(refunds, refunded, "{}: ledger refunds vs refunded incidents", pack.id);
        assert_eq!(pack.remaining(), PACK_CREDITS + refunds - debits.len() as u32, "{}", pack.id);
    }
}

struct Timing {
    writers: usize,
    changes: usize,
    elapsed: Duration,
    mean: Duration,
    max: Duration,
}

fn run_writers(writers: usize, n: usize) -> Timing {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = harness::demo(dir.path());
    let before = harness::load(&path);
    assert_packs_balance(&before);

    let started = Instant::now();
    let logs: Vec<Log> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                s.spawn({
                    let path = &path;
                    move || writer(path, w, n)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed();

    let desk = harness::load(&path);
    for log in &logs {
        assert!(
            log.failures.is_empty(),
            "{}: {} commands failed: {:?}",
            log.account,
            log.failures.len(),
            log.failures
        );
    }
    // Every change is there, exactly once.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in harness::tokens(&desk) {
        *seen.entry(t).or_default() += 1;
    }
    for log in &logs {
        for t in &log.tokens {
            assert_eq!(seen.get(t), Some(&1), "change {t} of {} missing or applied twice", log.account);
        }
        let owned = desk.packs.iter().filter(|p| p.owner == log.account).count();
        assert_eq!(owned, log.packs_bought, "packs bought by {}", log.account);
        let mine: HashSet<(String, String)> = desk
            .incidents
            .iter()
            .filter(|i| i.account == log.account)
            .map(|i| (i.id.to_string(), i.title.clone()))
            .collect();
        let opened: HashSet<(String, String)> = log.opened.iter().cloned().collect();
        assert_eq!(mine, opened, "incidents opened by {}", log.account);
    }
    let opened: usize = logs.iter().map(|l| l.opened.len()).sum();
    assert_eq!(desk.incidents.len(), before.incidents.len() + opened);
    let ids: HashSet<IncidentId> = desk.incidents.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), desk.incidents.len(), "incident ids are unique");
    assert_packs_balance(&desk);
    assert!(harness::temp_files(&path).is_empty());

    let latencies: Vec<Duration> = logs.iter().flat_map(|l| l.latencies.iter().copied()).collect();
    Timing {
        writers,
        changes: latencies.len(),
        elapsed,
        mean: latencies.iter().sum::<Duration>() / latencies.len() as u32,
        max: latencies.iter().copied().max().unwrap_or_default(),
    }
}

fn print(t: &Timing) {
    println!(
        "writers: {} processes x {} changes = {} changes in {:.2?} ({:.0} changes/s); per command mean {:.1?}, max {:.1?}",
        t.writers,
        t.changes / t.writers,
        t.changes,
        t.elapsed,
        t.changes as f64 / t.elapsed.as_secs_f64(),
        t.mean,
        t.max
    );
}

#[test]
fn two_writers_lose_nothing() {
    run_writers(2, env_number("WRITER_CHANGES", 40) as usize);
}

#[test]
fn four_writers_lose_nothing() {
    run_writers(4, env_number("WRITER_CHANGES", 40) as usize);
}

#[test]
#[ignore = "long: cargo test --release --test writers -- --ignored --nocapture"]
fn writers_long() {
    let n = env_number("WRITER_CHANGES", 500) as usize;
    print(&run_writers(2, n));
    print(&run_writers(4, n));
}

/// A TUI left open while the command line writes: it shows the new state at
/// its next tick, and its own next change keeps the command line's, even
/// one made after that tick.
#[test]
fn open_tui_follows_the_command_line_and_keeps_its_changes() {
    use incidesk::store::JsonStore;
    use incidesk::ui::app::{App, Clock};
    use ratatui::backend::TestBackend;

    let dir = tempfile::tempdir().unwrap();
    let path = harness::demo(dir.path());
    let now = NOW.parse().unwrap();
    let store = JsonStore::open(&path).unwrap();
    let mut app =
        App::new(store, Clock::Frozen(now), "tui".into(), incidesk::ui::theme::Theme { color: false });
    let mut terminal = ratatui::Terminal::new(TestBackend::new(160, 50)).unwrap();
    let screen = |terminal: &mut ratatui::Terminal<TestBackend>, app: &App| {
        terminal.draw(|f| incidesk::ui::draw::draw(f, app)).unwrap();
        let buffer = terminal.backend().buffer();
        let area = buffer.area;
        (0..area.height)
            .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(!screen(&mut terminal, &app).contains("Opened from the command line"));

    // The command line opens an incident while the TUI is open.
    let args = [
        "open",
        "--customer",
        "C-1",
        "--account",
        "sql-team@contoso.com",
        "--product",
        "PR-2",
        "--severity",
        "A",
        "--coverage",
        "24x7",
        "--title",
        "Opened from the command line",
        "--problem",
        "p",
    ];
    let id = String::from_utf8(run_ok(&path, &args).stdout).unwrap().trim().to_string();
    app.tick();
    let shown = screen(&mut terminal, &app);
    assert!(shown.contains("Opened from the command line"), "{shown}");
    assert!(shown.contains("reloaded"), "{shown}");

    // The command line changes the file again; the TUI changes it before its
    // next tick, from a desk in memory that lacks the command line's change.
    run_ok(&path, &["contact", &id, "--kind", "phone", "--note", "cli-after-tick"]);
    let incident: IncidentId = id.parse().unwrap();
    app.apply(Command::LogContact {
        incident,
        kind: ContactKind::Chat,
        minutes: 3,
        note: "tui-change".into(),
    })
    .unwrap();
    let tokens = harness::tokens(&harness::load(&path));
    assert!(tokens.iter().any(|t| t == "cli-after-tick"), "the TUI overwrote the command line's change");
    assert!(tokens.iter().any(|t| t == "tui-change"));
    // And the TUI shows both.
    let notes: Vec<&str> =
        app.desk().incident(incident).unwrap().contacts.iter().map(|c| c.note.as_str()).collect();
    assert_eq!(notes, ["cli-after-tick", "tui-change"]);

    // The other way round: the command line's next change keeps the TUI's.
    run_ok(&path, &["propose", &id, "--text", "cli-last"]);
    let desk = harness::load(&path);
    let inc = desk.incident(incident).unwrap();
    assert_eq!(inc.contacts.len(), 2);
    assert_eq!(inc.proposals.len(), 1);
    app.tick();
    assert_eq!(app.desk().incident(incident).unwrap().proposals.len(), 1, "the TUI follows again");
}
