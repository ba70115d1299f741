//! The options of a choice field and how typed text narrows them: fuzzy
//! and accent-insensitive (nucleo-matcher: "malmo" finds "Malmö", "ctso"
//! finds "Contoso"), an option's own key first (`c` is severity C).

use super::form::{Field, FieldKind};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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
    /// A choice beyond the known ones (adding a new name): always listed,
    /// after every match, so that typing picks a known one when there is
    /// one; the dialog asks before it is sent.
    pub extra: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice { value: value.into(), label: label.into(), note: String::new(), refusal: None, extra: false }
    }

    /// An explicit extra choice (see [`Choice::extra`]).
    pub fn extra(mut self) -> Self {
        self.extra = true;
        self
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

/// The options that match `query`, as indices, best first: an option whose
/// own key is the query, then by how well label or value match, then in
/// their own order. An empty query keeps every option in order.
pub fn narrow(query: &str, options: &[Choice]) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return (0..options.len()).collect();
    }
    // Fuzzy atoms split at spaces, no search syntax: `'` or `!` in a name is text.
    let pattern = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut score = |s: &str| pattern.score(Utf32Str::new(s, &mut buf), &mut matcher);
    let mut ranked: Vec<(bool, bool, u32, usize)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            if c.extra {
                return Some((true, true, 0, i));
            }
            let own_key = c.value.eq_ignore_ascii_case(query);
            let best = score(&c.label).max(score(&c.value));
            (own_key || best.is_some()).then(|| (false, !own_key, u32::MAX - best.unwrap_or(0), i))
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, _, _, i)| i).collect()
}

impl Field {
    /// Options that match the typed text with their index, best first (see [`narrow`]).
    pub fn visible_options(&self) -> Vec<(usize, &Choice)> {
        let FieldKind::Choice { options, shown, .. } = &self.kind else {
            return Vec::new();
        };
        shown.iter().filter_map(|i| options.get(*i).map(|c| (*i, c))).collect()
    }

    /// How many options match the typed text, and how many there are.
    pub fn counts(&self) -> (usize, usize) {
        match &self.kind {
            FieldKind::Choice { options, shown, .. } => (shown.len(), options.len()),
            FieldKind::Text { .. } => (0, 0),
        }
    }

    /// The chosen option, if the typed text leaves any.
    pub fn chosen(&self) -> Option<&Choice> {
        let FieldKind::Choice { options, selected, shown } = &self.kind else {
            return None;
        };
        let index = if shown.contains(selected) { Some(*selected) } else { shown.first().copied() };
        index.and_then(|i| options.get(i))
    }

    /// New options; the chosen one stays chosen if it is still offered,
    /// else the best match of the typed text is.
    pub fn set_options(&mut self, new: Vec<Choice>) {
        let text = self.text.clone();
        if let FieldKind::Choice { options, selected, shown } = &mut self.kind {
            let keep = options.get(*selected).map(|c| c.value.clone());
            *shown = narrow(&text, &new);
            let kept = keep.and_then(|v| new.iter().position(|c| c.value == v));
            *selected = kept.or(shown.first().copied()).unwrap_or(0);
            *options = new;
        }
    }

    pub fn select_value(&mut self, value: &str) {
        if let FieldKind::Choice { options, selected, .. } = &mut self.kind
            && let Some(i) = options.iter().position(|c| c.value == value)
        {
            *selected = i;
        }
    }

    /// Matches the options against the typed text again (after it changed).
    pub(super) fn narrow(&mut self) {
        let text = self.text.clone();
        if let FieldKind::Choice { options, shown, .. } = &mut self.kind {
            *shown = narrow(&text, options);
        }
    }

    /// After the narrowing text changed: the best match is chosen (an
    /// extra choice only when nothing known matches).
    pub(super) fn choose_best(&mut self) {
        self.narrow();
        if let FieldKind::Choice { selected, shown, .. } = &mut self.kind
            && let Some(best) = shown.first()
        {
            *selected = *best;
        }
    }

    /// The next or previous of the matching options; `wrap` goes round at
    /// the ends, else `false` there (↑/↓ then leave the list).
    pub(super) fn step(&mut self, forward: bool, wrap: bool) -> bool {
        let FieldKind::Choice { selected, shown, .. } = &mut self.kind else { return false };
        if shown.is_empty() {
            return false;
        }
        let n = shown.len();
        let next = match (shown.iter().position(|i| i == selected), forward) {
            (None, _) => 0,
            (Some(p), true) if p + 1 < n => p + 1,
            (Some(p), false) if p > 0 => p - 1,
            (Some(_), true) if wrap => 0,
            (Some(_), false) if wrap => n - 1,
            (Some(_), _) => return false,
        };
        *selected = shown[next];
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(query: &str, names: &[&str]) -> Vec<String> {
        let options: Vec<Choice> = names.iter().map(|n| Choice::new(n.to_lowercase(), *n)).collect();
        narrow(query, &options).into_iter().map(|i| names[i].to_string()).collect()
    }

    #[test]
    fn narrows_fuzzily_and_without_accents() {
        let names = ["Malmö Energi", "Contoso Ltd", "Fabrikam Inc", "Café Müller"];
        assert_eq!(labels("malmo", &names), ["Malmö Energi"]);
        assert_eq!(labels("MULLER", &names), ["Café Müller"]);
        assert_eq!(labels("ctso", &names), ["Contoso Ltd"]);
        assert_eq!(labels("in", &names)[0], "Fabrikam Inc", "a whole word before scattered letters");
        assert_eq!(labels("", &names), names, "nothing typed: all, in order");
        assert!(labels("zzz", &names).is_empty());
        assert_eq!(labels("o'br", &["O'Brien Ltd", "Brown"]), ["O'Brien Ltd"], "' is text, not syntax");
    }

    #[test]
    fn an_options_own_key_comes_first() {
        let options: Vec<Choice> =
            ["A — critical", "B — high", "C — normal"].iter().map(|l| Choice::new(&l[..1], *l)).collect();
        assert_eq!(narrow("c", &options)[0], 2, "c is C, before the c of critical");
        assert_eq!(narrow("A", &options)[0], 0);
    }
}
