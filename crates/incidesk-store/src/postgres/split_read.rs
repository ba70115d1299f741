//! The first read of the live desk on two connections at once: the packs
//! (with their ledgers, about half of the bytes at 100 000 incidents) on a
//! second connection while the first reads the incidents, so that the
//! server's two halves of the work and the client's decoding of them run
//! side by side (PERFORMANCE.md, first frame). Both transactions see one
//! moment: the second takes the first's snapshot (`pg_export_snapshot`,
//! `SET TRANSACTION SNAPSHOT`), so the desk read is the same as on one.
//! The second connection is made once the first has its own and is
//! reading (so a role the server allows one connection still opens, and
//! connecting costs no time of its own); if it or its snapshot can't be
//! had, the first reads the packs too: slower, never different.

use super::connect::Recipe;
use super::rows::{self, Read, ReadError};
use super::statements::Run;
use incidesk_domain::{Desk, Pack};

/// The live desk and its revision, as [`rows::load`] reads it, with the
/// packs read on a second connection of `recipe`'s, in a transaction that
/// shares `client`'s snapshot. `client` must be in a repeatable-read
/// transaction.
pub fn load(client: &mut impl Run, recipe: &Recipe, with_history: bool) -> Read<(Desk, i64)> {
    let row = client.query_one("SELECT pg_export_snapshot()", &[])?;
    let Some(snapshot) = row.try_get::<_, String>(0).ok().filter(|id| is_snapshot_id(id)) else {
        return rows::load(client, with_history);
    };
    std::thread::scope(|scope| {
        let beside = scope.spawn(move || match recipe.connect() {
            Ok(mut side) => packs_at(&mut side, &snapshot).map(Some),
            Err(_) => Ok(None),
        });
        rows::load_with_packs(client, with_history, |client| match beside.join() {
            Ok(Ok(Some(packs))) => Ok(packs),
            // A pack that is no record is the answer, whichever connection read it.
            Ok(Err(unreadable @ ReadError::Unreadable { .. })) => Err(unreadable),
            Ok(Ok(None) | Err(ReadError::Sql(_))) | Err(_) => rows::packs(client),
        })
    })
}

/// The packs as the transaction that exported `snapshot` sees them.
fn packs_at(side: &mut postgres::Client, snapshot: &str) -> Read<Vec<Pack>> {
    let mut tx = side
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    tx.batch_execute(&format!("SET TRANSACTION SNAPSHOT '{snapshot}'"))?;
    let packs = rows::packs(&mut tx)?;
    tx.commit()?;
    Ok(packs)
}

/// A snapshot id as the server makes them (hex digits and dashes), so that
/// nothing else is ever put into the statement.
fn is_snapshot_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::is_snapshot_id;

    #[test]
    fn only_a_servers_snapshot_id_is_put_into_the_statement() {
        assert!(is_snapshot_id("00000003-0000001B-1"));
        assert!(!is_snapshot_id(""));
        assert!(!is_snapshot_id("1'; DROP TABLE packs; --"));
    }
}
