//! Closing (R12, R13, R15) and the billing decision (R14).

use super::desk::Desk;
use super::execute::{Ctx, Done};
use super::history::Subject;
use super::ids::IncidentId;
use super::model::{BillingDecision, Closed, Closing, Decision, LedgerKind};
use super::refusal::{Refusal, require};
use super::{checks, packs};

pub(crate) fn close(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    how: Closing,
    note: String,
) -> Result<Done, Refusal> {
    let inc = desk.open_incident(id, ctx.now)?;
    checks::closing(inc, how)?;
    let what = match how {
        Closing::Resolved => format!(
            "{id} closed as resolved after {} proposed solution(s); stays charged (R12, R14)",
            inc.proposals.len()
        ),
        Closing::Unresolved => format!(
            "{id} closed as unresolved, the customer told no solution could be offered; billing pending (R13, R14)"
        ),
        Closing::Withdrawn => {
            format!("{id} closed as withdrawn at the customer's request; billing pending (R15, R14)")
        }
    };
    let inc = desk.incident_entry(id);
    inc.closed = Some(Closed { how, at: ctx.now, by: ctx.who.to_string(), note: note.clone() });
    let what = if note.is_empty() { what } else { format!("{what}: {note}") };
    Ok(Done::one(Subject::Incident(id), what))
}

/// R14: charge or refund. Unresolved and withdrawn incidents wait for this
/// decision; a product defect is refunded whatever the closing; a refund puts
/// the credit back in its pack.
pub(crate) fn bill(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    decision: Decision,
    reason: String,
    product_defect: bool,
) -> Result<Done, Refusal> {
    let inc = desk.find_incident(id)?;
    require(&reason, "the reason for the billing decision (R14)")?;
    checks::billing(inc, decision, product_defect)?;
    let pack = inc.pack;
    let inc = desk.incident_entry(id);
    inc.billing = Some(BillingDecision {
        decision,
        reason: reason.clone(),
        product_defect,
        at: ctx.now,
        by: ctx.who.to_string(),
    });
    let defect = if product_defect { " (product defect)" } else { "" };
    let mut done = match decision {
        Decision::Charge => Done::one(Subject::Incident(id), format!("{id} charged{defect}: {reason} (R14)")),
        Decision::Refund => {
            packs::post(desk, ctx, pack, LedgerKind::Refund, id, &reason);
            let mut d = Done::one(
                Subject::Incident(id),
                format!("{id} refunded{defect}: {reason}; the credit is back in pack {pack} (R14)"),
            );
            d.history
                .push((Subject::Pack(pack), format!("refund 1 credit for {id}{defect}: {reason} (R14)")));
            d
        }
    };
    done.subject = Subject::Incident(id);
    Ok(done)
}
