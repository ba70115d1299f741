//! The whole screen: title bar, status line, the current screen's panes,
//! the footer from the key table, and any popup on top. Drawing only reads.

use super::app::{App, Focus, Overlay, StatusKind};
use super::keymap::{self, Screen};
use super::{board, detail, dialog, help, history, packs, queue};
use crate::domain::text::clean_line;
use crate::present::local as in_zone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Below this the window is too small to be useful.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each part of the screen goes in a terminal of `area`: drawing and
/// the mouse both ask here, so a click is read against what was drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub status: Rect,
    pub body: Rect,
    pub footer: Rect,
    pub queue: Option<Rect>,
    pub detail: Option<Rect>,
    pub customers: Option<Rect>,
    pub packs: Option<Rect>,
    /// The lead board's parts: counts, next breaches, packs expiring.
    pub board: Option<[Rect; 3]>,
}

/// `None` when the window is too small to be useful.
pub fn layout(area: Rect, app: &App) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [title, status, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut areas = Areas { title, status, body, footer, ..Areas::default() };
    match app.screen {
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
            } else if app.focus == Focus::Detail {
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
            areas.board = Some(
                Layout::vertical([Constraint::Length(7), Constraint::Fill(2), Constraint::Fill(1)])
                    .areas(body),
            );
        }
    }
    Some(areas)
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = layout(area, app) else {
        let text = format!(
            "incidesk needs at least {MIN_WIDTH}x{MIN_HEIGHT}\nthis window is {}x{}\nq quits",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).style(app.theme.warn()), area);
        return;
    };
    draw_title(frame, areas.title, app);
    draw_status(frame, areas.status, app);
    if let Some(q) = areas.queue {
        queue::draw(frame, q, app);
    }
    if let Some(d) = areas.detail {
        detail::draw(frame, d, app);
    }
    if let (Some(c), Some(p)) = (areas.customers, areas.packs) {
        packs::draw(frame, c, p, app);
    }
    if let Some(b) = areas.board {
        board::draw(frame, b, app);
    }
    draw_footer(frame, areas.footer, app);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(frame, area, app, *scroll),
        Some(Overlay::History { subject, scroll }) => history::draw(frame, area, app, *subject, *scroll),
        None => {}
    }
    if let Some(d) = &app.dialog {
        dialog::view::draw(frame, d, &app.theme);
    }
}

fn draw_title(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let tabs = [(Screen::Queue, "1 Queue"), (Screen::Packs, "2 Packs"), (Screen::Board, "3 Board")];
    let mut spans = vec![Span::styled(" incidesk ", theme.title())];
    for (screen, name) in tabs {
        let style = if app.screen == screen { theme.selected() } else { theme.dim() };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    if app.store.is_read_only() {
        // Stays in sight whatever the status line says later.
        spans.push(Span::styled(" READ-ONLY ", theme.error().add_modifier(Modifier::REVERSED)));
    }
    let file = clean_line(&app.store.short_name());
    let clock = match app.clock {
        super::app::Clock::Frozen(_) => " (frozen)",
        super::app::Clock::System => "",
    };
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(used);
    // Drop the least useful facts first when the window is narrow.
    let local = app.now().with_timezone(&app.viewer_zone);
    let candidates = [
        format!("{file} · {} · {}{clock} ", app.engineer, in_zone(app.now(), app.viewer_zone)),
        format!("{} · {}{clock} ", app.engineer, local.format("%H:%M")),
        format!("{}{clock} ", local.format("%H:%M")),
    ];
    let right = candidates.into_iter().find(|c| c.chars().count() <= room).unwrap_or_default();
    spans.push(Span::raw(" ".repeat(room.saturating_sub(right.chars().count()))));
    spans.push(Span::styled(right, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    if let Some(input) = &app.filter_input {
        let mut spans =
            vec![Span::styled(" / ", theme.key()), Span::raw(input.clone()), Span::styled("▏", theme.key())];
        match &app.filter_error {
            Some(e) => spans.push(Span::styled(format!("  {e}"), theme.error())),
            None => spans.push(Span::styled("  Enter apply · Esc cancel", theme.dim())),
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let line = match &app.status {
        Some(s) => {
            let (mark, style) = match s.kind {
                StatusKind::Saved => ("✔ ", theme.ok()),
                StatusKind::Error => ("✖ ", theme.error()),
                StatusKind::Info => ("· ", theme.dim()),
            };
            // Messages can quote a path or a file's content: no control reaches the terminal.
            Line::from(Span::styled(format!(" {mark}{}", clean_line(&s.text)), style))
        }
        None => Line::from(Span::styled(" every change is saved at once · ? for keys", theme.dim())),
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    // Help and quit always show, at the right; the rest fills from the left.
    let fixed = [("?", "help"), ("q", "quit")];
    let piece = |k: &str, w: &str| k.chars().count() + w.chars().count() + 3;
    let reserved: usize = fixed.iter().map(|(k, w)| piece(k, w)).sum();
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (key, word) in keymap::footer(&app.scopes()) {
        if fixed.iter().any(|(k, _)| *k == key) {
            continue;
        }
        if width + piece(key, word) + reserved > usize::from(area.width) {
            break;
        }
        width += piece(key, word);
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    spans.push(Span::raw(" ".repeat(usize::from(area.width).saturating_sub(width + reserved))));
    for (key, word) in fixed {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
