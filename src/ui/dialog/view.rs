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
                let mut text_lines = field.text.split('\n');
                let first = text_lines.next().unwrap_or_default().to_string();
                let caret = if focused { "▏" } else { "" };
                let more: Vec<&str> = text_lines.collect();
                let first_caret = if more.is_empty() { caret } else { "" };
                lines.push(Line::from(vec![label, Span::raw(first), Span::styled(first_caret, theme.key())]));
                let pad = " ".repeat(label_width + 2);
                let n = more.len();
                for (k, l) in more.into_iter().enumerate() {
                    let c = if k + 1 == n { caret } else { "" };
                    lines.push(Line::from(vec![
                        Span::raw(pad.clone()),
                        Span::raw(l.to_string()),
                        Span::styled(c, theme.key()),
                    ]));
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
                if let Some(why) = chosen.and_then(|c| c.refusal.as_ref()) {
                    lines.push(Line::styled(format!("{}{why}", " ".repeat(label_width + 2)), theme.error()));
                }
                if focused {
                    let hint =
                        if field.hint.is_empty() { "←/→ to choose, type to narrow" } else { field.hint };
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
