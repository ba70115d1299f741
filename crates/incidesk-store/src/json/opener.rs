//! Opening the JSON store that settings chose, as each command needs it.

use super::{JsonSettings, JsonStore};
use crate::error::StoreError;
use crate::interface::{OpenStore, Reading, Store};
use incidesk_domain::Desk;
use std::path::{Path, PathBuf};

/// The desk in the JSON file at `path`, opened with `settings`.
#[derive(Debug, Clone)]
pub struct JsonOpener {
    pub path: PathBuf,
    pub settings: JsonSettings,
}

impl JsonOpener {
    pub fn new(path: impl Into<PathBuf>, settings: JsonSettings) -> Self {
        JsonOpener { path: path.into(), settings }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl OpenStore for JsonOpener {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn open(&self, reading: Reading) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(JsonStore::open_with(&self.path, reading, self.settings)?))
    }

    fn create(&self, desk: &Desk) -> Result<(), StoreError> {
        crate::create(&self.path, desk)
    }
}
