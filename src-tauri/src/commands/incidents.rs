use chrono::Utc;
use steady_core::incidents::{
    AssessInput, CallInput, Incident, IncidentFilter, IncidentPage, IncidentStart, NoticeInput,
    ReviewInput,
};
use steady_core::vocabulary::Severity;
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

#[steady_macros::command(changes(Incidents))]
pub async fn start_incident(
    state: State<'_, AppState>,
    start: IncidentStart,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.start_incident(&start, Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn get_incident(state: State<'_, AppState>, id: i64) -> Result<Incident, ApiError> {
    state
        .quietly(move |store| store.incident(id, Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn get_open_incident(state: State<'_, AppState>) -> Result<Option<i64>, ApiError> {
    state.quietly(|store| store.open_incident_id()).await
}

#[steady_macros::command]
pub async fn list_incidents(
    state: State<'_, AppState>,
    filter: IncidentFilter,
) -> Result<IncidentPage, ApiError> {
    state
        .quietly(move |store| store.list_incidents(&filter, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn assess_incident(
    state: State<'_, AppState>,
    id: i64,
    input: AssessInput,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.assess_incident(id, &input, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn override_severity(
    state: State<'_, AppState>,
    id: i64,
    severity: Option<Severity>,
    reason: String,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.override_severity(id, severity, &reason, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn log_call(
    state: State<'_, AppState>,
    id: i64,
    call: CallInput,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.log_call(id, &call, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn record_notice(
    state: State<'_, AppState>,
    id: i64,
    notice: NoticeInput,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.record_notice(id, &notice, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn activate_workaround(
    state: State<'_, AppState>,
    id: i64,
    workaround_id: i64,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.activate_workaround(id, workaround_id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn confirm_restored(
    state: State<'_, AppState>,
    id: i64,
    incident_service_id: i64,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.confirm_restored(id, incident_service_id, Utc::now()))
        .await
}

/// Reopens a resolved incident that broke again.
#[steady_macros::command(changes(Incidents))]
pub async fn reopen_incident(state: State<'_, AppState>, id: i64) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.reopen_incident(id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn resolve_incident(state: State<'_, AppState>, id: i64) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.resolve_incident(id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn save_review(
    state: State<'_, AppState>,
    id: i64,
    review: ReviewInput,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.save_review(id, &review, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn add_incident_note(
    state: State<'_, AppState>,
    id: i64,
    text: String,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.add_incident_note(id, &text, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn tick_incident_check(
    state: State<'_, AppState>,
    id: i64,
    item: String,
    done: bool,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.tick_check(id, &item, done, Utc::now()))
        .await
}
