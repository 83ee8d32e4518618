//! A stand-in for the desktop's notification service on the test's D-Bus session: it owns
//! `org.freedesktop.Notifications`, records every `Notify` call (what a person would have
//! seen) and can click a notification, as a person would.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::object_server::SignalEmitter;
use zbus::OwnedVariant;
use zbus::{connection, interface};

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// One notification as it arrived on the bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Action keys and labels, alternating, as the protocol sends them.
    pub actions: Vec<String>,
}

struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
    closed: Arc<Mutex<Vec<u32>>>,
    /// Owns its name but never answers, like a service that has hung.
    silent: bool,
}

impl Server {
    async fn hang_if_silent(&self) {
        if self.silent {
            std::future::pending::<()>().await;
        }
    }
}

#[interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        self.hang_if_silent().await;
        let mut shown = self.shown.lock().unwrap();
        let id = u32::try_from(shown.len()).unwrap() + 1;
        shown.push(Shown {
            id,
            app_name,
            summary,
            body,
            actions,
        });
        id
    }

    async fn get_capabilities(&self) -> Vec<String> {
        self.hang_if_silent().await;
        vec!["body".into(), "actions".into()]
    }

    async fn get_server_information(&self) -> (String, String, String, String) {
        self.hang_if_silent().await;
        (
            "steady-tests".into(),
            "Steady".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, id: u32) {
        self.closed.lock().unwrap().push(id);
    }

    #[zbus(signal)]
    async fn action_invoked(emitter: &SignalEmitter<'_>, id: u32, action: &str)
        -> zbus::Result<()>;
}

pub struct FakeNotifications {
    connection: zbus::Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
    closed: Arc<Mutex<Vec<u32>>>,
}

impl FakeNotifications {
    /// Owns the notification service's name on the session bus (refusing to be replaced, so a
    /// real service cannot take the calls away).
    pub async fn start() -> Self {
        Self::serve(false).await
    }

    /// A service that owns the name and never answers a call.
    pub async fn start_silent() -> Self {
        Self::serve(true).await
    }

    async fn serve(silent: bool) -> Self {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(Mutex::new(Vec::new()));
        let connection = connection::Builder::session()
            .name(NAME)
            .allow_name_replacements(false)
            .replace_existing_names(false)
            .serve_at(
                PATH,
                Server {
                    shown: Arc::clone(&shown),
                    closed: Arc::clone(&closed),
                    silent,
                },
            )
            .build()
            .await
            .expect(
                "could not own org.freedesktop.Notifications on the session bus: run the \
                     tests through `make test` (dbus-run-session)",
            );
        Self {
            connection,
            shown,
            closed,
        }
    }

    /// Gives the name up: a silent service's unanswered calls would otherwise keep it owned
    /// after the test, and the next test could not stand in.
    pub async fn leave(self) {
        self.connection.release_name(NAME).await.unwrap();
    }

    /// Waits until the app withdraws notification `id`.
    pub async fn wait_closed(&self, id: u32) {
        super::eventually(
            format!("notification {id} was never withdrawn"),
            Duration::from_secs(20),
            || async { super::when(self.closed.lock().unwrap().contains(&id)) },
        )
        .await;
    }

    pub fn closed(&self) -> Vec<u32> {
        self.closed.lock().unwrap().clone()
    }

    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap().clone()
    }

    /// Waits until a notification whose summary contains `needle` arrives.
    pub async fn wait_for(&self, needle: &str) -> Shown {
        self.wait_for_within(needle, 20).await
    }

    /// As [`FakeNotifications::wait_for`], for one due up to `seconds` from now.
    pub async fn wait_for_within(&self, needle: &str, seconds: u64) -> Shown {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(found) = self
                .shown()
                .into_iter()
                .find(|n| n.summary.contains(needle))
            {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "no notification {needle:?} arrived; got {:?}",
                self.shown()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks a notification (its default action), as a person would.
    pub async fn click(&self, id: u32) {
        self.press(id, "default").await;
    }

    /// Presses one of a notification's buttons, by its action key.
    pub async fn press(&self, id: u32, action: &str) {
        let emitter = SignalEmitter::new(&self.connection, PATH).unwrap();
        Server::action_invoked(&emitter, id, action).await.unwrap();
    }
}
