//! The command line: one function per subcommand. Changes go through the same
//! [`Command`](crate::domain::Command) the TUI sends; reads print text or `--json`.

pub mod args;
mod change;
mod read;
mod resolve;

pub use args::{Cli, Sub};

use crate::domain::Instant;
use crate::settings::Settings;
use crate::store::OpenStore;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every subcommand needs to know about this run.
pub struct Context<'a> {
    /// The data file, for the commands that work on files as such (`demo`, `check`).
    pub data: PathBuf,
    /// The store the settings chose.
    pub store: &'a dyn OpenStore,
    pub now: Instant,
    pub engineer: String,
    pub json: bool,
}

/// Runs a subcommand; errors and refusals are printed as one line on stderr.
pub fn run(settings: &Settings, store: &dyn OpenStore, sub: Sub) -> ExitCode {
    let ctx = Context {
        data: settings.data.clone(),
        store,
        now: settings.clock.now(),
        engineer: settings.engineer.clone(),
        json: settings.json,
    };
    let result = match sub {
        Sub::Demo { out } => change::demo(&ctx, out),
        Sub::Generate { incidents, customers, seed, out } => {
            change::generate(&ctx, incidents, customers, seed, out)
        }
        Sub::Check { path } => read::check(&ctx, path),
        Sub::Archive => change::archive(&ctx),
        sub if sub.is_read() => read::run(&ctx, sub),
        sub => change::run(&ctx, sub),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// Writes `text` to standard output. A reader that went away early
/// (`incidesk list | head -3`) is not an error: there is no one left to tell.
fn print(text: &str) -> Result<(), String> {
    use std::io::{ErrorKind, Write};
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(format!("could not write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("incidesk: {message}");
    ExitCode::FAILURE
}
