//! The form's own tests: moving, narrowing, confirming.

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
    f.act(FormKey::Edit(Edit::DeleteBack));
    f.act(FormKey::Edit(Edit::DeleteBack));
    f.act(FormKey::Edit(Edit::DeleteBack));
    f.act(FormKey::Right);
    f.act(FormKey::Right);
    assert_eq!(f.value("Customer"), "C-3");
    f.act(FormKey::Right);
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
    f.act(FormKey::Edit(Edit::DeleteBack));
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
    f.get_mut(when).set_text(String::new());
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
