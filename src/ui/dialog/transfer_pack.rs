//! R18: move a pack to another account on proof of purchase.

use super::{Field, Form, Target};
use crate::domain::{Command, Desk, PackId};

pub fn form(desk: &Desk, target: Target) -> Result<Form, String> {
    let id = target.pack.ok_or("select a pack first (screen 2)")?;
    let pack = desk.pack(id).ok_or_else(|| format!("{id} is no longer on the desk"))?;
    let mut f = Form::new(
        "Transfer pack",
        vec![
            Field::text("Order number", "as on the purchase confirmation"),
            Field::text("To account", "the colleague's account"),
        ],
    );
    f.info.push(format!("{id}: owner {}, bought by {} on {}", pack.owner, pack.purchaser, pack.purchased));
    f.info.push("R18: the order confirmation number is the proof of purchase".into());
    Ok(f)
}

pub fn command(f: &Form, pack: Option<PackId>) -> Result<Command, String> {
    Ok(Command::TransferPack {
        pack: Some(pack.ok_or("select a pack first (screen 2)")?),
        order_number: f.value("Order number").to_string(),
        to: f.value("To account").to_string(),
    })
}
