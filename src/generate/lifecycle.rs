//! An incident's life: first response, contacts, proposals, closing and
//! billing (R8, R2, R12–R15), and the changes while it is open: severity with
//! its breach (R7), amendment (R3) and reassignment. All is cut off at `now`,
//! so recent incidents are still open.

use super::Gen;
use super::plan::{Life, Plan};
use super::random::{days, hours, minutes, scaled};
use super::words::{
    AMEND_REASONS, CHARGE_REASONS, CLOSE_NOTES, DEFECT_REASONS, NOTES, PROPOSALS, REFUND_REASONS,
    RESPONSE_NOTES, SEVERITY_REASONS,
};
use crate::domain::{Closing, ContactKind, Decision};

impl Gen {
    /// Response, contacts, proposals, closing and billing, cut off at `now`.
    pub(super) fn live(&mut self, p: &mut Plan, life: Life) {
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
    pub(super) fn changes(&mut self, p: &mut Plan) {
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
}
