//! R18: move a pack to another account on proof of purchase.

use super::accept::Accept;
use super::{DialogSpec, Field, FieldRef, Form, Opening};
use crate::domain::{Command, PackId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferPack {
    pack: PackId,
    order: FieldRef,
    to: FieldRef,
}

impl DialogSpec for TransferPack {
    fn open(at: &Opening) -> Result<(Self, Form), String> {
        let id = at.target.pack.ok_or("select a pack first (screen 2)")?;
        let pack = at.desk.pack(id).ok_or_else(|| format!("{id} is no longer on the desk"))?;
        let mut f = Form::titled("Transfer pack");
        let order = f.add(Field::text("Order number", "").accepting(Accept::OrderNumber));
        let to = f.add(Field::text("To account", "").accepting(Accept::Email));
        f.info.push(format!("{id}: owner {}, bought by {} on {}", pack.owner, pack.purchaser, pack.purchased));
        f.info.push("R18: the order confirmation number is the proof of purchase".into());
        Ok((TransferPack { pack: id, order, to }, f))
    }

    fn command(&self, f: &Form) -> Result<Command, String> {
        Ok(Command::TransferPack {
            pack: Some(self.pack),
            order_number: f.text(self.order).to_string(),
            to: f.text(self.to).to_string(),
        })
    }

    fn confirmation(&self, f: &Form) -> Option<String> {
        Some(format!("Transfer the pack to {}?", f.text(self.to)))
    }
}
