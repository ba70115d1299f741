//! Subcommands that read the desk and print text or `--json`.

use super::{CliError, Context, Kind, resolve};
use crate::domain::queue::{self, Filter, QueueRow};
use crate::domain::{Desk, Pack, Subject, TaxStatus, Zone};
use crate::exit::leak_at_exit;
use crate::present::{duration_hm, state_key, state_word};
use crate::store::Reading;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A subcommand that reads the desk.
pub enum Read {
    List {
        all: bool,
        filter: String,
    },
    Show {
        id: String,
    },
    History {
        id: String,
    },
    /// `None`: the overview; else figures for a period, grouped.
    Report(Option<super::report::Query>),
    Customers,
    Products,
    Packs {
        customer: Option<String>,
    },
}

/// `csv`: print [`csv_out`](super::csv_out) tables instead of text (not with `--json`).
pub fn run(ctx: &Context, read: Read, csv: bool) -> Result<(), CliError> {
    if csv && ctx.json {
        return Err(CliError::usage(
            "--csv and --json both choose the output: give one of them (--csv for a spreadsheet, --json for programs)",
        ));
    }
    // Only `show` and `history` print history, most of a big file.
    let reading = match read {
        Read::Show { .. } | Read::History { .. } => Reading::Whole,
        Read::List { .. } | Read::Report(_) | Read::Customers | Read::Products | Read::Packs { .. } => {
            Reading::WithoutHistory
        }
    };
    let store = ctx.store.open(reading).map_err(CliError::store)?;
    // Archived incidents are read only by the views that show them.
    let archived = |id: &str| resolve::incident(id).ok().filter(|i| store.desk().archive.holds(*i));
    let merged = match &read {
        // A period's figures count the archived incidents too.
        Read::List { all: true, .. } | Read::Report(Some(_)) => Some(store.whole_desk()),
        Read::Show { id } | Read::History { id } => archived(id).map(|i| store.desk_with(&[i])),
        Read::List { all: false, .. }
        | Read::Report(None)
        | Read::Customers
        | Read::Products
        | Read::Packs { .. } => None,
    };
    let merged = merged.transpose().map_err(CliError::store)?;
    let desk = merged.as_ref().unwrap_or(store.desk());
    let result = if csv { print_csv(ctx, desk, &read) } else { print(ctx, desk, read) };
    // The process ends with this command.
    leak_at_exit(merged);
    leak_at_exit(store);
    result
}

fn print(ctx: &Context, desk: &Desk, read: Read) -> Result<(), CliError> {
    let (text, value) = match read {
        Read::List { all, filter } => list(ctx, desk, all, &filter)?,
        Read::Show { id } => super::show::show(ctx, desk, &id)?,
        Read::History { id } => history(ctx, desk, &id)?,
        Read::Report(query) => super::report::printed(ctx, desk, query.as_ref()),
        Read::Customers => customers(ctx, desk),
        Read::Products => products(ctx, desk),
        Read::Packs { customer } => packs(ctx, desk, customer.as_deref())?,
    };
    if ctx.json {
        let json = serde_json::to_string_pretty(&value).map_err(|e| CliError::output(e.to_string()))?;
        super::print(&format!("{json}\n"))
    } else {
        super::print(&text)
    }
}

pub(super) type Printed = (String, Value);

fn print_csv(ctx: &Context, desk: &Desk, read: &Read) -> Result<(), CliError> {
    use super::csv_out;
    let table = match read {
        Read::List { all, filter } => csv_out::list(ctx, desk, *all, filter)?,
        Read::Packs { customer } => csv_out::packs(ctx, desk, customer.as_deref())?,
        Read::History { id } => csv_out::history(ctx, desk, subject_on(desk, id)?),
        Read::Report(query) => super::report::table(ctx, desk, query.as_ref()),
        Read::Show { .. } | Read::Customers | Read::Products => {
            return Err(CliError::usage("--csv is for list, packs, history and report"));
        }
    };
    super::print(&table.render()?)
}

/// The zone of the customer `subject` belongs to (`None`: a product, or a
/// record missing): where its times are read.
pub fn zone_of(desk: &Desk, subject: Subject) -> Option<&Zone> {
    let customer = match subject {
        Subject::Incident(i) => desk.incident(i).map(|i| i.customer),
        Subject::Pack(p) => desk.pack(p).map(|p| p.customer),
        Subject::Customer(c) => Some(c),
        Subject::Product(_) => None,
    };
    customer.and_then(|c| desk.customer(c)).map(|c| &c.calendar.time_zone)
}

fn row_json(ctx: &Context, row: &QueueRow) -> Value {
    let inc = row.incident;
    let cd = row.countdown;
    json!({
        "id": inc.id,
        "severity": inc.severity,
        "coverage": inc.coverage,
        "status": inc.status(),
        "sla_state": state_key(cd.state),
        "paused": cd.paused,
        "due": cd.due.map(|d| ctx.times.exact(d, row.customer.map(|c| &c.calendar.time_zone))),
        "remaining_seconds": cd.remaining.num_seconds(),
        "customer": inc.customer,
        "customer_name": row.customer.map(|c| c.name.as_str()),
        "title": inc.title,
        "engineer": inc.engineer,
        "billing": inc.billing_state().to_string(),
    })
}

fn list(ctx: &Context, desk: &Desk, all: bool, filter: &str) -> Result<Printed, CliError> {
    let filter = Filter::parse(filter)?;
    let rows = queue::queue(desk, ctx.now, &filter, all);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<7} {:<3} {:<18} {:<8} {:<10} {:<10} {:>11} {:<9} TITLE",
        "ID", "SEV", "CUSTOMER", "COVER", "STATUS", "ENGINEER", "LEFT", "STATE"
    );
    for row in &rows {
        let inc = row.incident;
        let cd = row.countdown;
        let state = if cd.paused {
            format!("{} (paused)", state_word(cd.state))
        } else {
            state_word(cd.state).to_string()
        };
        let left = if inc.first_response.is_some() || !inc.is_open() {
            "-".to_string()
        } else {
            duration_hm(cd.remaining)
        };
        let customer: String = row.customer.map_or("?".into(), |c| c.name.chars().take(18).collect());
        let _ = writeln!(
            out,
            "{:<7} {:<3} {:<18} {:<8} {:<10} {:<10} {:>11} {:<9} {}",
            inc.id.to_string(),
            inc.severity.to_string(),
            customer,
            inc.coverage.to_string(),
            inc.status(),
            inc.engineer.chars().take(10).collect::<String>(),
            left,
            state,
            inc.title
        );
    }
    if rows.is_empty() {
        out.push_str("(no incidents match)\n");
    }
    Ok((out, Value::Array(rows.iter().map(|row| row_json(ctx, row)).collect())))
}

/// The subject `id` names, which must be on the desk.
fn subject_on(desk: &Desk, id: &str) -> Result<Subject, CliError> {
    let subject: Subject = id.parse()?;
    // The same hint as the read or change that names the id would give.
    let (exists, noun, see) = match subject {
        Subject::Incident(i) => (desk.incident(i).is_some(), "incident", "list --all"),
        Subject::Pack(p) => (desk.pack(p).is_some(), "pack", "packs"),
        Subject::Customer(c) => (desk.customer(c).is_some(), "customer", "customers"),
        Subject::Product(p) => (desk.product(p).is_some(), "product", "products"),
    };
    if !exists {
        return Err(CliError::input(format!("there is no {noun} {subject}: see `incidesk {see}`")));
    }
    Ok(subject)
}

/// A subject's history, oldest first, in the zone of the customer it
/// belongs to (a product's: UTC), as `show` writes times.
fn history(ctx: &Context, desk: &Desk, id: &str) -> Result<Printed, CliError> {
    let subject = subject_on(desk, id)?;
    let zone = zone_of(desk, subject);
    let entries: Vec<_> = desk.history_of(subject).collect();
    let mut o = String::new();
    for h in &entries {
        let _ = writeln!(o, "{}  {:<10} {}", ctx.times.text(h.at, zone), h.who, h.what);
        for line in h.change.iter().flat_map(crate::present::change_lines) {
            let _ = writeln!(o, "{:36}{line}", "");
        }
    }
    let mut value = json!(entries);
    ctx.times.json(&mut value, zone);
    Ok((o, value))
}

fn customers(ctx: &Context, desk: &Desk) -> Printed {
    let mut o = String::new();
    let mut values = Vec::new();
    for c in &desk.customers {
        let date = desk.local_date(c.id, ctx.now);
        let tax = c.tax_status_on(date);
        let in_force = c.calendar_at(ctx.now);
        let duty =
            c.on_duty_contact().map_or("no 24x7 contact".to_string(), |d| format!("24x7 contact {}", d.name));
        let tax_words = match tax {
            TaxStatus::Valid => "tax exemption valid",
            TaxStatus::Expired => "tax exemption EXPIRED",
            TaxStatus::NotExempt => "no tax exemption",
        };
        let _ = writeln!(
            o,
            "{:<5} {:<24} {:<20} {}; {}; {}",
            c.id.to_string(),
            c.name,
            in_force.time_zone.name(),
            in_force.hours,
            duty,
            tax_words
        );
        let outlook = c.outlook(ctx.now, 3);
        let _ = writeln!(o, "      calendar {}", crate::present::outlook_line(&outlook, ctx.now));
        let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
        ctx.times.json(&mut v, Some(&c.calendar.time_zone));
        v["tax_status"] = json!(tax);
        v["calendar_outlook"] = json!(outlook);
        values.push(v);
    }
    (o, Value::Array(values))
}

fn products(ctx: &Context, desk: &Desk) -> Printed {
    let today = ctx.now.date_naive();
    let mut o = String::new();
    let mut values = Vec::new();
    for p in &desk.products {
        let phase = p.phase_on(today);
        let _ = writeln!(
            o,
            "{:<6} {:<32} {:<10} mainstream until {}, extended until {}",
            p.id.to_string(),
            p.name,
            phase.to_string(),
            p.mainstream_end,
            p.extended_end
        );
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        v["phase"] = json!(phase);
        values.push(v);
    }
    (o, Value::Array(values))
}

pub fn pack_json(desk: &Desk, p: &Pack, now: crate::domain::Instant) -> Value {
    let today = desk.local_date(p.customer, now);
    json!({
        "id": p.id,
        "customer": p.customer,
        "order_number": p.order_number,
        "purchaser": p.purchaser,
        "owner": p.owner,
        "purchased": p.purchased,
        "remaining": p.remaining(),
        "available": p.available_on(today),
        "expires": p.expires(),
        "expired": p.is_expired_on(today),
        "days_left": (p.expires() - today).num_days(),
        "transfers": p.transfers,
        "ledger": p.ledger,
    })
}

fn packs(ctx: &Context, desk: &Desk, customer: Option<&str>) -> Result<Printed, CliError> {
    let only = customer.map(|c| resolve::customer(desk, c)).transpose()?;
    let mut o = String::new();
    let mut values = Vec::new();
    for p in desk.packs.iter().filter(|p| only.is_none_or(|c| p.customer == c)) {
        let today = desk.local_date(p.customer, ctx.now);
        let state = if p.is_expired_on(today) {
            format!("EXPIRED on {} ({} unused credits expired)", p.expires(), p.remaining())
        } else {
            format!(
                "{}/5 left, expires {} (in {} days)",
                p.remaining(),
                p.expires(),
                (p.expires() - today).num_days()
            )
        };
        let moved =
            if p.transfers.is_empty() { String::new() } else { format!(", bought by {}", p.purchaser) };
        let _ = writeln!(
            o,
            "{:<5} {:<5} order {:<12} owner {}{moved}: {state}",
            p.id.to_string(),
            p.customer.to_string(),
            p.order_number,
            p.owner
        );
        let mut v = pack_json(desk, p, ctx.now);
        ctx.times.json(&mut v, zone_of(desk, Subject::Pack(p.id)));
        values.push(v);
    }
    Ok((o, Value::Array(values)))
}

/// `incidesk check`: every problem found, or a one-line summary.
pub fn check(ctx: &Context, path: Option<PathBuf>) -> Result<(), CliError> {
    // A file named on the command line must be there: a typo is not an
    // empty desk. The data file itself may not exist yet (nothing saved).
    if let Some(p) = &path
        && !p.exists()
    {
        return Err(CliError::new(Kind::Store, format!("{}: no such file to check", p.display())));
    }
    if path.is_none()
        && let Some(db) = ctx.database
    {
        return Err(CliError::usage(format!(
            "check reads a JSON data file, and the desk is in the database {}, which keeps its own constraints: name a file (incidesk check PATH), e.g. one written by incidesk db export",
            crate::store::OpenStore::location(db)
        )));
    }
    let path = path.unwrap_or_else(|| ctx.data.clone());
    match crate::store::check(&path) {
        // The summary names the file, whose name may hold anything.
        Ok(summary) => {
            // Issue 10: which zone rules the due times were read with.
            let rules = crate::domain::zone_db::rules_in_use();
            let text = format!("{summary}\ntime-zone rules: {}", rules.describe());
            let mut json = summary_json(&summary);
            json["zone_rules"] = json!(rules);
            super::result(ctx, &text, &json)
        }
        Err(problems) => Err(CliError::new(
            Kind::Store,
            format!("{}: {} problem(s) found; the file was not changed", path.display(), problems.len()),
        )
        .problems(problems)),
    }
}

fn summary_json(s: &crate::store::Summary) -> Value {
    json!({
        "path": s.path.to_string_lossy(),
        "exists": s.exists,
        "customers": s.customers,
        "products": s.products,
        "packs": s.packs,
        "incidents": s.incidents,
        "open_incidents": s.open_incidents,
        "history": s.history,
        "archived": s.archived,
        "archive_files": s.archive_files,
        "cleaned": s.cleaned,
        "journal_changes": s.journal_changes,
        "unconfirmed": s.unconfirmed,
    })
}
