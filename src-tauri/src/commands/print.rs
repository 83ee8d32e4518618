use std::path::PathBuf;

use chrono::{Local, Offset, TimeZone, Utc};
use steady_core::business::Country;
use steady_core::pocket::{self, PocketStatus};
use steady_core::print::{Paper, PrintDocument, PrintOptions, PrintStatus, Printout};
use steady_core::{ApiError, ErrorCode};
use tauri::{AppHandle, State};

use crate::commands::data::off_thread;
use crate::dialogs::{choose, Choose};
use crate::pocket::PocketRefresh;
use crate::print::{print_html, Output};
use crate::state::AppState;

/// Skips the save dialog and saves into this folder: for the end-to-end tests, which cannot
/// drive a native file chooser.
const SAVE_DIR_FOR_TESTS: &str = "STEADY_SAVE_PDF_TO";

/// The paper of the business's country (US Letter in the US and Canada, A4 elsewhere), or of
/// the system's locale while the country is not known.
#[steady_macros::command]
pub async fn default_paper(state: State<'_, AppState>) -> Result<Paper, ApiError> {
    let country = state.quietly(|store| store.country()).await?;
    Ok(match country {
        Some(country) if country != Country::Other => {
            if country.uses_letter() {
                Paper::Letter
            } else {
                Paper::A4
            }
        }
        _ => {
            let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
            let locale = set("LC_ALL")
                .or_else(|| set("LC_PAPER"))
                .or_else(sys_locale::get_locale)
                .unwrap_or_default();
            Paper::for_locale(&locale)
        }
    })
}

#[steady_macros::command]
pub async fn get_print_status(state: State<'_, AppState>) -> Result<PrintStatus, ApiError> {
    state.quietly(|store| store.print_status()).await
}

/// Prints through the system print dialog; `false` when the owner cancelled it.
#[steady_macros::command(changes(Printouts))]
pub async fn print_document(
    app: AppHandle,
    state: State<'_, AppState>,
    options: PrintOptions,
) -> Result<bool, ApiError> {
    let printout = render(&state, options.clone()).await?;
    let printed = print_html(
        &app,
        &printout.title,
        printout.html,
        options.paper,
        Output::Dialog,
    )
    .await?;
    if printed {
        remember(&state, options.document).await?;
    }
    Ok(printed)
}

/// Saves the document as a PDF where the owner chooses; the file's path, or `None` when the
/// owner cancelled.
#[steady_macros::command(changes(Printouts))]
pub async fn save_document_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    options: PrintOptions,
) -> Result<Option<String>, ApiError> {
    let printout = render(&state, options.clone()).await?;
    let Some(path) = choose_pdf_path(&app, &printout.file_name).await? else {
        return Ok(None);
    };
    print_html(
        &app,
        &printout.title,
        printout.html,
        options.paper,
        Output::Pdf(path.clone()),
    )
    .await?;
    remember(&state, options.document).await?;
    Ok(Some(path.display().to_string()))
}

/// The shop's UTC offset at `at`: times on paper (and in the pocket plan) are the shop's
/// local times, with the daylight-saving offset of their day.
pub fn shop_offset(at: chrono::DateTime<Utc>) -> chrono::FixedOffset {
    Local.offset_from_utc_datetime(&at.naive_utc()).fix()
}

async fn render(state: &AppState, options: PrintOptions) -> Result<Printout, ApiError> {
    state
        .quietly(move |store| store.render_printout(&options, Utc::now(), &shop_offset))
        .await
}

async fn remember(state: &AppState, document: PrintDocument) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.record_printed(document, Utc::now()))
        .await
}

async fn choose_pdf_path(app: &AppHandle, file_name: &str) -> Result<Option<PathBuf>, ApiError> {
    if let Some(dir) = std::env::var_os(SAVE_DIR_FOR_TESTS).filter(|d| !d.is_empty()) {
        return Ok(Some(PathBuf::from(dir).join(file_name)));
    }
    let title = if file_name.is_empty() {
        "PDF"
    } else {
        file_name
    };
    let what = Choose::Save {
        file_name,
        filter: ("PDF", &["pdf"]),
    };
    choose(app, title, what)
        .await
        .map_err(|err| ApiError::new(ErrorCode::Print, err.message))
}

/// Saves the pocket plan (one HTML page for the owner's phone) where the owner chooses; with
/// `keep_up_to_date`, that file is written again after every change. Says where it went, or
/// `None` when they cancelled.
#[steady_macros::command]
pub async fn save_pocket_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    refresh: State<'_, PocketRefresh>,
    title: String,
    keep_up_to_date: bool,
    include_sensitive: bool,
) -> Result<Option<String>, ApiError> {
    let plan = crate::pocket::render(&state, include_sensitive).await?;
    let what = Choose::Save {
        file_name: &plan.file_name,
        filter: ("HTML", &["html"]),
    };
    let Some(path) = choose(&app, &title, what).await? else {
        return Ok(None);
    };
    let saved = path.display().to_string();
    if keep_up_to_date {
        let folder = state.folder.clone();
        off_thread(move || {
            folder
                .update_local_settings(|settings| {
                    settings.keep_pocket_plan(Some(&path));
                    settings.pocket_plan_sensitive = Some(include_sensitive);
                })
                .map_err(ApiError::from)
        })
        .await?;
        refresh.write_kept(&state).await.unwrap_or_else(|| {
            Err(ApiError::new(
                ErrorCode::Storage,
                "the pocket plan was not kept",
            ))
        })?;
    } else {
        // A copy elsewhere says nothing about the file kept up to date.
        off_thread(move || pocket::write_file(&path, &plan.html).map_err(ApiError::from)).await?;
    }
    Ok(Some(saved))
}

/// Whether a pocket plan file is kept up to date, and whether it could be written last time.
#[steady_macros::command]
pub async fn pocket_plan_status(
    state: State<'_, AppState>,
    refresh: State<'_, PocketRefresh>,
) -> Result<PocketStatus, ApiError> {
    Ok(refresh.status(&state))
}

/// Stops writing the pocket plan after each change (the file already saved stays as it is).
#[steady_macros::command]
pub async fn stop_pocket_refresh(
    state: State<'_, AppState>,
    refresh: State<'_, PocketRefresh>,
) -> Result<PocketStatus, ApiError> {
    let folder = state.folder.clone();
    off_thread(move || {
        folder
            .update_local_settings(|settings| settings.keep_pocket_plan(None))
            .map_err(ApiError::from)
    })
    .await?;
    Ok(refresh.status(&state))
}
