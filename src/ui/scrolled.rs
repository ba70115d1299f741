//! What every list that can scroll shows: where the selection is (`41/261`)
//! and, when the list does not fit, a scrollbar on its right border, and
//! which rows are on screen so that the selection always is.

use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, BorderType, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

/// `41/261` with a selection, else the count.
pub fn position(selected: Option<usize>, total: usize) -> String {
    match selected {
        Some(i) if total > 0 => format!("{}/{total}", i + 1),
        _ => total.to_string(),
    }
}

/// The first row on screen for a list of `total` rows in `height` rows with
/// the row `selected`: from the top while the selection fits on the first
/// page (so a row that becomes the most urgent is never hidden by a scroll
/// the viewer didn't make), else keeping the selection `keep` rows above
/// the bottom.
pub fn first_row(total: usize, height: usize, selected: usize, keep: usize) -> usize {
    let height = height.max(1);
    if selected < height || total <= height {
        return 0;
    }
    let keep = keep.min(height - 1);
    (selected + 1 + keep).saturating_sub(height).min(total - height)
}

/// A scrollbar on the right border of the bordered `area` when `total` rows
/// don't fit in `visible`, the first shown being `first`.
pub fn scrollbar(frame: &mut Frame, area: Rect, first: usize, total: usize, visible: usize, style: Style) {
    if total <= visible {
        return;
    }
    let mut state = ScrollbarState::new(total).position(first).viewport_content_length(visible);
    let bar =
        Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None).style(style);
    frame.render_stateful_widget(bar, area.inner(Margin { vertical: 1, horizontal: 0 }), &mut state);
}

/// Wrapped text of `total` rows in `visible` rows, scrolled by `scroll`:
/// the scroll kept within the text, and where it stands (`rows 21–40/95`)
/// when the text does not fit (empty when it does).
pub fn text_position(total: usize, visible: usize, scroll: u16) -> (u16, String) {
    let last_start = total.saturating_sub(visible.max(1));
    let first = usize::from(scroll).min(last_start);
    let shown = if total > visible {
        format!("rows {}–{}/{total} · ", first + 1, (first + visible).min(total))
    } else {
        String::new()
    };
    (u16::try_from(first).unwrap_or(u16::MAX), shown)
}

/// A read-only popup titled `title`: its wrapped `text` scrolled by
/// `scroll` in `popup`, with where the scroll stands ([`text_position`]) on
/// the bottom border and a scrollbar when it does not fit. Returns the
/// furthest scroll that still shows text, for the next key to stop at.
pub fn popup_text(
    frame: &mut Frame,
    popup: Rect,
    title: String,
    text: Vec<Line>,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let text = Paragraph::new(text).wrap(Wrap { trim: false });
    let (width, visible) = (popup.width.saturating_sub(2), usize::from(popup.height.saturating_sub(2)));
    let total = text.line_count(width);
    let (scroll, at) = text_position(total, visible, scroll);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focused_border())
        .title(Line::from(title).style(theme.title()))
        .title_bottom(Line::from(format!(" {at}↑↓ scroll · any other key closes ")).style(theme.dim()));
    frame.render_widget(Clear, popup);
    frame.render_widget(text.block(block).scroll((scroll, 0)), popup);
    scrollbar(frame, popup, usize::from(scroll), total, visible, theme.border());
    text_position(total, visible, u16::MAX).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_stays_put_until_the_selection_leaves_it() {
        assert_eq!(first_row(100, 10, 0, 3), 0);
        assert_eq!(first_row(100, 10, 9, 3), 0, "still on the first page");
        assert_eq!(first_row(100, 10, 10, 3), 4, "the selection three rows above the bottom");
        assert_eq!(first_row(100, 10, 99, 3), 90, "never past the end");
        assert_eq!(first_row(5, 10, 4, 3), 0, "all fit");
        assert_eq!(position(Some(40), 261), "41/261");
        assert_eq!(position(None, 17), "17");
        assert_eq!(text_position(95, 20, 20), (20, "rows 21–40/95 · ".to_string()));
        assert_eq!(text_position(95, 20, 500), (75, "rows 76–95/95 · ".to_string()), "never past the end");
        assert_eq!(text_position(10, 20, 3), (0, String::new()), "all fit");
    }
}
