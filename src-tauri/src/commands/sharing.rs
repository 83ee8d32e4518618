//! Settings → Two computers: share the plan through a folder, stop, and settle what was
//! edited on two computers.

use std::path::PathBuf;

use chrono::Local;
use steady_core::sync::folder::{SyncFolder, SYNC_DIR};
use steady_core::sync::status::{FolderChosen, JoinWith, SharingStatus};
use steady_core::sync::SharedPlan;
use steady_core::ApiError;
use tauri::{AppHandle, Manager, State};

use crate::commands::data::{
    copy_off, exclusively, nothing_chosen, off_thread, Chosen, ChosenFile,
};
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
/// computers already put there comes in). A folder that already holds another computer's
/// plan, chosen on a computer with a plan of its own, is not shared yet: the window asks
/// which plan to keep ([`share_chosen_folder`]), since putting two plans started apart
/// together gives two of everything both were started with.
#[steady_macros::command(changes(Business, Contacts, Plan, Incidents, Announced))]
pub async fn choose_sharing_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
    chosen: State<'_, Chosen>,
    title: String,
) -> Result<Option<FolderChosen>, ApiError> {
    let Some(mut dir) = choose(&app, &title, Choose::Folder).await? else {
        return Ok(None);
    };
    // The folder Steady keeps inside the shared one, chosen itself: the shared one is meant.
    if dir.file_name().is_some_and(|name| name == SYNC_DIR) {
        if let Some(parent) = dir.parent() {
            dir = parent.to_owned();
        }
    }
    let folder = SyncFolder::new(&dir, &state.folder.computer_id());
    let plans_of = off_thread(move || folder.plans_met().map_err(ApiError::from)).await?;
    if !plans_of.is_empty() && state.quietly(|store| store.holds_anything()).await? {
        chosen.put(ChosenFile::SharingFolder(dir));
        return Ok(Some(FolderChosen {
            status: None,
            plans_of,
        }));
    }
    let status = share_through(&app, &state, &sharing, dir).await?;
    Ok(Some(FolderChosen {
        status: Some(status),
        plans_of: Vec::new(),
    }))
}

/// Shares the plan through the folder chosen last, keeping the plan the owner chose: the one
/// in the folder (this computer's own is backed up, then emptied) or both put together.
#[steady_macros::command(changes(Everything))]
pub async fn share_chosen_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    sharing: State<'_, Sharing>,
    chosen: State<'_, Chosen>,
    choice: JoinWith,
) -> Result<SharingStatus, ApiError> {
    let Some(ChosenFile::SharingFolder(dir)) = chosen.take() else {
        return Err(nothing_chosen());
    };
    if choice == JoinWith::BothPlans {
        return share_through(&app, &state, &sharing, dir).await;
    }
    // With the store held throughout, so no cycle runs between the two: the folder is kept
    // first, then this plan makes way (emptied in one write, after its backup). If it cannot,
    // the folder is let go again: this computer does not share, and its plan is as it was.
    // The history loaded for the folder shared until now is forgotten inside the lock too: a
    // cycle waiting for the store would otherwise write it over the emptied file.
    let kept = dir.clone();
    let handle = app.clone();
    let saved = exclusively(&app, move |data, store| {
        let before = data.local_settings().sharing_folder.map(|folder| folder.0);
        data.update_local_settings(|settings| settings.keep_sharing_folder(Some(&kept)))?;
        let saved =
            SharedPlan::make_way(store, data, Local::now().fixed_offset()).inspect_err(|_| {
                let back = data.update_local_settings(|settings| {
                    settings.keep_sharing_folder(before.as_deref())
                });
                if let Err(err) = back {
                    eprintln!("Steady could not put the shared folder back: {err}");
                }
            })?;
        handle.state::<Sharing>().forget();
        Ok(saved)
    })
    .await?;
    if let Some(mut saved) = saved {
        copy_off(&app, &mut saved).await?;
    }
    sharing::cycle_now(&app).await;
    sharing.status(&state).await
}

/// Keeps `dir` as the folder the plan is shared through and syncs with it at once.
async fn share_through(
    app: &AppHandle,
    state: &AppState,
    sharing: &Sharing,
    dir: PathBuf,
) -> Result<SharingStatus, ApiError> {
    let data = state.folder.clone();
    off_thread(move || {
        data.update_local_settings(|settings| settings.keep_sharing_folder(Some(&dir)))
            .map_err(ApiError::from)
    })
    .await?;
    sharing.forget();
    sharing::cycle_now(app).await;
    sharing.status(state).await
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
