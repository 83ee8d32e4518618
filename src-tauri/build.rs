//! Generates one permission per app command, so the capability in `tauri.conf.json` can grant
//! exactly the commands the UI uses and nothing else.

/// Every `#[tauri::command]` the shell registers; keep in step with `lib.rs`.
const COMMANDS: &[&str] = &[
    "system_language",
    "get_business",
    "save_business",
    "list_contacts",
    "create_contact",
    "update_contact",
    "delete_contact",
    "restore_contact",
    "open_link",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|err| panic!("tauri build step failed: {err:#}"));
}
