use chrono::Utc;
use steady_core::home::Home;
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

/// The first screen: the outage in progress, or how ready the plan is.
#[steady_macros::command]
pub async fn get_home(state: State<'_, AppState>) -> Result<Home, ApiError> {
    state.quietly(|store| store.home(Utc::now())).await
}
