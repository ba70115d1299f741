//! `incidesk db ...`: the desk in PostgreSQL as such (docs/POSTGRES.md):
//! its tables, its roles, and moving a desk in and out.

use super::args::DbCmd;
use super::{CliError, Context};
use crate::store::postgres::{PgOpener, Role};
use crate::store::{JsonStore, Store as _};
use std::path::Path;

pub fn run(ctx: &Context, cmd: DbCmd) -> Result<(), CliError> {
    let Some(db) = ctx.database else {
        return Err(CliError::usage(format!(
            "incidesk db works on a desk in PostgreSQL, and the data is {}: pass --data postgres://HOST/DATABASE or set INCIDESK_DATA (see docs/POSTGRES.md)",
            ctx.data.display()
        )));
    };
    match cmd {
        DbCmd::Migrate => migrate(db),
        DbCmd::Grant { lead: Some(name), .. } => grant(db, &name, Role::Lead),
        DbCmd::Grant { engineer: Some(name), .. } => grant(db, &name, Role::Engineer),
        DbCmd::Grant { .. } => Err(CliError::usage("say who: --lead NAME or --engineer NAME")),
        DbCmd::Import { path } => import(db, &path, ctx.now),
        DbCmd::Export { out } => export(db, &out),
    }
}

fn migrate(db: &PgOpener) -> Result<(), CliError> {
    let ran = db.migrate().map_err(CliError::store)?;
    let text = match ran.as_slice() {
        [] => format!("the tables are up to date (schema {})", crate::store::postgres::SCHEMA),
        versions => format!(
            "migrated to schema {} (ran {})",
            crate::store::postgres::SCHEMA,
            versions.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
        ),
    };
    super::print(&format!("{text}\n"))
}

fn grant(db: &PgOpener, name: &str, role: Role) -> Result<(), CliError> {
    db.grant(name, role).map_err(CliError::store)?;
    super::print(&format!("{name} is now a member of {}\n", role.name()))
}

fn import(db: &PgOpener, path: &Path, now: crate::domain::Instant) -> Result<(), CliError> {
    if !path.exists() {
        return Err(CliError::input(format!("{}: no such file to import", path.display())));
    }
    // The data file with its journal replayed, and every archive file.
    let json = JsonStore::open(path).map_err(CliError::store)?;
    let mut archived = json.archived_part().map_err(CliError::store)?;
    // Settled incidents go in archived, whatever the file had done with
    // them: a database's desk opens with what is live only (years of
    // closed incidents stay one query away, see docs/POSTGRES.md).
    let mut desk = json.desk().clone();
    let settled = desk.settled(now);
    if !settled.is_empty() {
        let part = desk.archive_out(&settled, now);
        archived.incidents.extend(part.incidents);
        archived.history.extend(part.history);
    }
    db.import(&desk, &archived).map_err(CliError::store)?;
    super::print(&format!(
        "imported {}: {} customers, {} products, {} packs, {} incidents ({} archived), {} history entries\n",
        path.display(),
        desk.customers.len(),
        desk.products.len(),
        desk.packs.len(),
        desk.incidents.len() + archived.incidents.len(),
        archived.incidents.len(),
        desk.history.len() + archived.history.len()
    ))
}

fn export(db: &PgOpener, out: &Path) -> Result<(), CliError> {
    let desk = db.export().map_err(CliError::store)?;
    crate::store::create(out, &desk).map_err(CliError::store)?;
    super::print(&format!("wrote {} ({} incidents)\n", out.display(), desk.incidents.len()))
}
