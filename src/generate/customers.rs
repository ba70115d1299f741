//! Customers with their business calendars (R5), contacts (R6), tax
//! exemptions (R20) and the accounts that buy packs and submit, some of which
//! leave and hand over to a successor (R18); and the choice of who submits an
//! incident at a given time.

use super::Gen;
use super::plan::{Account, CustomerPlan};
use super::random::{days, hours, minutes};
use crate::domain::wording;
use crate::domain::{
    Calendar, Contact, Coverage, Customer, CustomerId, Instant, Subject, TaxExemption, WeeklyHours,
};
use chrono::{Datelike, NaiveDate, TimeDelta};
use chrono_tz::Tz;

pub(super) const COMPANIES: [&str; 30] = [
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

pub(super) const SUFFIXES: [&str; 8] = ["Ltd", "Inc", "GmbH", "AB", "KK", "SA", "Group", "BV"];

pub(super) const REGIONS: [&str; 8] =
    ["Nordic", "East", "West", "Central", "Pacific", "Atlantic", "Alpine", "Coastal"];

pub(super) const FIRST: [&str; 16] = [
    "Erik", "Sofia", "Jorge", "Dana", "Kenji", "Yui", "Anna", "Lukas", "Fatima", "Noah", "Elif", "Marco",
    "Ingrid", "Ravi", "Zoe", "Pavel",
];

pub(super) const LAST: [&str; 16] = [
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
pub(super) const ZONES: [(Tz, &str); 9] = [
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

impl Gen {
    pub(super) fn plan_customers(&mut self, count: usize) {
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
        let calendar = Calendar::new(time_zone, hours, holidays);
        let lead = self.lead();
        let what = wording::customer_added(id, &name, &calendar);
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
            let what = wording::contact_added(&c.name, c.on_duty_24x7);
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
            let what = wording::tax_exemption_on_file(&reference, received, expires);
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
        let customer = Customer { id, name, calendar, calendar_changes: Vec::new(), contacts, tax_exemption };
        self.customers.push(CustomerPlan { customer, added, accounts, tax_at });
    }

    fn account_name(&mut self, domain: &str) -> String {
        let (f, l) = (self.rng.pick(&FIRST), self.rng.pick(&LAST));
        format!("{}.{}{}@{domain}", f.to_lowercase(), l.to_lowercase(), self.rng.below(100))
    }

    /// A customer (big ones more often) that existed a day before `at`, and
    /// one of its accounts active at `at`.
    pub(super) fn customer_for(&mut self, at: Instant) -> (usize, usize) {
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

    pub(super) fn agreed_with(&mut self, customer: usize, account: usize) -> String {
        let people: Vec<&Contact> =
            self.customers[customer].customer.contacts.iter().filter(|c| !c.on_duty_24x7).collect();
        if people.is_empty() || self.rng.chance(0.3) {
            self.accounts[account].name.clone()
        } else {
            people[self.rng.index(people.len())].name.clone()
        }
    }

    pub(super) fn coverage_for(&mut self, customer: usize) -> Coverage {
        let duty = self.customers[customer].customer.on_duty_contact().is_some();
        if duty && self.rng.chance(0.4) { Coverage::RoundTheClock } else { Coverage::BusinessHours }
    }
}
