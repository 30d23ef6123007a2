//! Opening a store to ask it: what `query`, `serve` and the bench do before the first question,
//! so that each opens it the same way and a figure of the first ask is a user's.

use super::answers::Tables;
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// A store opened read-only to be asked, with its answer tables' state read once: nothing
/// writes the store while it is held, so that state holds for as long as the handle.
#[derive(Clone)]
pub struct Opened {
    pub store: Store,
    pub tables: Tables,
}

/// Why a store could not be opened to be asked.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no store at {} (run `normgraph build` first, or give --store)", .0.display())]
    Missing(PathBuf),
    #[error("opening the store at {}: {error}", path.display())]
    Storage { path: PathBuf, error: StorageError },
    #[error(
        "the store at {} is incomplete: {why}; its answers would be missing facts without \
         saying so. Run `normgraph build` on it again",
        path.display()
    )]
    Incomplete { path: PathBuf, why: &'static str },
}

/// Opens the store at `path` read-only, refuses it when a build left it incomplete
/// ([`crate::store::incomplete`]), and reads whether its answer tables are current.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    if !path.exists() {
        return Err(OpenError::Missing(path.to_owned()));
    }
    let storage = |error| OpenError::Storage {
        path: path.to_owned(),
        error,
    };
    let store = crate::store::open_read_only(path).map_err(storage)?;
    if let Some(why) = crate::store::incomplete(&store).map_err(storage)? {
        return Err(OpenError::Incomplete {
            path: path.to_owned(),
            why,
        });
    }
    let tables = Tables::of(&store).map_err(storage)?;
    Ok(Opened { store, tables })
}
