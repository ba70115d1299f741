//! R12: add a proposed solution.

use super::{DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Propose {
    incident: IncidentId,
    solution: FieldRef,
}

impl DialogSpec for Propose {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let mut f = Form::titled("Propose a solution");
        let solution = f.add(Field::block("Solution", "the proposed fix or workaround"));
        f.info.push(about(inc));
        f.info.push(format!(
            "{} proposal(s) so far; closing as resolved needs at least one",
            inc.proposals.len()
        ));
        Ok((Propose { incident: inc.id, solution }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::Propose { incident: self.incident, text: f.text(self.solution).to_string() })
    }
}
