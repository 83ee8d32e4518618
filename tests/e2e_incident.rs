//! Outage mode end to end in the real app: from a seeded plan, start an incident, see the
//! severity and why, log a call whose ETA has passed, resolve, review, and find it in history.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use steady_core::incidents::IncidentFilter;
use steady_core::Store;
use support::{
    click, fill, find, set_up_cafe, snapshot, texts, tick_down, wait_for_text, wait_gone, Driver,
};
use thirtyfour::prelude::*;

/// Sets an input's value the way typing would, for inputs WebDriver cannot type into
/// reliably (date and time pickers).
async fn set_value(app: &WebDriver, css: &str, value: &str) {
    let input = find(app, css).await;
    app.execute(
        "arguments[0].value = arguments[1]; \
         arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![input.to_json().unwrap(), serde_json::json!(value)],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_is_assessed_called_in_resolved_reviewed_and_kept() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;

    // A café with the usual plan.
    set_up_cafe(&app).await;

    // Something's down: card payments.
    click(&app, "#something-down").await;
    tick_down(&app, "Card payments").await;
    click(&app, "#start-assess").await;
    wait_for_text(&app, "#severity-level", "Major").await;
    // The header follows the data the backend says changed (data-changed), not the screen.
    find(&app, "#something-down.in-progress").await;

    // Six hours against the 30 minutes the plan tolerates: Critical, and it says why.
    click(&app, "#assess-unknown").await;
    fill(&app, "#assess-duration", "6").await;
    click(&app, "#assess-duration-unit option[value='hours']").await;
    click(&app, "form.assess button[type='submit']").await;
    wait_for_text(&app, "#severity-level", "Critical").await;
    let why = find(&app, ".reasons li").await.text().await.unwrap();
    assert!(
        why.contains("Card payments is essential and the expected 6 hours exceeds the 30 minutes"),
        "{why}"
    );
    snapshot(&app, "incident-assess").await;

    // A call with a ticket and an ETA already passed.
    click(&app, "#go-call").await;
    fill(&app, "#call-ticket", "T-4471").await;
    fill(&app, "#call-spoke-to", "Sam").await;
    set_value(&app, "#call-eta", "2026-01-02T10:00").await;
    click(&app, "form.log-call button[type='submit']").await;
    let slipped = find(&app, ".call-log li.slipped .flag").await;
    assert_eq!(slipped.text().await.unwrap(), "ETA passed: call them back");
    click(&app, "#check-call-ticket").await;
    wait_for_text(
        &app,
        ".timeline li span",
        "Done: Get a ticket or reference number",
    )
    .await;

    // Card payments works again: resolved; then the review.
    click(&app, "#go-resolve").await;
    click(&app, ".restore-list button").await;
    find(&app, ".restore-list .ok").await;
    wait_gone(&app, "#something-down.in-progress").await;
    fill(
        &app,
        "#review-root-cause",
        "The terminal's router lost its settings",
    )
    .await;
    click(&app, "input[name='review-recur'][value='yes']").await;
    fill(&app, "#action-0-text", "Get a 4G backup for the terminal").await;
    fill(&app, "#action-0-owner", "Marie").await;
    click(&app, "form.review-form button[type='submit']").await;
    wait_for_text(&app, ".timeline li span", "Review saved").await;
    snapshot(&app, "incident-resolved-timeline").await;

    let events = texts(&app, ".timeline li span").await;
    assert_eq!(
        events,
        [
            "Started: Card payments",
            "Assessment updated",
            "Severity now Critical",
            "Call: Card terminal provider · T-4471",
            "Done: Get a ticket or reference number",
            "Working again: Card payments",
            "Resolved",
            "Review saved",
        ]
    );

    // What the file holds.
    let store = Store::open_in_dir(data.path()).unwrap();
    let summaries = store
        .list_incidents(&IncidentFilter::default(), chrono::Utc::now())
        .unwrap()
        .incidents;
    assert_eq!(summaries.len(), 1);
    let incident = store.incident(summaries[0].id, chrono::Utc::now()).unwrap();
    assert!(incident.resolved_at.is_some());
    assert_eq!(incident.calls[0].ticket, "T-4471");
    assert!(incident.calls[0].eta.is_some());
    assert_eq!(incident.actions[0].owner, "Marie");
    assert_eq!(
        incident.root_cause,
        "The terminal's router lost its settings"
    );

    // History: there, and filtered in and out by status.
    click(&app, "#nav-incidents").await;
    find(&app, "button[aria-label='Open Card payments']").await;
    click(&app, "#history-status option[value='open']").await;
    wait_for_text(&app, ".empty", "No incident matches these filters.").await;
    click(&app, "#history-status option[value='resolved']").await;
    click(&app, "button[aria-label='Open Card payments']").await;
    wait_for_text(&app, "#severity-level", "Critical").await;
    app.quit().await.unwrap();
}

/// A café whose card payments went down, with the severity set by hand (and a reason with a
/// colon in it), in `language`.
fn seed_overridden(dir: &std::path::Path, language: steady_core::business::Language) -> i64 {
    use steady_core::business::{BusinessInput, BusinessType};
    use steady_core::incidents::IncidentStart;
    use steady_core::vocabulary::Severity;
    let now = chrono::Utc::now();
    let mut store = support::seed_cafe(dir, now - chrono::Duration::minutes(20));
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language,
                country: None,
            },
            now,
        )
        .unwrap();
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
            now - chrono::Duration::minutes(10),
        )
        .unwrap()
        .id;
    store
        .override_severity(id, Some(Severity::Critical), "the till: down too", now)
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_says_an_override_in_words_in_english_and_french() {
    use steady_core::business::Language;
    for (language, expected, name) in [
        (
            Language::En,
            "Severity set by hand: Critical (the till: down too)",
            "timeline-override-en",
        ),
        (
            Language::Fr,
            "Gravité fixée à la main : Critique (the till: down too)",
            "timeline-override-fr",
        ),
    ] {
        let data = tempfile::tempdir().unwrap();
        seed_overridden(data.path(), language);
        let driver = Driver::start(data.path()).await;
        let app = driver.launch_app().await;
        // The top bar leads back to the outage in progress.
        click(&app, "#something-down").await;
        click(&app, ".continue button").await;
        let line = wait_for_text(&app, ".timeline li span", expected).await;
        let text = line.text().await.unwrap();
        assert!(!text.contains("critical:"), "{text}");
        snapshot(&app, name).await;
        app.quit().await.unwrap();
    }
}

/// The first screen: on a calm day how ready the plan is; with an outage open, the outage —
/// how long, what customers are owed, what each provider promised — and the next step.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_screen_is_the_outage_while_one_is_open() {
    use chrono::{Duration, Utc};
    use steady_core::incidents::{CallInput, IncidentStart, NoticeInput};
    use steady_core::vocabulary::{Channel, Stage};

    let data = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let started = now - Duration::minutes(80);
    let mut store = support::seed_cafe(data.path(), started - Duration::days(1));
    {
        let driver = Driver::start(data.path()).await;
        let app = driver.launch_app().await;
        wait_for_text(&app, "#home-title", "All calm").await;
        wait_for_text(&app, "#home-findings", "things are missing").await;
        wait_for_text(&app, "#home-print-status", "Never printed yet.").await;
        wait_for_text(&app, "#home-backup", "Last backup").await;
        snapshot(&app, "home-calm").await;
        click(&app, "#home-go-plan").await;
        find(&app, "#plan-title").await;
    }

    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap()
        .id;
    let id = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                something_else: String::new(),
                started_at: None,
            },
            started,
        )
        .unwrap()
        .id;
    store
        .log_call(
            id,
            &CallInput {
                contact_name: "SumUp".into(),
                ticket: "TCK-9".into(),
                eta: Some(now - Duration::minutes(20)),
                ..CallInput::default()
            },
            started + Duration::minutes(5),
        )
        .unwrap();
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Cash only for now".into(),
            },
            started + Duration::minutes(6),
        )
        .unwrap();
    drop(store);

    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    wait_for_text(&app, "#home-title", "Card payments").await;
    wait_for_text(&app, "#home-down-for", "Down for 1 hour 20 minutes").await;
    wait_for_text(&app, "#home-next-update", "late: tell customers now").await;
    let promise = find(&app, "#home-promises li").await.text().await.unwrap();
    assert!(
        promise.contains("SumUp") && promise.contains("TCK-9") && promise.contains("has passed"),
        "{promise}"
    );
    let severity = find(&app, "#home-severity").await.text().await.unwrap();
    assert!(
        ["Major", "Critical"].contains(&severity.as_str()),
        "{severity}"
    );
    snapshot(&app, "home-outage").await;

    // Never assessed: that is the one next step, and it opens there.
    wait_for_text(&app, "#home-next-step", "Next: Assess").await;
    click(&app, "#home-next-step").await;
    find(&app, "#assess-summary").await;
}
