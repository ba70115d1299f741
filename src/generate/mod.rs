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
//!
//! The work is split by what it builds, each part adding to one [`Gen`]:
//! [`products`] and [`customers`] (with their calendars, contacts and
//! accounts) first, then every incident's [`plan`]: which [`incidents`] there
//! are and the [`lifecycle`] of each; [`packs`] then pays for them in time
//! order, and [`history`] turns each plan into the incident the desk records.
//! Every sentence of the history comes from the domain's
//! [`wording`](crate::domain::wording), and all chance from [`random`].

mod customers;
mod history;
mod incidents;
mod lifecycle;
mod packs;
mod plan;
mod products;
mod random;
mod words;

use crate::domain::sla;
use crate::domain::{Calendar, Desk, HistoryEntry, IncidentId, Instant, Product, Severity, Subject};
use chrono::{NaiveDate, SubsecRound};
use plan::{Account, CustomerPlan, Plan};
use random::{Rng, days};
use words::ENGINEERS;

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
        self.history.push((at, HistoryEntry { at, who: who.to_string(), subject, what, change: None }));
    }

    fn lead(&self) -> &'static str {
        ENGINEERS[0]
    }

    fn engineer(&mut self) -> &'static str {
        ENGINEERS[self.rng.index(ENGINEERS.len())]
    }

    fn local_date(&self, customer: usize, at: Instant) -> NaiveDate {
        at.with_timezone(&self.customers[customer].customer.calendar.time_zone).date_naive()
    }

    fn calendar(&self, customer: usize) -> &Calendar {
        &self.customers[customer].customer.calendar
    }

    fn due(&self, p: &Plan, severity: Severity) -> Instant {
        // Generated calendars are open every week (customers.rs), so each
        // gives a due time; the end of the search only stands in for none.
        sla::due_time(p.submitted, severity, p.coverage, self.calendar(p.customer))
            .unwrap_or(p.submitted + chrono::TimeDelta::days(i64::from(sla::SEARCH_DAYS)))
    }

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

    fn local(&self, customer: usize, at: Instant) -> String {
        crate::domain::wording::local_time(at, &self.calendar(customer).time_zone)
    }
}
