//! Keeps Steady's window on Steady's own pages. Links are opened outside through `open_link`;
//! anything that still tries to navigate the window elsewhere (a stray link, a dropped file,
//! injected markup) is refused here.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// Whether `url` is one of the app's own pages (served from the binary, not the network).
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => url.path() == "blank",
        _ => false,
    }
}

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            // A print window shows its one printed page and nothing else.
            let allowed = if crate::print::is_print_window(webview.label()) {
                crate::print::is_print_url(url)
            } else {
                is_app_url(url)
            };
            if !allowed {
                eprintln!("Steady refused to navigate its window to {url}");
            }
            allowed
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_own_pages_are_allowed() {
        for (url, allowed) in [
            ("tauri://localhost/", true),
            ("tauri://localhost/index.html#contacts", true),
            ("http://tauri.localhost/", true),
            ("about:blank", true),
            ("https://example.com/", false),
            ("tauri://evil.example/", false),
            ("http://tauri.localhost.example.com/", false),
            ("file:///etc/passwd", false),
            ("tel:0800123456", false),
            ("mailto:a@b.fr", false),
        ] {
            assert_eq!(is_app_url(&Url::parse(url).unwrap()), allowed, "{url}");
        }
    }
}
