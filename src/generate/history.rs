//! From a plan to the incident the desk records, with the history of its work
//! (R21) worded as the commands word it; a refund's pack entry follows the
//! incident's, as one command writes them.

use super::Gen;
use super::packs::Packs;
use crate::domain::sla::{self, SlaState};
use crate::domain::wording;
use crate::domain::{
    Amendment, BillingDecision, Breach, Category, Closed, ContactEntry, Decision, FirstResponse, Incident,
    IncidentId, Instant, ProblemStatement, Proposal, SeverityChange, Subject,
};

impl Gen {
    /// The incident of plan `i`, and the history of its work.
    pub(super) fn incident(&mut self, i: usize, id_of: &[IncidentId], packs: &Packs) -> Incident {
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
                wording::split_problem(&plan.title, id_of[parent], current)
            }
        };
        let first_response = plan.response.map(|(at, by, note)| {
            let due = self.due(plan, plan.severity_before(at));
            let verdict = match sla::response_outcome(due, at) {
                SlaState::Met => "met",
                _ => "missed",
            };
            notes.push((at, by, wording::first_response(id, verdict, note)));
            FirstResponse { at, by: by.to_string(), note: note.to_string() }
        });
        let contacts: Vec<ContactEntry> = plan
            .contacts
            .iter()
            .map(|(at, kind, by, minutes, note)| {
                notes.push((*at, by, wording::contact_logged(id, *kind, *minutes, note)));
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
                notes.push((*at, by, wording::solution_proposed(id, k + 1, text)));
                Proposal { at: *at, by: by.to_string(), text: text.to_string() }
            })
            .collect();
        let mut severity_changes = Vec::new();
        let mut breaches = Vec::new();
        if let Some((at, by, reason)) = plan.severity_change {
            let (from, to) = (plan.severity0, plan.severity);
            let old_due = self.due(plan, from);
            let new_due = self.due(plan, to);
            let breached = plan.response.is_none_or(|r| r.0 > at) && sla::is_breached(old_due, at);
            if breached {
                breaches.push(Breach { severity: from, due: old_due, recorded_at: at });
            }
            let (old_local, new_local) = (self.local(c, old_due), self.local(c, new_due));
            notes.push((
                at,
                by,
                wording::severity_changed(id, from, to, reason, &old_local, &new_local, breached),
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
                notes.push((*at, by, wording::problem_amended(id, reason, text)));
                Amendment { at: *at, by: by.to_string(), text: text.clone(), reason: reason.to_string() }
            })
            .collect();
        let mut engineer = plan.opener;
        if let Some((at, by, to)) = plan.assign {
            notes.push((at, by, wording::assigned(id, engineer, to)));
            engineer = to;
        }
        let closed = plan.close.map(|(at, by, how, note)| {
            notes.push((at, by, wording::closed(id, how, proposals.len(), note)));
            Closed { how, at, by: by.to_string(), note: note.to_string() }
        });
        let pack = packs.list[packs.paid_by[i]].id;
        let mut refund_note = None;
        let mut refund_at = None;
        let billing = plan.bill.map(|(at, by, decision, reason, product_defect)| {
            match decision {
                Decision::Charge => notes.push((at, by, wording::charged(id, product_defect, reason))),
                Decision::Refund => {
                    notes.push((at, by, wording::refunded(id, product_defect, reason, pack)));
                    refund_note = Some((at, by, wording::credit_refunded(id, product_defect, reason)));
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
