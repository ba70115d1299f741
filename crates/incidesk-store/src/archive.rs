//! Archive files: settled incidents and their history, moved out of the data
//! file so that loading it stays fast however many years it covers
//! (DATA-FORMAT.md, "The archive").
//!
//! Each segment is written once, completely, before the data file that lists
//! it replaces the one that did not: a crash in between leaves a file nobody
//! lists, which the next archiving overwrites. A segment is never rewritten
//! afterwards; an incident brought back to the live desk is only taken out of
//! the index, and a read keeps only what the index lists.

use super::error::StoreError;
use super::file;
use super::open::Links;
use super::{SCHEMA_VERSION, sibling};
use incidesk_domain::archive::{Archive, Part, Segment};
use incidesk_domain::{HistoryEntry, Incident, IncidentId, Subject};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The folder beside the data file: `desk.json` → `desk.json.archive/`.
/// A backup (`desk.json.bak`) lists the desk's own archive files, which
/// are never rewritten: it reads `desk.json.archive/` when it has no
/// folder of its own.
pub(crate) fn folder(real: &Path) -> PathBuf {
    let own = sibling(real, ".archive");
    let desks = real
        .to_str()
        .and_then(|p| p.strip_suffix(".bak"))
        .map(|desk| PathBuf::from(format!("{desk}.archive")))
        .filter(|d| d.is_dir());
    match desks {
        Some(d) if !own.exists() => d,
        _ => own,
    }
}

/// The archive folder is incidesk's own: a symbolic link planted in its place
/// would send archive files elsewhere, so it is refused like one planted as
/// the journal.
fn refuse_link(dir: &Path) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(StoreError::NotRegular {
            path: dir.to_path_buf(),
            what: "a symbolic link: incidesk does not follow links for the files it keeps beside the data file (remove the link)".into(),
        }),
        _ => Ok(()),
    }
}

/// The file of segment `number`.
pub(crate) fn segment_path(real: &Path, number: u32) -> PathBuf {
    folder(real).join(format!("{number:06}.json"))
}

#[derive(Serialize)]
struct DocRef<'a> {
    schema_version: u32,
    segment: u32,
    incidents: &'a [Incident],
    history: &'a [HistoryEntry],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    schema_version: u32,
    segment: u32,
    #[serde(default)]
    incidents: Vec<Incident>,
    #[serde(default)]
    history: Vec<HistoryEntry>,
}

/// Writes segment `number` holding `part` (compact JSON: it is read by
/// incidesk, and only when old incidents are asked for). Durable on return.
pub(crate) fn write(real: &Path, number: u32, part: &Part) -> Result<PathBuf, StoreError> {
    let dir = folder(real);
    refuse_link(&dir)?;
    let keep = file::Keep::of(real);
    file::create_dir_beside(&dir, keep.as_ref())?;
    // A killed archiving leaves its temporary file here, not beside the data file.
    file::remove_stale_temps_in(&dir);
    let path = segment_path(real, number);
    let doc = DocRef {
        schema_version: SCHEMA_VERSION,
        segment: number,
        incidents: &part.incidents,
        history: &part.history,
    };
    // Streamed to the file: a segment can hold most of the desk.
    file::save(&path, false, keep.as_ref(), |w| {
        serde_json::to_writer(&mut *w, &doc)?;
        w.write_all(b"\n")
    })?;
    file::sync_dir(&dir);
    Ok(path)
}

/// What `segment`'s file holds for the desk: only the incidents its index
/// entry lists, and their history.
pub(crate) fn read(real: &Path, segment: &Segment) -> Result<Part, StoreError> {
    refuse_link(&folder(real))?;
    let path = segment_path(real, segment.number);
    let bytes = match file::read(&path, Links::Refuse)? {
        Some(b) => b,
        None => {
            return Err(StoreError::Archive {
                path,
                message: format!("archive segment {} is missing", segment.number),
            });
        }
    };
    let doc: Doc = serde_json::from_slice(&bytes)
        .map_err(|e| StoreError::Archive { path: path.clone(), message: format!("damaged: {e}") })?;
    if doc.segment != segment.number || !(1..=SCHEMA_VERSION).contains(&doc.schema_version) {
        return Err(StoreError::Archive {
            path,
            message: format!(
                "this is not archive segment {} of this desk (it says segment {}, schema {})",
                segment.number, doc.segment, doc.schema_version
            ),
        });
    }
    let listed = |id: IncidentId| segment.holds(id);
    Ok(Part {
        incidents: doc.incidents.into_iter().filter(|i| listed(i.id)).collect(),
        history: doc
            .history
            .into_iter()
            .filter(|h| matches!(h.subject, Subject::Incident(id) if listed(id)))
            .collect(),
    })
}

/// Everything archived, all segments together.
pub(crate) fn read_all(real: &Path, archive: &Archive) -> Result<Part, StoreError> {
    let mut all = Part::default();
    for seg in &archive.segments {
        let part = read(real, seg)?;
        all.incidents.extend(part.incidents);
        all.history.extend(part.history);
    }
    Ok(all)
}

/// The archived incidents among `ids` and their history, reading only the
/// segments that hold them.
pub(crate) fn read_some(real: &Path, archive: &Archive, ids: &[IncidentId]) -> Result<Part, StoreError> {
    let mut all = Part::default();
    for seg in archive.segments.iter().filter(|s| ids.iter().any(|id| s.holds(*id))) {
        let part = read(real, seg)?;
        let wanted = |id: IncidentId| ids.contains(&id);
        all.incidents.extend(part.incidents.into_iter().filter(|i| wanted(i.id)));
        all.history.extend(
            part.history.into_iter().filter(|h| matches!(h.subject, Subject::Incident(id) if wanted(id))),
        );
    }
    Ok(all)
}
