//! The arguments of the nested subcommands (`db`, `customer`, `contact`,
//! `product`, `pack`) and of `open`, kept apart from the top-level
//! [`Sub`](super::args::Sub) so that each file reads as one list.

use super::values::{category, coverage, parse_date, severity, special_day};
use crate::domain::{Category, Coverage, Severity, SpecialDay};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DbCmd {
    /// Make or upgrade the database's tables (run as the role that is to own them).
    Migrate,
    /// Give a database role the engineer or the lead role (made with LOGIN if missing).
    #[command(group = clap::ArgGroup::new("role").required(true))]
    Grant {
        /// Make NAME a lead: billing decisions, pack transfers, customers, products, calendars.
        #[arg(long, value_name = "NAME", group = "role")]
        lead: Option<String>,
        /// Make NAME an engineer (a lead made an engineer is a lead no more).
        #[arg(long, value_name = "NAME", group = "role")]
        engineer: Option<String>,
    },
    /// Move a JSON desk (with its archive and journal) into an empty database.
    Import {
        /// The JSON data file to read.
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Write the whole desk (archive included) to a new JSON data file.
    Export {
        /// The new file to write (an existing file is never replaced).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer with its business calendar (R5).
    Add {
        /// The customer's name.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// IANA time zone, e.g. Europe/Stockholm.
        #[arg(long, value_name = "ZONE")]
        tz: String,
        /// Weekly open hours, e.g. "mon-fri 08:00-17:00; sat 09:00-12:00".
        #[arg(long, default_value = "mon-fri 08:00-17:00", value_name = "HOURS")]
        hours: String,
        /// A special day; repeat for more: 2026-12-24 (holiday), 2026-12-24..2026-12-26
        /// (range), *-12-25 (every year), 2026-12-24=08:00-12:00 or 2026-12-31=closed (that date).
        #[arg(long = "holiday", value_name = "SPEC", value_parser = special_day)]
        holidays: Vec<SpecialDay>,
        /// Holidays from an iCalendar file: its all-day events, each a holiday.
        #[arg(long = "holidays-from", value_name = "PATH")]
        holidays_from: Option<PathBuf>,
    },
    /// Change a customer's calendar from a date on (R5): incidents already submitted keep theirs.
    #[command(
        after_help = "Examples:\n  incidesk customer calendar contoso --add-holiday 2027-01-01 --add-holiday '*-12-25'\n  \
                      incidesk customer calendar C-1 --hours 'mon-fri 09:00-18:00' --from 2027-01-01\n  \
                      incidesk customer calendar C-1 --holidays-from holidays-2027.ics"
    )]
    Calendar {
        /// The customer: its id (C-1) or part of its name.
        #[arg(value_name = "NAME")]
        customer: String,
        /// New weekly open hours, e.g. "mon-fri 08:00-17:00; sat 09:00-12:00" (22:00-06:00 runs overnight).
        #[arg(long, value_name = "HOURS")]
        hours: Option<String>,
        /// Another IANA time zone, e.g. Europe/Stockholm.
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// A special day to add, written as for `customer add --holiday`; repeat for more.
        #[arg(long = "add-holiday", value_name = "SPEC", value_parser = special_day)]
        add: Vec<SpecialDay>,
        /// A special day to take out, written as it was added (a refusal lists those there are); repeat for more.
        #[arg(long = "remove-holiday", value_name = "SPEC", value_parser = special_day)]
        remove: Vec<SpecialDay>,
        /// Holidays to add from an iCalendar file: its all-day events.
        #[arg(long = "holidays-from", value_name = "PATH")]
        holidays_from: Option<PathBuf>,
        /// The first local date the change applies to (default: from now on).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<NaiveDate>,
    },
    /// Contacts of a customer.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Record the customer's tax-exemption document (R20).
    TaxExempt {
        /// The customer: its id (C-1) or part of its name.
        #[arg(long, value_name = "NAME")]
        customer: String,
        /// The document's reference.
        #[arg(long, value_name = "TEXT")]
        reference: String,
        /// When the document was received (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        received: NaiveDate,
        /// When it expires (YYYY-MM-DD; default: never).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        expires: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact; --on-duty-24x7 allows 24x7 coverage (R6).
    Add {
        /// The customer: its id (C-1) or part of its name.
        #[arg(long, value_name = "NAME")]
        customer: String,
        /// The contact's name.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Phone or e-mail.
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        reach: String,
        /// Reachable round the clock, so that incidents may have 24x7 coverage.
        #[arg(long)]
        on_duty_24x7: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductCmd {
    /// Add a product with the ends of its support phases (R9).
    Add {
        /// The product's name.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// First day without mainstream support (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        mainstream_end: NaiveDate,
        /// First day without any support (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        extended_end: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCmd {
    /// Buy a pack of five for an account (R16, R20).
    Buy {
        /// The customer: its id (C-1) or part of its name.
        #[arg(long, value_name = "NAME")]
        customer: String,
        /// The account that buys it and may submit incidents.
        #[arg(long, value_name = "ACCOUNT")]
        account: String,
        /// The order confirmation number.
        #[arg(long, value_name = "ID")]
        order: String,
        /// Purchase date, YYYY-MM-DD (default: today in the customer's zone).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Move a pack to another account on proof of purchase (R18).
    Transfer {
        /// The pack, e.g. P-2 (default: the pack with this order number).
        #[arg(value_name = "ID")]
        pack: Option<String>,
        /// The order confirmation number, the proof of purchase.
        #[arg(long, value_name = "ID")]
        order: String,
        /// The account that receives it.
        #[arg(long, value_name = "ACCOUNT")]
        to: String,
    },
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The customer: its id (C-1) or part of its name.
    #[arg(long, value_name = "NAME")]
    pub customer: String,
    /// The submitting account; it must own a usable pack (R16).
    #[arg(long, value_name = "ACCOUNT")]
    pub account: String,
    /// The product: its id (PR-1) or part of its name.
    #[arg(long, value_name = "NAME")]
    pub product: String,
    /// The impact, which sets the first-response target (R4).
    #[arg(long, value_name = "SEVERITY", value_parser = severity())]
    pub severity: Severity,
    /// When the response clock runs (R5).
    #[arg(long, value_name = "COVERAGE", value_parser = coverage())]
    pub coverage: Coverage,
    /// A short title.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The problem statement agreed with the customer (R3).
    #[arg(long, value_name = "TEXT")]
    pub problem: String,
    /// What kind of request; anything but support is refused with what to do (R10, R11).
    #[arg(long, default_value = "support", value_name = "CATEGORY", value_parser = category())]
    pub category: Category,
    /// Who at the customer agreed to the statement (default: the account).
    #[arg(long, default_value = "", hide_default_value = true, value_name = "NAME")]
    pub agreed_with: String,
    /// Pay from this pack, e.g. P-2, instead of the one that expires first (R19).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
}
