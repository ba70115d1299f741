//! Business calendars on the command line (R5): what `customer add` takes,
//! what it refuses (naming the part and what to write instead, the data
//! file unchanged), and how a calendar too thin for its due times that an old
//! data file holds is reported instead of silently run as 24x7.

mod common_cli;

use common_cli::*;

#[test]
fn r5_a_calendar_too_thin_for_the_longest_target_is_refused_when_entered() {
    let desk = TestDesk::seeded();
    let err = desk.refused("R5", "customer add --name Thin --tz Europe/Stockholm --hours 'mon 08:00-08:01'");
    assert!(err.contains("only 0h 57m of open time in the 399 days from 2026-11-18"), "{err}");
    assert!(err.contains("8h 00m") && err.contains("--hours 'mon-fri 08:00-17:00'"), "{err}");
    // Holidays can make it so as well: every Monday of the search a holiday.
    let mondays: Vec<String> = (0..60)
        .map(|w| format!("--holiday {}", chrono_date(2026, 11, 23) + chrono::TimeDelta::weeks(w)))
        .collect();
    let line = format!(
        "customer add --name Mondays --tz Europe/Stockholm --hours 'mon 08:00-17:00' {}",
        mondays.join(" ")
    );
    let err = desk.refused("R5", &line);
    assert!(err.contains("only 0h 00m of open time"), "{err}");
}

fn chrono_date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A data file written before the check, with a calendar open one minute a
/// week: it still loads, `check` says what is wrong, and the incident has no
/// due time (shown as such) instead of a 24x7 one.
#[test]
fn r5_an_old_file_with_a_thin_calendar_loads_and_says_there_is_no_due_time() {
    let desk = TestDesk::seeded();
    desk.open("Mail down", "--severity C");
    let mut file: serde_json::Value = serde_json::from_slice(&desk.bytes()).unwrap();
    file["desk"]["customers"][0]["calendar"]["hours"] = serde_json::json!({ "mon": ["08:00-08:01"] });
    std::fs::write(&desk.path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();

    let checked = desk.ok(&format!("check {}", desk.path_str()));
    assert!(
        checked.contains("note: customers[0] (C-1): calendar: open hours and holidays: only 0h 57m"),
        "{checked}"
    );
    assert!(checked.contains("get no due time"), "{checked}");

    let shown = desk.ok("show I-1");
    assert!(
        shown.contains("due        none: the calendar gives less open time than the target within 400 days"),
        "{shown}"
    );
    let json = desk.json("show I-1");
    assert_eq!((s(&json, "sla_state"), json["due"].is_null()), ("no-due-time", true), "{json}");
    let listed = desk.json("list");
    assert_eq!(s(&items(&listed)[0], "sla_state"), "no-due-time");
    // Answering it is recorded, with no verdict: nothing was promised.
    let answered = desk.ok("respond I-1 --note 'Looking into it'");
    assert!(answered.contains("recorded") && !answered.contains("met"), "{answered}");
}
