//! Settings → Two computers: share the plan through a folder, stop, and settle what was
//! edited on two computers.

use steady_core::sync::folder::SYNC_DIR;
use steady_core::sync::status::SharingStatus;
use steady_core::sync::SharedPlan;
use steady_core::ApiError;
use tauri::{AppHandle, State};

use crate::commands::data::off_thread;
use crate::dialogs::{choose, Choose};
use crate::sharing::{self, Sharing};
use crate::state::AppState;

/// Whether the plan is shared, through which folder, with whom, and what waits for the owner.
#[steady_macros::command]
pub async fn get_sharing(
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
) -> Result<SharingStatus, ApiError> {
    sharing.status(&state).await
}

/// Asks for the folder to share the plan through, and syncs with it at once (what other
/// computers already put there comes in).
#[steady_macros::command(changes(Business, Contacts, Plan, Incidents, Announced))]
pub async fn choose_sharing_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
    title: String,
) -> Result<Option<SharingStatus>, ApiError> {
    let Some(mut chosen) = choose(&app, &title, Choose::Folder).await? else {
        return Ok(None);
    };
    // The folder Steady keeps inside the shared one, chosen itself: the shared one is meant.
    if chosen.file_name().is_some_and(|name| name == SYNC_DIR) {
        if let Some(parent) = chosen.parent() {
            chosen = parent.to_owned();
        }
    }
    let data = state.folder.clone();
    off_thread(move || {
        data.update_local_settings(|settings| settings.keep_sharing_folder(Some(&chosen)))
            .map_err(ApiError::from)
    })
    .await?;
    sharing.forget();
    sharing::cycle(&app).await;
    sharing.status(&state).await.map(Some)
}

/// Stops sharing the plan (what is in the folder stays, for the other computers).
#[steady_macros::command]
pub async fn stop_sharing(
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
) -> Result<SharingStatus, ApiError> {
    let data = state.folder.clone();
    off_thread(move || {
        data.update_local_settings(|settings| settings.keep_sharing_folder(None))
            .map_err(ApiError::from)
    })
    .await?;
    // A history that cannot be read is set aside: sharing again starts anew from this plan.
    let data_dir = state.folder.dir().to_owned();
    state
        .quietly(move |store| SharedPlan::set_aside_if_damaged(&data_dir, store))
        .await?;
    sharing.forget();
    sharing.status(&state).await
}

/// Keeps the `choice`-th value of a field edited on two computers.
#[steady_macros::command(changes(Contacts, Plan))]
pub async fn settle_conflict(
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
    table: String,
    gid: String,
    field: String,
    choice: u32,
) -> Result<SharingStatus, ApiError> {
    sharing
        .settle(&state, (table, gid, field, choice as usize))
        .await?;
    sharing.status(&state).await
}
