//! The queue's order, chosen by the viewer: by due time (the domain's own
//! order: what breaches next comes first), by severity, by customer or by
//! age. Each sort is stable, so due time orders within its groups.

use super::cache::QueueEntry;
use crate::domain::Desk;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum QueueSort {
    #[default]
    Due,
    Severity,
    Customer,
    Age,
}

impl QueueSort {
    pub const ALL: [QueueSort; 4] =
        [QueueSort::Due, QueueSort::Severity, QueueSort::Customer, QueueSort::Age];

    /// The next sort, in the order of [`QueueSort::ALL`].
    pub fn next(self) -> QueueSort {
        let i = QueueSort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        QueueSort::ALL[(i + 1) % QueueSort::ALL.len()]
    }

    /// The word in the queue's title and the status line.
    pub fn word(self) -> &'static str {
        match self {
            QueueSort::Due => "due",
            QueueSort::Severity => "severity",
            QueueSort::Customer => "customer",
            QueueSort::Age => "age",
        }
    }

    /// What the order is, for the status line.
    pub fn explained(self) -> &'static str {
        match self {
            QueueSort::Due => "by due time: unanswered first, the next to breach at the top",
            QueueSort::Severity => "by severity: A first, by due time within each",
            QueueSort::Customer => "by customer name, by due time within each",
            QueueSort::Age => "by age: the oldest submission first",
        }
    }
}

/// Puts `rows` (in due order) in the order `sort` asks for.
pub fn sort(desk: &Desk, rows: &mut [QueueEntry], sort: QueueSort) {
    match sort {
        QueueSort::Due => {}
        QueueSort::Severity => rows.sort_by_key(|e| desk.incident(e.id).map(|i| i.severity)),
        QueueSort::Customer => rows.sort_by_cached_key(|e| {
            desk.incident(e.id).and_then(|i| desk.customer(i.customer)).map(|c| c.name.to_lowercase())
        }),
        QueueSort::Age => rows.sort_by_key(|e| desk.incident(e.id).map(|i| i.submitted)),
    }
}
