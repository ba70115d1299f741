//! `[keys]` in the config file: new keys for actions of the key table
//! (`src/ui/keymap.rs`), e.g. `respond = "R"` or `down = ["j", "Down", "C-n"]`.
//! The keys given replace the action's keys in every scope it has; that no
//! key then means two things, and that every name is an action, is checked
//! against the table when the file is read (`super::parse`).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde::{Deserialize, Deserializer};
use std::ops::Range;
use toml::Spanned;

/// One key as the key table holds it.
pub type KeyPress = (KeyCode, KeyModifiers);

/// One line of `[keys]`: an action's name and its new keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub action: String,
    /// As written, for messages and the help (`C-s`).
    pub written: Vec<String>,
    pub keys: Vec<KeyPress>,
    /// Where the line's name is in the file, for messages.
    pub span: Range<usize>,
    /// What is wrong with the keys as written, and where.
    pub problem: Option<(Range<usize>, String)>,
}

/// The `[keys]` section, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    pub entries: Vec<KeyEntry>,
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = std::collections::BTreeMap::<Spanned<String>, Spanned<toml::Value>>::deserialize(d)?;
        let mut entries: Vec<KeyEntry> = table.into_iter().map(|(name, value)| entry(name, value)).collect();
        entries.sort_by_key(|e| e.span.start);
        Ok(Keys { entries })
    }
}

/// A key entry, or what is wrong with it: the keys are read here, the
/// action's name is checked against the key table by `super::parse`.
fn entry(name: Spanned<String>, value: Spanned<toml::Value>) -> KeyEntry {
    let span = name.span();
    let action = name.into_inner();
    let at = value.span();
    let written: Vec<Result<String, Range<usize>>> = match value.into_inner() {
        toml::Value::String(s) => vec![Ok(s)],
        toml::Value::Array(a) => a
            .into_iter()
            .map(|v| match v {
                toml::Value::String(s) => Ok(s),
                _ => Err(at.clone()),
            })
            .collect(),
        _ => vec![Err(at.clone())],
    };
    let mut entry = KeyEntry { action, written: Vec::new(), keys: Vec::new(), span, problem: None };
    for w in written {
        match w {
            Err(at) => {
                entry.problem =
                    Some((at, "keys are written as text: \"R\", \"C-s\" or [\"j\", \"Down\"]".into()));
            }
            Ok(text) => match parse_key(&text) {
                Ok(keys) => {
                    entry.keys.extend(keys);
                    entry.written.push(text);
                }
                Err(why) => entry.problem = entry.problem.take().or(Some((at.clone(), why))),
            },
        }
    }
    if entry.keys.is_empty() && entry.problem.is_none() {
        entry.problem = Some((at, format!("no key for '{}': give at least one", entry.action)));
    }
    entry
}

/// Key names beside single characters.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("bksp", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// One key as written: a character (`r`, `R`, `?`), a name (`Enter`,
/// `PgDn`, `F5`), either after `C-`/`Ctrl-`, `A-`/`Alt-` or `S-`/`Shift-`.
/// A capital letter or S-Tab stands for the forms terminals send for it.
pub fn parse_key(text: &str) -> Result<Vec<KeyPress>, String> {
    let wrong = |why: &str| {
        format!(
            "'{text}' is not a key{why}: write a character (r, R, ?), a name (Enter, Esc, Tab, Up, PgDn, Home, F5, Space) or C-x, A-x, S-Tab"
        )
    };
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_lowercase();
        let prefix = [
            ("c-", KeyModifiers::CONTROL),
            ("ctrl-", KeyModifiers::CONTROL),
            ("a-", KeyModifiers::ALT),
            ("alt-", KeyModifiers::ALT),
            ("s-", KeyModifiers::SHIFT),
            ("shift-", KeyModifiers::SHIFT),
        ]
        .into_iter()
        .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
        let Some((p, m)) = prefix else { break };
        mods |= m;
        rest = &rest[p.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        (Some(_), Some(_)) => {
            let lower = rest.to_lowercase();
            if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                if !(1..=12).contains(&n) {
                    return Err(wrong(" (F1 to F12)"));
                }
                KeyCode::F(n)
            } else {
                NAMED
                    .iter()
                    .find(|(name, _)| *name == lower)
                    .map(|(_, code)| *code)
                    .ok_or_else(|| wrong(""))?
            }
        }
        _ => return Err(wrong("")),
    };
    Ok(match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            vec![(KeyCode::BackTab, KeyModifiers::SHIFT), (KeyCode::BackTab, mods - KeyModifiers::SHIFT)]
        }
        KeyCode::Char(c) if c.is_uppercase() && !mods.contains(KeyModifiers::CONTROL) => {
            let shifted = mods | KeyModifiers::SHIFT;
            vec![(code, shifted), (code, shifted - KeyModifiers::SHIFT)]
        }
        KeyCode::Char(c)
            if c.is_lowercase()
                && mods.contains(KeyModifiers::SHIFT)
                && !mods.contains(KeyModifiers::CONTROL) =>
        {
            let upper = c.to_uppercase().next().unwrap_or(c);
            vec![(KeyCode::Char(upper), mods), (KeyCode::Char(upper), mods - KeyModifiers::SHIFT)]
        }
        _ => vec![(code, mods)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn keys_as_written() {
        assert_eq!(parse_key("r"), Ok(vec![(KeyCode::Char('r'), NONE)]));
        assert_eq!(
            parse_key("R"),
            Ok(vec![(KeyCode::Char('R'), KeyModifiers::SHIFT), (KeyCode::Char('R'), NONE)])
        );
        assert_eq!(parse_key("C-s"), Ok(vec![(KeyCode::Char('s'), KeyModifiers::CONTROL)]));
        assert_eq!(parse_key("Ctrl-S"), Ok(vec![(KeyCode::Char('S'), KeyModifiers::CONTROL)]));
        assert_eq!(parse_key("A-Enter"), Ok(vec![(KeyCode::Enter, KeyModifiers::ALT)]));
        assert_eq!(parse_key("PgDn"), Ok(vec![(KeyCode::PageDown, NONE)]));
        assert_eq!(parse_key("F5"), Ok(vec![(KeyCode::F(5), NONE)]));
        assert_eq!(parse_key("-"), Ok(vec![(KeyCode::Char('-'), NONE)]));
        assert_eq!(parse_key("S-Tab").unwrap().len(), 2);
        for bad in ["", "Enterr", "F13", "C-", "ab"] {
            let e = parse_key(bad).unwrap_err();
            assert!(e.contains("not a key"), "{bad}: {e}");
        }
    }
}
