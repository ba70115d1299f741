//! The queue: incidents with their countdowns, sorted by time to breach and
//! narrowed by a filter query such as `sev:A state:breached customer:contoso mail`.

use super::desk::Desk;
use super::model::{Billing, Coverage, Customer, Incident, Instant, Severity};
use super::sla::{self, Countdown, SlaState};
use std::cmp::Ordering;

/// One incident as the queue shows it.
#[derive(Debug, Clone, Copy)]
pub struct QueueRow<'a> {
    pub incident: &'a Incident,
    pub customer: Option<&'a Customer>,
    pub countdown: Countdown,
}

/// A parsed filter query. Every given part must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub severities: Vec<Severity>,
    pub states: Vec<SlaState>,
    pub coverages: Vec<Coverage>,
    /// Lower-case fragments of the customer name or id.
    pub customers: Vec<String>,
    pub engineers: Vec<String>,
    pub statuses: Vec<String>,
    /// `paused:yes` keeps business-hours clocks outside open hours, `paused:no` the others.
    pub paused: Option<bool>,
    /// Lower-case words that must all appear in id, title, customer or problem.
    pub words: Vec<String>,
    /// R14: where the incident's credit stands (`billing:pending` is what
    /// waits for a lead's decision).
    pub billing: Vec<Billing>,
}

pub const FILTER_KEYS: &str = "sev:A|B|C  state:breached|at-risk|on-track|met|missed  paused:yes|no  cov:24x7|business  customer:NAME  eng:NAME  status:new|working|resolved|unresolved|withdrawn|open|closed  billing:pending|charged|refunded|debited  words";

/// Every part of the filter language with its values, for the help: the
/// key as typed, its values, what it keeps.
pub const FILTER_HELP: &[(&str, &str, &str)] = &[
    ("sev:", "A, B, C", "severity (sev:A,B: either)"),
    ("state:", "breached, at-risk, on-track, met, missed", "R8 state"),
    ("paused:", "yes, no", "clocks outside open hours"),
    ("cov:", "24x7, business", "coverage"),
    ("customer:", "NAME", "customers whose name or id contains it"),
    ("eng:", "NAME", "incidents of an engineer"),
    ("status:", "new, working, resolved, unresolved, withdrawn, open, closed", ""),
    ("billing:", "pending, charged, refunded, debited", "R14 credit"),
    ("words", "any", "in the id, title, customer or problem"),
];

impl Filter {
    /// Parses `key:value` parts and free words; a wrong part is an error that
    /// says what would be right.
    pub fn parse(query: &str) -> Result<Filter, String> {
        let mut f = Filter::default();
        for part in query.split_whitespace() {
            let Some((key, value)) = part.split_once(':') else {
                f.words.push(part.to_lowercase());
                continue;
            };
            let value = value.to_lowercase();
            if value.is_empty() {
                return Err(format!("'{part}' has no value after the colon"));
            }
            match key.to_lowercase().as_str() {
                "sev" | "severity" => {
                    for v in value.split(',') {
                        f.severities.push(v.parse()?);
                    }
                }
                "state" => {
                    for v in value.split(',') {
                        f.states.push(parse_state(v)?);
                    }
                }
                "cov" | "coverage" => {
                    for v in value.split(',') {
                        f.coverages.push(v.parse()?);
                    }
                }
                "customer" | "cust" => f.customers.push(value),
                "eng" | "engineer" => f.engineers.push(value),
                "status" => f.statuses.push(value),
                "billing" => {
                    for v in value.split(',') {
                        f.billing.push(parse_billing(v)?);
                    }
                }
                "paused" => {
                    f.paused = Some(match value.as_str() {
                        "yes" | "y" | "true" => true,
                        "no" | "n" | "false" => false,
                        _ => return Err(format!("'{part}': write paused:yes or paused:no")),
                    })
                }
                other => {
                    return Err(format!(
                        "'{other}:' is not a filter key: use sev:, state:, paused:, cov:, customer:, eng:, status: or billing:"
                    ));
                }
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, row: &QueueRow) -> bool {
        let inc = row.incident;
        // Text is lowered only for the parts that are given: most queries
        // have none, and the queue asks every open incident.
        let customer_name = || row.customer.map(|c| c.name.to_lowercase()).unwrap_or_default();
        let any = |list: &[String], hay: &dyn Fn() -> String| {
            list.is_empty() || {
                let hay = hay();
                list.iter().any(|v| hay.contains(v.as_str()))
            }
        };
        (self.severities.is_empty() || self.severities.contains(&inc.severity))
            && (self.coverages.is_empty() || self.coverages.contains(&inc.coverage))
            && (self.states.is_empty() || self.states.contains(&row.countdown.state))
            && self.paused.is_none_or(|p| p == row.countdown.paused)
            && any(&self.customers, &|| format!("{} {}", customer_name(), inc.customer).to_lowercase())
            && any(&self.engineers, &|| inc.engineer.to_lowercase())
            && (self.statuses.is_empty() || self.statuses.iter().any(|s| status_matches(inc, s)))
            && (self.billing.is_empty() || self.billing.contains(&inc.billing_state()))
            && (self.words.is_empty() || {
                let hay = format!("{} {} {} {}", inc.id, inc.title, customer_name(), inc.problem.current())
                    .to_lowercase();
                self.words.iter().all(|w| hay.contains(w.as_str()))
            })
    }
}

fn parse_state(v: &str) -> Result<SlaState, String> {
    Ok(match v {
        "breached" => SlaState::Breached,
        "at-risk" | "atrisk" | "risk" => SlaState::AtRisk,
        "on-track" | "ontrack" | "ok" => SlaState::OnTrack,
        "met" => SlaState::Met,
        "missed" => SlaState::Missed,
        "no-due-time" | "no-due" => SlaState::NoOpening,
        "paused" => return Err("paused is not a state of its own: write paused:yes".into()),
        _ => {
            return Err(format!("'{v}' is not a state: use breached, at-risk, on-track, met or missed"));
        }
    })
}

fn parse_billing(v: &str) -> Result<Billing, String> {
    Ok(match v {
        "pending" => Billing::Pending,
        "charged" => Billing::Charged,
        "refunded" => Billing::Refunded,
        "debited" => Billing::Debited,
        _ => return Err(format!("'{v}' is not a billing state: use pending, charged, refunded or debited")),
    })
}

impl Filter {
    /// Whether only closed incidents can match (a status or billing state
    /// that an open incident never has), so the queue shows closed ones.
    pub fn wants_closed(&self) -> bool {
        self.statuses.iter().any(|s| !matches!(s.as_str(), "open" | "new" | "working"))
            || self.billing.iter().any(|b| *b != Billing::Debited)
    }
}

fn status_matches(inc: &Incident, s: &str) -> bool {
    match s {
        "open" => inc.is_open(),
        "closed" => !inc.is_open(),
        other => inc.status() == other,
    }
}

/// Sort order: open incidents without a first response by due time (the most
/// overdue first), then open ones already answered, then closed ones, newest first.
fn order(a: &QueueRow, b: &QueueRow) -> Ordering {
    let group = |r: &QueueRow| match (&r.incident.closed, &r.incident.first_response) {
        (None, None) => 0,
        (None, Some(_)) => 1,
        (Some(_), _) => 2,
    };
    group(a)
        .cmp(&group(b))
        .then_with(|| match group(a) {
            2 => b.incident.closed.as_ref().map(|c| c.at).cmp(&a.incident.closed.as_ref().map(|c| c.at)),
            // No due time (R5, a calendar too thin) sorts first: someone must look.
            _ => a.countdown.due.cmp(&b.countdown.due),
        })
        .then(a.incident.id.cmp(&b.incident.id))
}

/// The queue at `now`: open incidents (or all with `include_closed`) that match.
pub fn queue<'a>(desk: &'a Desk, now: Instant, filter: &Filter, include_closed: bool) -> Vec<QueueRow<'a>> {
    let mut rows: Vec<QueueRow<'a>> = desk
        .incidents
        .iter()
        .filter(|i| include_closed || i.is_open())
        .filter_map(|incident| {
            let customer = desk.customer(incident.customer);
            let countdown = sla::countdown(incident, customer?.calendar_of(incident), now);
            let row = QueueRow { incident, customer, countdown };
            filter.matches(&row).then_some(row)
        })
        .collect();
    rows.sort_by(order);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_value_of_the_help_parses() {
        for (key, values, _) in FILTER_HELP {
            let values: Vec<&str> = match *values {
                "NAME" | "any" => vec!["x"],
                list => list.split(", ").collect(),
            };
            for v in values {
                let part = if key.ends_with(':') { format!("{key}{v}") } else { v.to_string() };
                let f = Filter::parse(&part).unwrap_or_else(|e| panic!("{part}: {e}"));
                assert!(!f.is_empty(), "{part}");
            }
        }
        let f = Filter::parse("billing:pending").unwrap();
        assert_eq!(f.billing, [Billing::Pending]);
        assert!(f.wants_closed());
        assert!(!Filter::parse("billing:debited").unwrap().wants_closed());
        assert!(Filter::parse("billing:later").unwrap_err().contains("pending"));
    }

    #[test]
    fn parses_keys_values_and_words() {
        let f = Filter::parse("sev:A,b state:breached customer:Contoso Mail  paused:no").unwrap();
        assert_eq!(f.severities, vec![Severity::A, Severity::B]);
        assert_eq!(f.states, vec![SlaState::Breached]);
        assert_eq!(f.customers, vec!["contoso".to_string()]);
        assert_eq!(f.words, vec!["mail".to_string()]);
        assert_eq!(f.paused, Some(false));
        assert!(Filter::parse("").unwrap().is_empty());
    }

    #[test]
    fn refuses_wrong_parts_with_what_is_right() {
        assert!(Filter::parse("sev:D").unwrap_err().contains("A (critical)"));
        assert!(Filter::parse("colour:red").unwrap_err().contains("sev:"));
        assert!(Filter::parse("state:late").unwrap_err().contains("at-risk"));
        assert!(Filter::parse("sev:").unwrap_err().contains("no value"));
        assert!(Filter::parse("state:paused").unwrap_err().contains("paused:yes"));
    }
}
