//! The queue pane: open incidents by time to breach, breached first, with a
//! countdown that ticks every second and says its state in colour, symbol and word.

use super::app::{App, Focus};
use super::theme::state_symbol;
use crate::domain::queue::QueueRow;
use crate::present::{duration_hms, state_word};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table};

/// The countdown cell: `1h 12m 05s`, `-0h 05m 10s`, or the outcome once answered.
pub fn countdown_text(row: &QueueRow) -> String {
    let inc = row.incident;
    if inc.first_response.is_some() {
        return state_word(row.countdown.state).to_string();
    }
    duration_hms(row.countdown.remaining)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let rows = app.queue_rows();
    let focused = app.focus == Focus::Queue;
    let filter =
        if app.filter_text.is_empty() { String::new() } else { format!(" filter: {} ", app.filter_text) };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.focused_border() } else { theme.border() })
        .title(Line::from(format!(" Queue · {} ", rows.len())).style(theme.title()))
        .title(Line::from(filter).style(theme.key()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let text = if app.filter.is_empty() {
            "No open incidents. Press n for a new one."
        } else {
            "No incident matches the filter. Esc clears it."
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
        return;
    }

    let wide = inner.width >= 110;
    let height = usize::from(inner.height.saturating_sub(1)).max(1);
    let selected = app.selected.and_then(|id| rows.iter().position(|r| r.0 == id)).unwrap_or(0);
    // Keep the selection in the middle third while scrolling; draw only visible rows.
    let offset = selected.saturating_sub(height * 2 / 3).min(rows.len().saturating_sub(height));
    let desk = app.desk();
    let visible: Vec<QueueRow> = rows[offset..(offset + height).min(rows.len())]
        .iter()
        .filter_map(|(id, countdown)| {
            let incident = desk.incident(*id)?;
            Some(QueueRow { incident, customer: desk.customer(incident.customer), countdown: *countdown })
        })
        .collect();

    let mut header = vec!["STATE", "ID", "SEV", "CUSTOMER", "TITLE"];
    if wide {
        header.extend(["COVER", "STATUS", "ENGINEER"]);
    }
    header.push("LEFT");
    let header = Row::new(header.into_iter().map(Cell::from)).style(theme.header());

    let table_rows = visible.iter().map(|row| {
        let inc = row.incident;
        let cd = row.countdown;
        let state_style = if cd.paused { theme.paused() } else { theme.state(cd.state) };
        let word = state_word(cd.state);
        let mut cells = vec![
            Cell::from(Span::styled(format!("{} {word}", state_symbol(cd.state, cd.paused)), state_style)),
            Cell::from(inc.id.to_string()),
            Cell::from(Span::styled(
                inc.severity.to_string(),
                if inc.severity == crate::domain::Severity::A { theme.title() } else { Style::new() },
            )),
            Cell::from(row.customer.map_or("?", |c| c.name.as_str()).to_string()),
            Cell::from(inc.title.clone()),
        ];
        if wide {
            cells.push(Cell::from(inc.coverage.to_string()));
            cells.push(Cell::from(inc.status()));
            cells.push(Cell::from(inc.engineer.clone()));
        }
        let mut left = countdown_text(row);
        if cd.paused {
            left.push_str(" ‖");
        }
        cells.push(Cell::from(Line::from(Span::styled(left, state_style)).right_aligned()));
        let style = if Some(inc.id) == app.selected { theme.selected() } else { Style::new() };
        Row::new(cells).style(style)
    });

    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Length(3),
        Constraint::Length(if wide { 18 } else { 12 }),
        Constraint::Fill(1),
    ];
    if wide {
        widths.extend([Constraint::Length(8), Constraint::Length(10), Constraint::Length(9)]);
    }
    widths.push(Constraint::Length(13));
    let table = Table::new(table_rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
}
