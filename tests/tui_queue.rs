//! The TUI keeps the computed queue while the desk and the filter stay the
//! same, and computes again each second only the countdowns whose state or
//! paused flag changes (issue 5); it is always the queue the domain gives.

use chrono::{TimeDelta, TimeZone, Utc};
use incidesk::domain::queue::{self, Filter};
use incidesk::domain::{Closing, Command, IncidentId, Instant, Severity};
use incidesk::generate;
use incidesk::store::{self, JsonStore};
use incidesk::ui::app::{App, Clock};
use incidesk::ui::theme::Theme;

fn now() -> Instant {
    Utc.with_ymd_and_hms(2026, 3, 11, 9, 30, 0).unwrap()
}

fn fresh(app: &App) -> Vec<IncidentId> {
    let include_closed = !app.view.filter.statuses.is_empty();
    queue::queue(app.desk(), app.now(), &app.view.filter, include_closed)
        .iter()
        .map(|r| r.incident.id)
        .collect()
}

#[test]
fn the_kept_queue_follows_changes_filter_clock_and_other_processes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    store::create(&path, &generate::desk(300, 6, 4, now())).unwrap();
    let mut app =
        App::new(JsonStore::open(&path).unwrap(), Clock::Frozen(now()), "eve".into(), Theme { color: false });
    let first = app.queue_ids();
    assert!(!first.is_empty());
    assert_eq!(first, fresh(&app));
    assert_eq!(app.queue_ids(), first, "kept");

    // A change of one's own.
    let id = first[0];
    let close = Command::Close { incident: id, how: Closing::Withdrawn, note: String::new() };
    app.apply(close).unwrap();
    assert!(!app.queue_ids().contains(&id));
    assert_eq!(app.queue_ids(), fresh(&app));

    // The filter.
    app.view.filter = Filter::parse("sev:A").unwrap();
    let a = app.queue_ids();
    assert_eq!(a, fresh(&app));
    assert!(a.iter().all(|i| app.desk().incident(*i).unwrap().severity == Severity::A));
    app.view.filter = Filter::default();

    // The clock: countdowns are those of the new instant.
    app.session.clock = Clock::Frozen(now() + TimeDelta::hours(30));
    let later: Vec<_> = app.queue_rows().iter().map(|r| app.countdown(r.id).unwrap()).collect();
    let expected: Vec<_> =
        queue::queue(app.desk(), app.now(), &Filter::default(), false).iter().map(|r| r.countdown).collect();
    assert_eq!(later, expected);
    app.session.clock = Clock::Frozen(now());

    // Another process closes the next one; the once-a-second tick picks it up.
    let next = app.queue_ids()[0];
    let mut other = JsonStore::open(&path).unwrap();
    let close = Command::Close { incident: next, how: Closing::Withdrawn, note: String::new() };
    other.change_desk(|d| d.execute(close, now(), "bob")).unwrap().unwrap();
    assert!(app.queue_ids().contains(&next), "not seen before the tick");
    app.tick();
    assert!(!app.queue_ids().contains(&next));
    assert_eq!(app.queue_ids(), fresh(&app));
}

/// The kept states, stepped through time (each second only the incidents
/// whose next visible change came are computed again), are those computed
/// afresh at every instant, in the same order, filtered or not.
#[test]
fn the_kept_queue_is_the_fresh_one_as_time_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    store::create(&path, &generate::desk(400, 8, 7, now())).unwrap();
    let mut app =
        App::new(JsonStore::open(&path).unwrap(), Clock::Frozen(now()), "eve".into(), Theme { color: false });
    let filters = ["", "state:at-risk", "paused:yes", "state:breached,on-track sev:A,B"];
    let mut changed = 0;
    let mut before = Vec::new();
    // Two days in steps of 7 minutes 13 seconds, over openings, closings and due times.
    for step in 0..400 {
        app.session.clock = Clock::Frozen(now() + TimeDelta::seconds(step * 433));
        for f in filters {
            app.view.filter = Filter::parse(f).unwrap();
            let kept: Vec<_> = app.queue_rows().iter().map(|e| (e.id, e.state, e.paused, e.due)).collect();
            let fresh: Vec<_> = queue::queue(app.desk(), app.now(), &app.view.filter, false)
                .iter()
                .map(|r| (r.incident.id, r.countdown.state, r.countdown.paused, r.countdown.due))
                .collect();
            assert_eq!(kept, fresh, "at {} with '{f}'", app.now());
            if f.is_empty() {
                changed += usize::from(before != kept);
                before = kept;
            }
        }
    }
    assert!(changed >= 2, "states changed along the way ({changed} times)");
}
