use chrono::Utc;
use steady_core::business::{Business, BusinessInput};
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

/// Keeps the owner's language beside the data, for the screens shown when it cannot be read.
pub(crate) fn remember_language(state: &AppState, business: &Business) {
    if let Err(err) = state.folder.remember_language(business.language) {
        eprintln!("Steady could not remember the language: {err}");
    }
}

#[steady_macros::command(changes(Business))]
pub async fn save_business(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: BusinessInput,
) -> Result<Business, ApiError> {
    let saved = state
        .with_store(move |store| store.save_business(&input, Utc::now()))
        .await?;
    remember_language(&state, &saved);
    // A first plan gets its first backup now, not at tomorrow's start.
    crate::commands::data::daily_backup(&app).await;
    Ok(saved)
}

/// The first run: the business and, with `with_starter`, its starter plan, in one write.
#[steady_macros::command(changes(Business, Plan, Contacts))]
pub async fn start_business(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: BusinessInput,
    with_starter: bool,
) -> Result<Business, ApiError> {
    let saved = state
        .with_store(move |store| store.start_business(&input, with_starter, Utc::now()))
        .await?;
    remember_language(&state, &saved);
    // A first plan gets its first backup now, not at tomorrow's start.
    crate::commands::data::daily_backup(&app).await;
    Ok(saved)
}
