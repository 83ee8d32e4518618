//! The team during an outage, end to end in the real app: someone called with no answer and
//! not tried again brings one native notification (on the test's notification service), then
//! is marked on the way and here in one click each; the timeline and the report PDF list it.
//! A danger outage puts the Team panel first and will not resolve until everyone is marked safe
//! or the owner says so.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use steady_core::business::{BusinessInput, BusinessType, Language};
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::incidents::team::{CheckInInput, TeamState};
use steady_core::incidents::{AssessInput, Cause, IncidentStart};
use steady_core::plan::safety::CallTreeEntry;
use steady_core::reminders::ReminderSettings;
use steady_core::Store;
use support::notifications::FakeNotifications;
use support::{click, find, pdf_text, seed_cafe, snapshot, wait_for_text, Driver};
use thirtyfour::prelude::*;

struct Seeded {
    incident: i64,
    karim: i64,
    lea: i64,
}

/// The café with two staff in its call tree (Léa, then Karim), no customer-update reminders
/// (to look at the team's alone), and an outage of the card payments from `minutes` ago.
fn seed(dir: &Path, minutes: i64, danger: bool, language: Language) -> (Store, Seeded) {
    let start = Utc::now() - Duration::minutes(minutes);
    let mut store = seed_cafe(dir, start - Duration::days(1));
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language,
                country: None,
            },
            start - Duration::days(1),
        )
        .unwrap();
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: None,
            major_every: None,
            minor_every: None,
        })
        .unwrap();
    let mut staff = |name: &str, number: &str| {
        store
            .create_contact(
                &ContactDetails {
                    person: name.into(),
                    phones: vec![Phone {
                        label: "Mobile".into(),
                        number: number.into(),
                    }],
                    ..ContactDetails::new(ContactKind::Staff)
                },
                start - Duration::days(1),
            )
            .unwrap()
            .id
    };
    let lea = staff("Léa Martin", "+33 6 12 34 56 72");
    let karim = staff("Karim Benali", "+33 6 12 34 56 71");
    let mut safety = store.safety_plan().unwrap().details;
    safety.call_tree = vec![
        CallTreeEntry {
            contact_id: lea,
            caller_id: None,
        },
        CallTreeEntry {
            contact_id: karim,
            caller_id: Some(lea),
        },
    ];
    store
        .save_safety(&safety, start - Duration::days(1))
        .unwrap();
    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap();
    let incident = store
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
            incident,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Power,
                danger,
                customers_affected: None,
                expected_minutes: Some(120),
            },
            start,
        )
        .unwrap();
    (
        store,
        Seeded {
            incident,
            karim,
            lea,
        },
    )
}

/// Clicks a "Save as PDF…" button and returns the file the app said it saved.
async fn save_pdf(app: &WebDriver, button: &str) -> PathBuf {
    click(app, button).await;
    let toast = wait_for_text(app, ".toast span", "Saved as ").await;
    let said = toast.text().await.unwrap();
    let path = PathBuf::from(said.trim_start_matches("Saved as ").lines().next().unwrap());
    assert!(path.exists(), "{} was not written", path.display());
    path
}

/// The state shown for one person of the Team panel.
async fn state_of(app: &WebDriver, contact: i64, word: &str) {
    wait_for_text(
        app,
        &format!("#team-panel li[data-contact='{contact}'] span.state-word"),
        word,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_not_answering_is_reminded_of_once_then_comes_and_the_record_says_so() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut store, s) = seed(data.path(), 30, false, Language::En);
    // Karim was called eleven minutes ago and did not answer; nobody tried again since.
    store
        .check_in(
            s.incident,
            &CheckInInput {
                contact_id: s.karim,
                state: TeamState::NoAnswer,
                at: Some(Utc::now() - Duration::minutes(11)),
                arrival_at: None,
            },
            Utc::now(),
        )
        .unwrap();
    drop(store);
    let bus = FakeNotifications::start().await;
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;

    let shown = bus.wait_for("Try Karim Benali again?").await;
    assert_eq!(
        shown.body,
        "No answer 10 minutes ago. Call again, or mark what happened."
    );

    click(&app, "#home-open-outage").await;
    find(&app, "#team-panel").await;
    state_of(&app, s.karim, "Called, no answer").await;
    // Call-tree order: Léa, then Karim.
    let names = app
        .execute(
            "return Array.from(document.querySelectorAll('#team-panel li.person strong'), e => e.textContent)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        names.json(),
        &serde_json::json!(["Léa Martin", "Karim Benali"])
    );
    let tel = find(
        &app,
        &format!("#team-panel li[data-contact='{}'] a.tel", s.karim),
    )
    .await;
    assert_eq!(
        tel.attr("href").await.unwrap().as_deref(),
        Some("tel:+33612345671")
    );

    // Reached: on the way (arrival in 15 minutes unless told), then here; one click each.
    click(
        &app,
        &format!(
            "#team-panel li[data-contact='{}'] button[data-state='on_the_way']",
            s.karim
        ),
    )
    .await;
    state_of(&app, s.karim, "On the way").await;
    find(&app, &format!("#arrival-{}", s.karim)).await;
    click(
        &app,
        &format!(
            "#team-panel li[data-contact='{}'] button[data-state='here']",
            s.karim
        ),
    )
    .await;
    state_of(&app, s.karim, "Here").await;

    // Karim calls the card provider: handed over beside the call.
    click(&app, "#go-call").await;
    let select = find(&app, "select[data-task^='call:']").await;
    select
        .find(By::XPath(".//option[normalize-space(.)='Karim Benali']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&app, ".timeline", "Karim Benali calls").await;

    for line in [
        "Karim Benali: Called, no answer",
        "Karim Benali: On the way, expected in 15 minutes",
        "Karim Benali: Here",
    ] {
        wait_for_text(&app, ".timeline", line).await;
    }
    snapshot(&app, "team-outage-en").await;

    // The home screen's glance says who does what.
    click(&app, "#nav-home").await;
    wait_for_text(&app, "#home-handoffs", "Karim Benali calls").await;

    // The report lists who was reached when and who did what.
    click(&app, "#home-open-outage").await;
    click(&app, "#incident-print").await;
    let report = save_pdf(&app, "#save-pdf-report").await;
    let text = pdf_text(&report).replace('\n', " ");
    for expected in [
        "Who was reached, and when",
        "Karim Benali · Called, no answer",
        "Karim Benali · On the way (expected at",
        "Karim Benali · Here",
        "Who did what",
        "Karim Benali calls",
        "Karim Benali: Here",
    ] {
        assert!(
            text.contains(expected),
            "the report PDF lacks {expected:?}:\n{text}"
        );
    }

    // The reminder came once: marked on the way it ended, and it never came back.
    let tries: Vec<_> = bus
        .shown()
        .into_iter()
        .filter(|n| n.summary.contains("Karim"))
        .collect();
    assert_eq!(tries.len(), 1, "{:?}", bus.shown());
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_danger_outage_puts_the_team_first_and_resolves_once_everyone_is_safe() {
    let data = tempfile::tempdir().unwrap();
    let (mut store, s) = seed(data.path(), 20, true, Language::Fr);
    let row = store.incident(s.incident, Utc::now()).unwrap().services[0].id;
    // The card payments work again; it stays open while people are not marked safe.
    let incident = store.confirm_restored(s.incident, row, Utc::now()).unwrap();
    assert!(incident.resolved_at.is_none());
    drop(store);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    app.set_window_rect(0, 0, 640, 480).await.unwrap();

    click(&app, "#home-open-outage").await;
    find(&app, "#team-panel").await;
    // First on the screen, before the safety checklist and the steps.
    let first = app
        .execute(
            "const p = document.querySelector('#team-panel'); \
             return ['.danger-first', '.incident-body'].every(s => \
               p.compareDocumentPosition(document.querySelector(s)) & Node.DOCUMENT_POSITION_FOLLOWING)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first.json(), &serde_json::json!(true));
    wait_for_text(
        &app,
        "#team-not-safe",
        "Pas encore déclarés en sécurité : Léa Martin, Karim Benali",
    )
    .await;
    click(
        &app,
        &format!(
            "#team-panel li[data-contact='{}'] button[data-state='safe']",
            s.lea
        ),
    )
    .await;
    state_of(&app, s.lea, "En sécurité").await;
    app.execute(
        "document.querySelector('#team-panel').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "team-panel-danger-fr-640x480").await;

    // Karim is not marked safe: resolving is refused, naming him.
    click(&app, "#go-resolve").await;
    click(&app, "#resolve-incident").await;
    wait_for_text(&app, "#resolve-refused", "Karim Benali").await;
    let refused = find(&app, "#resolve-refused").await.text().await.unwrap();
    assert!(!refused.contains("Léa"), "{refused}");
    find(&app, "#resolve-anyway").await;
    snapshot(&app, "team-resolve-refused-fr-640x480").await;

    // Marked safe: now it resolves, with no override in the record.
    click(
        &app,
        &format!(
            "#team-panel li[data-contact='{}'] button[data-state='safe']",
            s.karim
        ),
    )
    .await;
    wait_for_text(&app, "#team-not-safe", "Tout le monde est pris en compte.").await;
    click(&app, "#resolve-incident").await;
    wait_for_text(&app, ".timeline", "Rétabli").await;
    find(&app, "#reopen-incident").await;
    let store = Store::open_in_dir(data.path()).unwrap();
    let incident = store.incident(s.incident, Utc::now()).unwrap();
    assert!(incident.resolved_at.is_some());
    assert!(!incident
        .timeline
        .iter()
        .any(|e| e.text.contains("sans que soient déclarés")));
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_can_resolve_a_danger_outage_though_someone_is_not_marked_safe() {
    let data = tempfile::tempdir().unwrap();
    let (mut store, s) = seed(data.path(), 20, true, Language::En);
    let row = store.incident(s.incident, Utc::now()).unwrap().services[0].id;
    store.confirm_restored(s.incident, row, Utc::now()).unwrap();
    // Léa can't come: not on site, so she holds nothing up.
    store
        .check_in(
            s.incident,
            &CheckInInput {
                contact_id: s.lea,
                state: TeamState::CantCome,
                at: None,
                arrival_at: None,
            },
            Utc::now(),
        )
        .unwrap();
    drop(store);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    click(&app, "#home-open-outage").await;
    wait_for_text(&app, "#team-not-safe", "Not yet marked safe: Karim Benali").await;
    click(&app, "#go-resolve").await;
    click(&app, "#resolve-incident").await;
    wait_for_text(
        &app,
        "#resolve-refused",
        "Not everyone is marked safe yet: Karim Benali.",
    )
    .await;
    click(&app, "#resolve-anyway").await;
    wait_for_text(
        &app,
        ".timeline",
        "Resolved on the owner's word, though not marked safe: Karim Benali",
    )
    .await;
    find(&app, "#reopen-incident").await;
    app.quit().await.unwrap();
}
