//! An announced outage end to end, in the real window: planned from the home screen to start
//! in two minutes, with its countdown checklist, the planned-outage notice in every channel
//! (the door sign in French, printed as a PDF and read back), its calendar file saved through
//! the system's file chooser; at
//! its start the reminder arrives as a notification, and following it turns it into a live
//! outage with what was prepared carried over.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{DateTime, Duration, Local, Timelike, Utc};
use steady_core::business::{BusinessInput, BusinessType, Country, Language};
use support::notifications::FakeNotifications;
use support::{answer_file_chooser, click, find, seed_cafe, snapshot, wait_for_text, Driver};
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

/// Scrolls a checkbox into view and clicks it, as the owner would.
async fn press_box(input: &WebElement) {
    input.scroll_into_view().await.unwrap();
    input.click().await.unwrap();
}

/// Waits for the form's default ticks (what this kind of outage takes down, which the form
/// asks the backend for), then leaves only `service` ticked, as an owner unticking the rest.
async fn only_ticked(app: &WebDriver, service: &str) {
    find(
        app,
        &format!("label.down-choice:has(input:checked) span[data-name='{service}']"),
    )
    .await;
    let boxes = app
        .find_all(By::Css("label.down-choice input:checked"))
        .await
        .unwrap();
    for input in boxes {
        let label = input
            .find(By::XPath("./following-sibling::span"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if label != service {
            press_box(&input).await;
        }
    }
    let left = app
        .find_all(By::Css("label.down-choice input:checked"))
        .await
        .unwrap();
    assert_eq!(left.len(), 1, "only {service} is ticked");
}

/// A business in `country` writing in English, with the café's starter plan.
fn seed_cafe_in(dir: &std::path::Path, country: Country) {
    let mut store = steady_core::Store::open_in_dir(dir).unwrap();
    let now = Utc::now();
    store
        .save_business(
            &BusinessInput {
                name: "Le Petit Zinc".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::En,
                country: Some(country),
            },
            now,
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, now)
        .unwrap();
}

/// Waits until the planned notice's text satisfies `ready`, and returns it.
async fn planned_text(app: &WebDriver, ready: impl Fn(&str) -> bool) -> String {
    let body = find(app, "#planned-body").await;
    support::eventually(
        "the planned notice never read as expected",
        std::time::Duration::from_secs(20),
        || async {
            let text = body.prop("value").await.unwrap().unwrap_or_default();
            ready(&text).then_some(text)
        },
    )
    .await
}

/// The owner's label, as the form invites it: theirs alone.
const LABEL: &str =
    "Street works on Rue de la Paix, Enedis planned cut — bring the fridge thermometer";

/// Plans tomorrow's 08:00–12:00 power cut under the owner's label, leaving the ticks the
/// kind gives; returns the slot's start.
async fn plan_street_works(app: &WebDriver) -> chrono::DateTime<Local> {
    click(app, "#announced-plan").await;
    let start = (Local::now() + Duration::days(1))
        .with_hour(8)
        .unwrap()
        .with_minute(0)
        .unwrap()
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    set_value(app, "#announced-what", "power").await;
    set_value(app, "#announced-label", LABEL).await;
    set_value(
        app,
        "#announced-starts",
        &start.format("%Y-%m-%dT%H:%M").to_string(),
    )
    .await;
    set_value(app, "#announced-hours", "4").await;
    set_value(app, "#announced-minutes", "0").await;
    set_value(app, "#announced-source", "Enedis").await;
    // The power cut ticks what needs power, card payments among them.
    find(
        app,
        "label.down-choice:has(input:checked) span[data-name='Card payments']",
    )
    .await;
    click(app, "#announced-save").await;
    wait_for_text(app, "#announced-title", "Street works").await;
    start
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_planned_notice_never_carries_the_owners_label_and_reads_24_hour_in_france() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe_in(data.path(), Country::France);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    plan_street_works(&app).await;

    // The hour-before phase begins at 07:00: written 24-hour, as in France.
    let phases = find(&app, ".phases").await.text().await.unwrap();
    assert!(phases.contains("07:00"), "{phases}");
    assert!(!phases.contains("AM") && !phases.contains("PM"), "{phases}");

    // The SMS names what customers will notice and what they can do, never the label.
    let sms = planned_text(&app, |t| t.contains("08:00")).await;
    assert!(sms.starts_with("Le Petit Zinc: planned outage "), "{sms}");
    assert!(sms.contains("from 08:00 to 12:00"), "{sms}");
    assert!(sms.contains("card payments"), "{sms}");
    assert!(sms.contains("cash only"), "{sms}");
    for internal in ["Street works", "Rue de la Paix", "Enedis", "thermometer"] {
        assert!(!sms.contains(internal), "{internal} in {sms}");
    }
    snapshot(&app, "announced-planned-sms-france").await;

    // The same in French.
    set_value(&app, "#planned-language", "fr").await;
    let fr = planned_text(&app, |t| t.starts_with("Le Petit Zinc : coupure prévue")).await;
    assert!(fr.contains("de 08:00 à 12:00"), "{fr}");
    for internal in ["Street works", "Rue de la Paix", "Enedis", "thermometer"] {
        assert!(!fr.contains(internal), "{internal} in {fr}");
    }

    // Typed in by the owner, the label and the provider it names are flagged.
    let body = find(&app, "#planned-body").await;
    body.send_keys(format!(" {LABEL}")).await.unwrap();
    wait_for_text(&app, "#planned-warnings", "Enedis").await;
    wait_for_text(&app, "#planned-warnings", "Paix").await;
    wait_for_text(&app, "#planned-warnings", "bring the fridge").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phases_and_the_notice_read_12_hour_in_the_united_states() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe_in(data.path(), Country::UnitedStates);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    plan_street_works(&app).await;
    let phases = find(&app, ".phases").await.text().await.unwrap();
    assert!(phases.contains("7:00 AM"), "{phases}");
    let sms = planned_text(&app, |t| t.contains("8:00 AM")).await;
    assert!(sms.contains("from 8:00 AM to 12:00 PM"), "{sms}");

    // With nothing ticked, the screen asks what it takes down before offering a notice;
    // written without, the notice says it plainly and leaves what customers can do to fill.
    click(&app, "#announced-edit").await;
    only_ticked(&app, "Card payments").await;
    let card = find(
        &app,
        "label.down-choice:has(span[data-name='Card payments']) input",
    )
    .await;
    press_box(&card).await;
    click(&app, "#announced-save").await;
    wait_for_text(&app, "#planned-ask", "What will it take down?").await;
    snapshot(&app, "announced-ask-what-first").await;
    click(&app, "#planned-ask-skip").await;
    let sms = planned_text(&app, |t| t.contains("8:00 AM")).await;
    assert!(
        sms.contains("our services that need electricity will be unavailable"),
        "{sms}"
    );
    assert!(sms.contains("[WHAT CUSTOMERS CAN DO INSTEAD]"), "{sms}");
    assert!(!sms.contains("no alternative"), "{sms}");
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
    // A power cut ticks what needs power; this one takes down the card payments alone.
    only_ticked(&app, "Card payments").await;
    click(&app, "#announced-save").await;

    wait_for_text(&app, "#announced-title", "Street works").await;
    wait_for_text(&app, "#announced-countdown", "Starts in").await;
    // Two minutes ahead, it is the hour before: the current phase.
    wait_for_text(&app, ".phase.current h3", "An hour before").await;
    click(&app, "#announced-check-hour_before-switch").await;
    find(&app, "#announced-check-hour_before-switch:checked").await;

    // The planned-outage notice: the SMS, then the door sign in French.
    // "from 10:42 to 12:12", or "from Tuesday … at 23:59 to …" across midnight.
    let when = start.format("%H:%M").to_string();
    let text = planned_text(&app, |t| t.contains(&when)).await;
    assert!(text.starts_with("Corner Café: planned outage "), "{text}");
    assert!(text.contains("card payments will be unavailable"), "{text}");
    set_value(&app, "#planned-channel", "door").await;
    set_value(&app, "#planned-language", "fr").await;
    let text = planned_text(&app, |t| t.starts_with("COUPURE PRÉVUE ")).await;
    assert!(text.contains(&when), "{text}");
    assert!(
        text.contains("Card payments : hors service pendant la coupure."),
        "{text}"
    );
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
