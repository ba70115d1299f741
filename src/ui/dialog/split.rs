//! R1: split sub-problems off an incident; the dialog shows the credits the
//! split needs and those left, and refuses when they don't suffice.

use super::{Field, Form, Target, about};
use crate::domain::{Command, Desk, Incident, IncidentId, Instant, checks};
use crate::ui::hint;

pub fn form(desk: &Desk, inc: &Incident, now: Instant) -> Form {
    let mut f = Form::new("Split incident", vec![Field::block("New incidents", "one title per line")]);
    f.info.push(about(inc));
    refresh(&mut f, desk, Target { incident: Some(inc.id), ..Target::default() }, now);
    f
}

fn titles(f: &Form) -> Vec<String> {
    f.value("New incidents").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Credits the submitting account can still use (R16, R17).
fn credits_left(desk: &Desk, inc: &Incident, now: Instant) -> u32 {
    let date = desk.local_date(inc.customer, now);
    desk.packs_of(inc.customer)
        .filter(|p| p.owner.eq_ignore_ascii_case(&inc.account))
        .map(|p| p.available_on(date))
        .sum()
}

pub fn refresh(f: &mut Form, desk: &Desk, target: Target, now: Instant) {
    let Some(inc) = target.incident.and_then(|id| desk.incident(id)) else {
        return;
    };
    let titles = titles(f);
    let needed = titles.len() as u32;
    let left = credits_left(desk, inc, now);
    f.info.truncate(1);
    f.info.push(format!("needs {needed} credit(s); {} has {left} left", inc.account));
    if needed > 0
        && let Err(r) = checks::split(desk, inc.id, &titles, now)
    {
        f.error = Some(hint::refusal(&r));
    }
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    Ok(Command::Split { incident, into: titles(f) })
}
