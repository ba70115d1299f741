//! Hostile text through the commands, the command line and a loaded file.

use super::*;

pub fn long_line() -> String {
    format!("東京 {}\x1b]0;tail\x07", "x".repeat(100_000))
}

pub fn long_cleaned() -> String {
    format!("東京 {}", "x".repeat(100_000))
}

pub fn frozen() -> DateTime<Utc> {
    now() + chrono::TimeDelta::minutes(30)
}

pub fn open_titled(d: &mut Desk, title: &str, severity: Severity) -> IncidentId {
    let mut cmd = common::open_cmd(1, ALICE, severity, Coverage::RoundTheClock);
    if let Command::OpenIncident { title: t, problem, .. } = &mut cmd {
        *t = title.to_string();
        *problem = HOSTILE_BLOCK.to_string();
    }
    match run(d, cmd).subject {
        Subject::Incident(id) => id,
        other => panic!("opened {other}"),
    }
}

#[test]
pub fn commands_clean_every_kind_of_hostile_text() {
    let mut d = common::desk();
    let out = run(
        &mut d,
        Command::AddCustomer { name: "A\x1b]0;X\x07B".into(), calendar: Calendar::office(chrono_tz::UTC) },
    );
    let Subject::Customer(c) = out.subject else { panic!() };
    assert_eq!(d.customer(c).unwrap().name, "AB", "the whole OSC goes, not only its ESC");

    let id = open_titled(&mut d, HOSTILE, Severity::A);
    let long = open_titled(&mut d, &long_line(), Severity::C);
    run(
        &mut d,
        Command::LogContact {
            incident: id,
            kind: ContactKind::Phone,
            minutes: 5,
            note: HOSTILE_BLOCK.into(),
        },
    );
    run(&mut d, Command::Propose { incident: id, text: HOSTILE.into() });
    run(&mut d, Command::Assign { incident: id, engineer: "bo\u{9b}31m\u{202e}b".into() });
    d.execute(Command::Respond { incident: id, note: "ok\x07".into() }, now(), "mal\x1b[2Jlory").unwrap();

    let inc = d.incident(id).unwrap();
    assert_eq!(inc.title, CLEANED);
    assert_eq!(inc.problem.text, CLEANED_BLOCK);
    assert_eq!(inc.contacts[0].note, CLEANED_BLOCK);
    assert_eq!(inc.proposals[0].text, CLEANED);
    assert_eq!(inc.engineer, "bob");
    let r = inc.first_response.as_ref().unwrap();
    assert_eq!((r.note.as_str(), r.by.as_str()), ("ok", "mallory"));
    assert_eq!(d.incident(long).unwrap().title, long_cleaned(), "a 100 KB line is kept, minus its escape");
    for h in &d.history {
        assert!(is_clean(&h.what) && is_clean(&h.who), "history: {:?}", h.what);
    }
}

/// No controls but `\n`, no invisible formatting, no remains of a sequence.
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| c == '\n' || (!c.is_control() && !invisible(c)))
        && !s.contains("]0;")
        && !s.contains("[31m")
}

pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

pub fn incidesk(data: &Path, args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_incidesk"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("INCIDESK_NOW", "2026-11-18T09:30:00Z")
        .env("INCIDESK_ENGINEER", "eve\x1b]0;owned\x07")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn ok(data: &Path, args: &[&str]) -> Vec<u8> {
    let out = incidesk(data, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert_clean_bytes(&out.stderr, false, &format!("stderr of {args:?}"));
    out.stdout
}

#[test]
pub fn the_command_line_cleans_what_it_is_given_and_prints_no_control() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk.json");
    let long = long_line();
    ok(&data, &["customer", "add", "--name", "A\x1b]0;X\x07B", "--tz", "Europe/Stockholm"]);
    ok(
        &data,
        &["customer", "contact", "add", "--customer", "C-1", "--name", "Night\u{202e}", "--on-duty-24x7"],
    );
    ok(
        &data,
        &[
            "product",
            "add",
            "--name",
            "Mail\u{9d}0;x\u{9c} Server",
            "--mainstream-end",
            "2028-01-01",
            "--extended-end",
            "2030-01-01",
        ],
    );
    ok(
        &data,
        &[
            "pack",
            "buy",
            "--customer",
            "C-1",
            "--account",
            ALICE,
            "--order",
            "O-1\x07",
            "--date",
            "2026-06-01",
        ],
    );
    let base = ["open", "--customer", "C-1", "--account", ALICE, "--product", "PR-1", "--coverage", "24x7"];
    let open = |title: &str, sev: &str| {
        let mut args = base.to_vec();
        args.extend(["--severity", sev, "--title", title, "--problem", HOSTILE_BLOCK]);
        ok(&data, &args)
    };
    assert_eq!(open(HOSTILE, "A"), b"I-1\n");
    open(&long, "C");
    ok(&data, &["contact", "I-1", "--kind", "phone", "--note", HOSTILE_BLOCK]);
    ok(&data, &["propose", "I-1", "--text", HOSTILE]);

    let show: serde_json::Value = serde_json::from_slice(&ok(&data, &["--json", "show", "I-1"])).unwrap();
    assert_eq!(show["title"], CLEANED);
    assert_eq!(show["problem"]["text"], CLEANED_BLOCK);
    assert_eq!(show["engineer"], "eve", "--engineer / INCIDESK_ENGINEER is cleaned too");
    assert_eq!(show["contacts"][0]["note"], CLEANED_BLOCK);
    let customers: serde_json::Value = serde_json::from_slice(&ok(&data, &["--json", "customers"])).unwrap();
    assert_eq!(customers[0]["name"], "AB");
    assert_eq!(customers[0]["contacts"][0]["name"], "Night");
    let show2: serde_json::Value = serde_json::from_slice(&ok(&data, &["--json", "show", "I-2"])).unwrap();
    assert_eq!(show2["title"], long_cleaned().as_str());

    for args in [
        &["list"][..],
        &["list", "--all"],
        &["show", "I-1"],
        &["history", "I-1"],
        &["customers"],
        &["products"],
        &["packs"],
    ] {
        let out = ok(&data, args);
        assert_clean_bytes(&out, false, &format!("{args:?}"));
    }
    // The file holds the cleaned text: no escaped controls either.
    let file = fs::read_to_string(&data).unwrap();
    assert!(!file.contains("\\u001b") && !file.contains("\\u0007") && is_clean(&file), "the data file");
}

/// A desk as someone else might have written it: raw hostile text everywhere.
pub fn raw_hostile_desk() -> Desk {
    let mut d = common::desk();
    let a = open_titled(&mut d, "Mail stuck", Severity::A);
    let b = open_titled(&mut d, "東京サーバー停止 🔥 サーバー", Severity::B);
    let c = open_titled(&mut d, "long", Severity::C);
    run(
        &mut d,
        Command::LogContact { incident: a, kind: ContactKind::Chat, minutes: 3, note: "called".into() },
    );
    run(&mut d, Command::Propose { incident: a, text: "restart".into() });
    run(&mut d, Command::Respond { incident: b, note: "on it".into() });
    d.customers[0].name = "Contoso\x1b]0;pwned\x07 Ltd\u{202e}".into();
    d.customers[0].contacts[0].name = "Night\x08\x08\x08Desk".into();
    d.products[0].name = "Mail\u{9b}2J Server".into();
    d.packs[0].owner = format!("{}\u{200b}", d.packs[0].owner);
    let inc = d.incident_mut(a).unwrap();
    inc.title = HOSTILE.into();
    inc.problem.text = HOSTILE_BLOCK.into();
    inc.contacts[0].note = HOSTILE_BLOCK.into();
    inc.proposals[0].text = HOSTILE.into();
    inc.engineer = "eve\u{9b}31m".into();
    d.incident_mut(c).unwrap().title = long_line();
    for h in d.history.iter_mut().filter(|h| h.subject == Subject::Incident(a)) {
        h.who = "mal\x1b[5mlory".into();
        h.what = format!("{}: {HOSTILE}", h.what);
    }
    d
}

pub fn write_raw(path: &Path, desk: &Desk) -> Vec<u8> {
    let doc = serde_json::json!({"schema_version": 1, "desk": desk});
    let bytes = serde_json::to_vec_pretty(&doc).unwrap();
    fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
pub fn a_file_with_raw_hostile_text_loads_cleaned_and_is_saved_cleaned_at_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.json");
    let raw = write_raw(&path, &raw_hostile_desk());
    assert!(raw.windows(2).any(|w| w == "\u{9b}".as_bytes()), "the file holds a raw C1 control");

    let mut s = JsonStore::open(&path).unwrap();
    let d = s.desk();
    assert_eq!(d.customers[0].name, "Contoso Ltd");
    assert_eq!(d.customers[0].contacts[0].name, "NightDesk");
    assert_eq!(d.products[0].name, "Mail Server");
    let inc = &d.incidents[0];
    assert_eq!((inc.title.as_str(), inc.problem.text.as_str()), (CLEANED, CLEANED_BLOCK));
    assert_eq!((inc.engineer.as_str(), inc.contacts[0].note.as_str()), ("eve", CLEANED_BLOCK));
    assert_eq!(d.incidents[2].title, long_cleaned());
    assert!(d.history.iter().all(|h| is_clean(&h.who) && is_clean(&h.what)));
    assert_eq!(fs::read(&path).unwrap(), raw, "loading does not rewrite the file");

    let summary = store::check(&path).unwrap();
    assert!(summary.cleaned >= 10, "{summary}");
    assert!(summary.to_string().contains("saves them cleaned at the next change"), "{summary}");

    // The order number and owner still match after cleaning: a transfer works.
    s.change_desk(|d| {
        d.execute(Command::Assign { incident: IncidentId(1), engineer: "bo".into() }, frozen(), ENGINEER)
    })
    .unwrap()
    .unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(is_clean(&saved) && !saved.contains("\\u001b") && !saved.contains("\\b"), "saved cleaned");
    assert_eq!(fs::read(store::sibling(&path, ".bak")).unwrap(), raw, "the backup is the file as it was");
}
