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

/// The program to start at login: this one, where it is installed. An AppImage runs from a
/// mount that changes every time, so its own file is what lasts; a binary replaced by an
/// upgrade while it ran reads as "/usr/bin/steady (deleted)", whose new copy is at the same
/// path.
fn this_program() -> io::Result<PathBuf> {
    if let Some(image) = std::env::var_os("APPIMAGE").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(image));
    }
    Ok(installed(std::env::current_exe()?))
}

/// `exe` as it will be found next time: without the kernel's " (deleted)" mark.
fn installed(exe: PathBuf) -> PathBuf {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    const DELETED: &[u8] = b" (deleted)";
    let bytes = exe.as_os_str().as_bytes();
    match bytes.strip_suffix(DELETED) {
        Some(path) => PathBuf::from(std::ffi::OsString::from_vec(path.to_vec())),
        None => exe,
    }
}

/// Writes the entry for `exe` into `folder`, whole or not at all.
fn write_entry(folder: &Path, exe: &Path) -> io::Result<()> {
    steady_core::backups::write_file_durably(&folder.join(FILE), entry(exe).as_bytes())
        .map_err(|err| io::Error::other(err.to_string()))
}

/// Writes or removes the entry.
pub fn set(on: bool) -> io::Result<()> {
    let folder = folder().ok_or_else(|| io::Error::other("no home folder"))?;
    if on {
        write_entry(&folder, &this_program()?)
    } else {
        match std::fs::remove_file(folder.join(FILE)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// At each start, an entry the owner asked for is pointed at this Steady when the program it
/// starts is gone (an upgrade moved it, a copy run from elsewhere was deleted) or when this
/// Steady is the installed one (`/usr/bin/steady` from the package wins over a copy tried
/// from a download folder); a copy run from elsewhere does not take the entry over.
/// Only the owner's own Steady does it: a debug build, or one on another data folder (the
/// tests, `make bench`), never touches the owner's login.
pub fn refresh() {
    let own = !cfg!(debug_assertions) && std::env::var_os("STEADY_DATA_DIR").is_none();
    let (true, Some(folder), Ok(exe)) = (own, folder(), this_program()) else {
        return;
    };
    if let Err(err) = refresh_in(&folder, &exe) {
        eprintln!("Steady could not update its start-at-login entry: {err}");
    }
}

fn refresh_in(folder: &Path, exe: &Path) -> io::Result<()> {
    let text = match std::fs::read_to_string(folder.join(FILE)) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err),
    };
    if text == entry(exe) {
        return Ok(());
    }
    let installed = exe.starts_with("/usr");
    let gone = program_in(&text).is_none_or(|program| !program.is_file());
    if installed || gone {
        write_entry(folder, exe)
    } else {
        Ok(())
    }
}

/// The program an entry written by [`entry`] starts, its quoting undone.
fn program_in(text: &str) -> Option<PathBuf> {
    let exec = text.lines().find_map(|line| line.strip_prefix("Exec="))?;
    // The key file's own escape first, then the quoted argument's.
    let exec = exec.replace("\\\\", "\\");
    let quoted = exec.strip_prefix('"')?;
    let mut program = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => program.push(chars.next()?),
            '%' => {
                chars.next();
                program.push('%');
            }
            '"' => return Some(PathBuf::from(program)),
            _ => program.push(c),
        }
    }
    None
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

    #[test]
    fn each_start_points_the_entry_at_the_installed_steady() {
        let home = tempfile::tempdir().unwrap();
        let folder = home.path().join("autostart");
        let starts = || program_in(&std::fs::read_to_string(folder.join(FILE)).unwrap());
        // Not asked for: nothing is written.
        refresh_in(&folder, Path::new("/usr/bin/steady")).unwrap();
        assert!(!folder.join(FILE).exists());
        // Asked for by a copy run from a build folder, then the package installed.
        let copy = home.path().join("My \"Apps\"/$steady 100%\\x");
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::write(&copy, "").unwrap();
        write_entry(&folder, &copy).unwrap();
        assert_eq!(starts(), Some(copy.clone()), "read back as written");
        refresh_in(&folder, Path::new("/usr/bin/steady")).unwrap();
        assert_eq!(starts(), Some(PathBuf::from("/usr/bin/steady")));
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            1,
            "no temporary left"
        );
        // A copy tried from elsewhere does not take over an entry whose program is there...
        write_entry(&folder, &copy).unwrap();
        refresh_in(&folder, Path::new("/tmp/Downloads/steady")).unwrap();
        assert_eq!(starts(), Some(copy.clone()));
        // ...but one whose program is gone points at the Steady that runs.
        std::fs::remove_file(&copy).unwrap();
        refresh_in(&folder, Path::new("/tmp/Downloads/steady")).unwrap();
        assert_eq!(starts(), Some(PathBuf::from("/tmp/Downloads/steady")));
    }

    #[test]
    fn a_program_replaced_while_it_ran_is_found_at_its_path() {
        assert_eq!(
            installed(PathBuf::from("/usr/bin/steady (deleted)")),
            PathBuf::from("/usr/bin/steady")
        );
        assert_eq!(
            installed(PathBuf::from("/opt/steady/steady")),
            PathBuf::from("/opt/steady/steady")
        );
    }
}
