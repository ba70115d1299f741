//! Copying the selected id: an OSC 52 sequence asks the terminal to put the
//! text in the system clipboard. Current terminals take it; tmux passes it on
//! with `set -g set-clipboard on`. The terminal says nothing back, so the
//! status line says what was sent, not that it arrived.

use super::app::App;
use super::view_state::{Focus, Screen};

/// The OSC 52 sequence that puts `text` in the clipboard (`c`), in base64.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), as OSC 52 wants it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            let sextet = usize::try_from((n >> shift) & 63).unwrap_or(0);
            out.push(if i <= chunk.len() { char::from(ALPHABET[sextet]) } else { '=' });
        }
    }
    out
}

impl App {
    /// The id the viewer has selected: the incident on the queue and the
    /// board, the customer or pack (by the focused pane) on screen 2.
    pub fn selected_id(&self) -> Option<String> {
        match self.view.screen {
            Screen::Queue => self.view.selected.map(|i| i.to_string()),
            Screen::Board if self.view.focus == Focus::Billing => {
                self.billing_selection().map(|i| i.to_string())
            }
            Screen::Board => self.board_selection().map(|i| i.to_string()),
            Screen::Packs if self.view.focus == Focus::Customers => self.view.customer.map(|c| c.to_string()),
            Screen::Packs => self.view.pack.map(|p| p.to_string()),
        }
    }

    /// `y`: the selected id goes to the clipboard (the event loop writes it).
    pub(super) fn copy_selected(&mut self) {
        match self.selected_id() {
            Some(id) => {
                self.info(format!("copied {id} to the clipboard (OSC 52; in tmux: set -g set-clipboard on)"));
                self.clipboard = Some(id);
            }
            None => self.error("nothing is selected to copy".into()),
        }
    }

    /// The text to put in the clipboard, once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_rfc_4648_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("I-30"), "\x1b]52;c;SS0zMA==\x07");
    }
}
