//! Issue 13 in the terminal desk: the viewer's alerts. The same planner as
//! `incidesk watch` (`crate::alerts`) is fed on each tick; what came is kept
//! in the view state as a list the viewer acknowledges one by one or all.
//! Acknowledging belongs to this viewer: it changes nothing on the desk.

use super::app::App;
use crate::alerts::desktop::{Desktop, SystemNotifier};
use crate::alerts::{Alert, Planner};
use crate::config::{AlertSettings, Bell};
use crate::domain::{Desk, IncidentId};
use crate::settings::DesktopNotices;

/// One alert as the viewer has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub alert: Alert,
    pub acknowledged: bool,
}

/// The viewer's alerts, newest last (plain data, in [`super::ViewState`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertList {
    pub items: Vec<Listed>,
    /// The row under the cursor in the alert list.
    pub cursor: usize,
}

impl AlertList {
    /// Alerts not yet acknowledged.
    pub fn waiting(&self) -> usize {
        self.items.iter().filter(|l| !l.acknowledged).count()
    }

    /// The newest alert not yet acknowledged (the banner's).
    pub fn newest_waiting(&self) -> Option<&Alert> {
        self.items.iter().rev().find(|l| !l.acknowledged).map(|l| &l.alert)
    }

    /// Whether `id` has an alert; `Some(true)` if one still waits.
    pub fn of(&self, id: IncidentId) -> Option<bool> {
        let mut of = self.items.iter().filter(|l| l.alert.incident == id).peekable();
        of.peek()?;
        Some(of.any(|l| !l.acknowledged))
    }

    pub fn acknowledge(&mut self, index: usize) {
        if let Some(l) = self.items.get_mut(index) {
            l.acknowledged = true;
        }
    }

    pub fn acknowledge_all(&mut self) {
        self.items.iter_mut().for_each(|l| l.acknowledged = true);
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
    }

    /// Drops the alerts of incidents that no longer wait for a first
    /// response (answered or closed, here or in another process): their
    /// countdown is over.
    fn keep_waiting(&mut self, desk: &Desk) {
        self.items.retain(|l| {
            desk.incident(l.alert.incident).is_some_and(|i| i.is_open() && i.first_response.is_none())
        });
        self.move_cursor(0);
    }
}

/// The watcher of this terminal desk: its planner and how it rings.
pub struct Watcher {
    planner: Planner,
    bell: Bell,
    /// Where each alert rung is also given to the desktop (`None`: off by
    /// the config file, or not given yet).
    desktop: Option<Desktop>,
    generation: Option<u64>,
}

impl Watcher {
    /// `None` when the `[alerts]` settings turn alerts off.
    pub fn new(settings: &AlertSettings) -> Option<Watcher> {
        settings.enabled.then(|| Watcher {
            planner: crate::alerts::planner(settings),
            bell: settings.bell,
            desktop: None,
            generation: None,
        })
    }
}

/// The desktop notifications the settings ask for: sent on a thread of
/// their own, off with the reason said once, or none.
pub fn desktop_of(notices: &DesktopNotices) -> Option<Desktop> {
    match notices {
        DesktopNotices::Off => None,
        DesktopNotices::On => Some(Desktop::start(SystemNotifier)),
        DesktopNotices::Unavailable(why) => Some(Desktop::off(why.clone())),
    }
}

/// What one tick of the watcher brought.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Came {
    /// BEL characters to write to the terminal.
    pub bells: usize,
    /// Whether the list changed (a redraw is due).
    pub changed: bool,
}

/// How many times the bell rings for `rung` new alerts when `waiting`
/// were already waiting to be acknowledged.
pub fn bells(bell: Bell, rung: usize, waiting: usize) -> usize {
    match bell {
        Bell::Off => 0,
        Bell::Once => usize::from(rung > 0 && waiting == 0),
        Bell::Each => rung,
    }
}

impl App {
    /// Starts watching with the `[alerts]` settings, and lists at once what
    /// passed before (listed, rung only if recent).
    pub fn watch_alerts(&mut self, settings: &AlertSettings) {
        self.watch_alerts_with(settings, None);
    }

    /// [`App::watch_alerts`], giving each alert rung also to `desktop`
    /// (if the settings want desktop notifications).
    pub fn watch_alerts_with(&mut self, settings: &AlertSettings, desktop: Option<Desktop>) {
        self.watcher = Watcher::new(settings);
        if let Some(w) = self.watcher.as_mut() {
            w.desktop = desktop.filter(|_| settings.desktop);
        }
        self.tick_alerts();
    }

    /// Feeds the planner the live desk at now: new alerts join the list and
    /// ring as configured; alerts of incidents answered meanwhile go.
    /// What came waits in [`App::take_came`]; `true` if the list changed.
    pub fn tick_alerts(&mut self) -> bool {
        let now = self.now();
        let store = self.session.store.as_ref();
        let Some(w) = self.watcher.as_mut() else { return false };
        let generation = store.generation();
        let desk = store.desk();
        let came = &mut self.came;
        let mut changed = false;
        if w.generation != Some(generation) {
            let before = self.view.alerts.items.len();
            self.view.alerts.keep_waiting(desk);
            changed = before != self.view.alerts.items.len();
            w.generation = Some(generation);
        }
        let new = w.planner.tick(desk, generation, now);
        let mut said = None;
        if !new.is_empty() {
            let rung: Vec<Alert> = new.iter().filter(|a| a.rung).cloned().collect();
            came.bells += bells(w.bell, rung.len(), self.view.alerts.waiting());
            self.view.alerts.items.extend(new.into_iter().map(|alert| Listed { alert, acknowledged: false }));
            changed = true;
            if let Some(d) = w.desktop.as_mut() {
                d.send(&rung);
                said = d.status(!rung.is_empty());
            }
        }
        came.changed |= changed;
        if let Some(text) = said {
            self.info(text);
        }
        changed
    }

    /// Says once, in the status line, that desktop notifications are off
    /// because sending failed (the sender learns it on its thread); `true`
    /// when it did.
    pub fn follow_desktop(&mut self) -> bool {
        let Some(d) = self.watcher.as_mut().and_then(|w| w.desktop.as_mut()) else { return false };
        let Some(text) = d.status(false) else { return false };
        self.info(text);
        true
    }

    /// The bells and desktop alerts of the last tick, taken once.
    pub fn take_came(&mut self) -> Came {
        std::mem::take(&mut self.came)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bell_rings_as_configured() {
        assert_eq!(bells(Bell::Off, 3, 0), 0);
        assert_eq!(bells(Bell::Once, 3, 0), 1, "once when none was waiting");
        assert_eq!(bells(Bell::Once, 1, 2), 0, "not again while some wait");
        assert_eq!(bells(Bell::Once, 0, 0), 0, "listed-only alerts ring nothing");
        assert_eq!(bells(Bell::Each, 3, 5), 3);
    }
}
