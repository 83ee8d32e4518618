//! The pocket plan kept up to date: when the owner asked for it, the file they chose (on a USB
//! stick, in a synced folder) is written again after every change to the data, so the copy on
//! their phone is never older than the last change they made.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;
use steady_core::datafolder::Kept;
use steady_core::pocket::{self, PocketPlan, PocketStatus};
use steady_core::ApiError;
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::data::off_thread;
use crate::commands::print::shop_offset;
use crate::first_frame;
use crate::state::{lock, AppState};

/// How often a kept file that could not be written is tried again (the stick plugged back
/// in is not an event Steady hears).
const RETRY: Duration = Duration::from_secs(30);

/// Whether the last write of the kept file failed, to say so in the window; and the turn
/// every write takes, so a save and a refresh of the same file never cross.
#[derive(Default)]
pub struct PocketRefresh {
    /// The kept file whose last write failed.
    failed: Mutex<Option<PathBuf>>,
    writing: tokio::sync::Mutex<()>,
}

impl PocketRefresh {
    pub fn status(&self, state: &AppState) -> PocketStatus {
        let settings = state.folder.local_settings();
        let kept_at = settings.kept_pocket_plan();
        let failed = lock(&self.failed);
        PocketStatus {
            sensitive: settings.pocket_plan_sensitive.unwrap_or(false),
            unreachable: kept_at
                .as_ref()
                .is_some_and(|kept| failed.as_ref() == Some(&kept.path)),
            kept_at: kept_at.map(|kept| kept.path.display().to_string()),
        }
    }

    /// Remembers how the last write of `path` went.
    fn record(&self, path: &Path, worked: bool) {
        let mut failed = lock(&self.failed);
        if worked {
            if failed.as_deref() == Some(path) {
                *failed = None;
            }
        } else {
            *failed = Some(path.to_owned());
        }
    }

    /// Writes the pocket plan as it reads now to the kept file (`None`: there is none), on
    /// the disk it was chosen on, in turn with every other write. The settings are read in
    /// the turn: a write that began before the owner changed them (another file, account
    /// numbers left out) never lands after theirs.
    pub async fn write_kept(&self, state: &AppState) -> Option<Result<(), ApiError>> {
        let _turn = self.writing.lock().await;
        let settings = state.folder.local_settings();
        let kept: Kept = settings.kept_pocket_plan()?;
        let sensitive = settings.pocket_plan_sensitive.unwrap_or(false);
        let path = kept.path.clone();
        let written = match render(state, sensitive).await {
            Ok(plan) => {
                off_thread(move || pocket::write_kept(&kept, &plan.html).map_err(ApiError::from))
                    .await
            }
            Err(err) => Err(err),
        };
        self.record(&path, written.is_ok());
        Some(written)
    }
}

/// The pocket plan as it reads now, in the shop's local times; with the account numbers
/// only when `sensitive`.
pub async fn render(state: &AppState, sensitive: bool) -> Result<PocketPlan, ApiError> {
    state
        .quietly(move |store| store.pocket_plan(Utc::now(), &shop_offset, sensitive))
        .await
}

/// Writes the pocket plan to the file kept up to date, if there is one; whether it failed.
async fn refresh<R: Runtime>(app: &AppHandle<R>) -> bool {
    let state = app.state::<AppState>();
    match app.state::<PocketRefresh>().write_kept(&state).await {
        Some(Err(err)) => {
            eprintln!("Steady could not refresh the pocket plan: {}", err.message);
            true
        }
        _ => false,
    }
}

/// Refreshes the kept file once at start (the stick may have been out when Steady last
/// wrote it), after every change, and every half minute while it cannot be written.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        first_frame::after(&app).await;
        let changed = app.state::<AppState>().pocket_changed.clone();
        loop {
            let failing = app.state::<AppState>().problem().is_none() && refresh(&app).await;
            if failing {
                tokio::select! {
                    () = changed.notified() => {}
                    () = tokio::time::sleep(RETRY) => {}
                }
            } else {
                changed.notified().await;
            }
        }
    });
}
