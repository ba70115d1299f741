//! A choice with more than a few options, drawn as a list under its field:
//! how many match the typed text, and a window of them around the chosen one.

use super::Field;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

/// How many options the list shows at once.
pub const LIST_ROWS: usize = 6;

/// The count line and up to [`LIST_ROWS`] options, the chosen one marked
/// `▸`, each indented by `indent` columns.
pub fn list_rows<'a>(field: &'a Field, theme: &Theme, indent: usize) -> Vec<Line<'a>> {
    let pad = " ".repeat(indent);
    let visible = field.visible_options();
    let (matching, total) = field.counts();
    let count = if field.text.trim().is_empty() {
        format!("{total} options · type to narrow")
    } else {
        format!("{matching} of {total} match '{}'", field.text.trim())
    };
    let mut rows = vec![Line::styled(format!("{pad}{count}"), theme.dim())];
    let chosen = field.chosen().map(|c| c.value.as_str());
    let at = visible.iter().position(|(_, c)| Some(c.value.as_str()) == chosen).unwrap_or(0);
    let start = at.saturating_sub(LIST_ROWS / 2).min(visible.len().saturating_sub(LIST_ROWS));
    let label_width = visible.iter().map(|(_, c)| c.label.chars().count()).max().unwrap_or(0).min(40);
    for (k, (_, c)) in visible.iter().enumerate().skip(start).take(LIST_ROWS) {
        let mark = if k == at { "▸ " } else { "  " };
        let style = match (k == at, c.refusal.is_some()) {
            (_, true) => theme.error(),
            (true, false) => theme.key(),
            (false, false) => theme.label(),
        };
        let mut spans =
            vec![Span::raw(pad.clone()), Span::styled(format!("{mark}{:<label_width$}", c.label), style)];
        if !c.note.is_empty() {
            spans.push(Span::styled(format!("  {}", c.note), theme.dim()));
        }
        rows.push(Line::from(spans));
    }
    let below = visible.len().saturating_sub(start + LIST_ROWS);
    let more = match (start, below) {
        (0, 0) => None,
        (0, b) => Some(format!("↓ {b} more")),
        (a, 0) => Some(format!("↑ {a} more")),
        (a, b) => Some(format!("↑ {a} more · ↓ {b} more")),
    };
    if let Some(more) = more {
        rows.push(Line::styled(format!("{pad}  {more}"), theme.dim()));
    }
    rows
}
