//! What an outage costs, end to end in the real window, in French: the owner sets the café's
//! opening hours, takings, staff cost and what serving without electricity still sells in the
//! plan (a negative amount refused beside its field, then fixed); a power cut that began
//! yesterday morning is on; the outage screen's running estimate shows the figure the core
//! counts on the same file; stock thrown away is entered at Resolve and the total includes it.
//!
//! Today is left closed, so what yesterday's cut cost no longer grows while the test runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, Local, NaiveTime, Offset, TimeZone, Utc};
use steady_core::business::{BusinessInput, BusinessType, Language};
use steady_core::incidents::IncidentStart;
use steady_core::Store;
use support::{click, eventually, fill, find, snapshot, wait_for_text, when, Driver};
use thirtyfour::prelude::*;

/// The shop's hours every open day, its takings per hour and the staff's cost per hour.
const OPENS: &str = "08:00";
const CLOSES: &str = "20:00";

fn seed(dir: &Path) {
    let at = Utc::now() - chrono::Duration::days(2);
    let mut store = Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Café du Coin".into(),
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
}

/// The shop's UTC offset, as the app reads it.
fn local(at: chrono::DateTime<Utc>) -> chrono::FixedOffset {
    Local.offset_from_utc_datetime(&at.naive_utc()).fix()
}

/// Only the digits of an amount as shown ("1 460,00 €" → "146000"): its minor units.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Opens a screen of the top bar, through its menu when the window is narrow.
async fn nav(app: &WebDriver, screen: &str) {
    if !app
        .find_all(By::Css("#menu-button"))
        .await
        .unwrap()
        .is_empty()
    {
        click(app, "#menu-button").await;
    }
    click(app, &format!("#nav-{screen}")).await;
}

async fn shown(app: &WebDriver, css: &str) -> String {
    find(app, css).await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_estimate_counts_what_the_core_counts_and_spoiled_stock_adds_to_it() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    // The plan's figures, in the editor: every day open but today.
    nav(&app, "plan").await;
    click(&app, "#edit-costs").await;
    find(&app, "#costs-heading").await;
    let today = Local::now().weekday().num_days_from_monday() as usize;
    for day in 0..7 {
        if day == today {
            continue;
        }
        click(&app, &format!("#costs-day-{day}-open")).await;
        fill(&app, &format!("#costs-day-{day}-opens"), OPENS).await;
        fill(&app, &format!("#costs-day-{day}-closes"), CLOSES).await;
        fill(&app, &format!("#costs-day-{day}-takings"), "120").await;
    }
    // A slip of the finger: refused beside the field, everything else kept.
    fill(&app, "#costs-staff", "-18,50").await;
    let settings = Store::open_in_dir(data.path())
        .unwrap()
        .cost_settings()
        .unwrap();
    let power = settings
        .services
        .iter()
        .find(|s| s.name == "Électricité et éclairage")
        .expect("the café plan has the electricity");
    let without_power = power.workarounds[0].workaround_id;
    fill(&app, &format!("#costs-workaround-{without_power}"), "40").await;
    click(&app, "#costs-save").await;
    wait_for_text(&app, "#costs-staff-error", "négative").await;
    let other_day = (today + 1) % 7;
    assert_eq!(
        find(&app, &format!("#costs-day-{other_day}-takings"))
            .await
            .value()
            .await
            .unwrap()
            .as_deref(),
        Some("120"),
        "a refusal loses nothing typed"
    );
    let unsaved = Store::open_in_dir(data.path())
        .unwrap()
        .cost_settings()
        .unwrap();
    assert_eq!(unsaved.updated_at, None, "nothing saved on a refusal");
    snapshot(&app, "costs-editor-refused-fr").await;

    fill(&app, "#costs-staff", "18,50").await;
    click(&app, "#costs-save").await;
    wait_for_text(&app, "#costs-message", "enregistrés").await;
    app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    snapshot(&app, "costs-editor-fr").await;
    let saved = Store::open_in_dir(data.path())
        .unwrap()
        .cost_settings()
        .unwrap();
    assert_eq!(saved.days.len(), 6);
    assert_eq!(saved.staff_per_hour.map(|m| m.minor()), Some(1850));

    // A power cut since yesterday 10:00; serving without electricity from 14:00.
    let yesterday = Local::now().date_naive() - chrono::Duration::days(1);
    let at = |h: u32| {
        Local
            .from_local_datetime(&yesterday.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap()))
            .unwrap()
            .with_timezone(&Utc)
    };
    let incident = {
        let mut store = Store::open_in_dir(data.path()).unwrap();
        let incident = store
            .start_incident(
                &IncidentStart {
                    service_ids: vec![power.service_id],
                    something_else: String::new(),
                    started_at: Some(at(10)),
                },
                Utc::now(),
            )
            .unwrap();
        store
            .activate_workaround(incident.id, without_power, at(14))
            .unwrap();
        incident.id
    };
    let core_loss = || {
        Store::open_in_dir(data.path())
            .unwrap()
            .loss(incident, Utc::now(), &local)
            .unwrap()
    };
    let before = core_loss();
    assert!(before.total.minor() > 0, "yesterday's cut cost something");

    nav(&app, "home").await;
    click(&app, "#home-open-outage").await;
    find(&app, "#loss-panel").await;
    eventually(
        "the running estimate never showed the core's figure",
        Duration::from_secs(10),
        || async {
            let total = app
                .find(By::Css("#loss-total"))
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            when(digits(&total) == before.total.minor().to_string() && total.contains('€'))
        },
    )
    .await;
    let takings = shown(&app, "#loss-takings").await;
    assert!(
        digits(&takings).starts_with(&before.lost_takings.minor().to_string()),
        "{takings}"
    );
    let kept: i64 = before.services.iter().map(|s| s.kept.minor()).sum();
    assert!(kept > 0, "the workaround kept something");

    // At 640×480, in French.
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
    app.execute(
        "document.querySelector('#loss-panel').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "costs-running-estimate-fr-640x480").await;
    app.set_window_rect(0, 0, 1280, 800).await.unwrap();

    // Spoiled stock entered at Resolve: 2 kg of cream at 25 €.
    click(&app, "#go-resolve").await;
    fill(&app, "#spoiled-item", "Crème").await;
    fill(&app, "#spoiled-quantity", "2").await;
    fill(&app, "#spoiled-unit", "kg").await;
    fill(&app, "#spoiled-unit-cost", "25").await;
    click(&app, "#spoiled-add").await;
    wait_for_text(&app, "#spoiled-list", "Crème").await;
    let after = core_loss();
    assert_eq!(after.spoiled.minor(), 5000);
    assert_eq!(after.total.minor(), before.total.minor() + 5000);
    for css in ["#loss-summary-total", "#loss-total"] {
        eventually(
            format!("{css} never showed the total with the spoiled stock"),
            Duration::from_secs(10),
            || async {
                let total = app.find(By::Css(css)).await.ok()?.text().await.ok()?;
                when(digits(&total) == after.total.minor().to_string())
            },
        )
        .await;
    }
    app.execute(
        "document.querySelector('#loss-summary').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "costs-resolve-fr").await;
    app.quit().await.unwrap();
}
