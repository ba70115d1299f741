//! `incidesk show`: everything about one incident, its instants in the
//! customer's zone with their offset (`--utc`: in UTC), text or `--json`.

use super::read::Printed;
use super::{CliError, Context, resolve};
use crate::domain::{Desk, Incident, sla};
use crate::present::{duration_hm, state_key, state_word};
use serde_json::json;
use std::fmt::Write as _;

fn find<'a>(desk: &'a Desk, id: &str) -> Result<&'a Incident, CliError> {
    let id = resolve::incident(id)?;
    desk.incident(id)
        .ok_or_else(|| CliError::input(format!("there is no incident {id}: see `incidesk list --all`")))
}

pub(super) fn show(ctx: &Context, desk: &Desk, id: &str) -> Result<Printed, CliError> {
    let inc = find(desk, id)?;
    let customer = desk.customer(inc.customer).ok_or("the incident's customer is missing")?;
    let calendar = customer.calendar_of(inc);
    let zone = &calendar.time_zone;
    let cd = sla::countdown(inc, customer.calendar_of(inc), ctx.now);
    let product = desk.product(inc.product);
    let date = desk.local_date(inc.customer, ctx.now);
    let t = |at| ctx.times.text(at, Some(zone));
    let mut o = String::new();
    let _ = writeln!(o, "{} {}", inc.id, inc.title);
    let _ = writeln!(o, "  customer   {} ({}), account {}", customer.name, customer.id, inc.account);
    if let Some(p) = product {
        let _ = writeln!(
            o,
            "  product    {} — {} support (mainstream until {}, extended until {})",
            p.name,
            p.phase_on(date),
            p.mainstream_end,
            p.extended_end
        );
    }
    let _ = writeln!(
        o,
        "  severity   {} ({}), coverage {}, category {}",
        inc.severity,
        inc.severity.impact(),
        inc.coverage,
        inc.category
    );
    let days = calendar.holidays.len() + calendar.special_days.len();
    let _ = writeln!(o, "  calendar   {} {}, holidays and special days {days}", zone, calendar.hours);
    let _ = writeln!(o, "  submitted  {}", t(inc.submitted));
    match cd.due {
        Some(due) => {
            let _ = writeln!(o, "  due        {}", t(due));
        }
        None => {
            let _ = writeln!(o, "  due        {}", crate::domain::wording::no_due_time());
        }
    }
    let paused = if cd.paused { ", paused outside open hours" } else { "" };
    let _ = writeln!(o, "  countdown  {} ({}{paused})", state_word(cd.state), duration_hm(cd.remaining));
    for b in &inc.breaches {
        let _ = writeln!(o, "  breach     severity {} was due {} (kept, R7)", b.severity, t(b.due));
    }
    let _ = writeln!(
        o,
        "  status     {}, engineer {}, billing {}, pack {}",
        inc.status(),
        inc.engineer,
        inc.billing_state(),
        inc.pack
    );
    let _ = writeln!(
        o,
        "\nAgreed problem (with {}, by {}, {}):\n  {}",
        inc.problem.agreed_with,
        inc.problem.agreed_by,
        t(inc.problem.agreed_at),
        inc.problem.text
    );
    for a in &inc.problem.amendments {
        let _ = writeln!(o, "  amended {} by {} because {}:\n  {}", t(a.at), a.by, a.reason, a.text);
    }
    if let Some(r) = &inc.first_response {
        let _ = writeln!(o, "\nFirst response {} by {}: {}", t(r.at), r.by, r.note);
    }
    if !inc.contacts.is_empty() {
        let _ = writeln!(o, "\nContacts:");
        for c in &inc.contacts {
            let _ = writeln!(
                o,
                "  {} {:<8} {:>4} min  {}: {}",
                t(c.at),
                c.kind.to_string(),
                c.minutes,
                c.engineer,
                c.note
            );
        }
    }
    if !inc.proposals.is_empty() {
        let _ = writeln!(o, "\nProposed solutions:");
        for (i, p) in inc.proposals.iter().enumerate() {
            let _ = writeln!(o, "  #{} {} by {}: {}", i + 1, t(p.at), p.by, p.text);
        }
    }
    if let Some(parent) = inc.split_from {
        let _ = writeln!(o, "\nSplit from {parent}");
    }
    if !inc.split_into.is_empty() {
        let kids: Vec<String> = inc.split_into.iter().map(ToString::to_string).collect();
        let _ = writeln!(o, "\nSplit into {}", kids.join(", "));
    }
    if let Some(c) = &inc.closed {
        let _ = writeln!(
            o,
            "\nClosed as {} {} by {}{}{}",
            c.how,
            t(c.at),
            c.by,
            if c.note.is_empty() { "" } else { ": " },
            c.note
        );
    }
    if let Some(b) = &inc.billing {
        let defect = if b.product_defect { " (product defect)" } else { "" };
        let _ = writeln!(o, "Billing: {}{defect} {} by {}: {}", b.decision, t(b.at), b.by, b.reason);
    }
    let mut value = serde_json::to_value(inc).map_err(|e| e.to_string())?;
    ctx.times.json(&mut value, Some(zone));
    value["sla_state"] = json!(state_key(cd.state));
    value["due"] = json!(cd.due.map(|d| ctx.times.exact(d, Some(zone))));
    value["paused"] = json!(cd.paused);
    value["remaining_seconds"] = json!(cd.remaining.num_seconds());
    value["status"] = json!(inc.status());
    value["billing_state"] = json!(inc.billing_state().to_string());
    Ok((o, value))
}
