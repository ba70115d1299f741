//! Intake by phone (journey 2): every choice shows, on the spot, whether the
//! domain would refuse it (R6, R9, R10, R11) and what to do instead; only
//! accounts that own a usable pack are offered (R16, R17), with credits left.

use super::{Choice, Field, Form, Target, customer_choices, parsed};
use crate::domain::{Category, Command, Coverage, CustomerId, Desk, Instant, Severity, checks};
use crate::ui::hint;
use std::collections::BTreeMap;

pub fn form(desk: &Desk, target: Target, now: Instant) -> Form {
    let categories = Category::ALL
        .iter()
        .map(|c| {
            Choice::new(c.name(), c.name()).refused(checks::in_scope(*c).err().map(|r| hint::refusal(&r)))
        })
        .collect();
    let severities = Severity::ALL
        .iter()
        .map(|s| {
            Choice::new(s.to_string(), format!("{s} — {}", s.impact()))
                .note(format!("first response within {}h", s.target().num_hours()))
        })
        .collect();
    let mut severity = Field::choice("Severity", severities);
    severity.select_value("B");
    let mut form = Form::new(
        "New incident",
        vec![
            Field::choice("Customer", customer_choices(desk, target.customer)),
            Field::choice("Account", Vec::new()),
            Field::choice("Product", Vec::new()),
            Field::choice("Category", categories),
            severity,
            Field::choice("Coverage", Vec::new()),
            Field::text("Title", "one problem, in a few words (R1)"),
            Field::text("Agreed with", "who at the customer agreed the statement"),
            Field::block("Problem", "the problem statement as agreed with the customer (R3)"),
        ],
    );
    refresh(&mut form, desk, now);
    form
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

pub fn refresh(form: &mut Form, desk: &Desk, now: Instant) {
    let customer: Option<CustomerId> = form.value("Customer").parse().ok();
    let date = customer.map_or(now.date_naive(), |c| desk.local_date(c, now));
    if let Some(c) = customer {
        let accounts = account_choices(desk, c, now);
        if let Some(f) = form.field_mut("Account") {
            f.set_options(accounts);
            f.hint = "only accounts with usable packs are offered (R16, R17)";
        }
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
    if let Some(f) = form.field_mut("Product") {
        f.set_options(products);
    }
    let no_duty = customer
        .and_then(|c| checks::coverage(desk, c, Coverage::RoundTheClock).err())
        .map(|r| hint::refusal(&r));
    let coverages = vec![
        Choice::new("business", "business hours").note("clock runs in the customer's open hours"),
        Choice::new("24x7", "24x7").note("round the clock").refused(no_duty),
    ];
    if let Some(f) = form.field_mut("Coverage") {
        f.set_options(coverages);
    }
}

pub fn command(f: &Form) -> Result<Command, String> {
    let account = f.value("Account");
    if account.is_empty() {
        return Err(
            "refused (R16): no account of this customer owns a usable pack: buy a pack first (screen 2, B)"
                .into(),
        );
    }
    let coverage: Coverage = parsed(f, "Coverage")?;
    Ok(Command::OpenIncident {
        customer: parsed(f, "Customer")?,
        account: account.to_string(),
        product: parsed(f, "Product")?,
        category: parsed(f, "Category")?,
        severity: parsed(f, "Severity")?,
        coverage,
        title: f.value("Title").to_string(),
        problem: f.value("Problem").to_string(),
        agreed_with: f.value("Agreed with").to_string(),
        pack: None,
    })
}
