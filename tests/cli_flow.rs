//! The command line end to end: a scripted day at the desk, the queue, the
//! report, the demo file, the environment and concurrent use of one file.

mod common_cli;

use chrono::DateTime;
use common_cli::*;

#[test]
fn scripted_workflow_from_customer_to_billing() {
    let desk = TestDesk::empty();

    // Customer, calendar, 24x7 contact, tax exemption.
    let out = desk
        .ok("customer add --name 'Contoso Ltd' --tz Europe/Stockholm --hours 'mon-fri 08:00-17:00' \
         --holiday 2026-12-24 --holiday 2026-12-25");
    assert!(out.contains("C-1"), "{out}");
    let out = desk.ok("customer contact add --customer contoso --name Ada --on-duty-24x7");
    assert!(out.contains("on duty 24x7"), "{out}");
    desk.ok("customer tax-exempt --customer C-1 --reference EX-7 --received 2026-01-05");
    let out = desk.ok("customers");
    for want in ["Contoso Ltd", "Europe/Stockholm", "24x7 contact Ada", "tax exemption valid"] {
        assert!(out.contains(want), "customers lacks {want}:\n{out}");
    }
    let customers = desk.json("customers");
    assert_eq!(items(&customers[0]["calendar"]["holidays"]).len(), 2);
    assert_eq!(customers[0]["tax_status"], "valid");

    // Products in each phase (R9).
    desk.ok("product add --name 'Mail Server 2024' --mainstream-end 2028-01-01 --extended-end 2030-01-01");
    desk.ok("product add --name 'Mail Server 2016' --mainstream-end 2025-01-01 --extended-end 2027-01-01");
    desk.ok("product add --name 'Mail Server 2010' --mainstream-end 2020-01-01 --extended-end 2026-11-18");
    let out = desk.ok("products");
    let phases: Vec<&str> = out.lines().filter_map(|l| l.split_whitespace().nth(4)).collect();
    assert_eq!(phases, ["mainstream", "extended", "ended"], "{out}");
    let products = desk.json("products");
    let phases: Vec<&str> = items(&products).iter().map(|p| s(p, "phase")).collect();
    assert_eq!(phases, ["mainstream", "extended", "ended"]);

    // A pack; the purchase says whether the exemption is valid (R20).
    let out = desk.ok(&format!("pack buy --customer contoso --account {ADA} --order ORD-1001"));
    assert!(out.contains("tax exemption on file and valid (R20)"), "{out}");
    let pack = &desk.json("packs")[0];
    assert_eq!((s(pack, "id"), s(pack, "owner")), ("P-1", ADA));
    assert_eq!((s(pack, "expires"), n(pack, "remaining")), ("2027-11-18", 5));
    assert_eq!(pack["expired"], false);

    // Intake prints the new id alone on stdout.
    let line = open_line("Mail down", "--product 'Mail Server 2024' --coverage 24x7");
    let (status, out, err) = desk.run(&line);
    assert!(status.success(), "{err}");
    assert_eq!(out, "I-1\n");
    assert!(err.contains("I-1 opened"), "{err}");

    // Working it.
    assert!(desk.ok("respond I-1 --note Looking").contains("met"));
    desk.ok("contact I-1 --kind phone --minutes 30 --note 'Called Ada'");
    desk.ok("propose I-1 --text 'Restart the transport service'");
    desk.ok("severity I-1 A --reason 'All users affected'");
    desk.ok("amend I-1 --problem 'Outbound mail is stuck' --reason 'Inbound works'");
    desk.ok("assign I-1 --to bob");
    let out = desk.ok("split I-1 --into 'Calendar sync' --into 'Shared mailbox'");
    assert!(out.contains("I-2, I-3"), "{out}");

    let i1 = desk.json("show I-1");
    assert_eq!((s(&i1, "severity"), s(&i1, "engineer")), ("A", "bob"));
    let contact = &i1["contacts"][0];
    assert_eq!((s(contact, "kind"), s(contact, "note")), ("phone", "Called Ada"));
    assert_eq!(n(contact, "minutes"), 30);
    assert_eq!(items(&i1["proposals"]).len(), 1);
    assert_eq!(i1["problem"]["amendments"][0]["reason"], "Inbound works");
    assert_eq!(i1["severity_changes"][0]["from"], "B");
    assert_eq!(i1["split_into"], serde_json::json!(["I-2", "I-3"]));
    assert_eq!(desk.json("show I-2")["split_from"], "I-1");
    assert_eq!(n(&desk.json("packs")[0], "remaining"), 2, "R1: a credit per split-off");
    let text = desk.ok("show I-1");
    for want in ["I-1 Mail down", "Agreed problem", "Outbound mail is stuck", "Split into I-2, I-3"] {
        assert!(text.contains(want), "show lacks {want}:\n{text}");
    }

    // Closing three ways (R12, R13, R15), then billing (R14).
    desk.ok("close I-1 --resolved");
    desk.ok("close I-2 --unresolved");
    desk.ok("close I-3 --withdrawn --note 'Customer fixed it'");
    assert!(desk.ok("list").contains("(no incidents match)"));
    assert_eq!(ids(&desk.json("list --all")).len(), 3);
    desk.ok("bill I-2 --refund --reason Goodwill");
    desk.ok("bill I-3 --charge --reason 'Work was done'");
    desk.ok("bill I-1 --refund --reason 'Transport bug' --product-defect");
    assert_eq!(desk.json("show I-1")["billing_state"], "refunded");
    assert_eq!(desk.json("show I-3")["billing_state"], "charged");
    let text = desk.ok("show I-3");
    assert!(text.contains("by eve: Customer fixed it\n"), "{text}");
    let pack = &desk.json("packs")[0];
    assert_eq!(n(pack, "remaining"), 4);
    assert_eq!(items(&pack["ledger"]).len(), 5, "3 debits, 2 refunds");

    // R21: the history of the incident and of the pack.
    let history = desk.ok("history I-1");
    for want in [
        "opened by ada@contoso.com",
        "first response",
        "phone contact",
        "B → A",
        "amended",
        "assigned from eve to bob",
        "split into I-2, I-3",
        "closed as resolved",
        "refunded (product defect)",
    ] {
        assert!(history.contains(want), "history of I-1 lacks {want}:\n{history}");
    }
    // In Contoso's zone (Stockholm) with its offset, as `show` writes times.
    let stamped = |l: &str| l.starts_with("2026-11-18 10:00 +01:00  eve");
    // Each entry's line is stamped; a value's before and after follow it, indented.
    assert!(history.lines().filter(|l| !l.starts_with(' ')).all(stamped), "{history}");
    assert!(history.contains("assignee: eve → bob"), "{history}");
    let history = desk.ok("history P-1");
    assert_eq!(history.matches("debit 1 credit").count(), 3, "{history}");
    assert_eq!(history.matches("refund 1 credit").count(), 2, "{history}");
    assert!(items(&desk.json("history I-2")).iter().all(|e| e["who"] == ENGINEER));

    // Report and check.
    let report = desk.ok("report");
    assert!(report.contains("Credits: 3 used, 2 refunded, 4 available"), "{report}");
    let report = desk.json("report");
    assert_eq!((n(&report, "credits_used"), n(&report, "credits_refunded")), (3, 2));
    let check = desk.ok("check");
    assert!(check.starts_with(&format!("{}: ok, schema 1", desk.path_str())), "{check}");
    assert_eq!(check.matches(desk.path_str()).count(), 1, "{check}");

    // R18: a transfer on proof of purchase, kept in the pack's history.
    desk.ok(&format!("pack transfer --order ORD-1001 --to {BOB}"));
    assert_eq!(desk.json("packs")[0]["owner"], BOB);
    let history = desk.ok("history P-1");
    assert!(history.contains("transferred from ada@contoso.com to bob@contoso.com"), "{history}");
}

#[test]
fn r8_list_sorts_by_time_to_breach_breached_first() {
    let desk = TestDesk::seeded();
    let a24 = "--severity A --coverage 24x7";
    desk.open_at("2026-11-18T05:00:00Z", "Old outage", a24); // I-1: due 07:00, breached
    desk.open_at("2026-11-18T08:00:00Z", "Slow search", "--severity C --coverage 24x7"); // I-2: due 16:00
    desk.open("New outage", a24); // I-3: due 11:00
    desk.open("Answered", ""); // I-4
    desk.ok("respond I-4");
    desk.open("Withdrawn", ""); // I-5
    desk.ok("close I-5 --withdrawn");

    let rows = desk.json("list");
    assert_eq!(ids(&rows), ["I-1", "I-3", "I-2", "I-4"]);
    let states: Vec<&str> = items(&rows).iter().map(|r| s(r, "sla_state")).collect();
    assert_eq!(states, ["breached", "on-track", "on-track", "met"]);
    for row in items(&rows) {
        for key in ["id", "severity", "coverage", "status", "sla_state", "due"] {
            assert!(row[key].is_string(), "list --json row lacks {key}: {row}");
        }
        DateTime::parse_from_rfc3339(s(row, "due")).expect("due is RFC 3339");
    }
    assert_eq!(s(&rows[1], "due"), "2026-11-18T12:00:00+01:00", "in the customer's zone");
    assert_eq!((s(&rows[0], "severity"), s(&rows[0], "coverage")), ("A", "24x7"));
    assert_eq!((s(&rows[3], "status"), s(&rows[3], "sla_state")), ("working", "met"));

    let text = desk.ok("list");
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("I-1") && first.contains("breached"), "{text}");
    assert!(!text.contains("Withdrawn"), "closed incidents are hidden:\n{text}");
    assert_eq!(ids(&desk.json("list --all")).last(), Some(&"I-5"));
    assert_eq!(ids(&desk.json("list --filter sev:A")), ["I-1", "I-3"]);
    assert_eq!(ids(&desk.json("list --filter 'sev:A state:breached'")), ["I-1"]);
}

#[test]
fn r5_business_hours_clock_skips_the_weekend() {
    let desk = TestDesk::seeded();
    // Friday 15:30 in Stockholm, severity B, office hours: due Monday 10:30.
    desk.open_at("2026-11-20T14:30:00Z", "Friday afternoon", "");
    assert_eq!(s(&desk.json("list")[0], "due"), "2026-11-23T10:30:00+01:00");
}

#[test]
fn report_counts_outcomes_per_severity_credits_and_expiring_packs() {
    let desk = TestDesk::seeded();
    // R19: this older pack expires first (2026-12-01), so it pays.
    desk.ok(&format!("pack buy --customer C-1 --account {ADA} --order ORD-0900 --date 2025-12-01"));
    let a24 = "--severity A --coverage 24x7";
    desk.open_at("2026-11-18T05:00:00Z", "Breached", a24); // I-1
    desk.open_at("2026-11-18T08:00:00Z", "Met", a24); // I-2
    desk.ok("respond I-2");
    desk.open_at("2026-11-18T04:00:00Z", "Missed", "--coverage 24x7"); // I-3, B
    desk.ok("respond I-3");
    desk.open("Minor", "--severity C"); // I-4

    let r = desk.json("report");
    let counts = |i: usize, key: &str| n(&r["severities"][i][1], key);
    assert_eq!(r["severities"][0][0], "A");
    assert_eq!((counts(0, "open"), counts(0, "breached"), counts(0, "met")), (2, 1, 1));
    assert_eq!((counts(1, "open"), counts(1, "missed")), (1, 1));
    assert_eq!((counts(2, "open"), counts(2, "on_track")), (1, 1));
    assert_eq!((n(&r, "credits_used"), n(&r, "credits_available")), (4, 6));
    assert_eq!(s(&r["expiring"][0], "pack"), "P-2");
    assert_eq!(n(&r["expiring"][0], "remaining"), 1);

    let text = desk.ok("report");
    let a_row: Vec<&str> = text.lines().nth(2).unwrap_or_default().split_whitespace().collect();
    // open now: OPEN ON-TRACK AT-RISK PAUSED BREACHED ANSWERED | all time: MET MISSED BREACHED
    assert_eq!(a_row, ["A", "2", "0", "0", "0", "1", "1", "1", "0", "1"], "{text}");
    assert!(text.contains("SLA met rate: 50 %"), "{text}");
    let expiring = "P-2 C-1 owner ada@contoso.com: 1 credits, expires 2026-12-01 (in 13 days)";
    assert!(text.contains(expiring), "{text}");
}

#[test]
fn customers_and_products_are_found_by_id_number_or_name() {
    let desk = TestDesk::seeded();
    let product_of = |extra: &str| {
        let id = desk.open("Which product?", extra);
        s(&desk.json(&format!("show {id}")), "product").to_string()
    };
    assert_eq!(product_of("--product 2"), "PR-2");
    assert_eq!(product_of("--product PR-2"), "PR-2");
    // No product has id 2016: the number is part of a name.
    assert_eq!(product_of("--product 2016"), "PR-2");
    assert_eq!(product_of("--product 'server 2024' --customer 1"), "PR-1");
    let (_, err) = desk.fails(&open_line("Ambiguous", "--product 'mail server'"));
    assert!(err.contains("matches several products"), "{err}");
    let (_, err) = desk.fails(&open_line("Unknown", "--product PR-9"));
    assert!(err.contains("PR-9"), "{err}");
}

#[test]
fn demo_writes_a_file_that_check_accepts() {
    let dir = TestDesk::empty();
    let out = dir.dir().join("demo.json");
    let out = out.to_str().unwrap();
    let (status, _, err) = run(&["--now", NOW, "--data", dir.path_str(), "demo", "--out", out]);
    assert!(status.success(), "{err}");
    assert!(std::path::Path::new(out).exists(), "demo --out wrote no file");
    let (status, stdout, err) = run(&["check", out]);
    assert!(status.success(), "check refused the demo file: {err}");
    assert!(stdout.contains("ok"), "{stdout}");
    let (status, listed, err) = run(&["--now", NOW, "--data", out, "--json", "list", "--all"]);
    assert!(status.success(), "{err}");
    let rows: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert!(rows.as_array().unwrap().len() >= 25, "the demo desk has 25+ incidents");

    // The demo never overwrites a file.
    let before = std::fs::read(out).unwrap();
    let (status, _, err) = run(&["--now", NOW, "demo", "--out", out]);
    assert!(!status.success() && err.contains("exists already"), "{err}");
    assert_eq!(std::fs::read(out).unwrap(), before);
}

#[test]
fn incidesk_data_is_used_when_data_is_absent() {
    let desk = TestDesk::empty();
    let add = words("--now 2026-11-18T09:00:00Z customer add --name Envco --tz UTC");
    let (status, _, err) = output(bin().env("INCIDESK_DATA", &desk.path).env("USER", ENGINEER).args(add));
    assert!(status.success(), "{err}");
    assert_eq!(s(&desk.json("customers")[0], "name"), "Envco");

    // --data wins over the variable.
    let other = TestDesk::empty();
    let read = ["--data", desk.path_str(), "customers"];
    let (status, out, _) = output(bin().env("INCIDESK_DATA", &other.path).args(read));
    assert!(status.success() && out.contains("Envco"), "{out}");
    assert!(!other.path.exists());
}

#[test]
fn incidesk_now_and_engineer_come_from_the_environment_too() {
    let desk = TestDesk::seeded();
    let (status, out, err) = output(
        bin()
            .env("INCIDESK_NOW", "2026-11-18T10:15:00Z")
            .env("INCIDESK_ENGINEER", "zoe")
            .args(["--data", desk.path_str()])
            .args(words(&open_line("From the environment", ""))),
    );
    assert!(status.success(), "{err}");
    let inc = desk.json(&format!("show {}", out.trim()));
    assert_eq!(s(&inc, "submitted"), "2026-11-18T11:15:00+01:00");
    assert_eq!(s(&inc, "engineer"), "zoe");
}

#[test]
fn r2_concurrent_contacts_from_two_processes_are_all_kept() {
    let desk = TestDesk::seeded();
    let id = desk.open("Busy incident", "");
    std::thread::scope(|scope| {
        for t in 0..2 {
            let (desk, id) = (&desk, &id);
            scope.spawn(move || {
                for i in 0..20 {
                    desk.ok(&format!("contact {id} --kind email --note 'thread {t} contact {i}'"));
                }
            });
        }
    });
    let shown = desk.json(&format!("show {id}"));
    let notes: Vec<&str> = items(&shown["contacts"]).iter().map(|c| s(c, "note")).collect();
    assert_eq!(notes.len(), 40, "{notes:?}");
    for t in 0..2 {
        for i in 0..20 {
            assert!(notes.contains(&format!("thread {t} contact {i}").as_str()));
        }
    }
    assert!(desk.ok("check").contains("ok"));
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    let desk = TestDesk::seeded();
    desk.open("One", "");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = bin();
    cmd.args(["--data", desk.path_str(), "--now", NOW, "list"]).stdout(writer);
    let (status, _, err) = output(&mut cmd);
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.success(), "{status}: {err}");
}
