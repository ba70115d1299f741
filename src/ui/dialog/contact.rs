//! R2: log a call, e-mail, chat, remote session or offline research.

use super::{Choice, Field, Form, about, parsed};
use crate::domain::{Command, ContactKind, Incident, IncidentId};

pub fn form(inc: &Incident) -> Form {
    let kinds = ContactKind::ALL.iter().map(|k| Choice::new(k.name(), k.name())).collect();
    let mut f = Form::new(
        "Log a contact",
        vec![
            Field::choice("Kind", kinds),
            Field::text("Minutes", "time spent, informative only").with_text("0"),
            Field::block("Note", "what was done or said"),
        ],
    );
    f.info.push(about(inc));
    f.info.push("R2: time is informative only, the charge is per incident".into());
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    let minutes = f.value("Minutes");
    let minutes = if minutes.is_empty() {
        0
    } else {
        minutes.parse().map_err(|_| format!("Minutes: '{minutes}' is not a whole number of minutes"))?
    };
    Ok(Command::LogContact { incident, kind: parsed(f, "Kind")?, minutes, note: f.value("Note").to_string() })
}
