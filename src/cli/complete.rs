//! What the shell completion scripts ask the desk for: `incidesk complete
//! WHAT` (hidden) prints the ids a position takes, one a line, and the
//! bash, zsh and fish scripts of `incidesk completions` call it (see
//! [`with_desk`]), so that `incidesk show I-<Tab>` offers the
//! open incidents and `--customer <Tab>` the customers.

use super::{CliError, Context};
use crate::exit::leak_at_exit;
use crate::store::Reading;

/// What a completion asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Completable {
    /// Open incidents (the ID of respond, show, close, …).
    Incidents,
    /// Everything with a history: open incidents, packs, customers, products.
    Subjects,
    /// Customer ids.
    Customers,
    /// Product ids.
    Products,
}

pub fn run(ctx: &Context, what: Completable) -> Result<(), CliError> {
    let store = ctx.store.open(Reading::WithoutHistory).map_err(CliError::store)?;
    let desk = store.desk();
    let open = || desk.incidents.iter().filter(|i| i.is_open()).map(|i| i.id.to_string());
    let customers = || desk.customers.iter().map(|c| c.id.to_string());
    let products = || desk.products.iter().map(|p| p.id.to_string());
    let ids: Vec<String> = match what {
        Completable::Incidents => open().collect(),
        Completable::Subjects => open()
            .chain(desk.packs.iter().map(|p| p.id.to_string()))
            .chain(customers())
            .chain(products())
            .collect(),
        Completable::Customers => customers().collect(),
        Completable::Products => products().collect(),
    };
    let result = super::print(&ids.iter().map(|id| format!("{id}\n")).collect::<String>());
    // The process ends with this command.
    leak_at_exit(store);
    result
}

/// The subcommands whose first argument is an incident.
const ON_INCIDENT: &str = "respond contact propose severity amend split close bill assign show";

/// Appended to clap's bash script: ids from the desk (the `--data` typed, if
/// any) after a subcommand that takes one, `--customer` and `--product`.
pub const DESK_BASH: &str = r#"
# Ids from the desk itself (incidesk complete WHAT).
_incidesk_desk() {
    _incidesk "$@"
    local cur="$2" prev="$3" what="" data=() i
    [[ "$cur" == -* ]] && return 0
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ "${COMP_WORDS[i]}" == --data ]] && data=(--data "${COMP_WORDS[i+1]}")
    done
    case " ON_INCIDENT " in *" $prev "*) what=incidents ;; esac
    case "$prev" in
        history) what=subjects ;;
        --customer) what=customers ;;
        --product) what=products ;;
    esac
    [[ -z "$what" ]] && return 0
    COMPREPLY=( $(compgen -W "$(incidesk "${data[@]}" complete "$what" 2>/dev/null)" -- "$cur") )
}
complete -F _incidesk_desk -o bashdefault -o default incidesk
"#;

/// Appended to clap's fish script, as [`DESK_BASH`] to bash's.
pub const DESK_FISH: &str = r#"
# Ids from the desk itself (incidesk complete WHAT).
complete -c incidesk -n "__fish_incidesk_using_subcommand ON_INCIDENT" -f -a "(incidesk complete incidents 2>/dev/null)"
complete -c incidesk -n "__fish_incidesk_using_subcommand history" -f -a "(incidesk complete subjects 2>/dev/null)"
complete -c incidesk -l customer -x -a "(incidesk complete customers 2>/dev/null)"
complete -c incidesk -l product -x -a "(incidesk complete products 2>/dev/null)"
"#;

/// Appended to clap's zsh script, whose specs [`zsh_with_desk`] points at it.
const DESK_ZSH: &str = r#"
# Ids from the desk itself (incidesk complete WHAT).
_incidesk_desk_ids() {
    local -a ids
    ids=(${(f)"$(incidesk complete $1 2>/dev/null)"})
    compadd -a ids
}
"#;

/// `shell`'s script as clap wrote it, with ids from the desk completed.
pub fn with_desk(shell: clap_complete::Shell, script: String) -> String {
    let extra = match shell {
        clap_complete::Shell::Bash => DESK_BASH,
        clap_complete::Shell::Fish => DESK_FISH,
        clap_complete::Shell::Zsh => return zsh_with_desk(&script),
        _ => return script,
    };
    script + &extra.replace("ON_INCIDENT", ON_INCIDENT)
}

/// clap's zsh specs end in `:_default` for the ID of a subcommand and the
/// values of `--customer` and `--product`; they are pointed at
/// `_incidesk_desk_ids` instead (the history ID, the only one that names
/// PR-4, takes every subject). The function goes before the script's last
/// lines, which call `_incidesk` at once when zsh autoloads the file.
fn zsh_with_desk(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + DESK_ZSH.len());
    let mut defined = false;
    for line in script.lines() {
        if line.starts_with("if [ \"$funcstack[1]\" = \"_incidesk\" ]") && !defined {
            out.push_str(DESK_ZSH.trim_start());
            out.push('\n');
            defined = true;
        }
        let what = if line.starts_with("':id -- ") && line.contains("PR-4") {
            Some("subjects")
        } else if line.starts_with("':id -- ") {
            Some("incidents")
        } else if line.starts_with("'--customer=[") {
            Some("customers")
        } else if line.starts_with("'--product=[") {
            Some("products")
        } else {
            None
        };
        match what.filter(|_| line.ends_with(":_default' \\")) {
            Some(what) => {
                let head = line.strip_suffix(":_default' \\").unwrap_or(line);
                out.push_str(&format!("{head}:_incidesk_desk_ids {what}' \\\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if defined { out } else { out + DESK_ZSH }
}
