//! Native notifications through the desktop's notification service (freedesktop D-Bus
//! protocol on Linux): show one with its buttons, wait for the owner's answer, withdraw it.
//! Reminders and the power and network questions both go through here.

/// The action of clicking the notification itself (servers that draw no buttons have only it).
pub const DEFAULT: &str = "default";

/// The body as text: many notification services read it as a little HTML, so an owner's
/// "Smith & Sons" or "<b>" must not be taken for markup.
fn plain(body: &str) -> String {
    body.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(target_os = "linux")]
mod platform {
    use notify_rust::{Notification, NotificationHandle, Urgency};

    pub type Shown = NotificationHandle;

    /// Shows a notification with `actions` (key, label); an `urgent` one stays until the owner
    /// acts on it.
    pub async fn show(
        title: &str,
        body: &str,
        actions: &[(&str, &str)],
        urgent: bool,
    ) -> Result<Shown, String> {
        let mut notification = Notification::new();
        notification
            .appname("Steady")
            .summary(title)
            .body(&super::plain(body));
        for (key, label) in actions {
            notification.action(key, label);
        }
        notification
            .urgency(if urgent {
                Urgency::Critical
            } else {
                Urgency::Normal
            })
            .show_async()
            .await
            .map_err(|err| err.to_string())
    }

    /// Whether a notification service answers on the session bus.
    pub fn probe() -> Result<(), String> {
        notify_rust::get_server_information()
            .map(drop)
            .map_err(|err| err.to_string())
    }

    /// Waits until the notification is answered (the action's key) or closed (`None`).
    pub async fn clicked(shown: &Shown) -> Option<String> {
        let mut answer = None;
        shown
            .wait_for_action_async(|response| {
                answer = match response {
                    notify_rust::NotificationResponse::Default => Some(super::DEFAULT.to_owned()),
                    notify_rust::NotificationResponse::Action(key) => Some(key.clone()),
                    _ => None,
                };
            })
            .await;
        answer
    }

    pub async fn close(shown: &Shown) {
        shown.close_async().await;
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    pub type Shown = ();

    pub async fn show(
        _title: &str,
        _body: &str,
        _actions: &[(&str, &str)],
        _urgent: bool,
    ) -> Result<Shown, String> {
        Err("notifications are only built for Linux so far".into())
    }

    pub fn probe() -> Result<(), String> {
        Err("notifications are only built for Linux so far".into())
    }

    pub async fn clicked(_shown: &Shown) -> Option<String> {
        None
    }

    pub async fn close(_shown: &Shown) {}
}

pub use platform::{clicked, close, probe, show, Shown};

#[cfg(test)]
mod tests {
    #[test]
    fn a_body_is_never_markup() {
        assert_eq!(
            super::plain("Smith & Sons <b>down</b>"),
            "Smith &amp; Sons &lt;b&gt;down&lt;/b&gt;"
        );
    }
}
