//! The pocket plan kept up to date: when the owner asked for it, the file they chose (on a USB
//! stick, in a synced folder) is written again after every change to the data, so the copy on
//! their phone is never older than the last change they made.

use std::sync::Mutex;

use chrono::{Local, Offset, TimeZone, Utc};
use steady_core::pocket::{self, PocketStatus};
use steady_core::ApiError;
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::data::off_thread;
use crate::state::{lock, AppState};

/// Whether the last write of the kept file failed, to say so in the window.
#[derive(Default)]
pub struct PocketRefresh {
    unreachable: Mutex<bool>,
}

impl PocketRefresh {
    pub fn status(&self, state: &AppState) -> PocketStatus {
        let kept_at = state.folder.local_settings().pocket_plan;
        PocketStatus {
            unreachable: kept_at.is_some() && *lock(&self.unreachable),
            kept_at,
        }
    }

    pub fn record(&self, worked: bool) {
        *lock(&self.unreachable) = !worked;
    }
}

/// The pocket plan as it reads now, in the shop's local times.
pub async fn render(state: &AppState) -> Result<String, ApiError> {
    let local = |at: chrono::DateTime<Utc>| Local.offset_from_utc_datetime(&at.naive_utc()).fix();
    state
        .quietly(move |store| store.pocket_plan(Utc::now(), &local))
        .await
}

/// Writes the pocket plan to the file kept up to date, if there is one.
async fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Some(path) = state.folder.local_settings().pocket_plan else {
        return;
    };
    let written = match render(&state).await {
        Ok(html) => {
            off_thread(move || pocket::write_file(path.as_ref(), &html).map_err(ApiError::from))
                .await
        }
        Err(err) => Err(err),
    };
    if let Err(err) = &written {
        eprintln!("Steady could not refresh the pocket plan: {}", err.message);
    }
    app.state::<PocketRefresh>().record(written.is_ok());
}

/// Refreshes the kept file once at start (the stick may have been out when Steady last
/// wrote it) and after every change, for as long as Steady runs.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let changed = app.state::<AppState>().pocket_changed.clone();
        loop {
            if app.state::<AppState>().problem().is_none() {
                refresh(&app).await;
            }
            changed.notified().await;
        }
    });
}
