//! Intake by phone (journey 2): every choice shows, on the spot, whether the
//! domain would refuse it (R6, R9, R10, R11) and what to do instead; only
//! accounts that own a usable pack are offered (R16, R17), with credits left.

use super::{Choice, DialogSpec, Field, FieldRef, Form, Opening, customer_choices};
use crate::domain::{Category, Command, Coverage, CustomerId, Desk, Instant, Severity, checks};
use crate::ui::hint;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIncident {
    customer: FieldRef,
    account: FieldRef,
    product: FieldRef,
    category: FieldRef,
    severity: FieldRef,
    coverage: FieldRef,
    title: FieldRef,
    agreed_with: FieldRef,
    problem: FieldRef,
}

/// Accounts of a customer that own a usable pack, with their credits (R16, R17, R19).
fn account_choices(desk: &Desk, customer: CustomerId, now: Instant) -> Vec<Choice> {
    let date = desk.local_date(customer, now);
    let mut credits: BTreeMap<String, u32> = BTreeMap::new();
    for p in desk.packs_of(customer) {
        let n = p.available_on(date);
        if n > 0 {
            *credits.entry(p.owner.clone()).or_default() += n;
        }
    }
    credits
        .into_iter()
        .map(|(account, n)| Choice::new(account.clone(), account).note(format!("{n} credit(s) left")))
        .collect()
}

impl DialogSpec for NewIncident {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        // On a desk without a customer, product or pack: the step to take first.
        if let Some(step) = crate::ui::guide::intake_blocked(at.desk, at.now) {
            return Err(step);
        }
        let categories = Category::ALL
            .iter()
            .map(|c| {
                let refusal = checks::in_scope(*c).err().map(|r| hint::refusal(&r));
                Choice::new(c.name(), c.name()).refused(refusal)
            })
            .collect();
        let severities = Severity::ALL
            .iter()
            .map(|s| {
                Choice::new(s.to_string(), format!("{s} — {}", s.impact()))
                    .note(format!("first response within {}h", s.target().num_hours()))
            })
            .collect();
        let mut f = Form::titled("New incident");
        let customer = f.add(Field::choice("Customer", customer_choices(at.desk, at.target.customer)));
        let account = f.add(Field::choice("Account", Vec::new()));
        let product = f.add(Field::choice("Product", Vec::new()));
        let category = f.add(Field::choice("Category", categories));
        let severity = f.add(Field::choice("Severity", severities));
        f.get_mut(severity).select_value("B");
        let coverage = f.add(Field::choice("Coverage", Vec::new()));
        let title = f.add(Field::text("Title", "one problem, in a few words (R1)"));
        let agreed_with = f.add(Field::text("Agreed with", "who at the customer agreed the statement"));
        let problem = f.add(Field::block("Problem", "the problem statement as agreed with the customer (R3)"));
        let spec =
            NewIncident { customer, account, product, category, severity, coverage, title, agreed_with, problem };
        Ok((spec, f))
    }

    fn refresh(&self, f: &mut Form, at: &Opening) {
        let (desk, now) = (at.desk, at.now);
        let customer: Option<CustomerId> = f.text(self.customer).parse().ok();
        let date = customer.map_or(now.date_naive(), |c| desk.local_date(c, now));
        if let Some(c) = customer {
            let accounts = account_choices(desk, c, now);
            let account = f.get_mut(self.account);
            account.set_options(accounts);
            account.hint = "only accounts with usable packs are offered (R16, R17)";
        }
        let products = desk
            .products
            .iter()
            .map(|p| {
                let phase = p.phase_on(date);
                let refusal = checks::product_eligible(desk, p.id, date).err().map(|r| hint::refusal(&r));
                Choice::new(p.id.to_string(), p.name.clone()).note(format!("{phase} support")).refused(refusal)
            })
            .collect();
        f.get_mut(self.product).set_options(products);
        let no_duty = customer
            .and_then(|c| checks::coverage(desk, c, Coverage::RoundTheClock).err())
            .map(|r| hint::refusal(&r));
        let coverages = vec![
            Choice::new("business", "business hours").note("clock runs in the customer's open hours"),
            Choice::new("24x7", "24x7").note("round the clock").refused(no_duty),
        ];
        f.get_mut(self.coverage).set_options(coverages);
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        let account = f.text(self.account);
        if account.is_empty() {
            return Err(
                "refused (R16): no account of this customer owns a usable pack: buy a pack first (screen 2, B)"
                    .into(),
            );
        }
        let coverage: Coverage = f.parse(self.coverage)?;
        Ok(Command::OpenIncident {
            customer: f.parse(self.customer)?,
            account: account.to_string(),
            product: f.parse(self.product)?,
            category: f.parse(self.category)?,
            severity: f.parse(self.severity)?,
            coverage,
            title: f.text(self.title).to_string(),
            problem: f.text(self.problem).to_string(),
            agreed_with: f.text(self.agreed_with).to_string(),
            pack: None,
        })
    }
}
