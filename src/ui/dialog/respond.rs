//! R8: record the first response.

use super::{Field, Form, about};
use crate::domain::{Command, Incident, IncidentId};

pub fn form(inc: &Incident) -> Form {
    let mut f = Form::new("First response", vec![Field::block("Note", "what the customer was told")]);
    f.info.push(about(inc));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::Respond { incident, note: f.value("Note").to_string() })
}
