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

/// A centred popup of about `rows` rows, shrunk to fit the screen.
pub fn sized(screen: Rect, rows: u16) -> Rect {
    let width = screen.width.saturating_sub(4).min(84);
    let height = screen.height.saturating_sub(2).min(rows);
    let [v] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(screen);
    let [h] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(v);
    h
}

pub fn draw(frame: &mut Frame, dialog: &Dialog, theme: &Theme) {
    let form = &dialog.form;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focused_border())
        .title(Line::from(format!(" {} ", form.title)).style(theme.title()))
        .title_bottom(
            Line::from(" Tab next · Enter next/submit · Ctrl-S submit · Esc cancel ").style(theme.dim()),
        );
    let mut lines: Vec<Line> = form.info.iter().map(|i| Line::styled(i.clone(), theme.dim())).collect();
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    let label_width = form.fields.iter().map(|f| f.label.chars().count()).max().unwrap_or(8) + 2;
    let mut cursor_line = 0;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            cursor_line = lines.len();
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
    }
    if let Some(err) = &form.error {
        lines.push(Line::default());
        lines.push(Line::styled(err.clone(), theme.error()));
    }
    if let Some(q) = &form.confirm {
        lines.push(Line::default());
        lines.push(Line::styled(format!("{q}  Enter/y: yes · any other key: back"), theme.warn()));
    }
    // Rows each line takes once wrapped to the popup's inner width; word
    // wrapping wastes some room, so a wrapped line counts one row more.
    let inner_width = usize::from(sized(frame.area(), 1).width.saturating_sub(2)).max(1);
    let rows = |l: &Line| match l.width() {
        w if w > inner_width => w.div_ceil(inner_width) + 1,
        _ => 1,
    };
    let total: usize = lines.iter().map(rows).sum();
    let cursor_row: usize = lines[..cursor_line].iter().map(rows).sum();
    let height = u16::try_from(total).unwrap_or(u16::MAX).saturating_add(3).max(8);
    let area = sized(frame.area(), height);
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Keep the focused field in view when the form is taller than the popup,
    // scrolling no further than that: the info lines on top name what the dialog is about.
    let visible = usize::from(inner.height);
    let extra = total.saturating_sub(visible);
    let scroll = if form.error.is_some() || form.confirm.is_some() {
        extra
    } else {
        cursor_row.saturating_sub(visible.saturating_sub(4)).min(extra)
    };
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
}
