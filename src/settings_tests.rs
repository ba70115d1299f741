//! Tests of the settings: which source wins for each setting.

use super::*;
use clap::Parser as _;

fn build(args: &[&str], env: Environment) -> Settings {
    let cli = Cli::try_parse_from(std::iter::once("incidesk").chain(args.iter().copied())).unwrap();
    Settings::build(&cli, &env).unwrap()
}

#[test]
fn the_engineer_is_the_flag_then_user_then_nobody() {
    let env = Environment { user: Some("ada".into()), ..Environment::default() };
    assert_eq!(build(&["--engineer", "bo", "list"], env.clone()).engineer.as_deref(), Some("bo"));
    assert_eq!(build(&["--engineer", " ", "list"], env.clone()).engineer.as_deref(), Some("ada"));
    assert_eq!(build(&["list"], env).engineer.as_deref(), Some("ada"));
    let empty = Environment { user: Some(String::new()), ..Environment::default() };
    let nobody = build(&["list"], empty);
    assert_eq!(nobody.engineer, None);
}

#[test]
fn on_a_database_the_role_signs_and_another_name_typed_is_refused() {
    assert_eq!(role_signs("bob", None), Ok("bob".into()));
    assert_eq!(role_signs("bob", Some("bob")), Ok("bob".into()));
    let e = role_signs("bob", Some("maja")).unwrap_err();
    assert!(e.contains("maja") && e.contains("role it was opened as, bob"), "{e}");
    let env = Environment { user: Some("ada".into()), ..Environment::default() };
    assert_eq!(build(&["list"], env.clone()).engineer_typed, None, "$USER is not typed");
    assert_eq!(build(&["--engineer", " bo ", "list"], env).engineer_typed.as_deref(), Some("bo"));
}

#[test]
fn the_editor_is_visual_then_editor() {
    let both =
        Environment { visual: Some("code -w".into()), editor: Some("vim".into()), ..Default::default() };
    assert_eq!(build(&["list"], both).editor.as_deref(), Some("code -w"));
    let blank = Environment { visual: Some(" ".into()), editor: Some("nano".into()), ..Default::default() };
    assert_eq!(build(&["list"], blank).editor.as_deref(), Some("nano"));
    assert_eq!(build(&["list"], Environment::default()).editor, None);
}

#[test]
fn no_color_and_thresholds_come_from_the_environment_given() {
    let env = Environment {
        no_color: Some("1".into()),
        journal_min: Some(" 0 ".into()),
        auto_archive: Some("nope".into()),
        tz: Some(":Asia/Kathmandu".into()),
        ..Environment::default()
    };
    let s = build(&["list"], env);
    assert!(!s.color);
    assert_eq!(s.journal_min, Some(0));
    assert_eq!(s.auto_archive_min, None, "an unreadable number keeps the default");
    assert_eq!(s.viewer_zone, chrono_tz::Asia::Kathmandu);
    assert!(build(&["list"], Environment { no_color: Some("".into()), ..Environment::default() }).color);
    assert!(
        build(&["list"], Environment { term: Some("dumb".into()), ..Environment::default() }).dumb_terminal
    );
    assert!(
        !build(&["list"], Environment { term: Some("xterm".into()), ..Environment::default() }).dumb_terminal
    );
}

#[test]
fn a_postgres_url_names_a_database_completed_by_libpq_variables() {
    let vars = [("PGUSER", "ada"), ("PGSSLMODE", "verify-full"), ("HOME", "/home/ada")];
    let pg = pg_env(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()));
    assert_eq!(pg.passfile, Some(PathBuf::from("/home/ada/.pgpass")));
    let env = Environment { data: Some("postgres://db.example/desk".into()), pg, ..Environment::default() };
    let s = build(&["list"], env.clone());
    let postgres = s.postgres.expect("a URL names a database");
    assert_eq!(postgres.url, "postgres://db.example/desk");
    assert_eq!(postgres.env.user.as_deref(), Some("ada"));
    assert_eq!(postgres.env.sslmode.as_deref(), Some("verify-full"));
    assert!(build(&["--data", "/a.json", "list"], env).postgres.is_none());
}

#[test]
fn the_config_file_names_the_engineer_and_the_zone_after_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[general]\nengineer = \"maja\"\ntime_zone = \"Asia/Tokyo\"\n").unwrap();
    let config = path.to_str().unwrap();
    let env =
        Environment { user: Some("ada".into()), tz: Some("Europe/Oslo".into()), ..Environment::default() };
    let s = build(&["--config", config, "list"], env.clone());
    assert_eq!(s.engineer.as_deref(), Some("maja"), "before $USER");
    assert_eq!(s.viewer_zone, chrono_tz::Asia::Tokyo, "before $TZ");
    let s = build(&["--config", config, "--engineer", "bo", "list"], env.clone());
    assert_eq!(s.engineer.as_deref(), Some("bo"), "the flag first");
    // Found in $XDG_CONFIG_HOME without --config; a bad one refuses the run.
    std::fs::create_dir_all(dir.path().join("incidesk")).unwrap();
    std::fs::write(dir.path().join("incidesk/config.toml"), "[general]\nmouse = 1\n").unwrap();
    let env = Environment { config_home: Some(dir.path().into()), ..env };
    let cli = Cli::try_parse_from(["incidesk", "list"]).unwrap();
    let e = Settings::build(&cli, &env).unwrap_err();
    assert!(e.contains("incidesk/config.toml") && e.contains("line 2, column 9"), "{e}");
}

#[test]
fn the_config_files_store_comes_after_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[store]\ndata = \"postgres://db.example/desk\"\n").unwrap();
    let config = path.to_str().unwrap();
    let s = build(&["--config", config, "list"], Environment::default());
    assert_eq!(s.postgres.map(|p| p.url).as_deref(), Some("postgres://db.example/desk"));
    assert!(s.data_given);
    let env = Environment { data: Some("/b.json".into()), ..Environment::default() };
    let s = build(&["--config", config, "list"], env.clone());
    assert_eq!((s.data, s.postgres.is_none()), (PathBuf::from("/b.json"), true), "INCIDESK_DATA first");
    let s = build(&["--config", config, "--data", "/a.json", "list"], env);
    assert_eq!(s.data, PathBuf::from("/a.json"), "--data first");
    // A path under the home folder.
    std::fs::write(&path, "[store]\ndata = \"~/desks/team.json\"\n").unwrap();
    let home = Environment { home: Some("/home/ada".into()), ..Environment::default() };
    assert_eq!(build(&["--config", config, "list"], home).data, PathBuf::from("/home/ada/desks/team.json"));
    let cli = Cli::try_parse_from(["incidesk", "--config", config, "list"]).unwrap();
    let e = Settings::build(&cli, &Environment::default()).unwrap_err();
    assert!(e.contains("HOME"), "{e}");
}

#[test]
#[cfg(all(unix, not(target_os = "macos")))]
fn desktop_notifications_need_the_config_and_a_session_bus() {
    let bus = Environment { session_bus: Some("unix:path=/run/user/1/bus".into()), ..Default::default() };
    assert_eq!(build(&["list"], bus).desktop, DesktopNotices::On);
    for none in [None, Some(OsString::new())] {
        let env = Environment { session_bus: none, ..Default::default() };
        let DesktopNotices::Unavailable(why) = build(&["list"], env).desktop else {
            panic!("no bus, no notifications")
        };
        assert!(why.contains("no D-Bus session bus"), "{why}");
    }
    assert_eq!(DesktopNotices::of(false, Some("unix:path=/b".as_ref())), DesktopNotices::Off);
}

#[test]
fn the_data_file_is_the_flag_then_the_environment() {
    let env = Environment { data: Some("/b.json".into()), ..Environment::default() };
    assert_eq!(build(&["--data", "/a.json", "list"], env.clone()).data, PathBuf::from("/a.json"));
    assert_eq!(build(&["list"], env).data, PathBuf::from("/b.json"));
}
