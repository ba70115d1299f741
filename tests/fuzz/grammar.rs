//! Filter queries and weekly hours: arbitrary text and text built from the
//! grammar's own pieces.

use super::*;

// ---------------------------------------------------------------------------
// Filter queries and weekly hours

/// Pieces of the filter grammar, odd Unicode (case changes that change
/// length, white space that is not ASCII, direction marks), colons and commas.
pub const FILTER_PIECES: &[&str] = &[
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

pub fn filter_query() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        prop::collection::vec(prop::sample::select(FILTER_PIECES), 0..10).prop_map(|v| v.concat()),
    ]
}

/// The query a filter was parsed from, in one canonical spelling.
pub fn canonical(f: &Filter) -> String {
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

pub fn check_filter(query: &str) -> TestCaseResult {
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

pub static SMALL_DESK: LazyLock<Desk> = LazyLock::new(|| {
    let mut d = common::desk();
    common::open(&mut d);
    d
});

pub const HOURS_PIECES: &[&str] = &[
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

pub fn hours_spec() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(HOURS_PIECES), 0..12).prop_map(|v| v.concat()),
    ]
}

pub fn check_hours(spec: &str) -> TestCaseResult {
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
