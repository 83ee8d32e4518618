//! The cold chain end to end: the real app on the test's D-Bus session with a stand-in
//! notification service. A French café's power went out ten minutes ago; its bar fridge keeps
//! food safe for 35 minutes, so its warning (30 minutes before the limit) is due as Steady
//! opens: it arrives once as a native notification. The outage screen shows the fridge's
//! countdown at 640×480; a temperature is logged; a second fridge added in the plan brings its
//! own warning — a later reminder pass — and the first one never comes again.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use steady_core::business::{BusinessInput, BusinessType, Language};
use steady_core::costs::cold::ColdStoreInput;
use steady_core::costs::ColdKind;
use steady_core::incidents::{AssessInput, Cause, IncidentStart};
use steady_core::reminders::ReminderSettings;
use steady_core::Store;
use support::notifications::FakeNotifications;
use support::{click, eventually, fill, find, snapshot, wait_for_text, when, Driver};

/// The café, in French, its power out for ten minutes, its bar fridge on the power's clock;
/// returns the fridge's id.
fn seed(dir: &Path) -> i64 {
    let now = Utc::now();
    let at = now - chrono::Duration::days(1);
    let mut store = Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::Fr,
                country: None,
            },
            at,
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::Fr, at)
        .unwrap();
    // Only the cold chain's reminders: no customer updates to muddle the count.
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: None,
            major_every: None,
            minor_every: None,
        })
        .unwrap();
    let power = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name.starts_with("Électricité"))
        .expect("the café plan has its power")
        .id;
    let fridge = store
        .save_cold_store(
            None,
            &ColdStoreInput {
                name: "Frigo du bar".into(),
                kind: ColdKind::Fridge,
                safe_minutes: Some(35),
                service_id: Some(power),
            },
            at,
        )
        .unwrap()
        .stores[0]
        .id;
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![power],
                something_else: String::new(),
                started_at: Some(now - chrono::Duration::minutes(10)),
            },
            now,
        )
        .unwrap()
        .id;
    store
        .assess_incident(
            incident,
            &AssessInput {
                summary: "Coupure de courant".into(),
                cause: Cause::Power,
                danger: false,
                customers_affected: None,
                expected_minutes: None,
            },
            now,
        )
        .unwrap();
    fridge
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fridge_on_the_clock_warns_once_and_logs_its_temperatures() {
    let data = tempfile::tempdir().unwrap();
    let fridge = seed(data.path());
    let bus = FakeNotifications::start().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;

    // Due as Steady opens: 25 minutes of safe cold left (give or take the start-up).
    let warning = bus.wait_for("Frigo du bar").await;
    assert!(
        warning.summary.starts_with("Frigo du bar : encore 2"),
        "{:?}",
        warning.summary
    );
    assert!(warning.summary.ends_with("minutes de froid sûr"));
    assert!(
        warning.body.contains("Gardez la porte fermée"),
        "{:?}",
        warning.body
    );

    // The outage screen counts down, in words.
    find(&app, "#home-title").await;
    app.set_window_rect(0, 0, 640, 480).await.unwrap();
    eventually(
        "the window never became 640 wide".to_owned(),
        Duration::from_secs(10),
        || async {
            let outer = app
                .execute("return window.outerWidth", vec![])
                .await
                .unwrap()
                .json()
                .as_u64();
            when(outer == Some(640))
        },
    )
    .await;
    click(&app, "#home-open-outage").await;
    let clock = format!("#cold-clock-{fridge}");
    wait_for_text(&app, &format!("{clock} .countdown"), "de froid sûr").await;
    wait_for_text(
        &app,
        &format!("{clock} .clock-state"),
        "Limite bientôt atteinte",
    )
    .await;

    // A temperature, typed the French way.
    fill(&app, &format!("#cold-celsius-{fridge}"), "6,5").await;
    click(
        &app,
        &format!("#cold-reading-{fridge} button[type='submit']"),
    )
    .await;
    wait_for_text(&app, &format!("{clock} .readings"), "6,5 °C").await;
    wait_for_text(&app, ".timeline", "6,5 °C").await;
    app.execute(
        "document.querySelector('#cold-chain-title').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "cold-chain-fr-640x480").await;
    let wide: bool = app
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(!wide, "the outage screen scrolls sideways at 640×480");

    // A second fridge added in the plan, with no service (the outage's cause is power): its
    // own warning comes, from a later pass, and the bar fridge's does not come again.
    click(&app, "#menu-button").await;
    click(&app, "#nav-plan").await;
    click(&app, "#add-cold-store").await;
    fill(&app, "#cold-name", "Vitrine").await;
    fill(&app, "#cold-minutes", "20").await;
    click(&app, "#save-cold-store").await;
    wait_for_text(&app, ".cold-list", "Vitrine").await;
    wait_for_text(&app, "#cold-source", "FoodSafety.gov").await;
    app.execute(
        "document.querySelector('#cold-title').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "cold-stores-plan-fr-640x480").await;
    bus.wait_for("Vitrine").await;
    let summaries: Vec<String> = bus.shown().into_iter().map(|n| n.summary).collect();
    assert_eq!(
        summaries
            .iter()
            .filter(|s| s.contains("Frigo du bar"))
            .count(),
        1,
        "{summaries:?}"
    );
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(
        summaries[1].starts_with("Vitrine : encore "),
        "{summaries:?}"
    );
    app.quit().await.unwrap();
}
