//! R21: the sentences the history records, one builder per kind of change.
//!
//! The command handlers write these, and the desk generator (`incidesk
//! generate`) writes the same sentences for the changes it builds without
//! running commands; one place for the words keeps a generated desk's history
//! indistinguishable from one the commands wrote. Changing a sentence changes
//! every desk written from then on, and the generator's output with it.

use super::calendar::Calendar;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Category, Closing, ContactKind, Coverage, Instant, Severity, TaxStatus};
use crate::zone::Zone;
use chrono::NaiveDate;

/// R9: a product added with the ends of its support.
pub fn product_added(
    id: ProductId,
    name: &str,
    mainstream_end: NaiveDate,
    extended_end: NaiveDate,
) -> String {
    format!("product {id} '{name}' added: mainstream until {mainstream_end}, extended until {extended_end}")
}

/// A customer added with its business calendar (R5).
/// R5: what stands for a due time the calendar can't give.
pub fn no_due_time() -> String {
    format!(
        "none: the calendar gives less open time than the target within {} days (see incidesk check)",
        crate::sla::SEARCH_DAYS
    )
}

pub fn customer_added(id: CustomerId, name: &str, calendar: &Calendar) -> String {
    format!(
        "customer {id} '{name}' added; business hours {} ({}), {} holidays and special days",
        calendar.hours,
        calendar.time_zone,
        calendar.holidays.len() + calendar.special_days.len()
    )
}

/// R6: a contact added, possibly the one on duty round the clock.
pub fn contact_added(name: &str, on_duty_24x7: bool) -> String {
    let duty = if on_duty_24x7 { ", on duty 24x7 (R6)" } else { "" };
    format!("contact '{name}' added{duty}")
}

/// R20: a tax-exemption document recorded.
pub fn tax_exemption_on_file(reference: &str, received: NaiveDate, expires: Option<NaiveDate>) -> String {
    let until = expires.map_or("no expiry".to_string(), |d| format!("valid until {d}"));
    format!("tax exemption on file: document {reference}, received {received}, {until} (R20)")
}

/// R16, R20: a pack of five bought, and whether tax applies to it.
pub fn pack_bought(
    id: PackId,
    account: &str,
    customer: CustomerId,
    order_number: &str,
    expires: NaiveDate,
    tax: TaxStatus,
) -> String {
    let tax = match tax {
        TaxStatus::Valid => "tax exemption on file and valid",
        TaxStatus::Expired => "tax exemption on file but EXPIRED: tax applies",
        TaxStatus::NotExempt => "no tax exemption on file",
    };
    format!(
        "pack {id} bought by {account} for {customer} (order {order_number}): 5 credits, expires {expires}; {tax} (R20)"
    )
}

/// R18: a pack moved to another account on proof of its order number.
pub fn pack_transferred(id: PackId, from: &str, to: &str, order_number: &str) -> String {
    format!("pack {id} transferred from {from} to {to} on proof of order {order_number} (R18)")
}

/// R3, R10: an incident opened, with the problem statement agreed at intake.
pub fn incident_opened(
    account: &str,
    title: &str,
    severity: Severity,
    coverage: Coverage,
    category: Category,
    agreed_with: &str,
) -> String {
    format!(
        "opened by {account}: '{title}', severity {severity}, {coverage}, category {category}; problem statement agreed with {agreed_with} (R3)"
    )
}

/// R14: the ledger reason of the credit an intake takes.
pub const SUBMITTED: &str = "submitted";

/// R14: the pack's history entry for the credit an intake takes.
pub fn credit_debited(incident: IncidentId) -> String {
    format!("debit 1 credit for {incident} (R14)")
}

/// R1, R14: the ledger reason of the credit a split-off incident takes.
pub fn split_from(parent: IncidentId) -> String {
    format!("split from {parent}")
}

/// R1, R14: the pack's history entry for the credit a split-off incident takes.
pub fn credit_debited_for_split(incident: IncidentId, parent: IncidentId) -> String {
    format!("debit 1 credit for {incident}, split from {parent} (R14)")
}

/// R1: the parent's history entry for a split.
pub fn split_into(incidents: &[IncidentId]) -> String {
    let names: Vec<String> = incidents.iter().map(ToString::to_string).collect();
    format!("split into {} (R1)", names.join(", "))
}

/// R1: the new incident's history entry for a split.
pub fn split_off(parent: IncidentId, title: &str) -> String {
    format!("split from {parent} as '{title}' (R1)")
}

/// R1, R3: a split-off incident's problem statement, the parent's as it stood.
pub fn split_problem(title: &str, parent: IncidentId, parent_problem: &str) -> String {
    format!("{title} (split from {parent}: {parent_problem})")
}

/// R8: the first response; `verdict` says whether the target was met.
pub fn first_response(incident: IncidentId, verdict: &str, note: &str) -> String {
    let sep = if note.is_empty() { "" } else { ": " };
    format!("first response to {incident}, target {verdict} (R8){sep}{note}")
}

/// R2: a contact or a piece of work logged.
pub fn contact_logged(incident: IncidentId, kind: ContactKind, minutes: u32, note: &str) -> String {
    format!("{kind} contact logged on {incident}, {minutes} min: {note}")
}

/// R12: the `number`th solution proposed.
pub fn solution_proposed(incident: IncidentId, number: usize, text: &str) -> String {
    format!("solution #{number} proposed on {incident}: {text}")
}

/// A time as the history says it: in the customer's zone, with the weekday.
pub fn local_time(at: Instant, zone: &Zone) -> String {
    at.with_timezone(zone).format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// R7: a severity change, with the due times (in [`local_time`]) it moves
/// between.
pub fn severity_changed(
    incident: IncidentId,
    from: Severity,
    to: Severity,
    reason: &str,
    old_due: &str,
    new_due: &str,
    breach_kept: bool,
) -> String {
    let kept = if breach_kept { "; the breach of the earlier due time stays recorded" } else { "" };
    let reason = clause(reason);
    format!(
        "severity of {incident} {from} → {to} because {reason}; due moves from {old_due} to {new_due}{kept} (R7)"
    )
}

/// A reason written as a sentence, to go on after it with `;` or `:`
/// ("…own incidents.: now" reads badly): without its closing stop.
fn clause(reason: &str) -> &str {
    reason.trim_end().trim_end_matches(['.', ';', ':', ',']).trim_end()
}

/// R3: the problem statement amended.
pub fn problem_amended(incident: IncidentId, reason: &str, text: &str) -> String {
    let reason = clause(reason);
    format!("problem statement of {incident} amended because {reason}: now '{text}' (R3)")
}

/// Another engineer takes the incident.
pub fn assigned(incident: IncidentId, from: &str, to: &str) -> String {
    format!("{incident} assigned from {from} to {to}")
}

/// R12, R13, R15: an incident closed, with what that means for its credit (R14).
pub fn closed(incident: IncidentId, how: Closing, proposals: usize, note: &str) -> String {
    let id = incident;
    let what = match how {
        Closing::Resolved => {
            format!(
                "{id} closed as resolved after {proposals} proposed solution(s); stays charged (R12, R14)"
            )
        }
        Closing::Unresolved => format!(
            "{id} closed as unresolved, the customer told no solution could be offered; billing pending (R13, R14)"
        ),
        Closing::Withdrawn => {
            format!("{id} closed as withdrawn at the customer's request; billing pending (R15, R14)")
        }
    };
    if note.is_empty() { what } else { format!("{what}: {note}") }
}

fn defect(product_defect: bool) -> &'static str {
    if product_defect { " (product defect)" } else { "" }
}

/// R14: the incident's credit is kept.
pub fn charged(incident: IncidentId, product_defect: bool, reason: &str) -> String {
    format!("{incident} charged{}: {reason} (R14)", defect(product_defect))
}

/// R14: the incident's history entry for a refund.
pub fn refunded(incident: IncidentId, product_defect: bool, reason: &str, pack: PackId) -> String {
    let reason = clause(reason);
    format!(
        "{incident} refunded{}: {reason}; the credit is back in pack {pack} (R14)",
        defect(product_defect)
    )
}

/// R14: the pack's history entry for a refund.
pub fn credit_refunded(incident: IncidentId, product_defect: bool, reason: &str) -> String {
    format!("refund 1 credit for {incident}{}: {reason} (R14)", defect(product_defect))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_ending_in_a_stop_reads_on_without_it() {
        let id = IncidentId(7);
        let text = problem_amended(id, "The two problems are now their own incidents.", "Mail stuck");
        assert!(text.contains("own incidents: now 'Mail stuck'"), "{text}");
        assert_eq!(clause("as agreed;  "), "as agreed");
        assert_eq!(clause("v1.2"), "v1.2");
    }
}
