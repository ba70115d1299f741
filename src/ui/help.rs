//! The `?` help: every key, drawn from the same table that maps keys.

use super::keymap::{Scope, scope_title};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn lines<'a>(theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for scope in [Scope::Global, Scope::Incident, Scope::Closed, Scope::Packs] {
        out.push(Line::styled(scope_title(scope), theme.header()));
        for b in super::keys::current().iter().filter(|b| b.scope == scope) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
        if scope == Scope::Closed {
            out.push(Line::styled(
                "  archived (old) incidents show with a status filter: /status:closed",
                theme.dim(),
            ));
        }
        out.push(Line::default());
    }
    // What sits on top of the desk, dialogs first: every key they take is
    // in the same table.
    for scope in [Scope::Form, Scope::Confirm, Scope::FilterLine, Scope::Overlay] {
        out.push(Line::styled(scope_title(scope), theme.header()));
        for b in super::keys::current().iter().filter(|b| b.scope == scope) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
        out.push(Line::default());
    }
    out.pop();
    out
}

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16) {
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focused_border())
        .title(Line::from(" Keys ").style(theme.title()))
        .title_bottom(Line::from(" ↑↓ scroll · any other key closes ").style(theme.dim()));
    frame.render_widget(
        Paragraph::new(lines(theme)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        popup,
    );
}
