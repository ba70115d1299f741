//! Arguments, parsed by clap. Values are parsed into domain types here so
//! that a wrong severity or date is a usage error with a clear message.

use crate::domain::{Category, ContactKind, Coverage, Instant, Severity};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "incidesk",
    version,
    about = "A keyboard-first desk for professional support sold by the incident",
    long_about = "incidesk tracks support incidents, their first-response countdowns and the packs of five \
                  credits that pay for them. Without a subcommand it opens the terminal desk."
)]
pub struct Cli {
    /// The data file (default: the incidesk data folder, or $INCIDESK_DATA).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Freeze the clock at this instant (RFC 3339), for demos, tests and reports.
    #[arg(long, global = true, env = "INCIDESK_NOW", value_name = "RFC3339", value_parser = parse_instant)]
    pub now: Option<Instant>,
    /// Who is making changes (default: $USER).
    #[arg(long, global = true, env = "INCIDESK_ENGINEER", value_name = "NAME")]
    pub engineer: Option<String>,
    /// Print read commands as JSON.
    #[arg(long, global = true)]
    pub json: bool,
    /// Open the terminal desk on a throw-away copy of the bundled demo data.
    #[arg(long)]
    pub demo: bool,
    /// Draw one frame and exit (for measuring start-up); without a terminal
    /// the frame is drawn at 120x40 in memory and printed as text.
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
    #[command(subcommand)]
    pub sub: Option<Sub>,
}

fn parse_instant(s: &str) -> Result<Instant, String> {
    let t = s.trim();
    DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        // A local time without an offset is the usual slip: say what to add
        // rather than chrono's "premature end of input".
        let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
            .iter()
            .any(|f| NaiveDateTime::parse_from_str(t, f).is_ok());
        if local {
            format!("'{s}' is not an RFC 3339 instant: it has no UTC offset: add Z or +01:00")
        } else {
            format!("'{s}' is not an RFC 3339 instant such as 2026-11-25T09:30:00Z ({e})")
        }
    })
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| match why_not_a_date(s.trim()) {
        Some(why) => format!("'{s}' is not a date: {why} (use YYYY-MM-DD)"),
        None => format!("'{s}' is not a date: use YYYY-MM-DD"),
    })
}

/// For text shaped like YYYY-MM-DD that is no date: which part is out of
/// range, so that `2026-02-30` is not answered with the format it follows.
fn why_not_a_date(s: &str) -> Option<String> {
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok().filter(|_| !p.is_empty()));
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    if !(1..=12).contains(&month) {
        return Some(format!("month {month} doesn't exist"));
    }
    let first = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let days = next.signed_duration_since(first).num_days();
    (day == 0 || i64::from(day) > days).then(|| format!("{} {year} has {days} days", first.format("%B")))
}

/// Minutes are counted whole: "1h" or "30m" would be guesses.
fn parse_minutes(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| format!("'{s}' is not a number of minutes: give whole minutes, e.g. 45"))
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Customers: add one, add a contact, record a tax exemption.
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
        #[arg(long, value_name = "CUSTOMER")]
        customer: Option<String>,
    },
    /// Open an incident (prints its id).
    Open(OpenArgs),
    /// Record the first response (R8).
    Respond {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Log a contact or offline research (R2).
    Contact {
        id: String,
        #[arg(long)]
        kind: ContactKind,
        #[arg(long)]
        note: String,
        #[arg(long, default_value_t = 0, value_parser = parse_minutes)]
        minutes: u32,
    },
    /// Add a proposed solution (R12).
    Propose {
        id: String,
        #[arg(long)]
        text: String,
    },
    /// Change the severity with a reason (R7).
    Severity {
        id: String,
        severity: Severity,
        #[arg(long)]
        reason: String,
    },
    /// Amend the agreed problem statement with a reason (R3).
    Amend {
        id: String,
        #[arg(long)]
        problem: String,
        #[arg(long)]
        reason: String,
    },
    /// Split sub-problems off into new incidents, one credit each (R1).
    Split {
        id: String,
        #[arg(long = "into", value_name = "TITLE", required = true)]
        into: Vec<String>,
    },
    /// Close as resolved (R12), unresolved (R13) or withdrawn (R15).
    Close {
        id: String,
        // Not `required`: clap would name only the first flag of the group;
        // dispatch asks for one of all three.
        #[arg(long, group = "how")]
        resolved: bool,
        #[arg(long, group = "how")]
        unresolved: bool,
        #[arg(long, group = "how")]
        withdrawn: bool,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Decide billing: charge or refund, with a reason (R14).
    Bill {
        id: String,
        // Not `required`: --product-defect alone decides a refund (dispatch).
        #[arg(long, group = "decision")]
        charge: bool,
        #[arg(long, group = "decision")]
        refund: bool,
        #[arg(long)]
        reason: String,
        /// Caused by a defect in the product: always refunded.
        #[arg(long)]
        product_defect: bool,
    },
    /// Hand an incident to another engineer.
    Assign {
        id: String,
        #[arg(long)]
        to: String,
    },
    /// Open incidents by time to breach, breached first.
    List {
        /// Include closed incidents.
        #[arg(long)]
        all: bool,
        /// A filter such as "sev:A state:breached customer:contoso mail".
        #[arg(long, default_value = "")]
        filter: String,
    },
    /// Everything about one incident.
    Show { id: String },
    /// The history of an incident, pack, customer or product (I-3, P-2, C-1, PR-4).
    History { id: String },
    /// SLA outcomes per severity, credits, packs expiring within 30 days.
    Report,
    /// Validate a data file; lists every problem found.
    Check {
        /// The file to check (default: the data file).
        path: Option<PathBuf>,
    },
    /// Write a realistic desk of any size, for benchmarks: three years of
    /// incidents, most closed, a few open around now (the same for a seed).
    Generate {
        #[arg(long, value_name = "N")]
        incidents: usize,
        /// Customers (default: one per 40 incidents, 3 to 2500).
        #[arg(long, value_name = "M")]
        customers: Option<usize>,
        #[arg(long, default_value_t = 1)]
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
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer with its business calendar (R5).
    Add {
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Europe/Stockholm.
        #[arg(long, value_name = "ZONE")]
        tz: String,
        /// Weekly open hours, e.g. "mon-fri 08:00-17:00; sat 09:00-12:00".
        #[arg(long, default_value = "mon-fri 08:00-17:00")]
        hours: String,
        /// A holiday (local date, YYYY-MM-DD); repeat for more.
        #[arg(long = "holiday", value_name = "DATE", value_parser = parse_date)]
        holidays: Vec<NaiveDate>,
    },
    /// Contacts of a customer.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Record the customer's tax-exemption document (R20).
    TaxExempt {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        reference: String,
        #[arg(long, value_parser = parse_date)]
        received: NaiveDate,
        #[arg(long, value_parser = parse_date)]
        expires: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact; --on-duty-24x7 allows 24x7 coverage (R6).
    Add {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        name: String,
        /// Phone or e-mail.
        #[arg(long, default_value = "")]
        reach: String,
        #[arg(long)]
        on_duty_24x7: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductCmd {
    /// Add a product with the ends of its support phases (R9).
    Add {
        #[arg(long)]
        name: String,
        /// First day without mainstream support.
        #[arg(long, value_parser = parse_date)]
        mainstream_end: NaiveDate,
        /// First day without any support.
        #[arg(long, value_parser = parse_date)]
        extended_end: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCmd {
    /// Buy a pack of five for an account (R16, R20).
    Buy {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        account: String,
        /// The order confirmation number.
        #[arg(long)]
        order: String,
        /// Purchase date (default: today in the customer's zone).
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Move a pack to another account on proof of purchase (R18).
    Transfer {
        /// The pack (default: the pack with this order number).
        pack: Option<String>,
        #[arg(long)]
        order: String,
        #[arg(long, value_name = "ACCOUNT")]
        to: String,
    },
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    #[arg(long)]
    pub customer: String,
    /// The submitting account; it must own a usable pack (R16).
    #[arg(long)]
    pub account: String,
    #[arg(long)]
    pub product: String,
    #[arg(long)]
    pub severity: Severity,
    #[arg(long)]
    pub coverage: Coverage,
    #[arg(long)]
    pub title: String,
    /// The problem statement agreed with the customer (R3).
    #[arg(long)]
    pub problem: String,
    #[arg(long, default_value = "support")]
    pub category: Category,
    /// Who at the customer agreed to the statement (default: the account).
    #[arg(long, default_value = "")]
    pub agreed_with: String,
    /// Pay from this pack instead of the one that expires first (R19).
    #[arg(long)]
    pub pack: Option<String>,
}
