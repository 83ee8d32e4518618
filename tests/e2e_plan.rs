//! The recovery plan end to end in the real app: a starter plan at first run, a new service
//! whose refused downtime changes nothing, a workaround that clears a plan-health finding,
//! and a review date.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use steady_core::Store;
use support::{click, fill, find, snapshot, texts, Driver};
use thirtyfour::prelude::*;

async fn findings(app: &WebDriver) -> Vec<String> {
    find(app, "#missing-title").await;
    texts(app, ".findings li span").await
}

/// The service's tolerable downtime and the steps of each of its workarounds, as saved.
fn service_in_file(data: &std::path::Path, name: &str) -> Option<(u32, Vec<usize>)> {
    let store = Store::open_in_dir(data).unwrap();
    store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == name)
        .map(|s| {
            let steps = s
                .workarounds
                .iter()
                .map(|w| w.details.step_list().len())
                .collect();
            (s.details.max_downtime_minutes, steps)
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starter_plan_is_edited_and_plan_health_follows() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;

    // First run with the usual plan for a café.
    fill(&app, "#business-name", "Corner Café").await;
    click(&app, "input[name='business-type'][value='cafe_restaurant']").await;
    click(&app, "button[type='submit']").await;
    find(&app, "button[aria-label='Open Card payments']").await;
    let before = findings(&app).await;
    assert!(
        before.contains(&"The plan has never been reviewed.".to_owned()),
        "{before:?}"
    );
    assert!(
        before.contains(&"No assembly point is set.".to_owned()),
        "{before:?}"
    );
    snapshot(&app, "plan-overview").await;

    // A new service: a refused downtime saves nothing, a good one is kept.
    click(&app, "#add-service").await;
    fill(&app, "#service-name", "Delivery app").await;
    fill(&app, "#service-downtime", "0").await;
    click(&app, "form.service-form button[type='submit']").await;
    let error = find(&app, "#service-downtime-error").await;
    assert_eq!(error.text().await.unwrap(), "Must be more than zero.");
    assert_eq!(service_in_file(data.path(), "Delivery app"), None);

    fill(&app, "#service-downtime", "4").await;
    click(&app, "input[id^='service-contacts-']").await;
    click(&app, "form.service-form button[type='submit']").await;
    find(&app, "#add-workaround").await;
    assert_eq!(
        service_in_file(data.path(), "Delivery app"),
        Some((240, vec![]))
    );

    click(&app, ".back").await;
    let with_gap = findings(&app).await;
    assert!(
        with_gap.contains(&"Delivery app has no workaround.".to_owned()),
        "{with_gap:?}"
    );

    // Editing it: the downtime, then a workaround, which closes the gap.
    click(&app, "button[aria-label='Open Delivery app']").await;
    click(&app, "#service-downtime-unit option[value='days']").await;
    fill(&app, "#service-downtime", "1").await;
    click(&app, "form.service-form button[type='submit']").await;
    click(&app, "#add-workaround").await;
    fill(&app, "#workaround-title", "Take orders by phone").await;
    fill(&app, "#workaround-steps", "Post a note online").await;
    let steps = find(&app, "#workaround-steps").await;
    steps.send_keys(Key::Enter).await.unwrap();
    steps.send_keys("Write orders in the book").await.unwrap();
    fill(
        &app,
        "#workaround-customer-message",
        "Order by phone for now.",
    )
    .await;
    click(&app, "form.workaround-form button[type='submit']").await;
    let title = find(&app, "article.workaround h3").await;
    assert_eq!(title.text().await.unwrap(), "Take orders by phone");
    assert_eq!(
        service_in_file(data.path(), "Delivery app"),
        Some((1440, vec![2]))
    );
    snapshot(&app, "service-with-workaround").await;

    click(&app, ".back").await;
    click(&app, "#mark-reviewed").await;
    app.query(By::XPath(
        "//*[contains(@class,'findings')]//span[text()='The plan has never been reviewed.']",
    ))
    .wait(
        std::time::Duration::from_secs(20),
        std::time::Duration::from_millis(100),
    )
    .not_exists()
    .await
    .unwrap();
    let after = findings(&app).await;
    assert!(
        !after.contains(&"Delivery app has no workaround.".to_owned()),
        "{after:?}"
    );
    assert!(after.len() < with_gap.len(), "{with_gap:?} → {after:?}");
    let store = Store::open_in_dir(data.path()).unwrap();
    assert!(store.safety_plan().unwrap().reviewed_at.is_some());
    app.quit().await.unwrap();
}
