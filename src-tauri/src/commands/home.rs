use chrono::Utc;
use steady_core::home::Home;
use steady_core::start::StartUp;
use steady_core::ApiError;
use tauri::State;

use crate::commands::business::remember_language;
use crate::commands::data::off_thread;
use crate::commands::system::system_language;
use crate::reminders::SystemNotifications;
use crate::state::AppState;
use crate::OutageAsked;

/// Everything the first screen needs, in one call: the window's start-up waits on one round
/// trip instead of a chain of them.
#[steady_macros::command]
pub async fn start_up(
    state: State<'_, AppState>,
    system: State<'_, SystemNotifications>,
    outage: State<'_, OutageAsked>,
) -> Result<StartUp, ApiError> {
    let language = system_language();
    let folder = state.folder.clone();
    let mut start = match state.problem() {
        Some(problem) => {
            off_thread(move || {
                let problem = folder.problem(problem);
                Ok(StartUp::refused(&folder, problem, language))
            })
            .await?
        }
        None => {
            state
                .quietly(move |store| StartUp::read(&folder, store, language, Utc::now()))
                .await?
        }
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
