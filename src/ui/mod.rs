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
use std::io::{IsTerminal, Write};
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
    if once && !std::io::stdout().is_terminal() {
        first_frame_headless(&app)?;
    } else {
        ratatui::run(|terminal| event_loop(terminal, &mut app, once))?;
    }
    // Every change is saved and the terminal restored; the process ends here,
    // and handing a big desk back to the allocator piece by piece would only
    // delay that.
    std::mem::forget(app);
    Ok(ExitCode::SUCCESS)
}

/// `--exit-after-first-frame` without a terminal (benchmarks, scripts): the
/// first frame is drawn at 120x40 on an in-memory backend and printed as text,
/// so that start-up can be timed without a pseudo-terminal.
fn first_frame_headless(app: &App) -> color_eyre::Result<()> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))?;
    let frame = terminal.draw(|frame| draw::draw(frame, app))?;
    let mut out = String::new();
    for y in 0..frame.area.height {
        for x in 0..frame.area.width {
            out.push_str(frame.buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, once: bool) -> color_eyre::Result<()> {
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    app.page = usize::from(terminal.size()?.height.saturating_sub(8)).max(1);
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
            } else {
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
