//! What a journal line says about a record that existed before the change:
//! the fields that changed, not the whole record (DATA-FORMAT.md, "The
//! journal"). A contact logged on an incident with a hundred contacts costs
//! one contact, so the journal grows with the changes, not with the square
//! of an incident's size.
//!
//! A patch works on the record as JSON (as written in the data file), field by
//! field: `{"set": value}` (a new or replaced field), `"del"` (a field left
//! out now), `{"push": [items]}` (items appended to a list that kept its
//! earlier items), `{"patch": {...}}` (an object changed inside). Anything
//! else a list went through (an item removed or edited) is a `set` of the
//! whole list: rare, and always correct.

use incidesk_domain::undo::Snapshot;
use incidesk_domain::{CustomerId, Desk, HistoryEntry, IncidentId, PackId, ProductId, Subject};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One field's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Op {
    Set(Value),
    Del,
    Push(Vec<Value>),
    Patch(Ops),
}

/// Field name to change, in name order (so a line is the same bytes each time).
pub(crate) type Ops = BTreeMap<String, Op>;

/// A record's changes, by kind and id: `{"incident": [14, {...}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Patch {
    Customer(CustomerId, Ops),
    Product(ProductId, Ops),
    Pack(PackId, Ops),
    Incident(IncidentId, Ops),
}

/// A record's new state in a journal line: whole (created, removed, or when
/// that is no longer than its patch) or as a patch.
pub(crate) enum Change {
    Whole(Snapshot),
    Patch(Patch),
}

/// The changes from `old` to `new` (both objects): `None` if either is not one.
fn ops(old: &Value, new: &Value) -> Option<Ops> {
    let (Value::Object(old), Value::Object(new)) = (old, new) else { return None };
    let mut out = Ops::new();
    for (k, n) in new {
        let op = match (old.get(k), n) {
            (Some(o), n) if o == n => continue,
            (Some(Value::Array(o)), Value::Array(n)) if n.len() >= o.len() && n[..o.len()] == o[..] => {
                Op::Push(n[o.len()..].to_vec())
            }
            (Some(o @ Value::Object(_)), n @ Value::Object(_)) => Op::Patch(ops(o, n)?),
            _ => Op::Set(n.clone()),
        };
        out.insert(k.clone(), op);
    }
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        out.insert(k.clone(), Op::Del);
    }
    Some(out)
}

/// Applies `ops` to the object `v`; an op that does not fit (a push onto a
/// field that is not a list, say) is an error: the line was not made for
/// this record.
fn apply_ops(v: &mut Map<String, Value>, ops: &Ops) -> Result<(), String> {
    for (k, op) in ops {
        match op {
            Op::Set(n) => {
                v.insert(k.clone(), n.clone());
            }
            Op::Del => {
                v.remove(k);
            }
            Op::Push(items) => match v.get_mut(k) {
                Some(Value::Array(list)) => list.extend(items.iter().cloned()),
                _ => return Err(format!("it appends to `{k}`, which is not a list on the desk")),
            },
            Op::Patch(inner) => match v.get_mut(k) {
                Some(Value::Object(o)) => apply_ops(o, inner)?,
                _ => return Err(format!("it changes inside `{k}`, which is not an object on the desk")),
            },
        }
    }
    Ok(())
}

fn diff_record<T: Serialize, Id>(
    id: Id,
    old: &T,
    new: &T,
    make: fn(Id, Ops) -> Patch,
) -> Option<(Patch, usize)> {
    let (o, n) = (serde_json::to_value(old).ok()?, serde_json::to_value(new).ok()?);
    let whole = serde_json::to_vec(&n).ok()?.len();
    let ops = ops(&o, &n)?;
    let size = serde_json::to_vec(&ops).ok()?.len();
    // A patch longer than the record it describes buys nothing.
    (size < whole).then(|| (make(id, ops), size))
}

/// `new` as a journal line holds it, given the record before the change
/// (`old`, the same subject): a patch when both exist and it is shorter.
pub(crate) fn compact(old: Option<&Snapshot>, new: Snapshot) -> Change {
    let patch = match (old, &new) {
        (Some(Snapshot::Customer(_, Some(o))), Snapshot::Customer(id, Some(n))) => {
            diff_record(*id, &**o, &**n, Patch::Customer)
        }
        (Some(Snapshot::Product(_, Some(o))), Snapshot::Product(id, Some(n))) => {
            diff_record(*id, &**o, &**n, Patch::Product)
        }
        (Some(Snapshot::Pack(_, Some(o))), Snapshot::Pack(id, Some(n))) => {
            diff_record(*id, &**o, &**n, Patch::Pack)
        }
        (Some(Snapshot::Incident(_, Some(o))), Snapshot::Incident(id, Some(n))) => {
            diff_record(*id, &**o, &**n, Patch::Incident)
        }
        _ => None,
    };
    match patch {
        Some((p, _)) => Change::Patch(p),
        None => Change::Whole(new),
    }
}

fn patch_in<T: Serialize + DeserializeOwned, Id: Ord + Copy>(
    list: &mut [T],
    id: Id,
    key: impl Fn(&T) -> Id,
    ops: &Ops,
) -> Result<(), String> {
    let i = list.binary_search_by_key(&id, key).map_err(|_| "it changes a record that is not on the desk")?;
    let mut v = serde_json::to_value(&list[i]).map_err(|e| e.to_string())?;
    let Value::Object(map) = &mut v else { return Err("a record is not an object".into()) };
    apply_ops(map, ops)?;
    list[i] = serde_json::from_value(v).map_err(|e| format!("the record it makes does not fit: {e}"))?;
    Ok(())
}

/// Puts one record's changes on the desk.
pub(crate) fn apply(desk: &mut Desk, patch: &Patch) -> Result<(), String> {
    let (subject, done) = match patch {
        Patch::Customer(id, o) => (Subject::Customer(*id), patch_in(&mut desk.customers, *id, |x| x.id, o)),
        Patch::Product(id, o) => (Subject::Product(*id), patch_in(&mut desk.products, *id, |x| x.id, o)),
        Patch::Pack(id, o) => (Subject::Pack(*id), patch_in(&mut desk.packs, *id, |x| x.id, o)),
        Patch::Incident(id, o) => (Subject::Incident(*id), patch_in(&mut desk.incidents, *id, |x| x.id, o)),
    };
    done.map_err(|e| format!("{subject}: {e}"))
}

/// A history entry as a line holds it: whole, or, when its text ends with a
/// long text the line's patches already carry (a contact's note, a
/// proposal: the history repeats them), the rest of the text and where in
/// the patches that ending is (a JSON pointer into the line's `patch` list).
/// Without it a line would hold a long note twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Told {
    Whole(HistoryEntry),
    Ending(Ending),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ending {
    /// The entry with only the start of its text.
    entry: HistoryEntry,
    /// Where the rest is, in the line's `patch` list.
    what_ends: String,
}

/// Only texts this long are looked for: below it the pointer costs about as
/// much as the text.
const SHARED_MIN: usize = 64;

/// How `history` is written beside `patches`.
pub(crate) fn tell(history: &[HistoryEntry], patches: &[Patch]) -> Vec<Told> {
    let value = serde_json::to_value(patches).unwrap_or(Value::Null);
    history
        .iter()
        .map(|h| match find_ending(&value, &h.what, &mut String::new()) {
            Some((pointer, len)) => {
                let mut entry = h.clone();
                entry.what.truncate(h.what.len() - len);
                Told::Ending(Ending { entry, what_ends: pointer })
            }
            None => Told::Whole(h.clone()),
        })
        .collect()
}

/// A string in `v` of at least [`SHARED_MIN`] bytes that `what` ends with:
/// its pointer and length.
fn find_ending(v: &Value, what: &str, at: &mut String) -> Option<(String, usize)> {
    let inside = |key: &str, v: &Value, at: &mut String| {
        let len = at.len();
        at.push('/');
        at.push_str(&key.replace('~', "~0").replace('/', "~1"));
        let found = find_ending(v, what, at);
        at.truncate(len);
        found
    };
    match v {
        Value::String(s) if s.len() >= SHARED_MIN && what.ends_with(s.as_str()) => {
            Some((at.clone(), s.len()))
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| inside(&i.to_string(), x, at)),
        Value::Object(map) => map.iter().find_map(|(k, x)| inside(k, x, at)),
        _ => None,
    }
}

/// The history entries a line tells, made whole again.
pub(crate) fn history(told: Vec<Told>, patches: &[Patch]) -> Result<Vec<HistoryEntry>, String> {
    if told.iter().all(|t| matches!(t, Told::Whole(_))) {
        return Ok(told
            .into_iter()
            .map(|t| if let Told::Whole(h) = t { h } else { unreachable!() })
            .collect());
    }
    let value = serde_json::to_value(patches).map_err(|e| e.to_string())?;
    told.into_iter()
        .map(|t| match t {
            Told::Whole(h) => Ok(h),
            Told::Ending(Ending { mut entry, what_ends }) => match value.pointer(&what_ends) {
                Some(Value::String(s)) => {
                    entry.what.push_str(s);
                    Ok(entry)
                }
                _ => Err(format!(
                    "a history entry's text ends with `{what_ends}`, which is no text of the line"
                )),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_patch_applies_to_what_it_was_made_from() {
        let old = json!({"a": 1, "list": [1, 2], "o": {"x": "y", "z": [0]}, "gone": true, "edited": [1, 2]});
        let new =
            json!({"a": 2, "list": [1, 2, 3], "o": {"x": "y", "z": [0, 9]}, "new": null, "edited": [2]});
        let ops = ops(&old, &new).unwrap();
        assert_eq!(
            serde_json::to_string(&ops).unwrap(),
            r#"{"a":{"set":2},"edited":{"set":[2]},"gone":"del","list":{"push":[3]},"new":{"set":null},"o":{"patch":{"z":{"push":[9]}}}}"#
        );
        let mut v = old.as_object().unwrap().clone();
        apply_ops(&mut v, &ops).unwrap();
        assert_eq!(Value::Object(v), new);
        let mut wrong = json!({"list": 5}).as_object().unwrap().clone();
        assert!(apply_ops(&mut wrong, &ops).is_err());
    }
}
