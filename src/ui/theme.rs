//! Styles in one place. State is never told by colour alone: every countdown
//! state has a symbol and a word too, and `NO_COLOR` turns colour off.

use crate::domain::SlaState;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn state(&self, state: SlaState) -> Style {
        match state {
            SlaState::Breached => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            SlaState::AtRisk => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            SlaState::OnTrack => self.fg(Color::Green),
            SlaState::Met => self.fg(Color::Cyan),
            SlaState::Missed => self.fg(Color::Magenta),
            SlaState::NoOpening => self.fg(Color::Red),
        }
    }

    pub fn paused(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::DIM)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn focused_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray)
    }
}

/// R8: a symbol per state, so the state reads without colour.
pub fn state_symbol(state: SlaState, paused: bool) -> &'static str {
    if paused {
        return "‖";
    }
    match state {
        SlaState::Breached => "✖",
        SlaState::AtRisk => "▲",
        SlaState::OnTrack => "●",
        SlaState::Met => "✔",
        SlaState::Missed => "✘",
        SlaState::NoOpening => "?",
    }
}
