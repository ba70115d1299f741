//! The one place that reads the environment and picks the store: everything
//! below gets its settings and a way to open the store as arguments.

use clap::{CommandFactory as _, Parser};
use incidesk::cli::{self, Cli};
use incidesk::settings::{Environment, Settings};
use incidesk::store::{JsonOpener, JsonSettings, MemoryStore};
use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let mut args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return Ok(usage_error(e)),
    };
    let settings = match Settings::build(&args, &Environment::of_process()) {
        Ok(s) => s,
        Err(e) => {
            incidesk::present::say(&format!("incidesk: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    if args.sub.is_none()
        && let Some(why) = incidesk::ui::terminal_problem(&settings)
    {
        let subcommands: Vec<String> = Cli::command()
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_string())
            .collect();
        eprintln!(
            "incidesk: the desk needs a terminal: {why}.\nWithout one, use a subcommand: {} (see `incidesk --help`).",
            subcommands.join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    match args.sub.take() {
        Some(sub) => Ok(cli::run(&settings, &json_store(&settings, &settings.data, false), sub)),
        None if settings.demo => {
            // A throw-away copy of the demo desk, in memory: nothing to
            // clean up however the session ends.
            let desk = incidesk::demo::build(settings.clock.now())
                .map_err(|e| color_eyre::eyre::eyre!("the demo desk could not be built: {e}"))?;
            incidesk::ui::run(&settings, &MemoryStore::new(desk).named("demo desk").throwaway())
        }
        None => incidesk::ui::run(&settings, &json_store(&settings, &settings.data, true)),
    }
}

/// clap's own messages: help and the version as clap prints them; a usage
/// error (which quotes what was typed) cleaned like every message.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
    } else {
        incidesk::present::say(e.render().to_string().trim_end());
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The JSON store at `path`. `live`: a TUI, which leaves folding the
/// journal for when it quits, so that a change never stops for a rewrite.
fn json_store(settings: &Settings, path: &std::path::Path, live: bool) -> JsonOpener {
    let defaults = JsonSettings::default();
    JsonOpener::new(
        path,
        JsonSettings {
            journal_min: settings.journal_min.unwrap_or(defaults.journal_min),
            auto_archive_min: settings.auto_archive_min.unwrap_or(defaults.auto_archive_min),
            fold_deferred: live,
            lock_timeout: settings.lock_timeout,
        },
    )
}
