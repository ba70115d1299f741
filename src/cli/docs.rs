//! The command line's own documents: shell completions and the manual page,
//! both made from the same clap definition as `--help`, so they never drift;
//! the example config file.

use super::args::Cli;
use super::error::{CliError, Kind};
use clap::CommandFactory as _;

/// `incidesk completions SHELL`: the script on stdout; bash's,
/// zsh's and fish's also complete ids from the desk (see `complete.rs`).
pub fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "incidesk", &mut out);
    let script = super::complete::with_desk(shell, String::from_utf8_lossy(&out).into_owned());
    print_bytes(script.as_bytes())
}

/// `incidesk man`: the manual page (roff) on stdout: the options and every
/// subcommand (each one's own options are in `incidesk SUBCOMMAND --help`).
pub fn man() -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out).map_err(|e| CliError::output(e.to_string()))?;
    print_bytes(&out)
}

fn print_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let text = String::from_utf8_lossy(bytes);
    super::print(&text).map_err(|e| CliError::new(Kind::Output, e.to_string()))
}

/// `incidesk config`: where the config file is and whether it reads (a file
/// with a mistake fails, naming line and column); `--default`: the example
/// (a file in its own format, as `completions`: `--json` does not change it).
/// Run by `main` before the config file is read, so that a broken file can
/// be looked at and replaced. With `json`: `{"path", "found"}`.
pub fn config(default: bool, path: Option<(&std::path::Path, bool)>, json: bool) -> Result<(), CliError> {
    if default {
        return super::print(crate::config::EXAMPLE).map_err(|e| CliError::new(Kind::Output, e.to_string()));
    }
    let Some((path, named)) = path else {
        let value = serde_json::json!({ "path": null, "found": false });
        let line = "no config file: neither $XDG_CONFIG_HOME nor $HOME is set (name one with --config PATH)";
        return super::result_as(json, line, &value);
    };
    let (line, found) = match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => (
            format!(
                "{}: none there, the defaults are used (`incidesk config --default > {}` writes the example)",
                path.display(),
                path.display()
            ),
            false,
        ),
        Err(e) => {
            return Err(CliError::input(format!(
                "the config file {} could not be read: {e}",
                path.display()
            )));
        }
        Ok(text) => match crate::config::parse(&text) {
            Ok(_) => (format!("{}: read, nothing wrong", path.display()), true),
            Err(e) => {
                return Err(CliError::input(format!(
                    "the config file {} is refused, nothing of it is used: {e}",
                    path.display()
                )));
            }
        },
    };
    let value = serde_json::json!({ "path": path.to_string_lossy(), "found": found });
    super::result_as(json, &line, &value)
}
