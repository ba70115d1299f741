//! The config file, `$XDG_CONFIG_HOME/incidesk/config.toml` (`--config PATH`
//! names another): one section per part of incidesk, each in a file of its
//! own. `main` reads it once, through `settings.rs`; a file that is wrong is
//! refused whole, with the line and column of the mistake, never half applied.
//! `assets/config.toml` is a commented example of every section.

pub mod alerts;

pub use alerts::{AlertSettings, Bell};
use serde::Deserialize;
use std::fmt;

/// Everything the config file can set; each section has its defaults, so an
/// empty file (or none) is the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[alerts]`: when a watcher is told about an incident (issue 13).
    pub alerts: AlertSettings,
}

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
    toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start).min(text.len());
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConfigError { line, column, message: e.message().trim().to_string() }
    })
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
