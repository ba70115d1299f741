//! `incidesk watch` (issue 13): alerts for scripts, without a terminal. One
//! line per alert as it comes (JSON lines with `--json`), `--exec` runs a
//! command per alert rung, `--once` prints what has passed now and exits.
//! It follows other processes' changes as the TUI does (once a second,
//! cheaply when nothing changed) and ends on SIGTERM or SIGINT with exit 0.

use super::{CliError, Context, print};
use crate::alerts::{Alert, present};
use crate::store::Reading;
use crate::ui::signals::{self, Stop};
use std::process::Command as Process;
use std::time::{Duration, Instant as RealInstant};

pub fn run(ctx: &Context, once: bool, exec: Option<&str>) -> Result<(), CliError> {
    let stop = if once { None } else { Some(Stop::install().map_err(|e| CliError::output(e.to_string()))?) };
    let mut store = ctx.store.open(Reading::WithoutHistory).map_err(CliError::store)?;
    let mut planner = crate::alerts::planner(&ctx.alerts);
    loop {
        let now = ctx.clock.now();
        for alert in planner.tick(store.desk(), store.generation(), now) {
            emit(ctx, &alert, exec)?;
        }
        let Some(stop) = &stop else { return Ok(()) };
        // Wake at the next second, looking at the stop flag meanwhile.
        let until = RealInstant::now() + Duration::from_secs(1);
        while RealInstant::now() < until {
            if let Some(sig) = stop.requested() {
                crate::present::say(&format!("incidesk: watch stopped by {}", signals::name(sig)));
                return Ok(());
            }
            std::thread::sleep(signals::CHECK.min(until.saturating_duration_since(RealInstant::now())));
        }
        if let Err(e) = store.reload_if_changed() {
            crate::present::say(&format!("incidesk: watch: the desk could not be read again: {e}"));
        }
    }
}

/// Prints one alert and, if it is rung, runs `exec` for it.
fn emit(ctx: &Context, alert: &Alert, exec: Option<&str>) -> Result<(), CliError> {
    let line = if ctx.json { present::json(alert).to_string() } else { present::line(alert) };
    print(&format!("{line}\n"))?;
    if let Some(cmd) = exec.filter(|_| alert.rung) {
        let status = Process::new("sh").arg("-c").arg(cmd).envs(present::env(alert)).status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                crate::present::say(&format!("incidesk: watch: --exec for {} ended with {s}", alert.incident))
            }
            Err(e) => crate::present::say(&format!("incidesk: watch: --exec could not run: {e}")),
        }
    }
    Ok(())
}
