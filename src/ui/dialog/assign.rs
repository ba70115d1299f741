//! Hand an incident to another engineer.

use super::{DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    incident: IncidentId,
    engineer: FieldRef,
}

impl DialogSpec for Assign {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let mut known: Vec<&str> = at.desk.incidents.iter().map(|i| i.engineer.as_str()).collect();
        known.sort_unstable();
        known.dedup();
        let mut f = Form::titled("Assign");
        let engineer = f.add(Field::text("Engineer", "name of the engineer"));
        f.info.push(about(inc));
        f.info.push(format!("now: {}; engineers on the desk: {}", inc.engineer, known.join(", ")));
        Ok((Assign { incident: inc.id, engineer }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::Assign { incident: self.incident, engineer: f.text(self.engineer).to_string() })
    }
}
