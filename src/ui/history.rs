//! R21: the history of an incident or pack, read back in a popup.

use super::detail::DetailView;
use crate::domain::Subject;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The zone history is read in: the customer's, as in the detail pane.
fn zone<'a>(d: &DetailView<'a>, subject: Subject) -> &'a crate::domain::Zone {
    let desk = d.desk;
    let customer = match subject {
        Subject::Incident(id) => desk.incident(id).map(|i| i.customer),
        Subject::Pack(id) => desk.pack(id).map(|p| p.customer),
        Subject::Customer(id) => Some(id),
        Subject::Product(_) => None,
    };
    customer.and_then(|c| desk.customer(c)).map_or(&d.view.viewer_zone, |c| &c.calendar_at(d.now).time_zone)
}

/// Draws the history of `subject`: `d` holds it (see [`DetailView`]).
pub fn draw(frame: &mut Frame, area: Rect, d: &DetailView, subject: Subject, scroll: u16) {
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let tz = zone(d, subject);
    let lines: Vec<Line> = d
        .history
        .iter()
        .flat_map(|h| {
            let head = vec![
                Span::styled(
                    format!("{} ", h.at.with_timezone(tz).format("%Y-%m-%d %H:%M %Z")),
                    d.theme.dim(),
                ),
                Span::styled(format!("{} ", h.who), d.theme.key()),
            ];
            super::detail::with_block(head, &h.what)
        })
        .collect();
    let lines = if d.history_pending {
        std::iter::once(Line::styled("reading the history…", d.theme.dim())).chain(lines).collect()
    } else {
        lines
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(d.theme.focused_border())
        .title(Line::from(format!(" History of {subject} (R21) ")).style(d.theme.title()))
        .title_bottom(Line::from(" ↑↓ scroll · any other key closes ").style(d.theme.dim()));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        popup,
    );
}
