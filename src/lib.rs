//! incidesk: a terminal desk for professional support sold by the incident.
//!
//! Keys and arguments become one [`domain::Command`], the [`store`] applies it
//! under a lock to the pure [`domain`], and the [`ui`] panes draw the result.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod generate;
pub mod present;
pub mod store;
pub mod ui;
