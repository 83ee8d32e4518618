use std::sync::Mutex;

use chrono::Utc;
use steady_core::home::Home;
use steady_core::start::StartUp;
use steady_core::ApiError;
use tauri::{AppHandle, Manager, State};
use tokio::sync::oneshot;

use crate::commands::business::remember_language;
use crate::commands::data::{copy_daily_backup, off_thread, take_daily_backup};
use crate::commands::system::system_language;
use crate::reminders::SystemNotifications;
use crate::state::{lock, AppState};
use crate::OutageAsked;

/// The first screen's data, read as the window is made rather than when its page asks:
/// taken by the first `start_up`. Nothing else writes before then (the housekeeping waits for
/// the first frame, `first_frame.rs`), so what it read is still what the data says.
#[derive(Default)]
pub struct ReadAhead(Mutex<Option<oneshot::Receiver<Result<StartUp, ApiError>>>>);

/// Takes the day's backup when one is due, then reads the first screen's data (so the first
/// screen says it was taken), then copies the backup off the computer.
pub fn read_ahead(app: &AppHandle) {
    let (read_out, read_in) = oneshot::channel();
    *lock(&app.state::<ReadAhead>().0) = Some(read_in);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let taken = take_daily_backup(&app).await;
        // Nobody waits for it once the window is gone.
        let _ = read_out.send(read(&app.state()).await);
        if let Some(outcome) = taken {
            copy_daily_backup(&app, outcome).await;
        }
    });
}

async fn read(state: &AppState) -> Result<StartUp, ApiError> {
    let language = system_language();
    let folder = state.folder.clone();
    match state.problem() {
        Some(problem) => {
            off_thread(move || {
                let problem = folder.problem(problem);
                Ok(StartUp::refused(&folder, problem, language))
            })
            .await
        }
        None => {
            state
                .quietly(move |store| StartUp::read(&folder, store, language, Utc::now()))
                .await
        }
    }
}

/// Everything the first screen needs, in one call: the window's start-up waits on one round
/// trip instead of a chain of them, and the first one finds it already read.
#[steady_macros::command]
pub async fn start_up(
    state: State<'_, AppState>,
    ahead: State<'_, ReadAhead>,
    system: State<'_, SystemNotifications>,
    outage: State<'_, OutageAsked>,
) -> Result<StartUp, ApiError> {
    let early = lock(&ahead.0).take();
    let read_early = match early {
        Some(reading) => reading.await.ok(),
        None => None,
    };
    let mut start = match read_early {
        Some(start) => start?,
        None => read(&state).await?,
    };
    if let Some(business) = &start.business {
        remember_language(&state, business);
    }
    start.notifications = system.available();
    start.something_down = outage.take();
    Ok(start)
}

/// The first screen: the outage in progress, or how ready the plan is.
#[steady_macros::command]
pub async fn get_home(state: State<'_, AppState>) -> Result<Home, ApiError> {
    state.quietly(|store| store.home(Utc::now())).await
}
