//! Following other clients' changes: a change is announced by NOTIFY on
//! [`super::schema::CHANNEL`] when it commits; a live view polls for
//! announcements (without blocking) and reads only the rows changed since
//! its revision. A lost connection is an error the view shows; it is tried
//! again once a second, and the desk caught up when it is back.

use super::PgStore;
use crate::error::StoreError;
use postgres::fallible_iterator::FallibleIterator as _;
use std::time::{Duration, Instant};

/// How often a lost server is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// How often the revision is read even when no announcement came: finds a
/// connection that died without a word, and any announcement missed.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// How often a live view listens for announcements: a change made on
/// another machine is on screen within this, plus the rows' read.
pub(super) const FOLLOW_EVERY: Duration = Duration::from_millis(200);

/// How long a poll waits for announcements.
const LISTEN_WAIT: Duration = Duration::from_millis(2);

impl PgStore {
    /// `Ok(true)` when the desk in memory was replaced.
    pub(super) fn poll(&mut self) -> Result<bool, StoreError> {
        if self.client().is_err() {
            let lost = StoreError::Unreachable {
                location: self.recipe.shown.clone(),
                message: "the connection was lost; trying again every second".into(),
            };
            if self.last_attempt.is_some_and(|t| t.elapsed() < RETRY_EVERY) {
                return Err(lost);
            }
            self.connect()?;
            self.last_check = Instant::now();
            return self.caught_up();
        }
        let known = self.revision;
        let heard = {
            let client = self.client()?;
            let mut notifications = client.notifications();
            // A moment's wait, not none: the client's reactor reads the
            // socket only while it waits (`iter()` alone never sees a
            // notification that arrived since the last statement).
            let mut iter = notifications.timeout_iter(LISTEN_WAIT);
            let mut heard = false;
            loop {
                match iter.next() {
                    Ok(Some(n)) => heard |= n.payload().parse::<i64>().map_or(true, |r| r > known),
                    Ok(None) => break Ok(heard),
                    Err(e) => break Err(e),
                }
            }
        };
        let heard = match heard {
            Ok(heard) => heard,
            Err(e) => {
                let e = self.err(&e);
                self.client = None;
                return Err(e);
            }
        };
        if !heard && self.last_check.elapsed() < CHECK_EVERY {
            return Ok(false);
        }
        self.last_check = Instant::now();
        self.caught_up()
    }

    fn caught_up(&mut self) -> Result<bool, StoreError> {
        let caught = self.catch_up();
        if let Err(e) = &caught {
            self.forget_if_lost(e);
        }
        caught
    }
}
