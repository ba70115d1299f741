//! Taking the records an undo needs around a command, and undoing: apart
//! from the records (`undo.rs`), which the command type itself holds.

use super::command::Command;
use super::desk::Desk;
use super::done::{Ctx, Done, Outcome};
use super::history::Subject;
use super::ids::CustomerId;
use super::model::Instant;
use super::refusal::{Hint, Refusal};
use super::undo::{Snapshot, Undo, absent};

impl Desk {
    /// Things an existing-entity command may change (created ones are found after).
    pub(crate) fn may_touch(&self, command: &Command) -> Vec<Subject> {
        use Command::*;
        let packs_of = |c: CustomerId| self.packs_of(c).map(|p| Subject::Pack(p.id)).collect::<Vec<_>>();
        match command {
            AddContact { customer, .. }
            | SetTaxExemption { customer, .. }
            | EditCalendar { customer, .. } => {
                vec![Subject::Customer(*customer)]
            }
            TransferPack { pack, order_number, .. } => pack
                .or_else(|| {
                    self.packs
                        .iter()
                        .find(|p| p.order_number.eq_ignore_ascii_case(order_number.trim()))
                        .map(|p| p.id)
                })
                .map(Subject::Pack)
                .into_iter()
                .collect(),
            OpenIncident { customer, .. } => packs_of(*customer),
            other => match other.incident() {
                Some(id) => {
                    let mut v = vec![Subject::Incident(id)];
                    if let Some(inc) = self.incident(id) {
                        v.extend(packs_of(inc.customer));
                    }
                    v
                }
                None => Vec::new(),
            },
        }
    }

    /// Like [`Desk::execute`], and also returns how to undo the change.
    pub fn execute_with_undo(
        &mut self,
        command: Command,
        now: Instant,
        who: &str,
    ) -> Result<(Outcome, Option<Undo>), Refusal> {
        if matches!(command, Command::Undo { .. }) {
            return self.execute(command, now, who).map(|o| (o, None));
        }
        let mut subjects = self.may_touch(&command);
        let before: Vec<Snapshot> = subjects.iter().map(|s| self.snapshot(*s)).collect();
        let outcome = self.execute(command, now, who)?;
        subjects.extend(outcome.created.iter().copied());
        let mut pairs: Vec<(Snapshot, Snapshot)> = Vec::new();
        for (i, s) in subjects.iter().enumerate() {
            let b = before.get(i).cloned().unwrap_or_else(|| absent(*s));
            let a = self.snapshot(*s);
            if a != b {
                pairs.push((b, a));
            }
        }
        let (before, after) = pairs.into_iter().unzip();
        let undo = Undo { description: outcome.message.clone(), before, after };
        Ok((outcome, Some(undo)))
    }
}

/// R21: undoes a change if nothing it touched has changed since.
pub(crate) fn undo(desk: &mut Desk, _ctx: &Ctx, undo: Undo) -> Result<Done, Refusal> {
    for after in &undo.after {
        if desk.snapshot(after.subject()) != *after {
            return Err(Refusal::rule(
                21,
                format!(
                    "{} has changed since '{}', so undoing it would lose what changed after",
                    after.subject(),
                    undo.description
                ),
            )
            .hint(Hint::SeeHistory { subject: after.subject() }));
        }
    }
    let subjects: Vec<Subject> = undo.before.iter().map(Snapshot::subject).collect();
    for snapshot in undo.before {
        desk.restore(snapshot);
    }
    let what = format!("undo of: {}", undo.description);
    let subject = subjects.first().copied().unwrap_or(Subject::Customer(CustomerId(0)));
    Ok(Done {
        change: None,
        subject,
        created: Vec::new(),
        history: subjects.iter().map(|s| (*s, what.clone())).collect(),
        message: what,
    })
}
