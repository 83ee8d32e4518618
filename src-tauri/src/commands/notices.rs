use chrono::{Local, Offset, Utc};
use steady_core::business::Language;
use steady_core::incidents::team::message::TeamMessage;
use steady_core::notices::incident::{check_notice_text, NoticeCheck, NoticeDraft};
use steady_core::notices::templates::NoticeTemplate;
use steady_core::notices::{Channel, Draft, Stage};
use steady_core::qr::QrImage;
use steady_core::{ApiError, ErrorCode};
use tauri::State;
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::state::AppState;

#[steady_macros::command]
pub async fn draft_notice(
    state: State<'_, AppState>,
    incident_id: i64,
    stage: Stage,
    channel: Channel,
    language: Language,
) -> Result<NoticeDraft, ApiError> {
    // Times in a notice are the shop's local time.
    let offset = Local::now().offset().fix();
    state
        .quietly(move |store| {
            store.draft_notice(incident_id, stage, channel, language, Utc::now(), offset)
        })
        .await
}

#[steady_macros::command]
pub async fn check_notice(
    state: State<'_, AppState>,
    incident_id: i64,
    channel: Channel,
    language: Language,
    subject: Option<String>,
    body: String,
) -> Result<NoticeCheck, ApiError> {
    // The store is held only to read what must not be disclosed; the text is scanned
    // without it, so a long notice never holds up a save.
    let context = state
        .quietly(move |store| store.disclosure_context(incident_id))
        .await?;
    tauri::async_runtime::spawn_blocking(move || {
        check_notice_text(&context, channel, language, subject.as_deref(), &body)
            .map_err(ApiError::from)
    })
    .await
    .map_err(|err| ApiError::new(ErrorCode::Storage, format!("the check failed: {err}")))?
}

/// The message to the team about an outage (SMS and longer text) in `language`: for the
/// team only, so it is not checked for what customers must not read. Reads only.
#[steady_macros::command]
pub async fn team_message(
    state: State<'_, AppState>,
    incident_id: i64,
    language: Language,
) -> Result<TeamMessage, ApiError> {
    // Times in it are the shop's local time.
    let offset = Local::now().offset().fix();
    state
        .quietly(move |store| store.team_message(incident_id, language, Utc::now(), offset))
        .await
}

/// The QR codes that carry a notice to the owner's phone (several for a long one, in order).
#[steady_macros::command]
pub async fn notice_codes(channel: Channel, text: String) -> Result<Vec<QrImage>, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        steady_core::notices::phone_codes(channel, &text).map_err(ApiError::from)
    })
    .await
    .map_err(|err| ApiError::new(ErrorCode::Storage, format!("the codes failed: {err}")))?
}

/// Puts a notice on the system clipboard, ready to paste into an SMS, a post or a page.
#[steady_macros::command]
pub async fn copy_text(app: tauri::AppHandle, text: String) -> Result<(), ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        app.clipboard()
            .write_text(text)
            .map_err(|err| ApiError::new(ErrorCode::OpenFailed, format!("could not copy: {err}")))
    })
    .await
    .map_err(|err| ApiError::new(ErrorCode::OpenFailed, format!("could not copy: {err}")))?
}

#[steady_macros::command]
pub async fn get_notice_template(
    state: State<'_, AppState>,
    stage: Stage,
    channel: Channel,
    language: Language,
) -> Result<NoticeTemplate, ApiError> {
    state
        .quietly(move |store| store.notice_template(stage, channel, language))
        .await
}

#[steady_macros::command(changes(Templates))]
pub async fn save_notice_template(
    state: State<'_, AppState>,
    template: NoticeTemplate,
) -> Result<NoticeTemplate, ApiError> {
    state
        .with_store(move |store| store.save_notice_template(&template, Utc::now()))
        .await
}

#[steady_macros::command(changes(Templates))]
pub async fn restore_notice_template(
    state: State<'_, AppState>,
    stage: Stage,
    channel: Channel,
    language: Language,
) -> Result<NoticeTemplate, ApiError> {
    state
        .with_store(move |store| store.restore_notice_template(stage, channel, language))
        .await
}

#[steady_macros::command]
pub async fn preview_notice(
    state: State<'_, AppState>,
    template: NoticeTemplate,
) -> Result<Draft, ApiError> {
    state
        .quietly(move |store| store.preview_notice(&template))
        .await
}
