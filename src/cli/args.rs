//! Arguments, parsed by clap. Values are parsed into domain types here so
//! that a wrong severity or date is a usage error with a clear message.
//! Every argument has help; values are named from one set
//! ([`VALUE_NAMES`](super::values::VALUE_NAMES)), checked by tests/cli_help.rs.

use super::values::{any_path, contact_kind, parse_date, parse_instant, parse_minutes, severity};
use crate::domain::{ContactKind, Instant, Severity};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub use super::nested_args::{ContactCmd, CustomerCmd, DbCmd, OpenArgs, PackCmd, ProductCmd};

/// The heading the global options are listed under in every `--help`, apart
/// from the subcommand's own.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "incidesk",
    version,
    about = "A keyboard-first desk for professional support sold by the incident",
    long_about = "incidesk tracks support incidents, their first-response countdowns and the packs of five \
                  credits that pay for them. Without a subcommand it opens the terminal desk.\n\n\
                  Dates are YYYY-MM-DD; instants are RFC 3339 with a UTC offset (2026-11-25T09:30:00Z). \
                  Instants are printed in the zone of the customer they belong to, with its offset \
                  (2026-11-25 10:30 +01:00); --utc prints them in UTC."
)]
pub struct Cli {
    /// The data file (default: desk.json in the incidesk data folder, e.g.
    /// ~/.local/share/incidesk). An empty INCIDESK_DATA means the default.
    // clap shows the variable and fills this from it; Settings also reads it
    // (through `resolve_path`), so --data wins, then INCIDESK_DATA, then the
    // default. The parser takes an empty value, which clap's PathBuf parser
    // refuses, so that an empty variable means the default; an empty
    // `--data ""` typed on purpose is refused in `main`.
    #[arg(long, global = true, help_heading = GLOBAL, env = "INCIDESK_DATA", value_name = "PATH", value_parser = any_path())]
    pub data: Option<PathBuf>,
    /// Freeze the clock at this instant (RFC 3339 with offset, e.g.
    /// 2026-11-25T09:30:00Z), for demos, tests and reports. A change made on a
    /// frozen clock is recorded at that instant, and warns on stderr that it
    /// backdates the history.
    #[arg(long, global = true, help_heading = GLOBAL, env = "INCIDESK_NOW", value_name = "INSTANT", value_parser = parse_instant)]
    pub now: Option<Instant>,
    /// The config file (default: $XDG_CONFIG_HOME/incidesk/config.toml,
    /// else ~/.config/incidesk/config.toml; see assets/config.toml).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_parser = any_path())]
    pub config: Option<PathBuf>,
    /// Who signs changes (default: $USER). With no name here, in
    /// INCIDESK_ENGINEER or in $USER, changes are refused (exit 2); reads work.
    #[arg(long, global = true, help_heading = GLOBAL, env = "INCIDESK_ENGINEER", value_name = "NAME")]
    pub engineer: Option<String>,
    /// Print results as JSON (errors too, as one JSON object on stderr; docs/JSON.md).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,
    /// Print instants in UTC (2026-11-18 09:00Z), not in the customer's zone
    /// with its offset (2026-11-18 10:00 +01:00); in text, JSON and CSV alike.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub utc: bool,
    /// Open the terminal desk on a throw-away copy of the bundled demo data;
    /// with a read subcommand (list, show, history, report, …), answer it
    /// from that copy. Changes are refused: write one with `demo --out`.
    #[arg(long)]
    pub demo: bool,
    /// Draw one frame and exit (for measuring start-up); without a terminal
    /// the frame is drawn at 120x40 in memory and printed as text.
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
    #[command(subcommand)]
    pub sub: Option<Sub>,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Customers: add one, change its calendar, add a contact, record a tax exemption.
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// List customers with their calendars and contacts.
    Customers,
    /// Products: add one.
    #[command(subcommand)]
    Product(ProductCmd),
    /// List products with their lifecycle phase (R9).
    Products,
    /// Packs: buy one, transfer one.
    #[command(subcommand)]
    Pack(PackCmd),
    /// List packs with credits left and expiry (R14, R17).
    Packs {
        /// Only this customer's packs: its id (C-1) or part of its name.
        #[arg(long, value_name = "NAME")]
        customer: Option<String>,
        /// Print CSV (a header row, RFC 4180 quoting; times RFC 3339 with offset) for a spreadsheet.
        #[arg(long)]
        csv: bool,
    },
    /// Open an incident (prints its id).
    Open(OpenArgs),
    /// Record the first response (R8).
    Respond {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// What was said to the customer.
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        note: String,
    },
    /// Log a contact or offline research (R2).
    Contact {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// How the customer was reached, or research done offline.
        #[arg(long, value_name = "KIND", value_parser = contact_kind())]
        kind: ContactKind,
        /// What was done or said.
        #[arg(long, value_name = "TEXT")]
        note: String,
        /// Time spent, in whole minutes.
        #[arg(long, default_value_t = 0, value_name = "N", value_parser = parse_minutes)]
        minutes: u32,
    },
    /// Add a proposed solution (R12).
    Propose {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The solution proposed to the customer.
        #[arg(long, value_name = "TEXT")]
        text: String,
    },
    /// Change the severity with a reason (R7).
    Severity {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The new severity.
        #[arg(value_name = "SEVERITY", value_parser = severity())]
        severity: Severity,
        /// Why the impact changed.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Amend the agreed problem statement with a reason (R3).
    Amend {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The new problem statement, as agreed with the customer.
        #[arg(long, value_name = "TEXT")]
        problem: String,
        /// Why it changed.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Split sub-problems off into new incidents, one credit each (R1).
    Split {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The title of a new incident; repeat for more.
        #[arg(long = "into", value_name = "TEXT", required = true)]
        into: Vec<String>,
    },
    /// Close as resolved (R12), unresolved (R13) or withdrawn (R15).
    Close {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The customer accepted a proposed solution (R12).
        // Not `required`: clap would name only the first flag of the group;
        // dispatch asks for one of all three.
        #[arg(long, group = "how")]
        resolved: bool,
        /// No solution could be found (R13).
        #[arg(long, group = "how")]
        unresolved: bool,
        /// The customer withdrew the incident (R15).
        #[arg(long, group = "how")]
        withdrawn: bool,
        /// A closing note.
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        note: String,
    },
    /// Decide billing: charge or refund, with a reason (R14).
    Bill {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// Charge the credit.
        // Not `required`: --product-defect alone decides a refund (dispatch).
        #[arg(long, group = "decision")]
        charge: bool,
        /// Give the credit back.
        #[arg(long, group = "decision")]
        refund: bool,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Caused by a defect in the product: always refunded.
        #[arg(long)]
        product_defect: bool,
    },
    /// Hand an incident to another engineer.
    Assign {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
        /// The engineer who takes it.
        #[arg(long, value_name = "NAME")]
        to: String,
    },
    /// Undo your last change (as `u` in the terminal desk), made here or in
    /// any other incidesk on this desk; refused if someone changed its records
    /// since (R21). Once: a second undo says there is nothing left.
    Undo,
    /// Open incidents by time to breach, breached first.
    List {
        /// Include closed incidents.
        #[arg(long)]
        all: bool,
        /// A filter such as "sev:A state:breached customer:contoso mail"; keys:
        /// sev, state, paused, cov, customer, eng, status; other words match the text.
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        filter: String,
        /// Print CSV (a header row, RFC 4180 quoting; times RFC 3339 with offset) for a spreadsheet.
        #[arg(long)]
        csv: bool,
    },
    /// Everything about one incident.
    Show {
        /// The incident, e.g. I-7 or 7.
        #[arg(value_name = "ID")]
        id: String,
    },
    /// The history of an incident, pack, customer or product (I-3, P-2, C-1, PR-4).
    History {
        /// I-3, P-2, C-1 or PR-4; a bare number is an incident.
        #[arg(value_name = "ID")]
        id: String,
        /// Print CSV (a header row, RFC 4180 quoting; times RFC 3339 with offset) for a spreadsheet.
        #[arg(long)]
        csv: bool,
    },
    /// SLA outcomes per severity, credits, packs expiring within 30 days; with
    /// --from, --to, --by or --csv, the incidents submitted in a period grouped,
    /// with first responses met and missed, met rate, breaches, credits charged
    /// and refunded.
    Report {
        /// The first day (YYYY-MM-DD, included). A day is the customer's local
        /// day: an incident counts on the date it was submitted in its customer's zone.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// The last day (YYYY-MM-DD, included), in each customer's zone as --from.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Group by customer, severity (the default) or engineer (assigned now).
        #[arg(long, value_name = "GROUP")]
        by: Option<ReportBy>,
        /// Print CSV (a header row, RFC 4180 quoting; times RFC 3339 with offset) for a spreadsheet.
        #[arg(long)]
        csv: bool,
    },
    /// Print an alert as each incident waiting for its first response
    /// passes an alert point ([alerts] in the config file): one line each, or
    /// JSON lines with --json. Runs without a terminal; ends on SIGTERM or
    /// SIGINT with exit 0.
    Watch {
        /// Print the points passed now and exit (for cron); with --now, at that instant.
        #[arg(long)]
        once: bool,
        /// Run this shell command for each alert rung, with its fields in
        /// INCIDESK_ALERT_ID, _SEVERITY, _CUSTOMER, _TITLE, _POINT, _AT, _DUE,
        /// _LEFT_SECONDS and _TEXT.
        #[arg(long, value_name = "COMMAND")]
        exec: Option<String>,
    },
    /// Validate a data file; lists every problem found.
    Check {
        /// The file to check, which must exist (default: the data file).
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Write a realistic desk of any size, for benchmarks: three years of
    /// incidents, most closed, a few open around now (the same for a seed).
    Generate {
        /// How many incidents.
        #[arg(long, value_name = "N")]
        incidents: usize,
        /// Customers (default: one per 40 incidents, 3 to 2500).
        #[arg(long, value_name = "N")]
        customers: Option<usize>,
        /// The seed: the same seed writes the same desk.
        #[arg(long, default_value_t = 1, value_name = "N")]
        seed: u64,
        /// The new file to write (an existing file is never replaced).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Move incidents closed and settled more than 90 days ago (billing decided,
    /// no open incident split from or into them) to an archive file beside the
    /// data file, so that the queue and `list` need not read years of them.
    /// `list --all`, `show` and `history` still find them; a change that names
    /// one brings it back.
    Archive,
    /// Write the bundled demo desk, its times placed around now.
    Demo {
        /// The new file to write (default: the data file, if --data or INCIDESK_DATA names it).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Print the shell completion script for SHELL (see the README to install it).
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `incidesk man > incidesk.1`.
    Man,
    /// Print the ids of KIND on the desk, one a line, for the completion scripts.
    #[command(hide = true)]
    Complete {
        /// incidents (open), subjects (with a history), customers or products.
        #[arg(value_name = "KIND")]
        what: super::Completable,
    },
    /// The config file: where it is and whether it reads; with --default,
    /// the commented example of every setting
    /// (`incidesk config --default > ~/.config/incidesk/config.toml`).
    Config {
        /// Print the example config file, every setting at its default.
        #[arg(long)]
        default: bool,
    },
    /// The desk in PostgreSQL (--data postgres://...): tables, roles, moving
    /// a desk in and out (docs/POSTGRES.md).
    #[command(subcommand)]
    Db(DbCmd),
}

/// What `report --by` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportBy {
    /// Each customer (by id).
    Customer,
    /// Each severity, A to C.
    Severity,
    /// Each engineer the incidents are assigned to now.
    Engineer,
}

impl From<ReportBy> for crate::domain::period_report::GroupBy {
    fn from(by: ReportBy) -> Self {
        match by {
            ReportBy::Customer => Self::Customer,
            ReportBy::Severity => Self::Severity,
            ReportBy::Engineer => Self::Engineer,
        }
    }
}
