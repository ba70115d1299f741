//! Subcommands that change the desk: each builds one domain `Command` and
//! applies it through the store (lock, reload if changed, execute, save).

use super::args::{ContactCmd, CustomerCmd, OpenArgs, PackCmd, ProductCmd};
use super::{CliError, Context, notice, resolve};
use crate::domain::{Calendar, Command, Desk, IncidentId, WeeklyHours};
use crate::exit::leak_at_exit;
use crate::present::say;
use crate::store::{Archived, Reading, Store};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Loads the desk, builds the command with `build` (names are resolved
/// against the desk as loaded; ids are checked again by the domain under the
/// store's lock) and applies it.
pub fn run(ctx: &Context, build: impl FnOnce(&Desk) -> Result<Command, CliError>) -> Result<(), CliError> {
    run_on_store(ctx, |store, _| build(store.desk()))
}

/// [`run`] for a command built from the store itself and who signs it (`undo`).
pub fn run_on_store(
    ctx: &Context,
    build: impl FnOnce(&dyn Store, &str) -> Result<Command, CliError>,
) -> Result<(), CliError> {
    let who = signer(ctx)?;
    // One change needs no history but the entries it adds (see
    // `open_without_history`): less to read and hold on a big desk.
    let mut store = ctx.store.open(Reading::WithoutHistory).map_err(CliError::store)?;
    let command = build(store.as_ref(), who)?;
    let prints_id = matches!(command, Command::OpenIncident { .. });
    let (outcome, _undo) = store
        .apply(command, ctx.now, who)
        .map_err(CliError::store)?
        .map_err(|refusal| CliError::refused(&refusal))?;
    if ctx.frozen {
        let at = json!({ "at": ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) });
        notice(ctx, "backdated", &backdated(ctx.now), at);
    }
    // The change is saved. A desk far behind on archiving catches up now;
    // failing that is no reason to fail the change, which is done.
    match store.after_change(ctx.now) {
        Ok(Some(moved)) => {
            notice(ctx, "archived", &crate::present::archived_line(&moved), archived_json(&moved))
        }
        Ok(None) => {}
        Err(e) => notice(
            ctx,
            "archive-failed",
            &format!("the change was saved, but archiving settled incidents failed: {e}"),
            json!({}),
        ),
    }
    leak_at_exit(store);
    let text = if ctx.json {
        serde_json::to_string_pretty(&outcome).map_err(|e| CliError::output(e.to_string()))?
    } else if prints_id {
        // The id alone on stdout, so scripts can capture it.
        outcome.subject.to_string()
    } else {
        outcome.message.clone()
    };
    if prints_id && !ctx.json {
        // Also on stderr, first: if stdout fails, the id is still said.
        say(&outcome.message);
    }
    super::print(&format!("{text}\n")).map_err(|e| {
        CliError::new(
            super::error::Kind::SavedUnprinted,
            format!("{e}; the change was saved: {} (do not run it again)", outcome.message),
        )
    })
}

/// Who signs a change: a change nobody signs is refused, with how to name one.
pub fn signer<'a>(ctx: &'a Context) -> Result<&'a str, CliError> {
    ctx.engineer.as_deref().ok_or_else(|| {
        let advice = super::Advice {
            env: vec!["INCIDESK_ENGINEER".into(), "USER".into()],
            ..super::Advice::flags(
                "give --engineer NAME, or set INCIDESK_ENGINEER (or USER)",
                &["--engineer"],
            )
        };
        CliError::usage(
            "no engineer name to sign this change with: give --engineer NAME, or set INCIDESK_ENGINEER \
             (or USER); reads need none",
        )
        .advice(advice)
    })
}

/// The warning for a change saved on a frozen clock: its history entries
/// carry that instant, not the time it was made.
pub fn backdated(now: crate::domain::Instant) -> String {
    format!(
        "warning: the clock is frozen at {} (--now or INCIDESK_NOW): this change is \
         recorded at that instant, backdating the history; drop --now and unset INCIDESK_NOW to \
         record changes at the real time",
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    )
}

/// A change to the incident `id`.
pub fn on(ctx: &Context, id: &str, command: impl FnOnce(IncidentId) -> Command) -> Result<(), CliError> {
    run(ctx, |_| Ok(command(resolve::incident(id)?)))
}

/// `incidesk archive`: moves the settled incidents to a new archive file.
pub fn archive(ctx: &Context) -> Result<(), CliError> {
    use crate::domain::archive::SETTLED_DAYS;
    let mut store = ctx.store.open(Reading::Whole).map_err(CliError::store)?;
    let moved = store.archive_settled(ctx.now).map_err(CliError::store)?;
    let desk = store.desk();
    let live = desk.incidents.len();
    let open = desk.incidents.iter().filter(|i| i.is_open()).count();
    let archived = desk.archive.len();
    let text = match &moved.place {
        None => format!(
            "nothing to archive: no incident was closed more than {SETTLED_DAYS} days ago with its billing decided; {live} incidents ({open} open) stay live, {archived} archived"
        ),
        Some(file) => format!(
            "archived {} incidents and {} history entries to {file}; {} now holds {live} incidents ({open} open), {archived} archived in all",
            moved.incidents,
            moved.history,
            ctx.store.location()
        ),
    };
    leak_at_exit(store);
    let value =
        json!({ "archived": archived_json(&moved), "live": live, "open": open, "archived_total": archived });
    // It names files, which may hold anything: `result` cleans it.
    super::result(ctx, &text, &value)
}

/// What was moved to the archive, as `--json` says it.
fn archived_json(moved: &Archived) -> Value {
    json!({ "incidents": moved.incidents, "history": moved.history, "file": moved.place })
}

pub fn customer(desk: &Desk, cmd: CustomerCmd) -> Result<Command, CliError> {
    Ok(match cmd {
        CustomerCmd::Add { name, tz, hours, holidays } => {
            let time_zone = tz.trim().parse::<crate::domain::Zone>().map_err(|_| {
                format!("'{tz}' is not an IANA time zone: use a name such as Europe/Stockholm")
            })?;
            let hours = WeeklyHours::parse_spec(&hours)?;
            Command::AddCustomer { name, calendar: Calendar::new(time_zone, hours, holidays) }
        }
        CustomerCmd::Contact(ContactCmd::Add { customer, name, reach, on_duty_24x7 }) => {
            Command::AddContact { customer: resolve::customer(desk, &customer)?, name, reach, on_duty_24x7 }
        }
        CustomerCmd::TaxExempt { customer, reference, received, expires } => Command::SetTaxExemption {
            customer: resolve::customer(desk, &customer)?,
            reference,
            received,
            expires,
        },
    })
}

pub fn product(cmd: ProductCmd) -> Command {
    match cmd {
        ProductCmd::Add { name, mainstream_end, extended_end } => {
            Command::AddProduct { name, mainstream_end, extended_end }
        }
    }
}

pub fn pack(desk: &Desk, cmd: PackCmd) -> Result<Command, CliError> {
    Ok(match cmd {
        PackCmd::Buy { customer, account, order, date } => Command::BuyPack {
            customer: resolve::customer(desk, &customer)?,
            account,
            order_number: order,
            purchased: date,
        },
        PackCmd::Transfer { pack, order, to } => Command::TransferPack {
            pack: pack.as_deref().map(resolve::pack).transpose()?,
            order_number: order,
            to,
        },
    })
}

pub fn open(desk: &Desk, a: OpenArgs) -> Result<Command, CliError> {
    Ok(Command::OpenIncident {
        customer: resolve::customer(desk, &a.customer)?,
        account: a.account,
        product: resolve::product(desk, &a.product)?,
        category: a.category,
        severity: a.severity,
        coverage: a.coverage,
        title: a.title,
        problem: a.problem,
        agreed_with: a.agreed_with,
        pack: a.pack.as_deref().map(resolve::pack).transpose()?,
    })
}

/// Writes the demo desk to `out` (default: the data file when it was named
/// with `--data` or `$INCIDESK_DATA`; never the per-user desk, which would
/// then hold the demo's customers), refusing to overwrite a file that exists.
pub fn demo(ctx: &Context, out: Option<PathBuf>) -> Result<(), CliError> {
    if out.is_none()
        && let Some(db) = ctx.database
    {
        // Into the database itself (which must hold no desk yet).
        let desk = crate::demo::build(ctx.now).map_err(|e| CliError::input(e.to_string()))?;
        crate::store::OpenStore::create(db, &desk).map_err(CliError::store)?;
        let line = format!(
            "demo desk with {} incidents written to {}",
            desk.incidents.len(),
            crate::store::OpenStore::location(db)
        );
        return super::print(&format!("{}\n", crate::present::cleaned_lines(&line)));
    }
    let path = match out {
        Some(out) => out,
        None if ctx.data_given => ctx.data.clone(),
        None => {
            return Err(CliError::input(format!(
                "the demo desk is written to a file you name: add --out PATH (it is not written to your own desk, {})",
                ctx.data.display()
            )));
        }
    };
    if path.exists() {
        return Err(CliError::input(format!(
            "{} exists already: the demo desk is only written to a new file (choose one with --out)",
            path.display()
        )));
    }
    let desk = crate::demo::build(ctx.now).map_err(|e| CliError::input(e.to_string()))?;
    let count = desk.incidents.len();
    crate::store::create(&path, &desk).map_err(CliError::store)?;
    let line = format!("demo desk with {count} incidents written to {}", path.display());
    super::result(ctx, &line, &json!({ "path": path.to_string_lossy(), "incidents": count }))
}

/// Writes a generated desk of `incidents` incidents to `out`, refusing to
/// overwrite a file that already exists.
pub fn generate(
    ctx: &Context,
    incidents: usize,
    customers: Option<usize>,
    seed: u64,
    out: PathBuf,
) -> Result<(), CliError> {
    if out.exists() {
        return Err(CliError::input(format!(
            "{} exists already: a generated desk is only written to a new file",
            out.display()
        )));
    }
    let customers = customers.unwrap_or_else(|| crate::generate::default_customers(incidents));
    let desk = crate::generate::desk(incidents, customers, seed, ctx.now);
    crate::store::create(&out, &desk).map_err(CliError::store)?;
    let open = desk.incidents.iter().filter(|i| i.is_open()).count();
    let line = format!(
        "generated desk written to {}: {} incidents ({open} open), {} customers, {} packs, {} history entries (seed {seed})",
        out.display(),
        desk.incidents.len(),
        desk.customers.len(),
        desk.packs.len(),
        desk.history.len()
    );
    let value = json!({
        "path": out.to_string_lossy(),
        "incidents": desk.incidents.len(),
        "open": open,
        "customers": desk.customers.len(),
        "packs": desk.packs.len(),
        "history": desk.history.len(),
        "seed": seed,
    });
    super::result(ctx, &line, &value)
}
