//! The state every command shares: the open database, or the reason it could not be opened
//! (shown to the owner in the window rather than crashing before it appears).

use std::path::Path;
use std::sync::{Arc, Mutex};

use steady_core::{ApiError, CoreResult, ErrorCode, Store};
use tokio::sync::Notify;

pub struct AppState {
    store: Result<Arc<Mutex<Store>>, String>,
    /// Signalled after every command's call on the data, so the reminder schedule is planned
    /// again when something changed.
    pub changed: Arc<Notify>,
}

impl AppState {
    /// Opens the database in `dir`, keeping the reason if that fails.
    pub fn open(dir: &Path) -> Self {
        let store = Store::open_in_dir(dir)
            .map(|store| Arc::new(Mutex::new(store)))
            .map_err(|err| format!("{err} (data folder: {})", dir.display()));
        if let Err(reason) = &store {
            eprintln!("Steady could not open its data: {reason}");
        }
        Self {
            store,
            changed: Arc::new(Notify::new()),
        }
    }

    /// Runs a change `f` on the database off the async runtime's worker threads (SQLite calls
    /// block), then tells the reminder schedule that the data may have changed.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let result = self.quietly(f).await;
        self.changed.notify_one();
        result
    }

    /// As [`AppState::with_store`], without signalling a change: for reads, and for the
    /// reminder schedule's own marks.
    pub async fn quietly<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let store = self
            .store
            .as_ref()
            .map_err(|reason| ApiError::new(ErrorCode::Storage, reason.clone()))?
            .clone();
        tauri::async_runtime::spawn_blocking(move || {
            // A panic mid-write rolled its transaction back as the connection's guard dropped,
            // so the data is consistent: keep going rather than lock the owner out.
            let mut store = store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut store).map_err(ApiError::from)
        })
        .await
        .map_err(|err| ApiError::new(ErrorCode::Storage, format!("the data task failed: {err}")))?
    }
}
