//! Dialogs: one file per command. Each builds a [`Form`] from the desk, and
//! turns the filled form into one domain [`Command`]. A refusal is shown in
//! the dialog, which stays open so nothing typed is lost.

pub mod accept;
mod choice;
pub mod editing;
pub mod form;
mod picker;
pub mod view;

use crate::domain::{Command, CustomerId, Desk, Incident, IncidentId, Instant, PackId};
pub use form::{Choice, Field, FieldKind, FieldRef, Form, FormEvent};

/// What a dialog opens on: the desk, the selection when it was opened, now.
pub struct Opening<'a> {
    pub desk: &'a Desk,
    pub target: Target,
    pub now: Instant,
}

impl Opening<'_> {
    /// The selected incident, or why there is none.
    fn incident(&self) -> Result<&Incident, String> {
        let id = self.target.incident.ok_or_else(|| "select an incident first".to_string())?;
        self.desk.incident(id).ok_or_else(|| format!("{id} is no longer on the desk"))
    }
}

/// What every dialog is: the form it opens with (keeping typed handles on
/// its fields), what it works out again when a value changes, the one
/// command it sends, and the question it asks before an irreversible step.
pub trait DialogSpec: Sized {
    /// The dialog and its form, or why it can't open (nothing selected).
    fn open(at: &Opening) -> Result<(Self, Form), String>;

    /// After a value changed: dependent options and inline refusals.
    fn refresh(&self, _form: &mut Form, _at: &Opening) {}

    /// The command the filled form stands for.
    fn command(&self, form: &Form) -> Result<Command, String>;

    /// Irreversible steps ask for a second Enter, with this question.
    fn confirmation(&self, _form: &Form) -> Option<String> {
        None
    }
}

/// Declares every dialog once: its kind, its file and its type. Adding a
/// dialog is its file and one line here (and its key in the key table).
macro_rules! dialogs {
    ($($kind:ident => $file:ident :: $spec:ident,)*) => {
        $(mod $file;)*

        /// Dialogs that change the desk, one per command.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum DialogKind {
            $($kind,)*
        }

        /// The open dialog's own part: its handles and what it works on.
        #[derive(Debug, Clone, PartialEq, Eq)]
        enum Spec {
            $($kind($file::$spec),)*
        }

        impl Spec {
            fn open(kind: DialogKind, at: &Opening) -> Result<(Spec, Form), String> {
                match kind {
                    $(DialogKind::$kind => $file::$spec::open(at).map(|(s, f)| (Spec::$kind(s), f)),)*
                }
            }

            fn refresh(&self, form: &mut Form, at: &Opening) {
                match self {
                    $(Spec::$kind(s) => s.refresh(form, at),)*
                }
            }

            fn command(&self, form: &Form) -> Result<Command, String> {
                match self {
                    $(Spec::$kind(s) => s.command(form),)*
                }
            }

            fn confirmation(&self, form: &Form) -> Option<String> {
                match self {
                    $(Spec::$kind(s) => s.confirmation(form),)*
                }
            }
        }
    };
}

dialogs! {
    NewIncident => new_incident::NewIncident,
    Respond => respond::Respond,
    Contact => contact::Contact,
    Propose => propose::Propose,
    Severity => severity::ChangeSeverity,
    Amend => amend::Amend,
    Split => split::Split,
    Close => close::Close,
    Bill => bill::Bill,
    Assign => assign::Assign,
    BuyPack => buy_pack::BuyPack,
    TransferPack => transfer_pack::TransferPack,
    NewCustomer => new_customer::NewCustomer,
    NewContact => new_contact::NewContact,
    TaxExempt => tax_exempt::TaxExempt,
    Calendar => calendar::EditCalendar,
    NewProduct => new_product::NewProduct,
}

/// What the dialog is about: the selection when it was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Target {
    pub incident: Option<IncidentId>,
    pub customer: Option<CustomerId>,
    pub pack: Option<PackId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub kind: DialogKind,
    pub form: Form,
    pub target: Target,
    spec: Spec,
}

/// Opens a dialog, or says why it can't be opened (e.g. nothing selected).
pub fn open(kind: DialogKind, desk: &Desk, target: Target, now: Instant) -> Result<Dialog, String> {
    let at = Opening { desk, target, now };
    let (spec, form) = Spec::open(kind, &at)?;
    let mut dialog = Dialog { kind, form, target, spec };
    refresh(&mut dialog, desk, now);
    Ok(dialog)
}

/// Re-derives dependent options and inline refusals after a change.
pub fn refresh(dialog: &mut Dialog, desk: &Desk, now: Instant) {
    let at = Opening { desk, target: dialog.target, now };
    dialog.spec.refresh(&mut dialog.form, &at);
}

/// The command the filled form stands for.
pub fn command(dialog: &Dialog) -> Result<Command, String> {
    dialog.spec.command(&dialog.form)
}

/// Irreversible steps ask for a second Enter, with this question.
pub fn confirmation(dialog: &Dialog) -> Option<String> {
    dialog.spec.confirmation(&dialog.form)
}

/// The key that undoes a change, for confirmations that say so.
fn undo_key() -> &'static str {
    crate::ui::keymap::label_of(crate::ui::keymap::Action::Undo)
}

/// The info line naming the incident a dialog works on.
fn about(inc: &Incident) -> String {
    format!("{} · sev {} · {} · {}", inc.id, inc.severity, inc.coverage, inc.title)
}

/// Every customer, the selected one first.
fn customer_choices(desk: &Desk, first: Option<CustomerId>) -> Vec<Choice> {
    let mut v: Vec<Choice> = desk
        .customers
        .iter()
        .map(|c| Choice::new(c.id.to_string(), c.name.clone()).note(c.id.to_string()))
        .collect();
    if let Some(i) = first.and_then(|id| v.iter().position(|c| c.value == id.to_string())) {
        let c = v.remove(i);
        v.insert(0, c);
    }
    v
}
