//! `incidesk db ...`: the desk in PostgreSQL as such (docs/POSTGRES.md):
//! its tables, its roles, and moving a desk in and out.

use super::args::DbCmd;
use super::{CliError, Context};
use crate::store::postgres::{PgOpener, Role};
use crate::store::{JsonStore, Store as _};
use serde_json::json;
use std::path::Path;

pub fn run(ctx: &Context, cmd: DbCmd) -> Result<(), CliError> {
    let Some(db) = ctx.database else {
        return Err(CliError::usage(format!(
            "incidesk db works on a desk in PostgreSQL, and the data is {}: pass --data postgres://HOST/DATABASE or set INCIDESK_DATA (see docs/POSTGRES.md)",
            ctx.data.display()
        )));
    };
    match cmd {
        DbCmd::Migrate => migrate(ctx, db),
        DbCmd::Grant { lead: Some(name), .. } => grant(ctx, db, &name, Role::Lead),
        DbCmd::Grant { engineer: Some(name), .. } => grant(ctx, db, &name, Role::Engineer),
        DbCmd::Grant { .. } => Err(CliError::usage("say who: --lead NAME or --engineer NAME")),
        DbCmd::Import { path } => import(ctx, db, &path),
        DbCmd::Export { out } => export(ctx, db, &out),
    }
}

fn migrate(ctx: &Context, db: &PgOpener) -> Result<(), CliError> {
    let ran = db.migrate().map_err(CliError::store)?;
    let text = match ran.as_slice() {
        [] => format!("the tables are up to date (schema {})", crate::store::postgres::SCHEMA),
        versions => format!(
            "migrated to schema {} (ran {})",
            crate::store::postgres::SCHEMA,
            versions.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
        ),
    };
    let value = json!({ "schema": crate::store::postgres::SCHEMA, "ran": ran });
    super::result(ctx, &text, &value)
}

fn grant(ctx: &Context, db: &PgOpener, name: &str, role: Role) -> Result<(), CliError> {
    db.grant(name, role).map_err(CliError::store)?;
    let value = json!({ "name": name, "role": role.name() });
    super::result(ctx, &format!("{name} is now a member of {}", role.name()), &value)
}

fn import(ctx: &Context, db: &PgOpener, path: &Path) -> Result<(), CliError> {
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
    let settled = desk.settled(ctx.now);
    if !settled.is_empty() {
        let part = desk.archive_out(&settled, ctx.now);
        archived.incidents.extend(part.incidents);
        archived.history.extend(part.history);
    }
    db.import(&desk, &archived).map_err(CliError::store)?;
    let value = json!({
        "path": path.to_string_lossy(),
        "customers": desk.customers.len(),
        "products": desk.products.len(),
        "packs": desk.packs.len(),
        "incidents": desk.incidents.len() + archived.incidents.len(),
        "archived": archived.incidents.len(),
        "history": desk.history.len() + archived.history.len(),
    });
    let text = format!(
        "imported {}: {} customers, {} products, {} packs, {} incidents ({} archived), {} history entries",
        path.display(),
        value["customers"],
        value["products"],
        value["packs"],
        value["incidents"],
        value["archived"],
        value["history"]
    );
    super::result(ctx, &text, &value)
}

fn export(ctx: &Context, db: &PgOpener, out: &Path) -> Result<(), CliError> {
    let desk = db.export().map_err(CliError::store)?;
    crate::store::create(out, &desk).map_err(CliError::store)?;
    let value = json!({ "path": out.to_string_lossy(), "incidents": desk.incidents.len() });
    super::result(ctx, &format!("wrote {} ({} incidents)", out.display(), desk.incidents.len()), &value)
}
