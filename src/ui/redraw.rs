//! Issue 3: idle, the TUI redraws only when something on screen changes.
//! Input, a reload and a new status line always redraw (the event loop sees
//! those); a tick of the clock redraws only if [`tick_needs_redraw`] says so.

use super::app::App;
use super::cache::QueueEntry;
use super::keymap::Screen;
use super::layout;
use crate::domain::Instant;
use chrono::{SubsecRound as _, Timelike as _};

/// A countdown on screen, as far as the passing of time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// Its remaining time changes every second (open, unanswered, not paused).
    pub running: bool,
    /// When its state or paused flag changes next.
    pub next_change: Option<Instant>,
}

impl From<&QueueEntry> for Shown {
    fn from(e: &QueueEntry) -> Self {
        Shown { running: e.running, next_change: e.next_change }
    }
}

/// Whether a frame drawn at `drawn` is out of date at `now` with `shown` on
/// screen: in a new second, a running countdown shows another time, a
/// countdown whose next visible change has come shows another state, and in
/// a new minute the title bar's clock shows another time. Nothing else
/// changes with time alone.
pub fn tick_needs_redraw(drawn: Instant, now: Instant, shown: &[Shown]) -> bool {
    let (drawn, now) = (drawn.trunc_subsecs(0), now.trunc_subsecs(0));
    if now == drawn {
        return false;
    }
    let minute = |t: Instant| t.with_second(0).unwrap_or(t);
    minute(now) != minute(drawn)
        || shown.iter().any(|s| s.running || s.next_change.is_some_and(|t| drawn < t && t <= now))
}

/// The countdowns the current screen shows in a terminal of `app.view.area`, as
/// just drawn (what is on screen changes with input and reloads, which redraw
/// and ask again; a countdown's running flag changes only at its next change):
/// the queue's visible rows and the selected incident's detail, or the
/// board's next breaches on screen (and, for its counts by state, every
/// open incident's next change). The packs screen shows none.
pub fn shown(app: &App) -> Vec<Shown> {
    let Some(areas) = layout::layout(app.view.area, &app.view) else { return Vec::new() };
    let mut out = Vec::new();
    match app.view.screen {
        Screen::Queue => {
            if let Some(q) = areas.queue {
                out.extend(super::queue::visible(&app.view, &app.queue_rows(), q).iter().map(Shown::from));
            }
            if areas.detail.is_some()
                && let Some(id) = app.view.selected
                && let Some(inc) = app.desk().incident(id)
                && let Some(customer) = app.desk().customer(inc.customer)
            {
                let now = app.now();
                let cd = crate::domain::sla::countdown(inc, customer.calendar_of(inc), now);
                out.push(Shown {
                    running: inc.is_open() && inc.first_response.is_none() && !cd.paused,
                    next_change: crate::domain::sla::next_visible_change(inc, customer.calendar_of(inc), now),
                });
            }
        }
        Screen::Board => {
            if let Some([_, middle, _]) = areas.board {
                let next = app.board_rows();
                out.extend(
                    super::board::visible_next(&app.pane_view(), middle, &next).iter().map(Shown::from),
                );
                // The counts by state: any open incident changing state changes them.
                out.push(Shown { running: false, next_change: app.board_next_change() });
            }
        }
        Screen::Packs => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone, Utc};

    fn at(h: u32, m: u32, s: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 11, 22, h, m, s).unwrap()
    }

    const PAUSED: Shown = Shown { running: false, next_change: None };

    #[test]
    fn nothing_running_draws_nothing_within_the_minute() {
        let shown = [PAUSED, Shown { running: false, next_change: Some(at(10, 0, 0)) }];
        assert!(!tick_needs_redraw(at(9, 0, 10), at(9, 0, 11), &shown));
        assert!(!tick_needs_redraw(at(9, 0, 10), at(9, 0, 59), &shown));
        assert!(!tick_needs_redraw(at(9, 0, 10), at(9, 0, 10) + TimeDelta::milliseconds(900), &[]));
    }

    #[test]
    fn a_running_countdown_draws_each_new_second_only() {
        let shown = [PAUSED, Shown { running: true, next_change: None }];
        assert!(tick_needs_redraw(at(9, 0, 10), at(9, 0, 11), &shown));
        assert!(!tick_needs_redraw(at(9, 0, 10), at(9, 0, 10) + TimeDelta::milliseconds(999), &shown));
    }

    #[test]
    fn a_state_change_that_came_draws_once() {
        let shown = [Shown { running: false, next_change: Some(at(9, 0, 30)) }];
        assert!(!tick_needs_redraw(at(9, 0, 28), at(9, 0, 29), &shown));
        assert!(tick_needs_redraw(at(9, 0, 29), at(9, 0, 30), &shown));
        assert!(tick_needs_redraw(at(9, 0, 10), at(9, 0, 40), &shown), "passed while not looking");
        assert!(!tick_needs_redraw(at(9, 0, 30), at(9, 0, 31), &shown), "already drawn");
    }

    #[test]
    fn the_title_clock_draws_each_new_minute() {
        assert!(tick_needs_redraw(at(9, 0, 59), at(9, 1, 0), &[]));
        assert!(tick_needs_redraw(at(9, 0, 59), at(10, 0, 59), &[PAUSED]));
    }

    #[test]
    fn a_frozen_clock_never_draws_on_a_tick() {
        let shown = [Shown { running: true, next_change: Some(at(9, 0, 0)) }];
        assert!(!tick_needs_redraw(at(9, 0, 0), at(9, 0, 0), &shown));
    }
}
