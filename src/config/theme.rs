//! `[theme]` in the config file: one of the shipped themes by name, and
//! colours by role on top of it. The roles are those of `src/ui/theme.rs`.

use crate::ui::theme::Palette;
use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

/// The shipped themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// For a dark terminal background.
    #[default]
    Default,
    /// For a light terminal background.
    Light,
    /// Bright colours only, for weak eyes or washed-out screens.
    HighContrast,
}

/// A colour as written: a name (`red`, `lightblue`, `darkgray`), `#rrggbb`
/// or a 256-colour index (`208`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub Color);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.trim().parse::<Color>().map(Colour).map_err(|_| {
            serde::de::Error::custom(format!(
                "'{text}' is not a colour: write a name (red, lightblue, darkgray, reset), #rrggbb or 0-255"
            ))
        })
    }
}

macro_rules! roles {
    ($($role:ident: $doc:literal),* $(,)?) => {
        /// The `[theme]` section: a base theme and colours by role over it.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ThemeSettings {
            /// `"default"`, `"light"` or `"high-contrast"`.
            pub name: ThemeName,
            $(#[doc = $doc] pub $role: Option<Colour>,)*
        }

        impl ThemeSettings {
            /// The colours: the named theme's, with those set here instead.
            pub fn palette(&self) -> Palette {
                let mut p = Palette::of(self.name);
                $(if let Some(Colour(c)) = self.$role { p.$role = c; })*
                p
            }
        }

        /// The roles' names, as the config file writes them.
        pub const ROLES: &[&str] = &[$(stringify!($role)),*];
    };
}

roles! {
    breached: "✖ a breached countdown",
    at_risk: "▲ at risk (R8)",
    on_track: "● on track",
    met: "✔ met",
    missed: "✘ missed",
    paused: "‖ paused clocks",
    header: "table headers and section titles",
    selected: "the background of the selected row",
    focus: "the border of the pane with the keyboard",
    border: "other borders",
    key: "keys in the footer and the help",
    error: "refusals and errors",
    ok: "saved changes",
    warn: "warnings",
    label: "field labels and quiet text",
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn a_named_theme_with_a_colour_of_its_own() {
        let t = parse("[theme]\nname = \"light\"\nbreached = \"#aa0000\"\n").unwrap().theme;
        assert_eq!(t.name, ThemeName::Light);
        let p = t.palette();
        assert_eq!(p.breached, Color::Rgb(0xaa, 0, 0));
        assert_eq!(p.on_track, Palette::of(ThemeName::Light).on_track, "the rest is the light theme's");
        assert_ne!(Palette::of(ThemeName::Light), Palette::of(ThemeName::Default));
        assert_ne!(Palette::of(ThemeName::HighContrast), Palette::of(ThemeName::Default));
    }

    #[test]
    fn wrong_names_and_colours_are_refused_where_they_are() {
        let e = parse("[theme]\nname = \"solarized\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        assert!(e.message.contains("high-contrast"), "{e}");
        let e = parse("[theme]\nbreached = \"blood\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        assert!(e.message.contains("#rrggbb"), "{e}");
        let e = parse("[theme]\nurgent = \"red\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("at_risk"), "names the roles there are: {e}");
    }
}
