//! R14: the provider's billing decision — charge or refund, with a reason.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, Decision, IncidentId, checks};
use crate::ui::hint;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    incident: IncidentId,
    decision: FieldRef,
    reason: FieldRef,
}

impl DialogSpec for Bill {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        // What R14 allows for this incident, said on each option; when it
        // allows nothing (already billed, still open), said at once.
        let refusal = |decision, defect| checks::billing(inc, decision, defect).err();
        let options: Vec<Choice> = [
            ("refund", "refund", "the credit goes back to its pack", Decision::Refund, false),
            ("charge", "charge", "the credit stays used", Decision::Charge, false),
            ("defect", "refund: product defect", "never charged, whatever the closing", Decision::Refund, true),
        ]
        .into_iter()
        .map(|(value, label, note, decision, defect)| {
            Choice::new(value, label).note(note).refused(refusal(decision, defect).map(|r| hint::refusal(&r)))
        })
        .collect();
        let allowed = options.iter().find(|c| c.refusal.is_none()).map(|c| c.value.clone());
        let Some(allowed) = allowed else {
            let r = refusal(Decision::Refund, true).or_else(|| refusal(Decision::Charge, false));
            return Err(r.map_or_else(|| "billing can't be decided".to_string(), |r| hint::refusal(&r)));
        };
        let mut f = Form::titled("Billing decision");
        let decision = f.add(Field::choice("Decision", options));
        f.get_mut(decision).select_value(&allowed);
        let reason = f.add(Field::block("Reason", "why"));
        f.info.push(about(inc));
        f.info.push(format!("billing now: {}; pack {}", inc.billing_state(), inc.pack));
        Ok((Bill { incident: inc.id, decision, reason }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let (decision, product_defect) = match f.text(self.decision) {
            "refund" => (Decision::Refund, false),
            "charge" => (Decision::Charge, false),
            "defect" => (Decision::Refund, true),
            other => {
                return Err(format!("Decision: choose refund, charge or product defect, not '{other}'"));
            }
        };
        let reason = f.text(self.reason).to_string();
        Ok(Command::Bill { incident: self.incident, decision, reason, product_defect })
    }

    fn confirmation(&self, f: &Form) -> Option<String> {
        Some(format!(
            "Record the billing decision '{}'? It is decided once ({} undoes it).",
            f.text(self.decision),
            super::undo_key()
        ))
    }
}
