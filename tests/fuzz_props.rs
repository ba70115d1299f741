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

#[path = "fuzz/business_hours.rs"]
mod business_hours;
#[path = "fuzz/grammar.rs"]
mod grammar;
#[path = "fuzz/loader.rs"]
mod loader;
use business_hours::*;
use grammar::*;
use loader::*;

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
