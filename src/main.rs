//! The one place that reads the environment and picks the store: everything
//! below gets its settings and a way to open the store as arguments.

use clap::{CommandFactory as _, Parser};
use incidesk::cli::{self, Cli};
use incidesk::settings::{Environment, Settings};
use incidesk::store::postgres::PgOpener;
use incidesk::store::{JsonOpener, JsonSettings, MemoryStore};
use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let mut args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return Ok(usage_error(e)),
    };
    if data_typed_empty(std::env::args_os()) {
        let message = "a value is required for '--data <PATH>' but none was supplied";
        if args.json {
            return Ok(cli::fail(true, &cli::CliError::usage(message)));
        }
        incidesk::present::say(&format!("error: {message}\n\nFor more information, try '--help'."));
        return Ok(ExitCode::from(2));
    }
    // `incidesk config` looks at the config file before it is read, so
    // that a broken one can be seen and replaced.
    if let Some(cli::args::Sub::Config { default }) = args.sub {
        let env = Environment::of_process();
        let path = match args.config.clone() {
            Some(p) => Some((p, true)),
            None => incidesk::settings::config_path(&env).map(|p| (p, false)),
        };
        return Ok(
            match cli::docs::config(default, path.as_ref().map(|(p, n)| (p.as_path(), *n)), args.json) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::fail(args.json, &e),
            },
        );
    }
    let env = Environment::of_process();
    // Before any zone is read (the config file names some): the system's
    // zone rules, where it has them.
    incidesk::zones::install(&incidesk::settings::zone_dir(&env));
    let settings = match Settings::build(&args, &env) {
        Ok(s) => s,
        Err(e) => return Ok(cli::fail(args.json, &cli::CliError::input(e))),
    };
    if args.sub.is_none()
        && let Some(why) = incidesk::ui::terminal_problem(&settings)
    {
        let subcommands: Vec<String> = Cli::command()
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_string())
            .collect();
        if settings.json {
            let advice = cli::Advice {
                text: Some("without a terminal, use a subcommand".into()),
                values: subcommands,
                command: Some("incidesk --help".into()),
                ..cli::Advice::default()
            };
            let e = cli::CliError::usage(format!("the desk needs a terminal: {why}")).advice(advice);
            return Ok(cli::fail(true, &e));
        }
        eprintln!(
            "incidesk: the desk needs a terminal: {why}.\nWithout one, use a subcommand: {} (see `incidesk --help`).",
            subcommands.join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    match args.sub.take() {
        Some(sub) if settings.demo => {
            if let Some(e) = cli::demo_refusal(&sub) {
                return Ok(cli::fail(settings.json, &e));
            }
            let desk = demo_desk(&settings)?;
            Ok(cli::run(&settings, &MemoryStore::new(desk).named("demo desk").throwaway(), None, sub))
        }
        Some(sub) => match settings.postgres.clone() {
            Some(pg) => {
                let database = PgOpener::new(pg);
                Ok(cli::run(&settings, &database, Some(&database), sub))
            }
            None => Ok(cli::run(&settings, &json_store(&settings, &settings.data, false), None, sub)),
        },
        None if settings.demo => {
            // A throw-away copy of the demo desk, in memory: nothing to
            // clean up however the session ends.
            let desk = demo_desk(&settings)?;
            incidesk::ui::run(&settings, &MemoryStore::new(desk).named("demo desk").throwaway())
        }
        None => match settings.postgres.clone() {
            Some(pg) => incidesk::ui::run(&settings, &PgOpener::new(pg)),
            None => incidesk::ui::run(&settings, &json_store(&settings, &settings.data, true)),
        },
    }
}

/// The bundled demo desk, its times placed around now.
fn demo_desk(settings: &Settings) -> color_eyre::Result<incidesk::domain::Desk> {
    incidesk::demo::build(settings.clock.now())
        .map_err(|e| color_eyre::eyre::eyre!("the demo desk could not be built: {e}"))
}

/// clap's own messages: help and the version as clap prints them; a usage
/// error (which quotes what was typed) cleaned like every message.
fn usage_error(mut e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return code;
    }
    // Lossy: an argument that is not UTF-8 is itself a usage error here.
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    // `--json` anywhere: the error as JSON too, as scripts that ask for it read.
    let json = argv.iter().skip(1).take_while(|a| *a != "--").any(|a| a == "--json");
    if let Some(text) = now_from_environment(&e, &argv) {
        if json {
            let message = text.trim_start_matches("error: ");
            let _ = cli::fail(true, &cli::CliError::usage(message));
        } else {
            incidesk::present::say(&text);
        }
        return code;
    }
    if json {
        let _ = cli::fail(true, &cli::from_clap(&e, filter_tip(&e, &argv)));
        return code;
    }
    if let Some(tip) = filter_tip(&e, &argv) {
        use clap::error::{ContextKind, ContextValue};
        e.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![tip.into()]));
    }
    incidesk::present::say(e.render().to_string().trim_end());
    code
}

/// `--data ""` typed: a script's unset variable, which must not quietly
/// mean the per-user desk (an empty INCIDESK_DATA does mean it).
fn data_typed_empty(argv: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let argv: Vec<_> = argv.collect();
    argv.iter().any(|a| a == "--data=") || argv.windows(2).any(|w| w[0] == "--data" && w[1].is_empty())
}

/// A bad `$INCIDESK_NOW` is reported by clap as a bad `--now`, which the
/// command line may not hold: name the variable that does.
fn now_from_environment(e: &clap::Error, argv: &[String]) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let arg = e.get(ContextKind::InvalidArg)?.to_string();
    let typed = argv.iter().any(|a| a == "--now" || a.starts_with("--now="));
    (e.kind() == ErrorKind::ValueValidation && arg.starts_with("--now") && !typed).then(|| {
        let value = e.get(ContextKind::InvalidValue).map(|v| v.to_string()).unwrap_or_default();
        format!(
            "error: the environment variable INCIDESK_NOW is '{value}', which is not an RFC 3339 \
             instant such as 2026-11-25T09:30:00Z: fix it or unset it"
        )
    })
}

/// `list --sev A` and the like: the list is filtered with --filter, so say
/// the filter that was meant. (Not --engineer: that global flag says who
/// makes changes, and is no mistake.)
fn filter_tip(e: &clap::Error, argv: &[String]) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let arg = e.get(ContextKind::InvalidArg)?.to_string();
    let at = argv.iter().position(|a| *a == arg || a.starts_with(&format!("{arg}=")))?;
    argv[..at].iter().any(|a| a == "list").then_some(())?;
    let (flag, inline) = match argv[at].split_once('=') {
        Some((flag, value)) => (flag, Some(value.to_string())),
        None => (argv[at].as_str(), None),
    };
    let key = match flag.trim_start_matches('-') {
        "sev" | "severity" => "sev",
        "state" => "state",
        "customer" | "cust" => "customer",
        "eng" => "eng",
        "status" => "status",
        "cov" | "coverage" => "cov",
        "paused" => "paused",
        _ => return None,
    };
    let value = inline
        .or_else(|| argv.get(at + 1).filter(|v| !v.starts_with('-')).cloned())
        .unwrap_or_else(|| "...".into());
    Some(format!("the list is filtered with --filter, e.g. --filter \"{key}:{value}\""))
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
