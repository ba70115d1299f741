//! What to do about a refusal, in command-line terms: subcommands and flags.

use crate::domain::{Hint, Refusal};

/// The refusal as the command line prints it: `refused (R6): why: what to do`.
pub fn refusal(refusal: &Refusal) -> String {
    match refusal.hint {
        Some(hint) => format!("{refusal}{}", text(hint)),
        None => refusal.to_string(),
    }
}

/// The hint, with what joins it to the reason.
fn text(hint: Hint) -> &'static str {
    match hint {
        Hint::SeeProducts => ": see `incidesk products`",
        Hint::SeeCustomers => ": see `incidesk customers`",
        Hint::SeePacks => ": see `incidesk packs`",
        Hint::SeeIncidents => ": check the id with `incidesk list --all`",
        Hint::AddContactOnDuty24x7 { .. } => ": add one with --on-duty-24x7, or choose business hours",
        Hint::MarkProductDefect => " (--product-defect)",
        Hint::CheckClock => ": check --now",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerId;

    #[test]
    fn r6_names_the_flag_that_adds_a_contact_on_duty() {
        let r = Refusal::rule(6, "24x7 coverage needs a contact at Fabrikam reachable round the clock")
            .hint(Hint::AddContactOnDuty24x7 { customer: CustomerId(2) });
        assert_eq!(
            refusal(&r),
            "refused (R6): 24x7 coverage needs a contact at Fabrikam reachable round the clock: \
             add one with --on-duty-24x7, or choose business hours"
        );
    }

    #[test]
    fn r14_names_the_product_defect_flag_in_brackets() {
        let r = Refusal::rule(14, "I-1 was resolved and stays charged; only a product defect is refunded")
            .hint(Hint::MarkProductDefect);
        assert!(refusal(&r).ends_with("only a product defect is refunded (--product-defect)"));
    }

    #[test]
    fn no_hint_is_the_refusal_alone() {
        let r = Refusal::invalid("the title is empty: give one");
        assert_eq!(refusal(&r), "refused: the title is empty: give one");
    }
}
