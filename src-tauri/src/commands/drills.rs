//! Drills: the plan rehearsed on an incident marked as a drill, with its own clock and
//! surprises. Thin wrappers over the core.

use chrono::Utc;
use steady_core::business::Language;
use steady_core::drills::{Drill, DrillSpeed, DrillStart, DrillSummary, ScenarioChoice};
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

#[steady_macros::command]
pub async fn drill_scenarios(state: State<'_, AppState>) -> Result<Vec<ScenarioChoice>, ApiError> {
    state
        .quietly(|store| {
            let language = store.business()?.map_or(Language::En, |b| b.language);
            store.drill_scenarios(language)
        })
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn start_drill(state: State<'_, AppState>, start: DrillStart) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.start_drill(&start, Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn get_drill(state: State<'_, AppState>, id: i64) -> Result<Drill, ApiError> {
    state
        .quietly(move |store| store.drill(id, Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn open_drill(state: State<'_, AppState>) -> Result<Option<Drill>, ApiError> {
    state.quietly(|store| store.open_drill(Utc::now())).await
}

#[steady_macros::command]
pub async fn list_drills(state: State<'_, AppState>) -> Result<Vec<DrillSummary>, ApiError> {
    state.quietly(|store| store.list_drills()).await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn pause_drill(state: State<'_, AppState>, id: i64) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.pause_drill(id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn resume_drill(state: State<'_, AppState>, id: i64) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.resume_drill(id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn set_drill_speed(
    state: State<'_, AppState>,
    id: i64,
    speed: DrillSpeed,
) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.set_drill_speed(id, speed, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn answer_inject(
    state: State<'_, AppState>,
    id: i64,
    inject: String,
    answer: String,
) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.answer_inject(id, &inject, &answer, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn mark_number_bad(
    state: State<'_, AppState>,
    id: i64,
    contact_id: Option<i64>,
    number: String,
) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.mark_number_bad(id, contact_id, &number, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn end_drill(state: State<'_, AppState>, id: i64) -> Result<Drill, ApiError> {
    state
        .with_store(move |store| store.end_drill(id, Utc::now()))
        .await
}
