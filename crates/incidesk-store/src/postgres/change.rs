//! One change in one transaction: decided by the domain on the desk in
//! memory, under the desk's row lock, and written as the records it
//! touched (see [`decide`]).

use super::statements::Run;
use super::{rows, undo_rows};
use crate::error::StoreError;
use crate::validate;
use incidesk_domain::{Command, Desk, IncidentId, Instant, Subject};

/// What a change is decided against.
pub(super) struct Moment {
    pub since: i64,
    pub with_history: bool,
    pub shown: String,
    pub role: String,
}

/// A change decided inside its transaction, on the desk in memory.
pub(super) struct Decided {
    pub revision: i64,
    pub applied: Result<
        (incidesk_domain::Outcome, Option<incidesk_domain::undo::Undo>, Undone),
        incidesk_domain::Refusal,
    >,
}

/// How the desk in memory gets back to what it was before an accepted
/// change whose transaction then fails.
pub(super) enum Undone {
    /// The records the change may have touched, as they were.
    Records(incidesk_domain::in_place::Before),
    /// The whole desk, as it was: a change that brought archived incidents
    /// back (rare) was made on a copy.
    Desk(Box<Desk>),
}

impl Decided {
    pub fn take_back(self, desk: &mut Desk) {
        if let Ok((_, _, undone)) = self.applied {
            match undone {
                Undone::Records(before) => before.take_back(desk),
                Undone::Desk(before) => *desk = *before,
            }
        }
    }
}

pub(super) enum Failure {
    Sql(postgres::Error),
    /// A record read from the database is no record (see `rows::ReadError`).
    Unreadable {
        record: String,
        message: String,
    },
    /// The commit itself failed: it may or may not have been kept.
    Commit(postgres::Error),
    Store(StoreError),
}

impl From<postgres::Error> for Failure {
    fn from(e: postgres::Error) -> Self {
        Failure::Sql(e)
    }
}

impl From<rows::ReadError> for Failure {
    fn from(e: rows::ReadError) -> Self {
        match e {
            rows::ReadError::Sql(e) => Failure::Sql(e),
            rows::ReadError::Unreadable { record, message } => Failure::Unreadable { record, message },
        }
    }
}

/// Under the desk's row lock (one change at a time, in the order they
/// commit): catches up with what others wrote (`seen` becomes the revision
/// caught up to), brings back the archived incidents the command names,
/// lets the domain decide, and writes the records it touched and the
/// history it recorded, signed by the role. The change is made on `desk`
/// itself and taken back if it is refused or can't be written, so that a
/// change costs what it touches, not the size of the desk.
pub(super) fn decide(
    tx: &mut impl Run,
    desk: &mut Desk,
    seen: &mut i64,
    at: &Moment,
    command: &Command,
    now: Instant,
) -> Result<Decided, Failure> {
    let locked = rows::state(tx, true)?;
    if locked.0 != at.since {
        // Rows others committed: true whatever becomes of this change.
        *seen = rows::changes_between(tx, at.since, locked, at.with_history)?.apply(desk);
    }
    let revision = *seen;
    let named: Vec<IncidentId> =
        command.incidents().into_iter().filter(|id| desk.archive.holds(*id)).collect();
    let history_len = desk.history.len();
    let made = if named.is_empty() {
        desk.execute_in_place(command.clone(), now, &at.role)
            .map(|(o, u, before)| (o, u, Undone::Records(before)))
    } else {
        let before = desk.clone();
        desk.thaw(rows::archived(tx, Some(&named))?);
        match desk.execute_with_undo(command.clone(), now, &at.role) {
            Ok((o, u)) => Ok((o, u, Undone::Desk(Box::new(before)))),
            Err(refusal) => {
                *desk = before;
                Err(refusal)
            }
        }
    };
    let (outcome, undo, undone) = match made {
        Ok(made) => made,
        Err(refusal) => return Ok(Decided { revision, applied: Err(refusal) }),
    };
    let decided = Decided { revision: revision + 1, applied: Ok((outcome, undo, undone)) };
    match write_change(tx, desk, at, command, &decided, &named, history_len) {
        Ok(()) => Ok(decided),
        Err(e) => {
            decided.take_back(desk);
            Err(e)
        }
    }
}

/// Checks the records an accepted change touched and writes them, its
/// history, the desk's counters and the undo, at the decided revision.
fn write_change(
    tx: &mut impl Run,
    desk: &Desk,
    at: &Moment,
    command: &Command,
    decided: &Decided,
    named: &[IncidentId],
    history_len: usize,
) -> Result<(), Failure> {
    let Ok((_, undo, undone)) = &decided.applied else { return Ok(()) };
    let next = decided.revision;
    let mut touched = crate::touched::subjects(command, undo.as_ref());
    touched.extend(named.iter().map(|id| Subject::Incident(*id)));
    touched.sort_by_key(|s| s.to_string());
    touched.dedup();
    let added = &desk.history[history_len..];
    let problems = validate::touched_problems(desk, &touched, added);
    if !problems.is_empty() {
        return Err(Failure::Store(StoreError::Rejected { path: at.shown.clone().into(), problems }));
    }
    for subject in touched {
        let now_is = desk.snapshot(subject);
        let changed = match undone {
            Undone::Records(_) => true,
            Undone::Desk(before) => before.snapshot(subject) != now_is,
        };
        if changed || named.iter().any(|id| Subject::Incident(*id) == subject) {
            rows::write(tx, &now_is, next)?;
        }
    }
    rows::set_archived(tx, named, false, next)?;
    rows::add_history(tx, added, next)?;
    rows::finish(tx, desk, next)?;
    undo_rows::keep(tx, &at.role, command, undo.as_ref())?;
    Ok(())
}
