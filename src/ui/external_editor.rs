//! Writing a long field in `$VISUAL`/`$EDITOR`: the desk hands the terminal
//! to the editor on a temporary file, takes it back, and what the file then
//! says goes into the field. The editor comes from the settings (the only
//! reader of the environment).

use super::app::App;
use super::modal::Modal;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor::Show, execute};
use std::io::Write as _;

/// The editor tried when neither `VISUAL` nor `EDITOR` names one.
pub const FALLBACK: &str = "vi";

impl App {
    /// The text a form asked to write in the editor, once.
    pub fn take_external_edit(&mut self) -> Option<String> {
        self.external_edit.take()
    }

    /// What the editor wrote goes into the focused field; if it failed, the
    /// field stays as it was and the dialog says why.
    pub fn external_edit_done(&mut self, outcome: Result<String, String>) {
        let Modal::Dialog(d) = &mut self.modal else { return };
        match outcome {
            Ok(text) => {
                let event = d.form.take_external(&text);
                self.form_event(event);
            }
            Err(why) => d.form.error = Some(why),
        }
    }
}

/// Runs `editor` (or [`FALLBACK`]) on a temporary file holding `text`, with
/// the terminal given back to the shell meanwhile; the file's text after.
pub fn edit(
    terminal: &mut DefaultTerminal,
    editor: Option<&str>,
    text: &str,
    mouse: bool,
) -> Result<String, String> {
    let editor = editor.unwrap_or(FALLBACK);
    let mut file = tempfile::Builder::new()
        .prefix("incidesk-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("no temporary file for the editor: {e}"))?;
    writeln!(file, "{text}").map_err(|e| format!("no temporary file for the editor: {e}"))?;
    let path = file.path().to_path_buf();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let ran = run(editor, &path);
    let _ = enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if mouse {
        let _ = execute!(out, EnableMouseCapture);
    }
    // The editor drew over everything: the next frame is drawn whole, onto a
    // cleared screen. (Not `Terminal::clear`: it asks the terminal where the
    // cursor is, and waits when no answer comes.)
    let _ = execute!(out, Clear(ClearType::All));
    terminal.swap_buffers();
    let _ = terminal.hide_cursor();
    ran?;
    // Read the path again: editors often write a new file in its place.
    std::fs::read_to_string(&path)
        .map_err(|e| format!("the editor's file could not be read ({e}); the field is as it was"))
}

/// Runs the editor command on `path` and waits for it. The command may carry
/// words of its own (`code --wait`), so a shell runs it, as git does.
fn run(editor: &str, path: &std::path::Path) -> Result<(), String> {
    #[cfg(unix)]
    let mut command = {
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(format!("{editor} \"$1\"")).arg("sh").arg(path);
        c
    };
    #[cfg(not(unix))]
    let mut command = {
        let mut words = editor.split_whitespace();
        let mut c = std::process::Command::new(words.next().unwrap_or(FALLBACK));
        c.args(words).arg(path);
        c
    };
    let status = command.status().map_err(|e| {
        format!(
            "the editor '{editor}' could not be started ({e}); set VISUAL or EDITOR; the field is as it was"
        )
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor '{editor}' ended with {status}; the field is as it was"))
    }
}
