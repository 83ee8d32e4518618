use steady_core::business::{Country, Language};
use steady_core::contacts::ContactLink;
use steady_core::watch::{Battery, WatchSettings};
use steady_core::{ApiError, ErrorCode};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::commands::data::off_thread;
use crate::state::AppState;
use crate::watch::Supplies;

/// The language of the system, to preselect at first run (sent with `start_up`).
/// WebKitGTK's `navigator.language` does not follow the desktop's locale, so it is read here.
pub fn system_language() -> Language {
    Language::from_locale(&sys_locale::get_locale().unwrap_or_default())
}

/// The country of the system's locale, to preselect at first run; `None` when it names none
/// Steady knows.
#[steady_macros::command]
pub fn system_country() -> Option<Country> {
    Country::from_locale(&sys_locale::get_locale().unwrap_or_default())
}

/// Opens one of a contact's own links — a phone number in the phone app, its email in the
/// mail app, a web page in the browser — never inside Steady's window. The window names the
/// contact and which link, never an address: the link is rebuilt from what is stored, so a
/// script in the page can open nothing the owner did not write for a contact.
#[steady_macros::command]
pub async fn open_link(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    contact_id: i64,
    link: ContactLink,
) -> Result<(), ApiError> {
    let url = state
        .quietly(move |store| store.contact_link(contact_id, link))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::OpenFailed,
                format!("contact {contact_id} has no {link:?} Steady can open"),
            )
        })?;
    hand_to_the_system(app, url).await
}

/// Opens the mail app with a notice written out and nobody to send it to yet.
#[steady_macros::command]
pub async fn email_notice(
    app: tauri::AppHandle,
    subject: String,
    body: String,
) -> Result<(), ApiError> {
    let url = steady_core::links::draft_mail_link(&subject, &body)
        .ok_or_else(|| ApiError::new(ErrorCode::OpenFailed, "the notice is too long to mail"))?;
    hand_to_the_system(app, url).await
}

async fn hand_to_the_system(app: tauri::AppHandle, url: String) -> Result<(), ApiError> {
    // Launching a handler can wait on several launchers in turn: keep it off the UI thread.
    tauri::async_runtime::spawn_blocking(move || {
        app.opener().open_url(&url, None::<&str>).map_err(|err| {
            ApiError::new(
                ErrorCode::OpenFailed,
                format!("could not open {url}: {err}"),
            )
        })
    })
    .await
    .map_err(|err| {
        ApiError::new(
            ErrorCode::OpenFailed,
            format!("could not open the link: {err}"),
        )
    })?
}

/// The laptop's battery as the system reports it; `null` without one (or without UPower).
#[steady_macros::command]
pub fn get_battery(supplies: State<'_, Supplies>) -> Option<Battery> {
    supplies.battery()
}

/// Whether Steady asks when the laptop goes on battery or the network away, and whether it
/// starts at login.
#[steady_macros::command]
pub fn get_watch_settings(state: State<'_, AppState>) -> WatchSettings {
    WatchSettings {
        ask: state.folder.local_settings().watch_supplies != Some(false),
        start_at_login: crate::autostart::enabled(),
    }
}

/// Saves those choices for this computer; what holds afterwards.
#[steady_macros::command]
pub async fn save_watch_settings(
    state: State<'_, AppState>,
    settings: WatchSettings,
) -> Result<WatchSettings, ApiError> {
    let folder = state.folder.clone();
    off_thread(move || {
        folder
            .update_local_settings(|local| local.watch_supplies = (!settings.ask).then_some(false))
            .map_err(ApiError::from)?;
        crate::autostart::set(settings.start_at_login).map_err(|err| {
            ApiError::new(
                ErrorCode::Storage,
                format!("could not change the start at login: {err}"),
            )
        })?;
        Ok(WatchSettings {
            ask: settings.ask,
            start_at_login: crate::autostart::enabled(),
        })
    })
    .await
}
