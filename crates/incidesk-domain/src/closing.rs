//! Closing (R12, R13, R15) and the billing decision (R14).

use super::desk::Desk;
use super::done::{Ctx, Done};
use super::history::Subject;
use super::ids::IncidentId;
use super::model::{BillingDecision, Closed, Closing, Decision, LedgerKind};
use super::refusal::{Hint, Refusal, require};
use super::{checks, packs, wording};

pub(crate) fn close(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    how: Closing,
    note: String,
) -> Result<Done, Refusal> {
    let inc = desk.open_incident(id, ctx.now)?;
    checks::closing(inc, how)?;
    let what = wording::closed(id, how, inc.proposals.len(), &note);
    let inc = desk.incident_entry(id);
    inc.closed = Some(Closed { how, at: ctx.now, by: ctx.who.to_string(), note: note.clone() });
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
    // A frozen clock set in the past would otherwise decide the billing (and
    // post a refund) before the incident was closed, or even submitted.
    if let Some(closed) = inc.closed.as_ref().filter(|c| ctx.now < c.at) {
        return Err(Refusal::invalid(format!(
            "the clock says {}, before {id} was closed ({})",
            ctx.now.format("%Y-%m-%d %H:%M UTC"),
            closed.at.format("%Y-%m-%d %H:%M UTC")
        ))
        .hint(Hint::CheckClock));
    }
    let pack = inc.pack;
    let inc = desk.incident_entry(id);
    inc.billing = Some(BillingDecision {
        decision,
        reason: reason.clone(),
        product_defect,
        at: ctx.now,
        by: ctx.who.to_string(),
    });
    let mut done = match decision {
        Decision::Charge => Done::one(Subject::Incident(id), wording::charged(id, product_defect, &reason)),
        Decision::Refund => {
            packs::post(desk, ctx, pack, LedgerKind::Refund, id, &reason);
            let mut d =
                Done::one(Subject::Incident(id), wording::refunded(id, product_defect, &reason, pack));
            d.history.push((Subject::Pack(pack), wording::credit_refunded(id, product_defect, &reason)));
            d
        }
    };
    done.subject = Subject::Incident(id);
    Ok(done)
}
