//! The config file, `$XDG_CONFIG_HOME/incidesk/config.toml` (`--config PATH`
//! names another): one section per part of incidesk, each in a file of its
//! own. `main` reads it once, through `settings.rs`; a file that is wrong is
//! refused whole, with the line and column of the mistake, never half applied.
//! `assets/config.toml` is a commented example of every section.

pub mod alerts;
pub mod general;
pub mod keys;
pub mod store;
pub mod theme;

pub use alerts::{AlertSettings, Bell};
pub use general::General;
pub use keys::Keys;
use serde::Deserialize;
use std::fmt;
pub use store::StoreSettings;
pub use theme::ThemeSettings;

/// Everything the config file can set; each section has its defaults, so an
/// empty file (or none) is the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[alerts]`: when a watcher is told about an incident (issue 13).
    pub alerts: AlertSettings,
    /// `[general]`: who signs, zones, mouse, the selection after an action.
    pub general: General,
    /// `[keys]`: other keys for actions of the key table.
    pub keys: Keys,
    /// `[store]`: where the desk is kept, after `--data` and `INCIDESK_DATA`.
    pub store: StoreSettings,
    /// `[theme]`: a shipped theme and colours by role.
    pub theme: ThemeSettings,
}

/// The example config file, every setting commented out at its default
/// (`incidesk config --default` prints it).
pub const EXAMPLE: &str = include_str!("../../assets/config.toml");

/// What is wrong with a config file, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Reads a config file's text; nothing of a file with a mistake is used.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text)
        .map_err(|e| error_at(text, e.span().map_or(0, |s| s.start), e.message().trim().to_string()))?;
    // The keys as written, then against the key table: a clash or an
    // unknown action refuses the whole file too.
    if let Some(e) = config.keys.entries.iter().find_map(|e| e.problem.clone()) {
        return Err(error_at(text, e.0.start, e.1));
    }
    if let Err(p) = crate::ui::keys::remap(&config.keys.entries) {
        let at = config.keys.entries.get(p.entry).map_or(0, |e| e.span.start);
        return Err(error_at(text, at, p.message));
    }
    Ok(config)
}

/// The error `message` at byte `at` of `text`, by line and column.
fn error_at(text: &str, at: usize, message: String) -> ConfigError {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError { line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_or_an_empty_one_is_the_defaults() {
        assert_eq!(parse(""), Ok(Config::default()));
        assert_eq!(parse("# nothing set\n"), Ok(Config::default()));
    }

    #[test]
    fn a_mistake_is_named_by_line_and_column() {
        let e = parse("[alerts]\nbell = \"once\"\nsound = true\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("sound"), "{e}");
        let e = parse("[alerts]\npoints = [\"50%\", \"soon\"]\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("soon"), "{e}");
        let e = parse("[nosuch]\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 2), "{e}");
    }

    /// The example with every setting uncommented (`# name = value` lines).
    fn uncommented(example: &str) -> String {
        example
            .lines()
            .map(|l| {
                let setting = |l: &&str| {
                    l.starts_with('[')
                        || l.split_once(" = ")
                            .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                };
                l.strip_prefix("# ").filter(setting).unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_example_shows_the_defaults_of_general_keys_and_theme() {
        assert_eq!(
            parse(EXAMPLE),
            Ok(Config::default()),
            "what `config --default` prints reads as the defaults"
        );
        let all = parse(&uncommented(EXAMPLE)).unwrap_or_else(|e| panic!("{e}"));
        // [general]: its values are the defaults, but for the examples of a
        // name and zones that have none (they come from elsewhere).
        assert_eq!(all.store.data.as_deref(), Some("postgres://desk.example/desk"), "[store] is listed");
        let g = &all.general;
        assert_eq!((g.mouse, g.selection_after_action), (false, general::AfterAction::Stay));
        assert_eq!(
            g.customer_zone,
            crate::domain::Zone::named("Europe/Stockholm"),
            "the dialog's own default"
        );
        // [theme]: the default theme's colours.
        assert_eq!(all.theme.palette(), crate::ui::theme::Palette::of(theme::ThemeName::Default));
        // [keys]: every action, with the keys it has.
        let table = crate::ui::keys::remap(&all.keys.entries).unwrap();
        for (row, default) in table.iter().zip(crate::ui::keymap::BINDINGS) {
            let same =
                row.keys.len() == default.keys.len() && row.keys.iter().all(|k| default.keys.contains(k));
            assert!(same, "{} in the example: {:?}", crate::ui::keys::name(row.action), row.keys);
        }
        let listed: Vec<&str> = all.keys.entries.iter().map(|e| e.action.as_str()).collect();
        for (name, _) in crate::ui::keys::actions() {
            assert!(listed.contains(&name.as_str()), "the example lists {name}");
        }
    }

    #[test]
    fn a_bad_key_line_is_named_and_nothing_of_the_file_is_used() {
        let text = "[general]\nmouse = true\n\n[keys]\nhistory = \"v\"\nrespond = \"q\"\n";
        let e = parse(text).unwrap_err();
        assert_eq!((e.line, e.column), (6, 1), "{e}");
        assert!(e.message.contains("quit"), "{e}");
        let e = parse("[keys]\nrepsond = \"R\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("respond"), "suggests the name meant: {e}");
        let e = parse("[keys]\nrespond = [\"R\", \"Ctrl-\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11), "{e}");
        assert!(e.message.contains("not a key"), "{e}");
        let e = parse("[keys]\nrespond = 5\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("as text"), "{e}");
        let remapped = parse("[keys]\nrespond = \"R\"\nhistory = [\"v\", \"F3\"]\n").unwrap();
        assert_eq!(remapped.keys.entries.len(), 2);
    }

    #[test]
    fn the_example_file_reads_as_the_defaults() {
        let example = include_str!("../../assets/config.toml");
        assert_eq!(parse(example), Ok(Config::default()), "every setting in it is commented out");
        // With the alerts section's settings uncommented, it reads as written.
        let alerts = example
            .lines()
            .skip_while(|l| !l.starts_with("# [alerts]") && !l.starts_with("[alerts]"))
            .take_while(|l| !l.is_empty())
            .map(|l| l.strip_prefix("# ").filter(|l| !l.starts_with(' ') && !l.starts_with('#')).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(alerts.contains("[alerts]"), "the example has an [alerts] section");
        parse(&alerts).unwrap_or_else(|e| panic!("{e}\n{alerts}"));
    }
}
