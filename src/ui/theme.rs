//! Styles in one place. State is never told by colour alone: every countdown
//! state has a symbol and a word too, and `NO_COLOR` turns colour off.
//! The colours are a [`Palette`] by role: a shipped theme's (default, light,
//! high-contrast), with the config file's `[theme]` colours over it.

use crate::config::theme::ThemeName;
use crate::domain::SlaState;
use ratatui::style::{Color, Modifier, Style};
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// The colour of each role (names as in the config file's `[theme]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub breached: Color,
    pub at_risk: Color,
    pub on_track: Color,
    pub met: Color,
    pub missed: Color,
    pub paused: Color,
    pub header: Color,
    pub selected: Color,
    pub focus: Color,
    pub border: Color,
    pub key: Color,
    pub error: Color,
    pub ok: Color,
    pub warn: Color,
    pub label: Color,
}

const DEFAULT: Palette = Palette {
    breached: Color::Red,
    at_risk: Color::Yellow,
    on_track: Color::Green,
    met: Color::Cyan,
    missed: Color::Magenta,
    paused: Color::Blue,
    header: Color::Gray,
    selected: Color::DarkGray,
    focus: Color::Cyan,
    border: Color::DarkGray,
    key: Color::Cyan,
    error: Color::Red,
    ok: Color::Green,
    warn: Color::Yellow,
    label: Color::Gray,
};

/// Dark colours that read on a white background.
const LIGHT: Palette = Palette {
    breached: Color::Red,
    at_risk: Color::Rgb(0xa0, 0x50, 0x00),
    on_track: Color::Rgb(0x00, 0x70, 0x00),
    met: Color::Blue,
    missed: Color::Magenta,
    paused: Color::Blue,
    header: Color::Black,
    selected: Color::Rgb(0xc8, 0xd8, 0xf0),
    focus: Color::Blue,
    border: Color::Gray,
    key: Color::Blue,
    error: Color::Red,
    ok: Color::Rgb(0x00, 0x70, 0x00),
    warn: Color::Rgb(0xa0, 0x50, 0x00),
    label: Color::DarkGray,
};

/// Bright colours only, white text and borders.
const HIGH_CONTRAST: Palette = Palette {
    breached: Color::LightRed,
    at_risk: Color::LightYellow,
    on_track: Color::LightGreen,
    met: Color::LightCyan,
    missed: Color::LightMagenta,
    paused: Color::LightBlue,
    header: Color::White,
    selected: Color::Blue,
    focus: Color::LightYellow,
    border: Color::White,
    key: Color::LightYellow,
    error: Color::LightRed,
    ok: Color::LightGreen,
    warn: Color::LightYellow,
    label: Color::White,
};

impl Palette {
    pub fn of(name: ThemeName) -> Palette {
        match name {
            ThemeName::Default => DEFAULT,
            ThemeName::Light => LIGHT,
            ThemeName::HighContrast => HIGH_CONTRAST,
        }
    }
}

thread_local! {
    // The palette of this run, set once from the config file by `ui::run`.
    // Per thread, so that each test draws with the palette it set; kept out
    // of `Theme` so that a theme stays a plain value to make in tests.
    static PALETTE: Cell<Palette> = const { Cell::new(DEFAULT) };
}

/// Draws with `palette` from now on (on this thread).
pub fn install(palette: Palette) {
    PALETTE.with(|p| p.set(palette));
}

fn palette() -> Palette {
    PALETTE.with(Cell::get)
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn state(&self, state: SlaState) -> Style {
        let p = palette();
        match state {
            SlaState::Breached => self.fg(p.breached).add_modifier(Modifier::BOLD),
            SlaState::AtRisk => self.fg(p.at_risk).add_modifier(Modifier::BOLD),
            SlaState::OnTrack => self.fg(p.on_track),
            SlaState::Met => self.fg(p.met),
            SlaState::Missed => self.fg(p.missed),
            SlaState::NoOpening => self.fg(p.breached),
        }
    }

    pub fn paused(&self) -> Style {
        self.fg(palette().paused).add_modifier(Modifier::DIM)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        self.fg(palette().header).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(palette().selected).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn focused_border(&self) -> Style {
        self.fg(palette().focus).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(palette().border)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn key(&self) -> Style {
        self.fg(palette().key).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(palette().error).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(palette().ok)
    }

    pub fn warn(&self) -> Style {
        self.fg(palette().warn)
    }

    pub fn label(&self) -> Style {
        self.fg(palette().label)
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
