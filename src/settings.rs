//! The settings of one run, built once in `main` from the arguments, the
//! environment and the config file. Nothing below `main` reads the
//! environment or the config file: everything it needs to know is here.

use crate::cli::args::Cli;
use crate::config::Config;
use crate::domain::Instant;
use crate::domain::Zone;
use crate::store::postgres::{PgEnv, PgSettings, is_url};
use chrono::{SubsecRound as _, Utc};
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
/// Environment variable: with `INCIDESK_NOW` (or `--now`), the clock starts
/// there and runs this many times faster than real time (a whole number),
/// so that tests and demos can watch alert points pass.
pub const CLOCK_SPEED_ENV: &str = "INCIDESK_CLOCK_SPEED";

/// Where "now" comes from: the system clock, a frozen instant for demos and
/// tests, or a test clock that starts at an instant and runs faster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Frozen(Instant),
    /// `start` at the real moment `since`, then `speed` seconds a second.
    Running {
        start: Instant,
        since: std::time::Instant,
        speed: u32,
    },
}

impl Clock {
    /// Now, to the second on the system clock: the desk shows and stamps
    /// whole seconds, and the views of one second can be shared.
    pub fn now(&self) -> Instant {
        match self {
            Clock::System => Utc::now().trunc_subsecs(0),
            Clock::Frozen(t) => *t,
            Clock::Running { start, since, speed } => {
                let passed = since.elapsed().saturating_mul(*speed);
                let passed = chrono::TimeDelta::from_std(passed).unwrap_or(chrono::TimeDelta::MAX);
                start.checked_add_signed(passed).unwrap_or(*start).trunc_subsecs(0)
            }
        }
    }

    /// The clock from `--now` and `INCIDESK_CLOCK_SPEED`.
    fn of(now: Option<Instant>, speed: Option<&str>) -> Result<Clock, String> {
        let Some(speed) = speed.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(now.map_or(Clock::System, Clock::Frozen));
        };
        let speed: u32 = speed.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
            format!("{CLOCK_SPEED_ENV} is '{speed}', not a whole number of 1 or more: fix it or unset it")
        })?;
        let start = now.unwrap_or_else(|| Clock::System.now());
        Ok(Clock::Running { start, since: std::time::Instant::now(), speed })
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
    /// libpq's variables and the home folder (for `~/.pgpass`), for a
    /// desk in PostgreSQL.
    pub pg: PgEnv,
    pub clock_speed: Option<String>,
    /// `XDG_CONFIG_HOME` and `HOME`, for the config file's place.
    pub config_home: Option<OsString>,
    pub home: Option<OsString>,
    /// `VISUAL` and `EDITOR`, for writing a long field in an editor.
    pub visual: Option<String>,
    pub editor: Option<String>,
    /// `DBUS_SESSION_BUS_ADDRESS`: whether a desktop session bus exists.
    pub session_bus: Option<OsString>,
    /// `TZDIR`: the IANA zone database to read instead of the system's.
    pub tz_dir: Option<OsString>,
}

/// libpq's variables, read for a desk in PostgreSQL (docs/POSTGRES.md).
pub const PG_VARIABLES: [&str; 8] =
    ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGSSLROOTCERT", "PGPASSFILE"];

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
            pg: pg_env(text),
            clock_speed: text(CLOCK_SPEED_ENV),
            config_home: std::env::var_os("XDG_CONFIG_HOME"),
            home: std::env::var_os("HOME"),
            visual: text("VISUAL"),
            editor: text("EDITOR"),
            session_bus: std::env::var_os("DBUS_SESSION_BUS_ADDRESS"),
            tz_dir: std::env::var_os("TZDIR"),
        }
    }
}

/// libpq's variables through `text` (a variable's value), as libpq reads
/// them: the password file is `PGPASSFILE`, else `~/.pgpass`.
fn pg_env(text: impl Fn(&str) -> Option<String>) -> PgEnv {
    let path = |v: Option<String>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    PgEnv {
        host: text("PGHOST"),
        port: text("PGPORT"),
        user: text("PGUSER").filter(|u| !u.is_empty()),
        password: text("PGPASSWORD"),
        dbname: text("PGDATABASE"),
        sslmode: text("PGSSLMODE").filter(|m| !m.is_empty()),
        sslrootcert: path(text("PGSSLROOTCERT")),
        passfile: path(text("PGPASSFILE")).or_else(|| path(text("HOME")).map(|h| h.join(".pgpass"))),
        os_user: text("USER").filter(|u| !u.is_empty()),
    }
}

/// How this run reads and writes the desk, and shows it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The data file: `--data`, else `$INCIDESK_DATA`, else the config
    /// file's `[store] data`, else the per-user file.
    pub data: PathBuf,
    /// Whether the data file was named (`--data`, `$INCIDESK_DATA` or `[store]`), not
    /// the per-user default.
    pub data_given: bool,
    pub clock: Clock,
    /// Who signs changes: `--engineer`, `$INCIDESK_ENGINEER`, else `$USER`
    /// (each only if not blank). `None`: nobody is named, and the command
    /// line and the terminal desk refuse changes.
    pub engineer: Option<String>,
    /// The name typed: `--engineer` or `$INCIDESK_ENGINEER` (not the config
    /// file's nor `$USER`). On a database, where the role signs, a name typed
    /// that is not the role's is refused ([`role_signs`]).
    pub engineer_typed: Option<String>,
    /// `--json`: read commands print JSON.
    pub json: bool,
    /// `--utc`: instants printed in UTC, not in the customer's zone.
    pub utc: bool,
    /// `--demo`: the TUI works on a throw-away copy of the demo desk.
    pub demo: bool,
    /// The data file size from which changes go to the journal.
    pub journal_min: Option<u64>,
    /// How many settled incidents make a change archive them on its own.
    pub auto_archive_min: Option<usize>,
    /// Colour, unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub color: bool,
    /// The viewer's own zone, for "your time" beside the customer's.
    pub viewer_zone: Zone,
    /// `--exit-after-first-frame`.
    pub exit_after_first_frame: bool,
    /// See [`TEST_PANIC_ENV`].
    pub panic_after_first_frame: bool,
    /// How long a change waits for another process's change.
    pub lock_timeout: Duration,
    /// `TERM=dumb`: a terminal that can't draw the desk.
    pub dumb_terminal: bool,
    /// The desk is in PostgreSQL: `--data`/`INCIDESK_DATA` is a
    /// `postgres://` URL, completed by libpq's variables.
    pub postgres: Option<PgSettings>,
    /// The config file as read (the defaults where it sets nothing or is missing).
    pub config: Config,
    /// The editor for long fields: `$VISUAL`, else `$EDITOR` (each only if
    /// not blank); `None`: the desk tries `vi`, as git and crontab do.
    pub editor: Option<String>,
    /// Whether alerts rung in the terminal desk go to the desktop.
    pub desktop: DesktopNotices,
}

/// Desktop notifications of alerts (issue 13): off by the config file, on,
/// or not possible here and why (said once in the terminal desk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesktopNotices {
    Off,
    On,
    Unavailable(String),
}

impl DesktopNotices {
    /// From `[alerts] desktop` and the session bus's address: on macOS the
    /// system's notifications are always there; elsewhere on Unix a D-Bus
    /// session bus is needed, which a login over SSH usually lacks.
    fn of(wanted: bool, session_bus: Option<&std::ffi::OsStr>) -> DesktopNotices {
        if !wanted {
            return DesktopNotices::Off;
        }
        if cfg!(target_os = "macos") {
            return DesktopNotices::On;
        }
        if !cfg!(unix) {
            return DesktopNotices::Unavailable("not supported on this system".into());
        }
        match session_bus {
            Some(a) if !a.is_empty() => DesktopNotices::On,
            _ => DesktopNotices::Unavailable(
                // DBUS_SESSION_BUS_ADDRESS is not set; short enough for 80 columns.
                "no D-Bus session bus (as over SSH)".into(),
            ),
        }
    }
}

impl Settings {
    pub fn build(cli: &Cli, env: &Environment) -> Result<Settings, String> {
        fn number<T: std::str::FromStr>(v: &Option<String>) -> Option<T> {
            v.as_deref().and_then(|v| v.trim().parse().ok())
        }
        let named = |p: Option<&std::ffi::OsStr>| p.is_some_and(|p| !p.is_empty());
        let config = read_config(cli.config.as_deref(), env)?;
        // --data, INCIDESK_DATA, then the config file's [store], then the per-user file.
        let configured = config.store.data.as_deref().map(|d| configured_data(d, env)).transpose()?;
        let data = crate::store::resolve_path(
            cli.data.clone(),
            env.data.clone().filter(|d| !d.is_empty()).or(configured.clone()),
        )
        .map_err(|e| e.to_string())?;
        let general = config.general.clone();
        let desktop = DesktopNotices::of(config.alerts.desktop, env.session_bus.as_deref());
        Ok(Settings {
            data_given: named(cli.data.as_deref().map(|p| p.as_os_str()))
                || named(env.data.as_deref())
                || configured.is_some(),
            clock: Clock::of(cli.now, env.clock_speed.as_deref())?,
            // The flag (or INCIDESK_ENGINEER), the config file, then $USER.
            engineer: [cli.engineer.as_deref(), general.engineer.as_deref(), env.user.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .find(|name| !name.is_empty())
                .map(str::to_string),
            engineer_typed: cli
                .engineer
                .as_deref()
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_string),
            json: cli.json,
            utc: cli.utc,
            demo: cli.demo,
            journal_min: number(&env.journal_min),
            auto_archive_min: number(&env.auto_archive),
            color: env.no_color.as_ref().is_none_or(|v| v.is_empty()),
            // The config file's zone is asked for; $TZ is the machine's.
            viewer_zone: general.time_zone.unwrap_or_else(|| viewer_zone(env.tz.as_deref())),
            exit_after_first_frame: cli.exit_after_first_frame,
            panic_after_first_frame: env.test_panic.as_deref() == Some("after-first-frame"),
            lock_timeout: Duration::from_secs(10),
            dumb_terminal: env.term.as_deref().is_some_and(|t| t.trim() == "dumb"),
            config,
            editor: [env.visual.as_deref(), env.editor.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .find(|e| !e.is_empty())
                .map(str::to_string),
            desktop,
            postgres: data
                .to_str()
                .filter(|d| is_url(d))
                .map(|url| PgSettings { url: url.to_string(), env: env.pg.clone() }),
            data,
        })
    }
}

/// Who signs a change on a store whose authenticated `role` signs (a
/// database): the role, whatever `$USER` or the config file say. A name
/// typed (`--engineer`, `INCIDESK_ENGINEER`) that is another is refused,
/// not ignored: the history would not say who the engineer thought it did.
pub fn role_signs(role: &str, typed: Option<&str>) -> Result<String, String> {
    match typed {
        Some(name) if name != role => Err(format!(
            "--engineer {name} (or INCIDESK_ENGINEER) can't sign changes here: the database signs each change with the role it was opened as, {role}; drop --engineer and unset INCIDESK_ENGINEER to work as {role}, or connect as {name} (the URL's user, or PGUSER)"
        )),
        _ => Ok(role.to_string()),
    }
}

/// The system's IANA zone database when `TZDIR` names none.
pub const SYSTEM_ZONE_DIR: &str = "/usr/share/zoneinfo";

/// Where the zone database is: `TZDIR` (if not blank), else the system's.
/// `main` installs it before any zone is read (see [`crate::zones`]).
pub fn zone_dir(env: &Environment) -> PathBuf {
    env.tz_dir
        .as_ref()
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from(SYSTEM_ZONE_DIR), PathBuf::from)
}

/// The config file's place when `--config` names none:
/// `$XDG_CONFIG_HOME/incidesk/config.toml`, else `~/.config/incidesk/config.toml`.
pub fn config_path(env: &Environment) -> Option<PathBuf> {
    let absolute = |p: &OsString| Some(PathBuf::from(p)).filter(|p| p.is_absolute());
    let base = env
        .config_home
        .as_ref()
        .and_then(absolute)
        .or_else(|| env.home.as_ref().and_then(absolute).map(|h| h.join(".config")))?;
    Some(base.join("incidesk").join("config.toml"))
}

/// Reads the config file: the one `--config` names (which must exist), else
/// the default one if there is one. A file with a mistake is refused whole.
fn read_config(named: Option<&std::path::Path>, env: &Environment) -> Result<Config, String> {
    let path = match named {
        Some(p) => p.to_path_buf(),
        None => match config_path(env) {
            Some(p) if p.exists() => p,
            _ => return Ok(Config::default()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("the config file {} could not be read: {e}", path.display()))?;
    crate::config::parse(&text)
        .map_err(|e| format!("the config file {} is refused, nothing of it is used: {e}", path.display()))
}

/// The config file's `[store] data` as a path or URL: `~/` is the home folder.
fn configured_data(data: &str, env: &Environment) -> Result<OsString, String> {
    let Some(rest) = data.strip_prefix("~/") else { return Ok(data.into()) };
    let home = env.home.as_ref().filter(|h| !h.is_empty()).ok_or_else(|| {
        format!("the config file's [store] data is {data}, but HOME is not set: write an absolute path")
    })?;
    Ok(PathBuf::from(home).join(rest).into_os_string())
}

/// The viewer's own zone: `$TZ` if it names an IANA zone, else the
/// system's zone, else UTC.
fn viewer_zone(tz: Option<&str>) -> Zone {
    tz.and_then(|tz| tz.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()))
        .unwrap_or_else(Zone::utc)
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
