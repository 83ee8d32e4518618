//! Starter plans: every business type in every language gives a well-formed plan, applying
//! twice adds nothing, and the owner's own work is never overwritten.

use super::*;
use crate::starter::StarterSummary;

const TYPES: [BusinessType; 5] = [
    BusinessType::RetailShop,
    BusinessType::CafeRestaurant,
    BusinessType::Salon,
    BusinessType::Office,
    BusinessType::Other,
];

#[test]
fn every_business_type_in_every_language_gives_a_well_formed_plan() {
    for business_type in TYPES {
        for language in [Language::En, Language::Fr] {
            let what = format!("{business_type:?} in {language:?}");
            let mut store = Store::open_in_memory().unwrap();
            let summary = store
                .apply_starter_plan(business_type, language, at(2))
                .unwrap();
            let services = store.list_services().unwrap();
            let contacts = store.list_contacts(&ContactFilter::default()).unwrap();

            assert!(services.len() >= 5, "{what}: {} services", services.len());
            assert_eq!(summary.services as usize, services.len(), "{what}");
            assert_eq!(summary.contacts as usize, contacts.len(), "{what}");
            assert!(summary.runbooks >= 1, "{what}");
            assert_eq!(summary.checklist_items, 5, "{what}");
            for service in &services {
                assert!(!service.details.name.is_empty(), "{what}");
                assert!(
                    !service.details.contact_ids.is_empty(),
                    "{what}: {}",
                    service.details.name
                );
                assert!(
                    !service.workarounds.is_empty(),
                    "{what}: {}",
                    service.details.name
                );
                for w in &service.workarounds {
                    assert!(
                        !w.details.title.is_empty() && !w.details.step_list().is_empty(),
                        "{what}"
                    );
                }
            }
            assert!(
                contacts
                    .iter()
                    .any(|c| c.details.kind == ContactKind::Emergency),
                "{what}"
            );
            for runbook in store.list_runbooks().unwrap() {
                assert!(
                    runbook.details.steps.len() >= 3,
                    "{what}: {}",
                    runbook.details.title
                );
                assert!(
                    runbook.details.service_id.is_some(),
                    "{what}: {}",
                    runbook.details.title
                );
            }
            let plan = store.safety_plan().unwrap();
            assert_eq!(plan.details.checklist.len(), 5, "{what}");
        }
    }
}

#[test]
fn starter_plans_speak_the_owner_language() {
    let names = |language| {
        let mut store = Store::open_in_memory().unwrap();
        store
            .apply_starter_plan(BusinessType::CafeRestaurant, language, at(2))
            .unwrap();
        store
            .list_services()
            .unwrap()
            .into_iter()
            .map(|s| s.details.name)
            .collect::<Vec<_>>()
    };
    assert!(names(Language::En).contains(&"Card payments".to_owned()));
    assert!(names(Language::Fr).contains(&"Paiement par carte".to_owned()));
    let mut store = Store::open_in_memory().unwrap();
    store
        .apply_starter_plan(BusinessType::Office, Language::Fr, at(2))
        .unwrap();
    let emergency = store
        .list_contacts(&ContactFilter {
            query: String::new(),
            kind: Some(ContactKind::Emergency),
        })
        .unwrap();
    assert_eq!(emergency[0].details.phones[0].number, "112");
}

#[test]
fn applying_twice_adds_nothing_the_second_time() {
    for business_type in TYPES {
        let mut store = Store::open_in_memory().unwrap();
        store
            .apply_starter_plan(business_type, Language::En, at(2))
            .unwrap();
        let before = (
            store.list_services().unwrap(),
            store.list_contacts(&ContactFilter::default()).unwrap(),
            store.list_runbooks().unwrap(),
            store.safety_plan().unwrap(),
        );
        let second = store
            .apply_starter_plan(business_type, Language::En, at(3))
            .unwrap();
        assert_eq!(second, StarterSummary::default(), "{business_type:?}");
        let after = (
            store.list_services().unwrap(),
            store.list_contacts(&ContactFilter::default()).unwrap(),
            store.list_runbooks().unwrap(),
            store.safety_plan().unwrap(),
        );
        assert_eq!(before, after, "{business_type:?}");
    }
}

#[test]
fn the_owner_work_is_never_overwritten() {
    let mut store = Store::open_in_memory().unwrap();
    let isp = contact(
        &mut store,
        ContactKind::InternetProvider,
        "Fibre Net",
        Some("0800 123"),
    );
    let mine = store
        .create_service(
            &ServiceDetails {
                max_downtime_minutes: 15,
                ..service("Card Payments", vec![isp.id])
            },
            at(1),
        )
        .unwrap();
    store
        .save_safety(
            &SafetyDetails {
                checklist: vec!["My own check".into()],
                ..SafetyDetails::default()
            },
            at(1),
        )
        .unwrap();

    store
        .apply_starter_plan(BusinessType::RetailShop, Language::En, at(2))
        .unwrap();

    assert_eq!(
        store.service(mine.id).unwrap(),
        mine,
        "same name: left as the owner wrote it"
    );
    let card_services = store
        .list_services()
        .unwrap()
        .iter()
        .filter(|s| s.details.name.eq_ignore_ascii_case("card payments"))
        .count();
    assert_eq!(
        card_services, 1,
        "a service of the same name is not added again"
    );
    let internet_providers = store
        .list_contacts(&ContactFilter {
            query: String::new(),
            kind: Some(ContactKind::InternetProvider),
        })
        .unwrap();
    assert_eq!(
        internet_providers.len(),
        1,
        "the owner's provider is reused, not duplicated"
    );
    let internet = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Internet")
        .unwrap();
    assert!(internet.details.contact_ids.contains(&isp.id));
    assert_eq!(
        store.safety_plan().unwrap().details.checklist,
        ["My own check"]
    );

    // A renamed starter service is still recognised by its origin.
    let mut renamed = internet.details.clone();
    renamed.name = "Fibre line".into();
    store.update_service(internet.id, &renamed, at(3)).unwrap();
    let count = store.list_services().unwrap().len();
    store
        .apply_starter_plan(BusinessType::RetailShop, Language::En, at(4))
        .unwrap();
    assert_eq!(store.list_services().unwrap().len(), count);
}

#[test]
fn a_first_sms_from_a_starter_plan_fits_one_segment() {
    use crate::notices::length::{measure, SmsEncoding};
    use crate::notices::{draft, Channel, NoticeFacts, Stage};
    let mut too_long = Vec::new();
    for language in [Language::En, Language::Fr] {
        let mut store = Store::open_in_memory().unwrap();
        store
            .apply_starter_plan(BusinessType::CafeRestaurant, language, at(2))
            .unwrap();
        for service in store.list_services().unwrap() {
            let facts = NoticeFacts {
                business: "Corner Café".into(),
                what: vec![service.details.name.clone()],
                workaround: service
                    .workarounds
                    .iter()
                    .map(|w| w.details.customer_message.clone())
                    .find(|m| !m.is_empty()),
                ..NoticeFacts::default()
            };
            let sms = draft(Stage::Initial, Channel::Sms, language, &facts).unwrap();
            let length = measure(Channel::Sms, &sms.body);
            if length.sms_encoding != Some(SmsEncoding::Gsm7) || length.sms_segments != Some(1) {
                too_long.push(format!(
                    "{language:?} ({} chars): {}",
                    length.length, sms.body
                ));
            }
        }
    }
    assert!(too_long.is_empty(), "{}", too_long.join("\n"));
}

#[test]
fn the_emergency_numbers_follow_the_business_to_another_country() {
    let mut store = Store::open_in_memory().unwrap();
    let business = |country| crate::testing::corner_cafe(Language::En, Some(country));
    store
        .save_business(&business(Country::France), at(1))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(2))
        .unwrap();
    let emergency_numbers = |store: &Store| -> Vec<Vec<String>> {
        store
            .list_contacts(&ContactFilter::default())
            .unwrap()
            .into_iter()
            .filter(|c| c.details.kind == ContactKind::Emergency)
            .map(|c| c.details.phones.into_iter().map(|p| p.number).collect())
            .collect()
    };
    assert_eq!(emergency_numbers(&store), [["112", "15", "17", "18"]]);

    store
        .save_business(&business(Country::Canada), at(3))
        .unwrap();
    assert_eq!(emergency_numbers(&store), [["911"]]);

    // Numbers the owner wrote themselves stay theirs.
    let mut mine = store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.details.kind == ContactKind::Emergency)
        .unwrap();
    mine.details.phones.push(Phone {
        label: "Building security".into(),
        number: "+1 416 979 2000".into(),
    });
    let kept = store.update_contact(mine.id, &mine.details, at(4)).unwrap();
    let kept: Vec<String> = kept.details.phones.into_iter().map(|p| p.number).collect();
    assert_eq!(kept.len(), 2);
    store
        .save_business(&business(Country::UnitedKingdom), at(5))
        .unwrap();
    assert_eq!(emergency_numbers(&store), [kept]);
}
