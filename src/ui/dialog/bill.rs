//! R14: the provider's billing decision — charge or refund, with a reason.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, about};
use crate::domain::{Command, Decision, IncidentId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    incident: IncidentId,
    decision: FieldRef,
    reason: FieldRef,
}

impl DialogSpec for Bill {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let inc = at.incident()?;
        let options = vec![
            Choice::new("refund", "refund").note("the credit goes back to its pack"),
            Choice::new("charge", "charge").note("the credit stays used"),
            Choice::new("defect", "refund: product defect").note("never charged, whatever the closing"),
        ];
        let mut f = Form::titled("Billing decision");
        let decision = f.add(Field::choice("Decision", options));
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
        Some(format!("Record the billing decision '{}'? It is final.", f.text(self.decision)))
    }
}
