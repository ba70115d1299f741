//! The settings of one run, built once in `main` from the arguments and the
//! environment (later also a config file). Nothing below `main` reads the
//! environment: everything it needs to know is here.

use crate::cli::args::Cli;
use crate::domain::Instant;
use chrono::{SubsecRound as _, Utc};
use chrono_tz::Tz;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// Environment variable naming the data file when `--data` is not given.
pub const DATA_ENV: &str = "INCIDESK_DATA";
/// Environment variable: the data file size (bytes) from which changes go to
/// the journal instead of rewriting the file.
pub const JOURNAL_MIN_ENV: &str = "INCIDESK_JOURNAL_MIN_BYTES";
/// Environment variable: how many settled incidents make a change archive
/// them on its own (0: never).
pub const AUTO_ARCHIVE_ENV: &str = "INCIDESK_AUTO_ARCHIVE";
/// Test-only: `INCIDESK_TEST_PANIC=after-first-frame` makes the TUI panic
/// right after drawing its first frame, so that tests/signals.rs can check
/// the terminal is restored on a panic. Not for people.
pub const TEST_PANIC_ENV: &str = "INCIDESK_TEST_PANIC";

/// Where "now" comes from: the system clock, or a frozen instant for demos and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Frozen(Instant),
}

impl Clock {
    /// Now, to the second on the system clock: the desk shows and stamps
    /// whole seconds, and the views of one second can be shared.
    pub fn now(&self) -> Instant {
        match self {
            Clock::System => Utc::now().trunc_subsecs(0),
            Clock::Frozen(t) => *t,
        }
    }
}

/// The environment as `main` read it: only the variables incidesk looks at.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub data: Option<OsString>,
    pub user: Option<String>,
    pub tz: Option<String>,
    pub no_color: Option<OsString>,
    pub journal_min: Option<String>,
    pub auto_archive: Option<String>,
    pub test_panic: Option<String>,
    pub term: Option<String>,
}

impl Environment {
    /// Reads this process's environment (`main` only).
    pub fn of_process() -> Self {
        let text = |name: &str| std::env::var(name).ok();
        Environment {
            data: std::env::var_os(DATA_ENV),
            user: text("USER"),
            tz: text("TZ"),
            no_color: std::env::var_os("NO_COLOR"),
            journal_min: text(JOURNAL_MIN_ENV),
            auto_archive: text(AUTO_ARCHIVE_ENV),
            test_panic: text(TEST_PANIC_ENV),
            term: text("TERM"),
        }
    }
}

/// How this run reads and writes the desk, and shows it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The data file: `--data`, else `$INCIDESK_DATA`, else the per-user file.
    pub data: PathBuf,
    /// Whether the data file was named (`--data` or `$INCIDESK_DATA`), not
    /// the per-user default.
    pub data_given: bool,
    pub clock: Clock,
    /// Who signs changes: `--engineer`, `$INCIDESK_ENGINEER`, else `$USER`
    /// (each only if not blank). `None`: nobody is named, and the command
    /// line refuses changes (see [`Settings::engineer_or_placeholder`]).
    pub engineer: Option<String>,
    /// `--json`: read commands print JSON.
    pub json: bool,
    /// `--demo`: the TUI works on a throw-away copy of the demo desk.
    pub demo: bool,
    /// The data file size from which changes go to the journal.
    pub journal_min: Option<u64>,
    /// How many settled incidents make a change archive them on its own.
    pub auto_archive_min: Option<usize>,
    /// Colour, unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub color: bool,
    /// The viewer's own zone, for "your time" beside the customer's.
    pub viewer_zone: Tz,
    /// `--exit-after-first-frame`.
    pub exit_after_first_frame: bool,
    /// See [`TEST_PANIC_ENV`].
    pub panic_after_first_frame: bool,
    /// How long a change waits for another process's change.
    pub lock_timeout: Duration,
    /// `TERM=dumb`: a terminal that can't draw the desk.
    pub dumb_terminal: bool,
}

impl Settings {
    pub fn build(cli: &Cli, env: &Environment) -> Result<Settings, String> {
        let data =
            crate::store::resolve_path(cli.data.clone(), env.data.clone()).map_err(|e| e.to_string())?;
        fn number<T: std::str::FromStr>(v: &Option<String>) -> Option<T> {
            v.as_deref().and_then(|v| v.trim().parse().ok())
        }
        let named = |p: Option<&std::ffi::OsStr>| p.is_some_and(|p| !p.is_empty());
        Ok(Settings {
            data_given: named(cli.data.as_deref().map(|p| p.as_os_str())) || named(env.data.as_deref()),
            data,
            clock: cli.now.map_or(Clock::System, Clock::Frozen),
            engineer: [cli.engineer.as_deref(), env.user.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .find(|name| !name.is_empty())
                .map(str::to_string),
            json: cli.json,
            demo: cli.demo,
            journal_min: number(&env.journal_min),
            auto_archive_min: number(&env.auto_archive),
            color: env.no_color.as_ref().is_none_or(|v| v.is_empty()),
            viewer_zone: viewer_zone(env.tz.as_deref()),
            exit_after_first_frame: cli.exit_after_first_frame,
            panic_after_first_frame: env.test_panic.as_deref() == Some("after-first-frame"),
            lock_timeout: Duration::from_secs(10),
            dumb_terminal: env.term.as_deref().is_some_and(|t| t.trim() == "dumb"),
        })
    }
}

impl Settings {
    /// The engineer, or a placeholder for the terminal desk, whose title bar
    /// shows who signs (the command line refuses changes instead).
    pub fn engineer_or_placeholder(&self) -> String {
        self.engineer.clone().unwrap_or_else(|| "engineer".to_string())
    }
}

/// The viewer's own zone: `$TZ` if it names an IANA zone, else the
/// system's zone, else UTC.
fn viewer_zone(tz: Option<&str>) -> Tz {
    tz.and_then(|tz| tz.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()))
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn build(args: &[&str], env: Environment) -> Settings {
        let cli = Cli::try_parse_from(std::iter::once("incidesk").chain(args.iter().copied())).unwrap();
        Settings::build(&cli, &env).unwrap()
    }

    #[test]
    fn the_engineer_is_the_flag_then_user_then_nobody() {
        let env = Environment { user: Some("ada".into()), ..Environment::default() };
        assert_eq!(build(&["--engineer", "bo", "list"], env.clone()).engineer.as_deref(), Some("bo"));
        assert_eq!(build(&["--engineer", " ", "list"], env.clone()).engineer.as_deref(), Some("ada"));
        assert_eq!(build(&["list"], env).engineer.as_deref(), Some("ada"));
        let empty = Environment { user: Some(String::new()), ..Environment::default() };
        let nobody = build(&["list"], empty);
        assert_eq!(nobody.engineer, None);
        assert_eq!(nobody.engineer_or_placeholder(), "engineer");
    }

    #[test]
    fn no_color_and_thresholds_come_from_the_environment_given() {
        let env = Environment {
            no_color: Some("1".into()),
            journal_min: Some(" 0 ".into()),
            auto_archive: Some("nope".into()),
            tz: Some(":Asia/Kathmandu".into()),
            ..Environment::default()
        };
        let s = build(&["list"], env);
        assert!(!s.color);
        assert_eq!(s.journal_min, Some(0));
        assert_eq!(s.auto_archive_min, None, "an unreadable number keeps the default");
        assert_eq!(s.viewer_zone, chrono_tz::Asia::Kathmandu);
        assert!(build(&["list"], Environment { no_color: Some("".into()), ..Environment::default() }).color);
        assert!(
            build(&["list"], Environment { term: Some("dumb".into()), ..Environment::default() })
                .dumb_terminal
        );
        assert!(
            !build(&["list"], Environment { term: Some("xterm".into()), ..Environment::default() })
                .dumb_terminal
        );
    }

    #[test]
    fn the_data_file_is_the_flag_then_the_environment() {
        let env = Environment { data: Some("/b.json".into()), ..Environment::default() };
        assert_eq!(build(&["--data", "/a.json", "list"], env.clone()).data, PathBuf::from("/a.json"));
        assert_eq!(build(&["list"], env).data, PathBuf::from("/b.json"));
    }
}
