//! R3: amend the agreed problem statement, with a reason.

use super::{Field, Form, about};
use crate::domain::{Command, Incident, IncidentId};

pub fn form(inc: &Incident) -> Form {
    let mut f = Form::new(
        "Amend the problem statement",
        vec![
            Field::block("Statement", "the problem as now agreed").with_text(inc.problem.current()),
            Field::block("Reason", "why it changes (kept in history)"),
        ],
    );
    f.info.push(about(inc));
    f.info.push(format!("agreed with {}", inc.problem.agreed_with));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::Amend {
        incident,
        problem: f.value("Statement").to_string(),
        reason: f.value("Reason").to_string(),
    })
}
