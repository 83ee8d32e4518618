use chrono::{Duration, Utc};
use steady_core::business::Language;
use steady_core::reminders::{Reminder, ReminderSettings};
use steady_core::ApiError;
use tauri::State;

use crate::reminders::SystemNotifications;
use crate::state::AppState;

/// The reminders showing now, soonest first.
#[steady_macros::command]
pub async fn list_reminders(state: State<'_, AppState>) -> Result<Vec<Reminder>, ApiError> {
    state.quietly(|store| store.due_reminders(Utc::now())).await
}

/// Hides a reminder for `minutes`; the reminders showing now.
#[steady_macros::command(changes(Reminders))]
pub async fn snooze_reminder(
    state: State<'_, AppState>,
    key: String,
    minutes: u32,
) -> Result<Vec<Reminder>, ApiError> {
    state
        .with_store(move |store| {
            let now = Utc::now();
            store.snooze_reminder(&key, now + Duration::minutes(i64::from(minutes.max(1))))?;
            store.due_reminders(now)
        })
        .await
}

/// Puts a reminder away for good; the reminders showing now.
#[steady_macros::command(changes(Reminders))]
pub async fn dismiss_reminder(
    state: State<'_, AppState>,
    key: String,
) -> Result<Vec<Reminder>, ApiError> {
    state
        .with_store(move |store| {
            let now = Utc::now();
            store.dismiss_reminder(&key, now)?;
            store.due_reminders(now)
        })
        .await
}

#[steady_macros::command]
pub async fn get_reminder_settings(
    state: State<'_, AppState>,
) -> Result<ReminderSettings, ApiError> {
    state.quietly(|store| store.reminder_settings()).await
}

#[steady_macros::command(changes(Reminders))]
pub async fn save_reminder_settings(
    state: State<'_, AppState>,
    settings: ReminderSettings,
) -> Result<ReminderSettings, ApiError> {
    state
        .with_store(move |store| store.save_reminder_settings(&settings))
        .await
}

/// Whether system notifications work: `null` until one was tried.
#[steady_macros::command]
pub fn system_notifications(system: State<'_, SystemNotifications>) -> Option<bool> {
    system.available()
}

/// Shows a notification now, so the owner sees that notifications work.
#[steady_macros::command]
pub async fn test_notification(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<(), ApiError> {
    let language = state
        .quietly(|store| Ok(store.business()?.map_or(Language::En, |b| b.language)))
        .await?;
    let result = crate::reminders::test_notification(language).await;
    crate::reminders::record_outcome(&app, result.is_ok());
    result
}
