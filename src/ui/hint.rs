//! What to do about a refusal, in the terms of the terminal desk: screens
//! and keys, taken from the key table so that what is said is what works.

use super::keymap::{Action, DialogKind, Screen};
use crate::domain::{Hint, Refusal};

/// The refusal as the desk shows it: `refused (R6): why: what to do`.
pub fn refusal(refusal: &Refusal) -> String {
    match refusal.hint {
        Some(hint) => format!("{refusal}{}", text(hint)),
        None => refusal.to_string(),
    }
}

/// The key that does `action`, as the footer and the help write it.
fn key(action: Action) -> &'static str {
    super::keymap::label_of(action)
}

/// The hint, with what joins it to the reason.
fn text(hint: Hint) -> String {
    let packs = key(Action::Show(Screen::Packs));
    match hint {
        Hint::SeeProducts => ": choose one of the products offered".into(),
        Hint::SeeCustomers => ": choose one of the customers offered".into(),
        Hint::SeePacks => format!(": see the packs screen ({packs})"),
        Hint::SeeIncidents => format!(": see the queue ({})", key(Action::Show(Screen::Queue))),
        Hint::AddContactOnDuty24x7 { .. } => format!(
            ": add one on the packs screen ({packs}, then {}), or choose business hours",
            key(Action::Dialog(DialogKind::NewContact))
        ),
        Hint::MarkProductDefect => ": choose “refund: product defect” if a product defect caused it".into(),
        Hint::CheckClock => ": check the clock this desk runs on".into(),
        Hint::MoreOpenTime => {
            "; give more open hours or fewer holidays (the Open hours and Remove days fields)".into()
        }
        Hint::SeeHistory { subject } => format!(
            ": see what changed in the history of {subject} ({}) and change it back by hand",
            key(Action::History)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerId;

    fn every_hint() -> Vec<Hint> {
        vec![
            Hint::SeeProducts,
            Hint::SeeCustomers,
            Hint::SeePacks,
            Hint::SeeIncidents,
            Hint::AddContactOnDuty24x7 { customer: CustomerId(3) },
            Hint::MarkProductDefect,
            Hint::CheckClock,
            Hint::SeeHistory { subject: crate::domain::Subject::Incident(crate::domain::IncidentId(4)) },
        ]
    }

    #[test]
    fn r6_names_the_screen_and_key_that_add_a_contact_on_duty() {
        let r = Refusal::rule(6, "24x7 coverage needs a contact at Northwind reachable round the clock")
            .hint(Hint::AddContactOnDuty24x7 { customer: CustomerId(3) });
        assert_eq!(
            refusal(&r),
            "refused (R6): 24x7 coverage needs a contact at Northwind reachable round the clock: \
             add one on the packs screen (2, then K), or choose business hours"
        );
    }

    #[test]
    fn no_hint_names_a_command_line_flag_or_subcommand() {
        for hint in every_hint() {
            let shown = refusal(&Refusal::invalid("something is wrong").hint(hint));
            assert!(!shown.contains("--") && !shown.contains('`'), "{hint:?}: {shown}");
            assert!(!shown.contains("incidesk ") && !shown.contains('?'), "{hint:?}: {shown}");
        }
    }
}
