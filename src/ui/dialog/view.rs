//! Draws any dialog form as a centred popup.

use super::{Dialog, FieldKind};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The popup's area: most of the screen, at most 84 columns wide.
pub fn area(screen: Rect) -> Rect {
    sized(screen, 30)
}

/// Popups leave two columns each side and are at most 84 columns wide.
fn popup_width(screen: Rect) -> u16 {
    screen.width.saturating_sub(4).min(84)
}

/// A centred popup of about `rows` rows, shrunk to fit the screen.
pub fn sized(screen: Rect, rows: u16) -> Rect {
    let width = popup_width(screen);
    let height = screen.height.saturating_sub(2).min(rows);
    let [v] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(screen);
    let [h] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(v);
    h
}

/// Draws the dialog; `keys` is its line of keys, from the key table.
pub fn draw(frame: &mut Frame, dialog: &Dialog, theme: &Theme, keys: &str) {
    let form = &dialog.form;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focused_border())
        .title(Line::from(format!(" {} ", form.title)).style(theme.title()))
        .title_bottom(Line::from(format!(" {keys} ")).style(theme.dim()));
    let mut lines: Vec<Line> = form.info.iter().map(|i| Line::styled(i.clone(), theme.dim())).collect();
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    let label_width = form.fields.iter().map(|f| f.label.chars().count()).max().unwrap_or(8) + 2;
    // The focused field's lines, from `cursor.0` up to (not including) `cursor.1`.
    let mut cursor = (0, 0);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            cursor.0 = lines.len();
        }
        let marker = if focused { "▶ " } else { "  " };
        let label = Span::styled(
            format!("{marker}{:<label_width$}", field.label),
            if focused { theme.key() } else { theme.label() },
        );
        match &field.kind {
            FieldKind::Text { multiline } => {
                let pad = " ".repeat(label_width + 2);
                let mut rows = text_rows(field, focused, theme).into_iter();
                let mut first = vec![label];
                first.extend(rows.next().unwrap_or_default().spans);
                lines.push(Line::from(first));
                for row in rows {
                    let mut spans = vec![Span::raw(pad.clone())];
                    spans.extend(row.spans);
                    lines.push(Line::from(spans));
                }
                if focused && field.text.is_empty() {
                    let suffix = if *multiline { " (Alt-Enter: new line)" } else { "" };
                    lines.push(Line::styled(format!("{pad}{}{suffix}", field.hint), theme.dim()));
                }
            }
            FieldKind::Choice { .. } => {
                let chosen = field.chosen();
                let mut spans = vec![label];
                match chosen {
                    Some(c) => {
                        let style = if c.refusal.is_some() { theme.error() } else { theme.title() };
                        spans.push(Span::styled(format!("◀ {} ▶", c.label), style));
                        if !c.note.is_empty() {
                            spans.push(Span::styled(format!("  {}", c.note), theme.dim()));
                        }
                    }
                    None if field.visible_options().is_empty() && !field.text.is_empty() => {
                        spans.push(Span::styled(format!("nothing matches '{}'", field.text), theme.warn()));
                    }
                    None => spans.push(Span::styled("(none available)", theme.warn())),
                }
                if focused && !field.text.is_empty() {
                    spans.push(Span::styled(format!("  [{}]", field.text), theme.key()));
                }
                lines.push(Line::from(spans));
                if focused && field.is_list() {
                    lines.extend(super::picker::list_rows(field, theme, label_width + 2));
                }
                if let Some(why) = chosen.and_then(|c| c.refusal.as_ref()) {
                    lines.push(Line::styled(format!("{}{why}", " ".repeat(label_width + 2)), theme.error()));
                }
                if focused {
                    let hint = match (field.hint.is_empty(), field.is_list()) {
                        (false, _) => field.hint,
                        (true, true) => "↑/↓ to choose, type to narrow (accents and gaps are fine)",
                        (true, false) => "←/→ to choose, type to narrow",
                    };
                    lines.push(Line::styled(format!("{}{hint}", " ".repeat(label_width + 2)), theme.dim()));
                }
            }
        }
        if focused {
            cursor.1 = lines.len();
        }
    }
    // What was refused, or what the checks foresee would be.
    if let Some(err) = form.error.as_ref().or(form.refused.as_ref()) {
        lines.push(Line::default());
        lines.push(Line::styled(err.clone(), theme.error()));
    }
    if let Some(q) = &form.confirm {
        lines.push(Line::default());
        lines.push(Line::styled(format!("{q}  Enter/y: yes · any other key: back"), theme.warn()));
    }
    // Long lines wrap: size and scroll by screen rows, not by lines.
    let inner_width = popup_width(frame.area()).saturating_sub(2);
    let rows = |ls: &[Line]| Paragraph::new(ls.to_vec()).wrap(Wrap { trim: false }).line_count(inner_width);
    let total = rows(&lines);
    let area = sized(frame.area(), (total.min(usize::from(u16::MAX - 3)) as u16 + 3).max(8));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Scroll only when the form is taller than the popup: then keep the end of
    // the focused field (its caret and hint) in view, or the refusal or
    // question at the bottom when there is one.
    let visible = usize::from(inner.height);
    let overflow = total.saturating_sub(visible);
    let scroll = if form.error.is_some() || form.refused.is_some() || form.confirm.is_some() {
        overflow
    } else {
        rows(&lines[..cursor.1]).saturating_sub(visible).min(overflow)
    };
    let scroll = scroll.min(usize::from(u16::MAX)) as u16;
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
}

/// How many lines of a multi-line field are shown; longer text scrolls
/// with the cursor.
pub const FIELD_LINES: usize = 8;

/// A text field's lines, the caret `▏` at the cursor when focused; a long
/// multi-line field shows [`FIELD_LINES`] of them around the cursor's line,
/// with a line saying what is above and below.
fn text_rows<'a>(field: &'a super::Field, focused: bool, theme: &Theme) -> Vec<Line<'a>> {
    let (before, after) = field.split_at_cursor();
    let cursor_line = before.matches('\n').count();
    let caret = || Span::styled("▏", theme.key());
    let mut rows: Vec<Line> = Vec::new();
    let mut line = Vec::new();
    for (part, text) in [(0, before), (1, after)] {
        for (k, piece) in text.split('\n').enumerate() {
            if k > 0 {
                rows.push(Line::from(std::mem::take(&mut line)));
            }
            if part == 1 && k == 0 && focused {
                line.push(caret());
            }
            line.push(Span::raw(piece));
        }
    }
    rows.push(Line::from(line));
    if rows.len() <= FIELD_LINES || !focused {
        if !focused && rows.len() > FIELD_LINES {
            let hidden = rows.len() - FIELD_LINES;
            rows.truncate(FIELD_LINES);
            rows.push(Line::styled(format!("… {hidden} more lines"), theme.dim()));
        }
        return rows;
    }
    let total = rows.len();
    let start = cursor_line.saturating_sub(FIELD_LINES / 2).min(total - FIELD_LINES);
    let mut shown: Vec<Line> = rows.drain(start..start + FIELD_LINES).collect();
    shown.push(Line::styled(
        format!("lines {}–{} of {total} · ↑/↓ to move", start + 1, start + FIELD_LINES),
        theme.dim(),
    ));
    shown
}
