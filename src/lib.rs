//! incidesk: a terminal desk for professional support sold by the incident.

pub mod domain;
