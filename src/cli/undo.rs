//! `incidesk undo`: undoes the last change this engineer made on the desk,
//! from this process or any other (the TUI's `u` undoes the same one). The
//! store keeps it (`Store::last_undo`); undoing it is one more change,
//! recorded in history (R21), and refused if the records it put back have
//! changed since. Undoing twice: the second says there is nothing left.

use super::change;
use super::{CliError, Context};
use crate::domain::Command;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    change::run_on_store(ctx, |store, who| {
        let undo = store.last_undo(who).map_err(CliError::store)?.ok_or_else(|| {
            CliError::input(format!(
                "nothing to undo: {who} has no change on this desk that is not undone yet \
                 (undo goes back one change; see `incidesk history ID` for older ones)"
            ))
        })?;
        Ok(Command::Undo { undo: Box::new(undo) })
    })
}
