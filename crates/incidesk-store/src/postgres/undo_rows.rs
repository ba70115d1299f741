//! The `last_undo` table (schema 2): each role's last change, for
//! `incidesk undo` and `u` from any machine (see `last_undo.rs`).

use super::{Failure, sql_error};
use crate::error::StoreError;
use incidesk_domain::Command;
use incidesk_domain::undo::Undo;

/// The role's last undo (see `last_undo.rs`), in the change's transaction:
/// set by a change, cleared by undoing it.
pub(super) fn keep(
    tx: &mut impl super::statements::Run,
    who: &str,
    command: &Command,
    undo: Option<&Undo>,
) -> Result<(), Failure> {
    let json = |u: &Undo| {
        serde_json::to_string(u).map_err(|e| Failure::Store(StoreError::Encode { message: e.to_string() }))
    };
    match (undo, command) {
        (Some(u), _) => {
            tx.execute(
                "INSERT INTO last_undo (who, undo) VALUES ($1, $2::text::jsonb) \
                 ON CONFLICT (who) DO UPDATE SET undo = EXCLUDED.undo",
                &[&who, &json(u)?],
            )?;
        }
        (None, Command::Undo { undo }) => {
            tx.execute(
                "DELETE FROM last_undo WHERE who = $1 AND undo = $2::text::jsonb",
                &[&who, &json(undo)?],
            )?;
        }
        (None, _) => {}
    }
    Ok(())
}

/// The last undo of `role` (`None`: none kept, or undone already).
pub(super) fn read(
    client: &mut postgres::Client,
    role: &str,
    location: &str,
) -> Result<Option<Undo>, StoreError> {
    let row = client
        .query_opt("SELECT undo::text FROM last_undo WHERE who = $1", &[&role])
        .map_err(|e| sql_error(location, &e))?;
    let Some(row) = row else { return Ok(None) };
    let text: String = row.get(0);
    serde_json::from_str(&text).map(Some).map_err(|e| StoreError::Database {
        location: location.into(),
        message: format!("the last undo of {role} can't be read: {e}"),
    })
}
