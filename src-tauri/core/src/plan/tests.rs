use chrono::{DateTime, TimeZone, Utc};

use crate::business::{BusinessType, Country, Language};
use crate::contacts::{Contact, ContactDetails, ContactFilter, ContactKind, Phone};
use crate::error::{CoreError, FieldError, FieldProblem};
use crate::plan::health::Finding;
use crate::plan::runbooks::RunbookDetails;
use crate::plan::safety::{CallTreeEntry, SafetyDetails};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::store::Store;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
}

fn contact(store: &mut Store, kind: ContactKind, name: &str, phone: Option<&str>) -> Contact {
    let details = ContactDetails {
        kind,
        organisation: if kind == ContactKind::Staff {
            String::new()
        } else {
            name.into()
        },
        person: if kind == ContactKind::Staff {
            name.into()
        } else {
            String::new()
        },
        phones: phone
            .map(|n| {
                vec![Phone {
                    label: String::new(),
                    number: n.into(),
                }]
            })
            .unwrap_or_default(),
        email: String::new(),
        website: String::new(),
        outage_page: String::new(),
        status_page: String::new(),
        account_number: String::new(),
        customer_id: String::new(),
        support_hours: String::new(),
        notes: String::new(),
    };
    store.create_contact(&details, at(1)).unwrap()
}

fn service(name: &str, contact_ids: Vec<i64>) -> ServiceDetails {
    ServiceDetails {
        name: name.into(),
        priority: Priority::Essential,
        customer_facing: true,
        max_downtime_minutes: 120,
        customers_affected: Some(20),
        customers_per: CustomersPer::Hour,
        no_workaround: false,
        notes: String::new(),
        contact_ids,
    }
}

fn workaround(title: &str) -> WorkaroundDetails {
    WorkaroundDetails {
        title: title.into(),
        steps: " Put up the sign \n\n Check the float ".into(),
        customer_message: "Cash only for now.".into(),
        limits: "Cash only".into(),
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    }
}

fn validation_fields(err: CoreError) -> Vec<FieldError> {
    match err {
        CoreError::Validation(fields) => fields,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_service_keeps_its_dependencies_and_workarounds_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let pos = contact(
        &mut store,
        ContactKind::CardPayments,
        "SumUp",
        Some("0800 1"),
    );
    let isp = contact(
        &mut store,
        ContactKind::InternetProvider,
        "Fibre",
        Some("0800 2"),
    );
    let card = store
        .create_service(
            &service("Card payments", vec![isp.id, pos.id, pos.id]),
            at(2),
        )
        .unwrap();
    assert_eq!(
        card.details.contact_ids,
        [pos.id, isp.id],
        "sorted, no duplicates"
    );

    let cash = store
        .create_workaround(card.id, &workaround("Cash only"), at(2))
        .unwrap();
    assert_eq!(cash.details.steps, "Put up the sign\nCheck the float");
    assert_eq!(
        cash.details.step_list(),
        ["Put up the sign", "Check the float"]
    );
    store
        .create_workaround(card.id, &workaround("Terminal on 4G"), at(2))
        .unwrap();

    let titles: Vec<String> = store
        .service(card.id)
        .unwrap()
        .workarounds
        .into_iter()
        .map(|w| w.details.title)
        .collect();
    assert_eq!(titles, ["Cash only", "Terminal on 4G"]);
}

#[test]
fn bad_service_input_is_refused_and_changes_nothing() {
    let check = |details: ServiceDetails, expected: &[(&str, FieldProblem)]| {
        let mut store = Store::open_in_memory().unwrap();
        let fields = validation_fields(store.create_service(&details, at(2)).unwrap_err());
        let expected: Vec<FieldError> = expected
            .iter()
            .map(|(f, p)| FieldError::at(f, p.clone()))
            .collect();
        assert_eq!(fields, expected, "{details:?}");
        assert!(store.list_services().unwrap().is_empty());
    };
    check(service(" ", vec![]), &[("name", FieldProblem::Required)]);
    check(
        ServiceDetails {
            max_downtime_minutes: 0,
            ..service("Internet", vec![])
        },
        &[("maxDowntimeMinutes", FieldProblem::NotPositive)],
    );
    check(
        ServiceDetails {
            max_downtime_minutes: 366 * 24 * 60,
            ..service("Internet", vec![])
        },
        &[(
            "maxDowntimeMinutes",
            FieldProblem::TooLarge { max: 365 * 24 * 60 },
        )],
    );
    check(
        service("Internet", vec![999]),
        &[("contactIds", FieldProblem::Unknown)],
    );
}

#[test]
fn a_refused_update_keeps_the_old_service() {
    let mut store = Store::open_in_memory().unwrap();
    let saved = store
        .create_service(&service("Internet", vec![]), at(2))
        .unwrap();
    let bad = ServiceDetails {
        max_downtime_minutes: 0,
        ..saved.details.clone()
    };
    assert!(store.update_service(saved.id, &bad, at(3)).is_err());
    assert_eq!(store.service(saved.id).unwrap(), saved);

    let longer = ServiceDetails {
        max_downtime_minutes: 360,
        ..saved.details.clone()
    };
    let updated = store.update_service(saved.id, &longer, at(3)).unwrap();
    assert_eq!(updated.details.max_downtime_minutes, 360);
    assert_eq!(updated.updated_at, at(3));
}

#[test]
fn no_workaround_is_explicit_and_cleared_by_adding_one() {
    let mut store = Store::open_in_memory().unwrap();
    let fridge = store
        .create_service(
            &ServiceDetails {
                no_workaround: true,
                ..service("Refrigeration", vec![])
            },
            at(2),
        )
        .unwrap();
    assert!(fridge.details.no_workaround);
    store
        .create_workaround(fridge.id, &workaround("Cool boxes"), at(3))
        .unwrap();
    assert!(!store.service(fridge.id).unwrap().details.no_workaround);
}

#[test]
fn workaround_links_must_exist_and_not_point_at_its_own_service() {
    let mut store = Store::open_in_memory().unwrap();
    let internet = store
        .create_service(&service("Internet", vec![]), at(2))
        .unwrap();
    let phone = store
        .create_service(&service("Phone line", vec![]), at(2))
        .unwrap();

    let bad = WorkaroundDetails {
        contact_ids: vec![42],
        service_ids: vec![43],
        ..workaround("Hotspot")
    };
    let fields = validation_fields(
        store
            .create_workaround(internet.id, &bad, at(2))
            .unwrap_err(),
    );
    assert_eq!(
        fields,
        [
            FieldError::at("contactIds", FieldProblem::Unknown),
            FieldError::at("serviceIds", FieldProblem::Unknown)
        ]
    );
    assert!(store.service(internet.id).unwrap().workarounds.is_empty());

    let hotspot = WorkaroundDetails {
        service_ids: vec![phone.id, internet.id],
        ..workaround("Hotspot")
    };
    let saved = store
        .create_workaround(internet.id, &hotspot, at(2))
        .unwrap();
    assert_eq!(saved.details.service_ids, [phone.id]);
    assert!(matches!(
        store.create_workaround(999, &hotspot, at(2)),
        Err(CoreError::NotFound(_))
    ));
}

#[test]
fn deleting_a_contact_reports_then_removes_what_depends_on_it() {
    let mut store = Store::open_in_memory().unwrap();
    let isp = contact(
        &mut store,
        ContactKind::InternetProvider,
        "Fibre",
        Some("0800"),
    );
    let phone = contact(
        &mut store,
        ContactKind::PhoneProvider,
        "Tel Co",
        Some("0800"),
    );
    let internet = store
        .create_service(&service("Internet", vec![isp.id]), at(2))
        .unwrap();
    store
        .create_service(&service("Card payments", vec![isp.id, phone.id]), at(2))
        .unwrap();
    let hotspot = WorkaroundDetails {
        contact_ids: vec![phone.id],
        ..workaround("Hotspot")
    };
    store
        .create_workaround(internet.id, &hotspot, at(2))
        .unwrap();

    let usage = store.contact_usage(isp.id).unwrap();
    assert_eq!(usage.services, ["Card payments", "Internet"]);
    assert!(usage.workarounds.is_empty());
    assert_eq!(
        store.contact_usage(phone.id).unwrap().workarounds,
        ["Internet: Hotspot"]
    );

    store.delete_contact(isp.id).unwrap();
    let services = store.list_services().unwrap();
    assert!(services
        .iter()
        .all(|s| !s.details.contact_ids.contains(&isp.id)));
    assert_eq!(services.len(), 2, "services stay, only the link goes");
}

#[test]
fn runbooks_keep_their_steps_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let internet = store
        .create_service(&service("Internet", vec![]), at(2))
        .unwrap();
    let details = RunbookDetails {
        title: "Backup internet".into(),
        service_id: Some(internet.id),
        steps: vec![
            "Restart the router".into(),
            " ".into(),
            "Turn on the 4G router".into(),
        ],
    };
    let saved = store.create_runbook(&details, at(2)).unwrap();
    assert_eq!(
        saved.details.steps,
        ["Restart the router", "Turn on the 4G router"]
    );

    let reordered = RunbookDetails {
        steps: vec!["Turn on the 4G router".into(), "Restart the router".into()],
        ..saved.details.clone()
    };
    let updated = store.update_runbook(saved.id, &reordered, at(3)).unwrap();
    assert_eq!(
        updated.details.steps,
        ["Turn on the 4G router", "Restart the router"]
    );

    store.delete_service(internet.id).unwrap();
    assert_eq!(store.runbook(saved.id).unwrap().details.service_id, None);
    let bad = RunbookDetails {
        title: String::new(),
        service_id: Some(77),
        steps: vec![],
    };
    let fields = validation_fields(store.create_runbook(&bad, at(3)).unwrap_err());
    assert_eq!(
        fields,
        [
            FieldError::at("title", FieldProblem::Required),
            FieldError::at("serviceId", FieldProblem::Unknown)
        ]
    );
}

#[test]
fn the_call_tree_takes_staff_only_and_no_loops() {
    let mut store = Store::open_in_memory().unwrap();
    let marie = contact(&mut store, ContactKind::Staff, "Marie", Some("06 1"));
    let paul = contact(&mut store, ContactKind::Staff, "Paul", Some("06 2"));
    let isp = contact(
        &mut store,
        ContactKind::InternetProvider,
        "Fibre",
        Some("0800"),
    );
    let entry = |contact_id: i64, caller_id: Option<i64>| CallTreeEntry {
        contact_id,
        caller_id,
    };

    let good = SafetyDetails {
        assembly_point: " Car park opposite ".into(),
        checklist: vec!["Is anyone hurt?".into(), "".into()],
        call_tree: vec![entry(marie.id, None), entry(paul.id, Some(marie.id))],
    };
    let saved = store.save_safety(&good, at(2)).unwrap();
    assert_eq!(saved.details.assembly_point, "Car park opposite");
    assert_eq!(saved.details.checklist, ["Is anyone hurt?"]);
    assert_eq!(saved.details.call_tree, good.call_tree);

    let check = |call_tree: Vec<CallTreeEntry>, expected: &[(&str, FieldProblem)]| {
        let mut store = Store::open_in_memory().unwrap();
        contact(&mut store, ContactKind::Staff, "Marie", None);
        let details = SafetyDetails {
            call_tree,
            ..SafetyDetails::default()
        };
        let fields = validation_fields(store.save_safety(&details, at(2)).unwrap_err());
        let expected: Vec<FieldError> = expected
            .iter()
            .map(|(f, p)| FieldError::at(f, p.clone()))
            .collect();
        assert_eq!(fields, expected);
    };
    // Ids in the fresh store of `check`: Marie is 1. 2 does not exist there.
    check(
        vec![entry(2, None)],
        &[("callTree.0", FieldProblem::Unknown)],
    );
    check(
        vec![entry(1, None), entry(1, None)],
        &[("callTree.1", FieldProblem::Unknown)],
    );
    check(
        vec![entry(1, Some(1))],
        &[("callTree.0.callerId", FieldProblem::Unknown)],
    );
    check(
        vec![entry(1, Some(9))],
        &[("callTree.0.callerId", FieldProblem::Unknown)],
    );

    // A provider is not staff; a loop leaves both people uncalled.
    let fields = validation_fields(
        store
            .save_safety(
                &SafetyDetails {
                    call_tree: vec![entry(isp.id, None)],
                    ..SafetyDetails::default()
                },
                at(3),
            )
            .unwrap_err(),
    );
    assert_eq!(
        fields,
        [FieldError::at("callTree.0", FieldProblem::Unknown)]
    );
    let fields = validation_fields(
        store
            .save_safety(
                &SafetyDetails {
                    call_tree: vec![
                        entry(marie.id, Some(paul.id)),
                        entry(paul.id, Some(marie.id)),
                    ],
                    ..SafetyDetails::default()
                },
                at(3),
            )
            .unwrap_err(),
    );
    assert_eq!(
        fields,
        [
            FieldError::at("callTree.0.callerId", FieldProblem::Cycle),
            FieldError::at("callTree.1.callerId", FieldProblem::Cycle)
        ]
    );
    assert_eq!(
        store.safety_plan().unwrap(),
        saved,
        "refused saves change nothing"
    );
}

#[test]
fn marking_reviewed_records_the_date() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.safety_plan().unwrap().reviewed_at, None);
    assert_eq!(
        store.mark_plan_reviewed(at(5)).unwrap().reviewed_at,
        Some(at(5))
    );
    assert_eq!(store.plan_overview(at(6)).unwrap().reviewed_at, Some(at(5)));
}

mod health;
mod starter;

#[test]
fn a_placeholder_without_a_number_is_offered_the_contact_of_its_kind_that_has_one() {
    let mut store = Store::open_in_memory().unwrap();
    let placeholder = contact(
        &mut store,
        ContactKind::PowerUtility,
        "Electricity supplier",
        None,
    );
    let landlord = contact(&mut store, ContactKind::Landlord, "Landlord", None);
    let power = service("Power", vec![placeholder.id, landlord.id]);
    let power = store.create_service(&power, at(1)).unwrap();
    let tills = store
        .create_service(&service("Tills", Vec::new()), at(1))
        .unwrap();
    let mut generator = workaround("Generator");
    generator.contact_ids = vec![placeholder.id];
    let generator = store
        .create_workaround(tills.id, &generator, at(1))
        .unwrap();
    let use_instead = |store: &Store| -> Vec<Finding> {
        store
            .plan_overview(at(2))
            .unwrap()
            .findings
            .into_iter()
            .filter(|f| matches!(f, Finding::UseInstead { .. }))
            .collect()
    };
    assert_eq!(
        use_instead(&store),
        [],
        "no contact of the kind has a number"
    );

    let ouest = contact(
        &mut store,
        ContactKind::PowerUtility,
        "Ouest Power",
        Some("02 99 00 11 22"),
    );
    assert_eq!(
        use_instead(&store),
        [Finding::UseInstead {
            placeholder_id: placeholder.id,
            placeholder: "Electricity supplier".into(),
            contact_id: ouest.id,
            contact: "Ouest Power".into(),
            services: vec!["Power".into(), "Tills".into()],
        }]
    );

    store
        .use_contact_instead(placeholder.id, ouest.id, at(3))
        .unwrap();
    assert_eq!(use_instead(&store), [], "answered");
    let power = store.service(power.id).unwrap();
    let mut linked = power.details.contact_ids.clone();
    linked.sort_unstable();
    let mut expected = vec![landlord.id, ouest.id];
    expected.sort_unstable();
    assert_eq!(linked, expected, "only the placeholder is swapped");
    assert_eq!(power.updated_at, at(3));
    let tills = store.service(tills.id).unwrap();
    assert_eq!(tills.workarounds[0].id, generator.id);
    assert_eq!(tills.workarounds[0].details.contact_ids, [ouest.id]);
    assert!(
        store.contact(placeholder.id).is_ok(),
        "the placeholder is kept for the owner to delete"
    );

    // Twice, or with a contact that is gone: nothing changes.
    store
        .use_contact_instead(placeholder.id, ouest.id, at(4))
        .unwrap();
    assert!(matches!(
        store.use_contact_instead(ouest.id, 999, at(4)),
        Err(CoreError::NotFound(_))
    ));
    assert_eq!(
        store.service(power.id).unwrap().details.contact_ids.len(),
        2
    );
}

#[test]
fn emergency_numbers_are_the_plans_own_else_the_countrys() {
    use crate::plan::safety::{emergency_numbers, EmergencyFrom};
    let mut store = Store::open_in_memory().unwrap();
    let samu = contact(&mut store, ContactKind::Emergency, "SAMU", Some("15"));
    let silent = contact(&mut store, ContactKind::Emergency, "Nobody", None);
    let staff = contact(&mut store, ContactKind::Staff, "Marie", Some("06 1"));
    let check = |contacts: &[&Contact], country: Option<Country>, from, numbers: &[&str]| {
        let contacts: Vec<Contact> = contacts.iter().map(|c| (*c).clone()).collect();
        let to_call = emergency_numbers(&contacts, country, Language::Fr);
        let got: Vec<&str> = to_call.numbers.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(
            (to_call.from, got.as_slice()),
            (from, numbers),
            "{country:?}"
        );
    };
    check(&[&samu, &staff], None, EmergencyFrom::Plan, &["15"]);
    check(
        &[&samu],
        Some(Country::UnitedStates),
        EmergencyFrom::Plan,
        &["15"],
    );
    check(
        &[&silent, &staff],
        Some(Country::France),
        EmergencyFrom::Country,
        &["112", "15", "17", "18"],
    );
    check(
        &[],
        Some(Country::UnitedKingdom),
        EmergencyFrom::Country,
        &["999", "112"],
    );
    check(&[], Some(Country::Other), EmergencyFrom::Usual, &["112"]);
    check(&[&silent], None, EmergencyFrom::Usual, &["112"]);

    // The window reads the same rule on the safety plan it loads.
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, Some(Country::UnitedKingdom)),
            at(1),
        )
        .unwrap();
    let shown = |store: &Store| -> Vec<String> {
        store
            .safety_plan()
            .unwrap()
            .emergency
            .into_iter()
            .map(|p| p.number)
            .collect()
    };
    assert_eq!(shown(&store), ["15"]);
    store.delete_contact(samu.id).unwrap();
    assert_eq!(shown(&store), ["999", "112"]);
}

#[test]
fn the_labels_steady_writes_into_emergency_contacts_are_the_vocabularys() {
    // The business writes them when it applies the starter plan or moves country; it cannot
    // read the vocabulary (which depends on it), so this keeps the two from drifting.
    for country in Country::ALL {
        for language in Language::ALL {
            for number in country.emergency_numbers(*language) {
                assert_eq!(
                    number.label,
                    crate::vocabulary::emergency_service(*language, *country, number.service),
                    "{country:?} {language:?} {:?}",
                    number.service
                );
            }
        }
    }
}
