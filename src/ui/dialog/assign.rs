//! Hand an incident to another engineer.

use super::{Field, Form, about};
use crate::domain::{Command, Desk, Incident, IncidentId};

pub fn form(desk: &Desk, inc: &Incident) -> Form {
    let mut known: Vec<&str> = desk.incidents.iter().map(|i| i.engineer.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    let mut f = Form::new("Assign", vec![Field::text("Engineer", "name of the engineer")]);
    f.info.push(about(inc));
    f.info.push(format!("now: {}; engineers on the desk: {}", inc.engineer, known.join(", ")));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::Assign { incident, engineer: f.value("Engineer").to_string() })
}
