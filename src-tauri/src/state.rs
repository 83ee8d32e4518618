//! The state every command shares: the data folder, held for this process, and the open
//! database — or the reason it was refused, which the window shows with a way out rather than
//! an empty plan.

use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;

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
    /// The first open, on a thread of its own while the window and WebKit start (checking a
    /// years-old plan's pages takes ~70 ms on a shop PC): the first use of the data waits for it.
    opening: Mutex<Option<JoinHandle<Opened>>>,
}

/// The folder's lock, if taken, and the database opened in it or why not.
type Opened = (Option<DataLock>, Result<Store, StartProblem>);

/// Takes the data folder and opens the database in it, keeping the reason if either fails.
fn open_folder(folder: &DataFolder) -> Opened {
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
    (lock, store)
}

impl AppState {
    /// Takes the data folder and opens the database in it, keeping the reason if either fails.
    /// Opening begins at once on a thread of its own; nothing is read before it has ended.
    pub fn open(folder: DataFolder) -> Self {
        let on_its_own = folder.clone();
        let opening = std::thread::Builder::new()
            .name("steady-open".into())
            .spawn(move || open_folder(&on_its_own));
        let (lock, store, opening) = match opening {
            // Never read: `settle` puts what was opened in its place first.
            Ok(opening) => (None, Err(StartProblem::InUse), Some(opening)),
            // No thread to be had: opened here, as it would be.
            Err(_) => {
                let (lock, store) = open_folder(&folder);
                (lock, store, None)
            }
        };
        Self {
            folder,
            lock: Mutex::new(lock),
            store: RwLock::new(store.map(shared)),
            data_ops: Mutex::new(()),
            changed: Arc::new(Notify::new()),
            pocket_changed: Arc::new(Notify::new()),
            sync_changed: Arc::new(Notify::new()),
            opening: Mutex::new(opening),
        }
    }

    /// Waits for the first open, if it has not been taken in yet, and puts what it opened in
    /// place: every use of the data and of the lock comes through here first.
    fn settle(&self) {
        let mut opening = lock(&self.opening);
        let Some(handle) = opening.take() else {
            return;
        };
        // A panic on that thread: opened again here, where it is seen.
        let (taken, store) = handle.join().unwrap_or_else(|_| open_folder(&self.folder));
        *lock(&self.lock) = taken;
        *self.store.write().unwrap_or_else(PoisonError::into_inner) = store.map(shared);
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
        self.settle();
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
        self.settle();
        *self.store.write().unwrap_or_else(PoisonError::into_inner) = store.map(shared);
        self.notify_change();
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Result<Arc<Mutex<Store>>, StartProblem>> {
        self.settle();
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_first_use_of_the_data_sees_what_the_open_found() {
        let damaged = tempfile::tempdir().unwrap();
        std::fs::write(
            damaged.path().join("steady.sqlite3"),
            b"not a database, a photo",
        )
        .unwrap();
        let state = AppState::open(DataFolder::new(damaged.path()));
        assert!(
            matches!(state.problem(), Some(StartProblem::Damaged { .. })),
            "got {:?}",
            state.problem()
        );

        let fresh = tempfile::tempdir().unwrap();
        let state = AppState::open(DataFolder::new(fresh.path()));
        assert_eq!(state.problem(), None);
        let names = state
            .with_store_here(|store| store.list_services())
            .unwrap();
        assert!(names.is_empty());
    }
}
