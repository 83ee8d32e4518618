use chrono::Utc;
use steady_core::incidents::team::{CheckInInput, IncidentTeam};
use steady_core::incidents::{
    AssessInput, CallInput, Incident, IncidentFilter, IncidentPage, IncidentStart, NoticeInput,
    ReviewInput, SameOutage,
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

/// Resolves an incident; in a danger outage, `not_safe_override` is the owner saying so
/// though someone is not marked safe.
#[steady_macros::command(changes(Incidents))]
pub async fn resolve_incident(
    state: State<'_, AppState>,
    id: i64,
    not_safe_override: bool,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| {
            store.resolve_incident_overriding(id, not_safe_override, Utc::now())
        })
        .await
}

/// The outage's Team panel: everyone's state, their tasks, the stand-ins to ask.
#[steady_macros::command]
pub async fn incident_team(state: State<'_, AppState>, id: i64) -> Result<IncidentTeam, ApiError> {
    state
        .quietly(move |store| store.incident_team(id, Utc::now()))
        .await
}

/// Marks where one person of the team stands.
#[steady_macros::command(changes(Incidents))]
pub async fn check_in(
    state: State<'_, AppState>,
    id: i64,
    check_in: CheckInInput,
) -> Result<IncidentTeam, ApiError> {
    state
        .with_store(move |store| store.check_in(id, &check_in, Utc::now()))
        .await
}

/// Hands a task of the outage to a person, or (`null`) takes it back.
#[steady_macros::command(changes(Incidents))]
pub async fn hand_off(
    state: State<'_, AppState>,
    id: i64,
    task: String,
    contact_id: Option<i64>,
) -> Result<IncidentTeam, ApiError> {
    state
        .with_store(move |store| store.hand_off(id, &task, contact_id, Utc::now()))
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

/// The other open outages most likely the same as outage `id` (started on another computer
/// within half an hour, for a service in common).
#[steady_macros::command]
pub async fn same_outages(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<SameOutage>, ApiError> {
    state
        .quietly(move |store| store.same_outages(id, Utc::now()))
        .await
}

/// Takes outages `id` and `other`, the same one started twice, into one: the one kept.
#[steady_macros::command(changes(Incidents))]
pub async fn join_outages(
    state: State<'_, AppState>,
    id: i64,
    other: i64,
) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.join_outages(id, other, Utc::now()))
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
