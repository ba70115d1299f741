//! `incidesk watch` (issue 13): alerts for scripts, without a terminal. One
//! line per alert as it comes (JSON lines with `--json`), `--exec` runs a
//! command per alert rung, `--once` prints what has passed now and exits.
//! It follows other processes' changes as the TUI does (once a second,
//! cheaply when nothing changed) and ends on SIGTERM or SIGINT with exit 0,
//! and also once its reader has gone (`incidesk watch | head -1`): printing
//! into a closed pipe would be watching for no one.

use super::{CliError, Context, notice};
use crate::alerts::{Alert, present};
use crate::domain::Zone;
use crate::store::Reading;
use crate::ui::signals::{self, Stop};
use serde_json::json;
use std::process::Command as Process;
use std::time::{Duration, Instant as RealInstant};

pub fn run(ctx: &Context, once: bool, exec: Option<&str>) -> Result<(), CliError> {
    let stop = if once { None } else { Some(Stop::install().map_err(|e| CliError::output(e.to_string()))?) };
    let mut store = ctx.store.open(Reading::WithoutHistory).map_err(CliError::store)?;
    let mut planner = crate::alerts::planner(&ctx.alerts);
    loop {
        let now = ctx.clock.now();
        for alert in planner.tick(store.desk(), store.generation(), now) {
            let zone = super::read::zone_of(store.desk(), crate::domain::Subject::Incident(alert.incident));
            if let Printed::ReaderGone = emit(ctx, &alert, zone, exec)? {
                ended(ctx);
                return Ok(());
            }
        }
        let Some(stop) = &stop else { return Ok(()) };
        // Wake at the next second, looking at the stop flag meanwhile.
        let until = RealInstant::now() + Duration::from_secs(1);
        while RealInstant::now() < until {
            if let Some(sig) = stop.requested() {
                let line = format!("watch stopped by {}", signals::name(sig));
                notice(ctx, "watch-stopped", &line, json!({ "signal": signals::name(sig) }));
                return Ok(());
            }
            std::thread::sleep(signals::CHECK.min(until.saturating_duration_since(RealInstant::now())));
        }
        if reader_gone() {
            ended(ctx);
            return Ok(());
        }
        if let Err(e) = store.reload_if_changed() {
            let line = format!("watch: the desk could not be read again: {e}");
            notice(ctx, "watch-reload-failed", &line, json!({}));
        }
    }
}

/// Says the watch ended as its reader went away (stdout is gone: stderr).
fn ended(ctx: &Context) {
    notice(ctx, "watch-ended", "watch ended: its standard output closed", json!({}));
}

/// Standard output is a pipe whose reader has gone, seen without writing
/// (so that `watch | head -1` ends within a second, not at the next alert).
#[cfg(unix)]
fn reader_gone() -> bool {
    let mut out = libc::pollfd { fd: libc::STDOUT_FILENO, events: 0, revents: 0 };
    // SAFETY: poll reads and writes only the one pollfd we own; timeout 0.
    let ready = unsafe { libc::poll(&mut out, 1, 0) };
    ready > 0 && out.revents & libc::POLLERR != 0
}

#[cfg(not(unix))]
fn reader_gone() -> bool {
    false
}

/// Whether a line reached standard output.
enum Printed {
    Yes,
    /// The pipe is closed: no one reads any more.
    ReaderGone,
}

/// Prints one alert and, if it is rung, runs `exec` for it; its instants
/// in the customer's `zone` (or UTC, `--utc`).
fn emit(ctx: &Context, alert: &Alert, zone: Option<&Zone>, exec: Option<&str>) -> Result<Printed, CliError> {
    use std::io::{ErrorKind, Write as _};
    let text = |at| ctx.times.text(at, zone);
    let exact = |at| ctx.times.exact(at, zone);
    let line = if ctx.json { present::json(alert, &exact).to_string() } else { present::line(alert, &text) };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{line}").and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(Printed::ReaderGone),
        Err(e) => return Err(CliError::output(format!("could not write to standard output: {e}"))),
    }
    drop(out);
    if let Some(cmd) = exec.filter(|_| alert.rung) {
        let status = Process::new("sh").arg("-c").arg(cmd).envs(present::env(alert, &text, &exact)).status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                let line = format!("watch: --exec for {} ended with {s}", alert.incident);
                notice(
                    ctx,
                    "exec-failed",
                    &line,
                    json!({ "id": alert.incident.to_string(), "code": s.code() }),
                );
            }
            Err(e) => {
                let line = format!("watch: --exec could not run: {e}");
                notice(ctx, "exec-failed", &line, json!({ "id": alert.incident.to_string(), "code": null }));
            }
        }
    }
    Ok(Printed::Yes)
}
