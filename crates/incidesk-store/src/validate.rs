//! Checks that serde can't make: ids, cross-references and ledger balances.
//!
//! The desk's lookups are binary searches and the domain trusts references, so a
//! desk that fails these checks would give wrong answers without saying so. Load
//! refuses such a file and `apply` refuses to save such a desk. Every problem is
//! reported, not just the first, so that a hand-edited file can be fixed in one go.

use incidesk_domain::{Desk, IncidentId, LedgerKind, PACK_CREDITS};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;

/// One broken rule, and where: `at` is a path into the file such as
/// `incidents[3] (I-4)` (list index, then id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

fn at(list: &str, i: usize, id: impl fmt::Display) -> String {
    format!("{list}[{i}] ({id})")
}

/// Every problem of the desk; empty when it is consistent.
pub fn problems(desk: &Desk) -> Vec<Problem> {
    let mut out = Vec::new();
    ids_in_order(&mut out, "customers", desk.customers.iter().map(|c| c.id));
    ids_in_order(&mut out, "products", desk.products.iter().map(|p| p.id));
    ids_in_order(&mut out, "packs", desk.packs.iter().map(|p| p.id));
    ids_in_order(&mut out, "incidents", desk.incidents.iter().map(|i| i.id));
    customers_and_products(desk, &mut out);
    packs(desk, &mut out);
    incidents(desk, &mut out);
    records::ledgers(desk, &mut out);
    records::event_times(desk, &mut out);
    records::required_text(desk, &mut out);
    history(desk, &mut out);
    dates(desk, &mut out);
    archive(desk, &mut out);
    out
}

/// What a desk may hold and still load, but should not: a customer's
/// calendar that would be refused if entered now (R5: too little open time
/// for the longest target within the search), judged from the desk's last
/// recorded change on. Incidents of such a calendar get no due time.
pub fn notes(desk: &Desk) -> Vec<Problem> {
    let Some(from) = desk.history.iter().map(|h| h.at).max() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, c) in desk.customers.iter().enumerate() {
        if c.calendar.check_shape().is_ok()
            && let Err(e) = c.calendar.validate(from)
        {
            out.push(Problem {
                at: at("customers", i, c.id),
                message: format!("calendar: {e}; its business-hours incidents get no due time"),
            });
        }
    }
    out
}

/// The archive index: each id in one place only, within the ids handed out.
fn archive(desk: &Desk, out: &mut Vec<Problem>) {
    let mut numbers = HashSet::new();
    let mut runs: Vec<(IncidentId, IncidentId, u32)> = Vec::new();
    for (i, seg) in desk.archive.segments.iter().enumerate() {
        let here = format!("archive.segments[{i}] ({})", seg.number);
        if !numbers.insert(seg.number) {
            out.push(Problem {
                at: here.clone(),
                message: format!("segment number {} is used twice", seg.number),
            });
        }
        let mut prev: Option<IncidentId> = None;
        for &(first, last) in &seg.incidents {
            if first > last || prev.is_some_and(|p| p.0 + 1 >= first.0) {
                out.push(Problem {
                    at: here.clone(),
                    message: format!(
                        "incident runs must be increasing and apart: [{first}, {last}] after {}",
                        prev.map_or("the start".into(), |p| p.to_string())
                    ),
                });
            }
            if last.0 > desk.issued.incident.max(desk.incidents.last().map_or(0, |i| i.id.0)) {
                out.push(Problem {
                    at: here.clone(),
                    message: format!("{last} is archived but was never handed out (issued.incident)"),
                });
            }
            prev = Some(last);
            runs.push((first, last, seg.number));
        }
    }
    runs.sort();
    for w in runs.windows(2) {
        if w[1].0 <= w[0].1 {
            out.push(Problem {
                at: "archive".into(),
                message: format!("segments {} and {} both hold {}", w[0].2, w[1].2, w[1].0),
            });
        }
    }
    for (i, inc) in desk.incidents.iter().enumerate() {
        if let Some(seg) = desk.archive.segment_of(inc.id) {
            out.push(Problem {
                at: at("incidents", i, inc.id),
                message: format!("{} is also in archive segment {}", inc.id, seg.number),
            });
        }
    }
}

/// The years a date or instant of the file may fall in: the domain's, which
/// leave room for what it derives from the dates it accepts (see
/// [`incidesk_domain::limits`]). Far outside them the SLA engine's arithmetic
/// would leave the range of time it can count in.
pub use incidesk_domain::limits::STORED_YEARS as YEARS;

/// Every date and instant of the desk, with where it is in the file.
fn dates(desk: &Desk, out: &mut Vec<Problem>) {
    use chrono::{Datelike, NaiveDate};
    let mut found: Vec<(String, &str, NaiveDate)> = Vec::new();
    let mut add = |at: &dyn Fn() -> String, field: &'static str, date: NaiveDate| {
        if !YEARS.contains(&date.year()) {
            found.push((at(), field, date));
        }
    };
    for (i, c) in desk.customers.iter().enumerate() {
        let here = || at("customers", i, c.id);
        for d in &c.calendar.holidays {
            add(&here, "calendar.holidays", *d);
        }
        for v in &c.calendar_changes {
            add(&here, "calendar_changes.from", v.from.date_naive());
            for d in &v.calendar.holidays {
                add(&here, "calendar_changes.calendar.holidays", *d);
            }
        }
        if let Some(t) = &c.tax_exemption {
            add(&here, "tax_exemption.received", t.received);
            if let Some(e) = t.expires {
                add(&here, "tax_exemption.expires", e);
            }
        }
    }
    for (i, p) in desk.products.iter().enumerate() {
        let here = || at("products", i, p.id);
        add(&here, "mainstream_end", p.mainstream_end);
        add(&here, "extended_end", p.extended_end);
    }
    for (i, p) in desk.packs.iter().enumerate() {
        let here = || at("packs", i, p.id);
        add(&here, "purchased", p.purchased);
        for l in &p.ledger {
            add(&here, "ledger.at", l.at.date_naive());
        }
        for t in &p.transfers {
            add(&here, "transfers.at", t.at.date_naive());
        }
    }
    for (i, inc) in desk.incidents.iter().enumerate() {
        let here = || at("incidents", i, inc.id);
        add(&here, "submitted", inc.submitted.date_naive());
        add(&here, "problem.agreed_at", inc.problem.agreed_at.date_naive());
        for a in &inc.problem.amendments {
            add(&here, "problem.amendments.at", a.at.date_naive());
        }
        if let Some(r) = &inc.first_response {
            add(&here, "first_response.at", r.at.date_naive());
        }
        for c in &inc.contacts {
            add(&here, "contacts.at", c.at.date_naive());
        }
        for p in &inc.proposals {
            add(&here, "proposals.at", p.at.date_naive());
        }
        for c in &inc.severity_changes {
            add(&here, "severity_changes.at", c.at.date_naive());
        }
        for b in &inc.breaches {
            add(&here, "breaches.due", b.due.date_naive());
            add(&here, "breaches.recorded_at", b.recorded_at.date_naive());
        }
        if let Some(c) = &inc.closed {
            add(&here, "closed.at", c.at.date_naive());
        }
        if let Some(b) = &inc.billing {
            add(&here, "billing.at", b.at.date_naive());
        }
    }
    for (i, h) in desk.history.iter().enumerate() {
        add(&|| format!("history[{i}]"), "at", h.at.date_naive());
    }
    for (at, field, date) in found {
        out.push(Problem {
            at,
            message: format!(
                "{field}: {date} is not a plausible date: dates must fall in the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        });
    }
}

/// Ids must be unique and increasing: lookups are binary searches and new ids
/// are the last one plus one.
fn ids_in_order<I>(out: &mut Vec<Problem>, list: &str, ids: impl Iterator<Item = I>)
where
    I: Copy + Ord + Hash + fmt::Display,
{
    let mut first: HashMap<I, usize> = HashMap::new();
    let mut prev: Option<I> = None;
    for (i, id) in ids.enumerate() {
        if let Some(&j) = first.get(&id) {
            out.push(Problem {
                at: at(list, i, id),
                message: format!("id {id} is also used by {list}[{j}]: ids must be unique"),
            });
        } else if let Some(p) = prev.filter(|p| id < *p) {
            out.push(Problem {
                at: at(list, i, id),
                message: format!("id {id} comes after {p}: each list must be in increasing order of id"),
            });
        }
        first.entry(id).or_insert(i);
        prev = Some(id);
    }
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn customers_and_products(desk: &Desk, out: &mut Vec<Problem>) {
    for (i, c) in desk.customers.iter().enumerate() {
        if let Err(e) = c.calendar.check_shape() {
            out.push(Problem { at: at("customers", i, c.id), message: format!("calendar: {e}") });
        }
        // R5: each later version must be usable and start after the one before.
        for (n, v) in c.calendar_changes.iter().enumerate() {
            if let Err(e) = v.calendar.check_shape() {
                out.push(Problem {
                    at: at("customers", i, c.id),
                    message: format!("calendar_changes[{n}]: {e}"),
                });
            }
        }
        if let Some(e) = incidesk_domain::effective::versions_problem(&c.calendar_changes) {
            out.push(Problem { at: at("customers", i, c.id), message: format!("calendar_changes: {e}") });
        }
    }
    for (i, p) in desk.products.iter().enumerate() {
        if p.mainstream_end > p.extended_end {
            out.push(Problem {
                at: at("products", i, p.id),
                message: format!(
                    "mainstream_end {} is after extended_end {}: mainstream support can't outlast all support",
                    p.mainstream_end, p.extended_end
                ),
            });
        }
    }
}

fn packs(desk: &Desk, out: &mut Vec<Problem>) {
    let customers: HashSet<_> = desk.customers.iter().map(|c| c.id).collect();
    let incidents: HashSet<_> = desk.incidents.iter().map(|i| i.id).collect();
    for (i, pack) in desk.packs.iter().enumerate() {
        let here = at("packs", i, pack.id);
        if !customers.contains(&pack.customer) {
            out.push(Problem {
                at: here.clone(),
                message: format!("customer {} does not exist", pack.customer),
            });
        }
        let (mut debits, mut refunds) = (0u32, 0u32);
        let mut balance_ok = true;
        for (j, line) in pack.ledger.iter().enumerate() {
            let line_at = format!("{here} ledger[{j}]");
            if !incidents.contains(&line.incident) && !desk.archive.holds(line.incident) {
                out.push(Problem {
                    at: line_at.clone(),
                    message: format!("incident {} does not exist", line.incident),
                });
            }
            match line.kind {
                LedgerKind::Debit => debits += 1,
                LedgerKind::Refund => refunds += 1,
            }
            // R14: only the first break is reported; the lines after it follow from it.
            if balance_ok && refunds > debits {
                balance_ok = false;
                out.push(Problem {
                    at: line_at,
                    message: format!(
                        "this refund makes {} against {}: a pack can't refund more than was debited",
                        plural(refunds, "refund"),
                        plural(debits, "debit")
                    ),
                });
            } else if balance_ok && debits > PACK_CREDITS + refunds {
                balance_ok = false;
                out.push(Problem {
                    at: line_at,
                    message: format!(
                        "this debit makes {} against {PACK_CREDITS} credits and {}: the balance would go below zero",
                        plural(debits, "debit"),
                        plural(refunds, "refund")
                    ),
                });
            }
        }
    }
}

fn incidents(desk: &Desk, out: &mut Vec<Problem>) {
    let customers: HashSet<_> = desk.customers.iter().map(|c| c.id).collect();
    let products: HashSet<_> = desk.products.iter().map(|p| p.id).collect();
    let packs: HashMap<_, _> = desk.packs.iter().map(|p| (p.id, p)).collect();
    let by_id: HashMap<IncidentId, _> = desk.incidents.iter().rev().map(|i| (i.id, i)).collect();
    for (i, inc) in desk.incidents.iter().enumerate() {
        let mut push = |message: String| out.push(Problem { at: at("incidents", i, inc.id), message });
        if !customers.contains(&inc.customer) {
            push(format!("customer {} does not exist", inc.customer));
        }
        if !products.contains(&inc.product) {
            push(format!("product {} does not exist", inc.product));
        }
        match packs.get(&inc.pack) {
            None => push(format!("pack {} does not exist", inc.pack)),
            Some(p) if p.customer != inc.customer => push(format!(
                "pack {} belongs to customer {}, not to the incident's customer {}",
                inc.pack, p.customer, inc.customer
            )),
            Some(_) => {}
        }
        if let Some(parent) = inc.split_from {
            match by_id.get(&parent) {
                _ if parent == inc.id => push(format!("split_from {parent} is the incident itself")),
                None if desk.archive.holds(parent) => {}
                None => push(format!("split_from {parent} does not exist")),
                Some(p) if !p.split_into.contains(&inc.id) => {
                    push(format!("split_from {parent}, but {parent}'s split_into does not list {}", inc.id))
                }
                Some(_) => {}
            }
        }
        for (k, child) in inc.split_into.iter().enumerate() {
            if inc.split_into[..k].contains(child) {
                push(format!("split_into lists {child} twice"));
                continue;
            }
            match by_id.get(child) {
                _ if *child == inc.id => push(format!("split_into {child} is the incident itself")),
                None if desk.archive.holds(*child) => {}
                None => push(format!("split_into {child} does not exist")),
                Some(c) if c.split_from != Some(inc.id) => push(format!(
                    "split_into lists {child}, but {child}'s split_from is {}",
                    c.split_from.map_or("empty".into(), |s| s.to_string())
                )),
                Some(_) => {}
            }
        }
    }
}

fn history(desk: &Desk, out: &mut Vec<Problem>) {
    use incidesk_domain::Subject;
    let customers: HashSet<_> = desk.customers.iter().map(|c| c.id).collect();
    let products: HashSet<_> = desk.products.iter().map(|p| p.id).collect();
    let packs: HashSet<_> = desk.packs.iter().map(|p| p.id).collect();
    let incidents: HashSet<_> = desk.incidents.iter().map(|i| i.id).collect();
    for (i, h) in desk.history.iter().enumerate() {
        // Something removed by an undo keeps its history; its id stays issued.
        let issued = desk.issued;
        let exists = match h.subject {
            Subject::Incident(id) => incidents.contains(&id) || id.0 <= issued.incident,
            Subject::Pack(id) => packs.contains(&id) || id.0 <= issued.pack,
            Subject::Customer(id) => customers.contains(&id) || id.0 <= issued.customer,
            Subject::Product(id) => products.contains(&id) || id.0 <= issued.product,
        };
        if !exists {
            out.push(Problem {
                at: format!("history[{i}]"),
                message: format!("subject {} does not exist", h.subject),
            });
        }
    }
}

#[path = "validate_records.rs"]
mod records;

#[path = "validate_touched.rs"]
mod touched;
pub use touched::touched_problems;

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
