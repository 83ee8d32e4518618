//! Customer notices end to end in the real app: the four-step path to a first notice on the
//! clipboard, then a notice that names the ISP of the root cause, flagged, made safe, sent
//! and found on the timeline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use steady_core::contacts::{ContactFilter, ContactKind};
use steady_core::incidents::IncidentFilter;
use steady_core::Store;
use support::{click, fill, find, set_up_cafe, snapshot, tick_down, wait_for_text, Driver};
use thirtyfour::prelude::*;

/// The owner's internet provider gets its real name, as a filled-in plan has it.
fn name_the_isp(data: &std::path::Path) {
    let mut store = Store::open_in_dir(data).unwrap();
    let filter = ContactFilter {
        query: String::new(),
        kind: Some(ContactKind::InternetProvider),
    };
    let isp = store.list_contacts(&filter).unwrap().remove(0);
    let mut details = isp.details.clone();
    details.organisation = "Fibre Net".into();
    store
        .update_contact(isp.id, &details, chrono::Utc::now())
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_notice_in_four_steps_and_a_risky_one_made_safe() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;
    name_the_isp(data.path());

    // Something's down → tick Internet → Tell customers → Copy.
    click(&app, "#something-down").await;
    tick_down(&app, "Internet").await;
    click(&app, "#start-tell").await;
    app.query(By::Css("#notice-body"))
        .with_value("Corner Café: problem with internet, we are on it. We do not have a time for the fix yet. There is no alternative for now, sorry.".to_owned())
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .unwrap();
    click(&app, "#notice-copy").await;
    wait_for_text(&app, ".toast", "Copied").await;
    snapshot(&app, "notice-first").await;

    // The root cause names the ISP; the owner writes it into the notice.
    click(&app, "#go-resolve").await;
    fill(&app, "#review-root-cause", "Fibre Net cabinet flooded").await;
    click(&app, "form.review-form button[type='submit']").await;
    wait_for_text(&app, ".timeline li span", "Review saved").await;
    click(&app, "#go-tell").await;
    let message = find(&app, "#notice-body").await;
    app.query(By::Css("#notice-body"))
        .with_value("Corner Café: problem with internet, we are on it. We do not have a time for the fix yet. There is no alternative for now, sorry.".to_owned())
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .unwrap();
    message
        .send_keys(" Fibre Net cabinet flooded.")
        .await
        .unwrap();
    let warning = wait_for_text(&app, ".warnings li", "Fibre Net cabinet flooded").await;
    assert!(warning
        .text()
        .await
        .unwrap()
        .contains("internal root cause"));
    snapshot(&app, "notice-warning").await;

    click(&app, "#notice-mark-sent").await;
    wait_for_text(&app, ".warnings [role='alert']", "Check the warnings first").await;
    click(&app, ".warnings li button.primary").await;
    app.query(By::Css(".warnings"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .not_exists()
        .await
        .unwrap();
    let text = message.value().await.unwrap().unwrap_or_default();
    assert!(text.ends_with("sorry. a technical problem."), "{text}");
    click(&app, "#notice-mark-sent").await;
    wait_for_text(&app, ".timeline li span", "Notice sent: First notice · SMS").await;

    let store = Store::open_in_dir(data.path()).unwrap();
    let now = chrono::Utc::now();
    let id = store
        .list_incidents(&IncidentFilter::default(), now)
        .unwrap()
        .incidents[0]
        .id;
    let sent = &store.incident(id, now).unwrap().notices[0];
    assert_eq!(
        (sent.stage.as_str(), sent.channel.as_str()),
        ("initial", "sms")
    );
    assert!(!sent.text.contains("Fibre Net"), "{}", sent.text);

    // On a calm day: the owner's own wording for the first SMS, previewed and kept.
    click(&app, "#nav-notices").await;
    wait_for_text(&app, "#template-preview", "Corner Café").await;
    fill(&app, "#template-body", "Sorry! {business}: {what} is down.").await;
    wait_for_text(
        &app,
        "#template-preview",
        "Sorry! Corner Café: [WHAT IS DOWN] is down.",
    )
    .await;
    click(&app, "form.panel button[type='submit']").await;
    wait_for_text(&app, ".toast", "Your wording is saved.").await;
    snapshot(&app, "notice-templates").await;
    let template = store
        .notice_template(
            steady_core::notices::Stage::Initial,
            steady_core::notices::Channel::Sms,
            steady_core::business::Language::En,
        )
        .unwrap();
    assert!(template.customised);
    assert_eq!(template.body, "Sorry! {business}: {what} is down.");
    app.quit().await.unwrap();
}

/// PRODUCT.md: from launch to a first notice on the clipboard in at most four clicks or
/// keystrokes — "Something's down", tick, "Tell customers", Copy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_notice_is_four_keystrokes_away() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;
    app.quit().await.unwrap();

    // A fresh launch with a plan ready: nothing but the keyboard from here.
    let app = driver.launch_app().await;
    let body = find(&app, "body").await;
    find(&app, "#home-title").await;
    body.send_keys(Key::Control + Key::Shift + "d")
        .await
        .unwrap();
    find(&app, "form.start-incident").await;
    let typing = app.active_element().await.unwrap();
    typing.send_keys(" ").await.unwrap(); // tick the first service: card payments
    typing.send_keys(Key::Enter).await.unwrap(); // Tell customers
    app.query(By::Css("#notice-copy:focus"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .unwrap();
    app.active_element()
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap(); // Copy
    wait_for_text(&app, ".toast", "Copied").await;
    let message = find(&app, "#notice-body").await.value().await.unwrap();
    assert!(
        message.is_some_and(|m| m.starts_with("Corner Café: problem with card payments")),
        "the copied draft is about what was ticked"
    );
    app.quit().await.unwrap();
}
