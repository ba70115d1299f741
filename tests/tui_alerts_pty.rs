//! Issue 13 end to end: the real binary in a pseudo-terminal on the demo
//! desk, on the test clock: the bell byte reaches the terminal and the
//! banner is on screen when the clock passes a point (see `alerts_pty`).
#![cfg(unix)]

mod alerts_pty;

use alerts_pty::{ESC, Tui, demo_desk};

const BANNER: &str = "▲ I-25 B Fabrikam Inc: 15m before due at 09:20";

#[test]
fn the_bell_rings_and_the_banner_shows_when_the_clock_passes_a_point() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&demo_desk(dir.path()), &[]);
    tui.wait_for("the first frame with the alerts passed before", |t| t.screen().contains("alerts"));
    assert_eq!(tui.bells(), 0, "points passed long before watching are listed, not rung");
    // Acknowledge what was listed: the bell rings once when alerts come
    // while none waits.
    tui.send("!");
    tui.wait_for("the alert list", |t| t.screen().contains("Alerts ·"));
    tui.send("A");
    tui.send(ESC);
    tui.wait_for("no alert waiting", |t| !t.screen().contains("Alerts ·") && !t.screen().contains(" alert"));
    assert!(!tui.screen().contains(BANNER), "the point has not passed yet:\n{}", tui.screen());
    tui.wait_for("the bell", |t| t.bells() > 0);
    tui.wait_for("the banner", |t| t.screen().contains(BANNER));
    let screen = tui.screen();
    assert!(screen.lines().next().unwrap_or("").contains("▲ 1 alert"), "{screen}");
    assert_eq!(tui.bells(), 1, "once: one bell");
}

#[test]
fn bell_off_in_the_config_shows_the_banner_silently() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[alerts]\nbell = \"off\"\n").unwrap();
    let data = demo_desk(dir.path());
    let mut tui = Tui::spawn(&data, &["--config", config.to_str().unwrap()]);
    tui.wait_for("the first frame", |t| t.screen().contains("alerts"));
    tui.send("!");
    tui.wait_for("the alert list", |t| t.screen().contains("Alerts ·"));
    tui.send("A");
    tui.send(ESC);
    tui.wait_for("the banner", |t| t.screen().contains(BANNER));
    // A frame later, still no bell.
    tui.send("3");
    tui.wait_for("the board", |t| t.screen().contains("Next breaches"));
    assert_eq!(tui.bells(), 0);
}
