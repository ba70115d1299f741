//! R21: the history of an incident or pack, read back in a popup.

use super::detail::DetailView;
use crate::domain::Subject;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

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

/// The subject as the title names it: `customer C-1 Contoso Ltd`.
fn named(d: &DetailView, subject: Subject) -> String {
    let desk = d.desk;
    let (kind, name) = match subject {
        Subject::Incident(_) => return subject.to_string(),
        Subject::Pack(_) => ("pack", None),
        Subject::Customer(id) => ("customer", desk.customer(id).map(|c| c.name.as_str())),
        Subject::Product(id) => ("product", desk.product(id).map(|p| p.name.as_str())),
    };
    let name = name.map(crate::domain::text::clean_line).map(|n| format!(" {n}")).unwrap_or_default();
    format!("{kind} {subject}{name}")
}

/// Draws the history of `subject`: `d` holds it (see [`DetailView`]).
/// Returns the furthest scroll, see [`super::scrolled::popup_text`].
pub fn draw(frame: &mut Frame, area: Rect, d: &DetailView, subject: Subject, scroll: u16) -> u16 {
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
            let mut lines = super::detail::with_block(head, &h.what);
            let change = h.change.iter().flat_map(crate::present::change_lines);
            lines.extend(change.map(|l| Line::styled(format!("    {l}"), d.theme.dim())));
            lines
        })
        .collect();
    let lines = if d.history_pending {
        std::iter::once(Line::styled("reading the history…", d.theme.dim())).chain(lines).collect()
    } else {
        lines
    };
    let title = format!(" History of {} (R21) ", named(d, subject));
    super::scrolled::popup_text(frame, popup, title, lines, scroll, d.theme)
}
