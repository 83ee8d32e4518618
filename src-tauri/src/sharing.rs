//! The plan shared with other computers through a folder the owner's sync tool carries
//! (Settings → Two computers). A sync cycle (`steady_core::sync`) runs after every change made
//! here and whenever files arrive in the shared folder, which is watched (inotify), never
//! polled; while the folder cannot be reached it is tried again every half minute, as the
//! pocket plan is (a stick plugged back in is no event Steady hears).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use notify::{RecursiveMode, Watcher};
use steady_core::datafolder::DataFolder;
use steady_core::sync::cycle::{CycleReport, FirstShare, RefusedFile, FIRST_SHARE_STEP};
use steady_core::sync::folder::{SyncFolder, SYNC_DIR};
use steady_core::sync::status::{LastUpdate, SharingProblem, SharingStatus};
use steady_core::sync::SharedPlan;
use steady_core::{ApiError, CoreResult, Store};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

use crate::first_frame;
use crate::ipc::{data_changed, emit, DataKind, PlanSynced};
use crate::state::{lock, AppState};

/// How often a folder that could not be reached, or cannot be watched, is looked at again.
const RETRY: Duration = Duration::from_secs(30);
/// How long a burst of file events (a sync tool delivering several files) is let settle.
const SETTLE: Duration = Duration::from_millis(300);

/// This computer's side of the sharing.
#[derive(Default)]
pub struct Sharing {
    inner: Arc<Mutex<Inner>>,
    /// Signalled when files change in the shared folder.
    arrived: Arc<Notify>,
    /// Watches the shared folder, with the folder it watches.
    watcher: Mutex<Option<(PathBuf, notify::RecommendedWatcher)>>,
    /// That the folder cannot be watched was said (on standard error), until it can be.
    unwatched_said: AtomicBool,
}

#[derive(Default)]
struct Inner {
    /// The history, loaded at the first cycle.
    plan: Option<SharedPlan>,
    refused: Vec<RefusedFile>,
    last_update: Option<(String, DateTime<Utc>)>,
    problem: Option<SharingProblem>,
}

impl Inner {
    fn plan(&mut self, data_dir: &Path) -> CoreResult<&mut SharedPlan> {
        match &mut self.plan {
            Some(plan) => Ok(plan),
            plan => Ok(plan.insert(SharedPlan::open(data_dir)?)),
        }
    }
}

/// Where this computer shares the plan, as the cycle needs it.
struct Place {
    chosen: PathBuf,
    data_dir: PathBuf,
    folder: SyncFolder,
    machine: String,
    /// This machine's key (`DataFolder::machine_key`), written beside its name.
    key: Option<String>,
}

fn place(state: &AppState) -> Option<Place> {
    let chosen = state.folder.local_settings().sharing_folder?.0;
    let mut folder = SyncFolder::new(&chosen, &state.folder.computer_id());
    let key = DataFolder::machine_key();
    // This computer's folder written from another machine: the data folder was copied there
    // with its id. This one takes a new id (a folder of its own, a snapshot of its history).
    if key
        .as_deref()
        .is_some_and(|key| folder.written_from_elsewhere(key))
    {
        match state.folder.renew_computer_id() {
            Ok(id) => {
                eprintln!("Steady's sync folder id was in use on another computer: this one now writes as {id}");
                folder = SyncFolder::new(&chosen, &id);
            }
            Err(err) => eprintln!("Steady could not take a new sync folder id: {err}"),
        }
    }
    Some(Place {
        folder,
        chosen,
        data_dir: state.folder.dir().to_owned(),
        machine: state.folder.machine().to_owned(),
        key,
    })
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

impl Sharing {
    /// What Settings shows, read with the store held (the plan's rows name the conflicts).
    pub async fn status(&self, state: &AppState) -> Result<SharingStatus, ApiError> {
        let inner = self.inner.clone();
        let place = place(state);
        state
            .quietly(move |_store| {
                let mut inner = lock(&inner);
                let Some(place) = place else {
                    return SharedPlan::new().status(None, None, &[], None, None, None);
                };
                let (refused, last, problem) = (
                    inner.refused.clone(),
                    inner.last_update.clone(),
                    inner.problem,
                );
                inner.plan(&place.data_dir)?.status(
                    Some(&place.chosen),
                    Some(&place.folder),
                    &refused,
                    last,
                    problem,
                    home().as_deref(),
                )
            })
            .await
    }

    /// Settles a field edited on two computers with the owner's choice, here at once and on
    /// the others at their next cycle.
    pub async fn settle(
        &self,
        state: &AppState,
        conflict: (String, String, String, usize),
    ) -> Result<bool, ApiError> {
        let inner = self.inner.clone();
        let Some(place) = place(state) else {
            return Ok(false);
        };
        state
            .with_store(move |store| {
                let (table, gid, field, choice) = conflict;
                let mut inner = lock(&inner);
                let settled = inner.plan(&place.data_dir)?.settle(
                    store,
                    &table,
                    &gid,
                    &field,
                    choice,
                    Utc::now(),
                );
                if settled.is_err() {
                    // Start again from the kept history (see `cycle`).
                    inner.plan = None;
                }
                settled
            })
            .await
    }

    /// Makes the plan in `store`, a backup just put back, the plan of every computer that
    /// shares it (`SharedPlan::adopt`); nothing when the plan is not shared. Called with the
    /// store held since the restore, so no cycle writes the shared plan over it meanwhile.
    pub fn adopt(&self, state: &AppState, store: &mut Store) -> CoreResult<()> {
        let Some(place) = place(state) else {
            return Ok(());
        };
        let mut inner = lock(&self.inner);
        let adopted =
            inner
                .plan(&place.data_dir)?
                .adopt(store, &place.data_dir, &place.folder, Utc::now());
        if adopted.is_err() {
            // Start again from the kept history (see `cycle`).
            inner.plan = None;
        }
        adopted.map(|_| ())
    }

    /// Forgets the history loaded for the last folder (sharing stopped or moved).
    pub fn forget(&self) {
        let mut inner = lock(&self.inner);
        // Read again from the data folder at the next cycle (set aside if it was damaged).
        inner.plan = None;
        inner.refused.clear();
        inner.problem = None;
        inner.last_update = None;
        *lock(&self.watcher) = None;
        self.unwatched_said.store(false, Ordering::Relaxed);
    }

    /// Watches the shared folder's `Steady sync` for files arriving (the folder made first),
    /// unless it already does; whether it does.
    fn watch(&self, chosen: &Path) -> bool {
        let root = chosen.join(SYNC_DIR);
        let mut watcher = lock(&self.watcher);
        if watcher
            .as_ref()
            .is_some_and(|(watched, _)| *watched == root)
        {
            return true;
        }
        *watcher = None;
        // Never the chosen folder itself: one not there (a share not mounted) stays missing.
        if !chosen.is_dir() || (!root.is_dir() && std::fs::create_dir(&root).is_err()) {
            return false;
        }
        let arrived = self.arrived.clone();
        let made = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Files made, renamed or removed; not reads (Steady's own among them).
            let moved = event.is_ok_and(|event| {
                !matches!(
                    event.kind,
                    notify::EventKind::Access(_) | notify::EventKind::Other
                )
            });
            if moved {
                arrived.notify_one();
            }
        });
        let watched =
            made.and_then(|mut made| made.watch(&root, RecursiveMode::Recursive).map(|()| made));
        match watched {
            Ok(made) => {
                *watcher = Some((root, made));
                self.unwatched_said.store(false, Ordering::Relaxed);
                true
            }
            // Said once, not at every cycle that tries again.
            Err(err) => {
                if !self.unwatched_said.swap(true, Ordering::Relaxed) {
                    eprintln!(
                        "Steady cannot watch {}: {err}; it looks every half minute instead",
                        root.display()
                    );
                }
                false
            }
        }
    }
}

/// One cycle, if the plan is shared; whether to look again in half a minute by itself: the
/// folder could not be reached, or it cannot be watched (other programs hold all the inotify
/// instances Linux gives a user, 128 by default), so files arriving would go unseen.
async fn cycle<R: Runtime>(app: &AppHandle<R>) -> bool {
    let state = app.state::<AppState>();
    let sharing = app.state::<Sharing>();
    let Some(place) = place(&state) else {
        return false;
    };
    let unwatched = !sharing.watch(&place.chosen);
    // Not while the folder is away: the cycle would fail and forget what the steps recorded.
    if place.folder.check().is_ok() {
        record_first_share(&state, &sharing, &place.data_dir).await;
    }
    let inner = sharing.inner.clone();
    let data = state.folder.clone();
    let ran = state
        .quietly(move |store: &mut Store| {
            // Sharing stopped while this cycle waited for the store (a restore here only): the
            // plan is this computer's alone now.
            if data.local_settings().sharing_folder.map(|f| f.0) != Some(place.chosen.clone()) {
                return Ok(Some((CycleReport::default(), None)));
            }
            let mut inner = lock(&inner);
            let report = run(&mut inner, store, &place);
            match report {
                Ok(report) => {
                    inner.problem = None;
                    inner.refused.clone_from(&report.refused_files);
                    let mut update = None;
                    if report.applied.changed > 0 {
                        if let Some(from) = report.from.first() {
                            let at = Utc::now();
                            inner.last_update = Some((from.clone(), at));
                            let computer = place
                                .folder
                                .computers()
                                .unwrap_or_default()
                                .into_iter()
                                .find(|c| c.id == *from && !c.name.is_empty())
                                .map_or_else(|| from.clone(), |c| c.name);
                            update = Some(LastUpdate { computer, at });
                        }
                    }
                    Ok(Some((report, update)))
                }
                Err(err) => {
                    eprintln!("Steady could not sync the shared plan: {err}");
                    inner.problem = Some(SharingProblem::of(&err));
                    // What this cycle merged may not be in the file (its transaction rolled
                    // back) and its files are marked read: the next cycle starts again from
                    // the kept history, which has neither.
                    inner.plan = None;
                    Ok(None)
                }
            }
        })
        .await;
    let failing = match ran {
        Ok(Some((report, update))) => {
            if report.applied.changed > 0 {
                // What another computer changed: the window says so and shows it, and the
                // reminders and the pocket plan follow.
                data_changed(
                    app,
                    &[
                        DataKind::Business,
                        DataKind::Contacts,
                        DataKind::Plan,
                        DataKind::Incidents,
                        DataKind::Announced,
                    ],
                );
                if let Some(update) = update {
                    emit::<PlanSynced, R>(app, update);
                }
                state.changed.notify_one();
                state.pocket_changed.notify_one();
            }
            false
        }
        Ok(None) => true,
        Err(err) => {
            eprintln!("Steady could not sync the shared plan: {}", err.message);
            true
        }
    };
    failing || unwatched
}

/// A plan that shares for the first time has every row recorded: in steps, the store let go
/// between them, so that a plan with years of outages does not hold the window (every other
/// command waits for the store) for the whole of it. The cycle that follows records what was
/// changed between the steps. A step that fails leaves the rest to that cycle.
async fn record_first_share(state: &AppState, sharing: &Sharing, data_dir: &Path) {
    let mut step = Some(FirstShare::default());
    while let Some(from) = step {
        let inner = sharing.inner.clone();
        let data_dir = data_dir.to_owned();
        step = state
            .quietly(move |store| {
                let mut inner = lock(&inner);
                let plan = inner.plan(&data_dir)?;
                if !plan.records_every_row(store)? {
                    return Ok(None);
                }
                plan.record_step(store, from, FIRST_SHARE_STEP, Utc::now())
            })
            .await
            .unwrap_or(None);
    }
}

fn run(inner: &mut Inner, store: &mut Store, place: &Place) -> CoreResult<CycleReport> {
    place
        .folder
        .write_about_from(&place.machine, place.key.as_deref())?;
    let plan = inner.plan(&place.data_dir)?;
    plan.cycle(store, &place.data_dir, &place.folder, Utc::now())
}

/// A cycle at once (a folder just chosen). When the folder must be looked at again by itself,
/// the task that does that (`start`) is woken to take it over: it only knows from its own
/// cycles.
pub async fn cycle_now<R: Runtime>(app: &AppHandle<R>) {
    if cycle(app).await {
        app.state::<AppState>().sync_changed.notify_one();
    }
}

/// Runs a cycle once the window is up, after every change here, when files arrive in the
/// shared folder, and every half minute while the folder cannot be reached or watched.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        first_frame::after(&app).await;
        let changed = app.state::<AppState>().sync_changed.clone();
        let arrived = app.state::<Sharing>().arrived.clone();
        loop {
            let again = app.state::<AppState>().problem().is_none() && cycle(&app).await;
            let retry = async {
                if again {
                    tokio::time::sleep(RETRY).await;
                } else {
                    std::future::pending::<()>().await;
                }
            };
            tokio::select! {
                () = changed.notified() => {}
                () = arrived.notified() => tokio::time::sleep(SETTLE).await,
                () = retry => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_shared_folder_there_is_watched_and_one_away_is_not() {
        let chosen = tempfile::tempdir().unwrap();
        let sharing = Sharing::default();
        assert!(sharing.watch(chosen.path()));
        assert!(chosen.path().join(SYNC_DIR).is_dir());

        // A share not mounted: nothing is made there, and the cycle looks again by itself.
        let away = Sharing::default();
        assert!(!away.watch(&chosen.path().join("not mounted")));
        assert!(!chosen.path().join("not mounted").exists());
    }
}
