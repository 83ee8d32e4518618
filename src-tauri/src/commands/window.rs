//! The window itself: how large it draws its text (kept per computer), and where it was.

use steady_core::datafolder::{DataFolder, TextSize};
use steady_core::ApiError;
use tauri::{State, WebviewWindow};
use tauri_plugin_window_state::{StateFlags, WindowExt};

use crate::commands::data::off_thread;
use crate::state::AppState;

/// What is remembered of the window between runs: not whether it was hidden or decorated.
pub const REMEMBERED: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// Remembers the window's size and place in the data folder, beside this computer's other
/// settings (so each data folder, and each test, keeps its own).
pub fn remember_window(folder: &DataFolder) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(REMEMBERED)
        .with_filename(folder.window_state_file().to_string_lossy())
        .skip_initial_state("main")
        .build()
}

/// Puts the window back where it was, then makes sure all of it is on a screen that is there
/// now: a window last seen on a monitor since unplugged, or larger than this screen, is
/// brought back whole.
pub fn restore(window: &WebviewWindow) {
    if let Err(err) = window.restore_state(REMEMBERED) {
        eprintln!("Steady could not put its window back where it was: {err}");
    }
    if let Err(err) = keep_on_screen(window) {
        eprintln!("Steady could not check its window is on screen: {err}");
    }
}

fn keep_on_screen(window: &WebviewWindow) -> tauri::Result<()> {
    if window.is_maximized()? {
        return Ok(());
    }
    let position = window.outer_position()?;
    let size = window.outer_size()?;
    let monitors = window.available_monitors()?;
    let fully_on_one = monitors.iter().any(|m| {
        let (at, area) = (m.position(), m.size());
        position.x >= at.x
            && position.y >= at.y
            && i64::from(position.x) + i64::from(size.width)
                <= i64::from(at.x) + i64::from(area.width)
            && i64::from(position.y) + i64::from(size.height)
                <= i64::from(at.y) + i64::from(area.height)
    });
    if fully_on_one {
        return Ok(());
    }
    let Some(monitor) = window
        .current_monitor()?
        .or(window.primary_monitor()?)
        .or_else(|| monitors.into_iter().next())
    else {
        return Ok(());
    };
    let area = monitor.size();
    if size.width > area.width || size.height > area.height {
        window.set_size(tauri::PhysicalSize::new(
            size.width.min(area.width),
            size.height.min(area.height),
        ))?;
    }
    window.center()
}

/// Draws the window's text at the size chosen on this computer.
pub fn apply_text_size(window: &WebviewWindow, size: TextSize) {
    if let Err(err) = window.set_zoom(size.zoom()) {
        eprintln!("Steady could not change its text size: {err}");
    }
}

#[steady_macros::command]
pub fn get_text_size(state: State<'_, AppState>) -> TextSize {
    state
        .folder
        .local_settings()
        .text_size
        .unwrap_or(TextSize::Normal)
}

/// Draws the window's text at `size` and remembers it for this computer.
#[steady_macros::command]
pub async fn set_text_size(
    window: WebviewWindow,
    state: State<'_, AppState>,
    size: TextSize,
) -> Result<TextSize, ApiError> {
    let folder = state.folder.clone();
    off_thread(move || folder.remember_text_size(size).map_err(ApiError::from)).await?;
    apply_text_size(&window, size);
    Ok(size)
}
