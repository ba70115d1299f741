//! What sits on top of the desk and takes the keyboard first: a dialog, a
//! read-only overlay, or the filter line. At most one at a time.

use super::dialog::Dialog;
use crate::domain::Subject;

/// Popups that only read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    History {
        subject: Subject,
        scroll: u16,
    },
    /// The viewer's alerts, to acknowledge (the cursor is in the view state).
    Alerts {
        scroll: u16,
    },
    /// The session's messages with their times.
    Messages {
        scroll: u16,
    },
}

impl Overlay {
    pub fn scroll_mut(&mut self) -> &mut u16 {
        match self {
            Overlay::Help { scroll }
            | Overlay::History { scroll, .. }
            | Overlay::Alerts { scroll }
            | Overlay::Messages { scroll } => scroll,
        }
    }
}

/// The filter line being typed, and what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterLine {
    pub text: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Modal {
    #[default]
    None,
    Filter(FilterLine),
    Overlay(Overlay),
    // Boxed: a form is much larger than the other popups.
    Dialog(Box<Dialog>),
}

impl Modal {
    pub fn dialog(&self) -> Option<&Dialog> {
        match self {
            Modal::Dialog(d) => Some(d),
            _ => None,
        }
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        match self {
            Modal::Overlay(o) => Some(o),
            _ => None,
        }
    }

    pub fn filter_line(&self) -> Option<&FilterLine> {
        match self {
            Modal::Filter(f) => Some(f),
            _ => None,
        }
    }
}
