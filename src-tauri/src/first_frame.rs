//! The first screen first: what can wait — the reminders' schedule, the hourly backups, the
//! pocket plan, the power and network watch — starts once the window has drawn itself
//! (`window_ready`), so on a two-core shop PC the first screen does not share the processor
//! with them. The window listens for their news before it says it is ready, so nothing they
//! say is missed. A window started hidden (at login) has nothing to draw first, and one that
//! never says it drew (a blank display) holds them back [`AT_MOST`] at most.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::watch;

/// The longest the housekeeping waits for the window.
pub const AT_MOST: Duration = Duration::from_secs(3);

/// Whether the window has drawn itself yet; managed by the app.
pub struct FirstFrame(watch::Sender<bool>);

impl FirstFrame {
    /// Waiting for the window, or not when `hidden` (nothing will draw before it is shown).
    pub fn new(hidden: bool) -> Self {
        Self(watch::Sender::new(hidden))
    }

    /// The window drew itself (or there is no point waiting any longer).
    pub fn drawn(&self) {
        self.0.send_replace(true);
    }

    /// Waits until drawn, `limit` at most.
    async fn wait(&self, limit: Duration) {
        let mut drawn = self.0.subscribe();
        // The sender lives as long as the app: the wait ends by the frame or the time.
        let _ = tokio::time::timeout(limit, drawn.wait_for(|drawn| *drawn)).await;
    }
}

/// Waits until the window has drawn itself, [`AT_MOST`] at most; at once in an app that
/// does not wait for its window (no [`FirstFrame`] managed).
pub async fn after<R: Runtime>(app: &AppHandle<R>) {
    if let Some(first) = app.try_state::<FirstFrame>() {
        first.wait(AT_MOST).await;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Instant;

    use super::*;

    const LIMIT: Duration = Duration::from_millis(300);

    #[tokio::test]
    async fn waits_for_the_frame_and_no_longer_than_its_limit() {
        let never = FirstFrame::new(false);
        let waited = Instant::now();
        never.wait(LIMIT).await;
        assert!(
            waited.elapsed() >= LIMIT,
            "never drawn: it waits the whole limit"
        );

        let first = Arc::new(FirstFrame::new(false));
        let drawer = Arc::clone(&first);
        let waiter = tokio::spawn(async move {
            let waited = Instant::now();
            first.wait(Duration::from_secs(5)).await;
            waited.elapsed()
        });
        drawer.drawn();
        let took = waiter.await.unwrap();
        assert!(
            took < Duration::from_secs(5),
            "drawn: the wait ends then ({took:?})"
        );

        // Drawn already, or started hidden: no wait at all.
        let waited = Instant::now();
        drawer.wait(Duration::from_secs(5)).await;
        FirstFrame::new(true).wait(Duration::from_secs(5)).await;
        assert!(waited.elapsed() < Duration::from_secs(5));
    }
}
