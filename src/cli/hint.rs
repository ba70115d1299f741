//! What to do about a refusal, in command-line terms: subcommands and flags.

use crate::domain::{Hint, Refusal};
use serde::Serialize;

/// What to do about an error, as data for `--json` (docs/JSON.md): the
/// flags, environment variables or values to give, or a command to run.
/// Every field is always there (empty or null) so that scripts need no checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// The same advice for people, e.g. "see `incidesk products`".
    pub text: Option<String>,
    /// Flags to give (`--resolved`): one of them, unless the text says otherwise.
    pub flags: Vec<String>,
    /// Environment variables that would do as well (`INCIDESK_ENGINEER`).
    pub env: Vec<String>,
    /// The values accepted, for a value that does not parse.
    pub values: Vec<String>,
    /// A command to run, e.g. `incidesk list --all`.
    pub command: Option<String>,
}

impl Advice {
    /// Advice made of these flags, said as `text`.
    pub fn flags(text: &str, flags: &[&str]) -> Self {
        Advice {
            text: Some(text.to_string()),
            flags: flags.iter().map(|f| f.to_string()).collect(),
            ..Advice::default()
        }
    }

    /// The advice a message for people carries: the command line's messages
    /// name what to do as `--flags`, `INCIDESK_*` variables and a command in
    /// backticks (`` see `incidesk customers` ``), after the last ": ".
    /// `None` when it names none of them.
    pub fn from_message(message: &str) -> Option<Advice> {
        // Flags inside a command in backticks belong to the command.
        let outside: String = message.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let words = || {
            outside
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '`' | '\'' | '"'))
                .map(|w| w.trim_end_matches(['.', ':']))
        };
        let mut flags: Vec<String> = Vec::new();
        for w in words().filter(|w| w.len() > 2 && w.starts_with("--")) {
            let flag = w.split('=').next().unwrap_or(w).to_string();
            if !flags.contains(&flag) {
                flags.push(flag);
            }
        }
        let mut env: Vec<String> = Vec::new();
        for w in words().filter(|w| w.starts_with("INCIDESK_")) {
            if !env.contains(&w.to_string()) {
                env.push(w.to_string());
            }
        }
        let command = message.split('`').nth(1).filter(|c| c.starts_with("incidesk")).map(str::to_string);
        if flags.is_empty() && env.is_empty() && command.is_none() {
            return None;
        }
        let text = message.rsplit_once(": ").map_or(message, |(_, tail)| tail).to_string();
        Some(Advice { text: Some(text), flags, env, values: Vec::new(), command })
    }
}

/// A refusal's hint as data: the same advice as [`text`] says.
pub fn advice(hint: Hint) -> Advice {
    let said = text(hint).trim_start_matches([':', ';', ' ']).trim_matches(['(', ')']).to_string();
    let see = |command: &str| Advice {
        text: Some(said.clone()),
        command: Some(format!("incidesk {command}")),
        ..Advice::default()
    };
    match hint {
        Hint::SeeProducts => see("products"),
        Hint::SeeCustomers => see("customers"),
        Hint::SeePacks => see("packs"),
        Hint::SeeIncidents => see("list --all"),
        Hint::AddContactOnDuty24x7 { customer } => Advice {
            command: Some(format!(
                "incidesk customer contact add --customer {customer} --name NAME --on-duty-24x7"
            )),
            ..Advice::flags(&said, &["--on-duty-24x7", "--coverage business"])
        },
        Hint::MarkProductDefect => Advice::flags(&said, &["--product-defect"]),
        Hint::CheckClock => Advice { env: vec!["INCIDESK_NOW".into()], ..Advice::flags(&said, &["--now"]) },
        Hint::MoreOpenTime => Advice::flags(&said, &["--hours", "--remove-holiday"]),
        Hint::SeeHistory { subject } => Advice {
            text: Some(format!(
                "see what changed with `incidesk history {subject}` and change it back by hand"
            )),
            command: Some(format!("incidesk history {subject}")),
            ..Advice::default()
        },
    }
}

/// The refusal as the command line prints it: `refused (R6): why: what to do`.
pub fn refusal(refusal: &Refusal) -> String {
    match refusal.hint {
        Some(hint) => format!("{refusal}{}", text(hint)),
        None => refusal.to_string(),
    }
}

/// The hint, with what joins it to the reason.
fn text(hint: Hint) -> std::borrow::Cow<'static, str> {
    let said: &'static str = match hint {
        Hint::SeeProducts => ": see `incidesk products`",
        Hint::SeeCustomers => ": see `incidesk customers`",
        Hint::SeePacks => ": see `incidesk packs`",
        Hint::SeeIncidents => ": check the id with `incidesk list --all`",
        Hint::AddContactOnDuty24x7 { .. } => ": add one with --on-duty-24x7, or choose business hours",
        Hint::MarkProductDefect => " (--product-defect)",
        Hint::CheckClock => ": check --now",
        Hint::MoreOpenTime => "; give more open hours (e.g. --hours 'mon-fri 08:00-17:00') or fewer holidays",
        Hint::SeeHistory { subject } => {
            return format!(
                ": see what changed with `incidesk history {subject}` and change it back by hand"
            )
            .into();
        }
    };
    said.into()
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
    fn each_hint_as_data_says_what_its_text_says() {
        let defect = advice(Hint::MarkProductDefect);
        assert_eq!(defect.flags, ["--product-defect"]);
        assert_eq!(defect.text.as_deref(), Some("--product-defect"));
        let duty = advice(Hint::AddContactOnDuty24x7 { customer: CustomerId(2) });
        assert_eq!(duty.flags[0], "--on-duty-24x7");
        assert!(duty.command.as_deref().is_some_and(|c| c.contains("--customer C-2")), "{duty:?}");
        assert_eq!(advice(Hint::SeeIncidents).command.as_deref(), Some("incidesk list --all"));
    }

    #[test]
    fn a_message_names_its_flags_variables_and_command() {
        let a = Advice::from_message("no customer matches 'x': see `incidesk customers`").unwrap();
        assert_eq!(a.command.as_deref(), Some("incidesk customers"));
        assert_eq!(a.text.as_deref(), Some("see `incidesk customers`"));
        let a =
            Advice::from_message("nobody signs: give --engineer NAME, or set INCIDESK_ENGINEER (or USER)")
                .unwrap();
        assert_eq!((a.flags, a.env), (vec!["--engineer".to_string()], vec!["INCIDESK_ENGINEER".to_string()]));
        assert_eq!(Advice::from_message("the file is damaged"), None);
    }

    #[test]
    fn no_hint_is_the_refusal_alone() {
        let r = Refusal::invalid("the title is empty: give one");
        assert_eq!(refusal(&r), "refused: the title is empty: give one");
    }
}
