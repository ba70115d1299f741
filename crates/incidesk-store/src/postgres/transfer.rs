//! Moving a whole desk in (`incidesk db import`) and out: in one
//! transaction, into a database that holds no desk yet.

use super::{read_error, rows, sql_error};
use crate::error::StoreError;
use crate::validate;
use incidesk_domain::archive::Part;
use incidesk_domain::undo::Snapshot;
use incidesk_domain::{Desk, IncidentId};

/// Writes `desk` and its archived part at revision 1. Refuses a database
/// that holds a desk already, and a desk that breaks the consistency rules.
pub fn import(
    client: &mut postgres::Client,
    location: &str,
    desk: &Desk,
    archived: &Part,
) -> Result<(), StoreError> {
    let problems = validate::problems(&desk.with_archived(archived.clone()));
    if !problems.is_empty() {
        return Err(StoreError::Invalid { path: location.into(), problems });
    }
    let sql = |e: postgres::Error| sql_error(location, &e);
    let mut tx = client.transaction().map_err(sql)?;
    let (revision, _, _) = rows::state(&mut tx, true).map_err(|e| read_error(location, e))?;
    let holds: bool = tx
        .query_one("SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products)", &[])
        .map_err(sql)?
        .get(0);
    if revision != 0 || holds {
        return Err(StoreError::Database {
            location: location.into(),
            message: "it holds a desk already: import only into a new database (createdb, then incidesk db migrate)"
                .into(),
        });
    }
    let next = 1;
    let snapshots = desk
        .customers
        .iter()
        .map(|c| Snapshot::Customer(c.id, Some(Box::new(c.clone()))))
        .chain(desk.products.iter().map(|p| Snapshot::Product(p.id, Some(Box::new(p.clone())))))
        .chain(desk.packs.iter().map(|p| Snapshot::Pack(p.id, Some(Box::new(p.clone())))))
        .chain(
            desk.incidents
                .iter()
                .chain(&archived.incidents)
                .map(|i| Snapshot::Incident(i.id, Some(Box::new(i.clone())))),
        );
    for snapshot in snapshots {
        rows::write(&mut tx, &snapshot, next).map_err(sql)?;
    }
    let mut history = desk.history.clone();
    history.extend(archived.history.iter().cloned());
    history.sort_by_key(|h| h.at);
    rows::add_history(&mut tx, &history, next).map_err(sql)?;
    let ids: Vec<IncidentId> = archived.incidents.iter().map(|i| i.id).collect();
    rows::set_archived(&mut tx, &ids, true, next).map_err(sql)?;
    rows::finish(&mut tx, desk, next).map_err(sql)?;
    tx.commit().map_err(sql)
}
