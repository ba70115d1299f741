//! Messages are never lost: every status line is kept with its time, and
//! the log overlay (`L`) reads them back, newest first. The status line
//! itself takes a second row, with a hanging indent, when one is too short.

use super::app::{Status, StatusKind};
use super::theme::Theme;
use crate::domain::Instant;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use std::collections::VecDeque;
use unicode_width::UnicodeWidthChar;

/// How many messages the log keeps (a day's work; the oldest go first).
pub const KEPT: usize = 500;

/// One message as it was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub at: Instant,
    pub status: Status,
}

/// This session's messages, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageLog {
    pub items: VecDeque<Logged>,
}

impl MessageLog {
    pub fn push(&mut self, at: Instant, status: Status) {
        if self.items.len() == KEPT {
            self.items.pop_front();
        }
        self.items.push_back(Logged { at, status });
    }
}

/// The mark before a message, and its style.
pub fn mark(kind: &StatusKind, theme: &Theme) -> (&'static str, ratatui::style::Style) {
    match kind {
        StatusKind::Saved => ("✔ ", theme.ok()),
        StatusKind::Error => ("✖ ", theme.error()),
        StatusKind::Info => ("· ", theme.dim()),
    }
}

/// The status line's text in at most two rows of `width` columns: the
/// first ` ✖ ` and as many words as fit, the rest under the text (a hanging
/// indent), cut with `…` if even that is too long (the log has it whole).
pub fn status_rows(text: &str, mark: &str, width: usize) -> Vec<String> {
    let first = format!(" {mark}{}", clean_line(text));
    let indent = " ".repeat(1 + mark.chars().count());
    let width = width.max(indent.len() + 2);
    if str_width(&first) <= width {
        return vec![first];
    }
    let cut = break_at(&first, width);
    let (head, tail) = first.split_at(cut);
    let second = format!("{indent}{}", tail.trim_start());
    vec![head.trim_end().to_string(), cut_to(&second, width)]
}

fn str_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The byte where `line` is best broken to fit `width` columns: after the
/// last space that fits, else (one long word) at the width itself.
fn break_at(line: &str, width: usize) -> usize {
    let (mut used, mut last_space, mut fit) = (0, None, 0);
    for (i, c) in line.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        if c == ' ' && i > 3 {
            last_space = Some(i);
        }
        fit = i + c.len_utf8();
    }
    last_space.unwrap_or(fit)
}

/// `line` cut to `width` columns, ending in `…` if it was longer.
fn cut_to(line: &str, width: usize) -> String {
    if str_width(line) <= width {
        return line.to_string();
    }
    let cut = break_at(line, width.saturating_sub(1));
    format!("{}…", line[..cut].trim_end())
}

/// The log overlay: every message of the session with its time in `zone`, newest first; returns the furthest scroll.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    log: &MessageLog,
    theme: &Theme,
    zone: &crate::domain::Zone,
    scroll: u16,
) -> u16 {
    let popup = super::dialog::view::area(area);
    frame.render_widget(Clear, popup);
    let lines: Vec<Line> = if log.items.is_empty() {
        vec![Line::styled("No message yet in this session.", theme.dim())]
    } else {
        log.items
            .iter()
            .rev()
            .map(|m| {
                let (mark, style) = mark(&m.status.kind, theme);
                Line::from(vec![
                    Span::styled(format!("{} ", m.at.with_timezone(zone).format("%H:%M:%S")), theme.dim()),
                    Span::styled(format!("{mark}{}", clean_line(&m.status.text)), style),
                ])
            })
            .collect()
    };
    let title = format!(" Messages · {} · newest first ", log.items.len());
    super::scrolled::popup_text(frame, popup, title, lines, scroll, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_message_keeps_one_row() {
        assert_eq!(status_rows("saved", "✔ ", 80), vec![" ✔ saved"]);
    }

    #[test]
    fn a_long_message_wraps_once_under_its_text() {
        let rows = status_rows("I-30 opened for Contoso · first response due Wed 14:30 CET", "✔ ", 40);
        assert_eq!(rows, vec![" ✔ I-30 opened for Contoso · first", "   response due Wed 14:30 CET"]);
        let rows = status_rows(&"word ".repeat(40), "✖ ", 30);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].starts_with("   word") && rows[1].ends_with('…'), "{rows:?}");
        assert!(rows.iter().all(|r| str_width(r) <= 30), "{rows:?}");
    }

    #[test]
    fn the_log_keeps_the_newest() {
        let mut log = MessageLog::default();
        let at = chrono::DateTime::from_timestamp(0, 0).expect("the epoch");
        for i in 0..KEPT + 3 {
            log.push(at, Status { kind: StatusKind::Info, text: i.to_string() });
        }
        assert_eq!(log.items.len(), KEPT);
        assert_eq!(log.items.front().map(|m| m.status.text.as_str()), Some("3"));
    }
}
