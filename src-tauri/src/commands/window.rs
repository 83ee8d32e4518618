//! The window's commands about itself: how large it draws its text (kept per computer), that
//! it drew itself, and display safe mode. Its geometry between runs is set up in
//! `window_state.rs`.

use steady_core::datafolder::{DisplaySettings, TextSize};
use steady_core::ApiError;
use tauri::{State, WebviewWindow};

use crate::commands::data::off_thread;
use crate::first_frame::FirstFrame;
use crate::safe_display::DisplayState;
use crate::state::AppState;
use crate::window_state::apply_text_size;

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

/// The page drew its first frame: the window works on this computer's display (otherwise
/// Steady starts again in display safe mode, `safe_display.rs`).
#[steady_macros::command]
pub fn window_ready(display: State<'_, DisplayState>, first: State<'_, FirstFrame>) {
    display.ready();
    first.drawn();
}

/// Whether this run draws in display safe mode, and whether this computer starts in it.
#[steady_macros::command]
pub fn get_display_settings(
    state: State<'_, AppState>,
    display: State<'_, DisplayState>,
) -> DisplaySettings {
    DisplaySettings {
        safe_now: display.display.safe,
        remembered: state.folder.local_settings().safe_display == Some(true),
    }
}

/// Starts Steady in display safe mode on this computer, or not (`on`), from the next start.
#[steady_macros::command]
pub async fn save_safe_display(
    state: State<'_, AppState>,
    display: State<'_, DisplayState>,
    on: bool,
) -> Result<DisplaySettings, ApiError> {
    let folder = state.folder.clone();
    off_thread(move || folder.remember_safe_display(on).map_err(ApiError::from)).await?;
    Ok(DisplaySettings {
        safe_now: display.display.safe,
        remembered: on,
    })
}
