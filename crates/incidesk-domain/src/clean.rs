//! Text that reached the desk without going through a command: a data file
//! written by someone else (another tool, a hand edit, an older incidesk) may
//! hold escape sequences, C1 controls, bidi overrides and the like. The store
//! runs [`Desk::clean_text`] on every desk it loads, so the rest of incidesk
//! can rely on the same guarantee as for typed text (see [`super::text`]).

use super::desk::Desk;
use super::text::{clean_block, clean_line};

/// Cleans fields one by one and counts the ones that changed.
#[derive(Default)]
struct Cleaner {
    changed: usize,
}

impl Cleaner {
    /// A one-line field: a name, an account, a title.
    fn line(&mut self, s: &mut String) {
        // Most text is plain printable ASCII already: skip the copy.
        if plain(s, false) {
            return;
        }
        let cleaned = clean_line(s);
        if cleaned != *s {
            *s = cleaned;
            self.changed += 1;
        }
    }

    /// A field that may hold line breaks: a note, a problem statement, a reason.
    fn block(&mut self, s: &mut String) {
        if plain(s, true) {
            return;
        }
        let cleaned = clean_block(s);
        if cleaned != *s {
            *s = cleaned;
            self.changed += 1;
        }
    }
}

/// Printable ASCII (and `\n` in a block), without the edges the cleaners trim.
fn plain(s: &str, block: bool) -> bool {
    let edge = |b: u8| b == b' ' || b == b'\n';
    s.bytes().all(|b| (0x20..0x7f).contains(&b) || (block && b == b'\n'))
        && !s.bytes().next().is_some_and(edge)
        && !s.bytes().next_back().is_some_and(edge)
}

impl Desk {
    /// Cleans every piece of text people wrote (names, accounts, order numbers,
    /// titles, problem statements, notes, proposals, reasons, engineers,
    /// history) as if it had just been typed: whole escape sequences, controls,
    /// bidi overrides and zero-width characters go, stacked combining marks
    /// are capped. Returns how many fields changed (0 for a desk incidesk wrote).
    pub fn clean_text(&mut self) -> usize {
        let mut c = Cleaner::default();
        for customer in &mut self.customers {
            c.line(&mut customer.name);
            for contact in &mut customer.contacts {
                c.line(&mut contact.name);
                c.line(&mut contact.reach);
            }
            if let Some(t) = &mut customer.tax_exemption {
                c.line(&mut t.reference);
            }
        }
        for product in &mut self.products {
            c.line(&mut product.name);
        }
        for pack in &mut self.packs {
            c.line(&mut pack.order_number);
            c.line(&mut pack.purchaser);
            c.line(&mut pack.owner);
            for l in &mut pack.ledger {
                c.block(&mut l.reason);
            }
            for t in &mut pack.transfers {
                c.line(&mut t.from);
                c.line(&mut t.to);
                c.line(&mut t.by);
            }
        }
        for inc in &mut self.incidents {
            c.line(&mut inc.title);
            c.line(&mut inc.account);
            c.line(&mut inc.engineer);
            let p = &mut inc.problem;
            c.block(&mut p.text);
            c.line(&mut p.agreed_with);
            c.line(&mut p.agreed_by);
            for a in &mut p.amendments {
                c.line(&mut a.by);
                c.block(&mut a.text);
                c.block(&mut a.reason);
            }
            if let Some(r) = &mut inc.first_response {
                c.line(&mut r.by);
                c.block(&mut r.note);
            }
            for e in &mut inc.contacts {
                c.line(&mut e.engineer);
                c.block(&mut e.note);
            }
            for p in &mut inc.proposals {
                c.line(&mut p.by);
                c.block(&mut p.text);
            }
            for s in &mut inc.severity_changes {
                c.line(&mut s.by);
                c.block(&mut s.reason);
            }
            if let Some(closed) = &mut inc.closed {
                c.line(&mut closed.by);
                c.block(&mut closed.note);
            }
            if let Some(b) = &mut inc.billing {
                c.line(&mut b.by);
                c.block(&mut b.reason);
            }
        }
        for h in &mut self.history {
            c.line(&mut h.who);
            c.block(&mut h.what);
            if let Some(change) = &mut h.change {
                c.line(&mut change.field);
                c.block(&mut change.before);
                c.block(&mut change.after);
            }
        }
        c.changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;
    use chrono::Utc;

    #[test]
    fn cleans_every_text_field_and_counts_them() {
        let mut desk = Desk::default();
        let now = Utc::now();
        desk.customers.push(Customer {
            id: CustomerId(1),
            name: "Acme\x1b]0;pwned\x07 AB".into(),
            calendar: Calendar::office(chrono_tz::UTC),
            contacts: vec![Contact { name: "Ada\u{202e}".into(), reach: "ok".into(), on_duty_24x7: false }],
            tax_exemption: None,
            calendar_changes: Vec::new(),
        });
        desk.history.push(HistoryEntry {
            at: now,
            who: "eve\u{9b}31m".into(),
            subject: Subject::Customer(CustomerId(1)),
            what: "line one\r\nline two\x08".into(),
            change: None,
        });
        assert_eq!(desk.clean_text(), 4);
        assert_eq!(desk.customers[0].name, "Acme AB");
        assert_eq!(desk.customers[0].contacts[0].name, "Ada");
        assert_eq!(desk.history[0].who, "eve");
        assert_eq!(desk.history[0].what, "line one\nline two");
        assert_eq!(desk.clean_text(), 0, "cleaning is idempotent");
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert!(plain("Mail stuck in queue", false));
        assert!(!plain(" padded", false));
        assert!(plain("two\nlines", true));
        assert!(!plain("two\nlines", false));
        assert!(!plain("Åsa", false));
    }
}
