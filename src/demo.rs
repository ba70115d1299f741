//! The bundled demo desk: the scenario in `assets/demo.toml`, replayed as real
//! [`Command`]s through [`Desk::execute`].
//!
//! Every time in the scenario is an offset from the moment the demo is built
//! (`"-3h10m"` is three hours and ten minutes before `now`), so the desk always
//! looks live: an incident submitted `"-2h50m"` at severity A with no response
//! is breached whenever the demo is opened. All the scenario's actions are
//! collected, sorted by time (stably, so that actions at the same instant keep
//! the order in which the file lists them) and carried out one by one at
//! `now + offset` by the engineer who did them. Nothing is written into the
//! desk directly: its customers, products, packs, incidents and history (R21)
//! are exactly what those commands produced, and every rule (R1–R21) is
//! checked on the way. A refused command is an error naming the scenario item.

use crate::domain::{
    Calendar, Category, Closing, Command, ContactKind, Coverage, CustomerId, Decision, Desk, IncidentId,
    Instant, PackId, ProductId, Refusal, Severity, Subject, WeeklyHours,
};
use chrono::{NaiveDate, TimeDelta};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// The scenario bundled with the binary.
pub const SCENARIO: &str = include_str!("../assets/demo.toml");

/// Why the demo desk could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoError {
    /// The scenario is not valid TOML, or a field is missing, unknown or of
    /// the wrong type (the message gives the line).
    Parse(String),
    /// An item of the scenario is wrong: a bad time, an unknown key, an event
    /// that names no action.
    Scenario { item: String, problem: String },
    /// The desk refused a replayed command: the scenario breaks a rule.
    Refused {
        item: String,
        /// The scenario's time of the command, e.g. `-4h30m`.
        at: String,
        refusal: Refusal,
    },
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::Parse(e) => write!(f, "the demo scenario can't be read: {e}"),
            DemoError::Scenario { item, problem } => {
                write!(f, "demo scenario, {item}: {problem}")
            }
            DemoError::Refused { item, at, refusal } => {
                write!(f, "demo scenario, {item} at {at}: {refusal}")
            }
        }
    }
}

impl std::error::Error for DemoError {}

/// The bundled demo desk as it stands at `now`.
pub fn build(now: Instant) -> Result<Desk, DemoError> {
    build_from(SCENARIO, now)
}

/// A desk from any scenario text in the format of `assets/demo.toml`.
pub fn build_from(scenario: &str, now: Instant) -> Result<Desk, DemoError> {
    let scenario: Scenario = toml::from_str(scenario).map_err(|e| DemoError::Parse(e.to_string()))?;
    let steps = plan(&scenario, now)?;
    replay(steps)
}

/// Parses a time offset from now: a sign, then days, hours and minutes in
/// that order, each optional but at least one: `-3h10m`, `-2d`, `+45m`,
/// `-1d2h30m`. `0` and `now` mean now.
pub fn parse_offset(text: &str) -> Result<TimeDelta, String> {
    const HELP: &str = "write a signed offset from now such as -3h10m, -2d, +45m or -1d2h30m \
                        (d = days, h = hours, m = minutes)";
    let s: String = text.split_whitespace().collect();
    if s == "0" || s.eq_ignore_ascii_case("now") {
        return Ok(TimeDelta::zero());
    }
    let (negative, rest) = match s.chars().next() {
        Some('-') => (true, &s[1..]),
        Some('+') => (false, &s[1..]),
        Some(_) => {
            return Err(format!("'{text}' has no sign: write -{s} for the past or +{s} for the future"));
        }
        None => return Err(format!("the time is empty: {HELP}")),
    };
    if rest.is_empty() {
        return Err(format!("'{text}' has a sign but no amount: {HELP}"));
    }
    let mut total = TimeDelta::zero();
    let mut digits = String::new();
    let mut last_unit: Option<usize> = None;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let rank = match c.to_ascii_lowercase() {
            'd' => 0,
            'h' => 1,
            'm' => 2,
            _ => return Err(format!("'{text}': '{c}' is not a unit: {HELP}")),
        };
        if digits.is_empty() {
            return Err(format!("'{text}': the unit '{c}' has no number before it"));
        }
        if last_unit.is_some_and(|l| l >= rank) {
            return Err(format!("'{text}': units must come once each, in the order d, h, m"));
        }
        last_unit = Some(rank);
        let n: i64 = digits
            .parse()
            .ok()
            .filter(|n| *n <= 1_000_000)
            .ok_or_else(|| format!("'{text}': {digits} is too large"))?;
        digits.clear();
        total += match rank {
            0 => TimeDelta::days(n),
            1 => TimeDelta::hours(n),
            _ => TimeDelta::minutes(n),
        };
    }
    if !digits.is_empty() {
        return Err(format!(
            "'{text}': {digits} has no unit: add d, h or m (e.g. {}{digits}h)",
            if negative { '-' } else { '+' }
        ));
    }
    Ok(if negative { -total } else { total })
}

// ---------------------------------------------------------------------------
// The scenario file

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    desk: DeskSpec,
    #[serde(default)]
    customers: Vec<CustomerSpec>,
    #[serde(default)]
    products: Vec<ProductSpec>,
    #[serde(default)]
    packs: Vec<PackSpec>,
    #[serde(default)]
    incidents: Vec<IncidentSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskSpec {
    /// When reference data without an `added` time was recorded.
    opened: String,
    /// Who records customers, products and packs unless an item says `by`.
    lead: String,
    engineers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerSpec {
    key: String,
    name: String,
    added: Option<String>,
    by: Option<String>,
    time_zone: String,
    hours: String,
    #[serde(default)]
    holidays: Vec<String>,
    #[serde(default)]
    contacts: Vec<ContactSpec>,
    tax_exemption: Option<TaxSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactSpec {
    name: String,
    #[serde(default)]
    reach: String,
    #[serde(default)]
    on_duty_24x7: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxSpec {
    reference: String,
    received: String,
    expires: Option<String>,
    by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductSpec {
    key: String,
    name: String,
    added: Option<String>,
    by: Option<String>,
    mainstream_end: String,
    extended_end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackSpec {
    key: String,
    customer: String,
    account: String,
    order: String,
    purchased: String,
    by: Option<String>,
    #[serde(default)]
    transfers: Vec<TransferSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TransferSpec {
    at: String,
    to: String,
    /// The proof of purchase given; the pack's own order number when absent.
    order: Option<String>,
    by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentSpec {
    key: String,
    title: String,
    submitted: String,
    /// Split off this incident (R1): customer, account, product, severity and
    /// coverage come from it, and children with the same `submitted` time are
    /// split off together.
    split_from: Option<String>,
    customer: Option<String>,
    account: Option<String>,
    product: Option<String>,
    category: Option<Category>,
    severity: Option<Severity>,
    coverage: Option<Coverage>,
    engineer: Option<String>,
    agreed_with: Option<String>,
    problem: Option<String>,
    pack: Option<String>,
    #[serde(default)]
    events: Vec<EventSpec>,
}

/// One action on an incident: exactly one of the action fields is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventSpec {
    at: String,
    by: Option<String>,
    respond: Option<String>,
    contact: Option<ContactKind>,
    minutes: Option<u32>,
    note: Option<String>,
    propose: Option<String>,
    severity: Option<Severity>,
    reason: Option<String>,
    amend: Option<String>,
    close: Option<Closing>,
    bill: Option<Decision>,
    product_defect: Option<bool>,
    assign: Option<String>,
}

// ---------------------------------------------------------------------------
// Planning: the scenario as a list of timed steps

/// One command to replay, with the keys of the scenario still unresolved.
struct Step {
    at: Instant,
    /// The scenario's text for the time, for messages.
    when: String,
    item: String,
    /// Who does it; `None`: the incident's engineer at that moment.
    by: Option<String>,
    action: Action,
}

enum Action {
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

enum Event {
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
    fn name(&self) -> &'static str {
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

struct Planner<'a> {
    now: Instant,
    engineers: BTreeSet<&'a str>,
    steps: Vec<Step>,
}

fn bad(item: &str, problem: impl Into<String>) -> DemoError {
    DemoError::Scenario { item: item.to_string(), problem: problem.into() }
}

impl Planner<'_> {
    fn instant(&self, item: &str, text: &str) -> Result<(Instant, TimeDelta), DemoError> {
        let offset = parse_offset(text).map_err(|e| bad(item, e))?;
        let at = self
            .now
            .checked_add_signed(offset)
            .ok_or_else(|| bad(item, format!("'{text}' is too far from now")))?;
        Ok((at, offset))
    }

    /// A date given in whole days from today, as a calendar date in `zone`.
    fn date(&self, item: &str, what: &str, text: &str, zone: Tz) -> Result<NaiveDate, DemoError> {
        let (at, offset) = self.instant(item, text)?;
        if offset != TimeDelta::days(offset.num_days()) {
            return Err(bad(item, format!("{what} '{text}' is a date: give whole days, e.g. -420d or +30d")));
        }
        Ok(at.with_timezone(&zone).date_naive())
    }

    fn engineer(&self, item: &str, name: &str) -> Result<String, DemoError> {
        if self.engineers.contains(name) {
            Ok(name.to_string())
        } else {
            let known: Vec<&str> = self.engineers.iter().copied().collect();
            Err(bad(item, format!("'{name}' is not one of the desk's engineers ({})", known.join(", "))))
        }
    }

    fn push(&mut self, at: Instant, when: &str, item: &str, by: Option<String>, action: Action) {
        self.steps.push(Step { at, when: when.to_string(), item: item.to_string(), by, action });
    }
}

fn unique<'a>(kind: &str, keys: impl Iterator<Item = &'a str>) -> Result<(), DemoError> {
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

fn known(item: &str, kind: &str, key: &str, keys: &BTreeSet<&str>) -> Result<(), DemoError> {
    if keys.contains(key) {
        Ok(())
    } else {
        Err(bad(item, format!("there is no {kind} '{key}' in the scenario")))
    }
}

/// Checks the scenario and turns it into steps sorted by time.
fn plan(s: &Scenario, now: Instant) -> Result<Vec<Step>, DemoError> {
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
    let mut zones: HashMap<&str, Tz> = HashMap::new();

    for c in &s.customers {
        let item = format!("customer '{}'", c.key);
        let zone: Tz = c.time_zone.parse().map_err(|_| {
            bad(&item, format!("'{}' is not an IANA time zone (e.g. Europe/Stockholm)", c.time_zone))
        })?;
        zones.insert(&c.key, zone);
        let hours = WeeklyHours::parse_spec(&c.hours).map_err(|e| bad(&item, e))?;
        let holidays = c
            .holidays
            .iter()
            .map(|h| p.date(&item, "the holiday", h, zone))
            .collect::<Result<Vec<_>, _>>()?;
        let added = c.added.as_deref().unwrap_or(&s.desk.opened);
        let (at, _) = p.instant(&item, added)?;
        let who = by(&p, &item, &c.by)?;
        let calendar = Calendar { time_zone: zone, hours, holidays };
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
            let received = p.date(&what, "received", &t.received, zone)?;
            let expires = match &t.expires {
                Some(e) => Some(p.date(&what, "expires", e, zone)?),
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
        let utc = Tz::UTC;
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
        let zone = zones[pk.customer.as_str()];
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
fn event(item: &str, e: &EventSpec) -> Result<Event, DemoError> {
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

// ---------------------------------------------------------------------------
// Replay

#[derive(Default)]
struct Ids {
    customers: HashMap<String, CustomerId>,
    products: HashMap<String, ProductId>,
    packs: HashMap<String, PackId>,
    incidents: HashMap<String, IncidentId>,
}

fn not_yet(step: &Step, kind: &str, key: &str) -> DemoError {
    bad(
        &step.item,
        format!("at {} it refers to {kind} '{key}', which the scenario has not added by then", step.when),
    )
}

impl Ids {
    fn customer(&self, step: &Step, key: &str) -> Result<CustomerId, DemoError> {
        self.customers.get(key).copied().ok_or_else(|| not_yet(step, "customer", key))
    }
    fn product(&self, step: &Step, key: &str) -> Result<ProductId, DemoError> {
        self.products.get(key).copied().ok_or_else(|| not_yet(step, "product", key))
    }
    fn pack(&self, step: &Step, key: &str) -> Result<PackId, DemoError> {
        self.packs.get(key).copied().ok_or_else(|| not_yet(step, "pack", key))
    }
    fn incident(&self, step: &Step, key: &str) -> Result<IncidentId, DemoError> {
        self.incidents.get(key).copied().ok_or_else(|| not_yet(step, "incident", key))
    }
}

fn replay(steps: Vec<Step>) -> Result<Desk, DemoError> {
    let mut desk = Desk::default();
    let mut ids = Ids::default();
    for step in &steps {
        let (command, incident) = command(step, &ids)?;
        let who = match (&step.by, incident) {
            (Some(who), _) => who.clone(),
            (None, Some(id)) => desk.incident(id).map(|i| i.engineer.clone()).unwrap_or_default(),
            (None, None) => String::new(),
        };
        let outcome = desk.execute(command, step.at, &who).map_err(|refusal| DemoError::Refused {
            item: step.item.clone(),
            at: step.when.clone(),
            refusal,
        })?;
        let created = |n: usize| outcome.created.get(n).copied();
        match &step.action {
            Action::AddCustomer { key, .. } => {
                if let Some(Subject::Customer(id)) = created(0) {
                    ids.customers.insert(key.clone(), id);
                }
            }
            Action::AddProduct { key, .. } => {
                if let Some(Subject::Product(id)) = created(0) {
                    ids.products.insert(key.clone(), id);
                }
            }
            Action::BuyPack { key, .. } => {
                if let Some(Subject::Pack(id)) = created(0) {
                    ids.packs.insert(key.clone(), id);
                }
            }
            Action::Open { key, .. } => {
                if let Some(Subject::Incident(id)) = created(0) {
                    ids.incidents.insert(key.clone(), id);
                }
            }
            Action::Split { children, .. } => {
                for (n, (key, _)) in children.iter().enumerate() {
                    if let Some(Subject::Incident(id)) = created(n) {
                        ids.incidents.insert(key.clone(), id);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(desk)
}

/// The command of a step, and the incident it works on (whose engineer does
/// it unless the step says who).
fn command(step: &Step, ids: &Ids) -> Result<(Command, Option<IncidentId>), DemoError> {
    Ok(match &step.action {
        Action::AddCustomer { name, calendar, .. } => {
            (Command::AddCustomer { name: name.clone(), calendar: calendar.clone() }, None)
        }
        Action::AddContact { customer, name, reach, on_duty_24x7 } => (
            Command::AddContact {
                customer: ids.customer(step, customer)?,
                name: name.clone(),
                reach: reach.clone(),
                on_duty_24x7: *on_duty_24x7,
            },
            None,
        ),
        Action::SetTaxExemption { customer, reference, received, expires } => (
            Command::SetTaxExemption {
                customer: ids.customer(step, customer)?,
                reference: reference.clone(),
                received: *received,
                expires: *expires,
            },
            None,
        ),
        Action::AddProduct { name, mainstream_end, extended_end, .. } => (
            Command::AddProduct {
                name: name.clone(),
                mainstream_end: *mainstream_end,
                extended_end: *extended_end,
            },
            None,
        ),
        Action::BuyPack { customer, account, order, purchased, .. } => (
            Command::BuyPack {
                customer: ids.customer(step, customer)?,
                account: account.clone(),
                order_number: order.clone(),
                purchased: Some(*purchased),
            },
            None,
        ),
        Action::TransferPack { pack, order, to } => (
            Command::TransferPack {
                pack: Some(ids.pack(step, pack)?),
                order_number: order.clone(),
                to: to.clone(),
            },
            None,
        ),
        Action::Open {
            customer,
            account,
            product,
            category,
            severity,
            coverage,
            title,
            problem,
            agreed_with,
            pack,
            ..
        } => (
            Command::OpenIncident {
                customer: ids.customer(step, customer)?,
                account: account.clone(),
                product: ids.product(step, product)?,
                category: *category,
                severity: *severity,
                coverage: *coverage,
                title: title.clone(),
                problem: problem.clone(),
                agreed_with: agreed_with.clone(),
                pack: match pack {
                    Some(p) => Some(ids.pack(step, p)?),
                    None => None,
                },
            },
            None,
        ),
        Action::Split { parent, children } => {
            let id = ids.incident(step, parent)?;
            let into = children.iter().map(|(_, title)| title.clone()).collect();
            (Command::Split { incident: id, into }, Some(id))
        }
        Action::Work { incident, event } => {
            let id = ids.incident(step, incident)?;
            let command = match event {
                Event::Respond(note) => Command::Respond { incident: id, note: note.clone() },
                Event::Contact(kind, minutes, note) => {
                    Command::LogContact { incident: id, kind: *kind, minutes: *minutes, note: note.clone() }
                }
                Event::Propose(text) => Command::Propose { incident: id, text: text.clone() },
                Event::Severity(to, reason) => {
                    Command::ChangeSeverity { incident: id, to: *to, reason: reason.clone() }
                }
                Event::Amend(problem, reason) => {
                    Command::Amend { incident: id, problem: problem.clone(), reason: reason.clone() }
                }
                Event::Close(how, note) => Command::Close { incident: id, how: *how, note: note.clone() },
                Event::Bill(decision, reason, product_defect) => Command::Bill {
                    incident: id,
                    decision: *decision,
                    reason: reason.clone(),
                    product_defect: *product_defect,
                },
                Event::Assign(engineer) => Command::Assign { incident: id, engineer: engineer.clone() },
            };
            (command, Some(id))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets() {
        let m = TimeDelta::minutes;
        assert_eq!(parse_offset("-3h10m"), Ok(-m(190)));
        assert_eq!(parse_offset("-2d"), Ok(-TimeDelta::days(2)));
        assert_eq!(parse_offset("-45m"), Ok(-m(45)));
        assert_eq!(parse_offset("+1d"), Ok(TimeDelta::days(1)));
        assert_eq!(parse_offset("-1d2h30m"), Ok(-m(24 * 60 + 150)));
        assert_eq!(parse_offset(" - 1d 2h "), Ok(-m(26 * 60)));
        assert_eq!(parse_offset("0"), Ok(TimeDelta::zero()));
        assert_eq!(parse_offset("now"), Ok(TimeDelta::zero()));
    }

    #[test]
    fn refuses_bad_offsets_with_clear_messages() {
        let err = |s: &str| parse_offset(s).unwrap_err();
        assert!(err("3h").contains("no sign"), "{}", err("3h"));
        assert!(err("-3").contains("no unit"));
        assert!(err("-3x").contains("not a unit"));
        assert!(err("-h").contains("no number"));
        assert!(err("-2h1d").contains("order d, h, m"));
        assert!(err("-1h1h").contains("order d, h, m"));
        assert!(err("-").contains("no amount"));
        assert!(err("").contains("empty"));
        assert!(err("-99999999999d").contains("too large"));
    }
}
