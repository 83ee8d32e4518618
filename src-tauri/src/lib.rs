//! Steady's desktop shell: the window, the IPC commands and the native services around the
//! Tauri-free core (`steady-core`). Each command only takes state, calls the core and maps
//! the error; the rules live in the core.

mod autostart;
mod cli;
mod commands;
mod dialogs;
mod first_frame;
mod ipc;
mod navigation;
mod notifications;
mod pocket;
mod print;
mod reminders;
mod safe_display;
mod sharing;
mod state;
mod watch;
mod window_state;

use std::path::PathBuf;

use steady_core::datafolder::{DataFolder, TextSize};
use steady_core::store::choose_data_dir;
use tauri::{AppHandle, Manager, Runtime, WebviewWindowBuilder};

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

/// The name a running Steady answers to on the session bus, so a second launch on the same
/// data brings the first window forward instead of opening the file twice. Another data
/// folder (`STEADY_DATA_DIR`, a debug build's) is another Steady.
fn instance_id(identifier: &str) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut id = identifier.to_owned();
    if let Some(dir) = std::env::var_os("STEADY_DATA_DIR").filter(|d| !d.is_empty()) {
        // FNV-1a: the same name from every build, so an updated Steady finds the running one.
        let hash = dir
            .as_bytes()
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            });
        id.push_str(&format!(".d{hash:016x}"));
    }
    if cfg!(debug_assertions) {
        id.push_str(".dev");
    }
    id
}

/// Shows the window, in front: a second launch, a notification answered.
pub(crate) fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        // A window started hidden (at login) is first seen now: if it stays blank, display
        // safe mode is its way out, as for one shown at start.
        if let Some(state) = app.try_state::<AppState>() {
            safe_display::watch(&window, state.folder.clone());
        }
    }
}

/// A second launch asked for Steady: show the window that is already open, on the start
/// screen of an outage when it was launched with `--outage`.
fn bring_forward(app: &AppHandle, args: &[String]) {
    eprintln!("Steady is already open: bringing its window forward");
    show_window(app);
    let asked = cli::parse(args.iter().skip(1).map(Into::into));
    if matches!(asked, cli::Asked::Run(launch) if launch.outage) {
        ipc::emit::<ipc::SomethingDownAsked, _>(app, ());
    }
}

/// WebKit paints Steady's pages with the CPU (Skia's CPU renderer) rather than through
/// OpenGL, unless the owner's environment already says how (WebKit's own
/// `WEBKIT_SKIA_ENABLE_CPU_RENDERING`). Forms and lists paint as fast either way, and on a
/// machine without a usable GPU, OpenGL is Mesa's software renderer, which compiles a shader
/// for every kind of thing drawn and keeps them: after a minute idle, Steady took 307 MiB
/// painting through it and takes 263 MiB without (`make bench` before and after this change:
/// `git log -p bench/results.md`). WebKit reads the variable when it starts, so this runs
/// first, before any other thread exists; what Steady opens (a link's browser, the file
/// manager) inherits it.
fn paint_with_the_cpu() {
    const CPU: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    if std::env::var_os(CPU).is_none() {
        std::env::set_var(CPU, "1");
    }
}

/// Steady was started with `--outage`: the first screen is the start of an outage, once.
#[derive(Default)]
pub(crate) struct OutageAsked(std::sync::atomic::AtomicBool);

impl OutageAsked {
    /// Whether it was asked and not yet shown; answered `true` once.
    pub(crate) fn take(&self) -> bool {
        self.0.swap(false, std::sync::atomic::Ordering::SeqCst)
    }
}

pub fn run() {
    let context = tauri::generate_context!();
    // `--help`, `--version` and a mistake end here, before anything opens a window.
    let launch = cli::launch_or_exit(&context.config().identifier);
    let display = safe_display::prepare(
        launch.safe_display,
        &DataFolder::new(cli::data_dir_before_start(&context.config().identifier)),
    );
    paint_with_the_cpu();
    let single = tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(&context.config().identifier))
        .callback(|app, args, _cwd| bring_forward(app, &args))
        .build();
    let result = tauri::Builder::default()
        // First, so a second launch stops before it touches anything.
        .plugin(single)
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(navigation::guard())
        .register_asynchronous_uri_scheme_protocol(print::SCHEME, print::serve)
        .setup(move |app| {
            let dir = data_dir(app)?;
            let folder = DataFolder::new(&dir);
            window_state::keep_on_screen(app.handle(), &folder);
            app.handle()
                .plugin(window_state::remember_window(&folder))?;
            let text_size = folder
                .local_settings()
                .text_size
                .unwrap_or(TextSize::Normal);
            app.manage(AppState::open(folder.clone()));
            app.manage(commands::data::Chosen::default());
            app.manage(commands::contacts::Deleted::default());
            app.manage(commands::data::CopyWarned::default());
            app.manage(print::PrintQueue::new(dir.join("webview")));
            app.manage(reminders::SystemNotifications::default());
            app.manage(reminders::Showing::default());
            app.manage(pocket::PocketRefresh::default());
            app.manage(sharing::Sharing::default());
            app.manage(watch::Supplies::default());
            app.manage(safe_display::DisplayState::new(display, launch.automation));
            app.manage(OutageAsked(launch.outage.into()));
            app.manage(first_frame::FirstFrame::new(autostart::in_background()));
            app.manage(commands::home::ReadAhead::default());
            // The first screen's data is read while WebKit starts, for the page to find it
            // ready; a window hidden until the owner opens it reads then, not hours before.
            if !autostart::in_background() {
                commands::home::read_ahead(app.handle());
            }
            // The window is made here rather than from the config alone so that WebKit keeps
            // its own files beside ours: tests and debug builds never touch the real folder.
            if let Some(config) = app.config().app.windows.first().cloned() {
                // Started at login: no window until the owner opens Steady or answers a
                // notification.
                let mut builder = WebviewWindowBuilder::from_config(app.handle(), &config)?;
                if let Some((width, height)) = window_state::first_size(app, &config) {
                    builder = builder.inner_size(width, height);
                }
                let window = builder
                    .data_directory(dir.join("webview"))
                    .visible(!autostart::in_background())
                    .build()?;
                window_state::keep_saving(&window);
                if autostart::in_background() {
                    autostart::hide_on_close(&window);
                }
                window_state::apply_text_size(&window, text_size);
                // A window started hidden is watched once shown (`show_window`); one WebDriver
                // drives is watched by its driver.
                if !autostart::in_background() {
                    safe_display::watch(&window, folder.clone());
                }
            }
            autostart::refresh();
            reminders::start(app.handle());
            pocket::start(app.handle());
            sharing::start(app.handle());
            watch::start(app.handle());
            commands::data::start_daily_backups(app.handle());
            Ok(())
        })
        .invoke_handler(invoke_handler())
        .build(context)
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<AppState>().close();
                }
            })
        });
    if let Err(err) = result {
        eprintln!("Steady could not start: {err}");
        std::process::exit(1);
    }
}

// The one list of commands the window may call (each described by `#[steady_macros::command]`).
steady_macros::command_list![
    commands::system::system_country,
    commands::system::open_link,
    commands::system::email_notice,
    commands::system::get_battery,
    commands::system::get_watch_settings,
    commands::system::save_watch_settings,
    commands::window::get_text_size,
    commands::window::set_text_size,
    commands::window::window_ready,
    commands::window::get_display_settings,
    commands::window::save_safe_display,
    commands::data::retry_data,
    commands::data::start_afresh,
    commands::data::quit_app,
    commands::data::open_data_folder,
    commands::data::get_backups,
    commands::data::back_up_now,
    commands::data::choose_copy_folder,
    commands::data::forget_copy_folder,
    commands::sharing::get_sharing,
    commands::sharing::choose_sharing_folder,
    commands::sharing::share_chosen_folder,
    commands::sharing::stop_sharing,
    commands::sharing::settle_conflict,
    commands::data::restore_backup,
    commands::data::choose_backup_file,
    commands::data::restore_chosen_backup,
    commands::data::export_plan,
    commands::data::export_contacts,
    commands::data::choose_plan_file,
    commands::data::import_plan,
    commands::data::choose_contacts_file,
    commands::data::import_contacts,
    commands::data::cancel_chosen,
    commands::business::save_business,
    commands::business::start_business,
    commands::contacts::list_contacts,
    commands::contacts::create_contact,
    commands::contacts::update_contact,
    commands::contacts::delete_contact,
    commands::contacts::restore_contact,
    commands::announced::list_announced,
    commands::announced::get_announced,
    commands::announced::create_announced,
    commands::announced::update_announced,
    commands::announced::delete_announced,
    commands::announced::tick_announced,
    commands::announced::announced_did_not_happen,
    commands::announced::start_announced,
    commands::announced::draft_planned_notice,
    commands::announced::check_planned_notice,
    commands::announced::services_taken_down_by,
    commands::announced::save_announced_calendar,
    commands::incidents::start_incident,
    commands::incidents::get_incident,
    commands::incidents::get_open_incident,
    commands::incidents::list_incidents,
    commands::drills::drill_scenarios,
    commands::drills::start_drill,
    commands::drills::get_drill,
    commands::drills::open_drill,
    commands::drills::list_drills,
    commands::drills::pause_drill,
    commands::drills::resume_drill,
    commands::drills::set_drill_speed,
    commands::drills::answer_inject,
    commands::drills::mark_number_bad,
    commands::drills::end_drill,
    commands::incidents::assess_incident,
    commands::incidents::override_severity,
    commands::incidents::log_call,
    commands::incidents::record_notice,
    commands::incidents::activate_workaround,
    commands::incidents::confirm_restored,
    commands::incidents::resolve_incident,
    commands::incidents::incident_team,
    commands::incidents::check_in,
    commands::incidents::hand_off,
    commands::incidents::reopen_incident,
    commands::incidents::save_review,
    commands::incidents::add_incident_note,
    commands::incidents::same_outages,
    commands::incidents::join_outages,
    commands::incidents::tick_incident_check,
    commands::notices::draft_notice,
    commands::notices::check_notice,
    commands::notices::copy_text,
    commands::notices::notice_codes,
    commands::notices::team_message,
    commands::print::save_pocket_plan,
    commands::print::pocket_plan_status,
    commands::print::stop_pocket_refresh,
    commands::notices::get_notice_template,
    commands::notices::save_notice_template,
    commands::notices::restore_notice_template,
    commands::notices::preview_notice,
    commands::home::start_up,
    commands::home::get_home,
    commands::plan::get_plan_overview,
    commands::plan::apply_starter_plan,
    commands::plan::mark_plan_reviewed,
    commands::plan::list_services,
    commands::plan::create_service,
    commands::plan::update_service,
    commands::plan::delete_service,
    commands::plan::use_contact_instead,
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
    commands::plan_actions::drill_scorecard,
    commands::plan_actions::plan_actions,
    commands::plan_actions::save_plan_action,
    commands::plan_actions::complete_plan_action,
    commands::costs::get_cost_settings,
    commands::costs::save_cost_settings,
    commands::costs::save_service_costs,
    commands::costs::get_incident_costs,
    commands::costs::get_loss,
    commands::costs::add_expense,
    commands::costs::delete_expense,
    commands::costs::add_spoiled,
    commands::costs::delete_spoiled,
    commands::claims::get_claims,
    commands::claims::mark_claim_sent,
    commands::costs::list_cold_stores,
    commands::costs::save_cold_store,
    commands::costs::delete_cold_store,
    commands::costs::move_cold_store,
    commands::costs::cold_clocks,
    commands::costs::add_cold_reading,
    commands::costs::year_in_outages,
    commands::team::get_team,
    commands::team::save_role,
    commands::team::delete_role,
    commands::team::move_role,
    commands::team::save_team_settings,
    commands::team::save_card_settings,
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
];
