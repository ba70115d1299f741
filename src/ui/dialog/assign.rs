//! Hand an incident to another engineer: one of the desk's engineers, or a
//! new one added on purpose ("+ add 'ben' as a new engineer", confirmed).

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, Desk, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    incident: IncidentId,
    engineer: FieldRef,
}

/// The engineers the desk knows: everyone an incident was assigned to.
fn engineers(desk: &Desk) -> Vec<String> {
    let mut known: Vec<String> = desk.incidents.iter().map(|i| i.engineer.clone()).collect();
    known.sort_unstable_by_key(|e| e.to_lowercase());
    known.dedup();
    known
}

/// The desk's engineers, and for a typed name that is none of them, the
/// choice to add it.
fn choices(desk: &Desk, now_assigned: &str, typed: &str) -> Vec<Choice> {
    let known = engineers(desk);
    let typed = crate::domain::text::clean_line(typed.trim());
    let new = !typed.is_empty() && !known.iter().any(|e| e.eq_ignore_ascii_case(&typed));
    let mut v: Vec<Choice> = known
        .into_iter()
        .map(|e| {
            let note = if e == now_assigned { "assigned now" } else { "" };
            Choice::new(e.clone(), e).note(note)
        })
        .collect();
    if new {
        v.push(Choice::new(typed.clone(), format!("+ add '{typed}' as a new engineer")).extra());
    }
    v
}

impl DialogSpec for Assign {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let mut f = Form::titled("Assign");
        let mut field = Field::choice("Engineer", choices(at.desk, &inc.engineer, ""));
        field.hint = "type to find an engineer, or a new name to add one";
        field.select_value(&inc.engineer);
        let engineer = f.add(field);
        f.info.push(about(inc));
        f.info.push(format!("now: {}", inc.engineer));
        Ok((Assign { incident: inc.id, engineer }, f))
    }

    fn refresh(&self, f: &mut Form, at: &Opening) {
        let Some(inc) = at.desk.incident(self.incident) else { return };
        let typed = f.get(self.engineer).text.clone();
        f.get_mut(self.engineer).set_options(choices(at.desk, &inc.engineer, &typed));
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let engineer = f.text(self.engineer);
        if engineer.is_empty() {
            return Err("Engineer: choose one of the desk's engineers, or type a new name".into());
        }
        Ok(Command::Assign { incident: self.incident, engineer: engineer.to_string() })
    }

    fn confirmation(&self, f: &Form) -> Option<String> {
        let chosen = f.get(self.engineer).chosen().filter(|c| c.extra)?;
        Some(format!("Add '{}' as a new engineer and assign {} to them?", chosen.value, self.incident))
    }
}
