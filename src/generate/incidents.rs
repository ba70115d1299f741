//! Which incidents there are: when they are submitted, for whom and what, the
//! fixed examples of every countdown state (R8), and the sub-problems split
//! off (R1). Their lives are planned in [`lifecycle`](super::lifecycle).

use super::Gen;
use super::plan::{Life, Plan};
use super::random::{days, hours, minutes};
use super::words::{IMPACTS, RESPONSE_NOTES, SEVERITY_REASONS, SUB_PROBLEMS, SYMPTOMS, TRIGGERS};
use crate::domain::sla;
use crate::domain::{Coverage, Instant, Severity};
use chrono::TimeDelta;

impl Gen {
    pub(super) fn problem_text(&mut self) -> String {
        format!("{} {}; {}.", self.rng.pick(&SYMPTOMS), self.rng.pick(&TRIGGERS), self.rng.pick(&IMPACTS))
    }

    pub(super) fn severity(&mut self) -> Severity {
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

    /// Plans every incident, in no particular order.
    pub(super) fn plan_incidents(&mut self) {
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
