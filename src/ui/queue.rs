//! The queue pane: open incidents by time to breach, breached first, with a
//! countdown that ticks every second and says its state in colour, symbol and word.

use super::cache::QueueEntry;
use super::countdown;
use super::layout::Areas;
use super::scrolled;
use super::sort::QueueSort;
use super::theme::Theme;
use super::view_state::{Focus, ViewState};
use crate::domain::queue::QueueRow;
use crate::domain::{Desk, IncidentId, Instant, sla};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table, Wrap};
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

/// The pane's block: its border and titles.
fn block<'a>(q: &QueueView, position: String, width: u16) -> Block<'a> {
    let theme = q.theme;
    let focused = q.view.focus == Focus::Queue;
    let title = match q.view.sort {
        QueueSort::Due => format!(" Queue · {position} "),
        other => format!(" Queue · {position} · by {} ", other.word()),
    };
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
    // The selection always in view, a third of a page above the bottom; draw only visible rows.
    let first = scrolled::first_row(rows.len(), height, selected, height / 3);
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

/// A column of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// Symbol and word.
    State,
    /// The symbol alone, where room is short.
    Symbol,
    Id,
    Sev,
    Customer,
    Title,
    Cover,
    Status,
    Engineer,
    Due,
    Left,
}

/// The columns for a pane `width` wide: all of them when wide; at 80
/// columns the state by its symbol and no coverage or engineer, so that the
/// customer, STATUS, DUE and LEFT stay readable; narrower still, no status or due.
fn columns(width: u16) -> &'static [Column] {
    use Column::*;
    match width {
        110.. => &[State, Id, Sev, Customer, Title, Cover, Status, Engineer, Due, Left],
        70.. => &[Symbol, Id, Sev, Customer, Status, Title, Due, Left],
        _ => &[Symbol, Id, Sev, Customer, Title, Left],
    }
}

impl Column {
    fn head(self) -> &'static str {
        match self {
            Column::State => "STATE",
            Column::Symbol => "",
            Column::Id => "ID",
            Column::Sev => "SEV",
            Column::Customer => "CUSTOMER",
            Column::Title => "TITLE",
            Column::Cover => "COVER",
            Column::Status => "STATUS",
            Column::Engineer => "ENGINEER",
            Column::Due => "DUE",
            Column::Left => "LEFT",
        }
    }

    fn width(self, wide: bool) -> Constraint {
        Constraint::Length(match self {
            Column::State => 10,
            Column::Symbol => 1,
            Column::Id => 6,
            Column::Sev => 3,
            Column::Customer if wide => 18,
            Column::Customer => 13,
            Column::Title => return Constraint::Fill(1),
            Column::Cover => 8,
            Column::Status => 10,
            Column::Engineer => 9,
            Column::Due if wide => 13,
            Column::Due => 9,
            Column::Left => 13,
        })
    }

    fn cell<'a>(self, row: &QueueRow, q: &QueueView, wide: bool) -> Cell<'a> {
        let (inc, theme) = (row.incident, q.theme);
        let shown = countdown::shown(inc, &row.countdown, theme);
        match self {
            Column::State => {
                Cell::from(Span::styled(format!("{} {}", shown.symbol, shown.word), shown.style))
            }
            Column::Symbol => Cell::from(Span::styled(shown.symbol, shown.style)),
            Column::Id => Cell::from(inc.id.to_string()),
            Column::Sev => {
                let style =
                    if inc.severity == crate::domain::Severity::A { theme.title() } else { Style::new() };
                Cell::from(Span::styled(inc.severity.to_string(), style))
            }
            Column::Customer => Cell::from(row.customer.map_or("?", |c| c.name.as_str()).to_string()),
            Column::Title => Cell::from(inc.title.clone()),
            Column::Cover => Cell::from(inc.coverage.to_string()),
            Column::Status => Cell::from(inc.status().to_string()),
            Column::Engineer => Cell::from(inc.engineer.clone()),
            Column::Due => Cell::from(row.customer.map_or(String::new(), |c| {
                due_text(row.countdown.due, &c.calendar_of(inc).time_zone, q.now, wide)
            })),
            Column::Left => {
                // The paused mark has a column of its own, so that every value lines up.
                let mark = if shown.paused { "‖" } else { " " };
                let left = format!("{} {mark}", shown.left.as_deref().unwrap_or(shown.word));
                Cell::from(Line::from(Span::styled(left, shown.style)).right_aligned())
            }
        }
    }
}

/// The due time in the customer's zone: `Wed 14:30` within the week, else
/// `Nov 30 14:30`; the wide queue adds the zone.
fn due_text(due: Option<Instant>, zone: &crate::domain::Zone, now: Instant, wide: bool) -> String {
    let Some(due) = due else {
        return if wide { "no due time" } else { "none" }.to_string();
    };
    let local = due.with_timezone(zone);
    let near = (due - now).num_days().abs() < 6;
    match (near, wide) {
        (true, false) => local.format("%a %H:%M").to_string(),
        (true, true) => local.format("%a %H:%M %Z").to_string(),
        (false, false) => local.format("%b %d").to_string(),
        (false, true) => local.format("%b %d %H:%M").to_string(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, q: &QueueView) {
    let theme = q.theme;
    let rows = &q.rows;
    let selected = q.view.selected.and_then(|id| rows.iter().position(|r| r.id == id));
    let block = block(q, scrolled::position(selected, rows.len()), area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let text = match super::guide::missing(q.desk, q.now) {
            _ if !q.view.filter.is_empty() => "No incident matches the filter. Esc clears it.".to_string(),
            Some(missing) => super::guide::next_step(missing),
            None => format!(
                "No open incidents. Press {} for a new one.",
                super::keymap::label_of(super::keymap::Action::Dialog(
                    super::keymap::DialogKind::NewIncident
                ))
            ),
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim()).wrap(Wrap { trim: true }), inner);
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
            let countdown = sla::countdown(incident, customer?.calendar_of(incident), now);
            Some(QueueRow { incident, customer, countdown })
        })
        .collect();

    let columns = columns(inner.width);
    let header = Row::new(columns.iter().map(|c| Cell::from(c.head()))).style(theme.header());
    let widths: Vec<Constraint> = columns.iter().map(|c| c.width(wide)).collect();
    let table_rows = visible.iter().map(|row| {
        let style = if Some(row.incident.id) == q.view.selected { theme.selected() } else { Style::new() };
        Row::new(columns.iter().map(|c| c.cell(row, q, wide))).style(style)
    });
    let table = Table::new(table_rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
    let height = usize::from(inner.height.saturating_sub(1));
    // The bar runs beside the rows, not the header row.
    let beside_rows = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
    scrolled::scrollbar(frame, beside_rows, w.first, rows.len(), height, theme.border());
}
