//! Opening the PostgreSQL store as each command needs it, and the
//! commands about the database itself (`incidesk db ...`).

use super::connect::{PgSettings, Recipe};
use super::schema::{self, Role};
use super::{PgStore, transfer};
use crate::error::StoreError;
use crate::interface::{OpenStore, Reading, Store};
use incidesk_domain::Desk;
use incidesk_domain::archive::Part;

/// Opens the desk in the database the settings name.
#[derive(Debug, Clone)]
pub struct PgOpener {
    settings: PgSettings,
}

impl PgOpener {
    pub fn new(settings: PgSettings) -> Self {
        PgOpener { settings }
    }

    fn recipe(&self) -> Result<Recipe, StoreError> {
        Recipe::new(&self.settings)
    }

    /// Makes or upgrades the tables (`incidesk db migrate`); the versions run.
    pub fn migrate(&self) -> Result<Vec<i32>, StoreError> {
        let recipe = self.recipe()?;
        let mut client = recipe.connect()?;
        schema::migrate(&mut client, &recipe.shown)
    }

    /// Gives `person` a role (`incidesk db grant`).
    pub fn grant(&self, person: &str, role: Role) -> Result<(), StoreError> {
        let recipe = self.recipe()?;
        let mut client = recipe.connect()?;
        schema::check(&mut client, &recipe.shown)?;
        schema::grant(&mut client, &recipe.shown, person, role)
    }

    /// Moves a desk (its live part and its archive) into an empty database.
    pub fn import(&self, desk: &Desk, archived: &Part) -> Result<(), StoreError> {
        let recipe = self.recipe()?;
        let mut client = recipe.connect()?;
        schema::check(&mut client, &recipe.shown)?;
        transfer::import(&mut client, &recipe.shown, desk, archived)
    }

    /// The whole desk, archive included, for `incidesk db export`.
    pub fn export(&self) -> Result<Desk, StoreError> {
        let store = PgStore::open(&self.settings, Reading::Whole)?;
        store.whole_desk()
    }
}

impl OpenStore for PgOpener {
    fn location(&self) -> String {
        self.recipe().map_or_else(|_| self.settings.url.clone(), |r| r.shown)
    }

    fn open(&self, reading: Reading) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(PgStore::open(&self.settings, reading)?))
    }

    /// A new desk in an empty database (the tables made first if needed).
    fn create(&self, desk: &Desk) -> Result<(), StoreError> {
        self.migrate()?;
        self.import(desk, &Part::default())
    }
}
