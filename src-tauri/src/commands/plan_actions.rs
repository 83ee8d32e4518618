//! A drill's scorecard and what to fix it fed back into the plan.

use chrono::{NaiveDate, Utc};
use steady_core::drills::score::Scorecard;
use steady_core::drills::PlanAction;
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

/// How the drill went, objective by objective, in the business's language.
#[steady_macros::command]
pub async fn drill_scorecard(state: State<'_, AppState>, id: i64) -> Result<Scorecard, ApiError> {
    state
        .quietly(move |store| {
            let language = store.business_language()?;
            store.drill_scorecard(id, language, Utc::now())
        })
        .await
}

/// Every action drills found, open ones first.
#[steady_macros::command]
pub async fn plan_actions(state: State<'_, AppState>) -> Result<Vec<PlanAction>, ApiError> {
    state.quietly(|store| store.plan_actions()).await
}

/// Who fixes it and by when.
#[steady_macros::command(changes(Plan, Reminders))]
pub async fn save_plan_action(
    state: State<'_, AppState>,
    id: i64,
    owner: String,
    due_on: Option<NaiveDate>,
) -> Result<PlanAction, ApiError> {
    state
        .with_store(move |store| store.save_plan_action(id, &owner, due_on, Utc::now()))
        .await
}

/// Marks an action done.
#[steady_macros::command(changes(Plan, Reminders))]
pub async fn complete_plan_action(
    state: State<'_, AppState>,
    id: i64,
) -> Result<PlanAction, ApiError> {
    state
        .with_store(move |store| store.complete_plan_action(id, Utc::now()))
        .await
}
