//! One window, one page, nothing else.

fn main() {
    if let Err(err) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("hello-tauri could not start: {err}");
        std::process::exit(1);
    }
}
