//! Reminders end to end: the real app on the test's D-Bus session with a stand-in notification
//! service that records what arrives. Reminders that fell due while Steady was closed come as
//! one summary; each shows in the window, can be dismissed for good, and a click on the
//! notification leads to the outage; a reminder due while the app runs arrives on its own;
//! without a notification service, the window says so and shows the reminders.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use chrono::{Duration, Utc};
use steady_core::incidents::{AssessInput, CallInput, Cause, IncidentStart, NoticeInput};
use steady_core::notices::{Channel, Stage};
use support::notifications::FakeNotifications;
use support::{
    app_sockets, click, find, seed_cafe, set_up_cafe, snapshot, tick_down, wait_for_text, Driver,
};
use thirtyfour::prelude::*;

/// A café whose card payments went down three hours ago — someone may be in danger, a
/// notice went out two hours ago, the provider's promised time and the call-back time have
/// passed — while Steady was closed.
fn seed_missed(dir: &Path) -> i64 {
    let start = Utc::now() - Duration::hours(3);
    let mut store = seed_cafe(dir, start);
    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap();
    let id = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card.id],
                something_else: String::new(),
                started_at: None,
            },
            start,
        )
        .unwrap()
        .id;
    store
        .assess_incident(
            id,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Internet,
                danger: true,
                customers_affected: None,
                expected_minutes: Some(240),
            },
            start,
        )
        .unwrap();
    // Announced at the time: only the safety check.
    assert_eq!(store.take_unannounced(start).unwrap().len(), 1);
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Cash only for now.".into(),
            },
            start + Duration::minutes(60),
        )
        .unwrap();
    store
        .log_call(
            id,
            &CallInput {
                contact_id: None,
                contact_name: "SumUp".into(),
                ticket: "INC-42".into(),
                spoke_to: String::new(),
                eta: Some(start + Duration::minutes(100)),
                call_back_at: Some(start + Duration::minutes(120)),
                notes: String::new(),
            },
            start + Duration::minutes(65),
        )
        .unwrap();
    id
}

/// The reminders' titles in the window, read in one go (the list may be redrawn meanwhile).
async fn reminders_shown(app: &WebDriver) -> Vec<String> {
    let titles = app
        .execute(
            "return Array.from(document.querySelectorAll('.reminder strong'), e => e.textContent)",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(titles.json().clone()).unwrap()
}

async fn wait_for_reminders(app: &WebDriver, count: usize) -> Vec<String> {
    support::eventually(
        format!("{count} reminders never showed in the window"),
        std::time::Duration::from_secs(20),
        || async {
            let titles = reminders_shown(app).await;
            (titles.len() == count).then_some(titles)
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missed_reminders_come_as_one_notification_and_wait_in_the_window() {
    let data = tempfile::tempdir().unwrap();
    seed_missed(data.path());
    let bus = FakeNotifications::start().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;

    // One notification for the three that fell due while Steady was closed.
    let summary = bus.wait_for("reminders are waiting").await;
    assert_eq!(summary.app_name, "Steady");
    assert_eq!(summary.summary, "3 reminders are waiting");
    assert_eq!(
        summary.body,
        "• Time to update your customers\n• Call back SumUp?\n• Time to call SumUp back"
    );
    assert_eq!(summary.actions, ["default", "Open Steady"]);
    eprintln!(
        "notification on the bus: {:?} / {:?}",
        summary.summary, summary.body
    );

    // All four wait in the window, the safety check too (announced back then); the first two
    // show, the others fold away.
    wait_for_reminders(&app, 2).await;
    click(&app, "#reminders-more").await;
    let titles = wait_for_reminders(&app, 4).await;
    assert_eq!(
        titles,
        [
            "Check everyone is safe",
            "Time to update your customers",
            "Call back SumUp?",
            "Time to call SumUp back",
        ]
    );
    snapshot(&app, "reminders").await;

    // Dismissed: gone for good. The summary stays up: two of its reminders are still due.
    click(
        &app,
        "button[aria-label='Dismiss: Time to call SumUp back']",
    )
    .await;
    wait_for_reminders(&app, 3).await;
    assert!(bus.closed().is_empty());

    // A click on the notification leads to the outage.
    click(&app, "#nav-contacts").await;
    find(&app, "#contact-search").await;
    bus.click(summary.id).await;
    find(&app, "#incident-title").await;

    // Reopened later: nothing is announced twice, the dismissed one stays away.
    app.quit().await.unwrap();
    let app = driver.launch_app().await;
    wait_for_text(&app, "#reminders-more", "Show 1 more").await;
    click(&app, "#nav-settings").await;
    click(&app, "#test-notification").await;
    bus.wait_for("Steady's notifications work").await;
    snapshot(&app, "settings").await;
    let summaries: Vec<String> = bus.shown().into_iter().map(|n| n.summary).collect();
    assert_eq!(
        summaries,
        ["3 reminders are waiting", "Steady's notifications work"]
    );
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_due_while_steady_runs_arrives_at_once() {
    let data = tempfile::tempdir().unwrap();
    let bus = FakeNotifications::start().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;

    // Something's down, and someone may be in danger.
    click(&app, "#something-down").await;
    tick_down(&app, "Card payments").await;
    click(&app, "#start-assess").await;
    click(&app, "input[name='assess-danger'][value='true']").await;
    click(&app, "form.assess button[type='submit']").await;

    let shown = bus.wait_for("Check everyone is safe").await;
    assert_eq!(
        shown.body,
        "Someone may be in danger: go through the safety checklist first."
    );
    wait_for_text(&app, ".reminder strong", "Check everyone is safe").await;
    assert_eq!(bus.shown().len(), 1, "{:?}", bus.shown());

    // Dismissed in the window: the notification is withdrawn from the desktop too.
    assert!(bus.closed().is_empty());
    click(&app, "button[aria-label='Dismiss: Check everyone is safe']").await;
    bus.wait_closed(shown.id).await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_notification_service_the_window_says_so_at_once() {
    // A calm day: no reminder to show, and still the owner is told.
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;
    wait_for_text(
        &app,
        ".reminders-unavailable",
        "System notifications are not available on this computer",
    )
    .await;
    driver
        .wait_for_output("Steady found no notification service")
        .await;

    // A notification service starts after Steady (a desktop still coming up): once one is
    // shown, the line saying there is none goes.
    let bus = FakeNotifications::start().await;
    click(&app, "#nav-settings").await;
    click(&app, "#test-notification").await;
    bus.wait_for("Steady's notifications work").await;
    support::wait_gone(&app, ".reminders-unavailable").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_notification_service_the_window_says_so_and_shows_the_reminders() {
    let data = tempfile::tempdir().unwrap();
    seed_missed(data.path());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    wait_for_text(
        &app,
        ".reminders-unavailable",
        "System notifications are not available on this computer",
    )
    .await;
    wait_for_text(&app, "#reminders-more", "Show 2 more").await;
    driver
        .wait_for_output("Steady could not show a notification")
        .await;
    snapshot(&app, "reminders-without-notifications").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_service_that_never_answers_is_given_up_on() {
    let data = tempfile::tempdir().unwrap();
    seed_missed(data.path());
    let hung = FakeNotifications::start_silent().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    // The reminders wait in the window all along; once the service has had its time, the
    // owner is told notifications do not work.
    wait_for_text(&app, "#reminders-more", "Show 2 more").await;
    driver
        .wait_for_output("the notification service did not answer within 5 s")
        .await;
    wait_for_text(
        &app,
        ".reminders-unavailable",
        "System notifications are not available on this computer",
    )
    .await;
    // Each try is given up on without leaving a thread (and its bus connection) waiting on
    // the service: before, each one kept both for ever, until none were left and every
    // command waited.
    click(&app, "#nav-settings").await;
    let before = app_sockets();
    for _ in 0..3 {
        click(&app, "#test-notification").await;
        wait_for_text(&app, "#test-problem", "not available").await;
    }
    let after = app_sockets();
    assert!(
        after <= before + 1,
        "sockets: {before} before three tries, {after} after"
    );
    app.quit().await.unwrap();
    hung.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_back_time_arrives_while_steady_waits() {
    let data = tempfile::tempdir().unwrap();
    let soon = {
        let now = Utc::now();
        let mut store = seed_cafe(data.path(), now);
        let id = store
            .start_incident(
                &IncidentStart {
                    service_ids: Vec::new(),
                    something_else: "Coffee machine".into(),
                    started_at: None,
                },
                now,
            )
            .unwrap()
            .id;
        // A few seconds from now: Steady is open and idle by then.
        let soon = now + Duration::seconds(6);
        store
            .log_call(
                id,
                &CallInput {
                    contact_id: None,
                    contact_name: "La Marzocco".into(),
                    ticket: "LM-7 & <8>".into(),
                    spoke_to: String::new(),
                    eta: None,
                    call_back_at: Some(soon),
                    notes: String::new(),
                },
                now,
            )
            .unwrap();
        soon
    };
    let bus = FakeNotifications::start().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    assert!(
        Utc::now() < soon,
        "the app took too long to start for this test to mean anything"
    );
    assert!(bus.shown().is_empty());

    let shown = bus.wait_for("Time to call La Marzocco back").await;
    assert!(Utc::now() >= soon);
    // The service says it draws no markup: the owner's text arrives as typed, not escaped.
    assert_eq!(shown.body, "Ticket LM-7 & <8>.");
    wait_for_text(&app, ".reminder strong", "Time to call La Marzocco back").await;
    app.quit().await.unwrap();
}
