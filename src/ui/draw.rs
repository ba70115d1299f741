//! The whole screen: title bar, status line, the current screen's panes,
//! the footer from the key table, and any popup on top. Drawing only reads.

use super::app::{App, Overlay};
use super::keymap;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, layout};
use super::view_state::Screen;
use super::{alert_list, board, board_billing, detail, dialog, help, history, messages, packs, queue};
use crate::domain::text::clean_line;
use crate::present::local as in_zone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = layout(area, &app.view) else {
        let text = format!(
            "incidesk needs at least {MIN_WIDTH}x{MIN_HEIGHT}\nthis window is {}x{}\nq quits",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).style(app.theme.warn()), area);
        return;
    };
    draw_title(frame, areas.title, app);
    draw_status(frame, areas.status, app);
    if let Some(banner) = areas.banner {
        alert_list::draw_banner(frame, banner, &app.view, &app.theme);
    }
    if let Some(q) = areas.queue {
        queue::draw(frame, q, &app.queue_view());
    }
    if let Some(d) = areas.detail {
        detail::draw(frame, d, &app.detail_view());
    }
    if let (Some(c), Some(p)) = (areas.customers, areas.packs) {
        packs::draw(frame, c, p, &app.pane_view());
    }
    if let Some(b) = areas.board {
        board::draw(frame, b, &app.board_view());
    }
    if let Some(b) = areas.billing {
        board_billing::draw(frame, b, &app.billing_view());
    }
    draw_footer(frame, areas.footer, app);
    let scroll_max = match app.overlay() {
        Some(Overlay::Help { scroll }) => help::draw(frame, area, &app.theme, *scroll),
        Some(Overlay::History { subject, scroll }) => {
            history::draw(frame, area, &app.history_view(Some(*subject)), *subject, *scroll)
        }
        Some(Overlay::Alerts { .. }) => {
            alert_list::draw(frame, area, &app.view, &app.theme);
            u16::MAX
        }
        Some(Overlay::Messages { scroll }) => {
            messages::draw(frame, area, &app.messages, &app.theme, &app.view.viewer_zone, *scroll)
        }
        None => u16::MAX,
    };
    app.view.popup_scroll_max.set(scroll_max);
    if let Some(d) = app.dialog() {
        let long_field = d.form.fields.get(d.form.focus).is_some_and(|f| f.is_multiline());
        let useful = |a| a != keymap::Action::Form(keymap::FormKey::External) || long_field;
        dialog::view::draw(frame, d, &app.theme, &keymap::key_line_where(keymap::Scope::Form, useful));
    }
}

fn draw_title(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let tabs = [(Screen::Queue, "1 Queue"), (Screen::Packs, "2 Packs"), (Screen::Board, "3 Board")];
    let mut spans = vec![Span::styled(" incidesk ", theme.title())];
    for (screen, name) in tabs {
        let style = if app.view.screen == screen { theme.selected() } else { theme.dim() };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    if let Some(count) = alert_list::count(&app.view.alerts) {
        spans.push(Span::styled(format!(" {count} "), theme.error().add_modifier(Modifier::BOLD)));
    }
    if app.store().is_read_only() {
        // Stays in sight whatever the status line says later.
        spans.push(Span::styled(" READ-ONLY ", theme.error().add_modifier(Modifier::REVERSED)));
    }
    if app.connection_lost.is_some() {
        // Stays in sight while changes are refused; the status line says why.
        spans.push(Span::styled(" NO CONNECTION ", theme.error().add_modifier(Modifier::REVERSED)));
    }
    let mut file = clean_line(&app.store().short_name());
    if app.store().is_throwaway() {
        // `--demo`: nothing typed here reaches a file.
        file.push_str(" (throw-away copy)");
    }
    let clock = match app.session.clock {
        crate::settings::Clock::Frozen(_) => " (frozen)".to_string(),
        crate::settings::Clock::Running { speed, .. } => format!(" (test clock ×{speed})"),
        crate::settings::Clock::System => String::new(),
    };
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(used);
    // Drop the least useful facts first when the window is narrow.
    let local = app.now().with_timezone(&app.view.viewer_zone);
    // On a database the role that signs is shown, not the name typed.
    let signer = app.store().signer();
    let engineer = match (&signer, app.session.unsigned()) {
        (Some(role), _) => role.as_str(),
        (None, Some(_)) => "no engineer",
        (None, None) => app.session.engineer.as_str(),
    };
    let hm = local.format("%H:%M");
    // A throw-away desk says so before anything else is dropped.
    let throwaway = app.store().is_throwaway().then(|| format!("throw-away copy · {hm}{clock} "));
    let candidates = [
        Some(format!("{file} · {engineer} · {}{clock} ", in_zone(app.now(), &app.view.viewer_zone))),
        throwaway.clone().map(|t| format!("{engineer} · {t}")),
        throwaway,
        Some(format!("{engineer} · {hm}{clock} ")),
        Some(format!("{hm}{clock} ")),
    ];
    let candidates = candidates.into_iter().flatten();
    let right = candidates.into_iter().find(|c| c.chars().count() <= room).unwrap_or_default();
    spans.push(Span::raw(" ".repeat(room.saturating_sub(right.chars().count()))));
    spans.push(Span::styled(right, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    if let Some(input) = app.filter_input() {
        let mut spans = vec![
            Span::styled(" / ", theme.key()),
            Span::raw(input.to_string()),
            Span::styled("▏", theme.key()),
        ];
        match app.filter_error() {
            Some(e) => spans.push(Span::styled(format!("  {e}"), theme.error())),
            None => spans.push(Span::styled(
                format!("  {}", keymap::key_line(keymap::Scope::FilterLine)),
                theme.dim(),
            )),
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let line = match &app.status {
        Some(s) => {
            let (mark, style) = messages::mark(&s.kind, theme);
            // Messages can quote a path or a file's content: no control reaches the terminal.
            let rows = messages::status_rows(&s.text, mark, usize::from(area.width));
            let lines: Vec<Line> = rows.into_iter().map(|r| Line::styled(r, style)).collect();
            frame.render_widget(Clear, area);
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        None if app.store().is_throwaway() => Line::from(Span::styled(
            " a throw-away demo desk: changes last until you quit · ? for keys",
            theme.dim(),
        )),
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
    for (key, word) in keymap::footer(&app.desk_scopes(), |a| app.does_something(a)) {
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
