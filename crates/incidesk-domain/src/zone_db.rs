//! R5: which time-zone rules the desk uses. `main` installs the system's
//! IANA database once ([`install`]: where it is, its version, and a loader
//! for a zone's TZif bytes); zones it lacks, and every zone when none is
//! installed (tests, a machine without one), use the bundled rules.

use crate::zone::Zone;
use chrono_tz::Tz;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The version of the rules compiled into incidesk.
pub const BUNDLED_VERSION: &str = chrono_tz::IANA_TZDB_VERSION;

/// Reads a zone's TZif file by its IANA name (already checked to be a
/// plain name: no `..`, not absolute); `None` if there is none.
pub type Loader = Box<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

/// A system zone database, as `main` found it.
pub struct ZoneDatabase {
    /// Where it is, as people read it (`/usr/share/zoneinfo`).
    pub place: String,
    /// Its tzdata version (`2025b`) when it says.
    pub version: Option<String>,
    pub load: Loader,
}

static INSTALLED: OnceLock<ZoneDatabase> = OnceLock::new();
/// Zones already looked up by name, so that each file is read once.
static ZONES: Mutex<Option<HashMap<Box<str>, Option<Zone>>>> = Mutex::new(None);

/// Installs the system database (once, before any zone is read: `main`).
/// Returns it back if one was installed already.
pub fn install(db: ZoneDatabase) -> Result<(), ZoneDatabase> {
    INSTALLED.set(db)?;
    // Zones looked up before came from the bundled rules.
    if let Ok(mut zones) = ZONES.lock() {
        *zones = None;
    }
    Ok(())
}

/// The rules in use, for `incidesk check` and the help.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RulesInUse {
    /// `system` or `bundled`.
    pub source: &'static str,
    /// The system database's place, if one is installed.
    pub place: Option<String>,
    /// The version of the rules most zones follow (`unknown` if the
    /// system's doesn't say).
    pub version: String,
    /// The bundled version, for zones the system's database lacks.
    pub bundled_version: &'static str,
}

impl RulesInUse {
    /// One line: `2025b from /usr/share/zoneinfo (bundled 2025b for zones it lacks)`.
    pub fn describe(&self) -> String {
        match &self.place {
            Some(place) => {
                format!("{} from {place} (bundled {} for zones it lacks)", self.version, self.bundled_version)
            }
            None => format!("bundled {} (no system zone database found)", self.bundled_version),
        }
    }
}

pub fn rules_in_use() -> RulesInUse {
    match INSTALLED.get() {
        Some(db) => RulesInUse {
            source: "system",
            place: Some(db.place.clone()),
            version: db.version.clone().unwrap_or_else(|| "unknown".to_string()),
            bundled_version: BUNDLED_VERSION,
        },
        None => RulesInUse {
            source: "bundled",
            place: None,
            version: BUNDLED_VERSION.to_string(),
            bundled_version: BUNDLED_VERSION,
        },
    }
}

/// A name that can only name a file inside the database: parts of letters,
/// digits, `_`, `-`, `+`, none empty or `.`/`..`.
fn plain_name(name: &str) -> bool {
    name.len() <= 64
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part.chars().all(|c| c.is_ascii_alphanumeric() || "_-+.".contains(c))
        })
}

/// The zone named so: the system's rules if installed and it has the zone,
/// else the bundled ones, else `None`.
pub(crate) fn lookup(name: &str) -> Option<Zone> {
    if !plain_name(name) {
        return None;
    }
    let Ok(mut zones) = ZONES.lock() else { return find(name) };
    let zones = zones.get_or_insert_with(HashMap::new);
    if let Some(zone) = zones.get(name) {
        return zone.clone();
    }
    let zone = find(name);
    zones.insert(name.into(), zone.clone());
    zone
}

fn find(name: &str) -> Option<Zone> {
    let system =
        INSTALLED.get().and_then(|db| (db.load)(name)).and_then(|bytes| Zone::from_tzif(name, &bytes));
    system.or_else(|| name.parse::<Tz>().ok().map(Zone::bundled))
}
