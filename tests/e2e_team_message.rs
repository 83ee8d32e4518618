//! The message to the team end to end in the real window: a French café in a danger outage,
//! with Ana calling providers (Karim standing in), the call to the power company handed to
//! Karim and its ticket logged. The SMS and the longer message are read back from the screen
//! in French and in English, the SMS reaches the phone as a code, and pasted into a customer
//! notice its ticket is flagged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use chrono::Utc;
use steady_core::business::{BusinessInput, BusinessType, Language};
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::incidents::{AssessInput, CallInput, Cause, IncidentStart};
use steady_core::team::{RoleDetails, RoleKind};
use steady_core::Store;
use support::{click, eventually, find, qr_codes_in_png, snapshot, wait_for_text, when, Driver};
use thirtyfour::prelude::*;

/// "Café du Coin", in French, in a danger outage of its first service since a few minutes.
fn seed(dir: &std::path::Path) {
    let now = Utc::now();
    let mut store = Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Café du Coin".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::Fr,
                country: None,
            },
            now,
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::Fr, now)
        .unwrap();
    let person = |store: &mut Store, name: &str, number: &str, kind: ContactKind| {
        let details = ContactDetails {
            person: if kind == ContactKind::Staff {
                name.into()
            } else {
                String::new()
            },
            organisation: if kind == ContactKind::Staff {
                String::new()
            } else {
                name.into()
            },
            phones: vec![Phone {
                label: String::new(),
                number: number.into(),
            }],
            ..ContactDetails::new(kind)
        };
        store.create_contact(&details, now).unwrap().id
    };
    let ana = person(&mut store, "Ana Lima", "06 11 22 33 44", ContactKind::Staff);
    let karim = person(
        &mut store,
        "Karim Benali",
        "06 55 44 33 22",
        ContactKind::Staff,
    );
    let power = person(
        &mut store,
        "Ouest Énergie",
        "09 72 67 50 75",
        ContactKind::PowerUtility,
    );
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = "Le parking derrière".into();
    store.save_safety(&safety, now).unwrap();
    let service = store.list_services().unwrap()[0].id;
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service],
                something_else: String::new(),
                started_at: None,
            },
            now,
        )
        .unwrap()
        .id;
    store
        .assess_incident(
            incident,
            &AssessInput {
                summary: "Odeur de brûlé au tableau électrique".into(),
                cause: Cause::Power,
                danger: true,
                customers_affected: None,
                expected_minutes: Some(90),
            },
            now,
        )
        .unwrap();
    store
        .log_call(
            incident,
            &CallInput {
                contact_id: Some(power),
                contact_name: String::new(),
                ticket: "INC-4711".into(),
                spoke_to: String::new(),
                eta: None,
                call_back_at: None,
                notes: String::new(),
            },
            now,
        )
        .unwrap();
    let role = |kind, holder_ids: Vec<i64>, stand_in_id| RoleDetails {
        kind,
        name: String::new(),
        duties: Vec::new(),
        holder_ids,
        stand_in_id,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    };
    for details in [
        role(RoleKind::CallsProviders, vec![ana], Some(karim)),
        role(RoleKind::SafetyLead, vec![karim], None),
    ] {
        store.save_role(None, &details, now).unwrap();
    }
    store
        .hand_off(incident, &format!("call:{power}"), Some(karim), now)
        .unwrap();
}

/// Sets a field's value as if chosen or pasted by the owner.
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

/// Brings the element `id` to the top of its scrolling area, and lets the scroll settle.
async fn scroll_to(app: &WebDriver, id: &str) {
    app.execute(
        "document.getElementById(arguments[0]).scrollIntoView({ block: 'start', behavior: 'instant' })",
        vec![id.into()],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
}

/// The value of a text area once it holds `needle`.
async fn value_with(app: &WebDriver, css: &str, needle: &str) -> String {
    eventually(
        format!("{css} never held {needle:?}"),
        Duration::from_secs(20),
        || async {
            let value = app.find(By::Css(css)).await.ok()?.value().await.ok()??;
            value.contains(needle).then_some(value)
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_message_in_french_and_english_read_back_from_the_outage_screen() {
    let data = tempfile::tempdir().unwrap();
    let shots = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    app.set_window_rect(0, 0, 640, 480).await.unwrap();
    click(&app, "#home-open-outage").await;
    find(&app, "#incident-title").await;

    // In French, the business's language.
    wait_for_text(&app, "#team-message-title", "Message à l’équipe").await;
    let sms = value_with(&app, "#team-sms", "INC-4711").await;
    assert!(
        sms.starts_with("DANGER : n’entrez pas. Point de rassemblement : Le parking derrière. Café du Coin : panne depuis "),
        "{sms}"
    );
    for part in [
        "Environ 1 heure 30 minutes.",
        "Karim Benali appelle Ouest Énergie.",
        "Incident Ouest Énergie : INC-4711.",
    ] {
        assert!(sms.contains(part), "{part:?} not in {sms}");
    }
    let text = value_with(&app, "#team-text", "Qui fait quoi").await;
    for part in [
        "Café du Coin : panne, message à l’équipe",
        "En bref : Odeur de brûlé au tableau électrique",
        "Où aller\nN’entrez pas. Allez au point de rassemblement : Le parking derrière.",
        "Qui fait quoi\n- Appelle les fournisseurs : Ana Lima (remplaçant : Karim Benali)\n- Responsable sécurité : Karim Benali",
        "Confié pendant la panne\n- Karim Benali appelle Ouest Énergie",
        "Numéros d’incident des fournisseurs\n- Ouest Énergie : INC-4711",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    scroll_to(&app, "team-message-title").await;
    snapshot(&app, "team-message-fr-640").await;
    scroll_to(&app, "team-text").await;
    snapshot(&app, "team-message-fr-640-text").await;

    // The SMS to the phone: the code opens the messaging app with the message in it.
    click(&app, "#team-sms-to-phone").await;
    find(&app, "#team-message-code .code-frame svg").await;
    app.set_window_rect(0, 0, 1280, 800).await.unwrap();
    scroll_to(&app, "team-message-code").await;
    let png = shots.path().join("team-sms-code.png");
    app.screenshot(&png).await.unwrap();
    let codes = qr_codes_in_png(&png);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes[0].starts_with("SMSTO:") && codes[0].contains("INC-4711"),
        "{}",
        codes[0]
    );
    snapshot(&app, "team-message-code").await;

    // In English, on asking.
    set_value(&app, "#team-message-language", "en").await;
    let sms = value_with(&app, "#team-sms", "DANGER: do not come in").await;
    assert!(
        sms.starts_with("DANGER: do not come in. Assembly point: Le parking derrière. Café du Coin: outage since "),
        "{sms}"
    );
    assert!(sms.contains("Ticket Ouest Énergie: INC-4711."), "{sms}");
    let text = value_with(&app, "#team-text", "Who does what").await;
    for part in [
        "Café du Coin: outage, message to the team",
        "Where to go\nDo not come in. Go to the assembly point: Le parking derrière.",
        "Who does what\n- Calls providers: Ana Lima (stand-in: Karim Benali)\n- Safety lead: Karim Benali",
        "Handed over during the outage\n- Karim Benali calls Ouest Énergie",
        "Providers' tickets\n- Ouest Énergie: INC-4711",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }

    // Pasted into a customer notice, it goes through the notice's check: its ticket is
    // flagged, and the notice cannot be copied past the warning.
    click(&app, "#go-tell").await;
    find(&app, "#notice-body").await;
    eventually(
        "the notice's draft never came".to_owned(),
        Duration::from_secs(20),
        || async {
            let body = app.find(By::Css("#notice-body")).await.ok()?;
            when(!body.value().await.ok()??.is_empty())
        },
    )
    .await;
    set_value(&app, "#notice-body", &sms).await;
    wait_for_text(&app, ".warnings li", "INC-4711").await;
    click(&app, "#notice-copy").await;
    wait_for_text(
        &app,
        ".warnings [role='alert']",
        "Vérifiez d’abord les avertissements",
    )
    .await;
    app.quit().await.unwrap();
}
