//! `--json` for what goes wrong and what to watch: one JSON object per line
//! on stderr, in the shapes docs/JSON.md documents (and keeps stable).

use super::error::{CliError, Kind};
use super::hint::Advice;
use crate::domain::text::clean_line;
use serde_json::{Value, json};

/// `{"error": {"kind", "rule", "message", "hint"}}`, plus `problems` when
/// `check` found some. Text is cleaned as on a terminal: a script may print it.
pub fn error(e: &CliError) -> Value {
    let mut error = json!({
        "kind": e.kind.key(),
        "rule": e.rule.map(|r| format!("R{r}")),
        "message": clean_line(&e.message),
        "hint": e.what_to_do().map(|a| cleaned(&a)),
    });
    if !e.problems.is_empty() {
        error["problems"] = json!(e.problems.iter().map(|p| clean_line(p)).collect::<Vec<_>>());
    }
    json!({ "error": error })
}

fn cleaned(a: &Advice) -> Advice {
    Advice {
        text: a.text.as_deref().map(clean_line),
        flags: a.flags.iter().map(|f| clean_line(f)).collect(),
        env: a.env.clone(),
        values: a.values.iter().map(|v| clean_line(v)).collect(),
        command: a.command.as_deref().map(clean_line),
    }
}

/// `{"warning": {"kind", "message", …}}`: something done that a script
/// should know of, e.g. a change on a frozen clock (`kind` "backdated").
pub fn warning(kind: &str, message: &str, extra: Value) -> Value {
    let mut warning = json!({ "kind": kind, "message": clean_line(message) });
    if let (Some(w), Value::Object(extra)) = (warning.as_object_mut(), extra) {
        w.extend(extra);
    }
    json!({ "warning": warning })
}

/// One line on stderr.
pub fn say(value: &Value) {
    eprintln!("{value}");
}

/// A usage error from clap as a [`CliError`]: its first line as the message,
/// its suggestions and valid values as what to do.
pub fn from_clap(e: &clap::Error, tip: Option<String>) -> CliError {
    use clap::error::ContextKind;
    let rendered = e.render().to_string();
    let message = rendered.lines().next().unwrap_or_default().trim_start_matches("error: ").to_string();
    let list = |kind: ContextKind| -> Vec<String> {
        match e.get(kind) {
            Some(clap::error::ContextValue::Strings(v)) => v.clone(),
            Some(clap::error::ContextValue::String(v)) => vec![v.clone()],
            _ => Vec::new(),
        }
    };
    let tips: Vec<String> = rendered
        .lines()
        .filter_map(|l| l.trim().strip_prefix("tip: ").map(str::to_string))
        .chain(tip)
        .collect();
    let mut flags = list(ContextKind::SuggestedArg);
    // An unknown subcommand: the ones it resembles are the values to choose from.
    let mut values = list(ContextKind::ValidValue);
    values.extend(list(ContextKind::SuggestedSubcommand));
    if let Some(Advice { flags: named, .. }) = tips.iter().find_map(|t| Advice::from_message(t)) {
        flags.extend(named.into_iter().filter(|f| !flags.contains(f)).collect::<Vec<_>>());
    }
    let advice = Advice {
        text: (!tips.is_empty()).then(|| tips.join("; ")),
        flags,
        env: Vec::new(),
        values,
        command: Some("incidesk --help".to_string()),
    };
    CliError::new(Kind::Usage, message).advice(advice)
}
