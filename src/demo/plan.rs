//! Planning: the scenario checked and turned into timed steps.

use super::*;
use crate::domain::Zone;
use crate::domain::{
    Calendar, Category, Closing, ContactKind, Coverage, Decision, Instant, Severity, WeeklyHours,
};
use chrono::{NaiveDate, TimeDelta};
use std::collections::{BTreeSet, HashMap};

// ---------------------------------------------------------------------------
// Planning: the scenario as a list of timed steps

/// One command to replay, with the keys of the scenario still unresolved.
pub(super) struct Step {
    pub(super) at: Instant,
    /// The scenario's text for the time, for messages.
    pub(super) when: String,
    pub(super) item: String,
    /// Who does it; `None`: the incident's engineer at that moment.
    pub(super) by: Option<String>,
    pub(super) action: Action,
}

pub(super) enum Action {
    AddCustomer {
        key: String,
        name: String,
        calendar: Calendar,
    },
    AddContact {
        customer: String,
        name: String,
        reach: String,
        on_duty_24x7: bool,
    },
    SetTaxExemption {
        customer: String,
        reference: String,
        received: NaiveDate,
        expires: Option<NaiveDate>,
    },
    AddProduct {
        key: String,
        name: String,
        mainstream_end: NaiveDate,
        extended_end: NaiveDate,
    },
    BuyPack {
        key: String,
        customer: String,
        account: String,
        order: String,
        purchased: NaiveDate,
    },
    TransferPack {
        pack: String,
        order: String,
        to: String,
    },
    Open {
        key: String,
        customer: String,
        account: String,
        product: String,
        category: Category,
        severity: Severity,
        coverage: Coverage,
        title: String,
        problem: String,
        agreed_with: String,
        pack: Option<String>,
    },
    Split {
        parent: String,
        /// (key, title) of each new incident, in the file's order.
        children: Vec<(String, String)>,
    },
    Work {
        incident: String,
        event: Event,
    },
}

pub(super) enum Event {
    Respond(String),
    Contact(ContactKind, u32, String),
    Propose(String),
    Severity(Severity, String),
    Amend(String, String),
    Close(Closing, String),
    Bill(Decision, String, bool),
    Assign(String),
}

impl Event {
    pub(super) fn name(&self) -> &'static str {
        match self {
            Event::Respond(_) => "respond",
            Event::Contact(..) => "contact",
            Event::Propose(_) => "propose",
            Event::Severity(..) => "severity",
            Event::Amend(..) => "amend",
            Event::Close(..) => "close",
            Event::Bill(..) => "bill",
            Event::Assign(_) => "assign",
        }
    }
}

pub(super) struct Planner<'a> {
    pub(super) now: Instant,
    pub(super) engineers: BTreeSet<&'a str>,
    pub(super) steps: Vec<Step>,
}

pub(super) fn bad(item: &str, problem: impl Into<String>) -> DemoError {
    DemoError::Scenario { item: item.to_string(), problem: problem.into() }
}

impl Planner<'_> {
    pub(super) fn instant(&self, item: &str, text: &str) -> Result<(Instant, TimeDelta), DemoError> {
        let offset = parse_offset(text).map_err(|e| bad(item, e))?;
        let at = self
            .now
            .checked_add_signed(offset)
            .ok_or_else(|| bad(item, format!("'{text}' is too far from now")))?;
        Ok((at, offset))
    }

    /// A date given in whole days from today, as a calendar date in `zone`.
    pub(super) fn date(
        &self,
        item: &str,
        what: &str,
        text: &str,
        zone: &Zone,
    ) -> Result<NaiveDate, DemoError> {
        let (at, offset) = self.instant(item, text)?;
        if offset != TimeDelta::days(offset.num_days()) {
            return Err(bad(item, format!("{what} '{text}' is a date: give whole days, e.g. -420d or +30d")));
        }
        Ok(at.with_timezone(zone).date_naive())
    }

    pub(super) fn engineer(&self, item: &str, name: &str) -> Result<String, DemoError> {
        if self.engineers.contains(name) {
            Ok(name.to_string())
        } else {
            let known: Vec<&str> = self.engineers.iter().copied().collect();
            Err(bad(item, format!("'{name}' is not one of the desk's engineers ({})", known.join(", "))))
        }
    }

    pub(super) fn push(&mut self, at: Instant, when: &str, item: &str, by: Option<String>, action: Action) {
        self.steps.push(Step { at, when: when.to_string(), item: item.to_string(), by, action });
    }
}

pub(super) fn unique<'a>(kind: &str, keys: impl Iterator<Item = &'a str>) -> Result<(), DemoError> {
    let mut seen = BTreeSet::new();
    for key in keys {
        if key.trim().is_empty() {
            return Err(bad(&format!("a {kind}"), "the key is empty"));
        }
        if !seen.insert(key) {
            return Err(bad(&format!("{kind} '{key}'"), "the key is used twice: each item needs its own"));
        }
    }
    Ok(())
}

pub(super) fn known(item: &str, kind: &str, key: &str, keys: &BTreeSet<&str>) -> Result<(), DemoError> {
    if keys.contains(key) {
        Ok(())
    } else {
        Err(bad(item, format!("there is no {kind} '{key}' in the scenario")))
    }
}

/// Checks the scenario and turns it into steps sorted by time.
pub(super) fn plan(s: &Scenario, now: Instant) -> Result<Vec<Step>, DemoError> {
    let mut p =
        Planner { now, engineers: s.desk.engineers.iter().map(String::as_str).collect(), steps: Vec::new() };
    let lead = p.engineer("[desk] lead", &s.desk.lead)?;
    let by = |p: &Planner, item: &str, by: &Option<String>| -> Result<String, DemoError> {
        by.as_deref().map_or(Ok(lead.clone()), |name| p.engineer(item, name))
    };
    p.instant("[desk] opened", &s.desk.opened)?;

    unique("customer", s.customers.iter().map(|c| c.key.as_str()))?;
    unique("product", s.products.iter().map(|c| c.key.as_str()))?;
    unique("pack", s.packs.iter().map(|c| c.key.as_str()))?;
    unique("incident", s.incidents.iter().map(|c| c.key.as_str()))?;
    let customer_keys: BTreeSet<&str> = s.customers.iter().map(|c| c.key.as_str()).collect();
    let product_keys: BTreeSet<&str> = s.products.iter().map(|c| c.key.as_str()).collect();
    let pack_keys: BTreeSet<&str> = s.packs.iter().map(|c| c.key.as_str()).collect();
    let incident_keys: BTreeSet<&str> = s.incidents.iter().map(|c| c.key.as_str()).collect();
    let mut zones: HashMap<&str, Zone> = HashMap::new();

    for c in &s.customers {
        let item = format!("customer '{}'", c.key);
        let zone: Zone = c.time_zone.parse().map_err(|_| {
            bad(&item, format!("'{}' is not an IANA time zone (e.g. Europe/Stockholm)", c.time_zone))
        })?;
        zones.insert(&c.key, zone.clone());
        let hours = WeeklyHours::parse_spec(&c.hours).map_err(|e| bad(&item, e))?;
        let holidays = c
            .holidays
            .iter()
            .map(|h| p.date(&item, "the holiday", h, &zone))
            .collect::<Result<Vec<_>, _>>()?;
        let added = c.added.as_deref().unwrap_or(&s.desk.opened);
        let (at, _) = p.instant(&item, added)?;
        let who = by(&p, &item, &c.by)?;
        let calendar = Calendar::new(zone.clone(), hours, holidays);
        let action = Action::AddCustomer { key: c.key.clone(), name: c.name.clone(), calendar };
        p.push(at, added, &item, Some(who.clone()), action);
        for contact in &c.contacts {
            let action = Action::AddContact {
                customer: c.key.clone(),
                name: contact.name.clone(),
                reach: contact.reach.clone(),
                on_duty_24x7: contact.on_duty_24x7,
            };
            let what = format!("{item}, contact '{}'", contact.name);
            p.push(at, added, &what, Some(who.clone()), action);
        }
        if let Some(t) = &c.tax_exemption {
            let what = format!("{item}, tax exemption");
            let received = p.date(&what, "received", &t.received, &zone)?;
            let expires = match &t.expires {
                Some(e) => Some(p.date(&what, "expires", e, &zone)?),
                None => None,
            };
            let (at, _) = p.instant(&what, &t.received)?;
            let who = by(&p, &what, &t.by)?;
            let action = Action::SetTaxExemption {
                customer: c.key.clone(),
                reference: t.reference.clone(),
                received,
                expires,
            };
            p.push(at, &t.received, &what, Some(who), action);
        }
    }

    for pr in &s.products {
        let item = format!("product '{}'", pr.key);
        let utc = &Zone::utc();
        let action = Action::AddProduct {
            key: pr.key.clone(),
            name: pr.name.clone(),
            mainstream_end: p.date(&item, "mainstream_end", &pr.mainstream_end, utc)?,
            extended_end: p.date(&item, "extended_end", &pr.extended_end, utc)?,
        };
        let added = pr.added.as_deref().unwrap_or(&s.desk.opened);
        let (at, _) = p.instant(&item, added)?;
        let who = by(&p, &item, &pr.by)?;
        p.push(at, added, &item, Some(who), action);
    }

    for pk in &s.packs {
        let item = format!("pack '{}'", pk.key);
        known(&item, "customer", &pk.customer, &customer_keys)?;
        let zone = &zones[pk.customer.as_str()];
        let (at, _) = p.instant(&item, &pk.purchased)?;
        let action = Action::BuyPack {
            key: pk.key.clone(),
            customer: pk.customer.clone(),
            account: pk.account.clone(),
            order: pk.order.clone(),
            purchased: p.date(&item, "purchased", &pk.purchased, zone)?,
        };
        let who = by(&p, &item, &pk.by)?;
        p.push(at, &pk.purchased, &item, Some(who), action);
        for t in &pk.transfers {
            let what = format!("{item}, transfer to {}", t.to);
            let (t_at, _) = p.instant(&what, &t.at)?;
            if t_at < at {
                return Err(bad(&what, "the transfer is before the pack was bought"));
            }
            let action = Action::TransferPack {
                pack: pk.key.clone(),
                order: t.order.clone().unwrap_or_else(|| pk.order.clone()),
                to: t.to.clone(),
            };
            let who = by(&p, &what, &t.by)?;
            p.push(t_at, &t.at, &what, Some(who), action);
        }
    }

    // Children split off together share one Split step.
    let mut splits: HashMap<(&str, Instant), usize> = HashMap::new();
    for inc in &s.incidents {
        let item = format!("incident '{}'", inc.key);
        let (submitted, _) = p.instant(&item, &inc.submitted)?;
        if let Some(parent) = &inc.split_from {
            known(&item, "incident", parent, &incident_keys)?;
            let inherited = [
                ("customer", inc.customer.is_some()),
                ("account", inc.account.is_some()),
                ("product", inc.product.is_some()),
                ("category", inc.category.is_some()),
                ("severity", inc.severity.is_some()),
                ("coverage", inc.coverage.is_some()),
                ("engineer", inc.engineer.is_some()),
                ("agreed_with", inc.agreed_with.is_some()),
                ("problem", inc.problem.is_some()),
                ("pack", inc.pack.is_some()),
            ];
            if let Some((field, _)) = inherited.iter().find(|(_, given)| *given) {
                return Err(bad(
                    &item,
                    format!(
                        "it is split from '{parent}' and takes its {field} from it (R1): leave `{field}` out"
                    ),
                ));
            }
            let parent_spec = s.incidents.iter().find(|i| &i.key == parent);
            let parent_at = parent_spec.map(|ps| p.instant(&item, &ps.submitted));
            if let Some(Ok((parent_at, _))) = parent_at
                && submitted <= parent_at
            {
                return Err(bad(
                    &item,
                    format!("it is split from '{parent}' before '{parent}' was submitted"),
                ));
            }
            match splits.get(&(parent.as_str(), submitted)) {
                Some(&i) => {
                    if let Action::Split { children, .. } = &mut p.steps[i].action {
                        children.push((inc.key.clone(), inc.title.clone()));
                    }
                }
                None => {
                    splits.insert((parent, submitted), p.steps.len());
                    let action = Action::Split {
                        parent: parent.clone(),
                        children: vec![(inc.key.clone(), inc.title.clone())],
                    };
                    let what = format!("incident '{parent}', split");
                    p.push(submitted, &inc.submitted, &what, None, action);
                }
            }
        } else {
            let missing = |field: &str| {
                bad(&item, format!("`{field}` is missing (only a split-off incident may leave it out)"))
            };
            let customer = inc.customer.clone().ok_or_else(|| missing("customer"))?;
            known(&item, "customer", &customer, &customer_keys)?;
            let product = inc.product.clone().ok_or_else(|| missing("product"))?;
            known(&item, "product", &product, &product_keys)?;
            if let Some(pack) = &inc.pack {
                known(&item, "pack", pack, &pack_keys)?;
            }
            let engineer = inc.engineer.as_deref().ok_or_else(|| missing("engineer"))?;
            let engineer = p.engineer(&item, engineer)?;
            let action = Action::Open {
                key: inc.key.clone(),
                customer,
                account: inc.account.clone().ok_or_else(|| missing("account"))?,
                product,
                category: inc.category.unwrap_or(Category::Support),
                severity: inc.severity.ok_or_else(|| missing("severity"))?,
                coverage: inc.coverage.ok_or_else(|| missing("coverage"))?,
                title: inc.title.clone(),
                problem: inc.problem.clone().ok_or_else(|| missing("problem"))?,
                agreed_with: inc.agreed_with.clone().unwrap_or_default(),
                pack: inc.pack.clone(),
            };
            p.push(submitted, &inc.submitted, &item, Some(engineer), action);
        }
        for (n, e) in inc.events.iter().enumerate() {
            let what = format!("incident '{}', event {} (at {})", inc.key, n + 1, e.at);
            let (at, _) = p.instant(&what, &e.at)?;
            if at < submitted {
                return Err(bad(
                    &what,
                    format!("it is before the incident was submitted ({})", inc.submitted),
                ));
            }
            let event = event(&what, e)?;
            let who = match &e.by {
                Some(name) => Some(p.engineer(&what, name)?),
                None => None,
            };
            if let Event::Assign(name) = &event {
                p.engineer(&what, name)?;
            }
            let what = format!("incident '{}', event {} ({})", inc.key, n + 1, event.name());
            let action = Action::Work { incident: inc.key.clone(), event };
            p.push(at, &e.at, &what, who, action);
        }
    }

    // Stable: actions at the same instant keep the file's order.
    p.steps.sort_by_key(|s| s.at);
    Ok(p.steps)
}

/// The one action an event names, with only the fields that action uses.
pub(super) fn event(item: &str, e: &EventSpec) -> Result<Event, DemoError> {
    let actions = [
        ("respond", e.respond.is_some()),
        ("contact", e.contact.is_some()),
        ("propose", e.propose.is_some()),
        ("severity", e.severity.is_some()),
        ("amend", e.amend.is_some()),
        ("close", e.close.is_some()),
        ("bill", e.bill.is_some()),
        ("assign", e.assign.is_some()),
    ];
    let named: Vec<&str> = actions.iter().filter(|a| a.1).map(|a| a.0).collect();
    let action = match named.as_slice() {
        [one] => *one,
        [] => {
            return Err(bad(
                item,
                "the event names no action: give one of respond, contact, propose, severity, amend, close, bill, assign",
            ));
        }
        many => {
            return Err(bad(
                item,
                format!("the event names several actions ({}): give one event each", many.join(", ")),
            ));
        }
    };
    let extras = [
        ("minutes", e.minutes.is_some(), &["contact"][..]),
        ("note", e.note.is_some(), &["contact", "close"][..]),
        ("reason", e.reason.is_some(), &["severity", "amend", "bill"][..]),
        ("product_defect", e.product_defect.is_some(), &["bill"][..]),
    ];
    for (field, given, used_by) in extras {
        if given && !used_by.contains(&action) {
            return Err(bad(item, format!("`{field}` is not used by a '{action}' event")));
        }
    }
    let need = |v: &Option<String>, field: &str| {
        v.clone()
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| bad(item, format!("a '{action}' event needs `{field}`")))
    };
    Ok(match action {
        "respond" => Event::Respond(e.respond.clone().unwrap_or_default()),
        "contact" => Event::Contact(
            e.contact.unwrap_or(ContactKind::Phone),
            e.minutes.unwrap_or(0),
            need(&e.note, "note")?,
        ),
        "propose" => Event::Propose(need(&e.propose, "propose")?),
        "severity" => Event::Severity(e.severity.unwrap_or(Severity::C), need(&e.reason, "reason")?),
        "amend" => Event::Amend(need(&e.amend, "amend")?, need(&e.reason, "reason")?),
        "close" => Event::Close(e.close.unwrap_or(Closing::Resolved), e.note.clone().unwrap_or_default()),
        "bill" => Event::Bill(
            e.bill.unwrap_or(Decision::Charge),
            need(&e.reason, "reason")?,
            e.product_defect.unwrap_or(false),
        ),
        _ => Event::Assign(need(&e.assign, "assign")?),
    })
}
