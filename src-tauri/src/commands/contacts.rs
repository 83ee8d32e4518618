use std::sync::Mutex;

use chrono::Utc;
use steady_core::contacts::{Contact, ContactDetails, ContactFilter, DeletedContact};
use steady_core::{ApiError, CoreError};
use tauri::State;

use crate::state::AppState;

/// Contacts deleted in this run, with every row that named them, so "Undo" puts back exactly
/// what was there: the window names the contact, it does not send it back (ids and dates are
/// the core's to decide).
#[derive(Default)]
pub struct Deleted(Mutex<Vec<DeletedContact>>);

impl Deleted {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<DeletedContact>> {
        crate::state::lock(&self.0)
    }
}

#[steady_macros::command]
pub async fn list_contacts(
    state: State<'_, AppState>,
    filter: ContactFilter,
) -> Result<Vec<Contact>, ApiError> {
    state
        .quietly(move |store| store.list_contacts(&filter))
        .await
}

#[steady_macros::command(changes(Contacts))]
pub async fn create_contact(
    state: State<'_, AppState>,
    details: ContactDetails,
) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.create_contact(&details, Utc::now()))
        .await
}

// Services, workarounds, roles and a drill's actions name contacts: changing one changes
// what the plan says (its health, an action marked done), so the Plan screen reads again.
#[steady_macros::command(changes(Contacts, Plan))]
pub async fn update_contact(
    state: State<'_, AppState>,
    id: i64,
    details: ContactDetails,
) -> Result<Contact, ApiError> {
    state
        .with_store(move |store| store.update_contact(id, &details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Contacts, Plan))]
pub async fn delete_contact(
    state: State<'_, AppState>,
    deleted: State<'_, Deleted>,
    id: i64,
) -> Result<Contact, ApiError> {
    let gone = state
        .with_store(move |store| store.delete_contact(id))
        .await?;
    let contact = gone.contact.clone();
    deleted.lock().push(gone);
    Ok(contact)
}

/// Puts back a contact deleted in this run (the undo of [`delete_contact`]).
#[steady_macros::command(changes(Contacts, Plan))]
pub async fn restore_contact(
    state: State<'_, AppState>,
    deleted: State<'_, Deleted>,
    id: i64,
) -> Result<Contact, ApiError> {
    let contact = {
        let mut deleted = deleted.lock();
        let at = deleted.iter().rposition(|gone| gone.contact.id == id);
        at.map(|at| deleted.remove(at))
    }
    .ok_or_else(|| ApiError::from(CoreError::NotFound(format!("deleted contact {id}"))))?;
    state
        .with_store(move |store| store.restore_contact(&contact))
        .await
}
