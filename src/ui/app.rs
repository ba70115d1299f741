//! The TUI's state, in parts: the [`Session`] (store, clock, who), the
//! [`ViewState`] (screen, focus, selections, filter), the [`Modal`] on top
//! (dialog, overlay or filter line) and the [`DeskView`] (what the panes
//! show, kept between frames). Keys become actions in `input.rs`; actions
//! change the view or send one command through the session in `update.rs`.

use super::cache::QueueEntry;
use super::desk_view::DeskView;
use super::dialog::Dialog;
use super::keymap::Scope;
pub use super::modal::{FilterLine, Modal, Overlay};
pub use super::session::Session;
use super::theme::Theme;
pub use super::view_state::{Focus, Screen, ViewState};
use crate::domain::report::Report;
use crate::domain::{Countdown, Desk, HistoryEntry, IncidentId, Instant, PackId};
pub use crate::settings::Clock;
use crate::store::Store;
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Saved,
    Error,
}

/// The line under the title: what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

pub struct App {
    pub session: Session,
    pub view: ViewState,
    pub modal: Modal,
    pub(super) desk_view: DeskView,
    pub theme: Theme,
    pub status: Option<Status>,
    pub quit: bool,
    /// Set when the mouse toggle changed; the loop tells the terminal.
    pub mouse_changed: bool,
    /// Reading the archive for a status filter waits for a frame saying so
    /// (set by the event loop; tests drive the app without frames).
    pub defer_archive_reads: bool,
    /// The alerts' watcher (`None`: alerts off, or not started: see
    /// [`App::watch_alerts`]).
    pub watcher: Option<super::alerts::Watcher>,
    /// What alert ticks brought since the event loop last took it.
    pub came: super::alerts::Came,
    /// Why the desk's server can't be reached, while it can't: the title
    /// bar says so until it is back (changes meanwhile are refused).
    pub connection_lost: Option<String>,
    /// A form asked to write its field in the editor: the text to start
    /// from (the event loop, which owns the terminal, runs the editor).
    pub external_edit: Option<String>,
    /// An id `y` copied, for the event loop to send to the terminal.
    pub clipboard: Option<String>,
    /// Every message the status line showed, with its time.
    pub messages: super::messages::MessageLog,
}

impl App {
    pub fn new(store: impl Store + 'static, clock: Clock, engineer: String, theme: Theme) -> Self {
        App::with_store(Box::new(store), clock, engineer, theme)
    }

    pub fn with_store(store: Box<dyn Store>, clock: Clock, engineer: String, theme: Theme) -> Self {
        let mut app = App {
            session: Session::new(store, clock, &engineer),
            view: ViewState::default(),
            modal: Modal::None,
            desk_view: DeskView::default(),
            theme,
            status: None,
            quit: false,
            mouse_changed: false,
            defer_archive_reads: false,
            watcher: None,
            came: super::alerts::Came::default(),
            connection_lost: None,
            external_edit: None,
            clipboard: None,
            messages: super::messages::MessageLog::default(),
        };
        if app.store().is_read_only() {
            let text = format!(
                "read-only: you can't write {}: you can look, but changes are refused (make it writable, or work on a copy with --data)",
                app.store().location()
            );
            app.error(text);
        } else if let Some(why) = app.session.unsigned() {
            app.error(why);
        }
        app.keep_selection();
        app
    }

    pub fn store(&self) -> &dyn Store {
        self.session.store.as_ref()
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.modal.dialog()
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.modal.overlay()
    }

    /// The filter line being typed, if it is open.
    pub fn filter_input(&self) -> Option<&str> {
        self.modal.filter_line().map(|f| f.text.as_str())
    }

    /// What was wrong with the filter line's text.
    pub fn filter_error(&self) -> Option<&str> {
        self.modal.filter_line().and_then(|f| f.error.as_deref())
    }

    /// The desk the panes show: the live one, or while the filter shows
    /// closed incidents, the whole record with the archived ones too.
    pub fn desk(&self) -> &Desk {
        self.desk_view.desk(self.store(), self.shows_closed())
    }

    /// Whether the queue may show closed incidents (see [`ViewState::shows_closed`]).
    pub fn shows_closed(&self) -> bool {
        self.view.shows_closed()
    }

    /// Whether [`App::desk`] is the whole record, archive included.
    pub fn shows_archive(&self) -> bool {
        self.desk_view.shows_archive(self.store(), self.shows_closed())
    }

    /// Closed incidents in the archive, which the queue shows only when asked.
    pub fn archived(&self) -> usize {
        self.store().desk().archive.len()
    }

    fn view_generation(&self) -> u64 {
        self.desk_view.generation(self.store(), self.shows_closed())
    }

    /// After the filter or the store changed: reads the whole record anew if
    /// it is wanted, or drops it; a failure to read it is returned for the
    /// status line.
    pub(super) fn sync_whole(&mut self) -> Option<String> {
        let closed = self.shows_closed();
        self.desk_view.sync_whole(self.session.store.as_ref(), closed)
    }

    /// Whether archived incidents were asked for and are still to be read
    /// (the event loop draws a frame saying so, then calls [`App::load_archive`]).
    pub fn archive_pending(&self) -> bool {
        self.desk_view.archive_pending()
    }

    /// Reads the archived incidents asked for (see [`App::archive_pending`]).
    pub fn load_archive(&mut self) {
        let waiting = self.status.clone();
        self.follow_whole();
        if self.status == waiting {
            self.status = None;
            self.view.status_width = 0;
        }
        self.keep_selection();
    }

    /// [`App::sync_whole`], putting its failure in the status line.
    pub(super) fn follow_whole(&mut self) {
        if let Some(e) = self.sync_whole() {
            self.error(e);
        }
    }

    /// Now, to the second on the system clock.
    pub fn now(&self) -> Instant {
        self.session.now()
    }

    /// The queue pane's incidents in order, with their countdown states at
    /// [`App::now`] (closed ones too when the filter asks for a status).
    pub fn queue_rows(&self) -> Rc<[QueueEntry]> {
        self.desk_view.queue_rows(
            self.desk(),
            self.view_generation(),
            self.now(),
            &self.view.filter,
            self.view.sort,
        )
    }

    /// The lead board's "next breaches" (see [`DeskView::board_rows`]).
    pub fn board_rows(&self) -> Vec<QueueEntry> {
        self.desk_view.board_rows(self.store(), self.now())
    }

    /// The incident under the board's cursor: the one chosen while it is
    /// still listed, else the most urgent.
    pub fn board_selection(&self) -> Option<IncidentId> {
        let rows = self.board_rows();
        let kept = self.view.board_selected.filter(|id| rows.iter().any(|e| e.id == *id));
        kept.or_else(|| rows.first().map(|e| e.id))
    }

    /// The board's incidents waiting for a billing decision (see [`DeskView::billing_rows`]).
    pub fn billing_rows(&self) -> Rc<[IncidentId]> {
        self.desk_view.billing_rows(self.store())
    }

    /// The incident under the billing panel's cursor.
    pub fn billing_selection(&self) -> Option<IncidentId> {
        let rows = self.billing_rows();
        super::board_billing::cursor(self.view.billing_selected, &rows).map(|i| rows[i])
    }

    /// The earliest next visible change of any open incident (the board's counts).
    pub fn board_next_change(&self) -> Option<Instant> {
        self.desk_view.board_next_change(self.store(), self.now())
    }

    /// The lead board's counts, met rate and expiring packs at [`App::now`].
    pub fn board_report(&self) -> Rc<Report> {
        self.desk_view.board_report(self.store(), self.now())
    }

    /// Incident ids in queue order, as the queue pane shows them.
    pub fn queue_ids(&self) -> Vec<IncidentId> {
        self.queue_rows().iter().map(|r| r.id).collect()
    }

    /// The countdown of one incident at [`App::now`], remaining time included.
    pub fn countdown(&self, id: IncidentId) -> Option<Countdown> {
        let desk = self.desk();
        let incident = desk.incident(id)?;
        let customer = desk.customer(incident.customer)?;
        Some(crate::domain::sla::countdown(incident, customer.calendar_of(incident), self.now()))
    }

    /// R21: the history of a subject, oldest first.
    pub fn history_of(&self, subject: crate::domain::Subject) -> Vec<&HistoryEntry> {
        self.desk_view.history_of(self.desk(), self.view_generation(), subject)
    }

    /// Whether the desk was read without its history, which is still being
    /// read (see [`App::attach_history`]).
    pub fn history_pending(&self) -> bool {
        !self.store().has_history()
    }

    /// The history, read on another thread after the first frame; `false`
    /// if the desk changed meanwhile (read it again).
    pub fn attach_history(&mut self, history: crate::store::History) -> bool {
        if !self.session.store.attach_history(history) {
            return false;
        }
        self.follow_whole();
        self.keep_selection();
        true
    }

    /// Keeps a valid selection after the list changed (filter, reload, new incident).
    pub fn keep_selection(&mut self) {
        let ids = self.queue_ids();
        if self.view.selected.is_none_or(|s| !ids.contains(&s)) {
            self.view.selected = ids.first().copied();
        }
        let desk = self.desk();
        let customer = self.view.selected.and_then(|i| desk.incident(i)).map(|i| i.customer);
        let keep_customer = self.view.customer.filter(|c| desk.customer(*c).is_some());
        let customer = keep_customer.or(customer).or_else(|| desk.customers.first().map(|c| c.id));
        let packs: Vec<PackId> =
            customer.map(|c| desk.packs_of(c).map(|p| p.id).collect()).unwrap_or_default();
        let pack = if self.view.pack.is_none_or(|p| !packs.contains(&p)) {
            // The first pack that can still be used, else the first one.
            let today = customer.map(|c| desk.local_date(c, self.now()));
            let usable = packs
                .iter()
                .copied()
                .find(|p| desk.pack(*p).zip(today).is_some_and(|(p, d)| !p.is_expired_on(d)));
            usable.or_else(|| packs.first().copied())
        } else {
            self.view.pack
        };
        (self.view.customer, self.view.pack) = (customer, pack);
    }

    /// Key scopes in force, most specific first: a modal's own scope alone
    /// (it takes every key), else [`App::desk_scopes`].
    pub fn scopes(&self) -> Vec<Scope> {
        match &self.modal {
            Modal::Dialog(d) if d.form.confirm.is_some() => vec![Scope::Confirm],
            Modal::Dialog(_) => vec![Scope::Form],
            Modal::Overlay(Overlay::Alerts { .. }) => vec![Scope::Alerts],
            Modal::Overlay(_) => vec![Scope::Overlay],
            Modal::Filter(_) => vec![Scope::FilterLine],
            Modal::None => self.desk_scopes(),
        }
    }

    /// The desk's scopes under any popup, for the footer: what the selection
    /// allows, then global.
    pub fn desk_scopes(&self) -> Vec<Scope> {
        match self.view.screen {
            Screen::Queue => match self.view.selected.and_then(|id| self.desk().incident(id)) {
                Some(inc) if inc.is_open() => vec![Scope::Incident, Scope::Global],
                Some(_) => vec![Scope::Closed, Scope::Global],
                None => vec![Scope::Global],
            },
            Screen::Packs => vec![Scope::Packs, Scope::Global],
            Screen::Board => vec![Scope::Global],
        }
    }

    /// Whether a desk key does anything on the current screen (the footer
    /// offers only those): Tab needs two panes, the sort a queue.
    pub fn does_something(&self, action: super::keymap::Action) -> bool {
        use super::keymap::Action;
        match action {
            Action::NextPane | Action::PrevPane => self.view.panes().len() > 1,
            Action::Sort => self.view.screen == Screen::Queue,
            _ => true,
        }
    }

    pub(super) fn info(&mut self, text: String) {
        self.set_status(Status { kind: StatusKind::Info, text });
    }

    pub(super) fn error(&mut self, text: String) {
        self.set_status(Status { kind: StatusKind::Error, text });
    }

    /// Shows `status` and keeps it in the message log.
    pub(super) fn set_status(&mut self, status: Status) {
        let (mark, _) = super::messages::mark(&status.kind, &self.theme);
        self.view.status_width = super::messages::status_rows(&status.text, mark, usize::MAX)[0].width();
        self.messages.push(self.now(), status.clone());
        self.status = Some(status);
    }

    /// Puts an error in the status line (for the event loop's own work).
    pub fn report_error(&mut self, text: String) {
        self.error(text);
    }
}
