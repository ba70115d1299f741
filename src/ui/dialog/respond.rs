//! R8: record the first response.

use super::{DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, IncidentId, checks};
use crate::ui::hint;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respond {
    incident: IncidentId,
    note: FieldRef,
}

impl DialogSpec for Respond {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        // Said at once, before anything is typed.
        checks::first_response(inc).map_err(|r| hint::refusal(&r))?;
        let mut f = Form::titled("First response");
        let note = f.add(Field::block("Note", "what the customer was told"));
        f.info.push(about(inc));
        Ok((Respond { incident: inc.id, note }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::Respond { incident: self.incident, note: f.text(self.note).to_string() })
    }
}
