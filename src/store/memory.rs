//! A store with no file, for tests and demos: same contract as [`JsonStore`],
//! including the consistency check on every change.
//!
//! [`JsonStore`]: super::JsonStore

use super::error::StoreError;
use super::{Store, validate};
use crate::domain::Desk;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    desk: Desk,
    read_only: bool,
}

impl MemoryStore {
    pub fn new(desk: Desk) -> Self {
        MemoryStore { desk, read_only: false }
    }

    /// A store whose `apply` always fails with `StoreError::ReadOnly`.
    pub fn read_only(desk: Desk) -> Self {
        MemoryStore { desk, read_only: true }
    }

    fn name() -> PathBuf {
        PathBuf::from("(memory)")
    }
}

impl Store for MemoryStore {
    fn load(&mut self) -> Result<&Desk, StoreError> {
        Ok(&self.desk)
    }

    fn desk(&self) -> &Desk {
        &self.desk
    }

    fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        Ok(false)
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn apply<T, E>(&mut self, f: impl FnOnce(&mut Desk) -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: Self::name() });
        }
        let mut work = self.desk.clone();
        let value = match f(&mut work) {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        };
        let problems = validate::problems(&work);
        if !problems.is_empty() {
            return Err(StoreError::Rejected { path: Self::name(), problems });
        }
        self.desk = work;
        Ok(Ok(value))
    }
}
