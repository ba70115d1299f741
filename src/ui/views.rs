//! What each pane draws, taken from the app: the panes get these views, not
//! the app, so that a pane can only draw what it is given.

use super::app::App;
use super::board::BoardView;
use super::detail::DetailView;
use super::pane::PaneView;
use super::queue::{ArchiveShown, QueueView};
use crate::domain::Subject;

impl App {
    pub fn queue_view(&self) -> QueueView<'_> {
        QueueView {
            rows: self.queue_rows(),
            desk: self.desk(),
            now: self.now(),
            view: &self.view,
            theme: &self.theme,
            archive: ArchiveShown {
                archived: self.archived(),
                shown: self.shows_archive(),
                pending: self.archive_pending(),
                wanted: self.shows_closed(),
            },
        }
    }

    /// What every pane draws from.
    pub fn pane_view(&self) -> PaneView<'_> {
        PaneView { desk: self.desk(), now: self.now(), view: &self.view, theme: &self.theme }
    }

    pub fn board_view(&self) -> BoardView<'_> {
        BoardView { pane: self.pane_view(), report: self.board_report(), next: self.board_rows() }
    }

    pub fn billing_view(&self) -> super::board_billing::BillingView<'_> {
        super::board_billing::BillingView { pane: self.pane_view(), rows: self.billing_rows() }
    }

    pub fn detail_view(&self) -> DetailView<'_> {
        self.history_view(self.view.selected.map(Subject::Incident))
    }

    /// The detail of the desk with the history of `subject` (none: no history).
    pub fn history_view(&self, subject: Option<Subject>) -> DetailView<'_> {
        let history = subject.map(|s| self.history_of(s)).unwrap_or_default();
        DetailView {
            desk: self.desk(),
            now: self.now(),
            view: &self.view,
            theme: &self.theme,
            history,
            history_pending: self.history_pending(),
        }
    }
}
