//! Business calendars on the command line (R5): what `customer add` takes,
//! what it refuses (naming the part and what to write instead, the data
//! file unchanged), how `customer calendar` edits one from a date on (due
//! times already given unchanged), holidays from `.ics` files, and how a
//! calendar too thin for its due times that an old
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

/// `customer calendar` from a later date: the incident opened before keeps
/// its due time, one opened after the date runs on the new hours, and history
/// says the calendar before and after.
#[test]
fn r5_customer_calendar_applies_from_its_date_and_keeps_earlier_due_times() {
    let desk = TestDesk::seeded();
    let earlier = desk.open("Mail down", "--severity B");
    let due_before = s(&desk.json(&format!("show {earlier}")), "due").to_string();
    let out = desk.ok(
        "customer calendar contoso --hours 'mon-fri 13:00-14:00' --add-holiday '*-12-25' --from 2026-11-20",
    );
    assert!(
        out.starts_with("calendar changed from Fri 2026-11-20 00:00 CET (R5): hours mon-fri 13:00-14:00"),
        "{out}"
    );
    assert_eq!(s(&desk.json(&format!("show {earlier}")), "due"), due_before);

    // Thursday 2026-11-19 still has the old hours; Friday on the new ones.
    let thursday = desk.open_at("2026-11-19T09:00:00Z", "Still old", "--severity B");
    assert_eq!(s(&desk.json(&format!("show {thursday}")), "due"), "2026-11-19T14:00:00+01:00");
    let friday = desk.open_at("2026-11-20T09:00:00Z", "New hours", "--severity B");
    // 13:00-14:00 Stockholm on Fri, Mon, Tue, Wed: due Wednesday 14:00 CET.
    assert_eq!(s(&desk.json(&format!("show {friday}")), "due"), "2026-11-25T14:00:00+01:00");

    let history = desk.json("history C-1");
    let entry = items(&history).last().unwrap();
    assert_eq!(s(&entry["change"], "field"), "calendar");
    assert!(s(&entry["change"], "before").starts_with("mon-fri 08:00-17:00 (Europe/Stockholm); 2026-12-24"));
    assert!(s(&entry["change"], "after").starts_with("mon-fri 13:00-14:00 (Europe/Stockholm); 2026-12-24"));
    let customers = desk.ok("customers");
    assert!(
        customers.contains("calendar next 2026-12-24")
            && customers.contains("changes Fri 2026-11-20 00:00 CET"),
        "{customers}"
    );
}

#[test]
fn r5_customer_calendar_with_json_says_what_changed() {
    let desk = TestDesk::seeded();
    let out = desk.json("customer calendar C-1 --add-holiday 2026-12-31=closed --tz Europe/Helsinki");
    assert_eq!(s(&out["subject"], "customer"), "C-1");
    assert!(s(&out, "message").contains("zone Europe/Helsinki, 2026-12-31=closed added"), "{out}");
    let removed = desk.json("customer calendar C-1 --remove-holiday 2026-12-24");
    assert!(s(&removed, "message").contains("2026-12-24 removed"), "{removed}");
}

/// Bad input names its part and flag, and leaves the data file as it was.
#[test]
fn r5_bad_calendar_edits_are_refused_naming_the_part_and_the_file_unchanged() {
    let desk = TestDesk::seeded();
    let cases = [
        (
            "customer calendar contoso --tz Europe/Stokholm",
            "time zone: 'Europe/Stokholm' is not an IANA time zone",
        ),
        ("customer calendar contoso --hours 'mon 08:00-12:00 11:00-17:00'", "open hours:"),
        ("customer calendar contoso --add-holiday 2026-02-30", "2026-02-30"),
        ("customer calendar contoso --add-holiday 2026-12-26..2026-12-24", "2026-12-26..2026-12-24"),
        (
            "customer calendar contoso --remove-holiday 2026-05-01",
            "'2026-05-01' is not in the calendar (it has: 2026-12-24)",
        ),
        ("customer calendar contoso --hours 'mon 08:00-08:01'", "only 0h 57m of open time"),
        ("customer calendar contoso --add-holiday 2026-12-31 --from 2026-11-01", "before today (2026-11-18)"),
        ("customer calendar contoso", "nothing to change"),
        ("customer calendar nobody --add-holiday 2026-12-31", "no customer matches 'nobody'"),
        ("customer add --name Bad --tz Europe/Stockholm --holiday 2026-13-01", "2026-13-01"),
    ];
    for (line, said) in cases {
        let (_, err) = desk.fails(line);
        assert!(err.contains(said), "{line}: {err}");
    }
    let (_, err) = desk.fails("customer calendar contoso --hours 'mon 08:00-08:01' --json");
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!((s(&v["error"], "kind"), s(&v["error"], "rule")), ("refusal", "R5"), "{v}");
    assert_eq!(items(&v["error"]["hint"]["flags"]), ["--hours", "--remove-holiday"], "{v}");
    let (_, err) = desk.fails("customer calendar contoso --tz Mars/Olympus --json");
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(items(&v["error"]["hint"]["flags"])[0], "--tz", "{v}");
}

#[test]
fn r5_customer_add_takes_every_shape_of_special_day() {
    let desk = TestDesk::seeded();
    desk.ok("customer add --name Nightly --tz Europe/Stockholm --hours 'mon-fri 22:00-06:00' \
         --holiday 2026-12-24..2026-12-26 --holiday '*-01-01' --holiday 2026-12-31=08:00-12:00");
    let customers = desk.json("customers");
    let c = &items(&customers)[1];
    let days: Vec<&str> = items(&c["calendar"]["special_days"]).iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(days, ["2026-12-24..2026-12-26", "*-01-01", "2026-12-31=08:00-12:00"]);
}

const HOLIDAYS_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:1@test\r\nSUMMARY:Julafton\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2@test\r\nSUMMARY:Juldagen\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3@test\r\nSUMMARY:Mellandagar\r\nDTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261231\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn r5_holidays_from_an_ics_file_are_added_and_a_hostile_one_is_refused() {
    let desk = TestDesk::seeded();
    let good = desk.dir().join("holidays.ics");
    std::fs::write(&good, HOLIDAYS_ICS).unwrap();
    let out = desk.ok(&format!("customer calendar contoso --holidays-from {}", good.display()));
    assert!(out.contains("*-12-25 added, 2026-12-28..2026-12-30 added"), "{out}");

    let timed = desk.dir().join("timed.ics");
    std::fs::write(&timed, HOLIDAYS_ICS.replace("DTSTART;VALUE=DATE:20261224", "DTSTART:20261224T080000"))
        .unwrap();
    let monthly = desk.dir().join("monthly.ics");
    std::fs::write(&monthly, HOLIDAYS_ICS.replace("FREQ=YEARLY", "FREQ=MONTHLY")).unwrap();
    let latin1 = desk.dir().join("latin1.ics");
    let mut bytes = HOLIDAYS_ICS.as_bytes().to_vec();
    bytes.extend(b"X-NOTE:\xe4\r\n");
    std::fs::write(&latin1, bytes).unwrap();
    let huge = desk.dir().join("huge.ics");
    std::fs::write(&huge, HOLIDAYS_ICS.repeat(20_000)).unwrap();
    let cases = [
        (&timed, "event 'Julafton' starting 20261224T080000: is not an all-day event"),
        (&monthly, "recurs by RRULE:FREQ=MONTHLY, which incidesk can't follow"),
        (&latin1, "is not UTF-8 text"),
        (&huge, "is larger than 1024 KiB"),
    ];
    for (file, said) in cases {
        let line = format!("customer calendar contoso --holidays-from {}", file.display());
        let (_, err) = desk.fails(&line);
        assert!(err.contains(said) && err.contains("iCalendar file"), "{line}: {err}");
    }
    let (_, err) =
        desk.fails(&format!("customer add --name X --tz UTC --holidays-from {}", monthly.display()));
    assert!(err.contains("RRULE"), "{err}");
}

/// An edit is one's own change like any other: `undo` puts the calendar back.
#[test]
fn r21_a_calendar_edit_can_be_undone() {
    let desk = TestDesk::seeded();
    let before = desk.json("customers");
    desk.ok("customer calendar contoso --add-holiday 2026-12-31 --from 2026-12-01");
    assert_eq!(items(&desk.json("customers")[0]["calendar_changes"]).len(), 1);
    let undone = desk.ok("undo");
    assert!(undone.contains("calendar changed from"), "{undone}");
    assert_eq!(desk.json("customers")[0]["calendar_changes"], before[0]["calendar_changes"]);
}
