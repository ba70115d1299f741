//! The lead board: counts by severity and state, the next breaches ticking
//! down, the met rate, packs expiring within 30 days.

use super::cache::QueueEntry;
use super::pane::PaneView;
use super::{countdown, scrolled};
use crate::domain::SlaState;
use crate::domain::report::Report;
use crate::present::duration_hms;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table};

fn block<'a>(p: &PaneView, title: &str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(p.theme.border())
        .title(Line::from(format!(" {title} ")).style(p.theme.title()))
}

/// The next breaches on screen in the board's middle part `area`, out of
/// `next` ([`App::board_rows`]): the first page, unless the cursor went
/// further (a row that becomes the most urgent is never scrolled away).
pub fn visible_next<'a>(p: &PaneView, area: Rect, next: &'a [QueueEntry]) -> &'a [QueueEntry] {
    let (first, end) = next_window(p, area, next);
    &next[first..end]
}

fn next_window(p: &PaneView, area: Rect, next: &[QueueEntry]) -> (usize, usize) {
    let height = usize::from(area.height.saturating_sub(2));
    let selected = selected_position(p, next).unwrap_or(0);
    let first = scrolled::first_row(next.len(), height, selected, height / 3);
    (first, (first + height).min(next.len()))
}

/// Where the cursor is in `next`: the incident chosen, else the first.
fn selected_position(p: &PaneView, next: &[QueueEntry]) -> Option<usize> {
    let chosen = p.view.board_selected.and_then(|id| next.iter().position(|e| e.id == id));
    chosen.or((!next.is_empty()).then_some(0))
}

/// What the lead board shows beyond the desk: its report and its next breaches.
pub struct BoardView<'a> {
    pub pane: PaneView<'a>,
    pub report: std::rc::Rc<Report>,
    pub next: Vec<QueueEntry>,
}

pub fn draw(frame: &mut Frame, [top, middle, bottom]: [Rect; 3], b: &BoardView) {
    let p = &b.pane;
    let theme = p.theme;
    let now = p.now;
    let r = &b.report;

    // Open counts add up to OPEN; all time, every incident whose due time
    // came is met (answered in time), missed (answered late) or has no reply
    // yet past its due: "ever breached" beside "missed" read as a contradiction.
    let head = [
        "SEV",
        "OPEN",
        "● TRACK",
        "▲ RISK",
        "‖ PAUSED",
        "✖ BREACH",
        "ANSWERED",
        "│ ✔ MET",
        "✘ MISSED",
        "✖ NO REPLY",
    ];
    let rows = r.severities.iter().map(|(sev, c)| {
        let n = |v: u32, style| Cell::from(Span::styled(v.to_string(), style));
        Row::new(vec![
            Cell::from(sev.to_string()),
            Cell::from(c.open.to_string()),
            n(c.on_track, theme.state(SlaState::OnTrack)),
            n(c.at_risk, theme.state(SlaState::AtRisk)),
            n(c.paused, theme.paused()),
            n(c.breached, theme.state(SlaState::Breached)),
            Cell::from(c.answered.to_string()),
            Cell::from(Line::from(vec![
                Span::raw("│ "),
                Span::styled(c.met.to_string(), theme.state(SlaState::Met)),
            ])),
            n(c.missed, theme.state(SlaState::Missed)),
            n(c.breached_total, theme.state(SlaState::Breached)),
        ])
    });
    let rate = r.met_rate.map_or("n/a".to_string(), |x| format!("{:.0} %", x * 100.0));
    let title = format!("Open now │ all time · SLA met rate {rate} · billing pending {}", r.billing_pending);
    let widths = [
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(10),
    ];
    // Each width holds a space after its header: from 80 to 88 columns the
    // columns go without the spacing between them rather than cut a header
    // (narrower, headers are cut whatever is done, and spacing reads better).
    let spacing = u16::from(!(80..88).contains(&top.width));
    let table = Table::new(rows, widths)
        .column_spacing(spacing)
        .header(Row::new(head).style(theme.header()))
        .block(block(p, &title));
    frame.render_widget(table, top);

    let next = &b.next;
    let desk = p.desk;
    let cursor = selected_position(p, next);
    let (first, _) = next_window(p, middle, next);
    let focused = p.view.focus == super::view_state::Focus::Board;
    // Countdowns with their remaining time for the lines on screen only.
    let lines: Vec<Line> = visible_next(p, middle, next)
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let incident = desk.incident(e.id)?;
            let customer = desk.customer(incident.customer);
            let cd = crate::domain::sla::countdown(incident, customer?.calendar_of(incident), now);
            let shown = countdown::shown(incident, &cd, theme);
            // Issue 13: alerted rows are marked while the viewer has alerts.
            let mark = match p.view.alerts.of(e.id) {
                _ if p.view.alerts.items.is_empty() => Span::raw(""),
                Some(true) => Span::styled("! ", theme.error().add_modifier(Modifier::BOLD)),
                Some(false) => Span::styled("✓ ", theme.dim()),
                None => Span::raw("  "),
            };
            let line = Line::from(vec![
                mark,
                Span::styled(format!("{} {:<9}", shown.symbol, shown.word), shown.style),
                Span::styled(format!("{:>13} ", duration_hms(cd.remaining)), shown.style),
                Span::raw(format!(
                    "{:<6} {} {:<18.18} {}",
                    incident.id.to_string(),
                    incident.severity,
                    customer.map_or("?", |c| c.name.as_str()),
                    incident.title
                )),
            ]);
            Some(if focused && cursor == Some(first + i) { line.style(theme.selected()) } else { line })
        })
        .collect();
    let text = if lines.is_empty() {
        vec![Line::styled("No incident is waiting for a first response.", theme.dim())]
    } else {
        lines
    };
    let title = format!(
        "Next breaches · {} waiting for a first response{}",
        scrolled::position(cursor, next.len()),
        if focused && !next.is_empty() { " · Enter opens" } else { "" }
    );
    frame.render_widget(Paragraph::new(text).block(block(p, &title)), middle);
    let height = usize::from(middle.height.saturating_sub(2));
    scrolled::scrollbar(frame, middle, first, next.len(), height, theme.border());

    let mut lines: Vec<Line> = vec![Line::raw(format!(
        "credits: {} used · {} refunded · {} available · {} expired unused",
        r.credits_used, r.credits_refunded, r.credits_available, r.credits_expired
    ))];
    if r.expiring.is_empty() {
        lines.push(Line::styled("No pack with credits expires within 30 days.", theme.dim()));
    }
    for e in &r.expiring {
        let name = p.desk.customer(e.customer).map_or("?", |c| c.name.as_str());
        lines.push(Line::styled(
            format!(
                "{:<5} {:<18.18} {} credit(s) expire {} · in {} days · owner {}",
                e.pack.to_string(),
                name,
                e.remaining,
                e.expires,
                e.days_left,
                e.owner
            ),
            theme.warn(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block(p, "Packs expiring within 30 days (R17)")), bottom);
}
