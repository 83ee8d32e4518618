//! What an outage costs: the plan's figures, an outage's expenses and spoiled stock, and the
//! running estimate.

use chrono::Utc;
use steady_core::costs::cold::ColdReadingInput;
use steady_core::costs::{
    ColdClock, ColdStoreInput, ColdStores, CostSettings, CostSettingsInput, ExpenseInput,
    IncidentCosts, Loss, ServiceCostsInput, SpoiledInput, YearInOutages,
};
use steady_core::ApiError;
use tauri::State;

use crate::commands::print::shop_offset;
use crate::state::AppState;

#[steady_macros::command]
pub async fn get_cost_settings(state: State<'_, AppState>) -> Result<CostSettings, ApiError> {
    state.quietly(|store| store.cost_settings()).await
}

#[steady_macros::command(changes(Plan))]
pub async fn save_cost_settings(
    state: State<'_, AppState>,
    input: CostSettingsInput,
) -> Result<CostSettings, ApiError> {
    state
        .with_store(move |store| store.save_cost_settings(&input))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn save_service_costs(
    state: State<'_, AppState>,
    service_id: i64,
    input: ServiceCostsInput,
) -> Result<CostSettings, ApiError> {
    state
        .with_store(move |store| store.save_service_costs(service_id, &input))
        .await
}

#[steady_macros::command]
pub async fn get_incident_costs(
    state: State<'_, AppState>,
    incident_id: i64,
) -> Result<IncidentCosts, ApiError> {
    state
        .quietly(move |store| store.incident_costs(incident_id))
        .await
}

/// What the outage cost so far, in the shop's local hours.
#[steady_macros::command]
pub async fn get_loss(state: State<'_, AppState>, incident_id: i64) -> Result<Loss, ApiError> {
    state
        .quietly(move |store| store.loss(incident_id, Utc::now(), &shop_offset))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn add_expense(
    state: State<'_, AppState>,
    incident_id: i64,
    input: ExpenseInput,
) -> Result<IncidentCosts, ApiError> {
    state
        .with_store(move |store| store.add_expense(incident_id, &input, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn delete_expense(
    state: State<'_, AppState>,
    id: i64,
) -> Result<IncidentCosts, ApiError> {
    state
        .with_store(move |store| store.delete_expense(id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn add_spoiled(
    state: State<'_, AppState>,
    incident_id: i64,
    input: SpoiledInput,
) -> Result<IncidentCosts, ApiError> {
    state
        .with_store(move |store| store.add_spoiled(incident_id, &input, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents))]
pub async fn delete_spoiled(
    state: State<'_, AppState>,
    id: i64,
) -> Result<IncidentCosts, ApiError> {
    state
        .with_store(move |store| store.delete_spoiled(id, Utc::now()))
        .await
}

/// The plan's fridges and freezers, with the guidance their safe times start from.
#[steady_macros::command]
pub async fn list_cold_stores(state: State<'_, AppState>) -> Result<ColdStores, ApiError> {
    state.quietly(|store| store.cold_stores()).await
}

/// Adds a fridge or freezer (`id` null) or changes one.
#[steady_macros::command(changes(Plan, Reminders))]
pub async fn save_cold_store(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: ColdStoreInput,
) -> Result<ColdStores, ApiError> {
    state
        .with_store(move |store| store.save_cold_store(id, &input, Utc::now()))
        .await
}

#[steady_macros::command(changes(Plan, Reminders))]
pub async fn delete_cold_store(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ColdStores, ApiError> {
    state
        .with_store(move |store| store.delete_cold_store(id))
        .await
}

#[steady_macros::command(changes(Plan))]
pub async fn move_cold_store(
    state: State<'_, AppState>,
    id: i64,
    to: u32,
) -> Result<ColdStores, ApiError> {
    state
        .with_store(move |store| store.move_cold_store(id, to, Utc::now()))
        .await
}

/// The fridges' and freezers' clocks of an outage, now.
#[steady_macros::command]
pub async fn cold_clocks(
    state: State<'_, AppState>,
    incident_id: i64,
) -> Result<Vec<ColdClock>, ApiError> {
    state
        .quietly(move |store| store.cold_clocks(incident_id, Utc::now()))
        .await
}

#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn add_cold_reading(
    state: State<'_, AppState>,
    incident_id: i64,
    store_id: i64,
    input: ColdReadingInput,
) -> Result<Vec<ColdClock>, ApiError> {
    state
        .with_store(move |store| store.add_cold_reading(incident_id, store_id, &input, Utc::now()))
        .await
}

/// The 12 months ending now: hours down and money lost by month, service and provider, and
/// what a backup would have saved (real outages only), in the shop's local months.
#[steady_macros::command]
pub async fn year_in_outages(state: State<'_, AppState>) -> Result<YearInOutages, ApiError> {
    state
        .quietly(move |store| store.year_in_outages(Utc::now(), &shop_offset))
        .await
}
