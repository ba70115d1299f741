//! A realistic desk of any size, for benchmarks and load tests (issue 5).
//!
//! [`desk`] builds the desk directly, not through [`Desk::execute`] (whose
//! linear scans of packs would make 100 000 incidents slow), but it follows the
//! same rules, so the result is a desk that the commands could have produced:
//!
//! - every id is handed out in creation order, every list is sorted by id;
//! - customers have their contacts before their first incident; 24x7 coverage
//!   only for customers with a contact on duty (R6);
//! - an incident is submitted only for a product still supported on the
//!   customer's local date (R9), only in the `support` category (R10, R11);
//! - its credit comes from a pack of its customer, owned by the submitting
//!   account, not expired on the customer's local date, with a credit left,
//!   the one that expires first (R14, R16, R17, R19); when the account has
//!   none, it buys a pack just before; an account that leaves hands its packs
//!   to its successor by transfer (R18);
//! - a split takes one credit per new incident, all from the parent's account
//!   (R1); a severity change past the due time without a response records the
//!   breach (R7); only incidents with a proposal are closed as resolved (R12);
//!   billing decisions only for unresolved or withdrawn incidents, or a refund
//!   for a product defect (R14); a refund puts the credit back in its pack;
//! - every change has its history entry, worded as the commands word it (R21).
//!
//! Most incidents are closed, spread over the three years before `now`; a few
//! per cent are open around `now`, with fixed examples of every countdown
//! state (on track, at risk, breached, met, missed, paused). The same inputs
//! always give the same desk: the randomness is a small seeded generator.

use crate::domain::sla;
use crate::domain::{
    Amendment, BillingDecision, Breach, Calendar, Category, Closed, Closing, Contact, ContactEntry,
    ContactKind, Coverage, Customer, CustomerId, Decision, Desk, FirstResponse, HistoryEntry, Incident,
    IncidentId, Instant, LedgerKind, LedgerLine, Pack, PackId, ProblemStatement, Product, ProductId,
    Proposal, Severity, SeverityChange, Subject, TaxExemption, TaxStatus, Transfer, WeeklyHours,
};
use chrono::{Datelike, NaiveDate, SubsecRound, TimeDelta};
use chrono_tz::Tz;

/// Changes whenever the same inputs give a different desk (caches key on it).
pub const VERSION: u32 = 2;

/// Customers for a desk of `incidents` when none are asked for.
pub fn default_customers(incidents: usize) -> usize {
    (incidents / 40).clamp(3, 2500)
}

/// A desk of exactly `incidents` incidents and `customers` customers (at least
/// one), as it stands at `now`, the same for the same seed.
pub fn desk(incidents: usize, customers: usize, seed: u64, now: Instant) -> Desk {
    Gen::new(incidents, customers.max(1), seed, now.trunc_subsecs(0)).build()
}

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.index(xs.len())]
    }

    /// Whole seconds uniform in `[lo, hi]` (`lo` when the range is empty).
    fn span(&mut self, lo: TimeDelta, hi: TimeDelta) -> TimeDelta {
        let (a, b) = (lo.num_seconds(), hi.num_seconds());
        if b <= a {
            return TimeDelta::seconds(a);
        }
        TimeDelta::seconds(a + self.below((b - a + 1) as u64) as i64)
    }
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

fn hours(h: i64) -> TimeDelta {
    TimeDelta::hours(h)
}

fn days(d: i64) -> TimeDelta {
    TimeDelta::days(d)
}

/// `d` scaled by `f`, to the second.
fn scaled(d: TimeDelta, f: f64) -> TimeDelta {
    TimeDelta::seconds((d.num_seconds() as f64 * f) as i64)
}

// ---------------------------------------------------------------------------
// Words

const ENGINEERS: [&str; 14] = [
    "Maja Eklund",
    "Tomás Rivera",
    "Aiko Sato",
    "Ben Okafor",
    "Priya Nair",
    "Lars Holm",
    "Chloé Martin",
    "Diego Alvarez",
    "Hannah Schmidt",
    "Kwame Mensah",
    "Mei Chen",
    "Olivia Brown",
    "Sven Berg",
    "Yusuf Demir",
];

const COMPANIES: [&str; 30] = [
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Adatum",
    "Litware",
    "Tailspin",
    "Woodgrove",
    "Wingtip",
    "Proseware",
    "Fourth Coffee",
    "Alpine Ski House",
    "Blue Yonder",
    "Coho Winery",
    "Humongous Insurance",
    "Lucerne Publishing",
    "Margie's Travel",
    "Trey Research",
    "VanArsdel",
    "Wide World Importers",
    "Relecloud",
    "Munson's Pickles",
    "Bellows College",
    "Southridge Video",
    "Tailwind Traders",
    "Lamna Healthcare",
    "Consolidated Messenger",
    "Graphic Design Institute",
    "City Power & Light",
    "Best For You Organics",
    "Nod Publishers",
];

const SUFFIXES: [&str; 8] = ["Ltd", "Inc", "GmbH", "AB", "KK", "SA", "Group", "BV"];

const REGIONS: [&str; 8] = ["Nordic", "East", "West", "Central", "Pacific", "Atlantic", "Alpine", "Coastal"];

const FIRST: [&str; 16] = [
    "Erik", "Sofia", "Jorge", "Dana", "Kenji", "Yui", "Anna", "Lukas", "Fatima", "Noah", "Elif", "Marco",
    "Ingrid", "Ravi", "Zoe", "Pavel",
];

const LAST: [&str; 16] = [
    "Svensson",
    "Lind",
    "Morales",
    "Whitfield",
    "Tanaka",
    "Nakamura",
    "Berg",
    "Weber",
    "Haddad",
    "Kim",
    "Yilmaz",
    "Rossi",
    "Dahl",
    "Iyer",
    "Clarke",
    "Novak",
];

/// Zones, with the business hours usual there. The first three customers
/// take the first three: between them one is always closed on a weekday,
/// and all are at the weekend, so that a paused countdown can be shown.
const ZONES: [(Tz, &str); 9] = [
    (chrono_tz::Europe::Stockholm, "mon-fri 08:00-17:00"),
    (chrono_tz::America::New_York, "mon-fri 07:00-19:00"),
    (chrono_tz::Asia::Tokyo, "mon-fri 09:00-12:00 13:00-18:00"),
    (chrono_tz::Europe::London, "mon-fri 09:00-17:30"),
    (chrono_tz::America::Los_Angeles, "mon-fri 08:00-18:00; sat 09:00-13:00"),
    (chrono_tz::Australia::Sydney, "mon-fri 08:30-17:00"),
    (chrono_tz::Europe::Berlin, "mon-thu 08:00-16:30; fri 08:00-14:00"),
    (chrono_tz::America::Sao_Paulo, "mon-fri 09:00-18:00"),
    (chrono_tz::Asia::Kolkata, "mon-sat 09:30-18:30"),
];

/// Products: name, days from today to the end of mainstream and of extended
/// support. One ended before the three years, some during them (incidents
/// stop there, R9), some are in extended support now.
const PRODUCTS: [(&str, i64, i64); 12] = [
    ("File Sync 8", -2000, -1300),
    ("Database Engine 2017", -1500, -400),
    ("Mail Server 2019", -900, -200),
    ("Directory Services 2016", -2400, 100),
    ("Office Suite 2019", -800, 200),
    ("Database Engine 2021", -300, 700),
    ("Mail Server 2022", -100, 900),
    ("File Sync 10", 300, 1000),
    ("Directory Services 2022", 600, 1600),
    ("Office Suite 2024", 700, 1500),
    ("Database Engine 2024", 900, 2000),
    ("Mail Server 2025", 1200, 2500),
];

const SYMPTOMS: [&str; 16] = [
    "Mail stuck in the outbound queue",
    "Users can't sign in",
    "Replication stops at night",
    "Backups fail with a timeout",
    "Search returns no results",
    "Reports render blank pages",
    "Sync conflicts on shared folders",
    "Service crashes under load",
    "Certificate renewal fails",
    "Slow queries on the order table",
    "Calendar invites arrive twice",
    "Clients lose their connection",
    "Disk fills with log files",
    "Printing from the web client fails",
    "Password reset mails never arrive",
    "Index rebuild never finishes",
];

const TRIGGERS: [&str; 8] = [
    "since the last cumulative update",
    "after the move to the new data centre",
    "since the certificate was renewed",
    "after adding a second node",
    "since Monday morning",
    "after the storage upgrade",
    "since the directory schema change",
    "after the time-zone change",
];

const IMPACTS: [&str; 6] = [
    "about 40 users are affected",
    "the whole finance department is blocked",
    "one branch office is affected",
    "month-end closing is at risk",
    "a workaround exists but is slow",
    "customers notice delays",
];

const SUB_PROBLEMS: [&str; 8] = [
    "Second site shows the same fault",
    "Alerting did not fire",
    "Failover node needs the same fix",
    "Archive mailbox also affected",
    "Mobile clients affected separately",
    "Old client version on kiosks",
    "Monitoring agent crashes too",
    "Reporting database lags behind",
];

const NOTES: [&str; 14] = [
    "collected logs from both nodes",
    "walked the admin through the trace settings",
    "reproduced in the lab with the customer's config",
    "customer sent screenshots of the error",
    "checked the known-issues list, no match yet",
    "remote session: verified service accounts",
    "asked for the event log export",
    "customer confirmed the workaround holds",
    "escalated internally to the product group",
    "reviewed the network capture together",
    "agreed next steps and a call tomorrow",
    "waiting for the maintenance window",
    "customer applied the test build",
    "looked into the crash dump",
];

const PROPOSALS: [&str; 10] = [
    "Apply the latest cumulative update and restart the transport service",
    "Raise the connection pool limit to 200 and recycle the app pool",
    "Re-issue the certificate with the full chain and rebind it",
    "Move the log folder to the data volume and enable circular logging",
    "Rebuild the search index after clearing the catalogue",
    "Disable the legacy protocol on the load balancer",
    "Add the missing index on orders(customer_id, created)",
    "Reset the replication partner and force a full sync",
    "Correct the time-zone setting on the second node",
    "Roll back the storage driver to the previous version",
];

const RESPONSE_NOTES: [&str; 6] = [
    "",
    "called the customer, collecting logs",
    "first assessment done, looking into it",
    "acknowledged by e-mail",
    "remote session booked",
    "called back, problem reproduced",
];

const SEVERITY_REASONS: [&str; 6] = [
    "production is now down",
    "the customer found a workaround",
    "more users are affected than first thought",
    "impact limited to a test system",
    "month-end deadline approaching",
    "only one user still affected",
];

const AMEND_REASONS: [&str; 4] = [
    "the customer narrowed the problem down",
    "the first statement named the wrong server",
    "agreed a clearer scope with the customer",
    "the symptom turned out to be different",
];

const CLOSE_NOTES: [&str; 5] = ["", "", "customer confirmed the fix", "no reply after three reminders", ""];

const CHARGE_REASONS: [&str; 3] = [
    "work was done as agreed",
    "customer withdrew after the analysis",
    "configuration issue on the customer side",
];

const REFUND_REASONS: [&str; 3] =
    ["goodwill, long-standing customer", "withdrawn before any work", "no solution could be offered"];

const DEFECT_REASONS: [&str; 3] = [
    "known defect fixed in the next update",
    "defect confirmed by the product group",
    "regression in the last update",
];

// ---------------------------------------------------------------------------
// The plan

struct Account {
    name: String,
    from: Instant,
    /// When the account left the company (its packs go to `successor`).
    until: Option<(Instant, usize)>,
}

impl Account {
    fn active_at(&self, t: Instant) -> bool {
        self.from <= t && self.until.is_none_or(|(u, _)| t < u)
    }
}

struct CustomerPlan {
    customer: Customer,
    added: Instant,
    /// Indices into `Gen::accounts`.
    accounts: Vec<usize>,
    tax_at: Option<Instant>,
}

/// One incident before ids are given.
struct Plan {
    customer: usize,
    account: usize,
    product: usize,
    severity0: Severity,
    severity: Severity,
    coverage: Coverage,
    submitted: Instant,
    opener: &'static str,
    title: String,
    problem: String,
    agreed_with: String,
    response: Option<(Instant, &'static str, &'static str)>,
    contacts: Vec<(Instant, ContactKind, &'static str, u32, &'static str)>,
    proposals: Vec<(Instant, &'static str, &'static str)>,
    severity_change: Option<(Instant, &'static str, &'static str)>,
    amend: Option<(Instant, &'static str, String, &'static str)>,
    assign: Option<(Instant, &'static str, &'static str)>,
    split: Option<(Instant, &'static str, Vec<usize>)>,
    split_from: Option<usize>,
    close: Option<(Instant, &'static str, Closing, &'static str)>,
    bill: Option<(Instant, &'static str, Decision, &'static str, bool)>,
}

impl Plan {
    fn closed_at(&self) -> Option<Instant> {
        self.close.as_ref().map(|c| c.0)
    }

    fn severity_at(&self, t: Instant) -> Severity {
        match self.severity_change {
            Some((tc, ..)) if tc <= t => self.severity,
            _ => self.severity0,
        }
    }
}

/// How an incident's life should go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Life {
    /// Answered, worked and closed within days (whatever `now` cuts off stays open).
    Normal,
    /// Worked on but never closed: long-running or recent.
    StaysOpen,
}

struct Gen {
    rng: Rng,
    now: Instant,
    start: Instant,
    incidents: usize,
    customers: Vec<CustomerPlan>,
    accounts: Vec<Account>,
    products: Vec<Product>,
    plans: Vec<Plan>,
    history: Vec<(Instant, HistoryEntry)>,
}

impl Gen {
    fn new(incidents: usize, customers: usize, seed: u64, now: Instant) -> Self {
        let mut g = Gen {
            rng: Rng(seed ^ 0x1D_E5C0_FFEE),
            now,
            start: now - days(3 * 365),
            incidents,
            customers: Vec::new(),
            accounts: Vec::new(),
            products: Vec::new(),
            plans: Vec::new(),
            history: Vec::new(),
        };
        g.plan_products();
        g.plan_customers(customers);
        g
    }

    fn note(&mut self, at: Instant, who: &str, subject: Subject, what: String) {
        self.history.push((at, HistoryEntry { at, who: who.to_string(), subject, what }));
    }

    fn lead(&self) -> &'static str {
        ENGINEERS[0]
    }

    fn engineer(&mut self) -> &'static str {
        ENGINEERS[self.rng.index(ENGINEERS.len())]
    }

    fn plan_products(&mut self) {
        let today = self.now.date_naive();
        let at = self.start - days(90);
        for (i, (name, main, ext)) in PRODUCTS.iter().enumerate() {
            let id = ProductId(i as u32 + 1);
            let (mainstream_end, extended_end) = (today + days(*main), today + days(*ext));
            self.products.push(Product { id, name: name.to_string(), mainstream_end, extended_end });
            let what = format!(
                "product {id} '{name}' added: mainstream until {mainstream_end}, extended until {extended_end}"
            );
            self.note(at + minutes(i as i64), self.lead(), Subject::Product(id), what);
        }
    }

    fn plan_customers(&mut self, count: usize) {
        // The first three are there from the start; the others join over the
        // first half of the three years, in id order.
        let mut joined: Vec<Instant> = (0..count)
            .map(|i| {
                if i < 3 {
                    self.start - days(60) + hours(i as i64)
                } else {
                    self.start - days(60) + self.rng.span(TimeDelta::zero(), days(600))
                }
            })
            .collect();
        joined.sort();
        for (i, added) in joined.into_iter().enumerate() {
            self.plan_customer(i, added);
        }
    }

    fn plan_customer(&mut self, i: usize, added: Instant) {
        let id = CustomerId(i as u32 + 1);
        let base = COMPANIES[i % COMPANIES.len()];
        let round = i / COMPANIES.len();
        let name = match round {
            0 => format!("{base} {}", SUFFIXES[i % SUFFIXES.len()]),
            r if r <= REGIONS.len() => format!("{base} {} {}", REGIONS[r - 1], SUFFIXES[i % SUFFIXES.len()]),
            _ => format!("{base} {}", i + 1),
        };
        let domain = format!(
            "{}{}.example",
            base.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect::<String>(),
            if round == 0 { String::new() } else { format!("-{round}") }
        );
        let zone = if i < 3 { i } else { self.rng.index(ZONES.len()) };
        let (time_zone, hours_spec) = ZONES[zone];
        let hours = WeeklyHours::parse_spec(hours_spec).expect("the built-in hours parse");
        let mut holidays = Vec::new();
        let first = added.date_naive().year();
        for year in first..=self.now.date_naive().year() + 1 {
            for _ in 0..6 {
                let m = 1 + self.rng.below(12) as u32;
                let d = 1 + self.rng.below(28) as u32;
                holidays.extend(NaiveDate::from_ymd_opt(year, m, d));
            }
        }
        holidays.sort();
        holidays.dedup();
        let calendar = Calendar { time_zone, hours, holidays };
        let lead = self.lead();
        let what = format!(
            "customer {id} '{name}' added; business hours {} ({}), {} holidays",
            calendar.hours,
            calendar.time_zone,
            calendar.holidays.len()
        );
        self.note(added, lead, Subject::Customer(id), what);

        // Contacts; seven customers in ten have one on duty round the clock (R6).
        let on_duty = i < 2 || (i >= 3 && self.rng.chance(0.7));
        let mut contacts = Vec::new();
        for k in 0..2 + self.rng.index(3) {
            let (f, l) = (self.rng.pick(&FIRST), self.rng.pick(&LAST));
            let reach = if k % 2 == 0 {
                format!("{}.{}@{domain}", f.to_lowercase(), l.to_lowercase())
            } else {
                format!(
                    "+{} {} 555 {:04}",
                    1 + self.rng.below(89),
                    10 + self.rng.below(89),
                    self.rng.below(10000)
                )
            };
            contacts.push(Contact { name: format!("{f} {l}"), reach, on_duty_24x7: false });
        }
        if on_duty {
            let reach = format!("+{} 555 0199", 1 + self.rng.below(89));
            contacts.push(Contact { name: format!("{base} Operations Centre"), reach, on_duty_24x7: true });
        }
        for (k, c) in contacts.iter().enumerate() {
            let duty = if c.on_duty_24x7 { ", on duty 24x7 (R6)" } else { "" };
            let what = format!("contact '{}' added{duty}", c.name);
            self.note(added + minutes(1 + k as i64), lead, Subject::Customer(id), what);
        }

        // Tax exemption (R20): valid, with or without expiry, or expired.
        let mut tax_exemption = None;
        let mut tax_at = None;
        if self.rng.chance(0.35) {
            let at = added + days(1 + self.rng.below(30) as i64);
            let received = at.date_naive() - days(self.rng.below(10) as i64);
            let expires = match self.rng.below(3) {
                0 => None,
                1 => Some(received + days(400 + self.rng.below(1000) as i64)),
                _ => Some(received + days(200 + self.rng.below(300) as i64)),
            };
            let reference = format!("TX-{}-{:05}", i + 1, self.rng.below(100_000));
            let until = expires.map_or("no expiry".to_string(), |d| format!("valid until {d}"));
            let what =
                format!("tax exemption on file: document {reference}, received {received}, {until} (R20)");
            self.note(at, lead, Subject::Customer(id), what);
            tax_exemption = Some(TaxExemption { reference, received, expires });
            tax_at = Some(at);
        }

        // Accounts that buy packs and submit; some leave and hand over (R18).
        let mut accounts = Vec::new();
        let initial = 1 + self.rng.index(3);
        for _ in 0..initial {
            let name = self.account_name(&domain);
            accounts.push(self.accounts.len());
            self.accounts.push(Account { name, from: added, until: None });
        }
        if self.rng.chance(0.3) && self.now - added > days(150) {
            let leaver = accounts[self.rng.index(accounts.len())];
            let at = added + self.rng.span(days(90), self.now - added - days(30));
            let name = self.account_name(&domain);
            let successor = self.accounts.len();
            accounts.push(successor);
            self.accounts.push(Account { name, from: at, until: None });
            self.accounts[leaver].until = Some((at, successor));
        }
        let customer = Customer { id, name, calendar, contacts, tax_exemption };
        self.customers.push(CustomerPlan { customer, added, accounts, tax_at });
    }

    fn account_name(&mut self, domain: &str) -> String {
        let (f, l) = (self.rng.pick(&FIRST), self.rng.pick(&LAST));
        format!("{}.{}{}@{domain}", f.to_lowercase(), l.to_lowercase(), self.rng.below(100))
    }

    fn local_date(&self, customer: usize, at: Instant) -> NaiveDate {
        at.with_timezone(&self.customers[customer].customer.calendar.time_zone).date_naive()
    }

    fn calendar(&self, customer: usize) -> &Calendar {
        &self.customers[customer].customer.calendar
    }

    /// A product supported on the customer's local date `at` (R9).
    fn product_for(&mut self, customer: usize, at: Instant) -> usize {
        let date = self.local_date(customer, at);
        for _ in 0..8 {
            let p = self.rng.index(self.products.len());
            if date < self.products[p].extended_end {
                return p;
            }
        }
        self.products.len() - 1
    }

    /// A customer (big ones more often) that existed a day before `at`, and
    /// one of its accounts active at `at`.
    fn customer_for(&mut self, at: Instant) -> (usize, usize) {
        let n = self.customers.len();
        for _ in 0..16 {
            let u = self.rng.unit();
            let c = ((u * u) * n as f64) as usize;
            if self.customers[c.min(n - 1)].added + days(1) <= at {
                let c = c.min(n - 1);
                let active: Vec<usize> = self.customers[c]
                    .accounts
                    .iter()
                    .copied()
                    .filter(|a| self.accounts[*a].active_at(at))
                    .collect();
                if !active.is_empty() {
                    return (c, *self.rng.pick(&active));
                }
            }
        }
        (0, self.customers[0].accounts.iter().copied().find(|a| self.accounts[*a].active_at(at)).unwrap_or(0))
    }

    fn problem_text(&mut self) -> String {
        format!("{} {}; {}.", self.rng.pick(&SYMPTOMS), self.rng.pick(&TRIGGERS), self.rng.pick(&IMPACTS))
    }

    fn agreed_with(&mut self, customer: usize, account: usize) -> String {
        let people: Vec<&Contact> =
            self.customers[customer].customer.contacts.iter().filter(|c| !c.on_duty_24x7).collect();
        if people.is_empty() || self.rng.chance(0.3) {
            self.accounts[account].name.clone()
        } else {
            people[self.rng.index(people.len())].name.clone()
        }
    }

    fn coverage_for(&mut self, customer: usize) -> Coverage {
        let duty = self.customers[customer].customer.on_duty_contact().is_some();
        if duty && self.rng.chance(0.4) { Coverage::RoundTheClock } else { Coverage::BusinessHours }
    }

    fn severity(&mut self) -> Severity {
        match self.rng.below(10) {
            0 | 1 => Severity::A,
            2..=5 => Severity::B,
            _ => Severity::C,
        }
    }

    /// A new incident, its life not planned yet.
    fn blank(&mut self, customer: usize, account: usize, submitted: Instant) -> Plan {
        let product = self.product_for(customer, submitted);
        let severity = self.severity();
        let coverage = self.coverage_for(customer);
        let symptom = self.rng.pick(&SYMPTOMS);
        let short = self.products[product].name.split_whitespace().next().unwrap_or("");
        let title = format!("{symptom} ({short})");
        let problem = self.problem_text();
        let agreed_with = self.agreed_with(customer, account);
        let opener = self.engineer();
        Plan {
            customer,
            account,
            product,
            severity0: severity,
            severity,
            coverage,
            submitted,
            opener,
            title,
            problem,
            agreed_with,
            response: None,
            contacts: Vec::new(),
            proposals: Vec::new(),
            severity_change: None,
            amend: None,
            assign: None,
            split: None,
            split_from: None,
            close: None,
            bill: None,
        }
    }

    fn due(&self, p: &Plan, severity: Severity) -> Instant {
        sla::due_time(p.submitted, severity, p.coverage, self.calendar(p.customer))
    }

    /// Response, contacts, proposals, closing and billing, cut off at `now`.
    fn live(&mut self, p: &mut Plan, life: Life) {
        let now = self.now;
        let s = p.submitted;
        let target = p.severity.target();
        let due = self.due(p, p.severity);
        let how = match self.rng.below(100) {
            0..=74 => Closing::Resolved,
            75..=86 => Closing::Unresolved,
            _ => Closing::Withdrawn,
        };
        let answered = match how {
            Closing::Resolved | Closing::Unresolved => self.rng.chance(0.97),
            Closing::Withdrawn => self.rng.chance(0.6),
        };
        if answered {
            let at = if self.rng.chance(0.84) {
                s + scaled(due - s, 0.05 + 0.9 * self.rng.unit()).max(minutes(1))
            } else {
                due + scaled(target, 0.05 + 2.5 * self.rng.unit())
            };
            if at <= now {
                let who = self.engineer();
                p.response = Some((at, who, *self.rng.pick(&RESPONSE_NOTES)));
            }
        }
        let mut t = p.response.map_or(s + self.rng.span(minutes(10), hours(3)), |r| r.0);
        let slow = if life == Life::StaysOpen { 3 } else { 1 };
        for _ in 0..*self.rng.pick(&[0, 1, 1, 1, 2, 2, 3, 4]) {
            t += self.rng.span(minutes(20), hours(30 * slow));
            if t > now {
                break;
            }
            let who = self.engineer();
            let kind = *self.rng.pick(&ContactKind::ALL);
            let mins = *self.rng.pick(&[0, 5, 10, 15, 20, 30, 45, 60, 90, 120]);
            p.contacts.push((t, kind, who, mins, *self.rng.pick(&NOTES)));
        }
        let proposals = match how {
            Closing::Resolved => 1 + usize::from(self.rng.chance(0.12)),
            Closing::Unresolved => usize::from(self.rng.chance(0.3)),
            Closing::Withdrawn => 0,
        };
        for _ in 0..proposals {
            t += self.rng.span(hours(1), hours(60 * slow));
            if t > now {
                break;
            }
            let who = self.engineer();
            p.proposals.push((t, who, *self.rng.pick(&PROPOSALS)));
        }
        if life == Life::StaysOpen {
            return;
        }
        let closed = t + self.rng.span(minutes(30), days(5));
        if closed > now || (how == Closing::Resolved && p.proposals.is_empty()) {
            return;
        }
        let who = self.engineer();
        p.close = Some((closed, who, how, *self.rng.pick(&CLOSE_NOTES)));
        let defect = self.rng.chance(0.03);
        // A lead decides every pending billing (the board counts them) within
        // two weeks; only the most recent closings still wait.
        let decide = defect || how != Closing::Resolved;
        let at = closed + self.rng.span(hours(2), days(14));
        if decide && at <= now {
            let who = self.lead();
            p.bill = Some(if defect {
                (at, who, Decision::Refund, *self.rng.pick(&DEFECT_REASONS), true)
            } else if self.rng.chance(0.55) {
                (at, who, Decision::Charge, *self.rng.pick(&CHARGE_REASONS), false)
            } else {
                (at, who, Decision::Refund, *self.rng.pick(&REFUND_REASONS), false)
            });
        }
    }

    /// Severity change (with its breach), amendment and reassignment, each
    /// while the incident is open and before `now`.
    fn changes(&mut self, p: &mut Plan) {
        let end = p.closed_at().unwrap_or(self.now);
        let window = end - p.submitted;
        if window < minutes(10) {
            return;
        }
        if self.rng.chance(0.1) {
            let from = loop {
                let s = self.severity();
                if s != p.severity {
                    break s;
                }
            };
            p.severity0 = from;
            let old_due = self.due(p, from);
            // Often an escalation after the first due time passed unanswered.
            let at = if self.rng.chance(0.4) && old_due < end {
                old_due + self.rng.span(minutes(5), (end - old_due - minutes(1)).min(hours(4)))
            } else {
                p.submitted + self.rng.span(minutes(5), window - minutes(1))
            };
            if at < end {
                let who = self.engineer();
                p.severity_change = Some((at, who, *self.rng.pick(&SEVERITY_REASONS)));
            } else {
                p.severity0 = p.severity;
            }
        }
        if self.rng.chance(0.06) {
            let at = p.submitted + self.rng.span(minutes(5), window - minutes(1));
            let mut text = self.problem_text();
            if text == p.problem {
                text.push_str(" Narrowed down.");
            }
            let who = self.engineer();
            p.amend = Some((at, who, text, *self.rng.pick(&AMEND_REASONS)));
        }
        if self.rng.chance(0.08) {
            let at = p.submitted + self.rng.span(minutes(5), window - minutes(1));
            let to = loop {
                let e = self.engineer();
                if e != p.opener {
                    break e;
                }
            };
            let by = self.lead();
            p.assign = Some((at, by, to));
        }
    }

    /// Plans every incident, in no particular order.
    fn plan_incidents(&mut self) {
        self.showcase();
        while self.plans.len() < self.incidents {
            let roll = self.rng.unit();
            let (submitted, life) = if roll < 0.05 {
                (self.now - self.rng.span(minutes(1), days(8)), Life::Normal)
            } else if roll < 0.055 {
                (self.now - self.rng.span(days(15), days(120)), Life::StaysOpen)
            } else {
                (self.now - self.rng.span(days(9), days(3 * 365)), Life::Normal)
            };
            let life = if life == Life::Normal && self.now - submitted < days(8) && self.rng.chance(0.7) {
                Life::StaysOpen
            } else {
                life
            };
            let (c, a) = self.customer_for(submitted);
            let mut p = self.blank(c, a, submitted);
            self.live(&mut p, life);
            self.changes(&mut p);
            let room = self.incidents - self.plans.len() - 1;
            let index = self.plans.len();
            let children =
                if room > 0 && self.rng.chance(0.02) { self.split(&mut p, index, room) } else { Vec::new() };
            self.plans.push(p);
            self.plans.extend(children);
        }
    }

    /// R1: one or two sub-problems split off a while after submission, while
    /// the parent is open, its account still there and its product supported.
    fn split(&mut self, p: &mut Plan, index: usize, room: usize) -> Vec<Plan> {
        let end = p.closed_at().unwrap_or(self.now).min(p.submitted + days(2));
        if end - p.submitted < hours(1) {
            return Vec::new();
        }
        let at = p.submitted + self.rng.span(minutes(30), end - p.submitted - minutes(1));
        let date = self.local_date(p.customer, at);
        if !self.accounts[p.account].active_at(at) || date >= self.products[p.product].extended_end {
            return Vec::new();
        }
        let count = (1 + usize::from(self.rng.chance(0.3))).min(room);
        let who = self.engineer();
        let severity = p.severity_at(at);
        let mut children = Vec::new();
        let mut plans = Vec::new();
        for k in 0..count {
            let mut child = self.blank(p.customer, p.account, at);
            child.product = p.product;
            child.coverage = p.coverage;
            child.severity0 = severity;
            child.severity = severity;
            child.opener = who;
            child.agreed_with = p.agreed_with.clone();
            child.title = SUB_PROBLEMS[self.rng.index(SUB_PROBLEMS.len())].to_string();
            child.split_from = Some(index);
            self.live(&mut child, Life::Normal);
            children.push(index + 1 + k);
            plans.push(child);
        }
        p.split = Some((at, who, children));
        plans
    }

    /// Open incidents that show every countdown state (R8) whatever `now` is.
    fn showcase(&mut self) {
        if self.incidents < 12 {
            return;
        }
        let now = self.now;
        let duty = (0..self.customers.len()).find(|c| {
            self.customers[*c].customer.on_duty_contact().is_some()
                && self.customers[*c].added < now - days(2)
        });
        if let Some(c) = duty {
            let account = self.customers[c].accounts[0];
            // (severity, age, answered after) — on track, at risk, breached, met, missed.
            let cases: [(Severity, TimeDelta, Option<TimeDelta>); 5] = [
                (Severity::C, minutes(30), None),
                (Severity::A, minutes(105), None),
                (Severity::B, hours(7), None),
                (Severity::B, hours(3), Some(minutes(40))),
                (Severity::A, days(2), Some(hours(3))),
            ];
            for (severity, age, answer) in cases {
                if !self.accounts[account].active_at(now - age) {
                    continue;
                }
                let mut p = self.blank(c, account, now - age);
                p.severity0 = severity;
                p.severity = severity;
                p.coverage = Coverage::RoundTheClock;
                if let Some(after) = answer {
                    p.response = Some((now - age + after, self.lead(), RESPONSE_NOTES[1]));
                }
                self.plans.push(p);
            }
            // Escalated after the first due time passed unanswered: the breach is kept (R7).
            if self.accounts[account].active_at(now - hours(10)) {
                let mut p = self.blank(c, account, now - hours(10));
                p.coverage = Coverage::RoundTheClock;
                p.severity0 = Severity::C;
                p.severity = Severity::A;
                p.severity_change = Some((now - hours(1), self.lead(), SEVERITY_REASONS[0]));
                self.plans.push(p);
            }
        }
        // Paused: a business-hours clock of a customer closed now.
        let closed = (0..self.customers.len())
            .find(|c| !sla::is_open_at(self.calendar(*c), now) && self.customers[*c].added < now - days(2));
        if let Some(c) = closed {
            let account = self.customers[c].accounts[0];
            if self.accounts[account].active_at(now - minutes(10)) {
                let mut p = self.blank(c, account, now - minutes(10));
                p.coverage = Coverage::BusinessHours;
                self.plans.push(p);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// From the plan to the desk

/// A change to packs, in time order.
enum Event {
    /// R18: the account left; its packs go to its successor.
    Transfer { account: usize },
    /// R14: credits for new incidents (one for an intake, one per new incident
    /// of a split of `parent`).
    Debit { incidents: Vec<usize>, parent: Option<usize> },
    /// R14: a refund puts the credit back.
    Refund { incident: usize },
}

struct Packs {
    list: Vec<Pack>,
    remaining: Vec<u32>,
    /// Per account, the packs it owns that may still be usable.
    owned: Vec<Vec<usize>>,
    /// Per plan, the pack that paid.
    paid_by: Vec<usize>,
}

impl Gen {
    fn build(mut self) -> Desk {
        self.plan_incidents();
        let n = self.plans.len();
        // Ids in order of submission (a split's new incidents after their parent).
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|i| (self.plans[*i].submitted, *i));
        let mut id_of = vec![IncidentId(0); n];
        for (pos, i) in order.iter().enumerate() {
            id_of[*i] = IncidentId(pos as u32 + 1);
        }
        let packs = self.run_packs(&id_of);
        let mut incidents = Vec::with_capacity(n);
        for i in &order {
            incidents.push(self.incident(*i, &id_of, &packs));
        }
        let mut history = std::mem::take(&mut self.history);
        history.sort_by_key(|(at, _)| *at);
        Desk {
            customers: self.customers.into_iter().map(|c| c.customer).collect(),
            products: self.products,
            packs: packs.list,
            incidents,
            history: history.into_iter().map(|(_, h)| h).collect(),
            issued: Default::default(),
            archive: Default::default(),
        }
    }

    /// Pack purchases, debits, refunds and transfers, in time order.
    fn run_packs(&mut self, id_of: &[IncidentId]) -> Packs {
        let mut events: Vec<(Instant, u8, usize, Event)> = Vec::new();
        for (a, account) in self.accounts.iter().enumerate() {
            if let Some((at, _)) = account.until {
                events.push((at, 0, a, Event::Transfer { account: a }));
            }
        }
        for (i, p) in self.plans.iter().enumerate() {
            if p.split_from.is_none() {
                events.push((p.submitted, 1, i, Event::Debit { incidents: vec![i], parent: None }));
            }
            if let Some((at, _, children)) = &p.split {
                events.push((*at, 1, i, Event::Debit { incidents: children.clone(), parent: Some(i) }));
            }
            if let Some((at, _, Decision::Refund, ..)) = p.bill {
                events.push((at, 2, i, Event::Refund { incident: i }));
            }
        }
        events.sort_by_key(|(at, kind, seq, _)| (*at, *kind, *seq));
        let mut packs = Packs {
            list: Vec::new(),
            remaining: Vec::new(),
            owned: vec![Vec::new(); self.accounts.len()],
            paid_by: vec![usize::MAX; self.plans.len()],
        };
        let mut last = self.start - days(365);
        for (at, _, _, event) in events {
            match event {
                Event::Transfer { account } => self.transfer(&mut packs, at, account),
                Event::Debit { incidents, parent } => {
                    self.debit(&mut packs, at, last, &incidents, parent, id_of);
                }
                Event::Refund { incident } => {
                    // Its history is written with the incident's billing decision.
                    let reason = self.plans[incident].bill.as_ref().map_or("", |b| b.3);
                    let p = packs.paid_by[incident];
                    packs.remaining[p] += 1;
                    packs.list[p].ledger.push(LedgerLine {
                        at,
                        kind: LedgerKind::Refund,
                        incident: id_of[incident],
                        reason: reason.to_string(),
                    });
                }
            }
            last = at;
        }
        packs
    }
}

impl Gen {
    /// R18: every pack of a leaving account that has not expired goes to its
    /// successor, on proof of the order number.
    fn transfer(&mut self, packs: &mut Packs, at: Instant, account: usize) {
        let Some((_, successor)) = self.accounts[account].until else { return };
        let (from, to) = (self.accounts[account].name.clone(), self.accounts[successor].name.clone());
        let owned = std::mem::take(&mut packs.owned[account]);
        let lead = self.lead();
        for p in owned {
            let pack = &mut packs.list[p];
            let customer = pack.customer;
            let date = self.local_date(customer.0 as usize - 1, at);
            if pack.is_expired_on(date) {
                continue;
            }
            pack.transfers.push(Transfer { at, from: from.clone(), to: to.clone(), by: lead.to_string() });
            pack.owner = to.clone();
            let what = format!(
                "pack {} transferred from {from} to {to} on proof of order {} (R18)",
                pack.id, pack.order_number
            );
            let id = pack.id;
            self.note(at, lead, Subject::Pack(id), what.clone());
            self.note(at, lead, Subject::Customer(customer), what);
            packs.owned[successor].push(p);
        }
    }

    /// R14, R16, R17, R19: one credit per incident from the account's packs,
    /// the pack that expires first paying first; packs are bought just before
    /// when the account has too few credits (a split needs them all at once).
    fn debit(
        &mut self,
        packs: &mut Packs,
        at: Instant,
        last: Instant,
        incidents: &[usize],
        parent: Option<usize>,
        id_of: &[IncidentId],
    ) {
        let first = &self.plans[incidents[0]];
        let (customer, account, opener) = (first.customer, first.account, first.opener);
        let date = self.local_date(customer, at);
        packs.owned[account].retain(|p| !packs.list[*p].is_expired_on(date));
        let mut available: u32 = packs.owned[account].iter().map(|p| packs.remaining[*p]).sum();
        while (available as usize) < incidents.len() {
            let bought = (at - self.rng.span(minutes(2), hours(3))).max(last);
            self.buy(packs, bought, customer, account);
            available += crate::domain::PACK_CREDITS;
        }
        let who = match parent {
            Some(p) => self.plans[p].split.as_ref().map_or(self.lead(), |s| s.1),
            None => opener,
        };
        if let Some(p) = parent {
            let names: Vec<String> = incidents.iter().map(|i| id_of[*i].to_string()).collect();
            let what = format!("split into {} (R1)", names.join(", "));
            self.note(at, who, Subject::Incident(id_of[p]), what);
        }
        for &i in incidents {
            let p = *packs.owned[account]
                .iter()
                .filter(|p| packs.remaining[**p] > 0)
                .min_by_key(|p| (packs.list[**p].expires(), packs.list[**p].id))
                .expect("credits were bought");
            packs.remaining[p] -= 1;
            packs.paid_by[i] = p;
            let id = id_of[i];
            let reason = parent.map_or("submitted".to_string(), |p| format!("split from {}", id_of[p]));
            packs.list[p].ledger.push(LedgerLine { at, kind: LedgerKind::Debit, incident: id, reason });
            let pack = packs.list[p].id;
            let plan = &self.plans[i];
            let (opened, debited) = match parent {
                None => (
                    format!(
                        "opened by {}: '{}', severity {}, {}, category {}; problem statement agreed with {} (R3)",
                        self.accounts[account].name,
                        plan.title,
                        plan.severity0,
                        plan.coverage,
                        Category::Support,
                        plan.agreed_with
                    ),
                    format!("debit 1 credit for {id} (R14)"),
                ),
                Some(p) => (
                    format!("split from {} as '{}' (R1)", id_of[p], plan.title),
                    format!("debit 1 credit for {id}, split from {} (R14)", id_of[p]),
                ),
            };
            self.note(at, who, Subject::Incident(id), opened);
            self.note(at, who, Subject::Pack(pack), debited);
        }
    }

    /// R16, R20: a pack of five bought by `account` on the local date of `at`.
    fn buy(&mut self, packs: &mut Packs, at: Instant, customer: usize, account: usize) {
        let id = PackId(packs.list.len() as u32 + 1);
        let purchased = self.local_date(customer, at);
        let c = &self.customers[customer];
        let on_file = c.tax_at.is_some_and(|t| t <= at);
        let tax = match c.customer.tax_exemption.as_ref().filter(|_| on_file).map(|t| t.status_on(purchased))
        {
            Some(TaxStatus::Valid) => "tax exemption on file and valid",
            Some(TaxStatus::Expired) => "tax exemption on file but EXPIRED: tax applies",
            _ => "no tax exemption on file",
        };
        let name = self.accounts[account].name.clone();
        let order_number = format!("ORD-{}-{:06}", purchased.format("%Y"), id.0);
        let pack = Pack {
            id,
            customer: c.customer.id,
            order_number: order_number.clone(),
            purchaser: name.clone(),
            owner: name.clone(),
            purchased,
            ledger: Vec::new(),
            transfers: Vec::new(),
        };
        let what = format!(
            "pack {id} bought by {name} for {} (order {order_number}): 5 credits, expires {}; {tax} (R20)",
            c.customer.id,
            pack.expires()
        );
        let cid = c.customer.id;
        packs.owned[account].push(packs.list.len());
        packs.list.push(pack);
        packs.remaining.push(crate::domain::PACK_CREDITS);
        let lead = self.lead();
        self.note(at, lead, Subject::Pack(id), what.clone());
        self.note(at, lead, Subject::Customer(cid), what);
    }

    fn local(&self, customer: usize, at: Instant) -> String {
        crate::present::local(at, self.calendar(customer).time_zone)
    }

    /// The incident of plan `i`, and the history of its work.
    fn incident(&mut self, i: usize, id_of: &[IncidentId], packs: &Packs) -> Incident {
        let id = id_of[i];
        let plan = &self.plans[i];
        let c = plan.customer;
        let mut notes: Vec<(Instant, &'static str, String)> = Vec::new();
        let problem_text = match plan.split_from {
            None => plan.problem.clone(),
            Some(parent) => {
                let p = &self.plans[parent];
                let at = plan.submitted;
                let current = match &p.amend {
                    Some((t, _, text, _)) if *t < at => text.as_str(),
                    _ => p.problem.as_str(),
                };
                format!("{} (split from {}: {current})", plan.title, id_of[parent])
            }
        };
        let first_response = plan.response.map(|(at, by, note)| {
            let due = self.due(plan, plan.severity_at(at));
            let verdict = if at <= due { "met" } else { "missed" };
            let sep = if note.is_empty() { "" } else { ": " };
            notes.push((at, by, format!("first response to {id}, target {verdict} (R8){sep}{note}")));
            FirstResponse { at, by: by.to_string(), note: note.to_string() }
        });
        let contacts: Vec<ContactEntry> = plan
            .contacts
            .iter()
            .map(|(at, kind, by, minutes, note)| {
                notes.push((*at, by, format!("{kind} contact logged on {id}, {minutes} min: {note}")));
                ContactEntry {
                    at: *at,
                    kind: *kind,
                    engineer: by.to_string(),
                    minutes: *minutes,
                    note: note.to_string(),
                }
            })
            .collect();
        let proposals: Vec<Proposal> = plan
            .proposals
            .iter()
            .enumerate()
            .map(|(k, (at, by, text))| {
                notes.push((*at, by, format!("solution #{} proposed on {id}: {text}", k + 1)));
                Proposal { at: *at, by: by.to_string(), text: text.to_string() }
            })
            .collect();
        let mut severity_changes = Vec::new();
        let mut breaches = Vec::new();
        if let Some((at, by, reason)) = plan.severity_change {
            let (from, to) = (plan.severity0, plan.severity);
            let old_due = self.due(plan, from);
            let new_due = self.due(plan, to);
            let breached = plan.response.is_none_or(|r| r.0 > at) && at > old_due;
            if breached {
                breaches.push(Breach { severity: from, due: old_due, recorded_at: at });
            }
            let kept = if breached { "; the breach of the earlier due time stays recorded" } else { "" };
            notes.push((
                at,
                by,
                format!(
                    "severity of {id} {from} → {to} because {reason}; due moves from {} to {}{kept} (R7)",
                    self.local(c, old_due),
                    self.local(c, new_due)
                ),
            ));
            severity_changes.push(SeverityChange {
                at,
                by: by.to_string(),
                from,
                to,
                reason: reason.to_string(),
            });
        }
        let amendments: Vec<Amendment> = plan
            .amend
            .iter()
            .map(|(at, by, text, reason)| {
                notes.push((
                    *at,
                    by,
                    format!("problem statement of {id} amended because {reason}: now '{text}' (R3)"),
                ));
                Amendment { at: *at, by: by.to_string(), text: text.clone(), reason: reason.to_string() }
            })
            .collect();
        let mut engineer = plan.opener;
        if let Some((at, by, to)) = plan.assign {
            notes.push((at, by, format!("{id} assigned from {engineer} to {to}")));
            engineer = to;
        }
        let closed = plan.close.map(|(at, by, how, note)| {
            let what = match how {
                Closing::Resolved => format!(
                    "{id} closed as resolved after {} proposed solution(s); stays charged (R12, R14)",
                    proposals.len()
                ),
                Closing::Unresolved => format!(
                    "{id} closed as unresolved, the customer told no solution could be offered; billing pending (R13, R14)"
                ),
                Closing::Withdrawn => {
                    format!("{id} closed as withdrawn at the customer's request; billing pending (R15, R14)")
                }
            };
            let what = if note.is_empty() { what } else { format!("{what}: {note}") };
            notes.push((at, by, what));
            Closed { how, at, by: by.to_string(), note: note.to_string() }
        });
        let pack = packs.list[packs.paid_by[i]].id;
        let mut refund_note = None;
        let mut refund_at = None;
        let billing = plan.bill.map(|(at, by, decision, reason, product_defect)| {
            let defect = if product_defect { " (product defect)" } else { "" };
            match decision {
                Decision::Charge => notes.push((at, by, format!("{id} charged{defect}: {reason} (R14)"))),
                Decision::Refund => {
                    notes.push((
                        at,
                        by,
                        format!("{id} refunded{defect}: {reason}; the credit is back in pack {pack} (R14)"),
                    ));
                    refund_note = Some((at, by, format!("refund 1 credit for {id}{defect}: {reason} (R14)")));
                    refund_at = Some(notes.len() - 1);
                }
            }
            BillingDecision { decision, reason: reason.to_string(), product_defect, at, by: by.to_string() }
        });
        let incident = Incident {
            id,
            title: plan.title.clone(),
            customer: self.customers[c].customer.id,
            product: self.products[plan.product].id,
            account: self.accounts[plan.account].name.clone(),
            pack,
            category: Category::Support,
            severity: plan.severity,
            coverage: plan.coverage,
            submitted: plan.submitted,
            engineer: engineer.to_string(),
            problem: ProblemStatement {
                text: problem_text,
                agreed_with: plan.agreed_with.clone(),
                agreed_by: plan.opener.to_string(),
                agreed_at: plan.submitted,
                amendments,
            },
            first_response,
            contacts,
            proposals,
            severity_changes,
            breaches,
            split_from: plan.split_from.map(|p| id_of[p]),
            split_into: plan.split.as_ref().map_or(Vec::new(), |s| s.2.iter().map(|k| id_of[*k]).collect()),
            closed,
            billing,
        };
        for (k, (at, by, what)) in notes.into_iter().enumerate() {
            self.note(at, by, Subject::Incident(id), what);
            // The refund's pack entry right after the incident's (one command).
            if refund_at == Some(k)
                && let Some((t, b, w)) = refund_note.take()
            {
                self.note(t, b, Subject::Pack(pack), w);
            }
        }
        incident
    }
}
