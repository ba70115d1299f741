//! The terminal desk. `run` opens the store, then hands the terminal to
//! ratatui and loops: draw, wait for input or the next second, update.

pub mod app;
pub mod board;
pub mod detail;
pub mod dialog;
pub mod draw;
pub mod help;
pub mod history;
pub mod keymap;
pub mod packs;
pub mod queue;
pub mod theme;

use crate::cli::Cli;
use crate::store::JsonStore;
use app::{App, Clock};
use color_eyre::eyre::eyre;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::process::ExitCode;
use std::time::Duration;

/// Opens the desk in the terminal; `--demo` works on a throw-away copy.
pub fn run(cli: Cli) -> color_eyre::Result<ExitCode> {
    let now_arg = cli.now;
    let clock = now_arg.map_or(Clock::System, Clock::Frozen);
    let mut _demo_dir = None;
    let path = if cli.demo {
        let dir = tempfile::Builder::new().prefix("incidesk-demo-").tempdir()?;
        let path = dir.path().join("desk.json");
        let desk =
            crate::demo::build(clock.now()).map_err(|e| eyre!("the demo desk could not be built: {e}"))?;
        crate::store::create(&path, &desk).map_err(|e| eyre!("{e}"))?;
        _demo_dir = Some(dir);
        path
    } else {
        crate::store::resolve_path(cli.data.clone()).map_err(|e| eyre!("{e}"))?
    };
    let store = match JsonStore::open(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("incidesk: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let engineer = cli
        .engineer
        .clone()
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "engineer".to_string());
    let mut app = App::new(store, clock, engineer, theme::Theme::from_env());
    let once = cli.exit_after_first_frame;
    ratatui::run(|terminal| event_loop(terminal, &mut app, once))?;
    Ok(ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, once: bool) -> color_eyre::Result<()> {
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    app.page = usize::from(terminal.size()?.height.saturating_sub(8)).max(1);
    let mut last_reload = std::time::Instant::now();
    let result = (|| -> color_eyre::Result<()> {
        loop {
            terminal.draw(|frame| draw::draw(frame, app))?;
            if once || app.quit {
                return Ok(());
            }
            // Countdowns tick each second: wake at the next second boundary.
            let now = chrono::Utc::now();
            let wait = Duration::from_millis(1000 - u64::from(now.timestamp_subsec_millis().min(999)));
            if event::poll(wait)? {
                app.handle_event(event::read()?);
                while event::poll(Duration::ZERO)? {
                    app.handle_event(event::read()?);
                }
            }
            // Follow other writers once a second, typing or not.
            if last_reload.elapsed() >= Duration::from_secs(1) {
                last_reload = std::time::Instant::now();
                app.tick();
            }
            if app.mouse_changed {
                app.mouse_changed = false;
                if app.mouse {
                    execute!(std::io::stdout(), EnableMouseCapture)?;
                } else {
                    execute!(std::io::stdout(), DisableMouseCapture)?;
                }
            }
        }
    })();
    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    result
}
