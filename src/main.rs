use clap::Parser;
use incidesk::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let mut args = Cli::parse();
    match args.sub.take() {
        Some(sub) => Ok(cli::run(args, sub)),
        None => incidesk::ui::run(args),
    }
}
