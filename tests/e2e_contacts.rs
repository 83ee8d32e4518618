//! The provider directory end to end in the real app: first run, a refused phone number that
//! saves nothing, a saved contact, and the same contact after the app is restarted; and a
//! Thunderbird address book brought in whole, `tel:` extensions and odd numbers included.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use steady_core::contacts::{ContactFilter, ContactKind, Phone};
use steady_core::Store;
use support::{answer_file_chooser, click, fill, find, seed_cafe, snapshot, wait_for_text, Driver};

fn saved_contacts(data_dir: &std::path::Path) -> Vec<String> {
    let store = Store::open_in_dir(data_dir).unwrap();
    store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.details.organisation)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_is_validated_saved_and_still_there_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;

    let app = driver.launch_app().await;
    // First run: the business profile.
    fill(&app, "#business-name", "Corner Café").await;
    snapshot(&app, "welcome").await;
    click(&app, "input[name='business-type'][value='cafe_restaurant']").await;
    click(&app, "#welcome-starter").await; // an empty plan: this test is about contacts
    click(&app, "button[type='submit']").await;

    // A contact with a phone number nobody can dial.
    click(&app, "#add-contact").await;
    click(&app, "#contact-kind option[value='internet_provider']").await;
    fill(&app, "#contact-organisation", "Fibre Net").await;
    fill(&app, "#phone-0-label", "Outage line").await;
    fill(&app, "#phone-0-number", "call Bob").await;
    fill(&app, "#contact-account", "FN-88231").await;
    fill(&app, "#contact-outage-page", "fibre-net.example/outage").await;
    click(&app, "button[type='submit']").await;

    let error = find(&app, "#phone-0-number-error").await;
    assert!(
        error.text().await.unwrap().contains("digits"),
        "the message says what a phone number may contain"
    );
    let number = find(&app, "#phone-0-number").await;
    assert_eq!(
        number.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(
        saved_contacts(data.path()).is_empty(),
        "a refused save writes nothing"
    );
    snapshot(&app, "contact-form-error").await;

    // Corrected, it is saved and listed with a dialable link.
    fill(&app, "#phone-0-number", "0800 123 456").await;
    click(&app, "button[type='submit']").await;
    let name = find(&app, "article.contact h3").await;
    assert_eq!(name.text().await.unwrap(), "Fibre Net");
    let phone = find(&app, "article.contact a.phone").await;
    assert_eq!(
        phone.attr("href").await.unwrap().as_deref(),
        Some("tel:0800123456")
    );
    assert_eq!(saved_contacts(data.path()), ["Fibre Net"]);
    assert!(
        data.path().join("webview").is_dir(),
        "WebKit keeps its files in the app's data folder, not the user's real one"
    );
    snapshot(&app, "contacts").await;
    app.quit().await.unwrap();

    // A new app process on the same data folder: no first-run questions, the contact is there.
    let app = driver.launch_app().await;
    click(&app, "#nav-contacts").await;
    let name = find(&app, "article.contact h3").await;
    assert_eq!(name.text().await.unwrap(), "Fibre Net");
    let account = find(&app, "article.contact dd.code").await;
    assert_eq!(account.text().await.unwrap(), "FN-88231");
    assert_eq!(
        find(&app, ".topbar .business").await.text().await.unwrap(),
        "Corner Café"
    );

    // Links leave the window alone: they are handed to the system, and nothing else may
    // navigate the window away from the app either.
    let home = app.current_url().await.unwrap();
    let outage = find(&app, "article.contact dd.link a").await;
    assert_eq!(
        outage.attr("href").await.unwrap().as_deref(),
        Some("https://fibre-net.example/outage")
    );
    outage.click().await.unwrap();
    app.execute("window.location.href = 'data:text/plain,elsewhere'", vec![])
        .await
        .unwrap();
    driver
        .wait_for_output("refused to navigate its window to data:")
        .await;
    find(&app, "#add-contact").await.click().await.unwrap();
    assert_eq!(app.current_url().await.unwrap(), home);
    app.quit().await.unwrap();
}

/// Thunderbird's vCard 4.0 export: numbers as RFC 3966 `tel:` URIs, one with an extension
/// and one local to a `phone-context`, and an internet-telephony address that is no number.
const THUNDERBIRD: &str =
    include_str!("../src-tauri/core/src/contacts/vcard/samples/thunderbird-phone.vcf");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thunderbird_file_comes_in_with_both_numbers_the_extension_and_the_kinds() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let before = seed_cafe(data.path(), chrono::Utc::now())
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .len();
    let file = files.path().join("Personal Address Book.vcf");
    std::fs::write(&file, THUNDERBIRD).unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    click(&app, "#nav-contacts").await;

    click(&app, "#import-contacts").await;
    answer_file_chooser("Choose a vCard file from a phone or mail program", &file).await;
    wait_for_text(&app, "#contacts-preview-summary", "2 new contacts").await;
    wait_for_text(&app, ".import-preview", "+33-6-00-00-00-01 ext. 12").await;
    let set_aside = wait_for_text(&app, ".set-aside", "sip:support@orange-business.example").await;
    assert!(
        set_aside.text().await.unwrap().contains("Use digits"),
        "the reason is said beside the number"
    );
    let edf = find(&app, "#card-kind-0").await;
    assert_eq!(edf.value().await.unwrap().as_deref(), Some("power_utility"));
    let orange = find(&app, "#card-kind-1").await;
    assert_eq!(
        orange.value().await.unwrap().as_deref(),
        Some("internet_provider")
    );
    click(&app, "#card-kind-1 option[value='phone_provider']").await;
    snapshot(&app, "contacts-import-thunderbird").await;
    click(&app, "#import-contacts-now").await;
    wait_for_text(&app, ".toast", "2 contacts added").await;
    wait_for_text(&app, ".cards", "ext. 12").await;
    app.quit().await.unwrap();

    let store = Store::open_in_dir(data.path()).unwrap();
    let all = store.list_contacts(&ContactFilter::default()).unwrap();
    assert_eq!(all.len(), before + 2);
    let named = |name: &str| {
        all.iter()
            .find(|c| c.details.organisation == name)
            .unwrap_or_else(|| panic!("{name} imported"))
            .details
            .clone()
    };
    let edf = named("EDF — dépannage");
    assert_eq!(edf.kind, ContactKind::PowerUtility);
    assert_eq!(
        edf.phones,
        vec![
            Phone {
                label: "Mobile".into(),
                number: "+33-6-00-00-00-01 ext. 12".into()
            },
            Phone {
                label: "Work".into(),
                number: "+33-9-72-67-50-75".into()
            },
        ]
    );
    let orange = named("Orange Business");
    assert_eq!(
        orange.kind,
        ContactKind::PhoneProvider,
        "the owner's choice"
    );
    assert_eq!(orange.phones[0].number, "+33 1-44-44-22-22");
    assert!(
        orange.notes.contains("sip:support@orange-business.example"),
        "{}",
        orange.notes
    );
}
