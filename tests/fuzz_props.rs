//! Fuzzing with proptest: the loader, the filter query parser, the weekly-hours
//! parser and the business-hours engine never panic and always terminate.
//!
//! - Loader: arbitrary bytes, and valid data files mutated token by token
//!   (deleted, duplicated, swapped, replaced by hostile values, types flipped)
//!   or cut short. A file either loads into a consistent desk that saves and
//!   reads back the same, and that every view and the TUI can show, or is
//!   refused with a message naming the file.
//! - Filter queries and weekly hours: arbitrary text, and text built from the
//!   grammar's own pieces with Unicode and colons mixed in.
//! - Business hours: any of the ~600 IANA zones, random open periods (with
//!   00:00-24:00), up to years of holidays, instants from 1900 to 2100.
//!
//! `cargo test` runs a few dozen cases of each. `FUZZ_CASES=N` raises every
//! property's count. The long soak runs every target for `FUZZ_SECONDS`
//! (default 600) and prints the figures RELIABILITY.md quotes:
//!
//! ```text
//! cargo test --release --test fuzz_props -- --ignored --nocapture
//! ```
//!
//! Failing inputs are kept in `proptest-regressions/fuzz_props.txt` (replayed
//! first by every run) and as named tests at the end of this file.

mod common;

use chrono::{DateTime, NaiveDate, TimeDelta};
use chrono_tz::Tz;
use incidesk::domain::queue::{self, Filter};
use incidesk::domain::*;
use incidesk::store::{self, StoreError};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseResult, TestRunner};
use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant as Clock};

/// `FUZZ_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Where failing seeds are kept (relative to the package root, where
/// `cargo test` runs), replayed before new cases.
const REGRESSIONS: &str = "proptest-regressions/fuzz_props.txt";

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..ProptestConfig::default()
    }
}

fn now() -> Instant {
    common::now()
}

// ---------------------------------------------------------------------------
// Loader

/// Valid data files to mutate: the small rule-test desk with incidents in
/// every state, and the demo desk (29 incidents, 8 packs).
static SEEDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut small = common::desk();
    let a = common::open(&mut small);
    let b = common::open(&mut small);
    let c = common::open(&mut small);
    common::run(&mut small, Command::Respond { incident: a, note: "on it".into() });
    common::run(
        &mut small,
        Command::LogContact { incident: a, kind: ContactKind::Phone, minutes: 5, note: "called".into() },
    );
    common::run(&mut small, Command::Propose { incident: a, text: "restart".into() });
    common::run(&mut small, Command::Close { incident: a, how: Closing::Resolved, note: String::new() });
    common::run(&mut small, Command::Close { incident: b, how: Closing::Withdrawn, note: "gone".into() });
    common::run(
        &mut small,
        Command::Bill {
            incident: b,
            decision: Decision::Refund,
            reason: "goodwill".into(),
            product_defect: false,
        },
    );
    common::run(&mut small, Command::ChangeSeverity { incident: c, to: Severity::A, reason: "worse".into() });
    let demo = incidesk::demo::build(now()).expect("demo desk");
    [small, demo]
        .iter()
        .map(|d| json_tokens(&String::from_utf8(store::encode(d).unwrap()).unwrap()))
        .collect()
});

/// JSON split into tokens: strings (with their quotes), punctuation, and
/// runs of anything else (numbers, literals). White space is dropped.
fn json_tokens(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if b"{}[]:,".contains(&c) {
            i += 1;
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"{}[]:,\"".contains(&b[i]) {
                i += 1;
            }
        }
        out.push(text[start..i.min(b.len())].to_string());
    }
    out
}

/// Values a hand edit, another program or a bug might leave in a field.
const HOSTILE: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1.5",
    "-0",
    "1e400",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\"",
    "\" \"",
    "\"x\"",
    "[]",
    "{}",
    "[null]",
    "{\"a\":1}",
    "\"2026-13-45\"",
    "\"2026-02-29\"",
    "\"2024-02-29\"",
    "\"0000-01-01\"",
    "\"9999-12-31\"",
    "\"+262142-12-31\"",
    "\"-262143-01-01\"",
    "\"1900-01-01T00:00:00Z\"",
    "\"2100-12-31T23:59:59Z\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"0000-01-01T00:00:00Z\"",
    "\"+262142-12-31T23:59:59Z\"",
    "\"-262143-01-01T00:00:00Z\"",
    "\"2026-11-18T09:00:00+14:00\"",
    "\"2026-11-18T09:00:00.999999999Z\"",
    "\"2026-11-18 09:00:00\"",
    "\"I-0\"",
    "\"I-1\"",
    "\"I-4294967295\"",
    "\"I-4294967296\"",
    "\"P-0\"",
    "\"P-1\"",
    "\"C-99\"",
    "\"PR-1\"",
    "\"X-1\"",
    "\"Mars/Olympus_Mons\"",
    "\"Etc/GMT+12\"",
    "\"Etc/GMT-14\"",
    "\"Pacific/Kiritimati\"",
    "\"Australia/Lord_Howe\"",
    "\"UTC\"",
    "\"00:00-24:00\"",
    "\"23:59-24:00\"",
    "\"24:00-24:00\"",
    "\"17:00-08:00\"",
    "\"8-17\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\u202e\\u0007\"",
    "\"\\u001b[2J\"",
    "\"business\"",
    "\"24x7\"",
    "\"A\"",
    "\"D\"",
    "\"debit\"",
    "\"refund\"",
    "\"resolved\"",
    "\"support\"",
    "\"phone\"",
    "\"charge\"",
    "\"schema_version\"",
    "\"desk\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(prop::sample::Index),
    Duplicate(prop::sample::Index),
    Swap(prop::sample::Index, prop::sample::Index),
    Replace(prop::sample::Index, &'static str),
    /// A string becomes a number or a literal, anything else a string.
    FlipType(prop::sample::Index),
    /// A value (not a key, not punctuation) replaced by a hostile one.
    ReplaceValue(prop::sample::Index, &'static str),
    /// A value replaced by another value of the file, e.g. an id or a date
    /// from elsewhere: mostly the right type, often the wrong meaning.
    CopyValue(prop::sample::Index, prop::sample::Index),
    /// A value changed within its kind: an id off by one, a date in another
    /// year, other open hours, an empty or very long text.
    TweakValue(prop::sample::Index, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use prop::sample::Index;
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => (any::<Index>(), prop::sample::select(HOSTILE)).prop_map(|(a, v)| Mutation::Replace(a, v)),
        1 => any::<Index>().prop_map(Mutation::FlipType),
        4 => (any::<Index>(), prop::sample::select(HOSTILE)).prop_map(|(a, v)| Mutation::ReplaceValue(a, v)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::CopyValue(a, b)),
        6 => (any::<Index>(), any::<u32>()).prop_map(|(a, r)| Mutation::TweakValue(a, r)),
    ]
}

fn is_punctuation(t: &str) -> bool {
    matches!(t, "{" | "}" | "[" | "]" | ":" | ",")
}

/// Positions of values: not punctuation, not an object key.
fn value_positions(tokens: &[String]) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&i| !is_punctuation(&tokens[i]) && tokens.get(i + 1).is_none_or(|n| n != ":"))
        .collect()
}

fn tweak(token: &str, r: u32) -> String {
    let Some(inner) = token.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return match token.parse::<i64>() {
            Ok(n) => [n + 1, n - 1, 0, i64::from(u32::MAX), -n][r as usize % 5].to_string(),
            Err(_) => ["true", "false", "null"][r as usize % 3].to_string(),
        };
    };
    // An id: I-12, P-3, C-1, PR-2.
    if let Some((prefix, n)) = inner.split_once('-')
        && !prefix.is_empty()
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && let Ok(n) = n.parse::<u32>()
    {
        let n = [n.wrapping_add(1), n.wrapping_sub(1), 0, u32::MAX, n.wrapping_mul(2)][r as usize % 5];
        return format!("\"{prefix}-{n}\"");
    }
    let b = inner.as_bytes();
    // A date or an instant: another year, month or day.
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' {
        let rest = &inner[4..];
        return match r % 4 {
            0 | 1 => {
                let years = [0, 1, 1900, 1969, 1970, 2000, 2025, 2026, 2027, 2038, 2100, 2262, 9999];
                format!("\"{:04}{rest}\"", years[(r / 4) as usize % years.len()])
            }
            2 => format!("\"{}-{:02}{}\"", &inner[..4], (r / 4) % 14, &inner[7..]),
            _ => format!("\"{}{:02}{}\"", &inner[..8], (r / 4) % 33, &inner[10..]),
        };
    }
    // Open hours.
    if b.len() == 11 && b[2] == b':' && b[5] == b'-' {
        let periods =
            ["00:00-24:00", "23:59-24:00", "12:00-12:00", "17:00-08:00", "00:00-00:01", "00:00-23:59"];
        return format!("\"{}\"", periods[r as usize % periods.len()]);
    }
    match r % 4 {
        0 => "\"\"".to_string(),
        1 => format!("\"{}\"", inner.repeat(40)),
        2 => format!("\"{inner}\\u0000\\u202e\\u001b[31m\\n\""),
        _ => format!("\"{}\"", inner.to_uppercase()),
    }
}

fn mutate(tokens: &mut Vec<String>, m: &Mutation) {
    if tokens.is_empty() {
        return;
    }
    let values = || value_positions(tokens);
    match m {
        Mutation::Delete(i) => {
            tokens.remove(i.index(tokens.len()));
        }
        Mutation::Duplicate(i) => {
            let i = i.index(tokens.len());
            tokens.insert(i, tokens[i].clone());
        }
        Mutation::Swap(a, b) => {
            let (a, b) = (a.index(tokens.len()), b.index(tokens.len()));
            tokens.swap(a, b);
        }
        Mutation::Replace(i, v) => {
            let i = i.index(tokens.len());
            tokens[i] = v.to_string();
        }
        Mutation::FlipType(i) => {
            let i = i.index(tokens.len());
            let t = &tokens[i];
            tokens[i] = match t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(inner) if inner.parse::<f64>().is_ok() => inner.to_string(),
                Some("") => "0".to_string(),
                Some(_) => "1".to_string(),
                None => format!("\"{t}\""),
            };
        }
        Mutation::ReplaceValue(i, v) => {
            let values = values();
            if !values.is_empty() {
                tokens[values[i.index(values.len())]] = v.to_string();
            }
        }
        Mutation::CopyValue(a, b) => {
            let values = values();
            if !values.is_empty() {
                let (a, b) = (values[a.index(values.len())], values[b.index(values.len())]);
                tokens[a] = tokens[b].clone();
            }
        }
        Mutation::TweakValue(i, r) => {
            let values = values();
            if !values.is_empty() {
                let i = values[i.index(values.len())];
                tokens[i] = tweak(&tokens[i], *r);
            }
        }
    }
}

/// File content, shown as text (lossy) in failure reports.
#[derive(Clone)]
struct Bytes(Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// A data file after a few mutations, sometimes cut short.
fn mutated_file() -> impl Strategy<Value = Bytes> {
    (
        prop::sample::select(vec![0usize, 0, 0, 1]),
        prop_oneof![
            2 => prop::collection::vec(mutation(), 1..=1),
            1 => prop::collection::vec(mutation(), 2..=2),
            1 => prop::collection::vec(mutation(), 3..=5),
        ],
        prop::option::weighted(0.05, any::<prop::sample::Index>()),
    )
        .prop_map(|(seed, mutations, cut)| {
            let mut tokens = SEEDS[seed].clone();
            for m in &mutations {
                mutate(&mut tokens, m);
            }
            let mut bytes = tokens.join(" ").into_bytes();
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            Bytes(bytes)
        })
}

/// Arbitrary bytes, and bytes that start like a data file.
fn raw_bytes() -> impl Strategy<Value = Bytes> {
    let raw = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec(any::<u8>(), 0..64).prop_map(|tail| {
            let mut b = b"{\"schema_version\": 1, \"desk\": ".to_vec();
            b.extend(tail);
            b
        }),
        "\\PC{0,64}".prop_map(|s| format!("{{\"schema_version\": 1, \"desk\": {s}}}").into_bytes()),
    ];
    raw.prop_map(Bytes)
}

/// How the loader answered, over all cases of a run.
static LOADED: AtomicU64 = AtomicU64::new(0);
static REFUSED: AtomicU64 = AtomicU64::new(0);

static REFUSALS: std::sync::Mutex<std::collections::BTreeMap<&str, u64>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

fn kind(e: &StoreError) -> &'static str {
    match e {
        StoreError::Empty { .. } => "empty",
        StoreError::Syntax { .. } => "syntax",
        StoreError::Truncated { .. } => "truncated",
        StoreError::Schema { .. } => "schema",
        StoreError::MissingVersion { .. }
        | StoreError::NewerVersion { .. }
        | StoreError::UnknownVersion { .. } => "version",
        StoreError::Invalid { .. } => "inconsistent",
        _ => "other",
    }
}

/// The loader never panics; it loads a consistent desk or says which file is wrong.
fn check_loader(bytes: &[u8]) -> TestCaseResult {
    let path = Path::new("fuzz/desk.json");
    match store::decode(path, bytes) {
        Ok(desk) => {
            LOADED.fetch_add(1, Ordering::Relaxed);
            prop_assert!(store::validate::problems(&desk).is_empty());
            let again = store::decode(path, &store::encode(&desk).unwrap());
            prop_assert!(again.as_ref().is_ok_and(|d| *d == desk), "does not read back: {:?}", again.err());
            exercise(&desk)?;
        }
        Err(e) => {
            REFUSED.fetch_add(1, Ordering::Relaxed);
            *REFUSALS.lock().unwrap().entry(kind(&e)).or_default() += 1;
            let message = e.to_string();
            prop_assert!(message.contains("fuzz/desk.json"), "{message}");
            if let StoreError::Invalid { problems, .. } = &e {
                prop_assert!(!problems.is_empty());
            }
        }
    }
    Ok(())
}

/// Everything the command line and the TUI do with a loaded desk.
fn exercise(desk: &Desk) -> TestCaseResult {
    let mut instants = vec![now()];
    instants.extend(desk.incidents.iter().take(3).map(|i| i.submitted));
    for at in instants {
        let rows = queue::queue(desk, at, &Filter::default(), true);
        prop_assert!(rows.len() <= desk.incidents.len());
        let _ = incidesk::domain::report::report(desk, at);
        for inc in &desk.incidents {
            if let Some(c) = desk.customer(inc.customer) {
                let _ = sla::next_visible_change(inc, &c.calendar, at);
            }
        }
    }
    for subject in desk.history.iter().take(3).map(|h| h.subject) {
        let _ = desk.history_of(subject).count();
    }
    // A change on every open incident and a new pack: accepted changes must
    // leave a desk the store would save.
    let mut work = desk.clone();
    let open: Vec<IncidentId> = desk.incidents.iter().filter(|i| i.is_open()).map(|i| i.id).collect();
    for incident in open.into_iter().take(5) {
        let note = "fuzz".to_string();
        let _ = work.execute(
            Command::LogContact { incident, kind: ContactKind::Chat, minutes: 1, note },
            now(),
            "f",
        );
        let _ = work.execute(Command::Propose { incident, text: "try".into() }, now(), "f");
    }
    if let Some(c) = desk.customers.first() {
        let buy = Command::BuyPack {
            customer: c.id,
            account: "a@b".into(),
            order_number: "F-1".into(),
            purchased: None,
        };
        let _ = work.execute(buy, now(), "f");
    }
    let problems = store::validate::problems(&work);
    prop_assert!(problems.is_empty(), "accepted changes left an inconsistent desk: {problems:?}");
    draw_tui(desk)
}

/// The TUI draws every screen of a loaded desk.
fn draw_tui(desk: &Desk) -> TestCaseResult {
    use incidesk::ui::app::{App, Clock as UiClock, Modal, Overlay};
    use incidesk::ui::keymap::Screen;
    use ratatui::backend::TestBackend;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    std::fs::write(&path, store::encode(desk).unwrap()).unwrap();
    let store = store::JsonStore::open(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let theme = incidesk::ui::theme::Theme { color: true };
    let mut app = App::new(store, UiClock::Frozen(now()), "fuzz".into(), theme);
    let mut terminal = ratatui::Terminal::new(TestBackend::new(120, 40)).unwrap();
    for screen in [Screen::Queue, Screen::Packs, Screen::Board] {
        app.view.screen = screen;
        terminal.draw(|f| incidesk::ui::draw::draw(f, &app)).unwrap();
    }
    app.view.screen = Screen::Queue;
    if let Some(id) = app.view.selected {
        app.modal = Modal::Overlay(Overlay::History { subject: Subject::Incident(id), scroll: 0 });
        terminal.draw(|f| incidesk::ui::draw::draw(f, &app)).unwrap();
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Filter queries and weekly hours

/// Pieces of the filter grammar, odd Unicode (case changes that change
/// length, white space that is not ASCII, direction marks), colons and commas.
const FILTER_PIECES: &[&str] = &[
    "sev:",
    "severity:",
    "state:",
    "cov:",
    "coverage:",
    "customer:",
    "cust:",
    "eng:",
    "engineer:",
    "status:",
    "paused:",
    "SEV:",
    "Sev:a",
    "a",
    "B",
    "c",
    "d",
    ",",
    ":",
    "::",
    " ",
    "\t",
    "\n",
    "\u{3000}",
    "\u{a0}",
    "\u{85}",
    "\u{2028}",
    "İ",
    "ß",
    "ǅ",
    "Σ",
    "é",
    "e\u{301}",
    "\u{0}",
    "\u{202e}",
    "🦀",
    "breached",
    "at-risk",
    "on-track",
    "met",
    "missed",
    "paused",
    "yes",
    "no",
    "24x7",
    "business",
    "open",
    "closed",
    "new",
    "working",
    "contoso",
];

fn filter_query() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        prop::collection::vec(prop::sample::select(FILTER_PIECES), 0..10).prop_map(|v| v.concat()),
    ]
}

/// The query a filter was parsed from, in one canonical spelling.
fn canonical(f: &Filter) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(f.severities.iter().map(|s| format!("sev:{s}")));
    parts.extend(f.states.iter().map(|s| format!("state:{}", incidesk::present::state_key(*s))));
    parts.extend(f.coverages.iter().map(|c| format!("cov:{c}")));
    parts.extend(f.customers.iter().map(|c| format!("customer:{c}")));
    parts.extend(f.engineers.iter().map(|e| format!("eng:{e}")));
    parts.extend(f.statuses.iter().map(|s| format!("status:{s}")));
    parts.extend(f.paused.map(|p| format!("paused:{}", if p { "yes" } else { "no" })));
    parts.extend(f.words.iter().cloned());
    parts.join(" ")
}

fn check_filter(query: &str) -> TestCaseResult {
    match Filter::parse(query) {
        Ok(f) => {
            let again = Filter::parse(&canonical(&f));
            prop_assert_eq!(again.as_ref(), Ok(&f), "canonical form: {:?}", canonical(&f));
            let spaced = query.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(Filter::parse(&spaced), Ok(f.clone()));
            let rows = queue::queue(&SMALL_DESK, now(), &f, true);
            prop_assert!(rows.len() <= SMALL_DESK.incidents.len());
        }
        Err(e) => prop_assert!(!e.trim().is_empty()),
    }
    Ok(())
}

static SMALL_DESK: LazyLock<Desk> = LazyLock::new(|| {
    let mut d = common::desk();
    common::open(&mut d);
    d
});

const HOURS_PIECES: &[&str] = &[
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "Mon",
    "monday",
    "-",
    "mon-fri",
    "sat-mon",
    " ",
    ";",
    ",",
    "08:00-17:00",
    "00:00-24:00",
    "23:59-24:00",
    "24:00",
    "00:00",
    "9:00",
    "99:99",
    "12:60",
    ":",
    "08:00",
    "-17:00",
    "\u{3000}",
    "İ",
    "🦀",
    "\u{0}",
    "1",
    "24:01",
];

fn hours_spec() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(HOURS_PIECES), 0..12).prop_map(|v| v.concat()),
    ]
}

fn check_hours(spec: &str) -> TestCaseResult {
    match WeeklyHours::parse_spec(spec) {
        Ok(h) => {
            prop_assert!(h.validate().is_ok(), "parsed hours do not validate: {h:?}");
            if h.weekly_minutes() > 0 {
                prop_assert_eq!(WeeklyHours::parse_spec(&h.to_string()), Ok(h.clone()), "display {}", h);
            }
        }
        Err(e) => prop_assert!(!e.trim().is_empty()),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Business hours

/// 1900-01-01 .. 2100-12-31 (UTC seconds).
const FROM_1900: i64 = -2_208_988_800;
const TO_2101: i64 = 4_133_980_800;

fn instant(secs: i64) -> Instant {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
}

fn minute() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..=1440, Just(0), Just(1440), (0u16..=96).prop_map(|q| q * 15)]
}

/// Non-overlapping periods in order; sometimes the whole day, sometimes none.
fn periods() -> impl Strategy<Value = Vec<OpenPeriod>> {
    prop_oneof![
        3 => prop::collection::vec(minute(), 0..=8).prop_map(|mut cuts| {
            cuts.sort_unstable();
            cuts.dedup();
            cuts.chunks_exact(2).filter_map(|w| OpenPeriod::new(w[0], w[1]).ok()).collect()
        }),
        1 => Just(vec![OpenPeriod::new(0, 1440).unwrap()]),
        1 => Just(vec![]),
    ]
}

/// Weekly hours, possibly never open.
fn weekly_hours() -> impl Strategy<Value = WeeklyHours> {
    [periods(), periods(), periods(), periods(), periods(), periods(), periods()]
        .prop_map(|[mon, tue, wed, thu, fri, sat, sun]| WeeklyHours { mon, tue, wed, thu, fri, sat, sun })
}

/// Holidays around `at`: scattered ones, or a run of days (up to eleven
/// years, longer than the engine's search) closing the business.
fn holidays(at: Instant) -> impl Strategy<Value = Vec<NaiveDate>> {
    let day = at.date_naive();
    let scattered = prop::collection::vec(-400i64..4000, 0..300)
        .prop_map(move |v| v.into_iter().map(|d| day + TimeDelta::days(d)).collect::<Vec<_>>());
    let run = (-3i64..3, 0i64..4100)
        .prop_map(move |(start, len)| (0..len).map(|d| day + TimeDelta::days(start + d)).collect::<Vec<_>>());
    prop_oneof![3 => scattered, 1 => run]
}

#[derive(Debug, Clone)]
struct SlaCase {
    cal: Calendar,
    severity: Severity,
    coverage: Coverage,
    submitted: Instant,
    now: Instant,
    response: Option<Instant>,
    closed: Option<Instant>,
    from: Instant,
    to: Instant,
}

fn sla_case() -> impl Strategy<Value = SlaCase> {
    let near = || prop_oneof![-30 * 86_400i64..30 * 86_400, FROM_1900 - TO_2101..TO_2101 - FROM_1900];
    (FROM_1900..TO_2101, zone(), weekly_hours())
        .prop_flat_map(move |(submitted, time_zone, hours)| {
            let at = instant(submitted);
            (
                Just((submitted, time_zone, hours)),
                holidays(at),
                prop::sample::select(Severity::ALL.to_vec()),
                prop::sample::select(vec![Coverage::BusinessHours, Coverage::RoundTheClock]),
                (near(), prop::option::of(near()), prop::option::of(near()), near(), near()),
            )
        })
        .prop_map(|((submitted, time_zone, hours), holidays, severity, coverage, (n, r, c, a, b))| {
            let clamp = |s: i64| instant((submitted + s).clamp(FROM_1900, TO_2101));
            SlaCase {
                cal: Calendar::new(time_zone, hours, holidays),
                severity,
                coverage,
                submitted: instant(submitted),
                now: clamp(n),
                response: r.map(clamp),
                closed: c.map(clamp),
                from: clamp(a),
                to: clamp(b),
            }
        })
}

fn incident_of(case: &SlaCase) -> Incident {
    let mut d = SMALL_DESK.clone();
    let mut inc = d.incidents.remove(0);
    inc.severity = case.severity;
    inc.coverage = case.coverage;
    inc.submitted = case.submitted;
    inc.first_response = case.response.map(|at| FirstResponse { at, by: "e".into(), note: String::new() });
    inc.closed =
        case.closed.map(|at| Closed { how: Closing::Withdrawn, at, by: "e".into(), note: String::new() });
    inc
}

static SLA_SLOWEST_MS: AtomicU64 = AtomicU64::new(0);

/// Every engine function returns (so terminates) without panicking, with
/// answers that stay within their own definitions.
fn check_sla(case: &SlaCase) -> TestCaseResult {
    let started = Clock::now();
    let cal = &case.cal;
    let inc = incident_of(case);
    let due = sla::due_time(case.submitted, case.severity, case.coverage, cal);
    if let Some(due) = due {
        prop_assert!(due >= case.submitted + case.severity.target(), "due {due} before the 24x7 due time");
    } else {
        // R5: only a business-hours calendar too thin for the target gives none.
        prop_assert_eq!(case.coverage, Coverage::BusinessHours);
        prop_assert!(cal.validate(case.submitted).is_err(), "no due time from a calendar that validates");
    }
    let cd = sla::countdown(&inc, cal, case.now);
    prop_assert_eq!(cd.due, due);
    if let Some(t) = sla::next_visible_change(&inc, cal, case.now) {
        prop_assert!(t > case.now, "next change {t} not after now {}", case.now);
    }
    let open = sla::open_time_between(cal, case.from, case.to);
    prop_assert!(open >= TimeDelta::zero() && open <= (case.to - case.from).max(TimeDelta::zero()));
    if let Some(t) = sla::next_opening(cal, case.from) {
        prop_assert!(t >= case.from && sla::is_open_at(cal, t), "next opening {t} is not open");
    }
    let _ = sla::is_open_at(cal, case.to);
    let ms = started.elapsed().as_millis() as u64;
    SLA_SLOWEST_MS.fetch_max(ms, Ordering::Relaxed);
    Ok(())
}

// ---------------------------------------------------------------------------
// The properties, at the default case counts

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn loader_survives_mutated_files(bytes in mutated_file()) {
        check_loader(&bytes.0)?;
    }

    #[test]
    fn loader_survives_arbitrary_bytes(bytes in raw_bytes()) {
        check_loader(&bytes.0)?;
    }

    #[test]
    fn business_hours_engine_never_panics_and_terminates(case in sla_case()) {
        check_sla(&case)?;
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn filter_parser_never_panics_and_is_stable(query in filter_query()) {
        check_filter(&query)?;
    }

    #[test]
    fn weekly_hours_parser_never_panics_and_round_trips(spec in hours_spec()) {
        check_hours(&spec)?;
    }
}

// ---------------------------------------------------------------------------
// The long soak

/// Runs `test` on `strategy` in batches until `budget` is spent; returns the
/// number of cases. A failure is shrunk, saved to proptest-regressions and
/// reported with its minimal input.
fn soak<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> TestCaseResult,
    budget: Duration,
) -> u64
where
    S::Value: std::fmt::Debug,
{
    const BATCH: u32 = 500;
    let started = Clock::now();
    let mut total = 0;
    while started.elapsed() < budget {
        let config = Config {
            cases: BATCH,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        total += u64::from(BATCH);
    }
    println!("  {name}: {total} cases in {:.0?}", started.elapsed());
    total
}

#[test]
#[ignore = "long: cargo test --release --test fuzz_props -- --ignored --nocapture"]
fn fuzz_long() {
    let seconds = std::env::var("FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(600u64);
    let share = |percent: u64| Duration::from_secs(seconds * percent / 100);
    let started = Clock::now();
    println!("fuzz: {seconds} s over five targets");
    let mut total = 0;
    total += soak("loader, mutated files", mutated_file(), |b| check_loader(&b.0), share(35));
    total += soak("loader, arbitrary bytes", raw_bytes(), |b| check_loader(&b.0), share(5));
    let (loaded, refused) = (LOADED.load(Ordering::Relaxed), REFUSED.load(Ordering::Relaxed));
    println!("    the loader loaded {loaded} files and refused {refused}: {:?}", REFUSALS.lock().unwrap());
    total += soak("business-hours engine", sla_case(), |c| check_sla(&c), share(35));
    println!("    slowest case {} ms", SLA_SLOWEST_MS.load(Ordering::Relaxed));
    total += soak("filter query parser", filter_query(), |q| check_filter(&q), share(15));
    total += soak("weekly hours parser", hours_spec(), |s| check_hours(&s), share(10));
    println!("fuzz: {total} cases in {:.0?}, no failure", started.elapsed());
}

// ---------------------------------------------------------------------------
// Inputs the fuzzing found, kept as named regression tests

#[test]
fn the_unmutated_seeds_load() {
    for seed in SEEDS.iter() {
        check_loader(seed.join(" ").as_bytes()).unwrap();
    }
    assert!(LOADED.load(Ordering::Relaxed) >= 2);
}

/// Found by the loader fuzzing (twice, seeds in proptest-regressions): an
/// incident submitted in the year 262142 (`"+262142-12-31T23:59:59Z"`, which
/// chrono reads) loaded, and the views then panicked with "`DateTime +
/// TimeDelta` overflowed" adding the R4 target, or with "Local time out of
/// range for `NaiveDateTime`" in the business-hours engine. Dates outside
/// the years 0 to 9999 are now refused at load.
#[test]
fn regression_far_future_submission_is_refused_not_a_panic() {
    for when in ["+262142-12-31T23:59:59Z", "-262143-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"] {
        let mut desk = SMALL_DESK.clone();
        desk.incidents[0].submitted = when.parse().unwrap();
        let bytes = store::encode(&desk).unwrap();
        check_loader(&bytes).unwrap();
        let e = store::decode(Path::new("d.json"), &bytes).unwrap_err();
        assert!(e.to_string().contains("submitted: "), "{e}");
    }
}
