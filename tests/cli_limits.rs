//! Ordinary input at the desk's limits (a date far out, a clock far off, the
//! last id) is refused like any other mistake: exit 1, one clear line naming
//! the allowed range, never "a bug in incidesk", and the file left alone.

mod common_cli;

use common_cli::*;

/// Runs `line` at `now`: it must be refused plainly and leave the file as it was.
fn refused_plainly(desk: &TestDesk, now: &str, line: &str) -> String {
    let before = desk.bytes();
    let (status, out, err) = desk.run_at(now, line);
    assert_eq!(status.code(), Some(1), "incidesk {line}: exit 1 expected ({status}):\n{out}{err}");
    assert!(desk.bytes() == before, "incidesk {line} changed the data file");
    assert_eq!(err.lines().count(), 1, "one line on stderr expected, got:\n{err}");
    assert!(err.starts_with("incidesk: refused: "), "a refusal, not an error: {err}");
    assert!(!err.contains("bug"), "ordinary input is no bug: {err}");
    err
}

#[test]
fn a_holiday_out_of_range_is_refused_naming_the_range() {
    let desk = TestDesk::seeded();
    let line = "customer add --name X --tz UTC --hours 'mon-fri 08:00-17:00' --holiday=-0001-01-01";
    let err = refused_plainly(&desk, NOW, line);
    assert!(err.contains("-0001-01-01") && err.contains("the years 1 to 9900"), "{err}");
}

#[test]
fn r20_an_exemption_date_out_of_range_is_refused() {
    let desk = TestDesk::seeded();
    let line = "customer tax-exempt --customer contoso --reference TX-1 --received 0000-01-01";
    let err = refused_plainly(&desk, NOW, line);
    assert!(err.contains("0000-01-01") && err.contains("the years 1 to 9900"), "{err}");
}

#[test]
fn r9_a_product_support_end_out_of_range_is_refused() {
    let desk = TestDesk::seeded();
    let line = "product add --name Far --mainstream-end 2028-01-01 --extended-end 9999-12-31";
    let err = refused_plainly(&desk, NOW, line);
    assert!(err.contains("9999-12-31") && err.contains("the years 1 to 9900"), "{err}");
}

#[test]
fn r17_a_pack_bought_at_a_clock_out_of_range_is_refused() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Y --tz UTC");
    let err = refused_plainly(&desk, "9999-12-31T23:59:59Z", "pack buy --customer Y --account a --order O1");
    assert!(err.contains("9999-12-31 23:59 UTC") && err.contains("the years 1 to 9900"), "{err}");
    assert!(err.contains("--now"), "says which setting to fix: {err}");
    let err = refused_plainly(&desk, NOW, "pack buy --customer Y --account a --order O1 --date 0000-03-01");
    assert!(err.contains("0000-03-01"), "{err}");
}

/// The seeded desk with its incident counter set to `issued`, as a desk
/// that has handed out that many ids would have it.
fn with_incidents_issued(issued: u32) -> TestDesk {
    let desk = TestDesk::seeded();
    let mut file: serde_json::Value = serde_json::from_slice(&desk.bytes()).unwrap();
    file["desk"]["issued"] = serde_json::json!({ "incident": issued });
    std::fs::write(&desk.path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    desk
}

#[test]
fn the_last_incident_id_is_handed_out_once_and_never_wraps() {
    let desk = with_incidents_issued(u32::MAX - 1);
    assert_eq!(desk.open("Mail down", ""), "I-4294967295");
    let err = refused_plainly(&desk, NOW, &open_line("Mail down again", ""));
    assert!(err.contains("the desk has issued the last incident id I-4294967295"), "{err}");
    assert!(err.contains("start a new desk file"), "says what to do: {err}");
}

#[test]
fn a_counter_at_the_last_id_refuses_the_next_incident() {
    let desk = with_incidents_issued(u32::MAX);
    let err = refused_plainly(&desk, NOW, &open_line("Mail down", ""));
    assert!(err.contains("last incident id I-4294967295"), "{err}");
    desk.ok("check");
}
