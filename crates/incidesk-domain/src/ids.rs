//! Identifiers: a letter prefix and a number (`I-17`, `P-3`), so that people can
//! say them on the phone and the command line accepts `17` as well as `I-17`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $article:literal, $noun:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
            pub const NOUN: &'static str = $noun;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                parse_id(s, $prefix).map($name).ok_or_else(|| {
                    // An example beats a grammar: `I-7` says both forms' shape.
                    format!("'{}' is not {} {} id (e.g. {}-7)", s, $article, $noun, $prefix)
                })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

fn parse_id(s: &str, prefix: &str) -> Option<u32> {
    let s = s.trim();
    let digits = match s.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => s[prefix.len()..].strip_prefix('-')?,
        _ => s,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

id_type!(
    /// A customer organisation.
    CustomerId, "C", "a", "customer"
);
id_type!(
    /// A product under support.
    ProductId, "PR", "a", "product"
);
id_type!(
    /// A pack of five incidents.
    PackId, "P", "a", "pack"
);
id_type!(
    /// An incident.
    IncidentId, "I", "an", "incident"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_or_without_prefix() {
        assert_eq!("I-17".parse::<IncidentId>(), Ok(IncidentId(17)));
        assert_eq!("i-17".parse::<IncidentId>(), Ok(IncidentId(17)));
        assert_eq!("17".parse::<IncidentId>(), Ok(IncidentId(17)));
        assert!("P-3".parse::<IncidentId>().is_err());
        assert!("I-".parse::<IncidentId>().is_err());
        assert!("I-1x".parse::<IncidentId>().is_err());
        assert_eq!("PR-2".parse::<ProductId>(), Ok(ProductId(2)));
        assert!("PR-2".parse::<PackId>().is_err());
        assert_eq!("X-1".parse::<IncidentId>(), Err("'X-1' is not an incident id (e.g. I-7)".to_string()));
        assert_eq!("X".parse::<PackId>(), Err("'X' is not a pack id (e.g. P-7)".to_string()));
    }

    #[test]
    fn serializes_as_text() {
        assert_eq!(serde_json::to_string(&PackId(3)).unwrap(), "\"P-3\"");
        let back: PackId = serde_json::from_str("\"P-3\"").unwrap();
        assert_eq!(back, PackId(3));
    }
}
