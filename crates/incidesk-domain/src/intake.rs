//! Intake: a new incident passes R10/R11 (scope), R9 (lifecycle), R6 (24x7
//! needs a contact on duty), then R16/R17/R19/R14 (which pack pays), in that
//! order, so that out-of-scope requests never touch a credit.

use super::command::Command;
use super::customers::find_customer;
use super::desk::Desk;
use super::done::{Ctx, Done};
use super::history::Subject;
use super::model::{Incident, LedgerKind, ProblemStatement};
use super::refusal::{Refusal, require};
use super::{checks, packs, sla, wording};

pub(crate) fn open(desk: &mut Desk, ctx: &Ctx, command: Command) -> Result<Done, Refusal> {
    let Command::OpenIncident {
        customer,
        account,
        product,
        category,
        severity,
        coverage,
        title,
        problem,
        agreed_with,
        pack,
    } = command
    else {
        return Err(Refusal::invalid("not an intake command"));
    };
    let cust = find_customer(desk, customer)?;
    // Out of scope is said first: nothing else matters for such a request.
    checks::in_scope(category)?;
    require(&account, "the submitting account")?;
    require(&title, "the title")?;
    require(&problem, "the agreed problem statement (R3)")?;

    let date = desk.local_date(customer, ctx.now);
    checks::eligible(desk, customer, product, coverage, date)?;
    let chosen = packs::choose(desk, customer, &account, date, 1, pack)?;
    let pack = chosen[0];

    let id = desk.next_incident_id()?;
    let agreed_with = if agreed_with.is_empty() { account.clone() } else { agreed_with };
    // R5: a new incident runs on the calendar in force at its submission.
    let calendar = cust.calendar_at(ctx.now);
    let due = sla::due_time(ctx.now, severity, coverage, calendar);
    let zone = calendar.time_zone.clone();
    let incident = Incident {
        id,
        title: title.clone(),
        customer,
        product,
        account: account.clone(),
        pack,
        category,
        severity,
        coverage,
        submitted: ctx.now,
        engineer: ctx.who.to_string(),
        problem: ProblemStatement {
            text: problem,
            agreed_with: agreed_with.clone(),
            agreed_by: ctx.who.to_string(),
            agreed_at: ctx.now,
            amendments: Vec::new(),
        },
        first_response: None,
        contacts: Vec::new(),
        proposals: Vec::new(),
        severity_changes: Vec::new(),
        breaches: Vec::new(),
        split_from: None,
        split_into: Vec::new(),
        closed: None,
        billing: None,
    };
    desk.incidents.push(incident);
    packs::post(desk, ctx, pack, LedgerKind::Debit, id, wording::SUBMITTED);
    let message = format!(
        "{id} opened for {}: severity {severity}, {coverage}, first response due {}; one credit taken from pack {pack}",
        desk.customer(customer).map_or("", |c| c.name.as_str()),
        due.map_or_else(wording::no_due_time, |due| format!(
            "{} ({zone})",
            due.with_timezone(&zone).format("%a %Y-%m-%d %H:%M")
        )),
    );
    let history = vec![
        (
            Subject::Incident(id),
            wording::incident_opened(&account, &title, severity, coverage, category, &agreed_with),
        ),
        (Subject::Pack(pack), wording::credit_debited(id)),
    ];
    Ok(Done {
        subject: Subject::Incident(id),
        created: vec![Subject::Incident(id)],
        message,
        history,
        change: None,
    })
}
