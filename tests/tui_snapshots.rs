//! Whole-screen snapshots of the TUI on the demo desk at a fixed instant,
//! with colour off and UTC as the viewer's zone, at 120x40 and 80x24 (and a
//! few odd sizes). The app is driven only through its keys; each snapshot's
//! description lists the keys pressed (`=text` is typed text).

mod tui_support;

use tui_support::{demo, press, render, type_text};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// Runs `steps` from the opening screen: key names, or `=text` to type.
fn app_after(steps: &[&str]) -> tui_support::Demo {
    let mut d = demo();
    for step in steps {
        match step.strip_prefix('=') {
            Some(text) => type_text(&mut d.app, text),
            None => press(&mut d.app, step),
        }
    }
    d
}

fn shots_at(name: &str, steps: &[&str], sizes: &[(u16, u16)]) {
    let d = app_after(steps);
    let description = if steps.is_empty() { "(no keys)".to_string() } else { steps.join(" ") };
    for &(w, h) in sizes {
        let terminal = render(&d.app, w, h);
        insta::with_settings!({ description => description.clone(), omit_expression => true }, {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        });
    }
}

fn shots(name: &str, steps: &[&str]) {
    shots_at(name, steps, &SIZES);
}

#[test]
fn queue_with_detail() {
    shots("queue", &[]);
}

#[test]
fn detail_focused() {
    shots("detail", &["Enter"]);
}

#[test]
fn detail_of_a_closed_incident_waiting_for_billing() {
    shots("detail_billing_pending", &["/", "=status:unresolved", "Enter", "Enter"]);
}

#[test]
fn detail_of_a_worked_incident_scrolled() {
    // I-14: contacts, an amendment, a proposal and splits.
    shots("detail_worked", &["/", "=I-14", "Enter", "Enter", "PgDn"]);
}

#[test]
fn saved_status_after_an_intake() {
    let intake = ["n", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "=Journal rule", "Tab", "=Erik", "Tab"];
    let mut steps = intake.to_vec();
    steps.extend(["=Journaling stops for moved mailboxes.", "Enter"]);
    shots("saved_after_intake", &steps);
}

#[test]
fn packs_of_another_customer() {
    shots("packs_fabrikam", &["2", "Esc", "j"]);
}

#[test]
fn packs_screen() {
    shots("packs", &["2"]);
}

#[test]
fn lead_board() {
    shots("board", &["3"]);
}

#[test]
fn help_popup() {
    shots("help", &["?"]);
}

#[test]
fn history_popup() {
    shots("history", &["h"]);
}

#[test]
fn pack_history_popup() {
    shots("pack_history", &["2", "h"]);
}

#[test]
fn dialog_new_incident() {
    shots("dialog_new_incident", &["n"]);
}

#[test]
fn dialog_new_incident_refused_category() {
    shots("dialog_new_incident_r10", &["n", "Tab", "Tab", "Tab", "=on-site"]);
}

#[test]
fn dialog_new_incident_northwind_24x7() {
    shots("dialog_new_incident_r6", &["n", "=northwind", "Tab", "Tab", "Tab", "Tab", "Tab", "Right"]);
}

#[test]
fn dialog_respond() {
    shots("dialog_respond", &["r"]);
}

#[test]
fn dialog_contact() {
    shots("dialog_contact", &["c"]);
}

#[test]
fn dialog_propose() {
    shots("dialog_propose", &["p"]);
}

#[test]
fn dialog_severity() {
    shots("dialog_severity", &["s"]);
}

#[test]
fn dialog_amend() {
    shots("dialog_amend", &["a"]);
}

#[test]
fn dialog_split() {
    shots("dialog_split", &["x"]);
}

#[test]
fn dialog_close() {
    shots("dialog_close", &["C"]);
}

#[test]
fn dialog_close_confirm() {
    shots("dialog_close_confirm", &["C", "Right", "C-s"]);
}

#[test]
fn dialog_close_refused() {
    shots("dialog_close_refused_r12", &["C", "Left", "C-s"]);
}

#[test]
fn dialog_bill() {
    shots("dialog_bill", &["/", "=status:unresolved", "Enter", "b"]);
}

#[test]
fn dialog_assign() {
    shots("dialog_assign", &["e"]);
}

#[test]
fn dialog_buy_pack() {
    shots("dialog_buy_pack", &["2", "B"]);
}

#[test]
fn dialog_transfer_pack() {
    shots("dialog_transfer_pack", &["2", "t"]);
}

#[test]
fn dialog_new_customer() {
    shots("dialog_new_customer", &["N"]);
}

#[test]
fn dialog_new_contact() {
    shots("dialog_new_contact", &["2", "K"]);
}

#[test]
fn dialog_tax_exemption() {
    shots("dialog_tax_exemption", &["2", "X"]);
}

#[test]
fn dialog_new_product() {
    shots("dialog_new_product", &["P"]);
}

#[test]
fn filter_typing() {
    shots("filter_typing", &["/", "=sev:A"]);
}

#[test]
fn filter_applied() {
    shots("filter_applied", &["/", "=sev:A", "Enter"]);
}

#[test]
fn filter_error() {
    shots("filter_error", &["/", "=sev:Z", "Enter"]);
}

#[test]
fn too_small() {
    shots_at("too_small", &[], &[(39, 11)]);
}

#[test]
fn narrow() {
    shots_at("narrow_queue", &[], &[(60, 20)]);
    shots_at("narrow_detail", &["Enter"], &[(60, 20)]);
    shots_at("narrow_packs", &["2"], &[(60, 20)]);
    shots_at("narrow_board", &["3"], &[(60, 20)]);
    shots_at("narrow_new_incident", &["n"], &[(60, 20)]);
    // The form is taller than the popup: the focused field scrolls into view.
    let to_problem = ["n", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab"];
    shots_at("narrow_new_incident_last_field", &to_problem, &[(60, 16)]);
}
