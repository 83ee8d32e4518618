use chrono::Utc;
use steady_core::business::{BusinessType, Language};
use steady_core::plan::health::PlanOverview;
use steady_core::plan::runbooks::{Runbook, RunbookDetails};
use steady_core::plan::safety::{SafetyDetails, SafetyPlan};
use steady_core::plan::services::{CriticalService, ServiceDetails, Workaround, WorkaroundDetails};
use steady_core::plan::usage::ContactUsage;
use steady_core::starter::StarterSummary;
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

#[steady_macros::command]
pub async fn get_plan_overview(state: State<'_, AppState>) -> Result<PlanOverview, ApiError> {
    state.quietly(|store| store.plan_overview(Utc::now())).await
}

#[steady_macros::command(changes(Plan, Contacts))]
pub async fn apply_starter_plan(
    state: State<'_, AppState>,
    business_type: BusinessType,
    language: Language,
) -> Result<StarterSummary, ApiError> {
    state
        .with_store(move |store| store.apply_starter_plan(business_type, language, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn mark_plan_reviewed(state: State<'_, AppState>) -> Result<SafetyPlan, ApiError> {
    state
        .with_store(|store| store.mark_plan_reviewed(Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn list_services(state: State<'_, AppState>) -> Result<Vec<CriticalService>, ApiError> {
    state.quietly(|store| store.list_services()).await
}

#[steady_macros::command(changes(Plan))]
pub async fn create_service(
    state: State<'_, AppState>,
    details: ServiceDetails,
) -> Result<CriticalService, ApiError> {
    state
        .with_store(move |store| store.create_service(&details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn update_service(
    state: State<'_, AppState>,
    id: i64,
    details: ServiceDetails,
) -> Result<CriticalService, ApiError> {
    state
        .with_store(move |store| store.update_service(id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn delete_service(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.delete_service(id))
        .await
}

/// The answer to "Use Ouest Power for Power?": every service and workaround linked to the
/// placeholder is linked to the contact instead.
#[steady_macros::command(changes(Plan, Contacts))]
pub async fn use_contact_instead(
    state: State<'_, AppState>,
    placeholder_id: i64,
    contact_id: i64,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.use_contact_instead(placeholder_id, contact_id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn create_workaround(
    state: State<'_, AppState>,
    service_id: i64,
    details: WorkaroundDetails,
) -> Result<Workaround, ApiError> {
    state
        .with_store(move |store| store.create_workaround(service_id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn update_workaround(
    state: State<'_, AppState>,
    id: i64,
    details: WorkaroundDetails,
) -> Result<Workaround, ApiError> {
    state
        .with_store(move |store| store.update_workaround(id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn delete_workaround(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.delete_workaround(id))
        .await
}

#[steady_macros::command]
pub async fn list_runbooks(state: State<'_, AppState>) -> Result<Vec<Runbook>, ApiError> {
    state.quietly(|store| store.list_runbooks()).await
}

#[steady_macros::command(changes(Plan))]
pub async fn create_runbook(
    state: State<'_, AppState>,
    details: RunbookDetails,
) -> Result<Runbook, ApiError> {
    state
        .with_store(move |store| store.create_runbook(&details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn update_runbook(
    state: State<'_, AppState>,
    id: i64,
    details: RunbookDetails,
) -> Result<Runbook, ApiError> {
    state
        .with_store(move |store| store.update_runbook(id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn delete_runbook(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.delete_runbook(id))
        .await
}

#[steady_macros::command]
pub async fn get_safety_plan(state: State<'_, AppState>) -> Result<SafetyPlan, ApiError> {
    state.quietly(|store| store.safety_plan()).await
}

#[steady_macros::command(changes(Plan))]
pub async fn save_safety_plan(
    state: State<'_, AppState>,
    details: SafetyDetails,
) -> Result<SafetyPlan, ApiError> {
    state
        .with_store(move |store| store.save_safety(&details, Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn get_contact_usage(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ContactUsage, ApiError> {
    state.quietly(move |store| store.contact_usage(id)).await
}
