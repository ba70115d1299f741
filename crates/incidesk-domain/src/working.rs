//! Working an incident: first response (R8), contacts (R2), proposals (R12),
//! severity (R7), amendments (R3), splits (R1).

use super::desk::Desk;
use super::done::{Ctx, Done};
use super::history::{Change, Subject};
use super::ids::IncidentId;
use super::model::{
    Amendment, Breach, ContactEntry, ContactKind, FirstResponse, Incident, LedgerKind, ProblemStatement,
    Proposal, Severity, SeverityChange,
};
use super::refusal::{Refusal, ensure, require};
use super::sla::{self, SlaState};
use super::{packs, wording};

fn local(desk: &Desk, incident: &Incident, at: super::model::Instant) -> String {
    match desk.customer(incident.customer) {
        Some(c) => wording::local_time(at, &c.calendar_of(incident).time_zone),
        None => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// R8: the first response stops the clock: met if in time, missed if late.
pub(crate) fn respond(desk: &mut Desk, ctx: &Ctx, id: IncidentId, note: String) -> Result<Done, Refusal> {
    let inc = desk.open_incident(id, ctx.now)?;
    super::checks::first_response(inc)?;
    let due = desk
        .customer(inc.customer)
        .and_then(|c| sla::due_time(inc.submitted, inc.severity, inc.coverage, c.calendar_of(inc)));
    // With no due time (R5) nothing was promised: neither met nor missed.
    let verdict = match due.map(|due| sla::response_outcome(due, ctx.now)) {
        Some(SlaState::Met) => "met",
        Some(_) => "missed",
        None => "recorded",
    };
    let inc = desk.incident_entry(id);
    inc.first_response = Some(FirstResponse { at: ctx.now, by: ctx.who.to_string(), note: note.clone() });
    Ok(Done::one(Subject::Incident(id), wording::first_response(id, verdict, &note)))
}

/// R2: contacts and research are logged; minutes never change the charge.
pub(crate) fn log_contact(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    kind: ContactKind,
    minutes: u32,
    note: String,
) -> Result<Done, Refusal> {
    desk.open_incident(id, ctx.now)?;
    require(&note, "the contact note")?;
    ensure(minutes <= 24 * 60, || {
        Refusal::invalid(format!("{minutes} minutes is more than a day: log each day's work on its own"))
    })?;
    let inc = desk.incident_entry(id);
    inc.contacts.push(ContactEntry {
        at: ctx.now,
        kind,
        engineer: ctx.who.to_string(),
        minutes,
        note: note.clone(),
    });
    Ok(Done::one(Subject::Incident(id), wording::contact_logged(id, kind, minutes, &note)))
}

/// R12: a proposed solution, which allows closing as resolved.
pub(crate) fn propose(desk: &mut Desk, ctx: &Ctx, id: IncidentId, text: String) -> Result<Done, Refusal> {
    desk.open_incident(id, ctx.now)?;
    require(&text, "the proposed solution")?;
    let inc = desk.incident_entry(id);
    inc.proposals.push(Proposal { at: ctx.now, by: ctx.who.to_string(), text: text.clone() });
    let n = inc.proposals.len();
    Ok(Done::one(Subject::Incident(id), wording::solution_proposed(id, n, &text)))
}

/// R7: the due time is recomputed from the original submission; a breach that
/// already happened stays recorded.
pub(crate) fn change_severity(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    to: Severity,
    reason: String,
) -> Result<Done, Refusal> {
    let inc = desk.open_incident(id, ctx.now)?;
    let from = inc.severity;
    ensure(from != to, || Refusal::invalid(format!("{id} is severity {to} already")))?;
    require(&reason, "the reason for the severity change (R7)")?;
    let cal = desk
        .customer(inc.customer)
        .map(|c| c.calendar_of(inc).clone())
        .ok_or_else(|| Refusal::invalid(format!("{id} names a customer that does not exist")))?;
    let old_due = sla::due_time(inc.submitted, from, inc.coverage, &cal);
    let new_due = sla::due_time(inc.submitted, to, inc.coverage, &cal);
    let breached_due = old_due.filter(|d| inc.first_response.is_none() && sla::is_breached(*d, ctx.now));
    let shown =
        |due: Option<super::model::Instant>| due.map_or_else(wording::no_due_time, |d| local(desk, inc, d));
    let (old_s, new_s) = (shown(old_due), shown(new_due));
    let inc = desk.incident_entry(id);
    // Changing severity to and fro past the due time records each breach once.
    if let Some(due) = breached_due
        && !inc.breaches.iter().any(|b| b.due == due)
    {
        inc.breaches.push(Breach { severity: from, due, recorded_at: ctx.now });
    }
    inc.severity_changes.push(SeverityChange {
        at: ctx.now,
        by: ctx.who.to_string(),
        from,
        to,
        reason: reason.clone(),
    });
    inc.severity = to;
    Ok(Done::one(
        Subject::Incident(id),
        wording::severity_changed(id, from, to, &reason, &old_s, &new_s, breached_due.is_some()),
    )
    .changed(Change::new("severity", from.to_string(), to.to_string())))
}

/// R3: the agreed problem statement changes only by amendment with a reason.
pub(crate) fn amend(
    desk: &mut Desk,
    ctx: &Ctx,
    id: IncidentId,
    text: String,
    reason: String,
) -> Result<Done, Refusal> {
    let inc = desk.open_incident(id, ctx.now)?;
    require(&text, "the amended problem statement")?;
    require(&reason, "the reason for the amendment (R3)")?;
    ensure(inc.problem.current() != text, || {
        Refusal::invalid("the amendment is the same as the current statement")
    })?;
    let change = Change::new("problem statement", inc.problem.current(), text.as_str());
    let inc = desk.incident_entry(id);
    inc.problem.amendments.push(Amendment {
        at: ctx.now,
        by: ctx.who.to_string(),
        text: text.clone(),
        reason: reason.clone(),
    });
    Ok(Done::one(Subject::Incident(id), wording::problem_amended(id, &reason, &text)).changed(change))
}

/// R1: each sub-problem becomes its own incident with its own credit, linked
/// back to the original; all or nothing.
pub(crate) fn split(desk: &mut Desk, ctx: &Ctx, id: IncidentId, into: Vec<String>) -> Result<Done, Refusal> {
    let parent = desk.open_incident(id, ctx.now)?.clone();
    // Each new incident is a new submission: the intake rules apply again.
    let chosen = super::checks::split_packs(desk, &parent, &into, ctx.now)?;
    // The parts are new submissions: they run on the calendar in force now.
    let cal = desk.customer(parent.customer).map(|c| c.calendar_at(ctx.now).clone());
    let mut history = Vec::new();
    let mut created = Vec::new();
    let child_ids = desk.next_incident_ids(into.len())?;
    for ((title, pack), child_id) in into.into_iter().zip(chosen).zip(child_ids) {
        let problem = ProblemStatement {
            text: wording::split_problem(&title, id, parent.problem.current()),
            agreed_with: parent.problem.agreed_with.clone(),
            agreed_by: ctx.who.to_string(),
            agreed_at: ctx.now,
            amendments: Vec::new(),
        };
        let child = Incident {
            id: child_id,
            title: title.clone(),
            submitted: ctx.now,
            engineer: ctx.who.to_string(),
            problem,
            pack,
            first_response: None,
            contacts: Vec::new(),
            proposals: Vec::new(),
            severity_changes: Vec::new(),
            breaches: Vec::new(),
            split_from: Some(id),
            split_into: Vec::new(),
            closed: None,
            billing: None,
            ..parent.clone()
        };
        desk.incidents.push(child);
        packs::post(desk, ctx, pack, LedgerKind::Debit, child_id, &wording::split_from(id));
        history.push((Subject::Incident(child_id), wording::split_off(id, &title)));
        history.push((Subject::Pack(pack), wording::credit_debited_for_split(child_id, id)));
        created.push(child_id);
    }
    desk.incident_entry(id).split_into.extend(created.iter().copied());
    let names: Vec<String> = created.iter().map(ToString::to_string).collect();
    let due = cal.map(|c| sla::due_time(ctx.now, parent.severity, parent.coverage, &c));
    let message = format!(
        "{id} split: {} opened, one credit each (R1){}",
        names.join(", "),
        due.map(|d| format!(
            "; first response due {}",
            d.map_or_else(wording::no_due_time, |d| local(desk, &parent, d))
        ))
        .unwrap_or_default()
    );
    history.insert(0, (Subject::Incident(id), wording::split_into(&created)));
    Ok(Done {
        change: None,
        subject: Subject::Incident(id),
        created: created.into_iter().map(Subject::Incident).collect(),
        message,
        history,
    })
}

pub(crate) fn assign(desk: &mut Desk, ctx: &Ctx, id: IncidentId, engineer: String) -> Result<Done, Refusal> {
    let from = desk.open_incident(id, ctx.now)?.engineer.clone();
    require(&engineer, "the engineer's name")?;
    desk.incident_entry(id).engineer = engineer.clone();
    let change = Change::new("assignee", from.as_str(), engineer.as_str());
    Ok(Done::one(Subject::Incident(id), wording::assigned(id, &from, &engineer)).changed(change))
}
