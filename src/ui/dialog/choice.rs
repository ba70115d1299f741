//! The options of a choice field and how typed text narrows them.

use super::form::{Field, FieldKind};

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the dialog turns into a command (an id, a keyword).
    pub value: String,
    pub label: String,
    /// Shown beside the label, e.g. `3 credits left`.
    pub note: String,
    /// Why choosing this would be refused, e.g. `R9: support ended 2026-07-14`.
    pub refusal: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice { value: value.into(), label: label.into(), note: String::new(), refusal: None }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    pub fn refused(mut self, why: Option<String>) -> Self {
        self.refusal = why;
        self
    }
}

impl Field {
    /// Options that match the typed text with their index, best first: an
    /// option whose own key is the text (`c` is severity C, not "critical"
    /// in A's label), then labels starting with it, then the rest in order.
    pub fn visible_options(&self) -> Vec<(usize, &Choice)> {
        let FieldKind::Choice { options, .. } = &self.kind else {
            return Vec::new();
        };
        let q = self.text.to_lowercase();
        let mut ranked: Vec<(u8, usize, &Choice)> =
            options.iter().enumerate().filter_map(|(i, c)| rank(&q, c).map(|r| (r, i, c))).collect();
        ranked.sort_by_key(|(r, i, _)| (*r, *i));
        ranked.into_iter().map(|(_, i, c)| (i, c)).collect()
    }

    /// The chosen option, if the typed text leaves any.
    pub fn chosen(&self) -> Option<&Choice> {
        let FieldKind::Choice { options, selected } = &self.kind else {
            return None;
        };
        let visible = self.visible_options();
        if visible.iter().any(|(i, _)| i == selected) {
            options.get(*selected)
        } else {
            visible.first().map(|(_, c)| *c)
        }
    }

    pub fn set_options(&mut self, new: Vec<Choice>) {
        if let FieldKind::Choice { options, selected } = &mut self.kind {
            let keep = options.get(*selected).map(|c| c.value.clone());
            *selected = keep.and_then(|v| new.iter().position(|c| c.value == v)).unwrap_or(0);
            *options = new;
        }
    }

    pub fn select_value(&mut self, value: &str) {
        if let FieldKind::Choice { options, selected } = &mut self.kind
            && let Some(i) = options.iter().position(|c| c.value == value)
        {
            *selected = i;
        }
    }

    /// After the narrowing text changed: the best match is chosen.
    pub(super) fn choose_best(&mut self) {
        let best = self.visible_options().first().map(|(i, _)| *i);
        if let (FieldKind::Choice { selected, .. }, Some(best)) = (&mut self.kind, best) {
            *selected = best;
        }
    }

    pub(super) fn step(&mut self, forward: bool) {
        let visible: Vec<usize> = self.visible_options().iter().map(|(i, _)| *i).collect();
        if let FieldKind::Choice { selected, .. } = &mut self.kind {
            if visible.is_empty() {
                return;
            }
            let pos = visible.iter().position(|i| i == selected);
            let next = match (pos, forward) {
                (None, _) => 0,
                (Some(p), true) => (p + 1) % visible.len(),
                (Some(p), false) => (p + visible.len() - 1) % visible.len(),
            };
            *selected = visible[next];
        }
    }
}

/// How well an option matches the lower-cased text `q` (lower is better):
/// its own key, a label starting with it, the text anywhere; `None`: no match.
fn rank(q: &str, c: &Choice) -> Option<u8> {
    let (label, value) = (c.label.to_lowercase(), c.value.to_lowercase());
    if q.is_empty() {
        Some(2)
    } else if value == q {
        Some(0)
    } else if label.starts_with(q) || value.starts_with(q) {
        Some(1)
    } else if label.contains(q) || value.contains(q) {
        Some(2)
    } else {
        None
    }
}
