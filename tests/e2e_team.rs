//! Who does what, end to end in the real window: a café with three staff gets its roles
//! filled in the plan's Team section, plan health follows, a stand-in who already holds the
//! role is refused next to its field with nothing saved, and deleting a staff member asks
//! first, naming their role. Then the same section in French in the smallest window.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use chrono::Utc;
use steady_core::business::Language;
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::team::{RoleDetails, RoleKind, TeamSettings};
use steady_core::Store;
use support::{
    click, eventually, fill, find, seed_cafe, snapshot, texts, wait_for_text, when, Driver,
};
use thirtyfour::prelude::*;

async fn findings(app: &WebDriver) -> Vec<String> {
    find(app, "#missing-title").await;
    texts(app, ".findings li span").await
}

/// Waits until the plan's findings include (or no longer include) `text`.
async fn finding_shown(app: &WebDriver, text: &str, shown: bool) {
    eventually(
        format!(
            "the finding {text:?} was never {}",
            if shown { "shown" } else { "gone" }
        ),
        Duration::from_secs(20),
        || async { when(findings(app).await.iter().any(|f| f == text) == shown) },
    )
    .await;
}

fn staff(store: &mut Store, name: &str, phone: &str) -> i64 {
    store
        .create_contact(
            &ContactDetails {
                person: name.into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: phone.into(),
                }],
                ..ContactDetails::new(ContactKind::Staff)
            },
            Utc::now(),
        )
        .unwrap()
        .id
}

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

/// Whether the page is wider than the window (it scrolls sideways).
async fn scrolls_sideways(app: &WebDriver) -> bool {
    app.execute(
        "return document.documentElement.scrollWidth > window.innerWidth",
        vec![],
    )
    .await
    .unwrap()
    .json()
    .as_bool()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_are_given_in_the_team_section_and_plan_health_follows() {
    let data = tempfile::tempdir().unwrap();
    let mut store = seed_cafe(data.path(), Utc::now());
    let karim = staff(&mut store, "Karim", "06 11 22 33 44");
    let lea = staff(&mut store, "Léa", "06 22 33 44 55");
    staff(&mut store, "Sam", "06 33 44 55 66");
    let opens = store
        .team(Language::En)
        .unwrap()
        .roles
        .into_iter()
        .find(|r| r.details.kind == RoleKind::Opens)
        .expect("the café's starter plan has someone who opens");
    drop(store);

    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    app.set_window_rect(0, 0, 1280, 800).await.unwrap();
    find(&app, "#home-title").await;
    nav(&app, "plan").await;
    let nobody = "Nobody does “Opens and assesses” yet.";
    finding_shown(&app, nobody, true).await;
    let before = findings(&app).await;
    assert!(
        before.contains(&"Nobody does “Calls providers” yet.".to_owned()),
        "{before:?}"
    );
    assert!(
        before.contains(&"Your own phone number is not on the role cards yet.".to_owned()),
        "{before:?}"
    );
    snapshot(&app, "team-plan-findings").await;

    // The finding's Fix opens the role itself.
    click(&app, &format!("button[aria-label='Fix: {nobody}']")).await;
    find(&app, "form.role-form").await;
    click(&app, &format!("#role-holder-{karim}")).await;
    click(&app, &format!("#role-stand-in option[value='{karim}']")).await;
    click(&app, "#save-role").await;
    let error = find(&app, "#role-stand-in-error").await;
    assert_eq!(
        error.text().await.unwrap(),
        "They already do this role: choose someone else to stand in."
    );
    let saved = Store::open_in_dir(data.path())
        .unwrap()
        .role(opens.id, Language::En)
        .unwrap();
    assert!(
        saved.details.holder_ids.is_empty(),
        "nothing saved: {saved:?}"
    );
    error.scroll_into_view().await.unwrap();
    snapshot(&app, "team-refused-stand-in").await;

    click(&app, &format!("#role-stand-in option[value='{lea}']")).await;
    click(&app, "#save-role").await;
    wait_for_text(&app, ".role .held", "Done by Karim").await;
    let saved = Store::open_in_dir(data.path())
        .unwrap()
        .role(opens.id, Language::En)
        .unwrap();
    assert_eq!(saved.details.holder_ids, [karim]);
    assert_eq!(saved.details.stand_in_id, Some(lea));

    // The owner's number, for the cards.
    fill(&app, "#team-owner-name", "Marie").await;
    fill(&app, "#team-owner-phone", "06 99 88 77 66").await;
    click(&app, "#save-owner").await;
    wait_for_text(&app, ".toast", "Your details are saved.").await;
    app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    snapshot(&app, "team-section-1280").await;
    assert!(!scrolls_sideways(&app).await);

    click(&app, ".back").await;
    finding_shown(&app, nobody, false).await;
    finding_shown(
        &app,
        "Your own phone number is not on the role cards yet.",
        false,
    )
    .await;
    let after = findings(&app).await;
    assert!(
        !after.iter().any(|f| f.contains("Only Karim")),
        "Léa stands in: {after:?}"
    );
    assert!(
        after.contains(&"Nobody does “Calls providers” yet.".to_owned()),
        "{after:?}"
    );
    find(&app, "#team-title").await;

    // Deleting Léa asks first, naming the role she stands in for.
    nav(&app, "contacts").await;
    click(&app, "button[aria-label='Delete Léa']").await;
    let dialog = find(&app, "[role='alertdialog']").await;
    let text = dialog.text().await.unwrap();
    assert!(
        text.contains("Roles they stand in for: Opens and assesses"),
        "{text}"
    );
    assert!(
        text.contains("The roles stay; they only lose this person"),
        "{text}"
    );
    snapshot(&app, "team-delete-staff-asks").await;
    click(&app, ".confirm .danger-solid").await;
    wait_for_text(&app, ".toast", "Léa was deleted.").await;

    // The role is left uncovered, not dangling: plan health says so.
    nav(&app, "plan").await;
    finding_shown(
        &app,
        "Only Karim does “Opens and assesses”: who takes it when they are away?",
        true,
    )
    .await;
    let role = Store::open_in_dir(data.path())
        .unwrap()
        .role(opens.id, Language::En)
        .unwrap();
    assert_eq!(role.details.stand_in_id, None);
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_section_reads_in_french_in_the_smallest_window() {
    use steady_core::business::{BusinessInput, BusinessType};
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(data.path()).unwrap();
    let now = Utc::now();
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
    let karim = staff(&mut store, "Karim Benali", "06 11 22 33 44");
    let lea = staff(&mut store, "Léa Martin", "06 22 33 44 55");
    let sam = staff(&mut store, "Samuel Lefèvre-Dubois", "06 33 44 55 66");
    let roles = store.team(Language::Fr).unwrap().roles;
    for (role, holders, stand_in) in [
        (&roles[0], vec![karim], Some(lea)),
        (&roles[1], vec![lea, sam], None),
        (&roles[2], vec![sam], None),
    ] {
        store
            .save_role(
                Some(role.id),
                &RoleDetails {
                    holder_ids: holders,
                    stand_in_id: stand_in,
                    ..role.details.clone()
                },
                now,
            )
            .unwrap();
    }
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Marie".into(),
                owner_phone: "06 99 88 77 66".into(),
                deputy_id: Some(karim),
            },
            now,
        )
        .unwrap();
    drop(store);

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
    nav(&app, "plan").await;
    find(&app, "#team-title").await;
    let section = find(&app, "#team-title").await;
    section.scroll_into_view().await.unwrap();
    snapshot(&app, "team-plan-section-640-fr").await;
    assert!(!scrolls_sideways(&app).await, "the plan scrolls sideways");

    click(&app, "#edit-team").await;
    wait_for_text(&app, "#team-heading", "Qui fait quoi").await;
    wait_for_text(&app, ".role .held", "Fait par Karim Benali").await;
    app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    snapshot(&app, "team-section-640-fr").await;
    assert!(
        !scrolls_sideways(&app).await,
        "the team section scrolls sideways"
    );

    // The role form, with a stand-in who already does the role: refused, in French.
    let first = &format!(
        "button[aria-label='Modifier le rôle « {} »']",
        "Ouvre et évalue"
    );
    click(&app, first).await;
    click(&app, &format!("#role-stand-in option[value='{karim}']")).await;
    click(&app, "#save-role").await;
    let error = find(&app, "#role-stand-in-error").await;
    assert_eq!(
        error.text().await.unwrap(),
        "Cette personne a déjà ce rôle : choisissez quelqu’un d’autre comme remplaçant."
    );
    error.scroll_into_view().await.unwrap();
    snapshot(&app, "team-role-form-640-fr").await;
    assert!(
        !scrolls_sideways(&app).await,
        "the role form scrolls sideways"
    );
    app.quit().await.unwrap();
}
