//! Where each part of the screen goes: drawing and the mouse both ask here,
//! so a click is read against what was drawn.

use super::view_state::{Focus, Screen, ViewState};
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the window is too small to be useful.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each part of the screen goes in a terminal of `area`: drawing and
/// the mouse both ask here, so a click is read against what was drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub status: Rect,
    /// The alert banner, while an alert waits to be acknowledged (issue 13).
    pub banner: Option<Rect>,
    pub body: Rect,
    pub footer: Rect,
    pub queue: Option<Rect>,
    pub detail: Option<Rect>,
    pub customers: Option<Rect>,
    pub packs: Option<Rect>,
    /// The lead board's parts: counts, next breaches, packs expiring.
    pub board: Option<[Rect; 3]>,
    /// The board's incidents waiting for a billing decision.
    pub billing: Option<Rect>,
}

/// `None` when the window is too small to be useful.
pub fn layout(area: Rect, view: &ViewState) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let banner_rows = u16::from(view.alerts.waiting() > 0);
    let status_rows = if view.status_width > usize::from(area.width) { 2 } else { 1 };
    let [title, status, banner, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(status_rows),
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let banner = (banner_rows > 0).then_some(banner);
    let mut areas = Areas { title, status, banner, body, footer, ..Areas::default() };
    match view.screen {
        // Wide: queue and detail side by side. Tall: stacked. Small: one at a time.
        Screen::Queue => {
            if body.width >= 140 {
                let [q, d] =
                    Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
                (areas.queue, areas.detail) = (Some(q), Some(d));
            } else if body.height >= 34 {
                let [q, d] =
                    Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
                (areas.queue, areas.detail) = (Some(q), Some(d));
            } else if view.focus == Focus::Detail {
                areas.detail = Some(body);
            } else {
                areas.queue = Some(body);
            }
        }
        Screen::Packs => {
            let [left, right] = if body.width >= 70 {
                Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(body)
            } else {
                Layout::vertical([Constraint::Length(body.height / 3), Constraint::Fill(1)]).areas(body)
            };
            (areas.customers, areas.packs) = (Some(left), Some(right));
        }
        Screen::Board => {
            // The next breaches matter most: the two lower panels take a few
            // rows each (they show their position and scroll) and leave it the rest.
            let rest = body.height.saturating_sub(7);
            let lower = match rest {
                20.. => 6,
                12.. => 4,
                _ => 3,
            };
            let [counts, next, billing, expiring] = Layout::vertical([
                Constraint::Length(7),
                Constraint::Fill(1),
                Constraint::Length(lower),
                Constraint::Length(lower),
            ])
            .areas(body);
            (areas.board, areas.billing) = (Some([counts, next, expiring]), Some(billing));
        }
    }
    Some(areas)
}
