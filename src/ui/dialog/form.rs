//! The form every dialog is made of: text fields and choice fields, moved
//! through with Tab and Enter. Text is edited at a cursor (see [`editing`]);
//! choices narrow as you type.

use super::accept::Accept;
pub use super::choice::Choice;
use super::editing::{self, Edit};

/// What a key does in a form, as the key table maps it (the table says
/// which keys; the form only knows what they do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    NextField,
    PrevField,
    /// In a list, the previous option; in text, the cursor one grapheme left.
    Left,
    /// In a list, the next option; in text, the cursor one grapheme right.
    Right,
    /// In a multi-line field, the line above; else the previous field.
    Up,
    /// In a multi-line field, the line below; else the next field.
    Down,
    /// Next field; on the last field, submit.
    Enter,
    Submit,
    NewLine,
    /// An editing step on the focused field's text.
    Edit(Edit),
    /// Write the focused multi-line field in `$VISUAL`/`$EDITOR`.
    External,
    Cancel,
    /// Answers the confirmation: go ahead.
    Confirm,
    /// Answers the confirmation: back to the form.
    Decline,
}

/// Up to this many options show as `◀ option ▶`; more open as a list.
pub const FEW: usize = 4;

/// What Esc on a form with typed text asks.
pub const DISCARD: &str = "Throw away what you typed?";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        multiline: bool,
    },
    /// `shown`: the options the typed text leaves, best first (indices
    /// into `options`, worked out when the text or the options change).
    Choice {
        options: Vec<Choice>,
        selected: usize,
        shown: Vec<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    /// Typed text; for a choice, the text that narrows the options.
    pub text: String,
    /// Where typing goes: the codepoints of `text` before the cursor.
    pub cursor: usize,
    pub hint: &'static str,
    /// The shape of the value (text fields), checked as typed and on submit.
    pub accept: Accept,
}

impl Field {
    pub fn text(label: &'static str, hint: &'static str) -> Self {
        Field {
            label,
            kind: FieldKind::Text { multiline: false },
            text: String::new(),
            cursor: 0,
            hint,
            accept: Accept::Any,
        }
    }

    pub fn block(label: &'static str, hint: &'static str) -> Self {
        Field {
            label,
            kind: FieldKind::Text { multiline: true },
            text: String::new(),
            cursor: 0,
            hint,
            accept: Accept::Any,
        }
    }

    pub fn choice(label: &'static str, options: Vec<Choice>) -> Self {
        Field {
            label,
            kind: FieldKind::Choice { shown: (0..options.len()).collect(), options, selected: 0 },
            text: String::new(),
            cursor: 0,
            hint: "",
            accept: Accept::Any,
        }
    }

    /// A field whose value has a shape: its hint says what it accepts.
    pub fn accepting(mut self, accept: Accept) -> Self {
        self.accept = accept;
        self.hint = accept.describe();
        self
    }

    /// The field prefilled with `text`, the cursor at its end.
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = text.into();
        self.cursor = self.text.chars().count();
        self
    }

    /// Replaces the text (e.g. by what an editor wrote), the cursor at its end.
    pub fn set_text(&mut self, text: String) {
        self.cursor = text.chars().count();
        self.text = text;
        self.narrow();
    }

    /// A choice with more than [`FEW`] options shows them as a list.
    pub fn is_list(&self) -> bool {
        matches!(&self.kind, FieldKind::Choice { options, .. } if options.len() > FEW)
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, FieldKind::Text { multiline: true })
    }

    /// The text before and after the cursor.
    pub fn split_at_cursor(&self) -> (&str, &str) {
        editing::split_at_cursor(&self.text, self.cursor.min(self.text.chars().count()))
    }

    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text { .. } => self.text.trim(),
            FieldKind::Choice { .. } => self.chosen().map_or("", |c| c.value.as_str()),
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing the dialog needs to know.
    None,
    /// A value changed: the dialog may refresh dependent fields and checks.
    Changed,
    Submit,
    Cancel,
    /// The focused field is to be written in `$VISUAL`/`$EDITOR`.
    External,
}

/// A typed handle on one field of a form, given when the field is added: a
/// dialog reads its fields through these, so a misnamed field can't
/// silently read as empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRef(usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Facts shown above the fields, e.g. the incident concerned.
    pub info: Vec<String>,
    /// A refusal or mistake, shown in the dialog until the next change.
    pub error: Option<String>,
    /// Set when an irreversible step waits for a second Enter.
    pub confirm: Option<String>,
    /// The question in `confirm` is whether to throw away what was typed
    /// (Esc on a form with typed text), not whether to submit.
    pub discarding: bool,
    /// A refusal the dialog's checks foresee for the values as they are: a
    /// submit then goes straight to the refusal, never to a confirmation.
    pub refused: Option<String>,
    /// Text was typed into a field (Esc asks before throwing it away).
    pub typed: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Self {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            info: Vec::new(),
            error: None,
            confirm: None,
            discarding: false,
            refused: None,
            typed: false,
        }
    }

    /// A form with no fields yet (see [`Form::add`]).
    pub fn titled(title: impl Into<String>) -> Self {
        Form::new(title, Vec::new())
    }

    /// Adds a field at the end, and gives its handle.
    pub fn add(&mut self, field: Field) -> FieldRef {
        self.fields.push(field);
        FieldRef(self.fields.len() - 1)
    }

    pub fn get(&self, field: FieldRef) -> &Field {
        &self.fields[field.0]
    }

    pub fn get_mut(&mut self, field: FieldRef) -> &mut Field {
        &mut self.fields[field.0]
    }

    /// The field's value: trimmed text, or the chosen option's value.
    pub fn text(&self, field: FieldRef) -> &str {
        self.get(field).value()
    }

    /// The field's value parsed, or a message naming the field.
    pub fn parse<T: std::str::FromStr>(&self, field: FieldRef) -> Result<T, String>
    where
        T::Err: std::fmt::Display,
    {
        let f = self.get(field);
        f.value().parse().map_err(|e| format!("{}: {e}", f.label))
    }

    /// A `YYYY-MM-DD` field (`None` when empty), or a message naming the field.
    pub fn date(&self, field: FieldRef) -> Result<Option<chrono::NaiveDate>, String> {
        let f = self.get(field);
        date_of(f.label, f.value())
    }

    /// The field with this label, for tests and tools that look at a form
    /// from outside (dialogs use their [`FieldRef`]s).
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    /// The value of a field by label; empty if there is no such field.
    pub fn value(&self, label: &str) -> &str {
        self.field(label).map_or("", Field::value)
    }

    /// Does what `key` stands for.
    pub fn act(&mut self, key: FormKey) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        let focused = self.fields.get(self.focus);
        let in_choice = focused.is_some_and(|f| matches!(f.kind, FieldKind::Choice { .. }));
        let multiline = focused.is_some_and(Field::is_multiline);
        let list = focused.is_some_and(Field::is_list);
        match key {
            FormKey::Confirm if self.discarding => return FormEvent::Cancel,
            FormKey::Confirm => return FormEvent::Submit,
            FormKey::Decline => (self.confirm, self.discarding) = (None, false),
            FormKey::Cancel if self.typed => {
                self.confirm = Some(DISCARD.to_string());
                self.discarding = true;
            }
            FormKey::Cancel => return FormEvent::Cancel,
            FormKey::Submit => return FormEvent::Submit,
            FormKey::NextField => self.focus = (self.focus + 1).min(last),
            FormKey::PrevField => self.focus = self.focus.saturating_sub(1),
            FormKey::NewLine => return self.edit(push_newline),
            FormKey::Enter if self.focus >= last => return FormEvent::Submit,
            FormKey::Enter => self.focus += 1,
            FormKey::Left if in_choice => {
                return self.edit(|f| {
                    f.step(false, true);
                });
            }
            FormKey::Right if in_choice => {
                return self.edit(|f| {
                    f.step(true, true);
                });
            }
            // ↑/↓ move in an open list, and leave it past its ends.
            FormKey::Up | FormKey::Down if list => {
                let down = key == FormKey::Down;
                let event = self.edit(|f| {
                    f.step(down, false);
                });
                if event == FormEvent::None {
                    return self.act(if down { FormKey::NextField } else { FormKey::PrevField });
                }
                return event;
            }
            FormKey::Left => return self.act(FormKey::Edit(Edit::Left)),
            FormKey::Right => return self.act(FormKey::Edit(Edit::Right)),
            // ↑/↓ leave a multi-line field from its first or last line.
            FormKey::Up if !(multiline && self.edit_text(Edit::LineUp)) => {
                return self.act(FormKey::PrevField);
            }
            FormKey::Down if !(multiline && self.edit_text(Edit::LineDown)) => {
                return self.act(FormKey::NextField);
            }
            FormKey::Up | FormKey::Down => {}
            FormKey::Edit(step) => {
                return self.edit(|f| {
                    editing::apply(&mut f.text, &mut f.cursor, step);
                });
            }
            FormKey::External if multiline => return FormEvent::External,
            FormKey::External => {
                self.error = Some(format!(
                    "{} opens the editor in the long fields (problem, notes, proposals)",
                    crate::ui::keymap::label_of(crate::ui::keymap::Action::Form(FormKey::External))
                ));
            }
        }
        FormEvent::None
    }

    /// A move within the focused field's text; `false` when it couldn't move.
    fn edit_text(&mut self, step: Edit) -> bool {
        self.fields.get_mut(self.focus).is_some_and(|f| editing::apply(&mut f.text, &mut f.cursor, step))
    }

    /// A typed character goes into the field with the focus, at its
    /// cursor; one the field can't take is refused, saying what it takes.
    pub fn type_char(&mut self, c: char) -> FormEvent {
        if let Some(f) = self.fields.get(self.focus)
            && !f.accept.allows(c)
        {
            self.error = Some(format!("{}: '{c}' can't be in it; it takes {}", f.label, f.accept.describe()));
            return FormEvent::None;
        }
        self.edit(|f| editing::insert(&mut f.text, &mut f.cursor, c.encode_utf8(&mut [0; 4])))
    }

    /// The first field whose value has the wrong shape, as a refusal naming it.
    pub fn check_shapes(&self) -> Result<(), String> {
        for f in &self.fields {
            let value = f.value();
            if !value.is_empty() {
                f.accept.check(value).map_err(|e| format!("{}: {e}", f.label))?;
            }
        }
        Ok(())
    }

    /// A change to the focused field: `Changed` when its value changed (a
    /// cursor that only moved is no change).
    fn edit(&mut self, change: impl FnOnce(&mut Field)) -> FormEvent {
        if let Some(f) = self.fields.get_mut(self.focus) {
            let before = f.clone();
            change(f);
            if f.text != before.text {
                f.choose_best();
                self.typed |= matches!(f.kind, FieldKind::Text { .. });
            }
            if f.text != before.text || f.kind != before.kind {
                self.error = None;
                return FormEvent::Changed;
            }
        }
        FormEvent::None
    }

    /// Typed text as a whole: what a paste delivers, at the cursor.
    pub fn paste(&mut self, text: &str) -> FormEvent {
        self.edit(|f| {
            // Whole escape sequences go, not only their ESC (`A\x1b]0;X\x07B` is `AB`).
            let clean = crate::domain::text::clean_paste(text, f.is_multiline());
            // A pasted account keeps what an account can hold (no stray spaces).
            let kept: String = clean.chars().filter(|c| f.accept.allows(*c)).collect();
            editing::insert(&mut f.text, &mut f.cursor, &kept);
        })
    }

    /// What an editor wrote for the focused field replaces its text.
    pub fn take_external(&mut self, text: &str) -> FormEvent {
        self.edit(|f| {
            let clean = crate::domain::text::clean_paste(text, f.is_multiline());
            // Editors end the file with a line break; the field doesn't.
            f.set_text(clean.trim_end_matches('\n').to_string());
        })
    }
}

/// Parses a `YYYY-MM-DD` value (`None` when empty), naming `label` when wrong.
pub fn date_of(label: &str, value: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("{label}: '{value}' is not a date, write YYYY-MM-DD"))
}

fn push_newline(f: &mut Field) {
    if f.is_multiline() {
        editing::insert(&mut f.text, &mut f.cursor, "\n");
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
