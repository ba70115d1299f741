//! `incidesk report`: the overview (open now, all time, credits, packs
//! expiring), or with `--from`, `--to`, `--by` or `--csv` the figures of a
//! period grouped by customer, severity or engineer (the domain's
//! `period_report`, which says where a day begins: the customer's local day).

use super::csv_out::Table;
use super::read::Printed;
use super::{CliError, Context};
use crate::domain::Desk;
use crate::domain::period_report::{GroupBy, GroupRow, Period, PeriodReport, period_report};
use crate::domain::report::report;
use serde_json::json;
use std::fmt::Write as _;

/// A grouped report asked for.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub period: Period,
    pub by: GroupBy,
}

/// The query `report`'s flags ask for (`None`: the overview), refusing a
/// period that ends before it begins.
pub fn query(
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    by: Option<GroupBy>,
    csv: bool,
) -> Result<Option<Query>, CliError> {
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(CliError::usage(format!(
            "--from {f} is after --to {t}: the period runs from --from to --to, both days included"
        )));
    }
    let grouped = from.is_some() || to.is_some() || by.is_some() || csv;
    Ok(grouped.then(|| Query { period: Period { from, to }, by: by.unwrap_or(GroupBy::Severity) }))
}

/// Text and JSON of `report`.
pub fn printed(ctx: &Context, desk: &Desk, query: Option<&Query>) -> Printed {
    match query {
        None => overview(ctx, desk),
        Some(q) => grouped(&period_report(desk, q.period, q.by, ctx.now)),
    }
}

/// `report --csv`: one record per group (totals are the sums; the met rate
/// of a total is met / (met + missed)).
pub fn table(ctx: &Context, desk: &Desk, query: Option<&Query>) -> Table {
    let q = query.copied().unwrap_or(Query { period: Period::default(), by: GroupBy::Severity });
    let r = period_report(desk, q.period, q.by, ctx.now);
    let rows = r
        .rows
        .iter()
        .map(|g| {
            vec![
                by_word(r.by).to_string(),
                g.key.clone(),
                g.label.clone(),
                g.incidents.to_string(),
                g.met.to_string(),
                g.missed.to_string(),
                g.met_rate.map_or(String::new(), |x| format!("{x:.4}")),
                g.breaches.to_string(),
                g.credits_used.to_string(),
                g.refunds.to_string(),
                g.billing_pending.to_string(),
            ]
        })
        .collect();
    Table {
        header: &[
            "by",
            "key",
            "label",
            "incidents",
            "met",
            "missed",
            "met_rate",
            "breaches",
            "credits_used",
            "refunds",
            "billing_pending",
        ],
        rows,
    }
}

fn by_word(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Customer => "customer",
        GroupBy::Severity => "severity",
        GroupBy::Engineer => "engineer",
    }
}

fn rate(r: Option<f64>) -> String {
    r.map_or("n/a".to_string(), |x| format!("{:.0} %", x * 100.0))
}

fn grouped(r: &PeriodReport) -> Printed {
    let period = match (r.period.from, r.period.to) {
        (None, None) => "at any time".to_string(),
        (Some(f), None) => format!("from {f} on"),
        (None, Some(t)) => format!("up to {t}"),
        (Some(f), Some(t)) => format!("from {f} to {t}"),
    };
    let mut o = String::new();
    let _ = writeln!(o, "Incidents submitted {period} (days in each customer's zone), by {}", by_word(r.by));
    let line = |o: &mut String, key: &str, label: &str, g: &GroupRow| {
        let label: String = label.chars().take(20).collect();
        let _ = writeln!(
            o,
            "{:<10} {:<20} {:>9} {:>5} {:>6} {:>8} {:>8} {:>7} {:>8} {:>7}",
            key.chars().take(10).collect::<String>(),
            label,
            g.incidents,
            g.met,
            g.missed,
            rate(g.met_rate),
            g.breaches,
            g.credits_used,
            g.refunds,
            g.billing_pending
        );
    };
    let _ = writeln!(
        o,
        "{:<10} {:<20} {:>9} {:>5} {:>6} {:>8} {:>8} {:>7} {:>8} {:>7}",
        by_word(r.by).to_uppercase(),
        "",
        "INCIDENTS",
        "MET",
        "MISSED",
        "MET RATE",
        "BREACHES",
        "CHARGED",
        "REFUNDED",
        "PENDING"
    );
    for g in &r.rows {
        line(&mut o, &g.key, &g.label, g);
    }
    if r.rows.is_empty() {
        o.push_str("(no incidents submitted in the period)\n");
    }
    line(&mut o, "total", "", &r.total);
    (o, json!(r))
}

fn overview(ctx: &Context, desk: &Desk) -> Printed {
    let r = report(desk, ctx.now);
    let mut o = String::new();
    let _ = writeln!(o, "{:<9} {:-^52}  {:-^26}", "", " open now ", " all time ");
    let _ = writeln!(
        o,
        "{:<9} {:>5} {:>9} {:>8} {:>7} {:>9} {:>9}  {:>5} {:>7} {:>9}",
        "SEVERITY",
        "OPEN",
        "ON TRACK",
        "AT RISK",
        "PAUSED",
        "BREACHED",
        "ANSWERED",
        "MET",
        "MISSED",
        "BREACHED"
    );
    for (sev, c) in &r.severities {
        let _ = writeln!(
            o,
            "{:<9} {:>5} {:>9} {:>8} {:>7} {:>9} {:>9}  {:>5} {:>7} {:>9}",
            sev.to_string(),
            c.open,
            c.on_track,
            c.at_risk,
            c.paused,
            c.breached,
            c.answered,
            c.met,
            c.missed,
            c.breached_total
        );
    }
    let rate = r.met_rate.map_or("n/a".to_string(), |x| format!("{:.0} %", x * 100.0));
    let _ = writeln!(o, "\nSLA met rate: {rate}");
    let _ = writeln!(
        o,
        "Credits: {} used, {} refunded, {} available, {} expired unused; {} incidents billing pending",
        r.credits_used, r.credits_refunded, r.credits_available, r.credits_expired, r.billing_pending
    );
    let _ = writeln!(o, "Packs expiring within 30 days: {}", if r.expiring.is_empty() { "none" } else { "" });
    for e in &r.expiring {
        let _ = writeln!(
            o,
            "  {} {} owner {}: {} credits, expires {} (in {} days)",
            e.pack, e.customer, e.owner, e.remaining, e.expires, e.days_left
        );
    }
    (o, json!(r))
}
