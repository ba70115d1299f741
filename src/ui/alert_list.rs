//! Issue 13: the alert list (`!`), the banner under the status line and
//! the count in the title bar. The viewer acknowledges alerts here; that is
//! the viewer's own and changes nothing on the desk.

use super::alerts::AlertList;
use super::keymap::{Scope, key_line};
use super::theme::Theme;
use super::view_state::ViewState;
use crate::alerts::Alert;
use crate::domain::Zone;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The title bar's count, e.g. `▲ 2 alerts`, while some wait.
pub fn count(alerts: &AlertList) -> Option<String> {
    match alerts.waiting() {
        0 => None,
        1 => Some("▲ 1 alert".into()),
        n => Some(format!("▲ {n} alerts")),
    }
}

/// `I-25 B Fabrikam Inc: 15m before due at 09:20 — Remote Desktop…`: an
/// alert in a line, its time in the viewer's zone (the time left is not
/// repeated: the queue and the board show it ticking).
fn headline(a: &Alert, zone: &Zone) -> String {
    format!(
        "{} {} {}: {} at {} — {}",
        a.incident,
        a.severity,
        clean_line(&a.customer),
        a.point.describe(),
        a.at.with_timezone(zone).format("%H:%M"),
        clean_line(&a.title)
    )
}

/// `text` cut to `width` characters, with `…` where it was cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The banner: the newest alert waiting, and at the right how to see them all.
pub fn draw_banner(frame: &mut Frame, area: Rect, view: &ViewState, theme: &Theme) {
    let alerts = &view.alerts;
    let Some(newest) = alerts.newest_waiting() else { return };
    let right = match alerts.waiting() {
        1 => " ! alerts ".to_string(),
        n => format!(" ! all {n} alerts "),
    };
    let room = usize::from(area.width).saturating_sub(right.chars().count());
    let left = fit(&format!(" ▲ {}", headline(newest, &view.viewer_zone)), room);
    let pad = " ".repeat(room.saturating_sub(left.chars().count()));
    let style = theme.error().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let line =
        Line::from(vec![Span::styled(format!("{left}{pad}"), style), Span::styled(right, theme.key())]);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

/// The alert list popup: every alert of this session, newest last, the
/// waiting ones marked; the cursor row highlighted.
pub fn draw(frame: &mut Frame, area: Rect, view: &ViewState, theme: &Theme) {
    let alerts = &view.alerts;
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let height = usize::from(popup.height.saturating_sub(2));
    let width = usize::from(popup.width.saturating_sub(2));
    let first = super::scrolled::first_row(alerts.items.len(), height, alerts.cursor, height / 3);
    let lines: Vec<Line> = if alerts.items.is_empty() {
        vec![Line::styled("No alert yet: incidents that pass an alert point show here.", theme.dim())]
    } else {
        alerts
            .items
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, l)| {
                let a = &l.alert;
                let (mark, style) =
                    if l.acknowledged { ("✓ ", theme.dim()) } else { ("▲ ", theme.warn()) };
                let listed = if a.rung { "" } else { " (earlier)" };
                let text = format!(
                    "{} {:<6} {} {:<18.18} {:<20} {}",
                    a.at.with_timezone(&view.viewer_zone).format("%H:%M"),
                    a.incident.to_string(),
                    a.severity,
                    clean_line(&a.customer),
                    a.point.describe(),
                    clean_line(&a.title)
                );
                let text = fit(&text, width.saturating_sub(2 + listed.chars().count()));
                let line = Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(text, style),
                    Span::styled(listed, theme.dim()),
                ]);
                if i == alerts.cursor { line.style(theme.selected()) } else { line }
            })
            .collect()
    };
    let shown_cursor = Some(alerts.cursor).filter(|_| !alerts.items.is_empty());
    let title = format!(
        " Alerts · {} waiting · {} · yours alone, the desk is not changed ",
        alerts.waiting(),
        super::scrolled::position(shown_cursor, alerts.items.len())
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focused_border())
        .title(Line::from(title).style(theme.title()))
        .title_bottom(Line::from(format!(" {} ", key_line(Scope::Alerts))).style(theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
    super::scrolled::scrollbar(frame, popup, first, alerts.items.len(), height, theme.border());
}
