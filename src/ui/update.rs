//! Actions change the view, or send one domain command through the session.

use super::app::{App, Status, StatusKind};
use super::dialog::{self, FormEvent, Target};
use super::keymap::{Action, DialogKind};
use super::modal::{FilterLine, Modal, Overlay};
use super::view_state::{AfterAction, Focus, Screen, scroll, step};
use crate::domain::queue::Filter;
use crate::domain::{Command, CustomerId, PackId, Subject};

/// The filter of what waits for a billing decision (R14).
const PENDING: &str = "billing:pending";

impl App {
    /// Carries out one action of the key table, in the scope it was found in.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Modal::Overlay(Overlay::Help { scroll: 0 }),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.view.page as isize)),
            Action::PageDown => self.move_by(self.view.page as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.view.cycle_focus(true),
            Action::PrevPane => self.view.cycle_focus(false),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Filter => {
                self.modal = Modal::Filter(FilterLine { text: self.view.filter_text.clone(), error: None })
            }
            Action::History => self.open_history(),
            Action::ProductHistory => {
                let product = self.view.selected.and_then(|i| self.desk().incident(i)).map(|i| i.product);
                self.show_history(product.map(Subject::Product));
            }
            Action::Undo => self.undo_last(),
            Action::ToggleMouse => {
                self.view.mouse = !self.view.mouse;
                self.mouse_changed = true;
                let state = if self.view.mouse {
                    "on: click selects, wheel scrolls, text selection needs Shift"
                } else {
                    "off: text selection works"
                };
                self.info(format!("mouse {state}"));
            }
            Action::Sort => {
                self.view.sort = self.view.sort.next();
                self.info(format!("queue sorted {}", self.view.sort.explained()));
            }
            Action::Copy => self.copy_selected(),
            Action::Show(screen) => self.show(screen),
            Action::Dialog(kind) => self.open_dialog(kind),
            Action::FilterApply => self.apply_filter(),
            Action::FilterCancel => self.modal = Modal::None,
            Action::FilterErase => {
                if let Modal::Filter(line) = &mut self.modal {
                    line.text.pop();
                }
            }
            Action::ScrollUp => self.scroll_overlay(-1),
            Action::ScrollDown => self.scroll_overlay(1),
            Action::ScrollPageUp => self.scroll_overlay(-10),
            Action::ScrollPageDown => self.scroll_overlay(10),
            Action::CloseOverlay => self.modal = Modal::None,
            Action::Messages => self.modal = Modal::Overlay(Overlay::Messages { scroll: 0 }),
            Action::Alerts => self.modal = Modal::Overlay(Overlay::Alerts { scroll: 0 }),
            Action::Acknowledge => {
                let cursor = self.view.alerts.cursor;
                self.view.alerts.acknowledge(cursor);
                self.view.alerts.move_cursor(1);
            }
            Action::AcknowledgeAll => self.view.alerts.acknowledge_all(),
            Action::OpenAlert => {
                if let Some(l) = self.view.alerts.items.get(self.view.alerts.cursor) {
                    let id = l.alert.incident;
                    self.modal = Modal::None;
                    self.open_incident(id);
                }
            }
            Action::Form(key) => {
                let event = match &mut self.modal {
                    Modal::Dialog(d) => d.form.act(key),
                    _ => FormEvent::None,
                };
                self.form_event(event);
            }
            // Typing needs the character: see `App::type_char`.
            Action::Type => {}
        }
    }

    /// A typed character, for the filter line or the dialog's field.
    pub fn type_char(&mut self, c: char) {
        let event = match &mut self.modal {
            Modal::Filter(line) => {
                line.text.push(c);
                FormEvent::None
            }
            Modal::Dialog(d) => d.form.type_char(c),
            _ => FormEvent::None,
        };
        self.form_event(event);
    }

    /// Pasted text, for the filter line or the dialog's field.
    pub fn paste(&mut self, text: &str) {
        let event = match &mut self.modal {
            Modal::Filter(line) => {
                line.text.push_str(&crate::domain::text::clean_line(text));
                FormEvent::None
            }
            Modal::Dialog(d) => d.form.paste(text),
            _ => FormEvent::None,
        };
        self.form_event(event);
    }

    fn scroll_overlay(&mut self, delta: isize) {
        if let Modal::Overlay(Overlay::Alerts { .. }) = self.modal {
            return self.view.alerts.move_cursor(delta);
        }
        if let Modal::Overlay(o) = &mut self.modal {
            let s = o.scroll_mut();
            *s = scroll(*s, delta).min(self.view.popup_scroll_max.get());
        }
    }

    fn apply_filter(&mut self) {
        let Modal::Filter(line) = &mut self.modal else { return };
        let text = line.text.clone();
        match Filter::parse(&text) {
            Ok(f) => {
                self.view.filter = f;
                self.view.filter_text = text;
                self.modal = Modal::None;
                self.view.selected = None;
                if self.defer_archive_reads && self.shows_closed() && self.archived() > 0 {
                    self.desk_view.wait_for_archive();
                    self.info(format!("reading {} archived incidents…", self.archived()));
                } else {
                    self.follow_whole();
                }
                self.keep_selection();
            }
            Err(e) => line.error = Some(e),
        }
    }

    pub(super) fn show(&mut self, screen: Screen) {
        if screen == Screen::Packs
            && let Some(c) = self.view.selected.and_then(|i| self.desk().incident(i)).map(|i| i.customer)
            && self.view.screen == Screen::Queue
        {
            self.view.customer = Some(c);
            self.view.pack = None;
            self.keep_selection();
        }
        self.view.screen = screen;
        self.view.focus = match screen {
            Screen::Queue => Focus::Queue,
            Screen::Packs => Focus::Packs,
            Screen::Board => Focus::Board,
        };
    }

    fn move_by(&mut self, delta: isize) {
        match self.view.focus {
            Focus::Queue => {
                let ids = self.queue_ids();
                self.view.selected = step(&ids, self.view.selected, delta);
                self.view.detail_scroll = 0;
            }
            Focus::Detail => self.view.detail_scroll = scroll(self.view.detail_scroll, delta),
            Focus::Board => {
                let ids: Vec<_> = self.board_rows().iter().map(|e| e.id).collect();
                self.view.board_selected = step(&ids, self.board_selection(), delta);
            }
            Focus::Billing => {
                let ids = self.billing_rows();
                self.view.billing_selected = step(&ids, self.billing_selection(), delta);
            }
            Focus::Customers => {
                let ids: Vec<CustomerId> = self.desk().customers.iter().map(|c| c.id).collect();
                self.view.customer = step(&ids, self.view.customer, delta);
                self.view.pack = None;
                self.keep_selection();
            }
            Focus::Packs => {
                let ids: Vec<PackId> = self
                    .view
                    .customer
                    .map(|c| self.desk().packs_of(c).map(|p| p.id).collect())
                    .unwrap_or_default();
                self.view.pack = step(&ids, self.view.pack, delta);
            }
        }
    }

    fn open(&mut self) {
        match self.view.focus {
            Focus::Queue if self.view.selected.is_some() => self.view.focus = Focus::Detail,
            Focus::Customers => self.view.focus = Focus::Packs,
            Focus::Board => {
                if let Some(id) = self.board_selection() {
                    self.open_incident(id);
                }
            }
            Focus::Billing => {
                if let Some(id) = self.billing_selection() {
                    self.open_billing(id);
                }
            }
            _ => {}
        }
    }

    /// Shows `id` in the queue with its detail; a filter that hides it is cleared.
    fn open_incident(&mut self, id: crate::domain::IncidentId) {
        self.show(Screen::Queue);
        if !self.queue_ids().contains(&id) {
            self.view.filter = Filter::default();
            self.view.filter_text.clear();
            self.follow_whole();
            self.info(format!("filter cleared to show {id}"));
        }
        self.view.selected = Some(id);
        self.view.detail_scroll = 0;
        self.view.focus = Focus::Detail;
    }

    /// Shows `id`, closed and waiting for a billing decision, in the queue
    /// under a `billing:pending` filter (a filter that hides it is replaced).
    fn open_billing(&mut self, id: crate::domain::IncidentId) {
        self.show(Screen::Queue);
        if !self.queue_ids().contains(&id)
            && let Ok(filter) = Filter::parse(PENDING)
        {
            self.view.filter = filter;
            self.view.filter_text = PENDING.to_string();
            self.follow_whole();
            self.info(format!("filter {PENDING} to show {id}: b records the billing decision"));
        }
        self.view.selected = Some(id);
        self.view.detail_scroll = 0;
        self.view.focus = Focus::Detail;
    }

    fn back(&mut self) {
        match self.view.focus {
            Focus::Detail => self.view.focus = Focus::Queue,
            Focus::Packs if self.view.screen == Screen::Packs => self.view.focus = Focus::Customers,
            _ if !self.view.filter.is_empty() => {
                self.view.filter = Filter::default();
                self.view.filter_text.clear();
                self.follow_whole();
                self.keep_selection();
                self.info("filter cleared".into());
            }
            _ if self.view.screen != Screen::Queue => self.show(Screen::Queue),
            _ => {}
        }
    }

    fn open_history(&mut self) {
        let subject = match (self.view.screen, self.view.focus) {
            (Screen::Packs, Focus::Customers) => self.view.customer.map(Subject::Customer),
            (Screen::Packs, _) => self.view.pack.map(Subject::Pack),
            _ => self.view.selected.map(Subject::Incident),
        };
        self.show_history(subject);
    }

    fn show_history(&mut self, subject: Option<Subject>) {
        if let Some(subject) = subject {
            self.modal = Modal::Overlay(Overlay::History { subject, scroll: 0 });
        }
    }

    fn target(&self) -> Target {
        let incident = if self.view.screen == Screen::Queue { self.view.selected } else { None };
        // On the queue, the selected incident's customer, not the one last viewed on screen 2.
        let customer =
            incident.and_then(|i| self.desk().incident(i)).map(|i| i.customer).or(self.view.customer);
        Target { incident, customer, pack: self.view.pack }
    }

    fn open_dialog(&mut self, kind: DialogKind) {
        if self.store().is_read_only() {
            return self.error(format!(
                "read-only: {} can't be changed (make it writable, or work on a copy with --data)",
                self.store().location()
            ));
        }
        match dialog::open(kind, self.desk(), self.target(), self.now()) {
            Ok(mut d) => {
                if let (DialogKind::NewCustomer, Some(zone)) = (kind, &self.view.new_customer_zone)
                    && let Some(field) = d.form.field_mut("Time zone")
                {
                    *field = field.clone().with_text(zone.name());
                }
                self.modal = Modal::Dialog(Box::new(d))
            }
            Err(e) => self.error(e),
        }
    }

    /// What a form's key or typing did: refresh its checks, ask to
    /// confirm, or send its command.
    pub(super) fn form_event(&mut self, event: FormEvent) {
        let now = self.now();
        let Modal::Dialog(d) = &mut self.modal else { return };
        match event {
            FormEvent::None => {}
            FormEvent::Cancel => self.modal = Modal::None,
            FormEvent::Changed => dialog::refresh(d, self.session.store.desk(), now),
            FormEvent::External => {
                self.external_edit = d.form.fields.get(d.form.focus).map(|f| f.text.clone());
            }
            FormEvent::Submit => {
                if let Err(e) = d.form.check_shapes() {
                    d.form.error = Some(e);
                    return;
                }
                // A choice already shown as refused is refused at once, without asking first.
                let refused = d.form.refused.is_some()
                    || d.form.fields.iter().any(|f| f.chosen().is_some_and(|c| c.refusal.is_some()));
                if d.form.confirm.is_none()
                    && !refused
                    && let Some(question) = dialog::confirmation(d)
                {
                    d.form.confirm = Some(question);
                    return;
                }
                d.form.confirm = None;
                let command = dialog::command(d);
                match command.and_then(|c| self.apply(c)) {
                    Ok(()) => self.modal = Modal::None,
                    Err(e) => {
                        if let Modal::Dialog(d) = &mut self.modal {
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
        if let Some(why) = self.session.unsigned() {
            return Err(why);
        }
        // The store brings an archived incident the command names (a refund
        // found due long after the closing) back to the live desk first.
        let row = self.view.selected.and_then(|s| self.queue_ids().iter().position(|i| *i == s));
        let result = self.session.apply(command);
        // Before the selection is kept: it may be an archived incident.
        let unread = self.sync_whole();
        let result = match result {
            Ok(Ok((outcome, _undo))) => {
                if let Some(&Subject::Incident(id)) = outcome.created.first() {
                    self.view.selected = Some(id);
                } else if let (Some(row), AfterAction::Stay) = (row, self.view.after_action) {
                    let ids = self.queue_ids();
                    self.view.selected = ids.get(row.min(ids.len().saturating_sub(1))).copied();
                }
                self.keep_selection();
                self.set_status(Status {
                    kind: StatusKind::Saved,
                    text: format!("saved · {}", outcome.message),
                });
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

    /// Undoes the last change this engineer made on the desk, here or in
    /// any other incidesk (the store keeps it, so also after a restart);
    /// once that is undone, the older changes of this session one by one.
    fn undo_last(&mut self) {
        let kept = self.session.store.last_undo(&self.session.engineer).ok().flatten();
        let (undo, from_session) = match kept {
            Some(u) => {
                if self.session.undo.last() == Some(&u) {
                    self.session.undo.pop();
                }
                (u, false)
            }
            None => match self.session.undo.pop() {
                Some(u) => (u, true),
                None => return self.info("nothing to undo: your last change is undone already".into()),
            },
        };
        let description = undo.description.clone();
        if let Err(e) = self.apply(Command::Undo { undo: Box::new(undo.clone()) }) {
            // The store still keeps its own; one of this session's goes back on the list.
            if from_session {
                self.session.undo.push(undo);
            }
            self.error(format!("undo of '{description}' {e}"));
        }
    }

    /// Once a second (a database: see `Store::follow_every`): follow
    /// changes other processes made to the desk.
    pub fn tick(&mut self) {
        let place = self.store().kind();
        match self.session.store.reload_if_changed() {
            Ok(changed) => {
                if self.connection_lost.take().is_some() {
                    self.info(format!("connected again to the {place}; changes made meanwhile are shown"));
                }
                if changed {
                    let unread = self.sync_whole();
                    self.keep_selection();
                    self.info(format!("reloaded: the {place} was changed by another process"));
                    if let Some(e) = unread {
                        self.error(e);
                    }
                }
            }
            Err(e @ crate::store::StoreError::Unreachable { .. }) => {
                let text = format!("connection lost: {e}");
                self.connection_lost = Some(text.clone());
                self.error(text);
            }
            Err(e) => self.error(format!("can't reload the {place}: {e}")),
        }
        self.tick_alerts();
    }
}
