//! R12: add a proposed solution.

use super::{Field, Form, about};
use crate::domain::{Command, Incident, IncidentId};

pub fn form(inc: &Incident) -> Form {
    let mut f =
        Form::new("Propose a solution", vec![Field::block("Solution", "the proposed fix or workaround")]);
    f.info.push(about(inc));
    f.info
        .push(format!("{} proposal(s) so far; closing as resolved needs at least one", inc.proposals.len()));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::Propose { incident, text: f.value("Solution").to_string() })
}
