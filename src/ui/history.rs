//! R21: the history of an incident or pack, read back in a popup.

use super::app::App;
use crate::domain::Subject;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, subject: Subject, scroll: u16) {
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let lines: Vec<Line> = app
        .desk()
        .history_of(subject)
        .flat_map(|h| {
            let head = vec![
                Span::styled(format!("{} ", h.at.format("%Y-%m-%d %H:%M")), app.theme.dim()),
                Span::styled(format!("{:<10} ", h.who), app.theme.key()),
            ];
            super::detail::with_block(head, &h.what)
        })
        .collect();
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
