//! An announced outage end to end, in the real window: planned from the home screen to start
//! in two minutes, with its countdown checklist, the planned-outage notice in every channel
//! (the door sign in French, printed as a PDF and read back), its calendar file saved through
//! the system's file chooser; at
//! its start the reminder arrives as a notification, and following it turns it into a live
//! outage with what was prepared carried over.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{DateTime, Duration, Local, Timelike, Utc};
use support::notifications::FakeNotifications;
use support::{
    answer_file_chooser, click, find, seed_cafe, snapshot, tick_down, wait_for_text, Driver,
};
use thirtyfour::prelude::*;

/// Sets a form field as typing would (a `datetime-local` input takes no keystrokes from
/// WebDriver in WebKitGTK), and tells Svelte; waits for the field first (a screen's code is
/// read the first time it opens).
async fn set_value(app: &WebDriver, css: &str, value: &str) {
    let input = find(app, css).await;
    app.execute(
        "const input = arguments[0];
         input.value = arguments[1];
         input.dispatchEvent(new Event('input', { bubbles: true }));
         input.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![input.to_json().unwrap(), value.into()],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announced_outage_is_prepared_counted_down_and_followed() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    drop(seed_cafe(data.path(), Utc::now()));
    let notifications = FakeNotifications::start().await;
    let pdfs = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", pdfs.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    // Planned from the home screen, starting in two minutes (the form counts in minutes).
    click(&app, "#announced-plan").await;
    let now = Local::now();
    let start = (now + Duration::minutes(2))
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    set_value(&app, "#announced-what", "power").await;
    set_value(&app, "#announced-label", "Street works").await;
    set_value(
        &app,
        "#announced-starts",
        &start.format("%Y-%m-%dT%H:%M").to_string(),
    )
    .await;
    set_value(&app, "#announced-hours", "1").await;
    set_value(&app, "#announced-minutes", "30").await;
    set_value(&app, "#announced-source", "Letter from the power company").await;
    tick_down(&app, "Card payments").await;
    click(&app, "#announced-save").await;

    wait_for_text(&app, "#announced-title", "Street works").await;
    wait_for_text(&app, "#announced-countdown", "Starts in").await;
    // Two minutes ahead, it is the hour before: the current phase.
    wait_for_text(&app, ".phase.current h3", "An hour before").await;
    click(&app, "#announced-check-hour_before-switch").await;
    find(&app, "#announced-check-hour_before-switch:checked").await;

    // The planned-outage notice: the SMS, then the door sign in French.
    let sms = find(&app, "#planned-body").await;
    // "from 10:42 to 12:12", or "from Tuesday … at 23:59 to …" across midnight.
    let when = start.format("%H:%M").to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = sms.prop("value").await.unwrap().unwrap_or_default();
        if text.contains(&when) {
            assert!(text.starts_with("Corner Café: planned outage "), "{text}");
            assert!(text.contains("card payments will be unavailable"), "{text}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "SMS draft: {text:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    set_value(&app, "#planned-channel", "door").await;
    set_value(&app, "#planned-language", "fr").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = sms.prop("value").await.unwrap().unwrap_or_default();
        if text.starts_with("COUPURE PRÉVUE ") {
            assert!(text.contains(&when), "{text}");
            assert!(
                text.contains("Card payments : hors service pendant la coupure."),
                "{text}"
            );
            break;
        }
        assert!(std::time::Instant::now() < deadline, "door sign: {text:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.execute(
        "document.getElementById('planned-notice-title').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "announced-door-sign-fr").await;
    // Printed large for the door: saved as a PDF and read back. The sign is French, so the
    // paper's own words (its name, the printed date) are too, though the business is English.
    click(&app, "#save-pdf-door-sign").await;
    let pdf = pdfs.path().join("Corner Café - Affiche pour la porte.pdf");
    support::wait_for_file(&pdf).await;
    wait_for_text(&app, ".toast", "Affiche pour la porte.pdf").await;
    if let Some(dir) = std::env::var_os("STEADY_SCREENSHOTS") {
        std::fs::copy(&pdf, std::path::Path::new(&dir).join("door-sign.pdf")).unwrap();
    }
    let read = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    let printed = String::from_utf8(read.stdout).unwrap().replace('\n', " ");
    assert!(printed.contains("COUPURE PRÉVUE"), "{printed}");
    assert!(
        printed.contains("Card payments : hors service pendant la coupure."),
        "{printed}"
    );
    assert!(printed.contains("Imprimé le"), "{printed}");
    assert!(!printed.contains("Printed on"), "{printed}");

    // Its slot in the owner's calendar.
    click(&app, "#announced-calendar").await;
    let ics = out.path().join("street-works.ics");
    answer_file_chooser("Save the announced outage to a calendar file", &ics).await;
    wait_for_text(&app, ".toast", "Saved:").await;
    let text = std::fs::read_to_string(&ics).unwrap();
    let utc: DateTime<Utc> = start.with_timezone(&Utc);
    assert!(
        text.contains(&format!("DTSTART:{}\r\n", utc.format("%Y%m%dT%H%M%SZ"))),
        "{text}"
    );
    assert!(text.contains(&format!(
        "DTEND:{}\r\n",
        (utc + Duration::minutes(90)).format("%Y%m%dT%H%M%SZ")
    )));
    assert!(text.contains("SUMMARY:Street works (Corner Café)\r\n"));

    // At its start, the offer: a notification leading to it; following it makes it live.
    let starting = notifications
        .wait_for_within("Starting now: Street works", 200)
        .await;
    eprintln!("notification on the bus: {starting:?}");
    notifications.click(starting.id).await;
    wait_for_text(&app, "#announced-countdown", "In progress").await;
    snapshot(&app, "announced-started").await;
    click(&app, "#announced-follow").await;
    wait_for_text(&app, "#incident-title", "Card payments").await;
    wait_for_text(
        &app,
        ".timeline",
        "Announced outage: Street works (announced by Letter from the power company). Done ahead: Switch to the workaround.",
    )
    .await;
    // And the history keeps it, as followed.
    click(&app, "#nav-incidents").await;
    wait_for_text(&app, ".announced-row", "Happened: followed as an outage").await;
}
