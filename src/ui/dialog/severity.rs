//! R7: change severity with a reason; the dialog shows where the due time moves.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, IncidentId, Severity, sla};
use crate::present::local;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSeverity {
    incident: IncidentId,
    severity: FieldRef,
    reason: FieldRef,
}

impl DialogSpec for ChangeSeverity {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let options = Severity::ALL
            .iter()
            .map(|s| {
                let due = at
                    .desk
                    .customer(inc.customer)
                    .map(|c| {
                        let cal = c.calendar_of(inc);
                        sla::due_time(inc.submitted, *s, inc.coverage, cal).map_or_else(
                            crate::domain::wording::no_due_time,
                            |due| local(due, &cal.time_zone),
                        )
                    })
                    .unwrap_or_default();
                let now = if *s == inc.severity { " (now)" } else { "" };
                Choice::new(s.to_string(), format!("{s} — {}{now}", s.impact())).note(format!("due {due}"))
            })
            .collect();
        let mut f = Form::titled("Change severity");
        let severity = f.add(Field::choice("Severity", options));
        let next = Severity::ALL.iter().find(|s| **s != inc.severity).copied().unwrap_or(Severity::A);
        f.get_mut(severity).select_value(&next.to_string());
        let reason = f.add(Field::block("Reason", "why (kept in history)"));
        f.info.push(about(inc));
        f.info.push("R7: the due time is recomputed from the original submission".into());
        Ok((ChangeSeverity { incident: inc.id, severity, reason }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::ChangeSeverity {
            incident: self.incident,
            to: f.parse(self.severity)?,
            reason: f.text(self.reason).to_string(),
        })
    }
}
