//! "Start Steady in the background when I log in": an XDG autostart entry
//! (`~/.config/autostart/steady.desktop`) that runs this Steady with `--background`, so it
//! watches the power and the network and shows its reminders without a window until the
//! owner opens one. Off unless the owner ticks it; unticking removes the entry.

use std::io;
use std::path::{Path, PathBuf};

/// The argument an autostarted Steady runs with: no window until one is asked for.
pub const BACKGROUND: &str = "--background";

const FILE: &str = "steady.desktop";

/// Whether this run was started in the background.
pub fn in_background() -> bool {
    std::env::args().skip(1).any(|a| a == BACKGROUND)
}

/// Started at login, Steady keeps watching and reminding once its window is closed: closing
/// hides the window (launching Steady again, or answering a notification, shows it).
pub fn hide_on_close<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let hidden = window.clone();
    window.on_window_event(move |event| {
        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
            let _ = hidden.hide();
        }
    });
}

/// `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart`.
fn folder() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("autostart"))
}

/// The entry's text for the program at `exe`. Its path is quoted as the desktop entry
/// specification asks (a path with spaces, quotes, `$` or `%` still runs).
fn entry(exe: &Path) -> String {
    let mut quoted = String::from("\"");
    for c in exe.to_string_lossy().chars() {
        match c {
            '"' | '`' | '$' | '\\' => quoted.push('\\'),
            // A field code otherwise (`%f`).
            '%' => quoted.push('%'),
            _ => {}
        }
        quoted.push(c);
    }
    quoted.push('"');
    // In the key file, a backslash is itself written twice.
    let exec = quoted.replace('\\', "\\\\");
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Steady\n\
         Comment=Watches the power and the network, and keeps the outage reminders\n\
         Exec={exec} {BACKGROUND}\n\
         Icon=steady\n\
         Terminal=false\n\
         NoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n"
    )
}

/// Whether Steady starts at login.
pub fn enabled() -> bool {
    folder().is_some_and(|f| f.join(FILE).is_file())
}

/// Writes or removes the entry.
pub fn set(on: bool) -> io::Result<()> {
    let folder = folder().ok_or_else(|| io::Error::other("no home folder"))?;
    let path = folder.join(FILE);
    if on {
        std::fs::create_dir_all(&folder)?;
        // An AppImage runs from a mount that changes every time: its own file is what lasts.
        let exe = match std::env::var_os("APPIMAGE").filter(|p| !p.is_empty()) {
            Some(image) => PathBuf::from(image),
            None => std::env::current_exe()?,
        };
        std::fs::write(path, entry(&exe))
    } else {
        match std::fs::remove_file(path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_runs_this_steady_in_the_background_whatever_its_path() {
        let text = entry(Path::new("/home/ana/My \"Apps\"/$steady 100%"));
        assert!(
            text.contains(
                "Exec=\"/home/ana/My \\\\\"Apps\\\\\"/\\\\$steady 100%%\" --background\n"
            ),
            "{text}"
        );
        assert!(text.starts_with("[Desktop Entry]\nType=Application\n"));
        assert!(text.contains("X-GNOME-Autostart-enabled=true"));
    }
}
