//! What every pane draws from: the desk as shown, now, the viewer's state
//! and the styles. A pane takes this (and what it alone shows), never the
//! app, so that drawing can't reach the store or change anything.

use super::theme::Theme;
use super::view_state::ViewState;
use crate::domain::{Desk, Instant};

#[derive(Clone, Copy)]
pub struct PaneView<'a> {
    pub desk: &'a Desk,
    pub now: Instant,
    pub view: &'a ViewState,
    pub theme: &'a Theme,
}
