//! What the panes show, worked out from the desk and kept until it can have
//! changed: the queue's rows, the board's rows and report, the history
//! index, and the whole record while closed incidents are shown. Drawing
//! only reads the app, so these live behind `RefCell`s filled on first use.

use super::cache::{HistoryIndex, QueueCache, QueueEntry};
use super::sort::QueueSort;
use super::whole::Whole;
use crate::domain::queue::Filter;
use crate::domain::report::Report;
use crate::domain::{Billing, Desk, HistoryEntry, IncidentId, Instant, Subject};
use crate::store::Store;
use chrono::{SubsecRound as _, Timelike as _};
use std::cell::RefCell;
use std::rc::Rc;

/// A report stays right while the desk, the minute (pack expiry counts days
/// in the customers' zones) and every open incident's countdown state stay
/// the same.
type ReportKey = (u64, Instant, Option<Instant>);

#[derive(Default)]
pub struct DeskView {
    queue: RefCell<QueueCache>,
    board: RefCell<QueueCache>,
    history: RefCell<HistoryIndex>,
    report: RefCell<Option<(ReportKey, Rc<Report>)>>,
    /// The board's incidents waiting for a billing decision, per generation.
    billing: RefCell<Option<(u64, Rc<[IncidentId]>)>>,
    /// The live desk with the archive merged in, while closed incidents are shown.
    whole: Whole,
}

impl DeskView {
    /// The desk the panes show: the live one, or when `closed` incidents are
    /// wanted, the whole record with the archived ones too (they are closed
    /// incidents like any other to the person looking for one).
    pub fn desk<'a>(&'a self, store: &'a dyn Store, closed: bool) -> &'a Desk {
        self.whole.get(store, closed).unwrap_or(store.desk())
    }

    /// Whether [`DeskView::desk`] is the whole record, archive included.
    pub fn shows_archive(&self, store: &dyn Store, closed: bool) -> bool {
        self.whole.get(store, closed).is_some()
    }

    /// What the kept views of [`DeskView::desk`] are keyed by: the store's
    /// generation, told apart for the live desk and the whole record of it,
    /// which hold different incidents and history.
    pub fn generation(&self, store: &dyn Store, closed: bool) -> u64 {
        store.generation() * 2 + u64::from(self.shows_archive(store, closed))
    }

    /// After the filter or the store changed: reads the whole record anew
    /// if it is wanted, or drops it; a failure to read it (a missing or
    /// damaged archive file) is returned for the status line.
    pub fn sync_whole(&mut self, store: &dyn Store, closed: bool) -> Option<String> {
        self.whole.sync(store, closed).map(|e| format!("archived incidents not shown: {e}"))
    }

    /// Leaves reading the archive for the next [`DeskView::sync_whole`], so
    /// that a frame saying it is coming can be drawn first.
    pub fn wait_for_archive(&mut self) {
        self.whole.wait();
    }

    pub fn archive_pending(&self) -> bool {
        self.whole.is_pending()
    }

    /// The queue's incidents in order with their countdown states at `now`;
    /// each second only the incidents whose state or paused flag changes are
    /// computed again.
    pub fn queue_rows(
        &self,
        desk: &Desk,
        generation: u64,
        now: Instant,
        filter: &Filter,
        order: QueueSort,
    ) -> Rc<[QueueEntry]> {
        // As `ViewState::shows_closed`: `billing:pending` wants closed ones too.
        let include_closed = filter.wants_closed();
        self.queue.borrow_mut().rows(desk, generation, now, filter, order, include_closed)
    }

    /// The lead board's "next breaches": open incidents without a first
    /// response, in queue order (no filter). The board reads the live desk
    /// whatever the filter: open incidents are never archived, and its
    /// all-time figures come with the archive's index.
    pub fn board_rows(&self, store: &dyn Store, now: Instant) -> Vec<QueueEntry> {
        let desk = store.desk();
        let all = self.board.borrow_mut().rows(
            desk,
            store.generation(),
            now,
            &Filter::default(),
            QueueSort::Due,
            false,
        );
        all.iter()
            .copied()
            .filter(|e| desk.incident(e.id).is_some_and(|i| i.first_response.is_none()))
            .collect()
    }

    /// The earliest next visible change of any open incident (the board's counts).
    pub fn board_next_change(&self, store: &dyn Store, now: Instant) -> Option<Instant> {
        self.board_rows(store, now);
        self.board.borrow().next_change()
    }

    /// The lead board's counts, met rate and expiring packs at `now`,
    /// computed again only when they can have changed (see [`ReportKey`]).
    pub fn board_report(&self, store: &dyn Store, now: Instant) -> Rc<Report> {
        let minute = now.with_second(0).unwrap_or(now).trunc_subsecs(0);
        let key = (store.generation(), minute, self.board_next_change(store, now));
        let mut kept = self.report.borrow_mut();
        match kept.as_ref() {
            Some((k, r)) if *k == key => Rc::clone(r),
            _ => {
                let r = Rc::new(crate::domain::report::report(store.desk(), now));
                *kept = Some((key, Rc::clone(&r)));
                r
            }
        }
    }

    /// R14: the live incidents waiting for a billing decision, the longest
    /// waiting first (settled ones alone go to the archive, so none is there).
    pub fn billing_rows(&self, store: &dyn Store) -> Rc<[IncidentId]> {
        let generation = store.generation();
        let mut kept = self.billing.borrow_mut();
        if let Some((g, rows)) = kept.as_ref()
            && *g == generation
        {
            return Rc::clone(rows);
        }
        let mut pending: Vec<_> = store
            .desk()
            .incidents
            .iter()
            .filter(|i| i.billing_state() == Billing::Pending)
            .filter_map(|i| i.closed.as_ref().map(|c| (c.at, i.id)))
            .collect();
        pending.sort();
        let rows: Rc<[IncidentId]> = pending.into_iter().map(|(_, id)| id).collect();
        *kept = Some((generation, Rc::clone(&rows)));
        rows
    }

    /// R21: the history of a subject, oldest first, from an index kept per
    /// desk generation (instead of a scan of every entry).
    pub fn history_of<'a>(&self, desk: &'a Desk, generation: u64, subject: Subject) -> Vec<&'a HistoryEntry> {
        self.history.borrow_mut().of(desk, generation, subject)
    }
}
