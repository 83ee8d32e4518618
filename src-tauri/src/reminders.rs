//! The reminder schedule: one task that sleeps until the next reminder is due (or the data
//! changes), then announces what fell due — as a native notification through the desktop's
//! notification service, and to the window. What is due is the core's business.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use steady_core::business::Language;
use steady_core::reminders::{summary_of, Reminder, ReminderKind, ReminderOpened};
use steady_core::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager, Runtime};

use crate::first_frame;
use crate::ipc::{
    emit, NotificationsAvailable, NotificationsUnavailable, ReminderOpenedEvent, RemindersChanged,
};
use crate::notifications as platform;
use crate::state::AppState;

/// Also wake this often, so a suspended laptop or a changed clock is caught up with.
const LONGEST_SLEEP: Duration = Duration::from_secs(10 * 60);

/// Whether the system's notifications work, as far as Steady has seen (0: not tried yet).
#[derive(Default)]
pub struct SystemNotifications(AtomicU8);

impl SystemNotifications {
    const WORKING: u8 = 1;
    const UNAVAILABLE: u8 = 2;

    /// `Some(false)` once showing one failed; `None` before the first try.
    pub fn available(&self) -> Option<bool> {
        match self.0.load(Ordering::Relaxed) {
            Self::WORKING => Some(true),
            Self::UNAVAILABLE => Some(false),
            _ => None,
        }
    }

    /// Records the outcome of showing a notification; what the window should be told, if
    /// anything: that they do not work (the first failure, or the first after they worked),
    /// or that they work again (a service started after Steady, say).
    pub fn record(&self, worked: bool) -> Option<bool> {
        let now = if worked {
            Self::WORKING
        } else {
            Self::UNAVAILABLE
        };
        let before = self.0.swap(now, Ordering::Relaxed);
        match (before, worked) {
            (Self::UNAVAILABLE, true) => Some(true),
            (Self::UNAVAILABLE, false) | (_, true) => None,
            (_, false) => Some(false),
        }
    }
}

/// Records the outcome of showing a notification and tells the window when that changes
/// whether notifications work.
pub fn record_outcome<R: Runtime>(app: &AppHandle<R>, worked: bool) {
    match app.state::<SystemNotifications>().record(worked) {
        Some(true) => emit::<NotificationsAvailable, R>(app, ()),
        Some(false) => emit::<NotificationsUnavailable, R>(app, ()),
        None => {}
    }
}

/// Asks the notification service who it is, so the window can say at once (rather than at
/// the first reminder) that there is none. Not held back for the first frame: the first
/// screen says it, rather than a line pushing the screen down just after it is drawn.
fn probe<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let found = platform::probe().await;
        if let Err(err) = &found {
            eprintln!("Steady found no notification service: {err}");
        }
        record_outcome(&app, found.is_ok());
    });
}

/// Starts the schedule; it runs as long as the app.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    probe(app);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        first_frame::after(&app).await;
        let state = app.state::<AppState>();
        let changed = state.changed.clone();
        loop {
            // Nothing to plan while the data file is refused; a restore signals a change.
            if state.problem().is_some() {
                changed.notified().await;
                continue;
            }
            let planned = state
                .quietly(move |store| {
                    // Read under the lock: a command that held it meanwhile does not make
                    // this pass think it is earlier than it is.
                    let now = Utc::now();
                    // One look at the reminders: what to announce, what shows, what is next.
                    let pass = store.reminder_pass(now)?;
                    let due: Vec<String> =
                        pass.due.into_iter().map(|r| r.key.to_string()).collect();
                    let (fresh, next) = (pass.fresh, pass.next);
                    let settings = store.reminder_settings()?;
                    let language = store.business()?.map_or(Language::En, |b| b.language);
                    Ok((fresh, next, due, settings.notifications, language))
                })
                .await;
            let next = match planned {
                Ok((fresh, next, due, notify, language)) => {
                    app.state::<Showing>().withdraw_all_but(&due);
                    if !fresh.is_empty() {
                        emit::<RemindersChanged, R>(&app, ());
                        if notify {
                            announce(&app, fresh, language);
                        }
                    }
                    next
                }
                Err(err) => {
                    eprintln!("Steady could not plan its reminders: {}", err.message);
                    None
                }
            };
            // A due time already passed (while this pass ran) means: go round again at once.
            let sleep = next.map_or(LONGEST_SLEEP, |at| {
                (at - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(LONGEST_SLEEP)
            });
            tokio::select! {
                () = tokio::time::sleep(sleep) => {}
                () = changed.notified() => {}
            }
        }
    });
}

/// One notification: the reminder itself, or a summary of several due at once.
fn announce<R: Runtime>(app: &AppHandle<R>, fresh: Vec<Reminder>, language: Language) {
    let (title, body) = match fresh.as_slice() {
        [one] => (one.title.clone(), one.body.clone()),
        several => summary_of(several, language),
    };
    let first = &fresh[0];
    // Where the first one leads: a summary opens on what it lists first.
    let opened = ReminderOpened {
        kind: first.kind,
        incident_id: first.incident_id,
        announced_id: first.announced_id,
    };
    let urgent = fresh.iter().any(|r| r.kind == ReminderKind::CheckSafety);
    let keys: Vec<String> = fresh.iter().map(|r| r.key.to_string()).collect();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        match platform::show(
            &title,
            &body,
            &[(platform::DEFAULT, open_label(language))],
            urgent,
        )
        .await
        {
            Ok(shown) => {
                record_outcome(&app, true);
                let shown = Arc::new(shown);
                app.state::<Showing>().add(keys, Arc::clone(&shown));
                // Until it is clicked or closed; a pending wait costs no thread.
                if platform::clicked(&shown).await.is_some() {
                    open(&app, opened);
                }
                app.state::<Showing>().forget(&shown);
            }
            Err(err) => {
                eprintln!("Steady could not show a notification: {err}");
                record_outcome(&app, false);
            }
        }
    });
}

/// The notifications on screen and the reminders each is about, so one can be withdrawn once
/// none of its reminders is due any more (dismissed, snoozed, or the outage resolved).
#[derive(Default)]
pub struct Showing(Mutex<Vec<(Vec<String>, Arc<platform::Shown>)>>);

impl Showing {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Vec<String>, Arc<platform::Shown>)>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn add(&self, keys: Vec<String>, shown: Arc<platform::Shown>) {
        self.lock().push((keys, shown));
    }

    fn forget(&self, shown: &Arc<platform::Shown>) {
        self.lock().retain(|(_, s)| !Arc::ptr_eq(s, shown));
    }

    /// Closes every notification none of whose reminders is in `due`.
    fn withdraw_all_but(&self, due: &[String]) {
        let stale: Vec<Arc<platform::Shown>> = {
            let mut showing = self.lock();
            let (stale, kept) = showing
                .drain(..)
                .partition(|(keys, _)| !keys.iter().any(|k| due.contains(k)));
            *showing = kept;
            stale.into_iter().map(|(_, shown)| shown).collect()
        };
        for shown in stale {
            tauri::async_runtime::spawn(async move { platform::close(&shown).await });
        }
    }
}

pub(crate) fn open_label(language: Language) -> &'static str {
    match language {
        Language::En => "Open Steady",
        Language::Fr => "Ouvrir Steady",
    }
}

/// Brings the window forward and tells it where to go.
fn open<R: Runtime>(app: &AppHandle<R>, opened: ReminderOpened) {
    crate::show_window(app);
    emit::<ReminderOpenedEvent, R>(app, opened);
}

/// A notification the owner asked for, to see that notifications work.
pub async fn test_notification(language: Language) -> Result<(), ApiError> {
    let (title, body) = match language {
        Language::En => (
            "Steady's notifications work",
            "During an outage, reminders will show here even when Steady is in the background.",
        ),
        Language::Fr => (
            "Les notifications de Steady fonctionnent",
            "Pendant une panne, les rappels s’afficheront ici même quand Steady est en arrière-plan.",
        ),
    };
    platform::show(
        title,
        body,
        &[(platform::DEFAULT, open_label(language))],
        false,
    )
    .await
    .map(drop)
    .map_err(|err| ApiError::new(ErrorCode::Notification, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_told_when_notifications_stop_or_start_working() {
        let system = SystemNotifications::default();
        assert_eq!(system.available(), None);
        assert_eq!(system.record(false), Some(false), "first failure");
        assert_eq!(system.record(false), None, "said once");
        assert_eq!(system.available(), Some(false));
        assert_eq!(system.record(true), Some(true), "a service came");
        assert_eq!(system.record(true), None);
        assert_eq!(system.available(), Some(true));
        assert_eq!(system.record(false), Some(false), "it went again");
        let fresh = SystemNotifications::default();
        assert_eq!(
            fresh.record(true),
            None,
            "working from the start: nothing to say"
        );
    }
}
