//! Records to rows and back: the live desk read at start, what changed
//! since a revision, and the records one change touched.

use super::statements::Run;
use incidesk_domain::archive::{Archive, Part};
use incidesk_domain::desk::Issued;
use incidesk_domain::undo::Snapshot;
use incidesk_domain::{Customer, Desk, HistoryEntry, Incident, IncidentId, Pack, Product, Subject};
use postgres::types::Json;
use serde::de::DeserializeOwned;

type Sql<T> = Result<T, postgres::Error>;
pub type Read<T> = Result<T, ReadError>;

/// A read that failed: the server's error, or a document in the database
/// that is no record of incidesk's (changed outside it, with psql say).
#[derive(Debug)]
pub enum ReadError {
    Sql(postgres::Error),
    Unreadable { record: String, message: String },
}

impl From<postgres::Error> for ReadError {
    fn from(e: postgres::Error) -> Self {
        ReadError::Sql(e)
    }
}

/// Column `i` of `row`, a document of the record kind `what`; one that is
/// no such record is an error naming it (by the id it holds), not a crash.
fn doc<T: DeserializeOwned>(row: &postgres::Row, i: usize, what: &str) -> Read<T> {
    match row.try_get::<_, Json<T>>(i) {
        Ok(doc) => Ok(doc.0),
        Err(e) => {
            let raw = row.try_get::<_, Json<serde_json::Value>>(i).ok().map(|v| v.0);
            let id = raw.as_ref().and_then(|v| v.get("id")).map(|id| match id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            let record = match id {
                Some(id) => format!("{what} {id}"),
                None if what.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {what} with no id"),
                None => format!("a {what} with no id"),
            };
            let message = std::error::Error::source(&e).map_or_else(|| e.to_string(), |c| c.to_string());
            Err(ReadError::Unreadable { record, message })
        }
    }
}

/// The rows of one query, each made into a value by `read` as it arrives
/// (so that decoding overlaps the server sending); the first that can't be
/// is the error.
fn decoded<T>(
    client: &mut impl Run,
    query: &'static str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
    read: impl Fn(&postgres::Row) -> Read<T>,
) -> Read<Vec<T>> {
    let mut out = Vec::new();
    let mut bad = None;
    client.for_each_row(query, params, &mut |row| {
        if bad.is_none() {
            match read(&row) {
                Ok(value) => out.push(value),
                Err(e) => bad = Some(e),
            }
        }
    })?;
    bad.map_or(Ok(out), Err)
}

/// The documents of one query's first column, records of the kind `what`.
fn docs<T: DeserializeOwned>(
    client: &mut impl Run,
    what: &str,
    query: &'static str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Read<Vec<T>> {
    decoded(client, query, params, |row| doc(row, 0, what))
}

/// The desk's revision, id counters and archive index; with `lock`, its
/// row is locked for this transaction, so that changes are made one at a time.
pub fn state(client: &mut impl Run, lock: bool) -> Read<(i64, Issued, Archive)> {
    let query = if lock {
        "SELECT revision, issued, archive FROM desk_state FOR UPDATE"
    } else {
        "SELECT revision, issued, archive FROM desk_state"
    };
    let row = client.query_one(query, &[])?;
    let issued = doc(&row, 1, "the desk's id counters")?;
    let archive = doc(&row, 2, "the desk's archive index")?;
    Ok((row.try_get(0)?, issued, archive))
}

/// The live desk (archived incidents and their history left out; the
/// history too unless `with_history`) and its revision. Call it inside a
/// repeatable-read transaction so that every table is read at one moment.
pub fn load(client: &mut impl Run, with_history: bool) -> Read<(Desk, i64)> {
    load_with_packs(client, with_history, packs)
}

/// As [`load`], with the packs from `read_packs`, called last (so that
/// another connection may read them meanwhile: `postgres/split_read.rs`).
pub fn load_with_packs<C: Run>(
    client: &mut C,
    with_history: bool,
    read_packs: impl FnOnce(&mut C) -> Read<Vec<Pack>>,
) -> Read<(Desk, i64)> {
    let (revision, issued, archive) = state(client, false)?;
    let customers = docs(client, "customer", "SELECT doc FROM customers ORDER BY id", &[])?;
    let products = docs(client, "product", "SELECT doc FROM products ORDER BY id", &[])?;
    let incidents =
        docs(client, "incident", "SELECT doc FROM incidents WHERE NOT archived ORDER BY id", &[])?;
    let history = if with_history { live_history(client)? } else { Vec::new() };
    let packs = read_packs(client)?;
    Ok((Desk { customers, products, packs, incidents, history, issued, archive }, revision))
}

/// Every pack, with its ledger, in id order.
pub fn packs(client: &mut impl Run) -> Read<Vec<Pack>> {
    docs(client, "pack", "SELECT doc FROM packs ORDER BY id", &[])
}

/// The history of the live desk, in the order it was recorded.
pub fn live_history(client: &mut impl Run) -> Read<Vec<HistoryEntry>> {
    docs(client, "history entry", "SELECT doc FROM history WHERE NOT archived ORDER BY at, seq", &[])
}

/// A history row: its number, whether it is archived, and its entry.
pub struct HistoryRow {
    pub seq: i64,
    pub archived: bool,
    pub entry: HistoryEntry,
}

/// The history rows of `query` (columns seq, archived, doc), in its order.
fn history_rows(
    client: &mut impl Run,
    query: &'static str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Read<Vec<HistoryRow>> {
    decoded(client, query, params, |row| {
        Ok(HistoryRow {
            seq: row.try_get(0)?,
            archived: row.try_get(1)?,
            entry: doc(row, 2, "history entry")?,
        })
    })
}

/// The live desk's history rows, in the order they were recorded.
pub fn live_history_rows(client: &mut impl Run) -> Read<Vec<HistoryRow>> {
    history_rows(client, "SELECT seq, archived, doc FROM history WHERE NOT archived ORDER BY at, seq", &[])
}

/// The history rows written or archived (or brought back) after `since`.
pub fn history_rows_since(client: &mut impl Run, since: i64) -> Read<Vec<HistoryRow>> {
    history_rows(
        client,
        "SELECT seq, archived, doc FROM history WHERE revision > $1 ORDER BY at, seq",
        &[&since],
    )
}

/// The archived incidents among `ids` (all of them: `None`) and their history.
pub fn archived(client: &mut impl Run, ids: Option<&[IncidentId]>) -> Read<Part> {
    let part = match ids {
        None => Part {
            incidents: docs(client, "incident", "SELECT doc FROM incidents WHERE archived ORDER BY id", &[])?,
            history: docs(
                client,
                "history entry",
                "SELECT doc FROM history WHERE archived ORDER BY at, seq",
                &[],
            )?,
        },
        Some(ids) => {
            let ids: Vec<i64> = ids.iter().map(|i| i64::from(i.0)).collect();
            Part {
                incidents: docs(
                    client,
                    "incident",
                    "SELECT doc FROM incidents WHERE archived AND id = ANY($1) ORDER BY id",
                    &[&ids],
                )?,
                history: docs(
                    client,
                    "history entry",
                    "SELECT doc FROM history WHERE archived AND incident = ANY($1) ORDER BY at, seq",
                    &[&ids],
                )?,
            }
        }
    };
    Ok(part)
}

/// Brings `desk` (read at revision `since`) up to what the database holds,
/// reading only the rows changed after it. Returns the new revision.
pub fn catch_up(client: &mut impl Run, desk: &mut Desk, since: i64, with_history: bool) -> Read<i64> {
    Ok(match changes_since(client, since, with_history)? {
        Some(changes) => changes.apply(desk),
        None => since,
    })
}

/// What others changed after a revision, read but not yet put on a desk:
/// every read is done before the desk is touched, so a read that fails
/// leaves the desk as it was.
pub struct Changes {
    revision: i64,
    issued: Issued,
    archive: Archive,
    customers: Vec<Customer>,
    products: Vec<Product>,
    packs: Vec<Pack>,
    /// Incidents archived since, and live ones changed.
    gone: Vec<IncidentId>,
    live: Vec<Incident>,
    removals: Vec<(String, i64)>,
    history: Option<Vec<HistoryEntry>>,
}

/// The rows changed after `since`; `None` when nothing was. Two round
/// trips (three with history): a change of another client is read while
/// this one holds the desk's lock, so each trip counts.
pub fn changes_since(client: &mut impl Run, since: i64, with_history: bool) -> Read<Option<Changes>> {
    let now_at = state(client, false)?;
    if now_at.0 == since {
        return Ok(None);
    }
    changes_between(client, since, now_at, with_history).map(Some)
}

/// The rows changed after `since`, up to the desk's state `now_at` (as
/// [`state`] read it, under the lock or in the same snapshot).
pub fn changes_between(
    client: &mut impl Run,
    since: i64,
    (revision, issued, archive): (i64, Issued, Archive),
    with_history: bool,
) -> Read<Changes> {
    let mut changes = Changes {
        revision,
        issued,
        archive,
        customers: Vec::new(),
        products: Vec::new(),
        packs: Vec::new(),
        gone: Vec::new(),
        live: Vec::new(),
        removals: Vec::new(),
        history: None,
    };
    // One query for every table: which table, the document, whether the
    // incident is archived, and a removal's kind and id.
    let rows = client.query(
        "SELECT 'customer', doc, false, NULL::text, NULL::bigint FROM customers WHERE revision > $1
         UNION ALL SELECT 'product', doc, false, NULL, NULL FROM products WHERE revision > $1
         UNION ALL SELECT 'pack', doc, false, NULL, NULL FROM packs WHERE revision > $1
         UNION ALL SELECT 'incident', doc, archived, NULL, NULL FROM incidents WHERE revision > $1
         UNION ALL SELECT 'removal', NULL, false, kind, id FROM removals WHERE revision > $1",
        &[&since],
    )?;
    for row in rows {
        match row.get::<_, &str>(0) {
            "customer" => changes.customers.push(doc::<Customer>(&row, 1, "customer")?),
            "product" => changes.products.push(doc::<Product>(&row, 1, "product")?),
            "pack" => changes.packs.push(doc::<Pack>(&row, 1, "pack")?),
            "incident" => {
                let incident = doc::<Incident>(&row, 1, "incident")?;
                if row.get::<_, bool>(2) {
                    changes.gone.push(incident.id)
                } else {
                    changes.live.push(incident)
                }
            }
            _ => changes.removals.push((row.try_get(3)?, row.try_get(4)?)),
        }
    }
    if with_history {
        changes.history = Some(docs(
            client,
            "history entry",
            "SELECT doc FROM history WHERE revision > $1 AND NOT archived ORDER BY at, seq",
            &[&since],
        )?);
    }
    Ok(changes)
}

impl Changes {
    /// Puts the changes on `desk`; returns the revision it is now at.
    pub fn apply(self, desk: &mut Desk) -> i64 {
        desk.issued = self.issued;
        desk.archive = self.archive;
        put(&mut desk.customers, self.customers, |c| c.id);
        put(&mut desk.products, self.products, |p| p.id);
        put(&mut desk.packs, self.packs, |p| p.id);
        let gone = self.gone;
        if !gone.is_empty() {
            desk.incidents.retain(|i| !gone.contains(&i.id));
        }
        put(&mut desk.incidents, self.live, |i| i.id);
        for (kind, id) in self.removals {
            let Ok(id) = u32::try_from(id) else { continue };
            match kind.as_str() {
                "customer" => desk.customers.retain(|c| c.id.0 != id),
                "product" => desk.products.retain(|p| p.id.0 != id),
                "pack" => desk.packs.retain(|p| p.id.0 != id),
                _ => desk.incidents.retain(|i| i.id.0 != id),
            }
        }
        if let Some(new) = self.history {
            if !gone.is_empty() {
                desk.history.retain(|h| !matches!(h.subject, Subject::Incident(id) if gone.contains(&id)));
            }
            desk.history.extend(new);
            // Stable, and linear on what is nearly in order already.
            desk.history.sort_by_key(|h| h.at);
        }
        self.revision
    }
}

/// Puts `new` records into `list` (sorted by id), replacing those with their ids.
fn put<T, Id: Ord + Copy>(list: &mut Vec<T>, new: Vec<T>, key: impl Fn(&T) -> Id) {
    for record in new {
        match list.binary_search_by_key(&key(&record), &key) {
            Ok(i) => list[i] = record,
            Err(i) => list.insert(i, record),
        }
    }
}

/// Writes one record as it is now (`Snapshot` with `None`: it is gone),
/// at `revision`. Updated in place when its row exists, so that the
/// database's checks see a change as a change (not a new record).
pub fn write(client: &mut impl Run, snapshot: &Snapshot, revision: i64) -> Sql<()> {
    match snapshot {
        Snapshot::Customer(_, Some(c)) => upsert(
            client,
            "UPDATE customers SET name = $2, doc = $3, revision = $4 WHERE id = $1",
            "INSERT INTO customers (id, name, doc, revision) VALUES ($1, $2, $3, $4)",
            &[&i64::from(c.id.0), &c.name, &Json(c), &revision],
        ),
        Snapshot::Product(_, Some(p)) => upsert(
            client,
            "UPDATE products SET name = $2, doc = $3, revision = $4 WHERE id = $1",
            "INSERT INTO products (id, name, doc, revision) VALUES ($1, $2, $3, $4)",
            &[&i64::from(p.id.0), &p.name, &Json(p), &revision],
        ),
        Snapshot::Pack(_, Some(p)) => upsert(
            client,
            "UPDATE packs SET customer = $2, order_number = $3, doc = $4, revision = $5 WHERE id = $1",
            // credits_left is counted by the database from the ledger.
            "INSERT INTO packs (id, customer, order_number, doc, revision, credits_left) VALUES ($1, $2, $3, $4, $5, 0)",
            &[&i64::from(p.id.0), &i64::from(p.customer.0), &p.order_number, &Json(p), &revision],
        ),
        Snapshot::Incident(_, Some(i)) => upsert(
            client,
            "UPDATE incidents SET customer = $2, product = $3, pack = $4, open = $5, archived = false, doc = $6, revision = $7 WHERE id = $1",
            "INSERT INTO incidents (id, customer, product, pack, open, doc, revision) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &i64::from(i.id.0),
                &i64::from(i.customer.0),
                &i64::from(i.product.0),
                &i64::from(i.pack.0),
                &i.is_open(),
                &Json(i),
                &revision,
            ],
        ),
        gone => {
            let (kind, id) = match gone.subject() {
                Subject::Customer(id) => ("customer", id.0),
                Subject::Product(id) => ("product", id.0),
                Subject::Pack(id) => ("pack", id.0),
                Subject::Incident(id) => ("incident", id.0),
            };
            let id = i64::from(id);
            let delete = match kind {
                "customer" => "DELETE FROM customers WHERE id = $1",
                "product" => "DELETE FROM products WHERE id = $1",
                "pack" => "DELETE FROM packs WHERE id = $1",
                _ => "DELETE FROM incidents WHERE id = $1",
            };
            let n = client.execute(delete, &[&id])?;
            if n > 0 {
                client.execute(
                    "INSERT INTO removals (revision, kind, id) VALUES ($1, $2, $3)",
                    &[&revision, &kind, &id],
                )?;
            }
            Ok(())
        }
    }
}

fn upsert(
    client: &mut impl Run,
    update: &'static str,
    insert: &'static str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Sql<()> {
    if client.execute(update, params)? == 0 {
        client.execute(insert, params)?;
    }
    Ok(())
}

/// Appends history entries at `revision`, in their order.
pub fn add_history(client: &mut impl Run, entries: &[HistoryEntry], revision: i64) -> Sql<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let subjects: Vec<String> = entries.iter().map(|h| h.subject.to_string()).collect();
    let incidents: Vec<Option<i64>> = entries
        .iter()
        .map(|h| match h.subject {
            Subject::Incident(id) => Some(i64::from(id.0)),
            _ => None,
        })
        .collect();
    let docs: Vec<Json<&HistoryEntry>> = entries.iter().map(Json).collect();
    client.execute(
        "INSERT INTO history (at, who, subject, incident, doc, revision)
         SELECT (d->>'at')::timestamptz, d->>'who', s, i, d, $4
         FROM unnest($1::jsonb[], $2::text[], $3::bigint[]) WITH ORDINALITY AS t(d, s, i, n) ORDER BY n",
        &[&docs, &subjects, &incidents, &revision],
    )?;
    Ok(())
}

/// Marks `ids` and their history archived (`true`) or live again, at `revision`.
pub fn set_archived(client: &mut impl Run, ids: &[IncidentId], archived: bool, revision: i64) -> Sql<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = ids.iter().map(|i| i64::from(i.0)).collect();
    client.execute(
        "UPDATE incidents SET archived = $2, revision = $3 WHERE id = ANY($1) AND archived <> $2",
        &[&ids, &archived, &revision],
    )?;
    client.execute(
        "UPDATE history SET archived = $2, revision = $3 WHERE incident = ANY($1) AND archived <> $2",
        &[&ids, &archived, &revision],
    )?;
    Ok(())
}

/// Records the desk's id counters and archive index at `revision`, and
/// announces it to every client listening (delivered when it commits).
pub fn finish(client: &mut impl Run, desk: &Desk, revision: i64) -> Sql<()> {
    // One statement, one round trip: the change holds the desk's lock.
    client.execute(
        "WITH s AS (UPDATE desk_state SET revision = $1, issued = $2, archive = $3 RETURNING revision)
         SELECT pg_notify($4, revision::text) FROM s",
        &[&revision, &Json(&desk.issued), &Json(&desk.archive), &super::schema::CHANNEL],
    )?;
    Ok(())
}
