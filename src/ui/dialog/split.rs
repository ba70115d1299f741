//! R1: split sub-problems off an incident; the dialog shows the credits the
//! split needs and those left, and refuses when they don't suffice.

use super::{DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, Desk, Incident, IncidentId, Instant, checks};
use crate::ui::hint;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    incident: IncidentId,
    titles: FieldRef,
}

impl Split {
    fn titles(&self, f: &Form) -> Vec<String> {
        f.text(self.titles).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }
}

/// Credits the submitting account can still use (R16, R17).
fn credits_left(desk: &Desk, inc: &Incident, now: Instant) -> u32 {
    let date = desk.local_date(inc.customer, now);
    desk.packs_of(inc.customer)
        .filter(|p| p.owner.eq_ignore_ascii_case(&inc.account))
        .map(|p| p.available_on(date))
        .sum()
}

impl DialogSpec for Split {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let mut f = Form::titled("Split incident");
        let titles = f.add(Field::block("New incidents", "one title per line"));
        f.info.push(about(inc));
        Ok((Split { incident: inc.id, titles }, f))
    }

    fn refresh(&self, f: &mut Form, at: &Opening) {
        let Some(inc) = at.desk.incident(self.incident) else {
            return;
        };
        let titles = self.titles(f);
        let needed = titles.len() as u32;
        let left = credits_left(at.desk, inc, at.now);
        f.info.truncate(1);
        f.info.push(format!("needs {needed} credit(s); {} has {left} left", inc.account));
        f.refused = if needed > 0 {
            checks::split(at.desk, inc.id, &titles, at.now).err().map(|r| hint::refusal(&r))
        } else {
            None
        };
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::Split { incident: self.incident, into: self.titles(f) })
    }

    fn confirmation(&self, _f: &Form) -> Option<String> {
        Some(format!("Split now? Each new incident takes a credit ({} undoes it).", super::undo_key()))
    }
}
