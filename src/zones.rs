//! The system's IANA zone database (issue 10): `main` installs it from the
//! folder the settings name (`TZDIR`, else `/usr/share/zoneinfo`), so that
//! customers' zones follow the rules the machine has now rather than those
//! compiled in; a zone missing there keeps the bundled rules. The domain
//! only ever sees a zone's bytes, by name ([`domain::zone_db`]).

use crate::domain::zone_db::{self, ZoneDatabase};
use std::path::{Path, PathBuf};

/// No TZif file is this big (the largest are a few kB): a bigger file is
/// not read.
const MAX_ZONE_FILE: u64 = 1 << 20;

/// Installs the database in `dir` if there is one; whether it was.
pub fn install(dir: &Path) -> bool {
    database(dir).is_some_and(|db| zone_db::install(db).is_ok())
}

/// The database in `dir`, if `dir` is a folder.
pub fn database(dir: &Path) -> Option<ZoneDatabase> {
    if !dir.is_dir() {
        return None;
    }
    let root: PathBuf = dir.to_path_buf();
    Some(ZoneDatabase {
        place: dir.display().to_string(),
        version: version(dir),
        load: Box::new(move |name| read_zone(&root.join(name))),
    })
}

fn read_zone(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ZONE_FILE {
        return None;
    }
    std::fs::read(path).ok()
}

/// The tzdata version (`2025b`): the `+VERSION` file newer databases have,
/// else the first line of `tzdata.zi` (`# version 2025b`).
fn version(dir: &Path) -> Option<String> {
    let first_line = |file: &str| {
        let text = std::fs::read(dir.join(file)).ok()?;
        let text = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
        text.lines().next().map(str::to_string)
    };
    let found = first_line("+VERSION")
        .or_else(|| first_line("tzdata.zi").and_then(|l| l.strip_prefix("# version ").map(str::to_string)))?;
    let found = found.trim();
    let plain = !found.is_empty()
        && found.len() <= 20
        && found.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    plain.then(|| found.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_comes_from_the_version_file_else_tzdata_zi() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(version(dir.path()), None);
        std::fs::write(dir.path().join("tzdata.zi"), "# version 2026c\n# ddeps\n").unwrap();
        assert_eq!(version(dir.path()).as_deref(), Some("2026c"));
        std::fs::write(dir.path().join("+VERSION"), "2027a\n").unwrap();
        assert_eq!(version(dir.path()).as_deref(), Some("2027a"));
        std::fs::write(dir.path().join("+VERSION"), "\x1b[2J\n").unwrap();
        assert_eq!(version(dir.path()), None, "no terminal controls from a file");
    }

    #[test]
    fn no_folder_is_no_database_and_a_zone_is_read_by_name_inside_it() {
        assert!(database(Path::new("/nonexistent/zoneinfo")).is_none());
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Europe")).unwrap();
        std::fs::write(dir.path().join("Europe/Nowhere"), b"TZif").unwrap();
        let db = database(dir.path()).unwrap();
        assert_eq!((db.load)("Europe/Nowhere").as_deref(), Some(&b"TZif"[..]));
        assert_eq!((db.load)("Europe"), None, "a folder is no zone");
    }
}
