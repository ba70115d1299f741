//! The command line's own documents: shell completions and the manual page,
//! both made from the same clap definition as `--help`, so they never drift.

use super::args::Cli;
use super::error::{CliError, Kind};
use clap::CommandFactory as _;

/// `incidesk completions SHELL`: the script on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "incidesk", &mut out);
    print_bytes(&out)
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
