//! The command line: one function per subcommand. Changes go through the same
//! [`Command`](crate::domain::Command) the TUI sends; reads print text or `--json`.

pub mod args;
mod calendar;
mod change;
mod complete;
mod csv_out;
mod db;
pub mod docs;
mod error;
mod hint;
mod json;
mod nested_args;
mod read;
mod report;
mod resolve;
mod show;
mod undo;
pub mod values;
mod watch;
mod when;

pub use args::{Cli, Sub};
pub use complete::Completable;
pub use error::{CliError, Kind};
pub use hint::Advice;
pub use json::from_clap;

use crate::domain::{Closing, Command, Decision, Instant};
use crate::settings::Settings;
use crate::store::OpenStore;
use read::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every subcommand needs to know about this run.
pub struct Context<'a> {
    /// The data file, for the commands that work on files as such (`demo`, `check`).
    pub data: PathBuf,
    /// Whether it was named, not the per-user default (see `Settings`).
    pub data_given: bool,
    /// The store the settings chose.
    pub store: &'a dyn OpenStore,
    /// The same, when it is a PostgreSQL database (`incidesk db ...`).
    pub database: Option<&'a crate::store::postgres::PgOpener>,
    pub now: Instant,
    /// Whether `now` is frozen (`--now`, `INCIDESK_NOW`): changes then
    /// backdate the history, and say so.
    pub frozen: bool,
    /// Who signs changes; `None` refuses them (see `change::signer`).
    pub engineer: Option<String>,
    /// The name typed (`--engineer`, `INCIDESK_ENGINEER`): on a database it
    /// must be the role's, if given (see `settings::role_signs`).
    pub engineer_typed: Option<String>,
    pub json: bool,
    /// How instants are written (the customer's zone, or `--utc`).
    pub times: when::Times,
    /// The clock itself, for `watch`, which outlives one instant.
    pub clock: crate::settings::Clock,
    pub alerts: crate::config::AlertSettings,
}

/// Runs a subcommand; errors and refusals are printed as one line on stderr
/// (with `--json`, one JSON object) and end the process with their kind's exit code.
pub fn run(
    settings: &Settings,
    store: &dyn OpenStore,
    database: Option<&crate::store::postgres::PgOpener>,
    sub: Sub,
) -> ExitCode {
    let ctx = Context {
        database,
        data: settings.data.clone(),
        data_given: settings.data_given,
        store,
        now: settings.clock.now(),
        frozen: !matches!(settings.clock, crate::settings::Clock::System),
        engineer: settings.engineer.clone(),
        engineer_typed: settings.engineer_typed.clone(),
        json: settings.json,
        times: when::Times { utc: settings.utc },
        clock: settings.clock,
        alerts: settings.config.alerts.clone(),
    };
    match dispatch(&ctx, sub) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(ctx.json, &e),
    }
}

/// `--demo` with a subcommand: reads are answered from a throw-away demo
/// desk (as the terminal desk's `--demo`), the command line's own documents
/// need no desk, and anything else is refused: a change there would be lost
/// at once, and `check`, `archive`, `demo`, `generate` and `db` work on files
/// and databases, not on a desk in memory.
pub fn demo_refusal(sub: &Sub) -> Option<CliError> {
    match sub {
        Sub::Customers
        | Sub::Products
        | Sub::Packs { .. }
        | Sub::List { .. }
        | Sub::Show { .. }
        | Sub::History { .. }
        | Sub::Report { .. }
        | Sub::Watch { .. }
        | Sub::Completions { .. }
        | Sub::Man
        | Sub::Complete { .. }
        | Sub::Config { .. } => None,
        _ => Some(CliError::usage(
            "--demo is a throw-away desk in memory, for reading (list, show, history, report, …): \
             a change on it would be lost at once; write the demo to a file with \
             `incidesk demo --out demo.json` and work on it with `incidesk --data demo.json …`",
        )),
    }
}

/// Says what failed on stderr, as text or (`json`) as one JSON object
/// (docs/JSON.md), and gives the exit code of its kind.
pub fn fail(json: bool, e: &CliError) -> ExitCode {
    if json {
        json::say(&json::error(e));
    } else {
        for p in &e.problems {
            crate::present::say(p);
        }
        crate::present::say(&format!("incidesk: {e}"));
    }
    ExitCode::from(e.kind.exit_code())
}

/// Something done that the user should know of, on stderr: `incidesk: LINE`,
/// or with `--json` a `{"warning": …}` object of `kind` with `extra` fields.
fn notice(ctx: &Context, kind: &str, line: &str, extra: serde_json::Value) {
    if ctx.json {
        json::say(&json::warning(kind, line, extra));
    } else {
        crate::present::say(&format!("incidesk: {line}"));
    }
}

/// Prints a result: `value` as JSON with `--json`, else `text` (a newline added).
fn result(ctx: &Context, text: &str, value: &serde_json::Value) -> Result<(), CliError> {
    result_as(ctx.json, text, value)
}

/// [`result`] before there is a [`Context`] (`config`).
fn result_as(json: bool, text: &str, value: &serde_json::Value) -> Result<(), CliError> {
    if json {
        let json = serde_json::to_string_pretty(value).map_err(|e| CliError::output(e.to_string()))?;
        print(&format!("{json}\n"))
    } else {
        print(&format!("{}\n", crate::present::cleaned_lines(text)))
    }
}

/// Every subcommand by name, so that a new one does not compile until it is
/// given its place here.
fn dispatch(ctx: &Context, sub: Sub) -> Result<(), CliError> {
    match sub {
        // Files as such.
        Sub::Demo { out } => change::demo(ctx, out),
        // About the command line itself.
        Sub::Completions { shell } => docs::completions(shell),
        Sub::Man => docs::man(),
        Sub::Complete { what } => complete::run(ctx, what),
        // Answered by `main` before the config file is read (see docs::config).
        Sub::Config { default } => docs::config(default, None, ctx.json),
        Sub::Db(cmd) => db::run(ctx, cmd),
        Sub::Generate { incidents, customers, seed, out } => {
            change::generate(ctx, incidents, customers, seed, out)
        }
        Sub::Check { path } => read::check(ctx, path),
        Sub::Archive => change::archive(ctx),
        // Reads.
        Sub::Customers => read::run(ctx, Read::Customers, false),
        Sub::Products => read::run(ctx, Read::Products, false),
        Sub::Packs { customer, csv } => read::run(ctx, Read::Packs { customer }, csv),
        Sub::List { all, filter, csv } => read::run(ctx, Read::List { all, filter }, csv),
        Sub::Show { id } => read::run(ctx, Read::Show { id }, false),
        Sub::History { id, csv } => read::run(ctx, Read::History { id }, csv),
        Sub::Report { from, to, by, csv } => {
            let query = report::query(from, to, by.map(Into::into), csv)?;
            read::run(ctx, Read::Report(query), csv)
        }
        Sub::Watch { once, exec } => watch::run(ctx, once, exec.as_deref()),
        // Changes: names are resolved against the desk as loaded.
        Sub::Customer(cmd) => change::run(ctx, |desk| change::customer(desk, cmd)),
        Sub::Product(cmd) => change::run(ctx, |_| Ok(change::product(cmd))),
        Sub::Pack(cmd) => change::run(ctx, |desk| change::pack(desk, cmd)),
        Sub::Open(a) => change::run(ctx, |desk| change::open(desk, a)),
        Sub::Respond { id, note } => change::on(ctx, &id, |incident| Command::Respond { incident, note }),
        Sub::Contact { id, kind, note, minutes } => {
            change::on(ctx, &id, |incident| Command::LogContact { incident, kind, minutes, note })
        }
        Sub::Propose { id, text } => change::on(ctx, &id, |incident| Command::Propose { incident, text }),
        Sub::Severity { id, severity, reason } => {
            change::on(ctx, &id, |incident| Command::ChangeSeverity { incident, to: severity, reason })
        }
        Sub::Amend { id, problem, reason } => {
            change::on(ctx, &id, |incident| Command::Amend { incident, problem, reason })
        }
        Sub::Split { id, into } => change::on(ctx, &id, |incident| Command::Split { incident, into }),
        Sub::Close { id, resolved, unresolved, withdrawn, note } => {
            let how = match (resolved, unresolved, withdrawn) {
                (true, _, _) => Closing::Resolved,
                (_, true, _) => Closing::Unresolved,
                (_, _, true) => Closing::Withdrawn,
                _ => return Err(CliError::usage("choose one of --resolved, --unresolved, --withdrawn")),
            };
            change::on(ctx, &id, |incident| Command::Close { incident, how, note })
        }
        Sub::Bill { id, charge, refund, reason, product_defect } => {
            let decision = match (charge, refund || product_defect) {
                (true, _) => Decision::Charge,
                (false, true) => Decision::Refund,
                (false, false) => {
                    return Err(CliError::usage(
                        "choose --charge or --refund; --product-defect alone means a refund",
                    ));
                }
            };
            change::on(ctx, &id, |incident| Command::Bill { incident, decision, reason, product_defect })
        }
        Sub::Assign { id, to } => change::on(ctx, &id, |incident| Command::Assign { incident, engineer: to }),
        Sub::Undo => undo::run(ctx),
    }
}

/// Writes `text` to standard output. A reader that went away early
/// (`incidesk list | head -3`) is not an error: there is no one left to tell.
fn print(text: &str) -> Result<(), CliError> {
    use std::io::{ErrorKind, Write};
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(CliError::output(format!("could not write to standard output: {e}")))
        }
        Ok(()) | Err(_) => Ok(()),
    }
}
