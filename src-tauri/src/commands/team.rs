//! The team plan: roles, their order, the owner's details and each person's card settings.

use chrono::Utc;
use steady_core::team::{CardSettings, Role, RoleDetails, Team, TeamSettings};
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

/// The team plan, with role names in the business's language.
#[steady_macros::command]
pub async fn get_team(state: State<'_, AppState>) -> Result<Team, ApiError> {
    state
        .quietly(|store| store.team(store.business_language()?))
        .await
}

/// Saves a role: a new one when `id` is null.
#[steady_macros::command(changes(Plan))]
pub async fn save_role(
    state: State<'_, AppState>,
    id: Option<i64>,
    details: RoleDetails,
) -> Result<Role, ApiError> {
    state
        .with_store(move |store| store.save_role(id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn delete_role(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(move |store| store.delete_role(id)).await
}

/// Moves a role to `to` in the plan's order (0: first).
#[steady_macros::command(changes(Plan))]
pub async fn move_role(state: State<'_, AppState>, id: i64, to: u32) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.move_role(id, to, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn save_team_settings(
    state: State<'_, AppState>,
    settings: TeamSettings,
) -> Result<TeamSettings, ApiError> {
    state
        .with_store(move |store| store.save_team_settings(&settings, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn save_card_settings(
    state: State<'_, AppState>,
    card: CardSettings,
) -> Result<CardSettings, ApiError> {
    state
        .with_store(move |store| store.save_card_settings(&card, Utc::now()))
        .await
}
