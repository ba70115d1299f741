//! incidesk: a terminal desk for professional support sold by the incident.
//!
//! Keys and arguments become one [`domain::Command`], the [`store`] applies it
//! under a lock to the pure [`domain`], and the [`ui`] panes draw the result.

pub mod alerts;
pub mod cli;
pub mod config;
pub mod demo;
pub mod exit;
pub mod generate;
pub mod ics;
pub mod present;
pub mod settings;
pub mod ui;
pub mod zones;

/// The rules (the `incidesk-domain` crate), under the name the code has always used.
pub use incidesk_domain as domain;
/// The store interface and the stores (the `incidesk-store` crate).
pub use incidesk_store as store;
