//! Generates one permission per app command, so the capability in `tauri.conf.json` grants
//! exactly the commands the UI uses and nothing else. The capability's `allow-*` list is the
//! one list of commands; every name in it must be registered in `lib.rs`.

use serde_json::Value;

fn commands_in_capability() -> Vec<&'static str> {
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let text = std::fs::read_to_string("tauri.conf.json")
        .unwrap_or_else(|err| panic!("cannot read tauri.conf.json: {err}"));
    let config: Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("tauri.conf.json: {err}"));
    config["app"]["security"]["capabilities"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|capability| capability["permissions"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .filter_map(|permission| permission.strip_prefix("allow-"))
        .map(|command| &*Box::leak(command.replace('-', "_").into_boxed_str()))
        .collect()
}

fn main() {
    let commands = Box::leak(commands_in_capability().into_boxed_slice());
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .unwrap_or_else(|err| panic!("tauri build step failed: {err:#}"));
}
