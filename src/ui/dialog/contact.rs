//! R2: log a call, e-mail, chat, remote session or offline research.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, ContactKind, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    incident: IncidentId,
    kind: FieldRef,
    minutes: FieldRef,
    note: FieldRef,
}

impl DialogSpec for Contact {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let kinds = ContactKind::ALL.iter().map(|k| Choice::new(k.name(), k.name())).collect();
        let mut f = Form::titled("Log a contact");
        let kind = f.add(Field::choice("Kind", kinds));
        let minutes = f.add(Field::text("Minutes", "time spent, informative only"));
        let note = f.add(Field::block("Note", "what was done or said"));
        f.info.push(about(inc));
        f.info.push("R2: time is informative only, the charge is per incident".into());
        Ok((Contact { incident: inc.id, kind, minutes, note }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let minutes = f.text(self.minutes);
        let minutes = if minutes.is_empty() {
            0
        } else {
            minutes.parse().map_err(|_| format!("Minutes: '{minutes}' is not a whole number of minutes"))?
        };
        Ok(Command::LogContact {
            incident: self.incident,
            kind: f.parse(self.kind)?,
            minutes,
            note: f.text(self.note).to_string(),
        })
    }
}
