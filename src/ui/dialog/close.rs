//! R12, R13, R15: close as resolved, unresolved or withdrawn.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Closing, Command, IncidentId, checks};
use crate::ui::hint;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Close {
    incident: IncidentId,
    how: FieldRef,
    note: FieldRef,
}

impl DialogSpec for Close {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let no_proposal = checks::closing(inc, Closing::Resolved).err().map(|r| hint::refusal(&r));
        let options = vec![
            Choice::new("resolved", "resolved")
                .note("after a proposed solution; stays charged")
                .refused(no_proposal),
            Choice::new("unresolved", "unresolved")
                .note("customer told no solution can be offered; billing pending"),
            Choice::new("withdrawn", "withdrawn").note("at the customer's request; billing pending"),
        ];
        let mut f = Form::titled("Close incident");
        let how = f.add(Field::choice("Closing", options));
        if inc.proposals.is_empty() {
            f.get_mut(how).select_value("unresolved");
        }
        let note = f.add(Field::block("Note", "optional"));
        f.info.push(about(inc));
        f.info.push(format!("{} proposed solution(s)", inc.proposals.len()));
        Ok((Close { incident: inc.id, how, note }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let how = match f.text(self.how) {
            "resolved" => Closing::Resolved,
            "unresolved" => Closing::Unresolved,
            "withdrawn" => Closing::Withdrawn,
            other => {
                return Err(format!("Closing: choose resolved, unresolved or withdrawn, not '{other}'"));
            }
        };
        Ok(Command::Close { incident: self.incident, how, note: f.text(self.note).to_string() })
    }

    fn confirmation(&self, f: &Form) -> Option<String> {
        Some(format!(
            "Close as {}? It can't be reopened, but {} undoes it at once.",
            f.text(self.how),
            super::undo_key()
        ))
    }
}
