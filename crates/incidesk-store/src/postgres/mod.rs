//! The desk in a PostgreSQL database, shared by a team on several machines
//! (docs/POSTGRES.md). Each incidesk keeps the live desk in memory, as the
//! JSON store does; a change is one transaction that takes the desk's row
//! lock, reads what others changed since (only those rows), lets the domain
//! decide, and writes the records it touched and its history. Others hear
//! of it by LISTEN/NOTIFY and read only those rows.

mod change;
mod connect;
mod history;
mod live;
mod opener;
mod rows;
pub mod schema;
mod split_read;
mod statements;
mod transfer;
mod undo_rows;

pub use connect::{PgEnv, PgSettings, is_url};
pub use opener::PgOpener;
pub use schema::{ENGINEER_ROLE, LEAD_ROLE, Role, SCHEMA};

use crate::error::StoreError;
use crate::interface::{Applied, Archived, Reading, Store};
use change::{Decided, Failure, Moment, decide};
use connect::Recipe;
use incidesk_domain::archive::Part;
use incidesk_domain::{Command, Desk, IncidentId, Instant};
use postgres::Client;
use statements::{Cached, Statements};

/// How many times a change is tried when the database reports a
/// serialization failure or a deadlock (another change won the race).
const TRIES: usize = 5;

/// The desk kept in PostgreSQL. See [`Store`] for the operations.
pub struct PgStore {
    recipe: Recipe,
    /// `None` while the server can't be reached.
    client: Option<Client>,
    desk: Desk,
    /// The database's revision the desk in memory was read at.
    revision: i64,
    generation: u64,
    /// The authenticated role (`current_user`): who signs every change.
    role: String,
    reading: Reading,
    /// When the server was last tried after the connection was lost.
    last_attempt: Option<std::time::Instant>,
    /// When the database was last asked for its revision (see `live.rs`).
    last_check: std::time::Instant,
    /// The connection's prepared statements.
    statements: Statements,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("at", &self.recipe.shown).field("revision", &self.revision).finish()
    }
}

/// A statement's failure as a store error: the server gone, a role
/// missing, or any other refusal.
pub(crate) fn sql_error(location: &str, e: &postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        // The server shutting down or killing this session: it is gone.
        if [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW].contains(code) {
            return StoreError::Unreachable { location: location.into(), message: db.message().into() };
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            let needs = db.hint().unwrap_or(schema::ENGINEER_ROLE).to_string();
            return StoreError::NotAllowed { location: location.into(), needs, message: db.message().into() };
        }
        let mut message = db.message().to_string();
        if let Some(detail) = db.detail() {
            message.push_str(&format!(" ({detail})"));
        }
        return StoreError::Database { location: location.into(), message };
    }
    if e.is_closed() || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()) {
        return StoreError::Unreachable { location: location.into(), message: connect::describe(e) };
    }
    StoreError::Database { location: location.into(), message: connect::describe(e) }
}

/// A failed read as a store error.
pub(crate) fn read_error(location: &str, e: rows::ReadError) -> StoreError {
    match e {
        rows::ReadError::Sql(e) => sql_error(location, &e),
        rows::ReadError::Unreadable { record, message } => {
            StoreError::UnreadableRecord { location: location.into(), record, message }
        }
    }
}

/// The error of a change or read tried with no connection.
fn sql_error_lost(location: &str) -> StoreError {
    StoreError::Unreachable { location: location.into(), message: "the connection was lost".into() }
}

fn retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code()
        .is_some_and(|c| *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED)
}

/// What one transaction of a change ended with.
enum Tried {
    Done(Applied),
    Retry,
    /// The connection was found gone before the commit was sent: nothing
    /// can have been kept, so the change may be tried on a new one.
    Lost(StoreError),
}

impl PgStore {
    /// Connects and reads the live desk as `reading` asks.
    pub fn open(settings: &PgSettings, reading: Reading) -> Result<PgStore, StoreError> {
        let recipe = Recipe::new(settings)?;
        let mut store = PgStore {
            client: None,
            desk: Desk::default(),
            revision: 0,
            generation: 0,
            role: String::new(),
            reading,
            last_attempt: None,
            last_check: std::time::Instant::now(),
            statements: Statements::default(),
            recipe,
        };
        store.connect()?;
        store.read_whole_desk()?;
        Ok(store)
    }

    /// The authenticated role that signs this store's changes.
    pub fn role(&self) -> &str {
        &self.role
    }

    fn err(&self, e: &postgres::Error) -> StoreError {
        sql_error(&self.recipe.shown, e)
    }

    /// A new connection, listening for changes, on a database of this
    /// incidesk's schema.
    fn connect(&mut self) -> Result<(), StoreError> {
        self.last_attempt = Some(std::time::Instant::now());
        let mut client = self.recipe.connect()?;
        schema::check(&mut client, &self.recipe.shown)?;
        let role: String =
            client.query_one("SELECT current_user::text", &[]).map_err(|e| self.err(&e))?.get(0);
        client.batch_execute(&format!("LISTEN {}", schema::CHANNEL)).map_err(|e| self.err(&e))?;
        self.role = role;
        self.client = Some(client);
        self.statements = Statements::default();
        Ok(())
    }

    fn with_history(&self) -> bool {
        self.reading == Reading::Whole
    }

    /// Runs `read` in a read-only transaction that sees one moment of the database.
    fn read_at_one_moment<T>(
        &mut self,
        read: impl FnOnce(&mut Cached<'_, postgres::Transaction<'_>>) -> Result<T, rows::ReadError>,
    ) -> Result<T, StoreError> {
        let shown = self.recipe.shown.clone();
        let sql = |e: postgres::Error| sql_error(&shown, &e);
        self.client()?;
        let (Some(client), statements) = (self.client.as_mut(), &mut self.statements) else {
            return Err(sql_error_lost(&self.recipe.shown));
        };
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(sql)?;
        let value = read(&mut Cached::new(&mut tx, statements)).map_err(|e| {
            statements.forget();
            read_error(&shown, e)
        })?;
        tx.commit().map_err(sql)?;
        Ok(value)
    }

    /// Reads the live desk, the packs on a second connection if one can be had.
    fn read_whole_desk(&mut self) -> Result<(), StoreError> {
        let with_history = self.with_history();
        let recipe = self.recipe.clone();
        let (desk, revision) = self.read_at_one_moment(|tx| split_read::load(tx, &recipe, with_history))?;
        self.desk = desk;
        self.revision = revision;
        self.generation += 1;
        Ok(())
    }

    /// The connection, or the error saying the server is out of reach
    /// (a change is then refused, never kept to send later).
    fn client(&mut self) -> Result<&mut Client, StoreError> {
        if self.client.as_ref().is_some_and(Client::is_closed) {
            self.client = None;
        }
        match self.client.as_mut() {
            Some(c) => Ok(c),
            None => Err(sql_error_lost(&self.recipe.shown)),
        }
    }

    /// Drops a connection a failure showed to be gone.
    fn forget_if_lost(&mut self, e: &StoreError) {
        if matches!(e, StoreError::Unreachable { .. }) {
            self.client = None;
        }
    }

    /// Connects again if the connection was lost and catches up; a change
    /// calls it, and the live view (rate-limited, see `live.rs`).
    fn ensure_connected(&mut self) -> Result<(), StoreError> {
        if self.client().is_ok() {
            return Ok(());
        }
        self.connect()?;
        self.catch_up().map(|_| ())
    }

    /// Reads what others changed since the desk's revision. `Ok(true)`: the
    /// desk in memory was replaced.
    fn catch_up(&mut self) -> Result<bool, StoreError> {
        let (since, with_history) = (self.revision, self.with_history());
        // Read first, then put on the desk itself (not on a copy of it).
        let Some(changes) = self.read_at_one_moment(|tx| rows::changes_since(tx, since, with_history))?
        else {
            return Ok(false);
        };
        self.revision = changes.apply(&mut self.desk);
        self.generation += 1;
        Ok(true)
    }

    /// One try of a change, in one transaction (see [`decide`]), made on
    /// the desk in memory itself: it ends as the transaction saw it, with
    /// the change if it was kept, without it if not.
    fn try_apply(&mut self, command: &Command, now: Instant) -> Result<Tried, StoreError> {
        let at = Moment {
            since: self.revision,
            with_history: self.with_history(),
            shown: self.recipe.shown.clone(),
            role: self.role.clone(),
        };
        let Some(client) = self.client.as_mut().filter(|c| !c.is_closed()) else {
            self.client = None;
            return Err(sql_error_lost(&at.shown));
        };
        let (desk, statements) = (&mut self.desk, &mut self.statements);
        // What the desk caught up to, kept whether the change is or not.
        let mut seen = at.since;
        let ended = (|| -> Result<Decided, Failure> {
            let mut tx = client.transaction()?;
            let decided = decide(&mut Cached::new(&mut tx, statements), desk, &mut seen, &at, command, now)
                .inspect_err(|_| statements.forget())?;
            if decided.applied.is_err() {
                tx.rollback()?;
                return Ok(decided);
            }
            match tx.commit() {
                Ok(()) => Ok(decided),
                Err(e) => {
                    decided.take_back(desk);
                    Err(Failure::Commit(e))
                }
            }
        })();
        if seen != self.revision {
            self.revision = seen;
            self.generation += 1;
        }
        match ended {
            Ok(decided) => {
                if decided.applied.is_ok() {
                    self.revision = decided.revision;
                    self.generation += 1;
                }
                Ok(Tried::Done(Ok(decided.applied.map(|(outcome, undo, _)| (outcome, undo)))))
            }
            Err(Failure::Sql(e)) if retryable(&e) => Ok(Tried::Retry),
            Err(Failure::Sql(e)) => match sql_error(&at.shown, &e) {
                lost @ StoreError::Unreachable { .. } => Ok(Tried::Lost(lost)),
                other => Err(other),
            },
            // Whether a commit whose answer was lost went through is read
            // back at the next catch-up; it is never sent twice.
            Err(Failure::Commit(e)) => Err(sql_error(&at.shown, &e)),
            Err(Failure::Unreadable { record, message }) => {
                Err(StoreError::UnreadableRecord { location: at.shown.clone(), record, message })
            }
            Err(Failure::Store(e)) => Err(e),
        }
    }

    /// Moves the incidents settled at `now` to the archive, in one transaction.
    fn archive_now(&mut self, now: Instant) -> Result<Archived, StoreError> {
        self.ensure_connected()?;
        let (since, with_history, shown) = (self.revision, self.with_history(), self.recipe.shown.clone());
        let mut work = self.desk.clone();
        let client = self.client()?;
        let sql = |e: postgres::Error| sql_error(&shown, &e);
        let read = |e: rows::ReadError| read_error(&shown, e);
        let mut tx = client.transaction().map_err(sql)?;
        rows::state(&mut tx, true).map_err(read)?;
        let revision = rows::catch_up(&mut tx, &mut work, since, with_history).map_err(read)?;
        let ids = work.settled(now);
        if ids.is_empty() {
            tx.commit().map_err(sql)?;
            self.desk = work;
            self.revision = revision;
            self.generation += 1;
            return Ok(Archived::default());
        }
        let part = work.archive_out(&ids, now);
        rows::set_archived(&mut tx, &ids, true, revision + 1).map_err(sql)?;
        rows::finish(&mut tx, &work, revision + 1).map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.desk = work;
        self.revision = revision + 1;
        self.generation += 1;
        Ok(Archived {
            incidents: part.incidents.len(),
            history: part.history.len(),
            place: Some(format!("the archive of {shown}")),
        })
    }

    /// Archives when many settled incidents wait (as the JSON store does).
    fn archive_if_due(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        if self.desk.settled(now).len() < crate::AUTO_ARCHIVE_MIN {
            return Ok(None);
        }
        self.archive_now(now).map(Some)
    }

    /// A connection of its own, for reads made through `&self` (the
    /// archive: rare, and never in the way of the live one).
    fn side_client(&self) -> Result<Client, StoreError> {
        self.recipe.connect()
    }
}

impl Store for PgStore {
    fn location(&self) -> String {
        self.recipe.shown.clone()
    }

    fn short_name(&self) -> String {
        self.recipe.dbname()
    }

    fn kind(&self) -> &'static str {
        "database"
    }

    fn signer(&self) -> Option<String> {
        Some(self.role.clone())
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn generation(&self) -> u64 {
        self.generation
    }

    fn is_read_only(&self) -> bool {
        false
    }

    /// `who` is not used: a change is signed by the database role.
    fn apply(&mut self, command: Command, now: Instant, _who: &str) -> Applied {
        if let Err(e) = self.ensure_connected() {
            self.forget_if_lost(&e);
            return Err(e);
        }
        let mut reconnected = false;
        for _ in 0..TRIES {
            match self.try_apply(&command, now) {
                Ok(Tried::Done(applied)) => return applied,
                Ok(Tried::Retry) => continue,
                Ok(Tried::Lost(e)) if !reconnected => {
                    reconnected = true;
                    self.client = None;
                    if let Err(again) = self.ensure_connected() {
                        self.forget_if_lost(&again);
                        return Err(e);
                    }
                }
                Ok(Tried::Lost(e)) => {
                    self.client = None;
                    return Err(e);
                }
                Err(e) => {
                    self.forget_if_lost(&e);
                    return Err(e);
                }
            }
        }
        Err(StoreError::Database {
            location: self.recipe.shown.clone(),
            message: format!("other changes won the race {TRIES} times in a row; try again"),
        })
    }

    /// `who` is not used: changes are the database role's.
    fn last_undo(&self, _who: &str) -> Result<Option<incidesk_domain::undo::Undo>, StoreError> {
        undo_rows::read(&mut self.side_client()?, &self.role, &self.recipe.shown)
    }

    fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        self.poll()
    }

    /// A poll costs a 2 ms wait for announcements unless one came.
    fn follow_every(&self) -> std::time::Duration {
        live::FOLLOW_EVERY
    }

    fn archived_part(&self) -> Result<Part, StoreError> {
        let mut client = self.side_client()?;
        rows::archived(&mut client, None).map_err(|e| read_error(&self.recipe.shown, e))
    }

    fn desk_with(&self, ids: &[IncidentId]) -> Result<Desk, StoreError> {
        let wanted: Vec<IncidentId> = ids.iter().copied().filter(|id| self.desk.archive.holds(*id)).collect();
        if wanted.is_empty() {
            return Ok(self.desk.clone());
        }
        let mut client = self.side_client()?;
        let part =
            rows::archived(&mut client, Some(&wanted)).map_err(|e| read_error(&self.recipe.shown, e))?;
        Ok(self.desk.with_archived(part))
    }

    fn archive_settled(&mut self, now: Instant) -> Result<Archived, StoreError> {
        self.archive_now(now)
    }

    fn after_change(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        self.archive_if_due(now)
    }

    fn end_session(&mut self, now: Instant) -> Result<Option<Archived>, StoreError> {
        self.archive_if_due(now)
    }

    fn has_history(&self) -> bool {
        self.with_history()
    }

    fn history_reader(&self) -> Option<crate::history_stream::HistoryReader> {
        PgStore::history_reader(self)
    }

    fn attach_history(&mut self, history: crate::history_stream::History) -> bool {
        PgStore::attach_history(self, history)
    }
}
