//! Loader fuzzing: valid data files mutated token by token, and arbitrary
//! bytes; each either loads into a consistent desk or is refused.

use super::*;

// ---------------------------------------------------------------------------
// Loader

/// Valid data files to mutate: the small rule-test desk with incidents in
/// every state, and the demo desk (29 incidents, 8 packs).
pub static SEEDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
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
pub fn json_tokens(text: &str) -> Vec<String> {
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
pub const HOSTILE: &[&str] = &[
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
pub enum Mutation {
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

pub fn mutation() -> impl Strategy<Value = Mutation> {
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

pub fn is_punctuation(t: &str) -> bool {
    matches!(t, "{" | "}" | "[" | "]" | ":" | ",")
}

/// Positions of values: not punctuation, not an object key.
pub fn value_positions(tokens: &[String]) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&i| !is_punctuation(&tokens[i]) && tokens.get(i + 1).is_none_or(|n| n != ":"))
        .collect()
}

pub fn tweak(token: &str, r: u32) -> String {
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

pub fn mutate(tokens: &mut Vec<String>, m: &Mutation) {
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
pub struct Bytes(pub Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// A data file after a few mutations, sometimes cut short.
pub fn mutated_file() -> impl Strategy<Value = Bytes> {
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
pub fn raw_bytes() -> impl Strategy<Value = Bytes> {
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
pub static LOADED: AtomicU64 = AtomicU64::new(0);
pub static REFUSED: AtomicU64 = AtomicU64::new(0);

pub static REFUSALS: std::sync::Mutex<std::collections::BTreeMap<&str, u64>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

pub fn kind(e: &StoreError) -> &'static str {
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
pub fn check_loader(bytes: &[u8]) -> TestCaseResult {
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
pub fn exercise(desk: &Desk) -> TestCaseResult {
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
pub fn draw_tui(desk: &Desk) -> TestCaseResult {
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
