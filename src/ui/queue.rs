//! The queue pane: open incidents by time to breach, breached first, with a
//! countdown that ticks every second and says its state in colour, symbol and word.

use super::cache::QueueEntry;
use super::layout::Areas;
use super::theme::{Theme, state_symbol};
use super::view_state::{Focus, ViewState};
use crate::domain::queue::QueueRow;
use crate::domain::{Desk, IncidentId, Instant, sla};
use crate::present::{duration_hms, state_word};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table};
use std::rc::Rc;

/// What the queue pane draws: its rows in order, the desk they come from,
/// now, the viewer's state, the styles, and what the archive holds.
pub struct QueueView<'a> {
    pub rows: Rc<[QueueEntry]>,
    pub desk: &'a Desk,
    pub now: Instant,
    pub view: &'a ViewState,
    pub theme: &'a Theme,
    pub archive: ArchiveShown,
}

/// Closed incidents in the archive, and whether the queue shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveShown {
    pub archived: usize,
    /// The queue shows the whole record, archive included.
    pub shown: bool,
    /// Asked for, being read.
    pub pending: bool,
    /// The filter asks for closed incidents (so the archive was wanted).
    pub wanted: bool,
}

/// The countdown cell: `1h 12m 05s`, `-0h 05m 10s`, or the outcome once answered.
pub fn countdown_text(row: &QueueRow) -> String {
    let inc = row.incident;
    if inc.first_response.is_some() {
        return state_word(row.countdown.state).to_string();
    }
    duration_hms(row.countdown.remaining)
}

/// The pane's block: its border and titles.
fn block<'a>(q: &QueueView, count: usize, width: u16) -> Block<'a> {
    let theme = q.theme;
    let focused = q.view.focus == Focus::Queue;
    let title = format!(" Queue · {count} ");
    let filter = if q.view.filter_text.is_empty() {
        String::new()
    } else {
        format!(" filter: {} ", q.view.filter_text)
    };
    // Room left on the top border, beside the left titles and the corners.
    let room = usize::from(width).saturating_sub(title.chars().count() + filter.chars().count() + 3);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.focused_border() } else { theme.border() })
        .title(Line::from(title).style(theme.title()))
        .title(Line::from(filter).style(theme.key()))
        .title(Line::from(archive_note(q.archive, room)).style(theme.dim()).right_aligned())
}

/// Archived incidents are out of the queue until a status filter asks for
/// closed ones: the border says how many there are and how to see them, in
/// the `room` there is (the longest wording that fits, or nothing).
fn archive_note(a: ArchiveShown, room: usize) -> String {
    let n = a.archived;
    let notes = if n == 0 {
        vec![]
    } else if a.shown {
        vec![format!(" with {n} archived ")]
    } else if a.pending {
        vec![format!(" reading {n} archived… "), " reading… ".to_string()]
    } else if a.wanted {
        // The archive could not be read: the status line says why.
        vec![format!(" {n} archived, unreadable "), " archive unreadable ".to_string()]
    } else {
        vec![format!(" {n} closed archived: /status:closed shows them "), format!(" {n} archived ")]
    };
    notes.into_iter().find(|s| s.chars().count() <= room).unwrap_or_default()
}

/// Which rows of the queue are on screen in the pane `area`: the range of
/// their positions in the view's rows, and where the first one is drawn.
/// Drawing and the mouse both use it, so a click lands on the row drawn there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub end: usize,
    /// The screen row of the first visible incident (under the header).
    pub top: u16,
    /// The inner area of the pane (within its border).
    pub inner: Rect,
}

pub fn window(view: &ViewState, area: Rect, rows: &[QueueEntry]) -> Window {
    let inner = Block::bordered().inner(area);
    let height = usize::from(inner.height.saturating_sub(1)).max(1);
    let selected = view.selected.and_then(|id| rows.iter().position(|r| r.id == id)).unwrap_or(0);
    // Keep the selection in the middle third while scrolling; draw only visible rows.
    let first = selected.saturating_sub(height * 2 / 3).min(rows.len().saturating_sub(height));
    let end = (first + height).min(rows.len());
    Window { first, end, top: inner.y.saturating_add(1), inner }
}

/// The incident drawn at screen position (`x`, `y`), if the queue is on
/// screen there.
pub fn row_at(view: &ViewState, rows: &[QueueEntry], areas: &Areas, x: u16, y: u16) -> Option<IncidentId> {
    let area = areas.queue?;
    let w = window(view, area, rows);
    let inside = x >= w.inner.x && x < w.inner.right() && y >= w.top && y < w.inner.bottom();
    if !inside {
        return None;
    }
    rows[w.first..w.end].get(usize::from(y - w.top)).map(|r| r.id)
}

/// The incidents the pane in `area` shows.
pub fn visible(view: &ViewState, rows: &[QueueEntry], area: Rect) -> Vec<QueueEntry> {
    let w = window(view, area, rows);
    rows[w.first..w.end].to_vec()
}

pub fn draw(frame: &mut Frame, area: Rect, q: &QueueView) {
    let theme = q.theme;
    let rows = &q.rows;
    let block = block(q, rows.len(), area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let text = if q.view.filter.is_empty() {
            "No open incidents. Press n for a new one."
        } else {
            "No incident matches the filter. Esc clears it."
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
        return;
    }

    let wide = inner.width >= 110;
    let w = window(q.view, area, rows);
    let (desk, now) = (q.desk, q.now);
    // Countdowns with their remaining time, for the rows drawn only.
    let visible: Vec<QueueRow> = rows[w.first..w.end]
        .iter()
        .filter_map(|e| {
            let incident = desk.incident(e.id)?;
            let customer = desk.customer(incident.customer);
            let countdown = sla::countdown(incident, &customer?.calendar, now);
            Some(QueueRow { incident, customer, countdown })
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
        let style = if Some(inc.id) == q.view.selected { theme.selected() } else { Style::new() };
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
