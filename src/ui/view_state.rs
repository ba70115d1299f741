//! What the viewer looks at: the screen, the pane with the keyboard, the
//! selections (kept by id, so reloads keep them), scrolls and the filter.
//! Plain data: no desk, no store, no terminal.

use crate::domain::queue::Filter;
use crate::domain::{CustomerId, IncidentId, PackId};
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Packs,
    Board,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Detail,
    Customers,
    Packs,
    Board,
    /// The board's incidents waiting for a billing decision.
    Billing,
}

/// Where the queue's selection goes after an action (`[general]` in the config file).
pub use crate::config::general::AfterAction;

#[derive(Debug, Clone)]
pub struct ViewState {
    pub screen: Screen,
    pub focus: Focus,
    /// The incident under the cursor.
    pub selected: Option<IncidentId>,
    pub detail_scroll: u16,
    /// The filter in force, and the text it was parsed from.
    pub filter: Filter,
    pub filter_text: String,
    pub customer: Option<CustomerId>,
    pub pack: Option<PackId>,
    /// The incident under the board's cursor (its next breaches).
    pub board_selected: Option<IncidentId>,
    /// The incident under the cursor of the board's billing panel.
    pub billing_selected: Option<IncidentId>,
    /// Rows per page, known from the last resize.
    pub page: usize,
    /// The terminal's area, known from the last resize: where the mouse
    /// clicked and which rows are on screen are computed from it.
    pub area: Rect,
    /// Mouse capture on (clicks and wheel) or off (the terminal's text selection).
    pub mouse: bool,
    /// The furthest an open popup (help, history, message log) can scroll,
    /// set by the frame that drew it, so that a scroll key stops where the
    /// text ends (as ratatui's list state is kept by its render).
    pub popup_scroll_max: std::cell::Cell<u16>,
    /// The viewer's zone, for "your time" beside the customer's.
    pub viewer_zone: crate::domain::Zone,
    pub after_action: AfterAction,
    /// The zone a new customer's dialog starts with, if not Europe/Stockholm.
    pub new_customer_zone: Option<crate::domain::Zone>,
    /// The queue's order.
    pub sort: super::sort::QueueSort,
    /// This viewer's alerts and what of them is acknowledged (issue 13).
    pub alerts: super::alerts::AlertList,
    /// Columns the status line's message takes: wider than the window, it
    /// gets a second row (see [`super::messages::status_rows`]).
    pub status_width: usize,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            popup_scroll_max: std::cell::Cell::new(u16::MAX),
            screen: Screen::Queue,
            focus: Focus::Queue,
            selected: None,
            detail_scroll: 0,
            filter: Filter::default(),
            filter_text: String::new(),
            customer: None,
            pack: None,
            board_selected: None,
            billing_selected: None,
            page: 10,
            area: Rect::new(0, 0, 120, 40),
            mouse: false,
            viewer_zone: crate::domain::Zone::utc(),
            after_action: AfterAction::Stay,
            new_customer_zone: None,
            sort: super::sort::QueueSort::Due,
            alerts: super::alerts::AlertList::default(),
            status_width: 0,
        }
    }
}

impl ViewState {
    /// The terminal is now `width` x `height`.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.page = usize::from(height.saturating_sub(8)).max(1);
    }

    /// The panes of the current screen in Tab order.
    pub fn panes(&self) -> &'static [Focus] {
        match self.screen {
            Screen::Queue => &[Focus::Queue, Focus::Detail],
            Screen::Packs => &[Focus::Customers, Focus::Packs],
            Screen::Board => &[Focus::Board, Focus::Billing],
        }
    }

    pub fn cycle_focus(&mut self, forward: bool) {
        let order = self.panes();
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    /// Whether the queue may show closed incidents: a status filter that can
    /// match one (`status:open` cannot, and needs no archive read).
    pub fn shows_closed(&self) -> bool {
        self.filter.wants_closed()
    }
}

/// Moves within a list by `delta`, clamped at both ends.
pub fn step<T: Copy + PartialEq>(ids: &[T], current: Option<T>, delta: isize) -> Option<T> {
    if ids.is_empty() {
        return None;
    }
    let i = current.and_then(|c| ids.iter().position(|x| *x == c)).unwrap_or(0) as isize;
    let j = i.saturating_add(delta).clamp(0, ids.len() as isize - 1);
    ids.get(j as usize).copied()
}

/// A scroll offset moved by `delta`, clamped to what a `u16` holds.
pub fn scroll(v: u16, delta: isize) -> u16 {
    (v as isize).saturating_add(delta).clamp(0, u16::MAX as isize) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_clamp_at_both_ends() {
        let ids = [1, 2, 3];
        assert_eq!(step(&ids, Some(2), 1), Some(3));
        assert_eq!(step(&ids, Some(3), 5), Some(3));
        assert_eq!(step(&ids, Some(1), isize::MIN / 2), Some(1));
        assert_eq!(step(&ids, None, 1), Some(2), "from the first when nothing is selected");
        assert_eq!(step::<i32>(&[], None, 1), None);
        assert_eq!(scroll(0, -3), 0);
        assert_eq!(scroll(u16::MAX, 1), u16::MAX);
    }

    #[test]
    fn tab_cycles_the_panes_of_the_screen() {
        let mut v = ViewState { screen: Screen::Packs, focus: Focus::Customers, ..ViewState::default() };
        v.cycle_focus(true);
        assert_eq!(v.focus, Focus::Packs);
        v.cycle_focus(true);
        assert_eq!(v.focus, Focus::Customers);
        v.cycle_focus(false);
        assert_eq!(v.focus, Focus::Packs);
    }
}
