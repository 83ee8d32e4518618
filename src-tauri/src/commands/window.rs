//! The window's commands about itself: how large it draws its text (kept per computer). Its
//! geometry between runs is set up in `window_state.rs`.

use steady_core::datafolder::TextSize;
use steady_core::ApiError;
use tauri::{State, WebviewWindow};

use crate::commands::data::off_thread;
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
