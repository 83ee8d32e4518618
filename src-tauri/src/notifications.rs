//! Native notifications through the desktop's notification service (freedesktop D-Bus
//! protocol on Linux): show one with its buttons, wait for the owner's answer, withdraw it.
//! Reminders and the power and network questions both go through here.

/// The action of clicking the notification itself (servers that draw no buttons have only it).
pub const DEFAULT: &str = "default";

/// The summary and body as the service will draw them, from what it says it can draw
/// (`GetCapabilities`; `None` when it did not say). A service that reads the body as a little
/// HTML gets an owner's "Smith & Sons" or "<b>" escaped, so it is not taken for markup; one
/// that does not gets the text as it is, or it would show "&amp;". A service that shows only
/// the summary (an on-screen display) gets the body after it, so nothing is lost.
fn fitted(title: &str, body: &str, capabilities: Option<&[String]>) -> (String, String) {
    let can = |what: &str| capabilities.is_none_or(|all| all.iter().any(|c| c == what));
    if !can("body") && !body.is_empty() {
        // The summary is plain text on one line: never escaped, lines joined.
        let body: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
        return (format!("{title} — {}", body.join(" · ")), String::new());
    }
    let body = if can("body-markup") {
        body.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        body.to_owned()
    };
    (title.to_owned(), body)
}

#[cfg(target_os = "linux")]
mod platform {
    use std::time::Duration;

    use notify_rust::{Notification, NotificationHandle, Urgency};

    pub type Shown = NotificationHandle;

    /// How long a notification service may take to answer: one that owns its name on the bus
    /// but has stopped answering must not hold a reminder back for ever (nor hide that
    /// notifications do not work).
    const ANSWER: Duration = Duration::from_secs(5);

    /// Shows a notification with `actions` (key, label); an `urgent` one stays until the owner
    /// acts on it.
    pub async fn show(
        title: &str,
        body: &str,
        actions: &[(&str, &str)],
        urgent: bool,
    ) -> Result<Shown, String> {
        // Asked each time: the owner may have changed the service since the last one. A
        // service that does not say is taken to read markup, as most do.
        let asked = tauri::async_runtime::spawn_blocking(notify_rust::get_capabilities);
        let capabilities = tokio::time::timeout(ANSWER, asked)
            .await
            .ok()
            .and_then(Result::ok)
            .and_then(Result::ok);
        let (summary, body) = super::fitted(title, body, capabilities.as_deref());
        let mut notification = Notification::new();
        notification.appname("Steady").summary(&summary).body(&body);
        for (key, label) in actions {
            notification.action(key, label);
        }
        notification.urgency(if urgent {
            Urgency::Critical
        } else {
            Urgency::Normal
        });
        match tokio::time::timeout(ANSWER, notification.show_async()).await {
            Ok(shown) => shown.map_err(|err| err.to_string()),
            Err(_) => Err(format!(
                "the notification service did not answer within {} s",
                ANSWER.as_secs()
            )),
        }
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
    use super::fitted;

    fn said(capabilities: &[&str]) -> Vec<String> {
        capabilities.iter().map(|&c| c.to_owned()).collect()
    }

    #[test]
    fn a_service_reading_markup_gets_the_owners_text_escaped() {
        let markup = said(&["body", "body-markup", "actions"]);
        assert_eq!(
            fitted("Call back", "Smith & Sons <b>down</b>", Some(&markup)),
            (
                "Call back".to_owned(),
                "Smith &amp; Sons &lt;b&gt;down&lt;/b&gt;".to_owned()
            )
        );
        // Not knowing is taken as markup: escaped text shows "&amp;" at worst, never a tag.
        assert_eq!(
            fitted("Call back", "A & B", None).1,
            "A &amp; B",
            "a service that did not say"
        );
    }

    #[test]
    fn a_service_without_markup_gets_the_text_as_it_is() {
        let plain = said(&["body", "actions"]);
        assert_eq!(
            fitted("Call back", "Smith & Sons <b>down</b>", Some(&plain)),
            (
                "Call back".to_owned(),
                "Smith & Sons <b>down</b>".to_owned()
            )
        );
    }

    #[test]
    fn a_service_showing_only_summaries_gets_the_body_after_the_title() {
        let summaries = said(&["actions"]);
        assert_eq!(
            fitted(
                "Time to call Fibre Net back",
                "Ticket A&1.",
                Some(&summaries)
            ),
            (
                "Time to call Fibre Net back — Ticket A&1.".to_owned(),
                String::new()
            )
        );
        assert_eq!(
            fitted("Check everyone is safe", "", Some(&summaries)).0,
            "Check everyone is safe"
        );
    }
}
