//! The window's geometry and state between runs, set up once at start: where it was (kept
//! per data folder by the window-state plugin, saved soon after each move), brought back on a
//! screen that is there now, its first size fitted to a small screen, and its text size. The
//! commands the window calls about itself are in `commands/window.rs`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use steady_core::datafolder::{DataFolder, TextSize};
use tauri::utils::config::WindowConfig;
use tauri::{Manager, WebviewWindow};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered of the window between runs: not whether it was hidden or decorated.
pub const REMEMBERED: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// How long the window must stay still before its place is saved.
const SAVE_AFTER: Duration = Duration::from_millis(500);

/// Remembers the window's size and place in the data folder, beside this computer's other
/// settings (so each data folder, and each test, keeps its own).
pub fn remember_window(folder: &DataFolder) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(REMEMBERED)
        .with_filename(folder.window_state_file().to_string_lossy())
        .build()
}

/// Makes sure the window will come back wholly on a screen that is there now: one last seen
/// on a monitor since unplugged, or larger than this screen, is brought back whole, centred
/// on the main screen. The saved file is corrected before it is used.
pub fn keep_on_screen(app: &tauri::AppHandle, folder: &DataFolder) {
    let path = folder.window_state_file();
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let Ok(mut saved) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    let monitors: Vec<_> = app
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(Area::of)
        .collect();
    let main = app
        .primary_monitor()
        .ok()
        .flatten()
        .map(|m| Area::of(&m))
        .or_else(|| monitors.first().copied());
    let Some(window) = saved.get_mut("main").and_then(|w| w.as_object_mut()) else {
        return;
    };
    let number = |key: &str| window.get(key).and_then(serde_json::Value::as_i64);
    let (Some(x), Some(y), Some(width), Some(height)) =
        (number("x"), number("y"), number("width"), number("height"))
    else {
        return;
    };
    let was = Area {
        x,
        y,
        width,
        height,
    };
    let Some(moved) = main.and_then(|main| was.onto(&monitors, main)) else {
        return;
    };
    for (key, value) in [
        ("x", moved.x),
        ("y", moved.y),
        ("prev_x", moved.x),
        ("prev_y", moved.y),
        ("width", moved.width),
        ("height", moved.height),
    ] {
        window.insert(key.to_owned(), value.into());
    }
    if let Err(err) = std::fs::write(&path, saved.to_string()) {
        eprintln!("Steady could not bring its window back on screen: {err}");
    }
}

/// The size the window is made at: the configured one, made smaller to fit the main screen's
/// work area (a 1024×600 netbook, a laptop at 200 %), never below the window's own minimum;
/// `None` when the configured size fits. A size remembered from an earlier run is put back
/// over it afterwards (`keep_on_screen` has made sure that one fits).
pub fn first_size(app: &tauri::App, config: &WindowConfig) -> Option<(f64, f64)> {
    // Wayland names no primary monitor: the first one stands in.
    let monitor = app
        .primary_monitor()
        .ok()
        .flatten()
        .or_else(|| app.available_monitors().ok()?.into_iter().next())?;
    let area = monitor
        .work_area()
        .size
        .to_logical::<f64>(monitor.scale_factor());
    let fitted = fit(
        (config.width, config.height),
        (config.min_width, config.min_height),
        (area.width, area.height),
    );
    (fitted != (config.width, config.height)).then_some(fitted)
}

/// `wanted` (width, height) no larger than `room`, nor smaller than `least` where given. A
/// window's frame and title bar take some room too: it is left for them.
fn fit(wanted: (f64, f64), least: (Option<f64>, Option<f64>), room: (f64, f64)) -> (f64, f64) {
    const FRAME: (f64, f64) = (16.0, 48.0);
    let side =
        |wanted: f64, least: Option<f64>, room: f64| wanted.min(room).max(least.unwrap_or(0.0));
    (
        side(wanted.0, least.0, room.0 - FRAME.0),
        side(wanted.1, least.1, room.1 - FRAME.1),
    )
}

/// A rectangle of the desktop, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Area {
    x: i64,
    y: i64,
    width: i64,
    height: i64,
}

impl Area {
    fn of(monitor: &tauri::Monitor) -> Self {
        let (at, size) = (monitor.position(), monitor.size());
        Self {
            x: i64::from(at.x),
            y: i64::from(at.y),
            width: i64::from(size.width),
            height: i64::from(size.height),
        }
    }

    fn contains(&self, other: &Area) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.width <= self.x + self.width
            && other.y + other.height <= self.y + self.height
    }

    /// Where this window must go instead, if it is not wholly on one of `monitors`: no larger
    /// than `main`, centred on it.
    fn onto(&self, monitors: &[Area], main: Area) -> Option<Area> {
        if monitors.iter().any(|m| m.contains(self)) {
            return None;
        }
        let width = self.width.min(main.width);
        let height = self.height.min(main.height);
        Some(Area {
            x: main.x + (main.width - width) / 2,
            y: main.y + (main.height - height) / 2,
            width,
            height,
        })
    }
}

/// Saves the window's size and place soon after each move or resize, not only at exit: a
/// laptop that dies in a power cut does not close Steady first.
pub fn keep_saving(window: &WebviewWindow) {
    let app = window.app_handle().clone();
    let changes = Arc::new(AtomicU64::new(0));
    window.on_window_event(move |event| {
        if !matches!(
            event,
            tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
        ) {
            return;
        }
        let this_change = changes.fetch_add(1, Ordering::SeqCst) + 1;
        let (app, changes) = (app.clone(), Arc::clone(&changes));
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SAVE_AFTER).await;
            // Only the last of a burst of changes (a drag) saves.
            if changes.load(Ordering::SeqCst) == this_change {
                if let Err(err) = app.save_window_state(REMEMBERED) {
                    eprintln!("Steady could not remember where its window is: {err}");
                }
            }
        });
    });
}

/// Draws the window's text at the size chosen on this computer.
pub fn apply_text_size(window: &WebviewWindow, size: TextSize) {
    if let Err(err) = window.set_zoom(size.zoom()) {
        eprintln!("Steady could not change its text size: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::{fit, Area};

    #[test]
    fn the_first_window_fits_a_small_screen_but_not_below_its_minimum() {
        let least = (Some(640.0), Some(480.0));
        assert_eq!(
            fit((1100.0, 760.0), least, (1920.0, 1050.0)),
            (1100.0, 760.0)
        );
        assert_eq!(
            fit((1100.0, 760.0), least, (1024.0, 576.0)),
            (1008.0, 528.0)
        );
        assert_eq!(fit((1100.0, 760.0), least, (640.0, 480.0)), (640.0, 480.0));
        assert_eq!(
            fit((1100.0, 760.0), (None, None), (640.0, 480.0)),
            (624.0, 432.0)
        );
    }

    const SCREEN: Area = Area {
        x: 0,
        y: 0,
        width: 1280,
        height: 800,
    };

    #[test]
    fn a_window_on_screen_stays_and_one_off_it_comes_back_whole() {
        let on = Area {
            x: 100,
            y: 50,
            width: 900,
            height: 600,
        };
        assert_eq!(on.onto(&[SCREEN], SCREEN), None);
        let right_of_it = Area {
            x: 2200,
            y: 300,
            width: 1800,
            height: 1000,
        };
        assert_eq!(right_of_it.onto(&[SCREEN], SCREEN), Some(SCREEN));
        let half_off = Area { x: 900, ..on };
        assert_eq!(
            half_off.onto(&[SCREEN], SCREEN),
            Some(Area {
                x: 190,
                y: 100,
                ..on
            })
        );
    }
}
