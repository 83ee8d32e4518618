//! Steady's desktop shell: the window, the IPC commands and the native services around the
//! Tauri-free core (`steady-core`). Each command only takes state, calls the core and maps
//! the error; the rules live in the core.

mod commands;
mod navigation;
mod state;

use tauri::Manager;

use crate::state::AppState;

pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::guard())
        .setup(|app| {
            let platform_dir = app.path().app_data_dir()?;
            app.manage(AppState::open(platform_dir));
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
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Steady could not start: {err}");
        std::process::exit(1);
    }
}
