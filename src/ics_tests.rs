use super::*;

fn ics(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn event(lines: &str) -> String {
    format!("BEGIN:VEVENT\r\nUID:x@test\r\n{lines}END:VEVENT\r\n")
}

fn texts(days: &[SpecialDay]) -> Vec<String> {
    days.iter().map(ToString::to_string).collect()
}

#[test]
fn all_day_events_become_holidays_ranges_and_yearly_holidays() {
    let file = ics(&[
        event("SUMMARY:Christmas Eve\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\n"),
        event("SUMMARY:Between the years\r\nDTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261231\r\n"),
        event("SUMMARY:Christmas\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\n"),
        event("SUMMARY:Midsummer\r\nDTSTART;VALUE=DATE:20270625\r\nDURATION:P2D\r\n"),
    ]
    .concat());
    let days = holidays_from_text(&file).unwrap();
    assert_eq!(texts(&days), ["2026-12-24", "2026-12-28..2026-12-30", "*-12-25", "2027-06-25..2027-06-26"]);
}

#[test]
fn what_cant_be_followed_is_refused_naming_the_event_and_what_to_do() {
    let timed = ics(&event("SUMMARY:Staff party\r\nDTSTART:20261218T150000Z\r\n"));
    let e = holidays_from_text(&timed).unwrap_err().to_string();
    assert!(e.starts_with("event 'Staff party' starting 20261218T150000Z: is not an all-day event"), "{e}");
    assert!(e.contains("--add-holiday 2026-12-24=08:00-12:00"), "{e}");

    let monthly = ics(&event("SUMMARY:Payday\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=MONTHLY\r\n"));
    let e = holidays_from_text(&monthly).unwrap_err().to_string();
    assert!(e.contains("recurs by RRULE:FREQ=MONTHLY, which incidesk can't follow"), "{e}");
    let counted = ics(&event("DTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY;COUNT=3\r\n"));
    assert!(holidays_from_text(&counted).unwrap_err().to_string().contains("COUNT=3"));
    let extra = ics(&event("DTSTART;VALUE=DATE:20261225\r\nRDATE;VALUE=DATE:20271225\r\n"));
    assert!(holidays_from_text(&extra).unwrap_err().to_string().contains("has RDATE"));

    let backwards = ics(&event("DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261220\r\n"));
    assert!(holidays_from_text(&backwards).unwrap_err().to_string().contains("before it starts"));
    let bad_date = ics(&event("DTSTART;VALUE=DATE:20261332\r\n"));
    assert!(holidays_from_text(&bad_date).unwrap_err().to_string().contains("not an all-day event"));
}

#[test]
fn a_file_that_is_not_an_icalendar_is_refused() {
    for text in ["", "hello\r\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"] {
        let e = holidays_from_text(text).unwrap_err();
        assert_eq!(e.part, "structure", "{text:?}: {e}");
    }
    let e = holidays_from_text(&ics("")).unwrap_err().to_string();
    assert!(e.contains("holds no events"), "{e}");
}

#[test]
fn a_huge_or_non_utf8_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.ics");
    std::fs::write(&huge, vec![b'X'; MAX_BYTES as usize + 10]).unwrap();
    let e = holidays_from_file(&huge).unwrap_err().to_string();
    assert!(e.contains("is larger than 1024 KiB"), "{e}");
    let latin1 = dir.path().join("latin1.ics");
    let mut bytes = ics(&event("SUMMARY:Jul\r\nDTSTART;VALUE=DATE:20261224\r\n")).into_bytes();
    bytes.splice(0..0, b"\xe4".iter().copied());
    std::fs::write(&latin1, bytes).unwrap();
    let e = holidays_from_file(&latin1).unwrap_err().to_string();
    assert!(
        e.contains("is not UTF-8 text (byte 0 is not)") && e.contains("save or export it as UTF-8"),
        "{e}"
    );
    let missing = holidays_from_file(&dir.path().join("nope.ics")).unwrap_err().to_string();
    assert!(missing.contains("can't be read"), "{missing}");
}
