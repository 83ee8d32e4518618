use std::sync::Mutex;

use chrono::Utc;
use steady_core::home::Home;
use steady_core::start::StartUp;
use steady_core::ApiError;
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::commands::business::remember_language;
use crate::commands::data::off_thread;
use crate::commands::system::system_language;
use crate::reminders::SystemNotifications;
use crate::state::{lock, AppState};
use crate::OutageAsked;

/// The first screen's data, read as the window is made rather than when its page asks:
/// taken by the first `start_up`. Nothing writes before then (the housekeeping waits for the
/// first frame, `first_frame.rs`), so what it read is still what the data says.
#[derive(Default)]
pub struct ReadAhead(Mutex<Option<JoinHandle<Result<StartUp, ApiError>>>>);

/// Starts reading the first screen's data.
pub fn read_ahead<R: Runtime>(app: &AppHandle<R>) {
    let reading = app.clone();
    let handle = tauri::async_runtime::spawn(async move { read(&reading.state()).await });
    *lock(&app.state::<ReadAhead>().0) = Some(handle);
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
        Some(handle) => handle.await.ok(),
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
