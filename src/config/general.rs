//! `[general]` in the config file: who signs, which zones, how the desk
//! starts (mouse) and where the selection goes after an action.

use crate::domain::Zone;
use serde::{Deserialize, Deserializer};

/// Where the queue's selection goes after a change moved the selected
/// incident in the queue order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AfterAction {
    /// The cursor stays on its row, which now holds the next incident to
    /// triage (a response moves the answered one down).
    #[default]
    Stay,
    /// The cursor follows the incident to its new place.
    Follow,
}

/// The `[general]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct General {
    /// Who signs changes when neither `--engineer` nor `INCIDESK_ENGINEER`
    /// names anyone (before `$USER`).
    #[serde(deserialize_with = "name")]
    pub engineer: Option<String>,
    /// The zone "your time" is shown in (instead of `$TZ` or the system's).
    #[serde(deserialize_with = "zone")]
    pub time_zone: Option<Zone>,
    /// The zone a new customer's dialog starts with.
    #[serde(deserialize_with = "zone")]
    pub customer_zone: Option<Zone>,
    /// Mouse capture on at start (`m` toggles it).
    pub mouse: bool,
    /// `"stay"` or `"follow"`: see [`AfterAction`].
    pub selection_after_action: AfterAction,
}

/// An engineer's name: blank is a mistake, not "nobody".
fn name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(serde::de::Error::custom(
            "the engineer's name is blank: write one, or leave the line out",
        ));
    }
    Ok(Some(trimmed.to_string()))
}

/// An IANA zone by name, e.g. `Europe/Stockholm`.
fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Zone>, D::Error> {
    let text = String::deserialize(d)?;
    text.trim().parse::<Zone>().map(Some).map_err(|_| {
        serde::de::Error::custom(format!("'{text}' is not an IANA time zone such as Europe/Stockholm"))
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn the_section_as_written() {
        let text = "[general]\nengineer = \" maja \"\ntime_zone = \"Asia/Kathmandu\"\n\
                    customer_zone = \"America/New_York\"\nmouse = true\nselection_after_action = \"follow\"\n";
        let g = parse(text).unwrap().general;
        assert_eq!(g.engineer.as_deref(), Some("maja"));
        assert_eq!(g.time_zone, Zone::named("Asia/Kathmandu"));
        assert_eq!(g.customer_zone, Zone::named("America/New_York"));
        assert!(g.mouse);
        assert_eq!(g.selection_after_action, AfterAction::Follow);
    }

    #[test]
    fn wrong_values_say_what_would_be_right() {
        for (text, says, column) in [
            ("[general]\ntime_zone = \"Mars/Olympus\"\n", "IANA", 13),
            ("[general]\nengineer = \"  \"\n", "blank", 12),
            ("[general]\nselection_after_action = \"jump\"\n", "stay", 26),
            ("[general]\nmouse = \"yes\"\n", "bool", 9),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(says), "{text}: {e}");
            assert_eq!((e.line, e.column), (2, column), "{text}: {e}");
        }
    }
}
