//! The `?` help: what the symbols mean, the filter language with its
//! values, and every key as configured, drawn from the same table that maps keys.

use super::keymap::{Action, Scope, label_of, scope_title};
use super::theme::{Theme, state_symbol};
use crate::domain::SlaState;
use crate::domain::queue::FILTER_HELP;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// What each state symbol means (R8), as the queue, detail and board show it.
const SYMBOLS: [(SlaState, bool, &str); 6] = [
    (SlaState::Breached, false, "breached: no first response and past its due time (R8)"),
    (SlaState::AtRisk, false, "at risk: less than a quarter of the response time left (R8)"),
    (SlaState::OnTrack, false, "on track: waiting for a first response, time enough"),
    (SlaState::Met, false, "met: the first response came in time"),
    (SlaState::Missed, false, "missed: the first response came late"),
    (SlaState::OnTrack, true, "paused: a business-hours clock outside the customer's open hours"),
];

/// The symbols and the filter language, before the keys.
fn legend<'a>(theme: &Theme, out: &mut Vec<Line<'a>>) {
    out.push(Line::styled("Symbols", theme.header()));
    for (state, paused, meaning) in SYMBOLS {
        let style = if paused { theme.paused() } else { theme.state(state) };
        out.push(Line::from(vec![
            Span::styled(format!("  {:<8}", state_symbol(state, paused)), style),
            Span::raw(meaning),
        ]));
    }
    out.push(Line::default());
    out.push(Line::styled(
        format!("Filter ({}): parts with a space between, all must match", label_of(Action::Filter)),
        theme.header(),
    ));
    for (key, values, meaning) in FILTER_HELP {
        out.push(Line::from(vec![
            Span::styled(format!("  {key:<10}"), theme.key()),
            Span::raw(values.to_string()),
            Span::styled(
                if meaning.is_empty() { String::new() } else { format!(" · {meaning}") },
                theme.dim(),
            ),
        ]));
    }
    out.push(Line::styled(
        "  e.g. sev:A state:breached customer:contoso · billing:pending for a lead",
        theme.dim(),
    ));
    out.push(Line::default());
}

pub fn lines<'a>(theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    legend(theme, &mut out);
    for scope in [Scope::Global, Scope::Incident, Scope::Closed, Scope::Packs] {
        out.push(Line::styled(scope_title(scope), theme.header()));
        for b in super::keys::current().iter().filter(|b| b.scope == scope) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
        if scope == Scope::Closed {
            out.push(Line::styled(
                "  archived (old) incidents show with a status filter: /status:closed",
                theme.dim(),
            ));
        }
        out.push(Line::default());
    }
    // What sits on top of the desk, dialogs first: every key they take is
    // in the same table.
    for scope in [Scope::Form, Scope::Confirm, Scope::FilterLine, Scope::Overlay, Scope::Alerts] {
        out.push(Line::styled(scope_title(scope), theme.header()));
        for b in super::keys::current().iter().filter(|b| b.scope == scope) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
        out.push(Line::default());
    }
    // Issue 10: which rules due times and local times are read with.
    out.push(Line::styled("Time zones", theme.header()));
    out.push(Line::raw(format!("  rules {}", crate::domain::zone_db::rules_in_use().describe())));
    out
}

/// Draws the help popup; returns the furthest scroll (see [`super::scrolled::popup_text`]).
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16) -> u16 {
    let popup = super::dialog::view::area(area);
    super::scrolled::popup_text(frame, popup, " Keys ".to_string(), lines(theme), scroll, theme)
}
