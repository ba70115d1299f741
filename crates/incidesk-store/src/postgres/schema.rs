//! The database's tables, made and upgraded by numbered migrations
//! (`incidesk db migrate`), and the two roles (docs/POSTGRES.md).
//!
//! Records are kept as JSON documents in the format of DATA-FORMAT.md,
//! beside the columns the database holds to the rules: ids and order
//! numbers unique, every reference to a record that exists, credits never
//! below zero (counted by the database from the pack's own ledger), and
//! the changes only a lead may make refused by triggers that run as the
//! role that sent them, whatever client it used.

use crate::error::StoreError;
use postgres::GenericClient;

/// The newest schema this incidesk knows; a database with a newer one is
/// neither read nor written.
pub const SCHEMA: i32 = 2;

/// The role every engineer is granted (reads, and the changes of the daily work).
pub const ENGINEER_ROLE: &str = "incidesk_engineer";
/// The role a lead is granted: billing decisions (R14), pack transfers
/// (R18) and edits of customers, products and calendars.
pub const LEAD_ROLE: &str = "incidesk_lead";

/// The notification channel a change is announced on (its revision as payload).
pub const CHANNEL: &str = "incidesk_changes";

/// Migration `n` is `MIGRATIONS[n - 1]`, run in one transaction.
const MIGRATIONS: &[&str] = &[MIGRATION_1, MIGRATION_2];

/// Each engineer's last change, for `incidesk undo` and `u` from any
/// machine (see `last_undo.rs`): written in the change's transaction.
const MIGRATION_2: &str = r#"
CREATE TABLE last_undo (
    who text PRIMARY KEY,
    undo jsonb NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON last_undo TO incidesk_engineer;
"#;

const MIGRATION_1: &str = r#"
CREATE TABLE desk_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision bigint NOT NULL DEFAULT 0 CHECK (revision >= 0),
    issued jsonb NOT NULL DEFAULT '{}',
    archive jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO desk_state DEFAULT VALUES;

CREATE TABLE customers (
    id bigint PRIMARY KEY CHECK (id > 0),
    name text NOT NULL CHECK (name <> ''),
    doc jsonb NOT NULL,
    revision bigint NOT NULL
);
CREATE TABLE products (
    id bigint PRIMARY KEY CHECK (id > 0),
    name text NOT NULL CHECK (name <> ''),
    doc jsonb NOT NULL,
    revision bigint NOT NULL
);
CREATE TABLE packs (
    id bigint PRIMARY KEY CHECK (id > 0),
    customer bigint NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED,
    order_number text NOT NULL UNIQUE CHECK (order_number <> ''),
    credits_left integer NOT NULL CHECK (credits_left >= 0),
    doc jsonb NOT NULL,
    revision bigint NOT NULL
);
CREATE TABLE incidents (
    id bigint PRIMARY KEY CHECK (id > 0),
    customer bigint NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED,
    product bigint NOT NULL REFERENCES products (id) DEFERRABLE INITIALLY DEFERRED,
    pack bigint NOT NULL REFERENCES packs (id) DEFERRABLE INITIALLY DEFERRED,
    open boolean NOT NULL,
    archived boolean NOT NULL DEFAULT false,
    billing jsonb,
    doc jsonb NOT NULL,
    revision bigint NOT NULL,
    CHECK (NOT (open AND archived))
);
-- The live desk is what is read at start; the open queue what most views show.
CREATE INDEX incidents_live ON incidents (id) WHERE NOT archived;
CREATE INDEX incidents_open ON incidents (id) WHERE open;
CREATE INDEX incidents_revision ON incidents (revision);
CREATE INDEX incidents_customer ON incidents (customer);
CREATE INDEX incidents_pack ON incidents (pack);
CREATE INDEX packs_revision ON packs (revision);

CREATE TABLE history (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    who text NOT NULL CHECK (who <> ''),
    subject text NOT NULL,
    incident bigint,
    archived boolean NOT NULL DEFAULT false,
    doc jsonb NOT NULL,
    revision bigint NOT NULL
);
CREATE INDEX history_revision ON history (revision);
CREATE INDEX history_incident ON history (incident);
CREATE INDEX history_live ON history (at, seq) WHERE NOT archived;

-- Records an undo took away, so that other clients drop them too.
CREATE TABLE removals (
    revision bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('customer', 'product', 'pack', 'incident')),
    id bigint NOT NULL
);
CREATE INDEX removals_revision ON removals (revision);

-- Credits left, counted by the database from the pack's ledger, so that a
-- row can't claim credits its ledger does not hold.
CREATE FUNCTION incidesk_count_credits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.credits_left := 5
        + (SELECT count(*) FROM jsonb_array_elements(coalesce(NEW.doc->'ledger', '[]')) l WHERE l->>'kind' = 'refund')
        - (SELECT count(*) FROM jsonb_array_elements(coalesce(NEW.doc->'ledger', '[]')) l WHERE l->>'kind' = 'debit');
    RETURN NEW;
END $$;
CREATE TRIGGER packs_credits BEFORE INSERT OR UPDATE ON packs
    FOR EACH ROW EXECUTE FUNCTION incidesk_count_credits();

-- The lead's changes. SECURITY INVOKER (the default): current_user is the
-- role that sent the statement, through incidesk or any other client.
CREATE FUNCTION incidesk_need_lead(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_has_role(current_user, 'incidesk_lead', 'MEMBER') THEN
        RAISE EXCEPTION '% needs a lead: role % is not a member of incidesk_lead', what, current_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'incidesk_lead';
    END IF;
END $$;

CREATE FUNCTION incidesk_lead_edits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incidesk_need_lead(CASE TG_TABLE_NAME
        WHEN 'customers' THEN 'changing a customer (its details, contacts or calendar)'
        ELSE 'changing a product' END);
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER customers_lead BEFORE INSERT OR UPDATE OR DELETE ON customers
    FOR EACH ROW EXECUTE FUNCTION incidesk_lead_edits();
CREATE TRIGGER products_lead BEFORE INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION incidesk_lead_edits();

CREATE FUNCTION incidesk_pack_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'INSERT' AND jsonb_array_length(coalesce(NEW.doc->'transfers', '[]')) > 0)
        OR (TG_OP = 'UPDATE' AND ((OLD.doc->'transfers') IS DISTINCT FROM (NEW.doc->'transfers')
                                  OR (OLD.doc->>'owner') IS DISTINCT FROM (NEW.doc->>'owner'))) THEN
        PERFORM incidesk_need_lead('a pack transfer (R18)');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER packs_transfer BEFORE INSERT OR UPDATE ON packs
    FOR EACH ROW EXECUTE FUNCTION incidesk_pack_transfer();

CREATE FUNCTION incidesk_billing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.billing := NEW.doc->'billing';
    IF (TG_OP = 'INSERT' AND NEW.billing IS NOT NULL AND NEW.billing <> 'null'::jsonb)
        OR (TG_OP = 'UPDATE' AND (OLD.doc->'billing') IS DISTINCT FROM (NEW.doc->'billing')) THEN
        PERFORM incidesk_need_lead('a billing decision (R14)');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER incidents_billing BEFORE INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidesk_billing();

-- A change is signed by the role that sent it; only the owner of the
-- tables (moving a desk in with `incidesk db import`) writes other names.
CREATE FUNCTION incidesk_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.who <> current_user
        AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RAISE EXCEPTION 'a history entry signed % was sent by role %: changes are signed by the role that makes them', NEW.who, current_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'incidesk_engineer';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER history_signed BEFORE INSERT ON history
    FOR EACH ROW EXECUTE FUNCTION incidesk_signed();

-- Roles belong to the whole server: made once, by whichever database is
-- migrated first (another migrating at the same moment is no error).
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'incidesk_engineer') THEN
        CREATE ROLE incidesk_engineer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'incidesk_lead') THEN
        CREATE ROLE incidesk_lead NOLOGIN IN ROLE incidesk_engineer;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT SELECT ON desk_state, customers, products, packs, incidents, history, removals, incidesk_schema
    TO incidesk_engineer;
GRANT INSERT, UPDATE, DELETE ON customers, products, packs, incidents, removals TO incidesk_engineer;
GRANT UPDATE ON desk_state TO incidesk_engineer;
-- Archiving moves entries in and out of the live desk; their text stays as written.
GRANT INSERT, UPDATE (archived, revision) ON history TO incidesk_engineer;
GRANT USAGE ON SEQUENCE history_seq_seq TO incidesk_engineer;
"#;

/// The schema version the database holds (0: no incidesk tables yet).
pub fn version(client: &mut impl GenericClient) -> Result<i32, postgres::Error> {
    let exists: bool = client.query_one("SELECT to_regclass('incidesk_schema') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client.query_opt("SELECT version FROM incidesk_schema", &[])?.map_or(0, |r| r.get(0)))
}

/// Refuses a database this incidesk must not touch: newer, or not made yet.
pub fn check(client: &mut impl GenericClient, location: &str) -> Result<(), StoreError> {
    let found = version(client).map_err(|e| super::sql_error(location, &e))?;
    if found > SCHEMA {
        return Err(StoreError::NewerDatabase { location: location.into(), found, knows: SCHEMA });
    }
    if found < SCHEMA {
        return Err(StoreError::Database {
            location: location.into(),
            message: if found == 0 {
                "it holds no incidesk desk yet: run `incidesk db migrate` (as the role that is to own the tables) to make its tables".into()
            } else {
                format!(
                    "its incidesk schema is {found}, older than this incidesk's {SCHEMA}: run `incidesk db migrate`"
                )
            },
        });
    }
    Ok(())
}

/// Brings the schema up to [`SCHEMA`], each migration in its own
/// transaction; returns the versions it ran. A newer database is refused.
pub fn migrate(client: &mut postgres::Client, location: &str) -> Result<Vec<i32>, StoreError> {
    let sql = |e: postgres::Error| super::sql_error(location, &e);
    let mut ran = Vec::new();
    loop {
        let mut tx = client.transaction().map_err(sql)?;
        // One migrator at a time, whatever the version says.
        tx.execute("SELECT pg_advisory_xact_lock(7201226)", &[]).map_err(sql)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS incidesk_schema (version integer NOT NULL)")
            .map_err(sql)?;
        let found = version(&mut tx).map_err(sql)?;
        if found > SCHEMA {
            return Err(StoreError::NewerDatabase { location: location.into(), found, knows: SCHEMA });
        }
        if found == SCHEMA {
            tx.commit().map_err(sql)?;
            return Ok(ran);
        }
        let next = found + 1;
        let step = usize::try_from(found).unwrap_or(0);
        tx.batch_execute(MIGRATIONS[step]).map_err(sql)?;
        tx.execute("DELETE FROM incidesk_schema", &[]).map_err(sql)?;
        tx.execute("INSERT INTO incidesk_schema (version) VALUES ($1)", &[&next]).map_err(sql)?;
        tx.commit().map_err(sql)?;
        ran.push(next);
    }
}

/// The two roles a person can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Engineer,
    Lead,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Engineer => ENGINEER_ROLE,
            Role::Lead => LEAD_ROLE,
        }
    }
}

/// Gives `person` (a database role, made with LOGIN if it does not exist)
/// `role`. A lead is an engineer too; making a lead an engineer takes the
/// lead role away.
pub fn grant(
    client: &mut postgres::Client,
    location: &str,
    person: &str,
    role: Role,
) -> Result<(), StoreError> {
    let sql = |e: postgres::Error| super::sql_error(location, &e);
    if person.is_empty() || person.len() > 63 || person.chars().any(char::is_control) {
        return Err(StoreError::Database {
            location: location.into(),
            message: format!("'{person}' can't be a role name (1 to 63 printable characters)"),
        });
    }
    let ident = quote_ident(person);
    let mut tx = client.transaction().map_err(sql)?;
    let exists =
        tx.query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&person]).map_err(sql)?.is_some();
    if !exists {
        tx.batch_execute(&format!("CREATE ROLE {ident} LOGIN")).map_err(sql)?;
    }
    tx.batch_execute(&format!("GRANT {ENGINEER_ROLE} TO {ident}")).map_err(sql)?;
    match role {
        Role::Lead => tx.batch_execute(&format!("GRANT {LEAD_ROLE} TO {ident}")).map_err(sql)?,
        Role::Engineer => tx.batch_execute(&format!("REVOKE {LEAD_ROLE} FROM {ident}")).map_err(sql)?,
    }
    tx.commit().map_err(sql)
}

/// `name` as an SQL identifier, quoted.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
