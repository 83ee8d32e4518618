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
    use std::sync::Mutex;
    use std::time::Duration;

    use futures_lite::StreamExt;
    use notify_rust::{Notification, NotificationHandle, Urgency};
    use zbus::{MatchRule, MessageStream};

    const INTERFACE: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";

    /// A notification on screen, and the service's signals about notifications, listened to
    /// from before it was shown: an answer given at once is not missed.
    pub struct Shown {
        handle: NotificationHandle,
        answers: Mutex<Option<MessageStream>>,
    }

    /// Listens to the notification service's signals (answers and closings).
    async fn listen(bus: &zbus::Connection) -> zbus::Result<MessageStream> {
        let rule = MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(INTERFACE)
            .build()?;
        MessageStream::for_match_rule(rule, bus, None).await
    }

    /// How long a notification service may take to answer: one that owns its name on the bus
    /// but has stopped answering must not hold a reminder back for ever (nor hide that
    /// notifications do not work).
    const ANSWER: Duration = Duration::from_secs(5);

    fn silent() -> String {
        format!(
            "the notification service did not answer within {} s",
            ANSWER.as_secs()
        )
    }

    /// `step`, given `ANSWER` to finish. Every call to the service is async and dropped when
    /// its time is up: a blocking call to a service that never answers would keep a thread
    /// (and a bus connection) for ever, one per notification, until none were left.
    async fn within<T>(
        step: impl std::future::Future<Output = zbus::Result<T>>,
    ) -> Result<T, String> {
        tokio::time::timeout(ANSWER, step)
            .await
            .map_err(|_| silent())?
            .map_err(|err| err.to_string())
    }

    /// Asks the service a question that takes no argument.
    async fn ask<T>(bus: &zbus::Connection, method: &'static str) -> Result<T, String>
    where
        T: for<'d> serde::Deserialize<'d> + zbus::zvariant::Type,
    {
        let reply =
            within(bus.call_method(Some(INTERFACE), PATH, Some(INTERFACE), method, &())).await?;
        reply
            .body()
            .deserialize::<T>()
            .map_err(|err| err.to_string())
    }

    /// Shows a notification with `actions` (key, label); an `urgent` one stays until the owner
    /// acts on it.
    pub async fn show(
        title: &str,
        body: &str,
        actions: &[(&str, &str)],
        urgent: bool,
    ) -> Result<Shown, String> {
        let bus = within(zbus::Connection::session()).await?;
        // Asked each time: the owner may have changed the service since the last one. A
        // service that does not say is taken to read markup, as most do.
        let capabilities = ask::<Vec<String>>(&bus, "GetCapabilities").await.ok();
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
        let answers = within(listen(&bus)).await?;
        let handle = tokio::time::timeout(ANSWER, notification.show_async())
            .await
            .map_err(|_| silent())?
            .map_err(|err| err.to_string())?;
        Ok(Shown {
            handle,
            answers: Mutex::new(Some(answers)),
        })
    }

    /// Whether a notification service answers on the session bus.
    pub async fn probe() -> Result<(), String> {
        let bus = within(zbus::Connection::session()).await?;
        ask::<(String, String, String, String)>(&bus, "GetServerInformation")
            .await
            .map(drop)
    }

    /// Waits until the notification is answered (the action's key) or closed (`None`). Once
    /// per notification: a second wait returns `None` at once.
    pub async fn clicked(shown: &Shown) -> Option<String> {
        let id = shown.handle.id();
        let taken = shown
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let mut answers = taken?;
        while let Some(Ok(signal)) = answers.next().await {
            let header = signal.header();
            let body = signal.body();
            match header.member().map(|m| m.as_str()) {
                Some("ActionInvoked") => {
                    if let Ok((of, action)) = body.deserialize::<(u32, String)>() {
                        if of == id {
                            return Some(action);
                        }
                    }
                }
                Some("NotificationClosed") => {
                    if let Ok((of, _reason)) = body.deserialize::<(u32, u32)>() {
                        if of == id {
                            return None;
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    pub async fn close(shown: &Shown) {
        shown.handle.close_async().await;
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

    pub async fn probe() -> Result<(), String> {
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
