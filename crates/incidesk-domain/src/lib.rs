//! The rules of the desk (DOMAIN.md R1–R21), with no terminal, file or clock access.

pub mod alerts;
pub mod archive;
mod archiving;
pub mod calendar;
pub mod calendar_check;
pub mod calendar_edit;
pub mod desk;
pub mod effective;
pub mod history;
pub mod ids;
pub mod in_place;
pub mod instant;
pub mod limits;
pub mod model;
pub mod sla;
pub mod zone;
pub mod zone_db;
mod zone_tzif;

pub use calendar::{Calendar, OpenPeriod, SpecialDay, WeeklyHours};
pub use calendar_check::CalendarError;
pub use desk::Desk;
pub use effective::CalendarVersion;
pub use history::{Change, HistoryEntry, Subject};
pub use ids::{CustomerId, IncidentId, PackId, ProductId};
pub use model::*;
pub use sla::{Countdown, SlaState};
pub use zone::Zone;

pub mod checks;
pub mod command;
pub mod execute;
pub mod refusal;
pub mod scope;
pub mod text;
pub mod undo;
mod undoing;
pub mod wording;

mod clean;
mod closing;
mod customers;
mod done;
mod hours;
mod incident;
mod intake;
mod packs;
mod spans;
mod special_days;
mod unicode_tables;
mod working;

pub use command::Command;
pub use execute::Outcome;
pub use refusal::{Hint, Refusal, Rule};
pub mod period_report;
pub mod queue;
pub mod report;
