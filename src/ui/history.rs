//! R21: the history of an incident or pack, read back in a popup.

use super::app::App;
use crate::domain::Subject;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The zone history is read in: the customer's, as in the detail pane.
fn zone(app: &App, subject: Subject) -> chrono_tz::Tz {
    let desk = app.desk();
    let customer = match subject {
        Subject::Incident(id) => desk.incident(id).map(|i| i.customer),
        Subject::Pack(id) => desk.pack(id).map(|p| p.customer),
        Subject::Customer(id) => Some(id),
        Subject::Product(_) => None,
    };
    customer.and_then(|c| desk.customer(c)).map_or(app.view.viewer_zone, |c| c.calendar.time_zone)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, subject: Subject, scroll: u16) {
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let tz = zone(app, subject);
    let lines: Vec<Line> = app
        .history_of(subject)
        .into_iter()
        .flat_map(|h| {
            let head = vec![
                Span::styled(
                    format!("{} ", h.at.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z")),
                    app.theme.dim(),
                ),
                Span::styled(format!("{} ", h.who), app.theme.key()),
            ];
            super::detail::with_block(head, &h.what)
        })
        .collect();
    let lines = if app.history_pending() {
        std::iter::once(Line::styled("reading the history…", app.theme.dim())).chain(lines).collect()
    } else {
        lines
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.focused_border())
        .title(Line::from(format!(" History of {subject} (R21) ")).style(app.theme.title()))
        .title_bottom(Line::from(" ↑↓ scroll · any other key closes ").style(app.theme.dim()));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        popup,
    );
}
