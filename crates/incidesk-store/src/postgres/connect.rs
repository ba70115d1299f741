//! Connecting to the server the way libpq would: the URL first, then
//! libpq's usual variables for what it leaves out (read by the binary's
//! settings and handed in as [`PgEnv`]; nothing here reads the
//! environment), then the password file. TLS as libpq's `sslmode` says.

use crate::error::StoreError;
use postgres::config::{Host, SslMode};
use postgres::{Client, Config};
use std::path::PathBuf;
use std::time::Duration;

/// libpq's variables as the process had them (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGPASSFILE`),
/// and the operating system's user name, libpq's default role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PgEnv {
    pub host: Option<String>,
    pub port: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub dbname: Option<String>,
    pub sslmode: Option<String>,
    pub sslrootcert: Option<PathBuf>,
    /// `PGPASSFILE`, else `~/.pgpass` (the caller knows the home folder).
    pub passfile: Option<PathBuf>,
    pub os_user: Option<String>,
}

/// Where the desk is kept in PostgreSQL: a `postgres://` or
/// `postgresql://` URL and libpq's variables for what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgSettings {
    pub url: String,
    pub env: PgEnv,
}

/// Whether `data` (`--data`, `INCIDESK_DATA`) names a PostgreSQL database.
pub fn is_url(data: &str) -> bool {
    data.starts_with("postgres://") || data.starts_with("postgresql://")
}

/// libpq's `sslmode`, all six (the client library knows only three).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tls {
    Disable,
    /// allow, prefer: TLS if the server offers it, certificate not checked.
    Prefer,
    /// TLS or nothing, certificate not checked.
    Require,
    /// TLS, certificate signed by a trusted root (any host name).
    VerifyCa,
    /// TLS, certificate signed by a trusted root and naming the host.
    VerifyFull,
}

impl Tls {
    fn parse(mode: &str) -> Result<Tls, String> {
        Ok(match mode.trim() {
            "disable" => Tls::Disable,
            "allow" | "prefer" => Tls::Prefer,
            "require" => Tls::Require,
            "verify-ca" => Tls::VerifyCa,
            "verify-full" => Tls::VerifyFull,
            other => {
                return Err(format!(
                    "sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                ));
            }
        })
    }
}

/// What connecting needs, worked out once from the settings.
#[derive(Clone)]
pub(crate) struct Recipe {
    pub config: Config,
    tls: Tls,
    root_cert: Option<PathBuf>,
    /// The URL without its password, for messages.
    pub shown: String,
}

impl std::fmt::Debug for Recipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl Recipe {
    pub fn new(settings: &PgSettings) -> Result<Recipe, StoreError> {
        let shown = without_password(&settings.url);
        let bad = |message: String| StoreError::Database { location: shown.clone(), message };
        let (url, sslmode, rootcert) = take_tls_params(&settings.url);
        let mut config: Config =
            url.parse().map_err(|e| bad(format!("not a PostgreSQL URL incidesk can read: {e}")))?;
        let env = &settings.env;
        if config.get_hosts().is_empty() {
            match env.host.as_deref().filter(|h| !h.is_empty()) {
                Some(h) if h.starts_with('/') => config.host_path(h),
                Some(h) => config.host(h),
                None => config.host("localhost"),
            };
        }
        if config.get_ports().is_empty()
            && let Some(port) = env.port.as_deref().filter(|p| !p.is_empty())
        {
            let port =
                port.trim().parse().map_err(|_| bad(format!("PGPORT '{port}' is not a port number")))?;
            config.port(port);
        }
        if config.get_user().is_none() {
            let user = env.user.clone().or_else(|| env.os_user.clone()).unwrap_or_else(|| "postgres".into());
            config.user(&user);
        }
        if config.get_dbname().is_none()
            && let Some(db) = env.dbname.as_deref().filter(|d| !d.is_empty())
        {
            config.dbname(db);
        }
        if config.get_password().is_none() {
            if let Some(p) = env.password.as_deref() {
                config.password(p);
            } else if let Some(p) = env.passfile.as_deref().and_then(|f| passfile_password(f, &config)) {
                config.password(p);
            }
        }
        let tls = match sslmode.or_else(|| env.sslmode.clone()) {
            Some(mode) => Tls::parse(&mode).map_err(bad)?,
            None => Tls::Prefer,
        };
        config.ssl_mode(match tls {
            Tls::Disable => SslMode::Disable,
            Tls::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        config.connect_timeout(Duration::from_secs(5));
        config.application_name("incidesk");
        Ok(Recipe { config, tls, root_cert: rootcert.or_else(|| env.sslrootcert.clone()), shown })
    }

    /// The database's name, for a title bar.
    pub fn dbname(&self) -> String {
        self.config.get_dbname().or(self.config.get_user()).unwrap_or("postgres").to_string()
    }

    /// A new connection (TLS as `sslmode` says).
    pub fn connect(&self) -> Result<Client, StoreError> {
        let unreachable = |message: String| StoreError::Unreachable { location: self.shown.clone(), message };
        if self.tls == Tls::Disable {
            return self.config.connect(postgres::NoTls).map_err(|e| unreachable(describe(&e)));
        }
        let mut builder = native_tls::TlsConnector::builder();
        if let Some(path) = &self.root_cert {
            let pem =
                std::fs::read(path).map_err(|e| StoreError::io("read the root certificate", path, e))?;
            let cert = native_tls::Certificate::from_pem(&pem)
                .map_err(|e| unreachable(format!("{} is not a PEM certificate: {e}", path.display())))?;
            builder.add_root_certificate(cert);
        }
        // As libpq: prefer and require encrypt without checking who answers;
        // verify-ca checks the signature, verify-full the host name too.
        if matches!(self.tls, Tls::Prefer | Tls::Require) {
            builder.danger_accept_invalid_certs(true);
        }
        if self.tls != Tls::VerifyFull {
            builder.danger_accept_invalid_hostnames(true);
        }
        let connector = builder.build().map_err(|e| unreachable(format!("TLS could not be set up: {e}")))?;
        let tls = postgres_native_tls::MakeTlsConnector::new(connector);
        self.config.connect(tls).map_err(|e| unreachable(describe(&e)))
    }
}

/// A client error with its cause (the crate's own message alone is often
/// just "error connecting to server").
pub(crate) fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// Takes libpq's `sslmode` and `sslrootcert` out of the URL's query (the
/// client library refuses verify-ca and verify-full, and knows no root cert).
fn take_tls_params(url: &str) -> (String, Option<String>, Option<PathBuf>) {
    let Some((base, query)) = url.split_once('?') else { return (url.to_string(), None, None) };
    let (mut mode, mut root, mut kept) = (None, None, Vec::new());
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => mode = Some(v.to_string()),
            Some(("sslrootcert", v)) => root = Some(PathBuf::from(v)),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    (url, mode, root)
}

/// The URL with any password replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// The password for this connection in a libpq password file
/// (`host:port:database:user:password`, `*` matching anything, `\` escaping).
fn passfile_password(path: &std::path::Path, config: &Config) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(_)) => "localhost".into(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    let db = config.get_dbname().map_or_else(|| user.clone(), str::to_string);
    let wanted = [host, port, db, user];
    text.lines().filter(|l| !l.starts_with('#')).find_map(|line| {
        let fields = split_passfile_line(line);
        let [h, p, d, u, password] = <[String; 5]>::try_from(fields).ok()?;
        let fits = [h, p, d, u].iter().zip(&wanted).all(|(f, w)| f == "*" || f == w);
        fits.then_some(password)
    })
}

fn split_passfile_line(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut chars) = (Vec::new(), String::new(), line.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(url: &str, env: PgEnv) -> Recipe {
        Recipe::new(&PgSettings { url: url.into(), env }).unwrap()
    }

    #[test]
    fn the_url_wins_and_libpq_variables_fill_the_rest() {
        let env = PgEnv {
            host: Some("db.example".into()),
            port: Some("6543".into()),
            user: Some("ada".into()),
            dbname: Some("desk".into()),
            password: Some("s3cret".into()),
            sslmode: Some("verify-full".into()),
            ..PgEnv::default()
        };
        let r = recipe("postgres://", env.clone());
        assert_eq!(r.config.get_hosts(), &[Host::Tcp("db.example".into())]);
        assert_eq!(r.config.get_ports(), &[6543]);
        assert_eq!(r.config.get_user(), Some("ada"));
        assert_eq!(r.config.get_dbname(), Some("desk"));
        assert_eq!(r.config.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(r.tls, Tls::VerifyFull);
        let r = recipe("postgres://bo:pw@h:1/other?sslmode=disable", env);
        assert_eq!((r.config.get_user(), r.config.get_dbname()), (Some("bo"), Some("other")));
        assert_eq!(r.config.get_password(), Some(&b"pw"[..]));
        assert_eq!(r.tls, Tls::Disable);
        assert_eq!(r.shown, "postgres://bo:***@h:1/other?sslmode=disable");
    }

    #[test]
    fn a_bad_sslmode_is_named() {
        let e =
            Recipe::new(&PgSettings { url: "postgres://h/d?sslmode=always".into(), env: PgEnv::default() })
                .unwrap_err();
        assert!(e.to_string().contains("sslmode 'always'"), "{e}");
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "# comment\nother:*:*:*:no\ndb.example:5432:desk:ada:pa\\:ss\n").unwrap();
        let env = PgEnv { passfile: Some(file), ..PgEnv::default() };
        let r = recipe("postgres://ada@db.example/desk", env);
        assert_eq!(r.config.get_password(), Some(&b"pa:ss"[..]));
    }
}
