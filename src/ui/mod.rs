//! The terminal desk. `run` opens the store, then hands the terminal to
//! ratatui and loops: draw, wait for input or the next second, update.

pub mod alert_list;
pub mod alerts;
pub mod app;
pub mod board;
pub mod board_billing;
pub mod cache;
mod clipboard;
pub mod countdown;
pub mod desk_view;
pub mod detail;
pub mod dialog;
pub mod draw;
mod external_editor;
pub mod guide;
pub mod help;
pub mod hint;
pub mod history;
mod input;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod messages;
pub mod modal;
pub mod packs;
pub mod pane;
pub mod queue;
pub mod redraw;
pub mod scrolled;
pub mod session;
pub mod signals;
pub mod sort;
pub mod theme;
mod update;
pub mod view_state;
mod views;
pub mod whole;

use crate::settings::{Settings, TEST_PANIC_ENV};
use crate::store::{OpenStore, Reading, Store};
use app::App;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signals::Stop;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why the desk can't be drawn here, if it can't: no terminal on standard
/// input or output (cron, ssh without -t, a redirect), or `TERM=dumb`.
/// The headless first frame (`--exit-after-first-frame` with output to a
/// file or pipe) needs none.
pub fn terminal_problem(settings: &Settings) -> Option<&'static str> {
    let (input, output) = (std::io::stdin().is_terminal(), std::io::stdout().is_terminal());
    if settings.exit_after_first_frame && !output {
        return None;
    }
    if !input || !output {
        return Some(
            "standard input and output are not a terminal (run from cron, over ssh without -t, or redirected)",
        );
    }
    settings.dumb_terminal.then_some("TERM=dumb says this terminal can't move the cursor or draw")
}

/// On a store whose role signs (a database), a name `typed` that is not
/// the role's refuses every change: said in the status line, and on each
/// try ([`crate::settings::role_signs`]). `run` calls it last at start-up,
/// so that no later note (desktop notifications off, say) covers it.
pub fn refuse_foreign_signer(app: &mut App, typed: Option<&str>) {
    let refused = app.store().signer().and_then(|role| crate::settings::role_signs(&role, typed).err());
    if let Some(why) = refused {
        app.error(why.clone());
        app.session.refused_signer = Some(why);
    }
}

/// Opens the desk in the terminal; `--demo` works on a throw-away copy.
///
/// Exits 0 when the user quits; 128 + the signal's number after SIGTERM,
/// SIGHUP or SIGINT (see [`signals`]). In every case, and on a panic, the
/// terminal is given back as it was.
pub fn run(settings: &Settings, opener: &dyn OpenStore) -> color_eyre::Result<ExitCode> {
    // The history is most of a big desk and only the detail pane and the
    // history popup show it: the first frame is drawn without it, and it is
    // read on another thread (see `HistoryReader`).
    let store = match opener.open(Reading::WithoutHistory) {
        Ok(s) => s,
        Err(e) => {
            crate::present::say(&format!("incidesk: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let theme = theme::Theme { color: settings.color };
    let mut app =
        App::with_store(store, settings.clock, settings.engineer.clone().unwrap_or_default(), theme);
    app.view.viewer_zone = settings.viewer_zone.clone();
    configure(&mut app, &settings.config);
    app.defer_archive_reads = true;
    let alerts = &settings.config.alerts;
    app.watch_alerts_with(alerts, alerts.enabled.then(|| alerts::desktop_of(&settings.desktop)).flatten());
    refuse_foreign_signer(&mut app, settings.engineer_typed.as_deref());
    let once = settings.exit_after_first_frame;
    let test_panic = settings.panic_after_first_frame;
    let stop = Stop::install()?;
    signals::watch_for_hangup();
    if once && !std::io::stdout().is_terminal() {
        first_frame_headless(&app)?;
        crate::exit::leak_at_exit(app);
        return Ok(ExitCode::SUCCESS);
    }
    let stopped_by = ratatui::run(|terminal| {
        // After ratatui's own hook (set by ratatui::run), so that ours runs first.
        restore_on_panic();
        let editor = settings.editor.as_deref();
        event_loop(terminal, &mut app, once, test_panic, &stop, HistoryReading::default(), editor)
    })?;
    restore_extras();
    if stopped_by.is_none() {
        let now = app.now();
        end_session(app.session.store.as_mut(), now);
    }
    // Every change is saved and the terminal restored; the process ends here.
    crate::exit::leak_at_exit(app);
    Ok(match stopped_by {
        None => ExitCode::SUCCESS,
        Some(sig) => {
            // Best effort: after SIGHUP there may be no terminal to write to.
            let _ = writeln!(std::io::stderr(), "incidesk: stopped by {}", signals::name(sig));
            ExitCode::from(u8::try_from(128 + sig).unwrap_or(1))
        }
    })
}

/// What the config file sets in the desk: its keys and colours (for this
/// thread: the desk runs on one), the mouse at start, where the selection
/// goes after an action, the zone a new customer starts with.
pub fn configure(app: &mut App, config: &crate::config::Config) {
    // The file was checked against the key table when it was read.
    match keys::remap(&config.keys.entries) {
        Ok(table) => keys::install(table),
        Err(p) => app.error(format!("the config file's keys are not used: {}", p.message)),
    }
    theme::install(config.theme.palette());
    let general = &config.general;
    if general.mouse != app.view.mouse {
        app.view.mouse = general.mouse;
        app.mouse_changed = true;
    }
    app.view.after_action = general.selection_after_action;
    app.view.new_customer_zone = general.customer_zone.clone();
}

/// The history being read on another thread for a store read without it.
#[derive(Default)]
struct HistoryReading {
    rx: Option<mpsc::Receiver<Result<crate::store::History, crate::store::StoreError>>>,
    failed: bool,
}

impl HistoryReading {
    fn busy(&self) -> bool {
        self.rx.is_some()
    }

    /// Starts a reading when the store lacks its history, and puts in one
    /// that arrived; `true` when the screen changed.
    fn follow(&mut self, app: &mut App) -> bool {
        if self.rx.is_none()
            && !self.failed
            && let Some(reader) = app.store().history_reader()
        {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(reader.read());
            });
            self.rx = Some(rx);
        }
        let Some(rx) = &self.rx else { return false };
        match rx.try_recv() {
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.rx = None;
                false
            }
            // Read for a desk that changed meanwhile: the next call reads again.
            Ok(Ok(history)) => {
                self.rx = None;
                app.attach_history(history)
            }
            Ok(Err(e)) => {
                (self.rx, self.failed) = (None, true);
                app.report_error(format!("the history could not be read: {e}"));
                true
            }
        }
    }
}

/// After a normal quit, with the terminal handed back: the store's upkeep
/// (archiving settled incidents if many wait, folding what it deferred).
/// Best effort: every change is already kept.
fn end_session(store: &mut dyn Store, now: crate::domain::Instant) {
    if let Ok(Some(moved)) = store.end_session(now) {
        crate::present::say(&format!("incidesk: {}", crate::present::archived_line(&moved)));
    }
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

/// What ratatui's restore leaves on: mouse capture, bracketed paste, a hidden cursor.
fn restore_extras() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste, Show);
}

/// On a panic, gives the terminal back before the message is printed, so
/// that the message is readable and the shell usable.
fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_extras();
        ratatui::restore();
        previous(info);
    }));
}

/// Draws, waits for input or the next second, updates; returns the signal
/// that stopped it, if one did.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    once: bool,
    test_panic: bool,
    stop: &Stop,
    mut history: HistoryReading,
    editor: Option<&str>,
) -> color_eyre::Result<Option<i32>> {
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    if std::mem::take(&mut app.mouse_changed) && app.view.mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut last_reload = std::time::Instant::now();
    // Issue 3: draw on input, reload and status changes; on a tick only when
    // something on screen changed with time (see `redraw`).
    let mut dirty = true;
    let mut drawn_at = app.now();
    let mut shown = Vec::new();
    let result = (|| -> color_eyre::Result<Option<i32>> {
        loop {
            // Issue 13: alerts that came are drawn, then rung.
            let came = app.take_came();
            dirty |= came.changed;
            if dirty {
                drawn_at = app.now();
                terminal.draw(|frame| draw::draw(frame, app))?;
                shown = redraw::shown(app);
                dirty = false;
            }
            if came.bells > 0 {
                let backend = terminal.backend_mut();
                backend.write_all(&b"\x07".repeat(came.bells))?;
                backend.flush()?;
            }
            // The frame saying the archive is being read is on screen: read it.
            if app.archive_pending() {
                app.load_archive();
                dirty = true;
                continue;
            }
            if test_panic {
                panic!("{TEST_PANIC_ENV}: a panic forced after the first frame, for testing");
            }
            if once || app.quit {
                return Ok(None);
            }
            // Countdowns tick each second: wake at the next second boundary
            // (or sooner while the history is being read).
            let now = chrono::Utc::now();
            let mut wait = Duration::from_millis(1000 - u64::from(now.timestamp_subsec_millis().min(999)));
            if history.follow(app) {
                dirty = true;
                continue;
            }
            if history.busy() {
                wait = wait.min(Duration::from_millis(50));
            }
            // A database's changes are followed more often than the second.
            let follow_every = app.store().follow_every();
            wait = wait.min(follow_every.saturating_sub(last_reload.elapsed()).max(Duration::from_millis(1)));
            match wait_for_input(wait, stop)? {
                Woken::Stop(sig) => return Ok(Some(sig)),
                Woken::Input => {
                    app.handle_event(event::read()?);
                    while event::poll(Duration::ZERO)? {
                        app.handle_event(event::read()?);
                    }
                    if let Some(text) = app.take_external_edit() {
                        let outcome = external_editor::edit(terminal, editor, &text, app.view.mouse);
                        app.external_edit_done(outcome);
                    }
                    if let Some(id) = app.take_clipboard() {
                        let backend = terminal.backend_mut();
                        backend.write_all(clipboard::osc52(&id).as_bytes())?;
                        backend.flush()?;
                    }
                    dirty = true;
                }
                Woken::Timeout => {}
            }
            // Follow other writers once a second (a database: more often),
            // typing or not (a stat when the file did not change).
            if last_reload.elapsed() >= follow_every {
                last_reload = std::time::Instant::now();
                let (generation, status) = (app.store().generation(), app.status.clone());
                app.tick();
                dirty |= app.follow_desktop();
                dirty |= app.store().generation() != generation || app.status != status;
            }
            dirty = dirty || redraw::tick_needs_redraw(drawn_at, app.now(), &shown);
            if app.mouse_changed {
                app.mouse_changed = false;
                if app.view.mouse {
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

enum Woken {
    Input,
    Timeout,
    Stop(i32),
}

/// Waits up to `wait` for input, looking at the stop flag every [`signals::CHECK`].
fn wait_for_input(wait: Duration, stop: &Stop) -> std::io::Result<Woken> {
    let deadline = Instant::now() + wait;
    loop {
        if let Some(sig) = stop.requested() {
            return Ok(Woken::Stop(sig));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Woken::Timeout);
        }
        if event::poll(left.min(signals::CHECK))? {
            return Ok(Woken::Input);
        }
    }
}
