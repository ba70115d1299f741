//! Packs and their ledgers (R14, R16–R20): purchases when an account runs
//! short, a credit per new incident from the pack that expires first,
//! refunds, and transfers when an account leaves — replayed in time order,
//! because which pack pays depends on everything before.

use super::Gen;
use super::random::{days, hours, minutes};
use crate::domain::wording;
use crate::domain::{
    Category, Decision, IncidentId, Instant, LedgerKind, LedgerLine, Pack, PackId, Subject, TaxStatus,
    Transfer,
};

/// A change to packs, in time order.
pub(super) enum Event {
    /// R18: the account left; its packs go to its successor.
    Transfer { account: usize },
    /// R14: credits for new incidents (one for an intake, one per new incident
    /// of a split of `parent`).
    Debit { incidents: Vec<usize>, parent: Option<usize> },
    /// R14: a refund puts the credit back.
    Refund { incident: usize },
}

pub(super) struct Packs {
    pub(super) list: Vec<Pack>,
    remaining: Vec<u32>,
    /// Per account, the packs it owns that may still be usable.
    owned: Vec<Vec<usize>>,
    /// Per plan, the pack that paid.
    pub(super) paid_by: Vec<usize>,
}

impl Gen {
    /// Pack purchases, debits, refunds and transfers, in time order.
    pub(super) fn run_packs(&mut self, id_of: &[IncidentId]) -> Packs {
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
            let what = wording::pack_transferred(pack.id, &from, &to, &pack.order_number);
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
            let ids: Vec<IncidentId> = incidents.iter().map(|i| id_of[*i]).collect();
            let what = wording::split_into(&ids);
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
            let reason = parent.map_or(wording::SUBMITTED.to_string(), |p| wording::split_from(id_of[p]));
            packs.list[p].ledger.push(LedgerLine { at, kind: LedgerKind::Debit, incident: id, reason });
            let pack = packs.list[p].id;
            let plan = &self.plans[i];
            let (opened, debited) = match parent {
                None => (
                    wording::incident_opened(
                        &self.accounts[account].name,
                        &plan.title,
                        plan.severity0,
                        plan.coverage,
                        Category::Support,
                        &plan.agreed_with,
                    ),
                    wording::credit_debited(id),
                ),
                Some(p) => (
                    wording::split_off(id_of[p], &plan.title),
                    wording::credit_debited_for_split(id, id_of[p]),
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
        let tax = c
            .customer
            .tax_exemption
            .as_ref()
            .filter(|_| on_file)
            .map_or(TaxStatus::NotExempt, |t| t.status_on(purchased));
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
        let what = wording::pack_bought(id, &name, c.customer.id, &order_number, pack.expires(), tax);
        let cid = c.customer.id;
        packs.owned[account].push(packs.list.len());
        packs.list.push(pack);
        packs.remaining.push(crate::domain::PACK_CREDITS);
        let lead = self.lead();
        self.note(at, lead, Subject::Pack(id), what.clone());
        self.note(at, lead, Subject::Customer(cid), what);
    }
}
