//! R14: the provider's billing decision — charge or refund, with a reason.

use super::{Choice, Field, Form, about};
use crate::domain::{Command, Decision, Incident, IncidentId};

pub fn form(inc: &Incident) -> Form {
    let options = vec![
        Choice::new("refund", "refund").note("the credit goes back to its pack"),
        Choice::new("charge", "charge").note("the credit stays used"),
        Choice::new("defect", "refund: product defect").note("never charged, whatever the closing"),
    ];
    let mut f = Form::new(
        "Billing decision",
        vec![Field::choice("Decision", options), Field::block("Reason", "why")],
    );
    f.info.push(about(inc));
    f.info.push(format!("billing now: {}; pack {}", inc.billing_state(), inc.pack));
    f
}

pub fn command(f: &Form, incident: IncidentId) -> Result<Command, String> {
    let (decision, product_defect) = match f.value("Decision") {
        "refund" => (Decision::Refund, false),
        "charge" => (Decision::Charge, false),
        "defect" => (Decision::Refund, true),
        other => {
            return Err(format!("Decision: choose refund, charge or product defect, not '{other}'"));
        }
    };
    Ok(Command::Bill { incident, decision, reason: f.value("Reason").to_string(), product_defect })
}
