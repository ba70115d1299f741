//! The one key table: it maps keys to actions, and the same rows draw the
//! footer and the `?` help, so what is shown is what works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is, which decides which keys apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere outside dialogs.
    Global,
    /// An open incident is selected (queue or detail).
    Incident,
    /// A closed incident is selected: only billing and history apply.
    Closed,
    /// The pack balance screen.
    Packs,
    /// The filter line is open: keys edit it.
    FilterLine,
    /// A read-only popup (help, history) is open.
    Overlay,
    /// The alert list is open: keys move and acknowledge.
    Alerts,
    /// A dialog's form is open: keys move between fields and edit them.
    Form,
    /// A dialog asks to confirm an irreversible step.
    Confirm,
}

impl Scope {
    /// The scopes of the desk itself, under no popup, in the help's order.
    pub const DESK: [Scope; 4] = [Scope::Global, Scope::Incident, Scope::Closed, Scope::Packs];
    /// The scopes of what sits on top of the desk.
    pub const MODAL: [Scope; 5] =
        [Scope::FilterLine, Scope::Overlay, Scope::Alerts, Scope::Form, Scope::Confirm];
}

pub use super::dialog::DialogKind;
pub use super::dialog::form::FormKey;
pub use super::view_state::Screen;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    Back,
    Filter,
    History,
    /// The history of the selected incident's product (R21).
    ProductHistory,
    Undo,
    ToggleMouse,
    /// The queue's next order: due, severity, customer, age.
    Sort,
    /// Copies the selected id to the clipboard (OSC 52).
    Copy,
    /// The message log: every status line of the session with its time.
    Messages,
    Show(Screen),
    Dialog(DialogKind),
    /// Typing: the key's character goes into the filter line or the field
    /// (the fallback of those scopes: any key with a character to type).
    Type,
    FilterApply,
    FilterCancel,
    FilterErase,
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    /// Closes an overlay (its fallback: any other key).
    CloseOverlay,
    /// The alert list (issue 13).
    Alerts,
    /// Acknowledges the alert under the cursor (the viewer's, not the desk's).
    Acknowledge,
    AcknowledgeAll,
    /// Shows the alert's incident in the queue.
    OpenAlert,
    Form(FormKey),
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys; none for a scope's fallback, which takes any key that no
    /// other row of the scope names (shown as "any other key" or "type").
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// Written in the footer and the help, e.g. `j/↓`.
    pub label: &'static str,
    pub action: Action,
    pub scope: Scope,
    /// A word or two for the footer; empty keeps it out of the footer.
    pub short: &'static str,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

use super::dialog::editing::Edit as E;
use Action as A;
use DialogKind as D;
use FormKey as F;
use Scope as S;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[ch('q'), (KeyCode::Char('c'), CTRL)], label: "q", action: A::Quit, scope: S::Global, short: "quit", help: "Quit (every change is already saved)" },
    Binding { keys: &[ch('?'), (KeyCode::F(1), NONE)], label: "?", action: A::Help, scope: S::Global, short: "help", help: "Show or hide this help" },
    Binding { keys: &[ch('k'), (KeyCode::Up, NONE)], label: "k/↑", action: A::Up, scope: S::Global, short: "", help: "Move up" },
    Binding { keys: &[ch('j'), (KeyCode::Down, NONE)], label: "j/↓", action: A::Down, scope: S::Global, short: "", help: "Move down" },
    Binding { keys: &[(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], label: "PgUp", action: A::PageUp, scope: S::Global, short: "", help: "Page up" },
    Binding { keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], label: "PgDn", action: A::PageDown, scope: S::Global, short: "", help: "Page down" },
    Binding { keys: &[ch('g'), (KeyCode::Home, NONE)], label: "g", action: A::Top, scope: S::Global, short: "", help: "Go to the top" },
    Binding { keys: &[(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)], label: "G", action: A::Bottom, scope: S::Global, short: "", help: "Go to the bottom" },
    Binding { keys: &[(KeyCode::Tab, NONE)], label: "Tab", action: A::NextPane, scope: S::Global, short: "pane", help: "Next pane" },
    Binding { keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)], label: "S-Tab", action: A::PrevPane, scope: S::Global, short: "", help: "Previous pane" },
    Binding { keys: &[(KeyCode::Enter, NONE)], label: "Enter", action: A::Open, scope: S::Global, short: "open", help: "Open the selected incident" },
    Binding { keys: &[(KeyCode::Esc, NONE)], label: "Esc", action: A::Back, scope: S::Global, short: "", help: "Back out (close detail, clear filter)" },
    Binding { keys: &[ch('/')], label: "/", action: A::Filter, scope: S::Global, short: "filter", help: "Filter: sev:A state:breached paused:yes cov:24x7 customer:NAME eng:NAME status:new words" },
    Binding { keys: &[ch('1')], label: "1", action: A::Show(Screen::Queue), scope: S::Global, short: "", help: "Queue and incident detail" },
    Binding { keys: &[ch('2')], label: "2", action: A::Show(Screen::Packs), scope: S::Global, short: "packs", help: "Pack balance of the selected customer" },
    Binding { keys: &[ch('3')], label: "3", action: A::Show(Screen::Board), scope: S::Global, short: "board", help: "Lead board" },
    Binding { keys: &[ch('u')], label: "u", action: A::Undo, scope: S::Global, short: "undo", help: "Undo your last change (recorded in history as an undo)" },
    Binding { keys: &[ch('o')], label: "o", action: A::Sort, scope: S::Global, short: "sort", help: "Order the queue by due time, severity, customer or age (each press the next)" },
    Binding { keys: &[ch('y')], label: "y", action: A::Copy, scope: S::Global, short: "", help: "Copy the selected id (incident, customer or pack) to the clipboard (OSC 52)" },
    Binding { keys: &[ch('L'), (KeyCode::Char('L'), SHIFT)], label: "L", action: A::Messages, scope: S::Global, short: "", help: "Message log: every message of this session with its time" },
    Binding { keys: &[ch('m')], label: "m", action: A::ToggleMouse, scope: S::Global, short: "", help: "Mouse selection and scrolling on/off (off keeps text selection)" },
    Binding { keys: &[ch('n')], label: "n", action: A::Dialog(D::NewIncident), scope: S::Global, short: "new", help: "New incident (intake)" },
    Binding { keys: &[ch('!'), (KeyCode::Char('!'), SHIFT)], label: "!", action: A::Alerts, scope: S::Global, short: "", help: "Alerts: incidents that passed an alert point; acknowledge them there" },
    Binding { keys: &[(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)], label: "N", action: A::Dialog(D::NewCustomer), scope: S::Global, short: "", help: "New customer" },
    Binding { keys: &[(KeyCode::Char('P'), SHIFT), (KeyCode::Char('P'), NONE)], label: "P", action: A::Dialog(D::NewProduct), scope: S::Global, short: "", help: "New product" },
    Binding { keys: &[ch('r')], label: "r", action: A::Dialog(D::Respond), scope: S::Incident, short: "respond", help: "Record the first response (R8)" },
    Binding { keys: &[ch('c')], label: "c", action: A::Dialog(D::Contact), scope: S::Incident, short: "contact", help: "Log a call, e-mail, chat, remote session or research (R2)" },
    Binding { keys: &[ch('p')], label: "p", action: A::Dialog(D::Propose), scope: S::Incident, short: "propose", help: "Add a proposed solution (R12)" },
    Binding { keys: &[ch('s')], label: "s", action: A::Dialog(D::Severity), scope: S::Incident, short: "severity", help: "Change severity with a reason (R7)" },
    Binding { keys: &[ch('a')], label: "a", action: A::Dialog(D::Amend), scope: S::Incident, short: "", help: "Amend the agreed problem statement (R3)" },
    Binding { keys: &[ch('x')], label: "x", action: A::Dialog(D::Split), scope: S::Incident, short: "split", help: "Split off sub-problems, one credit each (R1)" },
    Binding { keys: &[(KeyCode::Char('C'), SHIFT), (KeyCode::Char('C'), NONE)], label: "C", action: A::Dialog(D::Close), scope: S::Incident, short: "close", help: "Close: resolved (R12), unresolved (R13), withdrawn (R15)" },

    Binding { keys: &[ch('e')], label: "e", action: A::Dialog(D::Assign), scope: S::Incident, short: "", help: "Assign to another engineer" },
    Binding { keys: &[ch('h')], label: "h", action: A::History, scope: S::Incident, short: "history", help: "History of the incident (R21)" },
    Binding { keys: &[ch('H'), (KeyCode::Char('H'), SHIFT)], label: "H", action: A::ProductHistory, scope: S::Incident, short: "", help: "History of the incident's product (R21)" },
    Binding { keys: &[ch('b')], label: "b", action: A::Dialog(D::Bill), scope: S::Closed, short: "bill", help: "Billing decision: charge or refund (R14)" },
    Binding { keys: &[ch('h')], label: "h", action: A::History, scope: S::Closed, short: "history", help: "History of the incident (R21)" },
    Binding { keys: &[ch('H'), (KeyCode::Char('H'), SHIFT)], label: "H", action: A::ProductHistory, scope: S::Closed, short: "", help: "History of the incident's product (R21)" },
    Binding { keys: &[ch('B'), (KeyCode::Char('B'), SHIFT)], label: "B", action: A::Dialog(D::BuyPack), scope: S::Packs, short: "buy", help: "Buy a pack of five (R16, R20)" },
    Binding { keys: &[ch('t')], label: "t", action: A::Dialog(D::TransferPack), scope: S::Packs, short: "transfer", help: "Transfer the pack by order number (R18)" },
    Binding { keys: &[ch('K'), (KeyCode::Char('K'), SHIFT)], label: "K", action: A::Dialog(D::NewContact), scope: S::Packs, short: "contact", help: "Add a customer contact, maybe on duty 24x7 (R6)" },
    Binding { keys: &[ch('X'), (KeyCode::Char('X'), SHIFT)], label: "X", action: A::Dialog(D::TaxExempt), scope: S::Packs, short: "tax", help: "Record a tax-exemption document (R20)" },
    Binding { keys: &[ch('O'), (KeyCode::Char('O'), SHIFT)], label: "O", action: A::Dialog(D::Calendar), scope: S::Packs, short: "calendar", help: "Change the customer's calendar from a date on: hours, zone, holidays (R5)" },
    Binding { keys: &[ch('h')], label: "h", action: A::History, scope: S::Packs, short: "history", help: "History of the customer or the pack, by the pane in focus (R21)" },

    Binding { keys: &[(KeyCode::Enter, NONE)], label: "Enter", action: A::FilterApply, scope: S::FilterLine, short: "apply", help: "Apply the filter" },
    Binding { keys: &[(KeyCode::Esc, NONE)], label: "Esc", action: A::FilterCancel, scope: S::FilterLine, short: "cancel", help: "Close the filter line, the filter stays as it was" },
    Binding { keys: &[(KeyCode::Backspace, NONE)], label: "Bksp", action: A::FilterErase, scope: S::FilterLine, short: "", help: "Erase the last character" },
    Binding { keys: &[], label: "type", action: A::Type, scope: S::FilterLine, short: "", help: "Write the filter, e.g. sev:A state:breached" },

    Binding { keys: &[ch('j'), (KeyCode::Down, NONE)], label: "j/↓", action: A::ScrollDown, scope: S::Overlay, short: "scroll", help: "Scroll down" },
    Binding { keys: &[ch('k'), (KeyCode::Up, NONE)], label: "k/↑", action: A::ScrollUp, scope: S::Overlay, short: "", help: "Scroll up" },
    Binding { keys: &[(KeyCode::PageDown, NONE)], label: "PgDn", action: A::ScrollPageDown, scope: S::Overlay, short: "", help: "Scroll a page down" },
    Binding { keys: &[(KeyCode::PageUp, NONE)], label: "PgUp", action: A::ScrollPageUp, scope: S::Overlay, short: "", help: "Scroll a page up" },
    Binding { keys: &[], label: "any other", action: A::CloseOverlay, scope: S::Overlay, short: "close", help: "Close the popup" },

    Binding { keys: &[ch('j'), (KeyCode::Down, NONE)], label: "j/↓", action: A::ScrollDown, scope: S::Alerts, short: "", help: "Next alert" },
    Binding { keys: &[ch('k'), (KeyCode::Up, NONE)], label: "k/↑", action: A::ScrollUp, scope: S::Alerts, short: "", help: "Previous alert" },
    Binding { keys: &[ch(' '), ch('a')], label: "Space / a", action: A::Acknowledge, scope: S::Alerts, short: "acknowledge", help: "Acknowledge the alert (yours alone: the desk is not changed)" },
    Binding { keys: &[ch('A'), (KeyCode::Char('A'), SHIFT)], label: "A", action: A::AcknowledgeAll, scope: S::Alerts, short: "all", help: "Acknowledge every alert" },
    Binding { keys: &[(KeyCode::Enter, NONE)], label: "Enter", action: A::OpenAlert, scope: S::Alerts, short: "open", help: "Show the alert's incident" },
    Binding { keys: &[(KeyCode::Esc, NONE), ch('!'), (KeyCode::Char('!'), SHIFT), ch('q')], label: "Esc", action: A::CloseOverlay, scope: S::Alerts, short: "close", help: "Close the alert list" },

    Binding { keys: &[(KeyCode::Tab, NONE)], label: "Tab", action: A::Form(F::NextField), scope: S::Form, short: "next", help: "Next field" },
    Binding { keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)], label: "S-Tab", action: A::Form(F::PrevField), scope: S::Form, short: "", help: "Previous field" },
    Binding { keys: &[(KeyCode::Down, NONE)], label: "↓", action: A::Form(F::Down), scope: S::Form, short: "", help: "Next field; in a multi-line field, the line below" },
    Binding { keys: &[(KeyCode::Up, NONE)], label: "↑", action: A::Form(F::Up), scope: S::Form, short: "", help: "Previous field; in a multi-line field, the line above" },
    Binding { keys: &[(KeyCode::Left, NONE)], label: "←", action: A::Form(F::Left), scope: S::Form, short: "", help: "Previous option in a list; in text, the cursor left" },
    Binding { keys: &[(KeyCode::Right, NONE)], label: "→", action: A::Form(F::Right), scope: S::Form, short: "", help: "Next option in a list; in text, the cursor right" },
    Binding { keys: &[(KeyCode::Left, ALT), (KeyCode::Left, CTRL), (KeyCode::Char('b'), ALT)], label: "Alt-←", action: A::Form(F::Edit(E::WordLeft)), scope: S::Form, short: "", help: "The cursor a word left (also Ctrl-←, Alt-B)" },
    Binding { keys: &[(KeyCode::Right, ALT), (KeyCode::Right, CTRL), (KeyCode::Char('f'), ALT)], label: "Alt-→", action: A::Form(F::Edit(E::WordRight)), scope: S::Form, short: "", help: "The cursor a word right (also Ctrl-→, Alt-F)" },
    Binding { keys: &[(KeyCode::Home, NONE), (KeyCode::Char('a'), CTRL)], label: "Home/Ctrl-A", action: A::Form(F::Edit(E::LineStart)), scope: S::Form, short: "", help: "The cursor to the start of the line" },
    Binding { keys: &[(KeyCode::End, NONE), (KeyCode::Char('e'), CTRL)], label: "End/Ctrl-E", action: A::Form(F::Edit(E::LineEnd)), scope: S::Form, short: "", help: "The cursor to the end of the line" },
    Binding { keys: &[(KeyCode::Enter, NONE)], label: "Enter", action: A::Form(F::Enter), scope: S::Form, short: "next/submit", help: "Next field; on the last field, submit" },
    Binding { keys: &[(KeyCode::Char('s'), CTRL)], label: "Ctrl-S", action: A::Form(F::Submit), scope: S::Form, short: "submit", help: "Submit from any field" },
    Binding { keys: &[(KeyCode::Enter, ALT)], label: "Alt-Enter", action: A::Form(F::NewLine), scope: S::Form, short: "", help: "New line in a multi-line field" },
    Binding { keys: &[(KeyCode::Backspace, NONE), (KeyCode::Char('h'), CTRL)], label: "Bksp", action: A::Form(F::Edit(E::DeleteBack)), scope: S::Form, short: "", help: "Erase the character before the cursor (as seen: é, 👍🏽 go whole)" },
    Binding { keys: &[(KeyCode::Delete, NONE), (KeyCode::Char('d'), CTRL)], label: "Del/Ctrl-D", action: A::Form(F::Edit(E::DeleteForward)), scope: S::Form, short: "", help: "Erase the character under the cursor" },
    Binding { keys: &[(KeyCode::Char('w'), CTRL), (KeyCode::Backspace, ALT)], label: "Ctrl-W", action: A::Form(F::Edit(E::DeleteWordBack)), scope: S::Form, short: "", help: "Erase the word before the cursor" },
    Binding { keys: &[(KeyCode::Char('u'), CTRL)], label: "Ctrl-U", action: A::Form(F::Edit(E::DeleteToLineStart)), scope: S::Form, short: "", help: "Erase from the start of the line to the cursor" },
    Binding { keys: &[(KeyCode::Char('k'), CTRL)], label: "Ctrl-K", action: A::Form(F::Edit(E::DeleteToLineEnd)), scope: S::Form, short: "", help: "Erase from the cursor to the end of the line" },
    Binding { keys: &[(KeyCode::Esc, NONE)], label: "Esc", action: A::Form(F::Cancel), scope: S::Form, short: "cancel", help: "Cancel the dialog, nothing is changed" },
    Binding { keys: &[(KeyCode::Char('g'), CTRL)], label: "Ctrl-G", action: A::Form(F::External), scope: S::Form, short: "editor", help: "Write a long field (problem, note, proposal) in $VISUAL or $EDITOR" },
    Binding { keys: &[], label: "type", action: A::Type, scope: S::Form, short: "", help: "Write in a field; in a list, narrow the options" },

    Binding { keys: &[(KeyCode::Enter, NONE), ch('y')], label: "Enter / y", action: A::Form(F::Confirm), scope: S::Confirm, short: "confirm", help: "Go ahead" },
    Binding { keys: &[], label: "any other", action: A::Form(F::Decline), scope: S::Confirm, short: "back", help: "Back to the form, nothing is changed" },
];

/// The action for a key in the given scopes, most specific scope first: a
/// row naming the key, else the scope's fallback row (typing takes only keys
/// that type a character).
pub fn action_for(key: KeyEvent, scopes: &[Scope]) -> Option<Action> {
    let mods = key.modifiers & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
    scopes.iter().find_map(|scope| {
        let rows = || super::keys::current().iter().filter(|b| b.scope == *scope);
        rows()
            .find(|b| b.keys.iter().any(|(code, m)| *code == key.code && *m == mods))
            .or_else(|| {
                rows().find(|b| b.keys.is_empty() && (b.action != Action::Type || typed(key).is_some()))
            })
            .map(|b| b.action)
    })
}

/// The key written for `action`, as the footer and the help write it.
pub fn label_of(action: Action) -> &'static str {
    super::keys::current().iter().find(|b| b.action == action).map_or("?", |b| b.label)
}

/// The character a key types, if it types one (no Ctrl or Alt, printable).
pub fn typed(key: KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && crate::domain::text::is_typable(c) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Footer entries for the scopes in force: `(key, word)`.
/// The intake and the filter come first: they matter on every screen.
/// `useful` leaves out keys that do nothing where the viewer is (Tab on a
/// screen of one pane).
pub fn footer(scopes: &[Scope], useful: impl Fn(Action) -> bool) -> Vec<(&'static str, &'static str)> {
    let first = |b: &Binding| matches!(b.action, Action::Dialog(DialogKind::NewIncident) | Action::Filter);
    let shown = |b: &&Binding| !b.short.is_empty() && scopes.contains(&b.scope) && useful(b.action);
    let mut out: Vec<(&str, &str)> = super::keys::current()
        .iter()
        .filter(shown)
        .filter(|b| first(b))
        .map(|b| (b.label, b.short))
        .collect();
    out.extend(
        super::keys::current()
            .iter()
            .filter(shown)
            .filter(|b| b.scope != Scope::Global)
            .map(|b| (b.label, b.short)),
    );
    out.extend(
        super::keys::current()
            .iter()
            .filter(shown)
            .filter(|b| b.scope == Scope::Global && !first(b))
            .map(|b| (b.label, b.short)),
    );
    out
}

/// A popup's own line of keys, e.g. `Tab next · Esc cancel`: the rows of
/// `scope` that have a word, each with its first key.
pub fn key_line(scope: Scope) -> String {
    key_line_where(scope, |_| true)
}

/// [`key_line`] without the keys that `useful` says do nothing here (the
/// editor key outside a long field).
pub fn key_line_where(scope: Scope, useful: impl Fn(Action) -> bool) -> String {
    super::keys::current()
        .iter()
        .filter(|b| b.scope == scope && !b.short.is_empty() && useful(b.action))
        .map(|b| format!("{} {}", b.label.split(" / ").next().unwrap_or(b.label), b.short))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Everywhere",
        Scope::Incident => "With an open incident selected",
        Scope::Closed => "With a closed incident selected",
        Scope::Packs => "On the pack screen",
        Scope::FilterLine => "On the filter line",
        Scope::Overlay => "In a popup (this help, history, messages)",
        Scope::Alerts => "In the alert list (!)",
        Scope::Form => "In dialogs",
        Scope::Confirm => "When a dialog asks to confirm",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn maps_keys_to_actions_by_scope() {
        let global = [Scope::Global];
        let incident = [Scope::Incident, Scope::Global];
        assert_eq!(action_for(key(KeyCode::Char('q'), NONE), &global), Some(Action::Quit));
        assert_eq!(action_for(key(KeyCode::Char('c'), CTRL), &global), Some(Action::Quit));
        assert_eq!(action_for(key(KeyCode::Down, NONE), &global), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Char('j'), NONE), &global), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Char('r'), NONE), &global), None, "respond needs an incident");
        assert_eq!(
            action_for(key(KeyCode::Char('r'), NONE), &incident),
            Some(Action::Dialog(DialogKind::Respond))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('C'), SHIFT), &incident),
            Some(Action::Dialog(DialogKind::Close))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('h'), NONE), &[Scope::Packs, Scope::Global]),
            Some(Action::History)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let clash = a.scope == b.scope && a.keys.iter().any(|k| b.keys.contains(k));
                assert!(!clash, "{} and {} share a key in {:?}", a.label, b.label, a.scope);
            }
        }
        // Keys of a specific scope of the desk must not shadow global ones
        // (a popup's scope takes every key, so it may).
        for a in BINDINGS.iter().filter(|b| b.scope != Scope::Global && Scope::DESK.contains(&b.scope)) {
            for g in BINDINGS.iter().filter(|b| b.scope == Scope::Global) {
                assert!(!a.keys.iter().any(|k| g.keys.contains(k)), "{} shadows global {}", a.label, g.label);
            }
        }
    }

    #[test]
    fn footer_comes_from_the_table() {
        let f = footer(&[Scope::Incident, Scope::Global], |_| true);
        assert!(f.contains(&("r", "respond")));
        assert!(f.contains(&("q", "quit")));
        assert!(!footer(&[Scope::Global], |_| true).contains(&("r", "respond")));
        assert!(!footer(&[Scope::Global], |a| a != Action::Sort).contains(&("o", "sort")));
    }

    #[test]
    fn a_scope_falls_back_to_its_any_key_row() {
        let esc = key(KeyCode::Esc, NONE);
        assert_eq!(action_for(esc, &[Scope::Overlay]), Some(Action::CloseOverlay), "any other key");
        assert_eq!(action_for(key(KeyCode::Char('j'), NONE), &[Scope::Overlay]), Some(Action::ScrollDown));
        assert_eq!(action_for(key(KeyCode::Char('x'), NONE), &[Scope::Form]), Some(Action::Type));
        assert_eq!(action_for(key(KeyCode::Char('x'), CTRL), &[Scope::Form]), None, "Ctrl-x types nothing");
        assert_eq!(
            action_for(key(KeyCode::Char('u'), CTRL), &[Scope::Form]),
            Some(Action::Form(FormKey::Edit(E::DeleteToLineStart)))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('y'), NONE), &[Scope::Confirm]),
            Some(Action::Form(FormKey::Confirm))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('n'), NONE), &[Scope::Confirm]),
            Some(Action::Form(FormKey::Decline))
        );
        assert_eq!(action_for(key(KeyCode::Enter, NONE), &[Scope::FilterLine]), Some(Action::FilterApply));
        assert_eq!(action_for(key(KeyCode::F(5), NONE), &[Scope::FilterLine]), None, "F5 types nothing");
    }
}
