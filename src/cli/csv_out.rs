//! `--csv` for `list`, `packs`, `history` and `report`: a header row, then
//! one record per row, quoted as RFC 4180 says (CRLF line ends; a field with
//! a comma, a quote or a line break in double quotes, quotes doubled).
//! Instants are RFC 3339 in the customer's zone with its offset (`--utc`: UTC),
//! dates YYYY-MM-DD, numbers plain. docs/JSON.md lists the columns.

use super::{CliError, Context, resolve};
use crate::domain::queue::{self, Filter};
use crate::domain::{Desk, Subject};
use crate::present::state_key;

/// Rows under a header, written as CSV.
pub struct Table {
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn render(&self) -> Result<String, CliError> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        let failed = |e: csv::Error| CliError::output(format!("could not write CSV: {e}"));
        w.write_record(self.header).map_err(failed)?;
        for row in &self.rows {
            w.write_record(row).map_err(failed)?;
        }
        let bytes = w.into_inner().map_err(|e| CliError::output(format!("could not write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| CliError::output(e.to_string()))
    }
}

/// `list --csv`: the rows `list` prints, in its order.
pub fn list(ctx: &Context, desk: &Desk, all: bool, filter: &str) -> Result<Table, CliError> {
    let filter = Filter::parse(filter)?;
    let rows = queue::queue(desk, ctx.now, &filter, all);
    let rows = rows
        .iter()
        .map(|row| {
            let (inc, cd) = (row.incident, row.countdown);
            let zone = row.customer.map(|c| &c.calendar.time_zone);
            vec![
                inc.id.to_string(),
                inc.severity.to_string(),
                inc.coverage.to_string(),
                inc.status().to_string(),
                state_key(cd.state).to_string(),
                cd.paused.to_string(),
                ctx.times.exact(inc.submitted, zone),
                cd.due.map_or(String::new(), |due| ctx.times.exact(due, zone)),
                cd.remaining.num_seconds().to_string(),
                inc.customer.to_string(),
                row.customer.map_or(String::new(), |c| c.name.clone()),
                inc.engineer.clone(),
                inc.billing_state().to_string(),
                inc.title.clone(),
            ]
        })
        .collect();
    Ok(Table {
        header: &[
            "id",
            "severity",
            "coverage",
            "status",
            "sla_state",
            "paused",
            "submitted",
            "due",
            "remaining_seconds",
            "customer",
            "customer_name",
            "engineer",
            "billing",
            "title",
        ],
        rows,
    })
}

/// `packs --csv`: one row per pack.
pub fn packs(ctx: &Context, desk: &Desk, customer: Option<&str>) -> Result<Table, CliError> {
    let only = customer.map(|c| resolve::customer(desk, c)).transpose()?;
    let rows = desk
        .packs
        .iter()
        .filter(|p| only.is_none_or(|c| p.customer == c))
        .map(|p| {
            let today = desk.local_date(p.customer, ctx.now);
            vec![
                p.id.to_string(),
                p.customer.to_string(),
                desk.customer(p.customer).map_or(String::new(), |c| c.name.clone()),
                p.order_number.clone(),
                p.purchaser.clone(),
                p.owner.clone(),
                p.purchased.to_string(),
                p.remaining().to_string(),
                p.available_on(today).to_string(),
                p.expires().to_string(),
                p.is_expired_on(today).to_string(),
                (p.expires() - today).num_days().to_string(),
                p.transfers.len().to_string(),
            ]
        })
        .collect();
    Ok(Table {
        header: &[
            "id",
            "customer",
            "customer_name",
            "order_number",
            "purchaser",
            "owner",
            "purchased",
            "remaining",
            "available",
            "expires",
            "expired",
            "days_left",
            "transfers",
        ],
        rows,
    })
}

/// `history --csv`: one row per entry, oldest first, in the zone of the
/// customer the subject belongs to (a product's: UTC).
pub fn history(ctx: &Context, desk: &Desk, subject: Subject) -> Table {
    let zone = super::read::zone_of(desk, subject);
    let rows = desk
        .history_of(subject)
        .map(|h| {
            let change = h.change.as_ref();
            let field = |f: fn(&crate::domain::Change) -> &String| change.map(f).cloned().unwrap_or_default();
            vec![
                ctx.times.exact(h.at, zone),
                h.who.clone(),
                h.subject.to_string(),
                h.what.clone(),
                field(|c| &c.field),
                field(|c| &c.before),
                field(|c| &c.after),
            ]
        })
        .collect();
    Table { header: &["at", "who", "subject", "what", "changed", "before", "after"], rows }
}
