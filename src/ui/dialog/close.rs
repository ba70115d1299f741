//! R12, R13, R15: close as resolved, unresolved or withdrawn.

use super::{Choice, Field, Form, about};
use crate::domain::{Closing, Command, Incident, IncidentId, checks};
use crate::ui::hint;

pub fn form(inc: &Incident) -> Form {
    let no_proposal = checks::closing(inc, Closing::Resolved).err().map(|r| hint::refusal(&r));
    let options = vec![
        Choice::new("resolved", "resolved")
            .note("after a proposed solution; stays charged")
            .refused(no_proposal),
        Choice::new("unresolved", "unresolved")
            .note("customer told no solution can be offered; billing pending"),
        Choice::new("withdrawn", "withdrawn").note("at the customer's request; billing pending"),
    ];
    let mut how = Field::choice("Closing", options);
    if inc.proposals.is_empty() {
        how.select_value("unresolved");
    }
    let mut f = Form::new("Close incident", vec![how, Field::block("Note", "optional")]);
    f.info.push(about(inc));
    f.info.push(format!("{} proposed solution(s)", inc.proposals.len()));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    let how = match f.value("Closing") {
        "resolved" => Closing::Resolved,
        "unresolved" => Closing::Unresolved,
        "withdrawn" => Closing::Withdrawn,
        other => {
            return Err(format!("Closing: choose resolved, unresolved or withdrawn, not '{other}'"));
        }
    };
    Ok(Command::Close { incident, how, note: f.value("Note").to_string() })
}
