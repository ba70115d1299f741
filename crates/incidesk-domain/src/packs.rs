//! Packs of five (R14, R16–R20): buying, transferring, and which pack pays.

use super::customers::find_customer;
use super::desk::Desk;
use super::done::{Ctx, Done};
use super::history::{Change, Subject};
use super::ids::{CustomerId, IncidentId, PackId};
use super::model::{LedgerKind, LedgerLine, Pack, Transfer};
use super::refusal::{Hint, Refusal, ensure, require};
use super::wording;
use chrono::NaiveDate;

/// R16, R20: a new pack of five, owned by the account that bought it. The
/// outcome says whether a valid tax exemption is on file.
pub(crate) fn buy(
    desk: &mut Desk,
    ctx: &Ctx,
    customer: CustomerId,
    account: String,
    order_number: String,
    purchased: Option<NaiveDate>,
) -> Result<Done, Refusal> {
    let today = desk.local_date(customer, ctx.now);
    let c = find_customer(desk, customer)?;
    require(&account, "the buying account")?;
    require(&order_number, "the order confirmation number")?;
    ensure(!desk.packs.iter().any(|p| p.order_number.eq_ignore_ascii_case(&order_number)), || {
        Refusal::rule(
            18,
            format!(
                "order {order_number} is already recorded: each pack has its own order confirmation number"
            ),
        )
    })?;
    let purchased = purchased.unwrap_or(today);
    ensure(purchased <= today, || {
        Refusal::invalid(format!("the purchase date {purchased} is in the future"))
    })?;
    let tax = c.tax_status_on(purchased);
    let id = desk.next_pack_id()?;
    let pack = Pack {
        id,
        customer,
        order_number: order_number.clone(),
        purchaser: account.clone(),
        owner: account.clone(),
        purchased,
        ledger: Vec::new(),
        transfers: Vec::new(),
    };
    let expires = pack.expires();
    desk.packs.push(pack);
    let message = wording::pack_bought(id, &account, customer, &order_number, expires, tax);
    Ok(Done {
        change: None,
        subject: Subject::Pack(id),
        created: vec![Subject::Pack(id)],
        history: vec![(Subject::Pack(id), message.clone()), (Subject::Customer(customer), message.clone())],
        message,
    })
}

/// R18: move a pack to another account, given its order confirmation number.
pub(crate) fn transfer(
    desk: &mut Desk,
    ctx: &Ctx,
    id: Option<PackId>,
    order_number: String,
    to: String,
) -> Result<Done, Refusal> {
    require(&order_number, "the order confirmation number (R18)")?;
    require(&to, "the account to transfer to")?;
    let pack = match id {
        Some(id) => desk
            .pack(id)
            .ok_or_else(|| Refusal::invalid(format!("there is no pack {id}")).hint(Hint::SeePacks))?,
        None => desk
            .packs
            .iter()
            .find(|p| p.order_number.eq_ignore_ascii_case(&order_number))
            .ok_or_else(|| {
                Refusal::rule(
                    18,
                    format!("no pack has order confirmation number '{order_number}': ask the customer for the number on the purchase confirmation"),
                )
            })?,
    };
    let id = pack.id;
    ensure(pack.order_number.eq_ignore_ascii_case(&order_number), || {
        Refusal::rule(
            18,
            format!(
                "'{order_number}' is not the order confirmation number of pack {id}: ask the customer for the number on the purchase confirmation"
            ),
        )
    })?;
    ensure(!pack.owner.eq_ignore_ascii_case(&to), || {
        Refusal::invalid(format!("pack {id} already belongs to {to}"))
    })?;
    let from = pack.owner.clone();
    let customer = pack.customer;
    let pack = desk.pack_mut(id).expect("checked");
    pack.transfers.push(Transfer {
        at: ctx.now,
        from: from.clone(),
        to: to.clone(),
        by: ctx.who.to_string(),
    });
    pack.owner = to.clone();
    let message = wording::pack_transferred(id, &from, &to, &order_number);
    Ok(Done {
        change: Some(Change::new("pack owner", from.as_str(), to.as_str())),
        subject: Subject::Pack(id),
        created: Vec::new(),
        history: vec![(Subject::Pack(id), message.clone()), (Subject::Customer(customer), message.clone())],
        message,
    })
}

/// R16, R17, R19, R14: the packs that pay for `count` new incidents submitted
/// by `account` on `date` — the pack that expires first pays first.
pub(crate) fn choose(
    desk: &Desk,
    customer: CustomerId,
    account: &str,
    date: NaiveDate,
    count: u32,
    explicit: Option<PackId>,
) -> Result<Vec<PackId>, Refusal> {
    if let Some(id) = explicit {
        let pack = desk
            .pack(id)
            .filter(|p| p.customer == customer)
            .ok_or_else(|| Refusal::invalid(format!("customer {customer} has no pack {id}")))?;
        check_owner(pack, account)?;
        ensure(!pack.is_expired_on(date), || {
            Refusal::rule(
                17,
                format!("pack {id} expired on {}: its unused credits can't be used", pack.expires()),
            )
        })?;
        ensure(pack.remaining() >= count, || {
            Refusal::rule(14, format!("pack {id} has {} credits left, {count} needed", pack.remaining()))
        })?;
        return Ok(vec![id; count as usize]);
    }
    let owned: Vec<&Pack> =
        desk.packs_of(customer).filter(|p| p.owner.eq_ignore_ascii_case(account)).collect();
    if owned.is_empty() {
        let left = desk.packs_of(customer).find(|p| p.purchaser.eq_ignore_ascii_case(account));
        return Err(Refusal::rule(
            16,
            match left {
                Some(p) => format!(
                    "account {account} bought pack {} but it was transferred to {}: submit from that account",
                    p.id, p.owner
                ),
                None => format!(
                    "account {account} did not buy a pack of customer {customer} and holds no transfer of one"
                ),
            },
        ));
    }
    let mut usable: Vec<&Pack> = owned.iter().copied().filter(|p| !p.is_expired_on(date)).collect();
    if usable.is_empty() {
        let last = owned.iter().map(|p| p.expires()).max().unwrap_or(date);
        return Err(Refusal::rule(
            17,
            format!(
                "every pack of {account} has expired (the last on {last}): the customer needs a new pack"
            ),
        ));
    }
    // R19: the pack that expires first is used first.
    usable.sort_by_key(|p| (p.expires(), p.id));
    let available: u32 = usable.iter().map(|p| p.remaining()).sum();
    ensure(available >= count, || {
        Refusal::rule(
            14,
            format!(
                "{account} has {available} usable credits, {count} needed: the customer needs a new pack"
            ),
        )
    })?;
    let mut chosen = Vec::new();
    for p in usable {
        for _ in 0..p.remaining() {
            if chosen.len() < count as usize {
                chosen.push(p.id);
            }
        }
    }
    Ok(chosen)
}

/// R16: only the owning account (buyer, or receiver of a transfer) may use a pack.
fn check_owner(pack: &Pack, account: &str) -> Result<(), Refusal> {
    ensure(pack.owner.eq_ignore_ascii_case(account), || {
        Refusal::rule(
            16,
            format!("account {account} did not buy pack {} and holds no transfer of it", pack.id),
        )
    })
}

/// R14: one ledger line; the caller has checked the balance.
pub(crate) fn post(
    desk: &mut Desk,
    ctx: &Ctx,
    pack: PackId,
    kind: LedgerKind,
    incident: IncidentId,
    reason: &str,
) {
    if let Some(p) = desk.pack_mut(pack) {
        p.ledger.push(LedgerLine { at: ctx.now, kind, incident, reason: reason.to_string() });
    }
}
