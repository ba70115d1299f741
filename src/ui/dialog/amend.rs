//! R3: amend the agreed problem statement, with a reason.

use super::{DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amend {
    incident: IncidentId,
    statement: FieldRef,
    reason: FieldRef,
}

impl DialogSpec for Amend {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let mut f = Form::titled("Amend the problem statement");
        let statement =
            f.add(Field::block("Statement", "the problem as now agreed").with_text(inc.problem.current()));
        let reason = f.add(Field::block("Reason", "why it changes (kept in history)"));
        f.info.push(about(inc));
        f.info.push(format!("agreed with {}", inc.problem.agreed_with));
        Ok((Amend { incident: inc.id, statement, reason }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::Amend {
            incident: self.incident,
            problem: f.text(self.statement).to_string(),
            reason: f.text(self.reason).to_string(),
        })
    }
}
