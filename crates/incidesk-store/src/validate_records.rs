//! Checks of each incident against its own record and its pack's ledger:
//! what a hand-edited file can break that ids and references don't show.
//!
//! - R14: an incident takes exactly one credit, a debit in the ledger of the
//!   pack it is paid from, and no other; a refund decision puts exactly one
//!   refund line in that ledger, and nothing else does; billing is decided
//!   after the closing, and by R14's terms; R17: the pack had not expired
//!   when the incident was submitted.
//! - Nothing happens to an incident before it was submitted.
//! - The text fields each command requires are not empty.
//!
//! Archived incidents are not on the desk, so the ledger lines of theirs are
//! left alone (their billing was checked when they were live).

use super::{Problem, at};
use chrono::Datelike;
use incidesk_domain::limits::STORED_YEARS;
use incidesk_domain::{Closing, Decision, Desk, Incident, IncidentId, Instant, LedgerKind, Pack};
use std::collections::HashMap;

/// Where one ledger line is: the pack's list index and the line's index.
#[derive(Clone, Copy)]
struct LineAt {
    pack: usize,
    line: usize,
}

fn line_at(desk: &Desk, l: LineAt) -> String {
    format!("{} ledger[{}]", at("packs", l.pack, desk.packs[l.pack].id), l.line)
}

/// R14, R16: every ledger line matches an incident and its billing.
pub(super) fn ledgers(desk: &Desk, out: &mut Vec<Problem>) {
    let mut lines_of: HashMap<IncidentId, Vec<LineAt>> = HashMap::new();
    for (p, pack) in desk.packs.iter().enumerate() {
        for (j, line) in pack.ledger.iter().enumerate() {
            lines_of.entry(line.incident).or_default().push(LineAt { pack: p, line: j });
        }
    }
    // By id: a linear search per incident made a change on a big desk slow
    // (13 000 live incidents and 21 000 packs: half a second).
    let packs: HashMap<_, &Pack> = desk.packs.iter().map(|p| (p.id, p)).collect();
    let mut seen = HashMap::new();
    for inc in &desk.incidents {
        *seen.entry(inc.id).or_insert(0u32) += 1;
    }
    for (i, inc) in desk.incidents.iter().enumerate() {
        let here = at("incidents", i, inc.id);
        billing_terms(inc, &here, out);
        // A twice-used id or a missing pack is reported on its own; which
        // lines are whose would only be guessed at.
        if seen[&inc.id] > 1 || !packs.contains_key(&inc.pack) {
            continue;
        }
        let lines = lines_of.remove(&inc.id).unwrap_or_default();
        let (mut debits, mut refunds) = (0u32, 0u32);
        for l in lines {
            let pack = &desk.packs[l.pack];
            let line = &pack.ledger[l.line];
            if pack.id != inc.pack {
                let whose = if pack.customer == inc.customer {
                    String::new()
                } else {
                    format!(" (of customer {}, not the incident's {})", pack.customer, inc.customer)
                };
                out.push(Problem {
                    at: line_at(desk, l),
                    message: format!(
                        "{} for {} in {}{whose}, but {} is paid from {}: its lines belong in that pack's ledger",
                        line.kind_name(),
                        inc.id,
                        pack.id,
                        inc.id,
                        inc.pack
                    ),
                });
                continue;
            }
            match line.kind {
                LedgerKind::Debit => debits += 1,
                LedgerKind::Refund => refunds += 1,
            }
            if line.at < inc.submitted {
                out.push(Problem {
                    at: line_at(desk, l),
                    message: format!(
                        "{} for {} at {} is before {} was submitted ({})",
                        line.kind_name(),
                        inc.id,
                        stamp(line.at),
                        inc.id,
                        stamp(inc.submitted)
                    ),
                });
            }
        }
        let pack = inc.pack;
        let mut push = |message: String| out.push(Problem { at: here.clone(), message });
        // R17: the pack was usable on the customer's date of the submission.
        // A submission out of the file's years is reported on its own, and
        // too far out to take to a time zone.
        let submitted_on = Some(inc.submitted)
            .filter(|t| STORED_YEARS.contains(&t.year()))
            .map(|t| desk.local_date(inc.customer, t));
        let expired = |p: &&Pack| submitted_on.is_some_and(|date| p.is_expired_on(date));
        if let Some((p, submitted_on)) = packs.get(&pack).copied().filter(expired).zip(submitted_on) {
            push(format!(
                "paid from {pack}, which expired on {} before {} was submitted on {submitted_on} (R17)",
                p.expires(),
                inc.id
            ));
        }
        match debits {
            1 => {}
            0 => push(format!("paid from {pack} but {pack}'s ledger has no debit for {}", inc.id)),
            n => push(format!(
                "{pack}'s ledger has {n} debits for {}: an incident takes one credit (R14)",
                inc.id
            )),
        }
        let refunded = inc.billing.as_ref().is_some_and(|b| b.decision == Decision::Refund);
        match (refunded, refunds) {
            (true, 1) | (false, 0) => {}
            (true, 0) => push(format!(
                "billed as a refund but {pack}'s ledger has no refund for {}: a refund puts the credit back (R14)",
                inc.id
            )),
            (true, n) => push(format!(
                "{pack}'s ledger has {n} refunds for {}: a refund puts one credit back (R14)",
                inc.id
            )),
            (false, n) => push(format!(
                "{pack}'s ledger has {} for {}, but its billing is {}: only a refund decision puts a credit back (R14)",
                if n == 1 { "a refund".to_string() } else { format!("{n} refunds") },
                inc.id,
                inc.billing.as_ref().map_or("not decided".to_string(), |b| format!("a {}", b.decision))
            )),
        }
    }
}

trait KindName {
    fn kind_name(&self) -> &'static str;
}

impl KindName for incidesk_domain::LedgerLine {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            LedgerKind::Debit => "a debit",
            LedgerKind::Refund => "a refund",
        }
    }
}

/// R14: billing is decided once the incident is closed; a product defect is
/// never charged, and a resolved incident is refunded only as one.
fn billing_terms(inc: &Incident, here: &str, out: &mut Vec<Problem>) {
    let Some(b) = &inc.billing else { return };
    let mut push = |message: String| out.push(Problem { at: here.to_string(), message });
    match &inc.closed {
        None => push(format!(
            "billed ({}) but still open: billing is decided once it is closed (R14)",
            b.decision
        )),
        Some(c) if b.at < c.at => push(format!(
            "billed at {}, before it was closed ({}): billing is decided once it is closed (R14)",
            stamp(b.at),
            stamp(c.at)
        )),
        Some(c) if c.how == Closing::Resolved && b.decision == Decision::Refund && !b.product_defect => push(
            "resolved and refunded without a product defect: a resolved incident stays charged (R14)".into(),
        ),
        Some(_) => {}
    }
    if b.product_defect && b.decision == Decision::Charge {
        push("charged for a product defect: a product defect is never charged (R14)".into());
    }
}

fn stamp(t: Instant) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Nothing is done to an incident before it was submitted: each of its
/// events is stamped at or after `submitted`.
pub(super) fn event_times(desk: &Desk, out: &mut Vec<Problem>) {
    for (i, inc) in desk.incidents.iter().enumerate() {
        let p = &inc.problem;
        let mut events: Vec<(&str, Instant)> = vec![("problem.agreed_at", p.agreed_at)];
        events.extend(p.amendments.iter().map(|a| ("problem.amendments.at", a.at)));
        events.extend(inc.first_response.iter().map(|r| ("first_response.at", r.at)));
        events.extend(inc.contacts.iter().map(|c| ("contacts.at", c.at)));
        events.extend(inc.proposals.iter().map(|c| ("proposals.at", c.at)));
        events.extend(inc.severity_changes.iter().map(|c| ("severity_changes.at", c.at)));
        events.extend(inc.breaches.iter().map(|b| ("breaches.recorded_at", b.recorded_at)));
        events.extend(inc.closed.iter().map(|c| ("closed.at", c.at)));
        events.extend(inc.billing.iter().map(|b| ("billing.at", b.at)));
        for (field, when) in events.into_iter().filter(|(_, when)| *when < inc.submitted) {
            out.push(Problem {
                at: at("incidents", i, inc.id),
                message: format!(
                    "{field} {} is before the incident was submitted ({})",
                    stamp(when),
                    stamp(inc.submitted)
                ),
            });
        }
    }
}

/// The text fields the commands refuse to leave empty (a name, a reason, who
/// did it) are not empty in the file either.
pub(super) fn required_text(desk: &Desk, out: &mut Vec<Problem>) {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut need = |here: &dyn Fn() -> String, field: String, text: &str| {
        if text.trim().is_empty() {
            found.push((here(), field));
        }
    };
    for (i, c) in desk.customers.iter().enumerate() {
        let here = || at("customers", i, c.id);
        need(&here, "name".into(), &c.name);
        for (k, contact) in c.contacts.iter().enumerate() {
            need(&here, format!("contacts[{k}].name"), &contact.name);
        }
        if let Some(t) = &c.tax_exemption {
            need(&here, "tax_exemption.reference".into(), &t.reference);
        }
    }
    for (i, p) in desk.products.iter().enumerate() {
        need(&|| at("products", i, p.id), "name".into(), &p.name);
    }
    for (i, p) in desk.packs.iter().enumerate() {
        let here = || at("packs", i, p.id);
        need(&here, "order_number".into(), &p.order_number);
        need(&here, "purchaser".into(), &p.purchaser);
        need(&here, "owner".into(), &p.owner);
        for (k, t) in p.transfers.iter().enumerate() {
            need(&here, format!("transfers[{k}].to"), &t.to);
            need(&here, format!("transfers[{k}].by"), &t.by);
        }
    }
    for (i, inc) in desk.incidents.iter().enumerate() {
        let here = || at("incidents", i, inc.id);
        need(&here, "title".into(), &inc.title);
        need(&here, "account".into(), &inc.account);
        need(&here, "engineer".into(), &inc.engineer);
        need(&here, "problem.text".into(), &inc.problem.text);
        need(&here, "problem.agreed_with".into(), &inc.problem.agreed_with);
        need(&here, "problem.agreed_by".into(), &inc.problem.agreed_by);
        for (k, a) in inc.problem.amendments.iter().enumerate() {
            need(&here, format!("problem.amendments[{k}].text"), &a.text);
            need(&here, format!("problem.amendments[{k}].reason"), &a.reason);
            need(&here, format!("problem.amendments[{k}].by"), &a.by);
        }
        if let Some(r) = &inc.first_response {
            need(&here, "first_response.by".into(), &r.by);
        }
        for (k, c) in inc.contacts.iter().enumerate() {
            need(&here, format!("contacts[{k}].engineer"), &c.engineer);
            need(&here, format!("contacts[{k}].note"), &c.note);
        }
        for (k, p) in inc.proposals.iter().enumerate() {
            need(&here, format!("proposals[{k}].text"), &p.text);
            need(&here, format!("proposals[{k}].by"), &p.by);
        }
        for (k, s) in inc.severity_changes.iter().enumerate() {
            need(&here, format!("severity_changes[{k}].reason"), &s.reason);
            need(&here, format!("severity_changes[{k}].by"), &s.by);
        }
        if let Some(c) = &inc.closed {
            need(&here, "closed.by".into(), &c.by);
        }
        if let Some(b) = &inc.billing {
            need(&here, "billing.reason".into(), &b.reason);
            need(&here, "billing.by".into(), &b.by);
        }
    }
    for (at, field) in found {
        out.push(Problem { at, message: format!("{field} is empty: it is required, give one") });
    }
}
