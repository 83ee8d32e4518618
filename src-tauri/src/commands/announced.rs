use chrono::Utc;
use steady_core::announced::{Announced, AnnouncedDetails, AnnouncedWhat};
use steady_core::business::Language;
use steady_core::incidents::Incident;
use steady_core::notices::incident::{check_notice_text, NoticeCheck, NoticeDraft};
use steady_core::notices::Channel;
use steady_core::ApiError;
use tauri::{AppHandle, State};

use crate::commands::data::{off_thread, save_file};
use crate::commands::print::shop_offset;
use crate::state::AppState;

/// Every announced outage: those ahead first (soonest first), then the past ones.
#[steady_macros::command]
pub async fn list_announced(state: State<'_, AppState>) -> Result<Vec<Announced>, ApiError> {
    state
        .quietly(|store| store.list_announced(Utc::now()))
        .await
}

#[steady_macros::command]
pub async fn get_announced(state: State<'_, AppState>, id: i64) -> Result<Announced, ApiError> {
    state
        .quietly(move |store| store.announced(id, Utc::now()))
        .await
}

/// Plans for an announced outage.
#[steady_macros::command(changes(Announced))]
pub async fn create_announced(
    state: State<'_, AppState>,
    details: AnnouncedDetails,
) -> Result<Announced, ApiError> {
    state
        .with_store(move |store| store.create_announced(&details, Utc::now()))
        .await
}

#[steady_macros::command(changes(Announced))]
pub async fn update_announced(
    state: State<'_, AppState>,
    id: i64,
    details: AnnouncedDetails,
) -> Result<Announced, ApiError> {
    state
        .with_store(move |store| store.update_announced(id, &details, Utc::now()))
        .await
}

/// Removes one (cancelled, or planned by mistake).
#[steady_macros::command(changes(Announced))]
pub async fn delete_announced(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.delete_announced(id))
        .await
}

#[steady_macros::command(changes(Announced))]
pub async fn tick_announced(
    state: State<'_, AppState>,
    id: i64,
    item: String,
    done: bool,
) -> Result<Announced, ApiError> {
    state
        .with_store(move |store| store.tick_announced(id, &item, done, Utc::now()))
        .await
}

/// It did not happen: kept in the history as such.
#[steady_macros::command(changes(Announced))]
pub async fn announced_did_not_happen(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Announced, ApiError> {
    state
        .with_store(move |store| store.announced_did_not_happen(id, Utc::now()))
        .await
}

/// Turns it into a live outage, with everything prepared carried over.
#[steady_macros::command(changes(Announced, Incidents))]
pub async fn start_announced(state: State<'_, AppState>, id: i64) -> Result<Incident, ApiError> {
    state
        .with_store(move |store| store.start_announced(id, Utc::now()))
        .await
}

/// The plan's services an announced outage of this kind takes down, ticked in the form
/// until the owner says otherwise.
#[steady_macros::command]
pub async fn services_taken_down_by(
    state: State<'_, AppState>,
    what: AnnouncedWhat,
) -> Result<Vec<i64>, ApiError> {
    state
        .quietly(move |store| store.services_taken_down_by(what))
        .await
}

/// The planned-outage notice for one channel and language, with its check.
#[steady_macros::command]
pub async fn draft_planned_notice(
    state: State<'_, AppState>,
    id: i64,
    channel: Channel,
    language: Language,
) -> Result<NoticeDraft, ApiError> {
    state
        .quietly(move |store| {
            store.draft_planned_notice(id, channel, language, Utc::now(), &shop_offset)
        })
        .await
}

/// Checks a planned-outage notice as the owner edits it (against the plan and the
/// announcement's own label and source; there is no incident yet).
#[steady_macros::command]
pub async fn check_planned_notice(
    state: State<'_, AppState>,
    id: i64,
    channel: Channel,
    language: Language,
    subject: Option<String>,
    body: String,
) -> Result<NoticeCheck, ApiError> {
    let context = state
        .quietly(move |store| {
            store.planned_disclosure_context(id, language, Utc::now(), &shop_offset)
        })
        .await?;
    off_thread(move || {
        check_notice_text(&context, channel, language, subject.as_deref(), &body)
            .map_err(ApiError::from)
    })
    .await
}

/// Saves the announced slot as a calendar file (`.ics`) where the owner chooses; says where,
/// or `None` when they cancelled.
#[steady_macros::command]
pub async fn save_announced_calendar(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    title: String,
) -> Result<Option<String>, ApiError> {
    let (file_name, text) = state
        .quietly(move |store| store.announced_calendar(id, Utc::now()))
        .await?;
    // The core names it for the owner; the shell's save makes the name safe for files and
    // writes it durably, as every export.
    let stem = file_name.strip_suffix(".ics").unwrap_or(&file_name);
    save_file(&app, &title, stem, ("iCalendar", &["ics"]), text).await
}
