//! The lead board's panel of incidents waiting for a billing decision (R14):
//! closed unresolved or withdrawn, their credit neither charged nor
//! refunded yet, the longest waiting first, each with how long it waited.
//! A cursor and Enter open one in the queue.

use super::pane::PaneView;
use super::scrolled;
use super::view_state::Focus;
use crate::domain::IncidentId;
use crate::present::duration_hm;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

/// The panel's rows ([`super::app::App::billing_rows`]) as the pane draws them.
pub struct BillingView<'a> {
    pub pane: PaneView<'a>,
    pub rows: std::rc::Rc<[IncidentId]>,
}

/// Where the cursor is in `rows`: the incident chosen, else the first.
pub fn cursor(chosen: Option<IncidentId>, rows: &[IncidentId]) -> Option<usize> {
    let at = chosen.and_then(|id| rows.iter().position(|r| *r == id));
    at.or((!rows.is_empty()).then_some(0))
}

pub fn draw(frame: &mut Frame, area: Rect, b: &BillingView) {
    let p = &b.pane;
    let (desk, theme) = (p.desk, p.theme);
    let rows = &b.rows;
    let focused = p.view.focus == Focus::Billing;
    let at = cursor(p.view.billing_selected, rows);
    let height = usize::from(area.height.saturating_sub(2));
    let first = scrolled::first_row(rows.len(), height, at.unwrap_or(0), height / 3);
    let end = (first + height).min(rows.len());
    let lines: Vec<Line> = rows[first..end]
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let incident = desk.incident(*id)?;
            let closed = incident.closed.as_ref()?;
            let customer = desk.customer(incident.customer).map_or("?", |c| c.name.as_str());
            let line = Line::raw(format!(
                "{:<6} {} {:<11} closed {:>8} ago · {:<18.18} {}",
                id.to_string(),
                incident.severity,
                incident.status(),
                duration_hm(p.now - closed.at),
                customer,
                incident.title
            ));
            Some(if focused && at == Some(first + i) { line.style(theme.selected()) } else { line })
        })
        .collect();
    let text = if lines.is_empty() {
        vec![Line::styled("No closed incident waits for a billing decision.", theme.dim())]
    } else {
        lines
    };
    let title = format!(
        " Waiting for a billing decision · {} (R14){} ",
        scrolled::position(at.filter(|_| focused), rows.len()),
        if focused && !rows.is_empty() { " · Enter opens, then b" } else { "" }
    );
    let border = if focused { theme.focused_border() } else { theme.border() };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Line::from(title).style(theme.title()));
    frame.render_widget(Paragraph::new(text).block(block), area);
    scrolled::scrollbar(frame, area, first, rows.len(), height, theme.border());
}
