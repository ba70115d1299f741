//! The key table as configured: the rows of [`BINDINGS`] with the keys the
//! config file's `[keys]` gives instead. Built and checked when the config
//! file is read, so that a clash or an unknown action refuses the file at
//! start, naming its line; installed once by `ui::run`.

use super::keymap::{Action, BINDINGS, Binding, Scope, scope_title};
use crate::config::keys::{KeyEntry, KeyPress};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::cell::Cell;

thread_local! {
    // The table in force. Per thread, so that each test has the table it
    // installed; the default table until `install`.
    static TABLE: Cell<&'static [Binding]> = const { Cell::new(BINDINGS) };
}

/// The key table in force.
pub fn current() -> &'static [Binding] {
    TABLE.with(Cell::get)
}

/// Maps keys with `table` from now on (on this thread). A table is made
/// once per run (or test), so leaking it costs nothing that matters.
pub fn install(table: Vec<Binding>) {
    let table: &'static [Binding] = Box::leak(table.into_boxed_slice());
    TABLE.with(|t| t.set(table));
}

/// An action's name in the config file: `respond`, `down`, `screen_packs`,
/// `form_submit`, made from the action itself so that every action of the
/// table has one.
pub fn name(action: Action) -> String {
    let debug = format!("{action:?}");
    let (outer, inner) = match debug.split_once('(') {
        Some((outer, inner)) => (outer.to_string(), inner.trim_end_matches(')').to_string()),
        None => (debug.clone(), String::new()),
    };
    match outer.as_str() {
        "Dialog" => snake(&inner),
        "Show" => format!("screen_{}", snake(&inner)),
        // A form's editing keys are nested (`Form(Edit(WordLeft))`): the
        // innermost name is the one a user writes (`form_word_left`).
        "Form" => format!("form_{}", snake(inner.rsplit('(').next().unwrap_or(&inner))),
        _ => snake(&outer),
    }
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The actions that can be given keys, by name, in the table's order (a
/// scope's "any other key" row takes no keys of its own).
pub fn actions() -> Vec<(String, Action)> {
    let mut out: Vec<(String, Action)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| !b.keys.is_empty()) {
        if !out.iter().any(|(_, a)| *a == b.action) {
            out.push((name(b.action), b.action));
        }
    }
    out
}

/// How the footer and the help write a key.
pub fn written((code, mods): KeyPress) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out + &base
}

/// A key problem in the config file: which entry, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub entry: usize,
    pub message: String,
}

/// The table with `entries`' keys, or the first entry that names no
/// action or gives a key that would then mean two things where it applies.
pub fn remap(entries: &[KeyEntry]) -> Result<Vec<Binding>, KeyProblem> {
    let actions = actions();
    let mut given: Vec<Option<usize>> = vec![None; BINDINGS.len()];
    let mut table: Vec<Binding> = BINDINGS.to_vec();
    for (i, entry) in entries.iter().enumerate() {
        let Some((_, action)) = actions.iter().find(|(n, _)| *n == entry.action) else {
            let near: Vec<&str> =
                actions.iter().map(|(n, _)| n.as_str()).filter(|n| close(n, &entry.action)).collect();
            let also =
                if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
            return Err(KeyProblem {
                entry: i,
                message: format!(
                    "'{}' is not an action of the key table{also}: the names are listed in `incidesk config --default`",
                    entry.action
                ),
            });
        };
        let keys: &'static [KeyPress] = Box::leak(entry.keys.clone().into_boxed_slice());
        let label: &'static str = Box::leak(label(&entry.keys).into_boxed_str());
        // A scope's "any other key" row (no keys) stays what it is.
        let rows = table.iter_mut().enumerate().filter(|(_, b)| b.action == *action && !b.keys.is_empty());
        for (row, b) in rows {
            b.keys = keys;
            b.label = label;
            given[row] = Some(i);
        }
    }
    if let Some((row, other, key)) = clash(&table) {
        // Blame the later line of the two that gave keys (one did, or the
        // table clashed before any change).
        let entry = given[row].max(given[other]).unwrap_or(0);
        let (a, b) = (&table[row], &table[other]);
        return Err(KeyProblem {
            entry,
            message: format!(
                "{} would be both {} and {} ({}): give one of them another key",
                written(key),
                name(a.action),
                name(b.action),
                scope_title(b.scope).to_lowercase()
            ),
        });
    }
    Ok(table)
}

/// `j/↓`: each key once (a capital letter's two forms are one key).
fn label(keys: &[KeyPress]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for k in keys {
        let w = written(*k);
        if !shown.contains(&w) {
            shown.push(w);
        }
    }
    shown.join("/")
}

/// Two rows where one key would mean two things: in one scope, or in a
/// scope of the desk and everywhere (the desk's scopes sit on the global one).
fn clash(table: &[Binding]) -> Option<(usize, usize, KeyPress)> {
    let applies_together = |a: Scope, b: Scope| {
        a == b
            || (Scope::DESK.contains(&a)
                && Scope::DESK.contains(&b)
                && (a == Scope::Global || b == Scope::Global))
    };
    for (i, a) in table.iter().enumerate() {
        for (j, b) in table.iter().enumerate().skip(i + 1) {
            if a.action != b.action
                && applies_together(a.scope, b.scope)
                && let Some(k) = a.keys.iter().find(|k| b.keys.contains(k))
            {
                return Some((i, j, *k));
            }
        }
    }
    None
}

/// A likely misspelling: one contains the other, or two letters differ.
fn close(name: &str, typed: &str) -> bool {
    let typed = typed.to_lowercase();
    typed.len() >= 3 && (name.contains(&typed) || typed.contains(name) || distance(name, &typed) <= 2)
}

/// Edits (insert, delete, change a letter) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keys::parse_key;

    fn entry(action: &str, keys: &[&str]) -> KeyEntry {
        KeyEntry {
            action: action.into(),
            written: keys.iter().map(|k| k.to_string()).collect(),
            keys: keys.iter().flat_map(|k| parse_key(k).unwrap()).collect(),
            span: 0..0,
            problem: None,
        }
    }

    #[test]
    fn every_action_has_one_name() {
        let actions = actions();
        for (i, (n, _)) in actions.iter().enumerate() {
            assert!(!actions[i + 1..].iter().any(|(m, _)| m == n), "{n} twice");
        }
        let names: Vec<&str> = actions.iter().map(|(n, _)| n.as_str()).collect();
        for n in ["respond", "quit", "down", "screen_packs", "new_incident", "form_submit", "history"] {
            assert!(names.contains(&n), "{n} in {names:?}");
        }
    }

    #[test]
    fn the_default_table_has_no_clash() {
        assert_eq!(remap(&[]).map(|t| t.len()), Ok(BINDINGS.len()));
    }

    #[test]
    fn a_remapped_action_has_its_new_keys_in_every_scope() {
        let table = remap(&[entry("history", &["F3"]), entry("respond", &["R", "F2"])]).unwrap();
        for b in table.iter().filter(|b| b.action == Action::History) {
            assert_eq!(b.label, "F3", "{:?}", b.scope);
            assert!(b.keys.contains(&(KeyCode::F(3), KeyModifiers::NONE)));
        }
        let respond =
            table.iter().find(|b| b.action == Action::Dialog(super::super::keymap::DialogKind::Respond));
        assert_eq!(respond.map(|b| b.label), Some("R/F2"));
    }

    #[test]
    fn clashes_and_unknown_names_are_refused_naming_the_entry() {
        let e = remap(&[entry("history", &["F3"]), entry("respond", &["q"])]).unwrap_err();
        assert_eq!(e.entry, 1, "{e:?}");
        assert!(e.message.contains("quit") && e.message.contains("respond"), "{e:?}");
        let e = remap(&[entry("respond", &["c"])]).unwrap_err();
        assert!(e.message.contains("contact"), "{e:?}");
        let e = remap(&[entry("repsond", &["R"])]).unwrap_err();
        assert!(e.message.contains("not an action"), "{e:?}");
        // A popup's keys are its own: j may scroll there and mean another thing on the desk.
        assert!(remap(&[entry("scroll_down", &["n"])]).is_ok());
        // Two desk scopes that never apply together may share a key.
        assert!(remap(&[entry("buy_pack", &["r"])]).is_ok());
    }
}
