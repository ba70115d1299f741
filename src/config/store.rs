//! `[store]` in the config file: where the desk is kept, the third source
//! after `--data` and `INCIDESK_DATA` (a team's machines name their
//! PostgreSQL server once, here, instead of in every shell).

use serde::{Deserialize, Deserializer};

/// The `[store]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreSettings {
    /// A data file (an absolute path, or `~/…` under the home folder) or a
    /// `postgres://` URL. `None`: the per-user data file.
    #[serde(deserialize_with = "data")]
    pub data: Option<String>,
}

/// A data file or a database URL. A relative path is refused: it would name
/// another desk in every folder incidesk is started in.
fn data<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    let data = text.trim();
    let wrong = |m: &str| Err(serde::de::Error::custom(m));
    if data.is_empty() {
        return wrong("the data is blank: write a path or a postgres:// URL, or leave the line out");
    }
    let url = incidesk_store::postgres::is_url(data);
    if !url && data.contains("://") {
        return wrong("only postgres:// and postgresql:// URLs name a database; a file is a path");
    }
    if !url && !data.starts_with('/') && !data.starts_with("~/") {
        return wrong(
            "a relative path would name another desk in each folder: write an absolute path, or ~/… for the home folder",
        );
    }
    Ok(Some(data.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn the_section_names_a_file_or_a_database() {
        let s = parse("[store]\ndata = \"postgres://desk.example/desk\"\n").unwrap().store;
        assert_eq!(s.data.as_deref(), Some("postgres://desk.example/desk"));
        let s = parse("[store]\ndata = \" ~/desks/team.json \"\n").unwrap().store;
        assert_eq!(s.data.as_deref(), Some("~/desks/team.json"));
        assert_eq!(parse("[store]\n").unwrap().store.data, None);
    }

    #[test]
    fn wrong_values_are_named_by_line_and_column() {
        for (text, says) in [
            ("[store]\ndata = \"desk.json\"\n", "relative"),
            ("[store]\ndata = \"  \"\n", "blank"),
            ("[store]\ndata = \"mysql://db/desk\"\n", "postgres://"),
            ("[store]\ndata = 5\n", "string"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(says), "{text}: {e}");
            assert_eq!((e.line, e.column), (2, 8), "{text}: {e}");
        }
        let e = parse("[store]\npath = \"/a.json\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
    }
}
