//! The form every dialog is made of: text fields and choice fields, moved
//! through with Tab and Enter. Choices narrow as you type.

/// What a key does in a form, as the key table maps it (the table says
/// which keys; the form only knows what they do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    NextField,
    PrevField,
    ChoicePrev,
    ChoiceNext,
    /// Next field; on the last field, submit.
    Enter,
    Submit,
    NewLine,
    Erase,
    ClearField,
    Cancel,
    /// Answers the confirmation: go ahead.
    Confirm,
    /// Answers the confirmation: back to the form.
    Decline,
}

/// What Esc on a form with typed text asks.
pub const DISCARD: &str = "Throw away what you typed?";

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text { multiline: bool },
    Choice { options: Vec<Choice>, selected: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    /// Typed text; for a choice, the text that narrows the options.
    pub text: String,
    pub hint: &'static str,
}

impl Field {
    pub fn text(label: &'static str, hint: &'static str) -> Self {
        Field { label, kind: FieldKind::Text { multiline: false }, text: String::new(), hint }
    }

    pub fn block(label: &'static str, hint: &'static str) -> Self {
        Field { label, kind: FieldKind::Text { multiline: true }, text: String::new(), hint }
    }

    pub fn choice(label: &'static str, options: Vec<Choice>) -> Self {
        Field { label, kind: FieldKind::Choice { options, selected: 0 }, text: String::new(), hint: "" }
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = text.into();
        self
    }

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

    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text { .. } => self.text.trim(),
            FieldKind::Choice { .. } => self.chosen().map_or("", |c| c.value.as_str()),
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
    fn choose_best(&mut self) {
        let best = self.visible_options().first().map(|(i, _)| *i);
        if let (FieldKind::Choice { selected, .. }, Some(best)) = (&mut self.kind, best) {
            *selected = best;
        }
    }

    fn step(&mut self, forward: bool) {
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

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing the dialog needs to know.
    None,
    /// A value changed: the dialog may refresh dependent fields and checks.
    Changed,
    Submit,
    Cancel,
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
            FormKey::ChoicePrev => return self.edit(|f| f.step(false)),
            FormKey::ChoiceNext => return self.edit(|f| f.step(true)),
            FormKey::Erase => {
                return self.edit(|f| {
                    f.text.pop();
                });
            }
            FormKey::ClearField => return self.edit(|f| f.text.clear()),
        }
        FormEvent::None
    }

    /// A typed character goes into the field with the focus.
    pub fn type_char(&mut self, c: char) -> FormEvent {
        self.edit(|f| f.text.push(c))
    }

    fn edit(&mut self, change: impl FnOnce(&mut Field)) -> FormEvent {
        if let Some(f) = self.fields.get_mut(self.focus) {
            let before = f.clone();
            change(f);
            if f.text != before.text {
                f.choose_best();
                self.typed |= matches!(f.kind, FieldKind::Text { .. });
            }
            if *f != before {
                self.error = None;
                return FormEvent::Changed;
            }
        }
        FormEvent::None
    }

    /// Typed text as a whole: what a paste delivers.
    pub fn paste(&mut self, text: &str) -> FormEvent {
        self.edit(|f| {
            // Whole escape sequences go, not only their ESC (`A\x1b]0;X\x07B` is `AB`).
            let multiline = matches!(f.kind, FieldKind::Text { multiline: true });
            f.text.push_str(&crate::domain::text::clean_paste(text, multiline));
        })
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
    if matches!(f.kind, FieldKind::Text { multiline: true }) {
        f.text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        let options = vec![
            Choice::new("C-1", "Contoso Ltd"),
            Choice::new("C-2", "Fabrikam Inc"),
            Choice::new("C-3", "Northwind"),
        ];
        Form::new("t", vec![Field::choice("Customer", options), Field::text("Title", "")])
    }

    #[test]
    fn typing_narrows_a_choice_and_arrows_move_within_it() {
        let mut f = form();
        assert_eq!(f.value("Customer"), "C-1");
        for c in "fab".chars() {
            f.type_char(c);
        }
        assert_eq!(f.value("Customer"), "C-2");
        f.act(FormKey::Erase);
        f.act(FormKey::Erase);
        f.act(FormKey::Erase);
        f.act(FormKey::ChoiceNext);
        f.act(FormKey::ChoiceNext);
        assert_eq!(f.value("Customer"), "C-3");
        f.act(FormKey::ChoiceNext);
        assert_eq!(f.value("Customer"), "C-1", "wraps around");
        for c in "zzz".chars() {
            f.type_char(c);
        }
        assert_eq!(f.value("Customer"), "", "nothing matches");
    }

    #[test]
    fn enter_moves_on_then_submits_and_esc_cancels() {
        let mut f = form();
        assert_eq!(f.act(FormKey::Enter), FormEvent::None);
        assert_eq!(f.focus, 1);
        f.type_char('x');
        assert_eq!(f.value("Title"), "x");
        assert_eq!(f.act(FormKey::Enter), FormEvent::Submit);
        assert_eq!(f.act(FormKey::Cancel), FormEvent::None, "typed text: Esc asks first");
        assert_eq!(f.confirm.as_deref(), Some(DISCARD));
        assert_eq!(f.act(FormKey::Decline), FormEvent::None, "any other key keeps the text");
        assert_eq!(f.value("Title"), "x");
        f.act(FormKey::Cancel);
        assert_eq!(f.act(FormKey::Confirm), FormEvent::Cancel, "y throws it away");
        assert_eq!(Form::new("t", vec![]).act(FormKey::Cancel), FormEvent::Cancel, "nothing typed: at once");
    }

    #[test]
    fn an_options_own_key_chooses_it_before_labels_that_contain_it() {
        let options =
            ["A — critical", "B — high", "C — normal"].iter().map(|l| Choice::new(&l[..1], *l)).collect();
        let mut f = Form::new("t", vec![Field::choice("Severity", options)]);
        f.type_char('c');
        assert_eq!(f.value("Severity"), "C", "c is C, not the A of 'critical'");
        f.act(FormKey::Erase);
        f.type_char('b');
        assert_eq!(f.value("Severity"), "B");
    }

    #[test]
    fn handles_read_the_field_they_were_given_for() {
        let mut f = Form::titled("t");
        let name = f.add(Field::text("Name", "").with_text("  Ada "));
        let when = f.add(Field::text("When", "").with_text("2026-02-30"));
        let count = f.add(Field::text("Count", "").with_text("x"));
        assert_eq!(f.text(name), "Ada");
        assert_eq!(f.date(when).unwrap_err(), "When: '2026-02-30' is not a date, write YYYY-MM-DD");
        assert!(f.parse::<u32>(count).unwrap_err().starts_with("Count: "));
        f.get_mut(when).text = String::new();
        assert_eq!(f.date(when), Ok(None), "empty is no date");
    }

    #[test]
    fn confirmation_needs_a_second_enter() {
        let mut f = form();
        f.confirm = Some("sure?".into());
        assert_eq!(f.act(FormKey::Decline), FormEvent::None);
        assert!(f.confirm.is_none());
        f.confirm = Some("sure?".into());
        assert_eq!(f.act(FormKey::Confirm), FormEvent::Submit);
    }
}
