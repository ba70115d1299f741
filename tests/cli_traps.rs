//! Commands that could touch a person's real desk by accident.

mod common_cli;

use common_cli::*;

#[test]
fn demo_without_out_never_creates_the_real_desk() {
    let home = tempfile::tempdir().unwrap();
    let (status, _, err) =
        output(bin().env("XDG_DATA_HOME", home.path()).env("HOME", home.path()).args(["--now", NOW, "demo"]));
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("--out"), "says how: {err}");
    let made: Vec<_> = walk(home.path());
    assert!(made.is_empty(), "nothing was created: {made:?}");
}

#[test]
fn demo_into_a_data_file_named_on_purpose_still_works() {
    let desk = TestDesk::empty();
    let (status, _, err) = output(bin().args(["--now", NOW, "--data", desk.path_str(), "demo"]));
    assert!(status.success(), "{err}");
    assert!(desk.path.exists());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}
