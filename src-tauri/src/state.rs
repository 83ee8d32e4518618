//! The state every command shares: the data folder, held for this process, and the open
//! database — or the reason it was refused, which the window shows with a way out rather than
//! an empty plan.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use steady_core::datafolder::{DataFolder, DataLock};
use steady_core::error::StartProblem;
use steady_core::{ApiError, CoreResult, ErrorCode, Store};
use tokio::sync::Notify;

pub struct AppState {
    pub folder: DataFolder,
    /// Keeps a second Steady off the folder while this one runs.
    lock: Mutex<Option<DataLock>>,
    store: RwLock<Result<Arc<Mutex<Store>>, StartProblem>>,
    /// Held while the plan is replaced in bulk or the data file itself is replaced or opened
    /// again (a restore, an import, a retry), so two of them never run at once and each reads
    /// the state it acts on once it holds the lock.
    data_ops: Mutex<()>,
    /// Signalled after every command's call on the data, so the reminder schedule is planned
    /// again when something changed.
    pub changed: Arc<Notify>,
    /// Signalled with `changed`, for the pocket plan kept up to date in a file.
    pub pocket_changed: Arc<Notify>,
    /// Signalled with `changed`, for the plan shared with other computers.
    pub sync_changed: Arc<Notify>,
}

impl AppState {
    /// Takes the data folder and opens the database in it, keeping the reason if either fails.
    pub fn open(folder: DataFolder) -> Self {
        let (lock, store) = match folder.lock() {
            Ok(lock) => (Some(lock), folder.open(chrono::Utc::now())),
            Err(problem) => (None, Err(problem)),
        };
        if let Err(problem) = &store {
            eprintln!(
                "Steady did not open its data in {}: {problem}",
                folder.dir().display()
            );
        }
        Self {
            folder,
            lock: Mutex::new(lock),
            store: RwLock::new(store.map(shared)),
            data_ops: Mutex::new(()),
            changed: Arc::new(Notify::new()),
            pocket_changed: Arc::new(Notify::new()),
            sync_changed: Arc::new(Notify::new()),
        }
    }

    /// Why the data was not opened, if it was not.
    pub fn problem(&self) -> Option<StartProblem> {
        self.read().as_ref().err().cloned()
    }

    /// Leaves the data file whole as Steady closes: what the write-ahead log holds is moved
    /// into the file itself, so the one file is the whole plan for anyone who copies it.
    pub fn close(&self) {
        if let Ok(store) = self.read().as_ref() {
            if let Err(err) = lock(store).checkpoint() {
                eprintln!("Steady could not fold its journal into the data file: {err}");
            }
        }
    }

    /// Taken around a change to the data file itself; blocks until no other one runs.
    pub fn data_change(&self) -> std::sync::MutexGuard<'_, ()> {
        lock(&self.data_ops)
    }

    /// Tries the folder again (after the owner freed space or closed the other Steady).
    pub fn retry(&self) -> Option<StartProblem> {
        let mut held = lock(&self.lock);
        if held.is_none() {
            match self.folder.lock() {
                Ok(taken) => *held = Some(taken),
                Err(problem) => return Some(problem),
            }
        }
        let opened = self.folder.open(chrono::Utc::now());
        let problem = opened.as_ref().err().cloned();
        self.set(opened);
        problem
    }

    /// Puts a store opened after start (a restore over a refused file) in place.
    pub fn set(&self, store: Result<Store, StartProblem>) {
        *self.store.write().unwrap_or_else(PoisonError::into_inner) = store.map(shared);
        self.notify_change();
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Result<Arc<Mutex<Store>>, StartProblem>> {
        self.store.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a change `f` on the database off the async runtime's worker threads (SQLite calls
    /// block), then tells the reminder schedule that the data may have changed.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let result = self.quietly(f).await;
        self.notify_change();
        result
    }

    /// As [`AppState::with_store`], on a thread already off the async workers: for a change
    /// made while [`AppState::data_change`] is held (a restore, an import), on the store as it
    /// is once the lock is taken.
    pub fn with_store_here<T>(
        &self,
        f: impl FnOnce(&mut Store) -> CoreResult<T>,
    ) -> Result<T, ApiError> {
        let store = self
            .read()
            .as_ref()
            .map_err(|problem| ApiError::new(ErrorCode::Storage, problem.to_string()))?
            .clone();
        let result = f(&mut lock(&store)).map_err(ApiError::from);
        self.notify_change();
        result
    }

    /// Tells whoever follows the data (the reminder schedule, the pocket plan, the computers
    /// sharing it) that it may have changed.
    pub fn notify_change(&self) {
        self.changed.notify_one();
        self.pocket_changed.notify_one();
        self.sync_changed.notify_one();
    }

    /// As [`AppState::with_store`], without signalling a change: for reads, and for the
    /// reminder schedule's own marks.
    pub async fn quietly<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let store = self
            .read()
            .as_ref()
            .map_err(|problem| ApiError::new(ErrorCode::Storage, problem.to_string()))?
            .clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut store = lock(&store);
            f(&mut store).map_err(ApiError::from)
        })
        .await
        .map_err(|err| ApiError::new(ErrorCode::Storage, format!("the data task failed: {err}")))?
    }
}

/// Locks `mutex` even if a thread panicked while holding it: a panic mid-write rolled its
/// transaction back as the connection's guard dropped, so the data is consistent — keep going
/// rather than lock the owner out.
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A store opened, to be shared by the commands: it counts local days (a claim's deadline) as
/// the shop does on its screens and paper.
fn shared(store: Store) -> Arc<Mutex<Store>> {
    Arc::new(Mutex::new(
        store.with_local_time(crate::commands::print::shop_offset),
    ))
}
