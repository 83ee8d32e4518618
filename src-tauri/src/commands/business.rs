use chrono::Utc;
use steady_core::business::{Business, BusinessInput};
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

#[steady_macros::command]
pub async fn get_business(state: State<'_, AppState>) -> Result<Option<Business>, ApiError> {
    state.quietly(|store| store.business()).await
}

#[steady_macros::command]
pub async fn save_business(
    state: State<'_, AppState>,
    input: BusinessInput,
) -> Result<Business, ApiError> {
    state
        .with_store(move |store| store.save_business(&input, Utc::now()))
        .await
}
