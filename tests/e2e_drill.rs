//! Drills end to end: the real app, a café rehearsing "internet down on a Saturday" at ×5.
//! Started through the chooser, the drill is marked DRILL on every screen; its surprises come
//! as native notifications on the test's bus (the drill clock is moved on through the store
//! while the drill is paused, as time passing would, so nothing waits minutes) and are
//! answered in the window; a provider's number is marked as not working; resolving leads to
//! the scorecard, whose finding is in the plan's "What is missing" until the number is edited.
//! A real outage started mid-drill asks first, then ends the drill.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use steady_core::business::{BusinessInput, BusinessType, Language};
use steady_core::contacts::Phone;
use steady_core::Store;
use support::notifications::FakeNotifications;
use support::{click, eventually, find, pdf_text, snapshot, texts, wait_for_text, when, Driver};
use thirtyfour::prelude::*;

/// The number the café's internet provider had, which turns out not to work.
const OLD_NUMBER: &str = "+33 1 23 45 67 89";

/// A café ("Corner Café") with its usual plan in `language`, its internet provider's number
/// filled in; returns the provider's contact id.
fn seed(dir: &Path, language: Language) -> i64 {
    let at = Utc::now() - chrono::Duration::days(1);
    let mut store = Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language,
                country: None,
            },
            at,
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, language, at)
        .unwrap();
    let internet = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Internet")
        .expect("the café plan has Internet");
    let provider = internet
        .details
        .contact_ids
        .iter()
        .copied()
        .find(|&id| {
            store
                .contact(id)
                .unwrap()
                .details
                .organisation
                .contains("Internet")
        })
        .expect("Internet has its provider");
    let mut details = store.contact(provider).unwrap().details;
    details.phones = vec![Phone {
        label: "Support".into(),
        number: OLD_NUMBER.into(),
    }];
    store.update_contact(provider, &details, at).unwrap();
    provider
}

/// The open drill's id, read from the file.
fn open_drill(dir: &Path) -> i64 {
    Store::open_in_dir(dir)
        .unwrap()
        .open_drill(Utc::now())
        .unwrap()
        .expect("a drill is open")
        .id
}

/// Moves the drill clock on by `drill_seconds`, as if the drill had run that long: paused in
/// the window, its clock set on through the store, resumed in the window (which wakes the
/// reminders, as any change does).
async fn run_on(app: &WebDriver, dir: &Path, drill_seconds: i64) {
    click(app, "#drill-pause").await;
    find(app, "#drill-resume").await;
    let id = open_drill(dir);
    let mut store = Store::open_in_dir(dir).unwrap();
    // ×5: that many drill seconds are a fifth as many real ones, counted from before now.
    store
        .resume_drill(
            id,
            Utc::now() - chrono::Duration::seconds(drill_seconds / 5),
        )
        .unwrap();
    drop(store);
    click(app, "#drill-resume").await;
    find(app, "#drill-pause").await;
}

/// Answers the surprise `inject` in the drill panel with `choice`, and sees the answer kept.
async fn answer(app: &WebDriver, inject: &str, choice: &str) {
    let button =
        format!("#drill-surprises li[data-inject='{inject}'] button[data-choice='{choice}']");
    click(app, &button).await;
    wait_for_text(
        app,
        &format!("#drill-surprises li[data-inject='{inject}'] .answer"),
        "Your answer:",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cafe_rehearses_internet_down_on_a_saturday() {
    let data = tempfile::tempdir().unwrap();
    let provider = seed(data.path(), Language::En);
    let out = tempfile::tempdir().unwrap();
    let bus = FakeNotifications::start().await;
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;

    // The calm-day home suggests a first drill; the chooser tells the scenarios in the plan's
    // words.
    wait_for_text(&app, "#home-rehearsed", "never been rehearsed").await;
    click(&app, "#home-rehearse").await;
    let internet = find(&app, "label:has(#scenario-internet_saturday)").await;
    assert!(
        internet.text().await.unwrap().contains("Internet"),
        "the scenario names the plan's service"
    );
    click(&app, "#scenario-internet_saturday").await;
    click(&app, "#speed-x5").await;
    click(&app, "#drill-start").await;

    // The drill's outage: DRILL in the band, the top bar and the title; the drill panel.
    find(&app, "#drill-panel").await;
    wait_for_text(&app, "#drill-band", "Internet down on a Saturday").await;
    wait_for_text(&app, "#topbar-mark", "DRILL").await;
    find(&app, "#incident-drill-mark").await;
    // On any other screen too, with the way back.
    click(&app, "#nav-contacts").await;
    wait_for_text(&app, "#drill-band", "not a real outage").await;
    click(&app, "#drill-band-open").await;
    find(&app, "#drill-panel").await;

    // Minute 3: the provider's support is closed, as a native notification and in the window.
    run_on(&app, data.path(), 200).await;
    let first = bus.wait_for("DRILL").await;
    eprintln!("drill notification: {:?} / {:?}", first.summary, first.body);
    assert!(
        first.summary.contains("support"),
        "the first surprise: {}",
        first.summary
    );
    answer(&app, "support_closed", "emergency_line").await;

    // Minute 8: the 4G router's data is used up.
    run_on(&app, data.path(), 300).await;
    bus.wait_for("4G").await;
    answer(&app, "data_used_up", "cash_only").await;
    snapshot(&app, "drill-panel-en").await;

    // The provider's number does not work.
    click(&app, "#go-call").await;
    click(&app, &format!("button.mark-bad[data-contact='{provider}']")).await;
    find(&app, ".number-bad").await;

    // A drill notice: Copy asks first.
    click(&app, "#go-tell").await;
    click(&app, "#notice-copy").await;
    wait_for_text(&app, "#notice-copy-ask", "drill notice").await;
    click(&app, "#notice-copy-anyway").await;
    click(&app, "#notice-mark-sent").await;

    // Resolved: the scorecard, each objective rated in words.
    click(&app, "#go-resolve").await;
    // Internet confirmed back: the outage resolves, and the drill with it.
    click(&app, ".restore-list button").await;
    find(&app, "#scorecard-objectives").await;
    let ratings = texts(&app, "#scorecard-objectives .rating strong").await;
    eprintln!("scorecard ratings: {ratings:?}");
    assert_eq!(ratings.len(), 7, "{ratings:?}");
    let numbers = find(&app, "li[data-objective='numbers']").await;
    let said = numbers.text().await.unwrap();
    assert!(said.contains("Performed with some challenges"), "{said}");
    assert!(said.contains("did not work"), "{said}");
    // The band is gone: the drill is over.
    assert!(app
        .find_all(By::Css("#drill-band"))
        .await
        .unwrap()
        .is_empty());
    let action = wait_for_text(&app, "#plan-actions .action-text", OLD_NUMBER).await;
    eprintln!("plan action: {}", action.text().await.unwrap());
    snapshot(&app, "drill-scorecard-en").await;

    // The after-action report, saved as PDF and read back: DRILL on it, the ratings, the
    // decisions and what to fix.
    click(&app, "#save-pdf-after-action").await;
    let toast = wait_for_text(&app, ".toast span", "Saved as ").await;
    let said = toast.text().await.unwrap();
    let pdf = PathBuf::from(said.trim_start_matches("Saved as ").lines().next().unwrap());
    assert!(
        pdf.starts_with(out.path()),
        "{} saved elsewhere",
        pdf.display()
    );
    click(&app, ".toast button").await;
    let report = pdf_text(&pdf);
    eprintln!("after-action report:\n{report}");
    assert!(report.contains("DRILL"), "{report}");
    assert!(report.contains("Internet down on a Saturday"), "{report}");
    assert!(
        report.contains("Performed with some challenges"),
        "{report}"
    );
    assert!(report.contains(OLD_NUMBER), "{report}");

    // Incidents: the drill listed apart, opening its scorecard.
    click(&app, "#nav-incidents").await;
    click(&app, "#drills li button").await;
    find(&app, "#scorecard-objectives").await;

    // The plan's "What is missing" says to fix the number; edited, it goes.
    click(&app, "#nav-plan").await;
    wait_for_text(&app, ".findings li", OLD_NUMBER).await;
    let fix = app
        .find(By::XPath(format!(
            "//ul[contains(@class,'findings')]/li[contains(., '{OLD_NUMBER}')]//button"
        )))
        .await
        .unwrap();
    fix.click().await.unwrap();
    support::fill(&app, "#phone-0-number", "+33 1 98 76 54 32").await;
    click(&app, "button[type='submit']").await;
    find(&app, "article.contact").await;
    click(&app, "#nav-plan").await;
    find(&app, "#missing-title").await;
    eventually(
        "the fixed number's finding never left the plan",
        Duration::from_secs(10),
        || async {
            let findings = texts(&app, ".findings li").await;
            when(!findings.iter().any(|f| f.contains(OLD_NUMBER)))
        },
    )
    .await;

    // The file: one drill, resolved; no outage counted.
    let store = Store::open_in_dir(data.path()).unwrap();
    let drills = store.list_drills().unwrap();
    assert_eq!(drills.len(), 1);
    assert_eq!(
        drills[0].outcome,
        Some(steady_core::drills::DrillOutcome::Resolved)
    );
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_outage_mid_drill_asks_then_ends_the_drill() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path(), Language::Fr);
    let _bus = FakeNotifications::start().await;
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
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

    // A drill, in French, at 640×480.
    click(&app, "#home-rehearse").await;
    find(&app, "#scenario-internet_saturday").await;
    app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    snapshot(&app, "drill-chooser-fr-640x480").await;
    click(&app, "#scenario-internet_saturday").await;
    click(&app, "#speed-x5").await;
    click(&app, "#drill-start").await;
    find(&app, "#drill-panel").await;
    wait_for_text(&app, "#topbar-mark", "EXERCICE").await;
    wait_for_text(&app, "#drill-band", "pas une vraie panne").await;
    run_on(&app, data.path(), 200).await;
    find(&app, "#drill-surprises li[data-inject='support_closed']").await;
    app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    snapshot(&app, "drill-in-progress-fr-640x480").await;
    app.execute(
        "document.querySelector('#drill-panel').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "drill-panel-fr-640x480").await;
    let wide: bool = app
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(!wide, "the drill scrolls sideways at 640×480");

    // The red button: a real outage. Asked first; "back to the drill" starts nothing.
    click(&app, "#something-down").await;
    support::tick_down(&app, "Électricité et éclairage").await;
    click(&app, "#start-assess").await;
    wait_for_text(&app, "#stop-drill-ask", "La vraie panne passe d’abord").await;
    snapshot(&app, "drill-stop-question-fr-640x480").await;
    click(&app, "#stop-drill").await;

    // The real outage is open, the drill ended for it: no DRILL anywhere.
    find(&app, "#incident-title").await;
    support::wait_gone(&app, "#drill-band").await;
    assert!(app
        .find_all(By::Css("#incident-drill-mark, #drill-panel, #topbar-mark"))
        .await
        .unwrap()
        .is_empty());
    let store = Store::open_in_dir(data.path()).unwrap();
    let drills = store.list_drills().unwrap();
    assert_eq!(
        drills[0].outcome,
        Some(steady_core::drills::DrillOutcome::StoppedForReal)
    );
    let open = store
        .open_incident_id()
        .unwrap()
        .expect("the real outage is open");
    assert!(!store.incident(open, Utc::now()).unwrap().drill);
    app.quit().await.unwrap();
}
