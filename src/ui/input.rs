//! Terminal events to actions: keys through the key table in the scopes in
//! force, paste into what is being typed, the mouse through the layout's areas.

use super::app::App;
use super::keymap::{self, Action};
use super::layout;
use super::{packs, queue};
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

impl App {
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.paste(&text),
            Event::Mouse(m) if self.view.mouse && matches!(self.modal, super::modal::Modal::None) => {
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

    /// Every key goes through the key table: what it does depends only on
    /// the scopes in force (see [`App::scopes`]).
    pub fn handle_key(&mut self, key: KeyEvent) {
        match keymap::action_for(key, &self.scopes()) {
            Some(Action::Type) => {
                if let Some(c) = keymap::typed(key) {
                    self.type_char(c);
                }
            }
            Some(action) => self.update(action),
            None => {}
        }
    }

    /// The terminal is now `width` x `height`.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.view.resize(width, height);
    }

    /// A left click: selects the queue row, customer or pack header drawn
    /// there (as [`layout::layout`] places them), and gives its pane the keyboard.
    fn click(&mut self, x: u16, y: u16) {
        let Some(areas) = layout::layout(self.view.area, &self.view) else { return };
        if let Some(id) = queue::row_at(&self.view, &self.queue_rows(), &areas, x, y) {
            self.view.selected = Some(id);
            self.view.detail_scroll = 0;
            self.view.focus = super::view_state::Focus::Queue;
        } else if let Some(id) = packs::customer_at(&self.pane_view(), &areas, x, y) {
            self.view.customer = Some(id);
            self.view.pack = None;
            self.keep_selection();
            self.view.focus = super::view_state::Focus::Customers;
        } else if let Some(id) = packs::pack_at(&self.pane_view(), &areas, x, y) {
            self.view.pack = Some(id);
            self.view.focus = super::view_state::Focus::Packs;
        }
    }
}
