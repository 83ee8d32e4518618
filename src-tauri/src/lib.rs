//! Steady's desktop shell: the window, the IPC commands and the native services around the
//! Tauri-free core (`steady-core`). Each command only takes state, calls the core and maps
//! the error; the rules live in the core.

mod commands;
mod navigation;
mod print;
mod reminders;
mod state;

use std::path::PathBuf;

use steady_core::store::choose_data_dir;
use tauri::{Manager, WebviewWindowBuilder};

use crate::state::AppState;

/// `STEADY_DATA_DIR`, or the platform's data folder for the app (a `-dev` sibling of it in
/// debug builds).
fn data_dir(app: &tauri::App) -> tauri::Result<PathBuf> {
    let override_dir = std::env::var_os("STEADY_DATA_DIR").map(PathBuf::from);
    Ok(choose_data_dir(
        override_dir,
        app.path().app_data_dir()?,
        cfg!(debug_assertions),
    ))
}

pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(navigation::guard())
        .register_asynchronous_uri_scheme_protocol(print::SCHEME, print::serve)
        .setup(|app| {
            let dir = data_dir(app)?;
            app.manage(AppState::open(&dir));
            app.manage(print::PrintQueue::new(dir.join("webview")));
            app.manage(reminders::SystemNotifications::default());
            app.manage(reminders::Showing::default());
            // The window is made here rather than from the config alone so that WebKit keeps
            // its own files beside ours: tests and debug builds never touch the real folder.
            if let Some(config) = app.config().app.windows.first().cloned() {
                WebviewWindowBuilder::from_config(app.handle(), &config)?
                    .data_directory(dir.join("webview"))
                    .build()?;
            }
            reminders::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::system::system_language,
            commands::system::open_link,
            commands::business::get_business,
            commands::business::save_business,
            commands::contacts::list_contacts,
            commands::contacts::create_contact,
            commands::contacts::update_contact,
            commands::contacts::delete_contact,
            commands::contacts::restore_contact,
            commands::incidents::start_incident,
            commands::incidents::get_incident,
            commands::incidents::get_open_incident,
            commands::incidents::list_incidents,
            commands::incidents::assess_incident,
            commands::incidents::override_severity,
            commands::incidents::log_call,
            commands::incidents::record_notice,
            commands::incidents::activate_workaround,
            commands::incidents::confirm_restored,
            commands::incidents::resolve_incident,
            commands::incidents::reopen_incident,
            commands::incidents::save_review,
            commands::incidents::add_incident_note,
            commands::incidents::tick_incident_check,
            commands::notices::draft_notice,
            commands::notices::check_notice,
            commands::notices::copy_text,
            commands::notices::get_notice_template,
            commands::notices::save_notice_template,
            commands::notices::restore_notice_template,
            commands::notices::preview_notice,
            commands::plan::get_plan_overview,
            commands::plan::apply_starter_plan,
            commands::plan::mark_plan_reviewed,
            commands::plan::list_services,
            commands::plan::create_service,
            commands::plan::update_service,
            commands::plan::delete_service,
            commands::plan::create_workaround,
            commands::plan::update_workaround,
            commands::plan::delete_workaround,
            commands::plan::list_runbooks,
            commands::plan::create_runbook,
            commands::plan::update_runbook,
            commands::plan::delete_runbook,
            commands::plan::get_safety_plan,
            commands::plan::save_safety_plan,
            commands::plan::get_contact_usage,
            commands::print::default_paper,
            commands::print::get_print_status,
            commands::print::print_document,
            commands::print::save_document_pdf,
            commands::reminders::list_reminders,
            commands::reminders::snooze_reminder,
            commands::reminders::dismiss_reminder,
            commands::reminders::get_reminder_settings,
            commands::reminders::save_reminder_settings,
            commands::reminders::system_notifications,
            commands::reminders::test_notification,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Steady could not start: {err}");
        std::process::exit(1);
    }
}
