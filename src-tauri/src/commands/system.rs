use steady_core::business::{Country, Language};
use steady_core::{ApiError, ErrorCode};
use tauri_plugin_opener::OpenerExt;

/// The language of the system, to preselect at first run. WebKitGTK's `navigator.language`
/// does not follow the desktop's locale, so it is read here.
#[steady_macros::command]
pub fn system_language() -> Language {
    Language::from_locale(&sys_locale::get_locale().unwrap_or_default())
}

/// The country of the system's locale, to preselect at first run; `None` when it names none
/// Steady knows.
#[steady_macros::command]
pub fn system_country() -> Option<Country> {
    Country::from_locale(&sys_locale::get_locale().unwrap_or_default())
}

/// Opens a web page in the system browser, a `mailto:` in the mail app or a `tel:` in the
/// phone app — never inside Steady's window.
#[steady_macros::command]
pub async fn open_link(app: tauri::AppHandle, url: String) -> Result<(), ApiError> {
    let Some(url) = steady_core::links::safe_link(&url) else {
        return Err(ApiError::new(
            ErrorCode::OpenFailed,
            format!("Steady only opens web, mail and phone links, not {url:?}"),
        ));
    };
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
