//! Display safe mode: on some graphics drivers WebKitGTK's DMA-BUF renderer leaves Steady's
//! window blank or white. The page says it is ready once it has drawn its first frame
//! (`window_ready`); when it has not within [`WAIT`], Steady remembers safe mode for this
//! computer and starts itself again, once, with the DMA-BUF renderer and compositing off.
//! `steady --safe-display` forces it for one run; Settings turns it off again.
//!
//! The restarted Steady carries [`RESTARTED`] and never restarts again: no loop, whatever the
//! driver does.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use steady_core::datafolder::DataFolder;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow};

/// How long the page has to say it drew itself.
pub const WAIT: Duration = Duration::from_secs(8);

/// Set on the Steady started again in display safe mode: it never restarts.
const RESTARTED: &str = "STEADY_SAFE_DISPLAY_RESTARTED";

/// What WebKitGTK reads when it starts: its DMA-BUF renderer and compositing, off.
const WEBKIT_OFF: [&str; 2] = [
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "WEBKIT_DISABLE_COMPOSITING_MODE",
];

/// A debug build only: the page's report is ignored, as if the window stayed blank (how the
/// end-to-end test makes Steady restart). A release build never reads it.
const NEVER_READY: &str = "STEADY_TEST_NEVER_READY";

/// How this run draws its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// Drawn in display safe mode.
    pub safe: bool,
    /// This run is the one started again in safe mode.
    pub restarted: bool,
}

/// What to do once [`WAIT`] is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterWait {
    /// The page drew itself: nothing.
    Nothing,
    /// Blank in the normal mode: start again in safe mode.
    Restart,
    /// Blank in safe mode already: there is nothing else to try; stay.
    Stay,
}

/// Whether this run draws in safe mode: forced (`--safe-display`), remembered for this
/// computer, or the restarted run.
pub fn decide(forced: bool, remembered: bool, restarted: bool) -> Display {
    Display {
        safe: forced || remembered || restarted,
        restarted,
    }
}

/// What a page that did (`ready`) or did not say it was ready calls for.
pub fn after_wait(ready: bool, display: Display) -> AfterWait {
    if ready {
        AfterWait::Nothing
    } else if display.restarted || display.safe {
        AfterWait::Stay
    } else {
        AfterWait::Restart
    }
}

/// Decides how this run draws and tells WebKit. Runs first in `main`, before GTK, WebKit or
/// any other thread: WebKit reads its variables once, when it starts. The restart's mark is
/// taken off the environment, so nothing Steady opens inherits it.
pub fn prepare(forced: bool, folder: &DataFolder) -> Display {
    let restarted = std::env::var_os(RESTARTED).is_some();
    std::env::remove_var(RESTARTED);
    let remembered = folder.local_settings().safe_display == Some(true);
    let display = decide(forced, remembered, restarted);
    if display.safe {
        for name in WEBKIT_OFF {
            std::env::set_var(name, "1");
        }
        eprintln!("Steady draws its window in display safe mode");
    }
    display
}

/// This run's display, and whether the page said it was ready; managed by the app.
pub struct DisplayState {
    pub display: Display,
    ready: AtomicBool,
    /// A wait is under way: one at a time.
    watching: AtomicBool,
    /// WebDriver drives this window and watches it itself.
    automation: bool,
}

impl DisplayState {
    pub fn new(display: Display, automation: bool) -> Self {
        Self {
            display,
            ready: AtomicBool::new(false),
            watching: AtomicBool::new(false),
            automation,
        }
    }

    /// The page drew its first frame.
    pub fn ready(&self) {
        if cfg!(debug_assertions) && std::env::var_os(NEVER_READY).is_some() {
            eprintln!("Steady ignores that its window is ready ({NEVER_READY})");
            return;
        }
        if !self.ready.swap(true, Ordering::SeqCst) {
            eprintln!("Steady's window drew itself");
        }
    }
}

/// Waits [`WAIT`] for the page of `window` to say it is ready, and starts Steady again in
/// safe mode if it did not. A window hidden or minimised meanwhile cannot draw: it is not
/// judged then, but again when it is next shown ([`crate::show_window`]). Never for a window
/// WebDriver drives, one already ready, or while a wait is under way.
pub fn watch<R: Runtime>(window: &WebviewWindow<R>, folder: DataFolder) {
    let Some(state) = window.try_state::<DisplayState>() else {
        return;
    };
    if state.automation
        || state.ready.load(Ordering::SeqCst)
        || state.watching.swap(true, Ordering::SeqCst)
    {
        return;
    }
    let window = window.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(WAIT).await;
        let state = window.state::<DisplayState>();
        let ready = state.ready.load(Ordering::SeqCst);
        let shown = window.is_visible().unwrap_or(false) && !window.is_minimized().unwrap_or(true);
        state.watching.store(false, Ordering::SeqCst);
        if !ready && !shown {
            // Judged again the next time it is shown.
            return;
        }
        match after_wait(ready, state.display) {
            AfterWait::Nothing => {}
            AfterWait::Stay => eprintln!(
                "Steady's window did not say it was ready within {} s, in display safe mode \
                 already: it is not started again",
                WAIT.as_secs()
            ),
            AfterWait::Restart => restart(window.app_handle(), &folder),
        }
    });
}

/// Remembers safe mode for this computer and runs Steady again in place (the same process,
/// so its data folder and its name on the session bus are free for it the moment it starts),
/// with the same arguments and WebKit's renderer off.
fn restart<R: Runtime>(_app: &AppHandle<R>, folder: &DataFolder) {
    use std::os::unix::process::CommandExt;
    eprintln!(
        "Steady's window did not say it was ready within {} s: starting again in display safe \
         mode",
        WAIT.as_secs()
    );
    if let Err(err) = folder.remember_safe_display(true) {
        eprintln!("Steady could not remember display safe mode: {err}");
    }
    let mut args = std::env::args_os();
    let program = args.next().unwrap_or_else(|| "steady".into());
    // A window is only judged once shown: the owner is looking at it, so a Steady started in
    // the background (at login) comes back shown.
    let args = args.filter(|arg| arg != crate::autostart::BACKGROUND);
    // The running program's own file, even if an upgrade replaced it meanwhile.
    let err = std::process::Command::new("/proc/self/exe")
        .arg0(program)
        .args(args)
        .env(RESTARTED, "1")
        .envs(WEBKIT_OFF.map(|name| (name, "1")))
        .exec();
    eprintln!("Steady could not start again in display safe mode: {err}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_mode_is_forced_remembered_or_the_restart() {
        assert!(!decide(false, false, false).safe);
        assert!(decide(true, false, false).safe);
        assert!(decide(false, true, false).safe);
        assert!(decide(false, false, true).safe);
    }

    #[test]
    fn a_window_ready_in_time_changes_nothing() {
        for display in [decide(false, false, false), decide(false, true, false)] {
            assert_eq!(after_wait(true, display), AfterWait::Nothing);
        }
    }

    #[test]
    fn a_blank_window_restarts_once_in_safe_mode() {
        assert_eq!(
            after_wait(false, decide(false, false, false)),
            AfterWait::Restart
        );
    }

    #[test]
    fn a_restarted_or_already_safe_steady_never_restarts() {
        assert_eq!(
            after_wait(false, decide(false, false, true)),
            AfterWait::Stay
        );
        assert_eq!(
            after_wait(false, decide(false, true, false)),
            AfterWait::Stay
        );
        assert_eq!(
            after_wait(false, decide(true, false, false)),
            AfterWait::Stay
        );
        // Even a restarted run that somehow reads as not safe.
        let odd = Display {
            safe: false,
            restarted: true,
        };
        assert_eq!(after_wait(false, odd), AfterWait::Stay);
    }
}
