//! The one command type: the TUI and the command line both send these to
//! [`Desk::execute`](super::Desk::execute).

use super::calendar::Calendar;
use super::calendar_edit::CalendarEdit;
use super::ids::{CustomerId, IncidentId, PackId, ProductId};
use super::model::{Category, Closing, ContactKind, Coverage, Decision, Severity};
use super::text::{clean_block, clean_line};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every change the desk knows how to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "kebab-case")]
pub enum Command {
    AddCustomer {
        name: String,
        calendar: Calendar,
    },
    /// R5: a change to the customer's calendar from `from` (a local date;
    /// none: now) on; incidents already submitted keep theirs.
    EditCalendar {
        customer: CustomerId,
        edit: CalendarEdit,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<NaiveDate>,
    },
    /// R6: `on_duty_24x7` marks the contact reachable round the clock.
    AddContact {
        customer: CustomerId,
        name: String,
        reach: String,
        on_duty_24x7: bool,
    },
    /// R20
    SetTaxExemption {
        customer: CustomerId,
        reference: String,
        received: NaiveDate,
        expires: Option<NaiveDate>,
    },
    /// R9
    AddProduct {
        name: String,
        mainstream_end: NaiveDate,
        extended_end: NaiveDate,
    },
    /// R16, R17, R20: a pack of five bought by an account.
    BuyPack {
        customer: CustomerId,
        account: String,
        order_number: String,
        purchased: Option<NaiveDate>,
    },
    /// R18: the pack is found by its order number when no id is given.
    TransferPack {
        pack: Option<PackId>,
        order_number: String,
        to: String,
    },
    /// R3–R6, R9–R11, R14, R16, R17, R19
    OpenIncident {
        customer: CustomerId,
        account: String,
        product: ProductId,
        category: Category,
        severity: Severity,
        coverage: Coverage,
        title: String,
        problem: String,
        /// Who at the customer agreed to the problem statement (R3); the
        /// submitting account when empty.
        agreed_with: String,
        /// Use this pack rather than the one R19 would choose.
        pack: Option<PackId>,
    },
    /// R8: the engineer's first response.
    Respond {
        incident: IncidentId,
        note: String,
    },
    /// R2
    LogContact {
        incident: IncidentId,
        kind: ContactKind,
        minutes: u32,
        note: String,
    },
    /// R12
    Propose {
        incident: IncidentId,
        text: String,
    },
    /// R7
    ChangeSeverity {
        incident: IncidentId,
        to: Severity,
        reason: String,
    },
    /// R3
    Amend {
        incident: IncidentId,
        problem: String,
        reason: String,
    },
    /// R1
    Split {
        incident: IncidentId,
        into: Vec<String>,
    },
    /// R12, R13, R15
    Close {
        incident: IncidentId,
        how: Closing,
        note: String,
    },
    /// R14
    Bill {
        incident: IncidentId,
        decision: Decision,
        reason: String,
        product_defect: bool,
    },
    Assign {
        incident: IncidentId,
        engineer: String,
    },
    /// Puts back what an earlier change of one's own changed (R21 records it).
    Undo {
        undo: Box<super::undo::Undo>,
    },
}

impl Command {
    /// Cleans every piece of text in the command (see [`super::text`]).
    pub fn cleaned(mut self) -> Self {
        use Command::*;
        let line = |s: &mut String| *s = clean_line(s);
        let block = |s: &mut String| *s = clean_block(s);
        match &mut self {
            AddCustomer { name, .. } => line(name),
            AddContact { name, reach, .. } => {
                line(name);
                line(reach);
            }
            SetTaxExemption { reference, .. } => line(reference),
            AddProduct { name, .. } => line(name),
            BuyPack { account, order_number, .. } => {
                line(account);
                line(order_number);
            }
            TransferPack { order_number, to, .. } => {
                line(order_number);
                line(to);
            }
            OpenIncident { account, title, problem, agreed_with, .. } => {
                line(account);
                line(title);
                block(problem);
                line(agreed_with);
            }
            Respond { note, .. } | LogContact { note, .. } | Close { note, .. } => block(note),
            Propose { text, .. } => block(text),
            ChangeSeverity { reason, .. } | Bill { reason, .. } => block(reason),
            Amend { problem, reason, .. } => {
                block(problem);
                block(reason);
            }
            Split { into, .. } => into.iter_mut().for_each(line),
            Assign { engineer, .. } => line(engineer),
            EditCalendar { .. } | Undo { .. } => {}
        }
        self
    }

    /// The existing incident the command works on, for those that work on one.
    pub fn incident(&self) -> Option<IncidentId> {
        use Command::*;
        match self {
            Respond { incident, .. }
            | LogContact { incident, .. }
            | Propose { incident, .. }
            | ChangeSeverity { incident, .. }
            | Amend { incident, .. }
            | Split { incident, .. }
            | Close { incident, .. }
            | Bill { incident, .. }
            | Assign { incident, .. } => Some(*incident),
            _ => None,
        }
    }

    /// The existing incidents the command names (an archived one must be
    /// brought back to the live desk before the command can see it).
    pub fn incidents(&self) -> Vec<IncidentId> {
        match self {
            Command::Undo { undo } => undo
                .before
                .iter()
                .chain(&undo.after)
                .filter_map(|s| match s {
                    super::undo::Snapshot::Incident(id, _) => Some(*id),
                    _ => None,
                })
                .collect(),
            other => other.incident().into_iter().collect(),
        }
    }
}
