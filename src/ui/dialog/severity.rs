//! R7: change severity with a reason; the dialog shows where the due time moves.

use super::{Choice, Field, Form, about, parsed};
use crate::domain::{Command, Desk, Incident, IncidentId, Severity, sla};
use crate::present::local;

pub fn form(desk: &Desk, inc: &Incident) -> Form {
    let options = Severity::ALL
        .iter()
        .map(|s| {
            let due = desk
                .customer(inc.customer)
                .map(|c| {
                    local(sla::due_time(inc.submitted, *s, inc.coverage, &c.calendar), c.calendar.time_zone)
                })
                .unwrap_or_default();
            let now = if *s == inc.severity { " (now)" } else { "" };
            Choice::new(s.to_string(), format!("{s} — {}{now}", s.impact())).note(format!("due {due}"))
        })
        .collect();
    let mut sev = Field::choice("Severity", options);
    let next = Severity::ALL.iter().find(|s| **s != inc.severity).copied().unwrap_or(Severity::A);
    sev.select_value(&next.to_string());
    let mut f = Form::new("Change severity", vec![sev, Field::block("Reason", "why (kept in history)")]);
    f.info.push(about(inc));
    f.info.push("R7: the due time is recomputed from the original submission".into());
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::ChangeSeverity {
        incident,
        to: parsed(f, "Severity")?,
        reason: f.value("Reason").to_string(),
    })
}
