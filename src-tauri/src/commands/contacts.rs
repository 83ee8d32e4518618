use chrono::Utc;
use steady_core::contacts::{Contact, ContactDetails, ContactFilter};
use steady_core::ApiError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_contacts(
    state: State<'_, AppState>,
    filter: ContactFilter,
) -> Result<Vec<Contact>, ApiError> {
    state
        .quietly(move |store| store.list_contacts(&filter))
        .await
}

#[tauri::command]
pub async fn create_contact(
    state: State<'_, AppState>,
    details: ContactDetails,
) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.create_contact(&details, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_contact(
    state: State<'_, AppState>,
    id: i64,
    details: ContactDetails,
) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.update_contact(id, &details, Utc::now()))
        .await
}

#[tauri::command]
pub async fn delete_contact(state: State<'_, AppState>, id: i64) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.delete_contact(id))
        .await
}

#[tauri::command]
pub async fn restore_contact(
    state: State<'_, AppState>,
    contact: Contact,
) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.restore_contact(&contact))
        .await
}
