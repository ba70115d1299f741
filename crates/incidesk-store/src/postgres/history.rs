//! The history of a desk opened [`Reading::WithoutHistory`], read on
//! another thread after the first frame (on a connection of its own) and
//! put in. Changes made meanwhile, here or on other machines, are not lost:
//! the rows written or archived after the revision it was read at are read
//! again when it is put in, and the desk is brought to that same moment.

use super::{PgStore, rows};
use crate::history_stream::{Basis, History, HistoryReader};
use crate::interface::Reading;
use incidesk_domain::HistoryEntry;
use std::collections::HashSet;

impl PgStore {
    /// For a desk read without its history, what reading it takes.
    pub(super) fn history_reader(&self) -> Option<HistoryReader> {
        if self.reading == Reading::Whole {
            return None;
        }
        let recipe = self.recipe.clone();
        Some(HistoryReader::new(move || {
            let shown = recipe.shown.clone();
            let mut client = recipe.connect()?;
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .map_err(|e| super::sql_error(&shown, &e))?;
            let read = |tx: &mut postgres::Transaction<'_>| -> Result<_, rows::ReadError> {
                let (revision, _, _) = rows::state(tx, false)?;
                Ok((revision, rows::live_history_rows(tx)?))
            };
            let (revision, found) = read(&mut tx).map_err(|e| super::read_error(&shown, e))?;
            tx.commit().map_err(|e| super::sql_error(&shown, &e))?;
            let (seqs, entries) = found.into_iter().map(|r| (r.seq, r.entry)).unzip();
            Ok(History { entries, basis: Basis::Database { revision, seqs } })
        }))
    }

    /// Puts in a history read by [`PgStore::history_reader`]; `false` when
    /// it can't be now (the server out of reach): read it again later.
    pub(super) fn attach_history(&mut self, history: History) -> bool {
        let Basis::Database { revision: read_at, seqs } = history.basis else { return false };
        if self.reading == Reading::Whole {
            return false;
        }
        let read: Vec<(i64, HistoryEntry)> = seqs.into_iter().zip(history.entries).collect();
        let since = self.revision;
        let caught_up = self.read_at_one_moment(|tx| {
            let state = rows::state(tx, false)?;
            let now_at = state.0;
            let records =
                if now_at == since { None } else { Some(rows::changes_between(tx, since, state, false)?) };
            // Rows are written and archived at a new revision: none changed
            // when the database is still where the history was read.
            let later = if now_at == read_at { Vec::new() } else { rows::history_rows_since(tx, read_at)? };
            Ok((records, later))
        });
        let (records, later) = match caught_up {
            Ok(found) => found,
            Err(e) => {
                self.forget_if_lost(&e);
                return false;
            }
        };
        if let Some(records) = records {
            self.revision = records.apply(&mut self.desk);
        }
        self.desk.history = merge(read, later);
        self.reading = Reading::Whole;
        self.generation += 1;
        true
    }
}

/// The live history: what was read, less the rows changed since (archived
/// with their incident, or brought back), plus those changed rows that are
/// live, in the order the database keeps (time recorded, then row number).
fn merge(read: Vec<(i64, HistoryEntry)>, later: Vec<rows::HistoryRow>) -> Vec<HistoryEntry> {
    let changed: HashSet<i64> = later.iter().map(|r| r.seq).collect();
    let mut all: Vec<(i64, HistoryEntry)> =
        read.into_iter().filter(|(seq, _)| !changed.contains(seq)).collect();
    all.extend(later.into_iter().filter(|r| !r.archived).map(|r| (r.seq, r.entry)));
    all.sort_by_key(|(seq, entry)| (entry.at, *seq));
    all.into_iter().map(|(_, entry)| entry).collect()
}
