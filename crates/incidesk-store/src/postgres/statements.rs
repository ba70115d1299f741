//! Statements prepared once per connection for the change path.
//!
//! `postgres` prepares a statement given as text on every call: one round
//! trip to prepare, one to run. A change runs about ten statements while it
//! holds the desk's lock, so preparing them once per connection halves the
//! trips, and with eight writers the lock is what bounds the rate
//! (PERFORMANCE.md).

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{GenericClient, Row, Statement};
use std::collections::HashMap;

type Sql<T> = Result<T, postgres::Error>;
type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// What the row functions (`rows.rs`) run their statements on: a client or
/// transaction as it is, or one with this connection's prepared statements.
pub trait Run {
    fn query(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Vec<Row>>;
    fn execute(&mut self, sql: &'static str, params: Params<'_>) -> Sql<u64>;
    fn query_one(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Row>;
    /// Hands each row to `each` as it arrives, so that decoding a big
    /// answer overlaps the server sending the rest of it.
    fn for_each_row(&mut self, sql: &'static str, params: Params<'_>, each: &mut dyn FnMut(Row)) -> Sql<()>;
}

fn stream(mut rows: postgres::RowIter<'_>, each: &mut dyn FnMut(Row)) -> Sql<()> {
    while let Some(row) = rows.next()? {
        each(row);
    }
    Ok(())
}

impl<C: GenericClient> Run for C {
    fn query(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Vec<Row>> {
        GenericClient::query(self, sql, params)
    }
    fn execute(&mut self, sql: &'static str, params: Params<'_>) -> Sql<u64> {
        GenericClient::execute(self, sql, params)
    }
    fn query_one(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Row> {
        GenericClient::query_one(self, sql, params)
    }
    fn for_each_row(&mut self, sql: &'static str, params: Params<'_>, each: &mut dyn FnMut(Row)) -> Sql<()> {
        stream(GenericClient::query_raw(self, sql, params.iter().copied())?, each)
    }
}

/// One connection's prepared statements, by their text. Dropped with the
/// connection; emptied after a statement fails, in case the schema changed
/// under a prepared one (`db migrate` from another machine).
#[derive(Default)]
pub struct Statements(HashMap<&'static str, Statement>);

impl Statements {
    pub fn forget(&mut self) {
        self.0.clear();
    }
}

/// A client or transaction with its connection's prepared statements.
pub struct Cached<'a, C> {
    client: &'a mut C,
    statements: &'a mut Statements,
}

impl<'a, C: GenericClient> Cached<'a, C> {
    pub fn new(client: &'a mut C, statements: &'a mut Statements) -> Self {
        Cached { client, statements }
    }

    fn statement(&mut self, sql: &'static str) -> Sql<Statement> {
        if let Some(s) = self.statements.0.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.0.insert(sql, s.clone());
        Ok(s)
    }
}

impl<C: GenericClient> Run for Cached<'_, C> {
    fn query(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Vec<Row>> {
        let s = self.statement(sql)?;
        self.client.query(&s, params)
    }
    fn execute(&mut self, sql: &'static str, params: Params<'_>) -> Sql<u64> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params)
    }
    fn query_one(&mut self, sql: &'static str, params: Params<'_>) -> Sql<Row> {
        let s = self.statement(sql)?;
        self.client.query_one(&s, params)
    }
    fn for_each_row(&mut self, sql: &'static str, params: Params<'_>, each: &mut dyn FnMut(Row)) -> Sql<()> {
        let s = self.statement(sql)?;
        stream(self.client.query_raw(&s, params.iter().copied())?, each)
    }
}
