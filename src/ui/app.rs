//! The TUI's state and its one `update`: keys become actions, actions change
//! the view or send one domain command through the store.

use super::cache::{HistoryIndex, QueueCache, QueueEntry};
use super::dialog::{self, Dialog, FormEvent, Target};
use super::keymap::{self, Action, DialogKind, Scope, Screen};
use super::theme::Theme;
use super::whole::Whole;
use super::{draw, packs, queue};
use crate::domain::queue::Filter;
use crate::domain::report::Report;
use crate::domain::{
    Command, Countdown, CustomerId, Desk, HistoryEntry, IncidentId, Instant, PackId, Subject,
};
pub use crate::settings::Clock;
use crate::store::Store;
use chrono::{SubsecRound as _, Timelike as _};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::rc::Rc;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Detail,
    Customers,
    Packs,
    Board,
}

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

/// Popups that only read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: u16 },
    History { subject: Subject, scroll: u16 },
}

pub struct App {
    pub store: Box<dyn Store>,
    pub clock: Clock,
    pub engineer: String,
    /// The viewer's zone, for "your time" beside the customer's.
    pub viewer_zone: chrono_tz::Tz,
    pub theme: Theme,
    pub screen: Screen,
    pub focus: Focus,
    /// The incident under the cursor, kept by id so reloads keep it.
    pub selected: Option<IncidentId>,
    pub detail_scroll: u16,
    pub filter: Filter,
    pub filter_text: String,
    /// The filter line being typed, and what was wrong with it.
    pub filter_input: Option<String>,
    pub filter_error: Option<String>,
    pub customer: Option<CustomerId>,
    pub pack: Option<PackId>,
    pub board_scroll: u16,
    pub dialog: Option<Dialog>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub mouse: bool,
    /// Set when the mouse toggle changed; the loop tells the terminal.
    pub mouse_changed: bool,
    pub quit: bool,
    /// This session's changes, newest last, for `u`.
    pub undo: Vec<crate::domain::undo::Undo>,
    /// Rows per page, known from the last resize.
    pub page: usize,
    /// The terminal's area, known from the last resize: where the mouse
    /// clicked and which rows are on screen are computed from it.
    pub area: Rect,
    queue_cache: RefCell<QueueCache>,
    board_cache: RefCell<QueueCache>,
    history_index: RefCell<HistoryIndex>,
    /// The lead board's report and what it was computed for.
    board_report: RefCell<Option<(ReportKey, Rc<Report>)>>,
    /// The live desk with the archive merged in, while closed incidents are shown.
    whole: Whole,
    /// Reading the archive for a status filter waits for a frame saying so
    /// (set by the event loop; tests drive the app without frames).
    pub defer_archive_reads: bool,
}

/// A report stays right while the desk, the minute (pack expiry counts days
/// in the customers' zones) and every open incident's countdown state stay
/// the same.
type ReportKey = (u64, Instant, Option<Instant>);

impl App {
    pub fn new(store: impl Store + 'static, clock: Clock, engineer: String, theme: Theme) -> Self {
        App::with_store(Box::new(store), clock, engineer, theme)
    }

    pub fn with_store(store: Box<dyn Store>, clock: Clock, engineer: String, theme: Theme) -> Self {
        let mut app = App {
            store,
            clock,
            // From $USER or --engineer, shown in the title bar.
            engineer: crate::domain::text::clean_line(&engineer),
            viewer_zone: chrono_tz::UTC,
            theme,
            screen: Screen::Queue,
            focus: Focus::Queue,
            selected: None,
            detail_scroll: 0,
            filter: Filter::default(),
            filter_text: String::new(),
            filter_input: None,
            filter_error: None,
            customer: None,
            pack: None,
            board_scroll: 0,
            dialog: None,
            overlay: None,
            status: None,
            mouse: false,
            mouse_changed: false,
            quit: false,
            undo: Vec::new(),
            page: 10,
            area: Rect::new(0, 0, 120, 40),
            queue_cache: RefCell::default(),
            board_cache: RefCell::default(),
            history_index: RefCell::default(),
            board_report: RefCell::default(),
            whole: Whole::default(),
            defer_archive_reads: false,
        };
        if app.store.is_read_only() {
            app.status = Some(Status {
                kind: StatusKind::Error,
                text: format!(
                    "read-only: you can't write {}: you can look, but changes are refused (make it writable, or work on a copy with --data)",
                    app.store.location()
                ),
            });
        }
        app.keep_selection();
        app
    }

    /// The desk the panes show: the live one, or while the filter shows
    /// closed incidents, the whole record with the archived ones too (they
    /// are closed incidents like any other to the person looking for one).
    pub fn desk(&self) -> &Desk {
        self.whole.get(self.store.as_ref(), self.shows_closed()).unwrap_or(self.store.desk())
    }

    /// Whether the queue may show closed incidents: a status filter that can
    /// match one (`status:open` cannot, and needs no archive read).
    pub fn shows_closed(&self) -> bool {
        self.filter.statuses.iter().any(|s| !matches!(s.as_str(), "open" | "new" | "working"))
    }

    /// Whether [`App::desk`] is the whole record, archive included.
    pub fn shows_archive(&self) -> bool {
        self.whole.get(self.store.as_ref(), self.shows_closed()).is_some()
    }

    /// Closed incidents in the archive, which the queue shows only when asked.
    pub fn archived(&self) -> usize {
        self.store.desk().archive.len()
    }

    /// What the kept views of [`App::desk`] are keyed by: the store's
    /// generation, told apart for the live desk and the whole record of it,
    /// which hold different incidents and history.
    fn view_generation(&self) -> u64 {
        self.store.generation() * 2 + u64::from(self.shows_archive())
    }

    /// After the filter or the store changed: reads the whole record anew
    /// if it is wanted, or drops it; a failure to read it (a missing or
    /// damaged archive file) is returned for the status line.
    fn sync_whole(&mut self) -> Option<String> {
        let wants = self.shows_closed();
        self.whole.sync(self.store.as_ref(), wants).map(|e| format!("archived incidents not shown: {e}"))
    }

    /// Whether archived incidents were asked for and are still to be read
    /// (the event loop draws a frame saying so, then calls [`App::load_archive`]).
    pub fn archive_pending(&self) -> bool {
        self.whole.is_pending()
    }

    /// Reads the archived incidents asked for (see [`App::archive_pending`]).
    pub fn load_archive(&mut self) {
        let waiting = self.status.clone();
        self.follow_whole();
        if self.status == waiting {
            self.status = None;
        }
        self.keep_selection();
    }

    /// [`App::sync_whole`], putting its failure in the status line.
    fn follow_whole(&mut self) {
        if let Some(e) = self.sync_whole() {
            self.error(e);
        }
    }

    /// Now, to the second on the system clock: the desk shows and stamps
    /// whole seconds, and the views of one second can be shared.
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// The queue pane's incidents in order, with their countdown states at
    /// [`App::now`] (closed ones too when the filter asks for a status).
    /// Kept per desk generation and filter; each second only the incidents
    /// whose state or paused flag changes are computed again.
    pub fn queue_rows(&self) -> Rc<[QueueEntry]> {
        let include_closed = !self.filter.statuses.is_empty();
        self.queue_cache.borrow_mut().rows(
            self.desk(),
            self.view_generation(),
            self.now(),
            &self.filter,
            include_closed,
        )
    }

    /// The lead board's "next breaches": open incidents without a first
    /// response, in queue order (no filter). The board reads the live desk
    /// whatever the filter: open incidents are never archived, and its
    /// all-time figures come with the archive's index.
    pub fn board_rows(&self) -> Vec<QueueEntry> {
        let desk = self.store.desk();
        let all = self.board_cache.borrow_mut().rows(
            desk,
            self.store.generation(),
            self.now(),
            &Filter::default(),
            false,
        );
        all.iter()
            .copied()
            .filter(|e| desk.incident(e.id).is_some_and(|i| i.first_response.is_none()))
            .collect()
    }

    /// The earliest next visible change of any open incident (the board's counts).
    pub fn board_next_change(&self) -> Option<Instant> {
        self.board_rows();
        self.board_cache.borrow().next_change()
    }

    /// The lead board's counts, met rate and expiring packs at [`App::now`],
    /// computed again only when they can have changed (see [`ReportKey`]).
    pub fn board_report(&self) -> Rc<Report> {
        let now = self.now();
        let minute = now.with_second(0).unwrap_or(now).trunc_subsecs(0);
        let key = (self.store.generation(), minute, self.board_next_change());
        let mut kept = self.board_report.borrow_mut();
        match kept.as_ref() {
            Some((k, r)) if *k == key => Rc::clone(r),
            _ => {
                let r = Rc::new(crate::domain::report::report(self.store.desk(), now));
                *kept = Some((key, Rc::clone(&r)));
                r
            }
        }
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
        Some(crate::domain::sla::countdown(incident, &customer.calendar, self.now()))
    }

    /// Puts an error in the status line (for the event loop's own work).
    pub fn report_error(&mut self, text: String) {
        self.error(text);
    }

    /// Whether the desk was read without its history, which is still being
    /// read (see [`App::attach_history`]).
    pub fn history_pending(&self) -> bool {
        !self.store.has_history()
    }

    /// The history, read on another thread after the first frame; `false`
    /// if the desk changed meanwhile (read it again).
    pub fn attach_history(&mut self, history: crate::store::History) -> bool {
        if !self.store.attach_history(history) {
            return false;
        }
        self.follow_whole();
        self.keep_selection();
        true
    }

    /// R21: the history of a subject, oldest first, from an index kept per
    /// desk generation (instead of a scan of every entry).
    pub fn history_of(&self, subject: Subject) -> Vec<&HistoryEntry> {
        self.history_index.borrow_mut().of(self.desk(), self.view_generation(), subject)
    }

    /// Keeps a valid selection after the list changed (filter, reload, new incident).
    pub fn keep_selection(&mut self) {
        let ids = self.queue_ids();
        if self.selected.is_none_or(|s| !ids.contains(&s)) {
            self.selected = ids.first().copied();
        }
        let customer = self.selected.and_then(|i| self.desk().incident(i)).map(|i| i.customer);
        if self.customer.is_none_or(|c| self.desk().customer(c).is_none()) {
            self.customer = customer.or_else(|| self.desk().customers.first().map(|c| c.id));
        }
        let packs: Vec<PackId> =
            self.customer.map(|c| self.desk().packs_of(c).map(|p| p.id).collect()).unwrap_or_default();
        if self.pack.is_none_or(|p| !packs.contains(&p)) {
            // The first pack that can still be used, else the first one.
            let today = self.customer.map(|c| self.desk().local_date(c, self.now()));
            let usable = packs
                .iter()
                .copied()
                .find(|p| self.desk().pack(*p).zip(today).is_some_and(|(p, d)| !p.is_expired_on(d)));
            self.pack = usable.or_else(|| packs.first().copied());
        }
    }

    /// Key scopes in force, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.screen {
            Screen::Queue => match self.selected.and_then(|id| self.desk().incident(id)) {
                Some(inc) if inc.is_open() => vec![Scope::Incident, Scope::Global],
                Some(_) => vec![Scope::Closed, Scope::Global],
                None => vec![Scope::Global],
            },
            Screen::Packs => vec![Scope::Packs, Scope::Global],
            _ => vec![Scope::Global],
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => {
                if let Some(d) = &mut self.dialog {
                    d.form.paste(&text);
                } else if let Some(input) = &mut self.filter_input {
                    input.push_str(&crate::domain::text::clean_line(&text));
                }
            }
            Event::Mouse(m) if self.mouse && self.dialog.is_none() && self.overlay.is_none() => {
                match m.kind {
                    MouseEventKind::ScrollDown => self.update(Action::Down),
                    MouseEventKind::ScrollUp => self.update(Action::Up),
                    MouseEventKind::Down(MouseButton::Left) => self.click(m.column, m.row),
                    _ => {}
                }
            }
            Event::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    /// The terminal is now `width` x `height`.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.page = usize::from(height.saturating_sub(8)).max(1);
    }

    /// A left click: selects the queue row, customer or pack header drawn
    /// there (as [`draw::layout`] places them), and gives its pane the keyboard.
    fn click(&mut self, x: u16, y: u16) {
        let Some(areas) = draw::layout(self.area, self) else { return };
        if let Some(id) = queue::row_at(self, &areas, x, y) {
            self.selected = Some(id);
            self.detail_scroll = 0;
            self.focus = Focus::Queue;
        } else if let Some(id) = packs::customer_at(self, &areas, x, y) {
            self.customer = Some(id);
            self.pack = None;
            self.keep_selection();
            self.focus = Focus::Customers;
        } else if let Some(id) = packs::pack_at(self, &areas, x, y) {
            self.pack = Some(id);
            self.focus = Focus::Packs;
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.dialog.is_some() {
            return self.dialog_key(key);
        }
        if let Some(input) = &mut self.filter_input {
            match key.code {
                KeyCode::Esc => {
                    self.filter_input = None;
                    self.filter_error = None;
                }
                KeyCode::Enter => {
                    let text = input.clone();
                    match Filter::parse(&text) {
                        Ok(f) => {
                            self.filter = f;
                            self.filter_text = text;
                            self.filter_input = None;
                            self.filter_error = None;
                            self.selected = None;
                            if self.defer_archive_reads && self.shows_closed() && self.archived() > 0 {
                                self.whole.wait();
                                self.info(format!("reading {} archived incidents…", self.archived()));
                            } else {
                                self.follow_whole();
                            }
                            self.keep_selection();
                        }
                        Err(e) => self.filter_error = Some(e),
                    }
                }
                KeyCode::Backspace => {
                    input.pop();
                }
                KeyCode::Char(c)
                    if !key.modifiers.contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
                        && crate::domain::text::is_typable(c) =>
                {
                    input.push(c);
                }
                _ => {}
            }
            return;
        }
        if let Some(overlay) = &mut self.overlay {
            let scroll = match overlay {
                Overlay::Help { scroll } | Overlay::History { scroll, .. } => scroll,
            };
            match key.code {
                KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown => *scroll = scroll.saturating_add(10),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                _ => self.overlay = None,
            }
            return;
        }
        if let Some(action) = keymap::action_for(key, &self.scopes()) {
            self.update(action);
        }
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page as isize)),
            Action::PageDown => self.move_by(self.page as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_focus(true),
            Action::PrevPane => self.cycle_focus(false),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Filter => self.filter_input = Some(self.filter_text.clone()),
            Action::History => self.open_history(),
            Action::Undo => self.undo_last(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.mouse_changed = true;
                let state = if self.mouse {
                    "on: click selects, wheel scrolls, text selection needs Shift"
                } else {
                    "off: text selection works"
                };
                self.info(format!("mouse {state}"));
            }
            Action::Show(screen) => self.show(screen),
            Action::Dialog(kind) => self.open_dialog(kind),
        }
    }

    fn info(&mut self, text: String) {
        self.status = Some(Status { kind: StatusKind::Info, text });
    }

    fn show(&mut self, screen: Screen) {
        if screen == Screen::Packs
            && let Some(c) = self.selected.and_then(|i| self.desk().incident(i)).map(|i| i.customer)
            && self.screen == Screen::Queue
        {
            self.customer = Some(c);
            self.pack = None;
            self.keep_selection();
        }
        self.screen = screen;
        self.focus = match screen {
            Screen::Queue => Focus::Queue,
            Screen::Packs => Focus::Packs,
            Screen::Board => Focus::Board,
        };
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order: &[Focus] = match self.screen {
            Screen::Queue => &[Focus::Queue, Focus::Detail],
            Screen::Packs => &[Focus::Customers, Focus::Packs],
            Screen::Board => &[Focus::Board],
        };
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Queue => {
                let ids = self.queue_ids();
                self.selected = step(&ids, self.selected, delta);
                self.detail_scroll = 0;
            }
            Focus::Detail => self.detail_scroll = scroll(self.detail_scroll, delta),
            Focus::Board => self.board_scroll = scroll(self.board_scroll, delta),
            Focus::Customers => {
                let ids: Vec<CustomerId> = self.desk().customers.iter().map(|c| c.id).collect();
                self.customer = step(&ids, self.customer, delta);
                self.pack = None;
                self.keep_selection();
            }
            Focus::Packs => {
                let ids: Vec<PackId> = self
                    .customer
                    .map(|c| self.desk().packs_of(c).map(|p| p.id).collect())
                    .unwrap_or_default();
                self.pack = step(&ids, self.pack, delta);
            }
        }
    }

    fn open(&mut self) {
        match self.focus {
            Focus::Queue if self.selected.is_some() => self.focus = Focus::Detail,
            Focus::Customers => self.focus = Focus::Packs,
            _ => {}
        }
    }

    fn back(&mut self) {
        match self.focus {
            Focus::Detail => self.focus = Focus::Queue,
            Focus::Packs if self.screen == Screen::Packs => self.focus = Focus::Customers,
            _ if !self.filter.is_empty() => {
                self.filter = Filter::default();
                self.filter_text.clear();
                self.follow_whole();
                self.keep_selection();
                self.info("filter cleared".into());
            }
            _ if self.screen != Screen::Queue => self.show(Screen::Queue),
            _ => {}
        }
    }

    fn open_history(&mut self) {
        let subject = match self.screen {
            Screen::Packs => self.pack.map(Subject::Pack),
            _ => self.selected.map(Subject::Incident),
        };
        if let Some(subject) = subject {
            self.overlay = Some(Overlay::History { subject, scroll: 0 });
        }
    }

    fn target(&self) -> Target {
        let incident = if self.screen == Screen::Queue { self.selected } else { None };
        Target { incident, customer: self.customer, pack: self.pack }
    }

    fn open_dialog(&mut self, kind: DialogKind) {
        if self.store.is_read_only() {
            return self.error(format!(
                "read-only: {} can't be changed (make it writable, or work on a copy with --data)",
                self.store.location()
            ));
        }
        match dialog::open(kind, self.desk(), self.target(), self.now()) {
            Ok(d) => self.dialog = Some(d),
            Err(e) => self.error(e),
        }
    }

    fn error(&mut self, text: String) {
        self.status = Some(Status { kind: StatusKind::Error, text });
    }

    fn dialog_key(&mut self, key: KeyEvent) {
        let now = self.now();
        let Some(d) = &mut self.dialog else { return };
        match d.form.handle_key(key) {
            FormEvent::None => {}
            FormEvent::Cancel => self.dialog = None,
            FormEvent::Changed => dialog::refresh(d, self.store.desk(), now),
            FormEvent::Submit => {
                // A choice already shown as refused is refused at once, without asking first.
                let refused = d.form.fields.iter().any(|f| f.chosen().is_some_and(|c| c.refusal.is_some()));
                if d.form.confirm.is_none()
                    && !refused
                    && let Some(question) = dialog::confirmation(d)
                {
                    d.form.confirm = Some(question);
                    return;
                }
                d.form.confirm = None;
                let command = dialog::command(d, self.store.desk());
                match command.and_then(|c| self.apply(c)) {
                    Ok(()) => self.dialog = None,
                    Err(e) => {
                        if let Some(d) = &mut self.dialog {
                            d.form.error = Some(e);
                        }
                    }
                }
            }
        }
    }

    /// Sends one command through the store: saved at once, or the refusal or
    /// the save failure is returned for the dialog to show.
    pub fn apply(&mut self, command: Command) -> Result<(), String> {
        // Changes are stamped to the second, as the command line does.
        let (now, who) = (self.now().trunc_subsecs(0), self.engineer.clone());
        // apply_command brings an archived incident the command names (a
        // refund found due long after the closing) back to the live desk first.
        let result = self.store.apply(command, now, &who);
        // Before the selection is kept: it may be an archived incident.
        let unread = self.sync_whole();
        let result = match result {
            Ok(Ok((outcome, undo))) => {
                if let Some(&Subject::Incident(id)) = outcome.created.first() {
                    self.selected = Some(id);
                }
                self.undo.extend(undo);
                self.keep_selection();
                self.status =
                    Some(Status { kind: StatusKind::Saved, text: format!("saved · {}", outcome.message) });
                Ok(())
            }
            Ok(Err(refusal)) => Err(super::hint::refusal(&refusal)),
            Err(e) => {
                let text = format!("NOT SAVED: {e}");
                self.error(text.clone());
                Err(text)
            }
        };
        if let Some(e) = unread {
            self.error(e);
        }
        result
    }

    fn undo_last(&mut self) {
        let Some(undo) = self.undo.pop() else {
            return self.info("nothing to undo: you made no change in this session".into());
        };
        let description = undo.description.clone();
        if let Err(e) = self.apply(Command::Undo { undo: Box::new(undo.clone()) }) {
            self.undo.push(undo);
            self.error(format!("undo of '{description}' {e}"));
        }
    }

    /// Once a second: follow changes other processes made to the file.
    pub fn tick(&mut self) {
        match self.store.reload_if_changed() {
            Ok(true) => {
                let unread = self.sync_whole();
                self.keep_selection();
                self.info("reloaded: the data file was changed by another process".into());
                if let Some(e) = unread {
                    self.error(e);
                }
            }
            Ok(false) => {}
            Err(e) => self.error(format!("can't reload the data file: {e}")),
        }
    }
}

/// Moves within a list by `delta`, clamped at both ends.
fn step<T: Copy + PartialEq>(ids: &[T], current: Option<T>, delta: isize) -> Option<T> {
    if ids.is_empty() {
        return None;
    }
    let i = current.and_then(|c| ids.iter().position(|x| *x == c)).unwrap_or(0) as isize;
    let j = i.saturating_add(delta).clamp(0, ids.len() as isize - 1);
    ids.get(j as usize).copied()
}

fn scroll(v: u16, delta: isize) -> u16 {
    (v as isize).saturating_add(delta).clamp(0, u16::MAX as isize) as u16
}
