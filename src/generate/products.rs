//! The product catalogue (R9): products whose support ends before, during and
//! after the three years, so that intake has to respect their lifecycle.

use super::Gen;
use super::random::{days, minutes};
use crate::domain::wording;
use crate::domain::{Instant, Product, ProductId, Subject};

/// Products: name, days from today to the end of mainstream and of extended
/// support. One ended before the three years, some during them (incidents
/// stop there, R9), some are in extended support now.
pub(super) const PRODUCTS: [(&str, i64, i64); 12] = [
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

impl Gen {
    pub(super) fn plan_products(&mut self) {
        let today = self.now.date_naive();
        let at = self.start - days(90);
        for (i, (name, main, ext)) in PRODUCTS.iter().enumerate() {
            let id = ProductId(i as u32 + 1);
            let (mainstream_end, extended_end) = (today + days(*main), today + days(*ext));
            self.products.push(Product { id, name: name.to_string(), mainstream_end, extended_end });
            let what = wording::product_added(id, name, mainstream_end, extended_end);
            self.note(at + minutes(i as i64), self.lead(), Subject::Product(id), what);
        }
    }

    /// A product supported on the customer's local date `at` (R9).
    pub(super) fn product_for(&mut self, customer: usize, at: Instant) -> usize {
        let date = self.local_date(customer, at);
        for _ in 0..8 {
            let p = self.rng.index(self.products.len());
            if date < self.products[p].extended_end {
                return p;
            }
        }
        self.products.len() - 1
    }
}
