//! Plan health as a table: each case builds a plan and names the findings it must produce.

use super::*;

/// A plan with nothing missing: every later case breaks one thing.
fn complete_plan(store: &mut Store) {
    let pos = contact(store, ContactKind::CardPayments, "SumUp", Some("0800 1"));
    let mut pos_details = pos.details.clone();
    pos_details.account_number = "MID 1".into();
    store.update_contact(pos.id, &pos_details, at(1)).unwrap();
    contact(store, ContactKind::Emergency, "Emergency", Some("112"));
    let marie = contact(store, ContactKind::Staff, "Marie", Some("06 1"));
    let card = store
        .create_service(&service("Card payments", vec![pos.id]), at(2))
        .unwrap();
    store
        .create_workaround(card.id, &workaround("Cash only"), at(2))
        .unwrap();
    store
        .create_runbook(
            &RunbookDetails {
                title: "Paper till".into(),
                service_id: None,
                steps: vec!["Get the book".into()],
            },
            at(2),
        )
        .unwrap();
    store
        .save_safety(
            &SafetyDetails {
                assembly_point: "Car park".into(),
                checklist: vec!["Is anyone hurt?".into()],
                call_tree: vec![CallTreeEntry {
                    contact_id: marie.id,
                    caller_id: None,
                }],
            },
            at(2),
        )
        .unwrap();
    let omar = contact(store, ContactKind::Staff, "Omar", Some("06 2"));
    store
        .save_role(
            None,
            &crate::team::RoleDetails {
                kind: crate::team::RoleKind::Opens,
                name: String::new(),
                duties: vec!["Is anyone hurt?".into()],
                holder_ids: vec![marie.id],
                stand_in_id: Some(omar.id),
                contact_ids: vec![pos.id],
                service_ids: vec![card.id],
            },
            at(2),
        )
        .unwrap();
    store
        .save_team_settings(
            &crate::team::TeamSettings {
                owner_name: "Sam".into(),
                owner_phone: "06 3".into(),
                deputy_id: None,
            },
            at(2),
        )
        .unwrap();
    store.mark_plan_reviewed(at(3)).unwrap();
}

fn findings_after(change: impl FnOnce(&mut Store), now: DateTime<Utc>) -> Vec<Finding> {
    let mut store = Store::open_in_memory().unwrap();
    complete_plan(&mut store);
    change(&mut store);
    store.plan_overview(now).unwrap().findings
}

fn id_of(store: &Store, name: &str) -> i64 {
    store
        .list_contacts(&ContactFilter {
            query: name.into(),
            kind: None,
        })
        .unwrap()[0]
        .id
}

fn card_payments(store: &Store) -> crate::plan::services::CriticalService {
    store.list_services().unwrap().into_iter().next().unwrap()
}

fn in_country(store: &mut Store, country: Country) {
    let business = crate::testing::corner_cafe(Language::Fr, Some(country));
    store.save_business(&business, at(3)).unwrap();
}

#[test]
fn findings_table() {
    let now = at(20);
    let check = |what: &str, change: &dyn Fn(&mut Store), expected: Vec<Finding>| {
        assert_eq!(findings_after(change, now), expected, "{what}");
    };

    check("a complete plan", &|_| {}, vec![]);
    check(
        "an empty plan",
        &|store| *store = Store::open_in_memory().unwrap(),
        vec![
            Finding::NoSafetyChecklist,
            Finding::NoEmergencyNumber,
            Finding::NoServices,
            Finding::NoAssemblyPoint,
            Finding::NeverReviewed,
        ],
    );
    check(
        "a service without workaround",
        &|store| {
            let card = card_payments(store);
            store.delete_workaround(card.workarounds[0].id).unwrap();
        },
        vec![Finding::NoWorkaround {
            service_id: 1,
            service: "Card payments".into(),
        }],
    );
    check(
        "a service marked as having no workaround is not a gap",
        &|store| {
            let card = card_payments(store);
            store.delete_workaround(card.workarounds[0].id).unwrap();
            let details = ServiceDetails {
                no_workaround: true,
                ..card.details
            };
            store.update_service(card.id, &details, at(4)).unwrap();
        },
        vec![],
    );
    check(
        "a service with nobody to call",
        &|store| {
            let card = card_payments(store);
            let details = ServiceDetails {
                contact_ids: vec![],
                ..card.details
            };
            store.update_service(card.id, &details, at(4)).unwrap();
        },
        vec![Finding::NoContactToCall {
            service_id: 1,
            service: "Card payments".into(),
        }],
    );
    check(
        "a workaround that depends on the same provider",
        &|store| {
            let card = card_payments(store);
            let pos = id_of(store, "SumUp");
            let w = &card.workarounds[0];
            let details = WorkaroundDetails {
                contact_ids: vec![pos],
                ..w.details.clone()
            };
            store.update_workaround(w.id, &details, at(4)).unwrap();
        },
        vec![Finding::SharedDependency {
            service_id: 1,
            service: "Card payments".into(),
            workaround: "Cash only".into(),
            contact: "SumUp".into(),
        }],
    );
    check(
        "a provider without account number, and contacts without phone",
        &|store| {
            contact(store, ContactKind::InternetProvider, "Fibre", None);
            contact(store, ContactKind::Landlord, "Immo", None);
        },
        vec![
            Finding::NoAccountNumber {
                contact_id: 5,
                contact: "Fibre".into(),
            },
            Finding::NoPhone { count: 2 },
        ],
    );
    check(
        "a non-provider needs no account number",
        &|store| {
            contact(store, ContactKind::Bank, "Banque", Some("01"));
        },
        vec![],
    );
    check(
        "an emergency contact without a phone does not count",
        &|store| {
            let id = id_of(store, "Emergency");
            store.delete_contact(id).unwrap();
            contact(store, ContactKind::Emergency, "Pompiers", None);
        },
        vec![Finding::NoEmergencyNumber, Finding::NoPhone { count: 1 }],
    );
    check(
        "the country's own emergency numbers stand in for an emergency contact",
        &|store| {
            let id = id_of(store, "Emergency");
            store.delete_contact(id).unwrap();
            in_country(store, Country::Belgium);
        },
        vec![],
    );
    check(
        "but not when the country is not one Steady knows",
        &|store| {
            let id = id_of(store, "Emergency");
            store.delete_contact(id).unwrap();
            in_country(store, Country::Other);
        },
        vec![Finding::NoEmergencyNumber],
    );
    check(
        "staff but no call tree; no assembly point; no checklist",
        &|store| {
            store.save_safety(&SafetyDetails::default(), at(4)).unwrap();
        },
        vec![
            Finding::NoSafetyChecklist,
            Finding::NoAssemblyPoint,
            Finding::NoCallTree,
        ],
    );
    check(
        "the stand-in gone, with no phone for the one left, the owner's number, and what the role named",
        &|store| {
            store.delete_contact(id_of(store, "Omar")).unwrap();
            let marie = id_of(store, "Marie");
            let mut details = store.contact(marie).unwrap().details;
            details.phones.clear();
            store.update_contact(marie, &details, at(4)).unwrap();
            store
                .save_team_settings(&crate::team::TeamSettings::default(), at(4))
                .unwrap();
            store.delete_contact(id_of(store, "SumUp")).unwrap();
        },
        vec![
            Finding::NoContactToCall {
                service_id: 1,
                service: "Card payments".into(),
            },
            Finding::NoPhone { count: 1 },
            Finding::RoleNoStandIn {
                role_id: 1,
                role: "Opens and assesses".into(),
                person: "Marie".into(),
            },
            Finding::RoleNamesGone {
                role_id: 1,
                role: "Opens and assesses".into(),
                names: vec!["SumUp".into()],
            },
            Finding::TeamPersonNoPhone {
                contact_id: 3,
                person: "Marie".into(),
            },
            Finding::NoOwnerPhone,
        ],
    );
    check(
        "staff, and no role",
        &|store| {
            store.delete_role(1).unwrap();
        },
        vec![Finding::NoRoles],
    );
    check(
        "a role nobody holds",
        &|store| {
            store
                .save_role(
                    None,
                    &crate::team::RoleDetails {
                        kind: crate::team::RoleKind::Own,
                        name: "Keeps the food safe".into(),
                        duties: vec![],
                        holder_ids: vec![],
                        stand_in_id: None,
                        contact_ids: vec![],
                        service_ids: vec![],
                    },
                    at(4),
                )
                .unwrap();
        },
        vec![Finding::RoleNobody {
            role_id: 2,
            role: "Keeps the food safe".into(),
        }],
    );
    check(
        "an empty runbook",
        &|store| {
            store
                .create_runbook(
                    &RunbookDetails {
                        title: "Spare till".into(),
                        service_id: None,
                        steps: vec![],
                    },
                    at(4),
                )
                .unwrap();
        },
        vec![Finding::EmptyRunbook {
            runbook_id: 2,
            runbook: "Spare till".into(),
        }],
    );
}

#[test]
fn review_falls_due_six_months_after_the_last_one() {
    let reviewed = at(3);
    let due = Utc.with_ymd_and_hms(2027, 5, 3, 9, 0, 0).unwrap();
    let check = |now: DateTime<Utc>, expected: Vec<Finding>| {
        assert_eq!(findings_after(|_| {}, now), expected, "at {now}");
    };
    check(due - chrono::Duration::seconds(1), vec![]);
    check(
        due,
        vec![Finding::ReviewDue {
            reviewed_at: reviewed,
        }],
    );
    check(
        due + chrono::Duration::days(90),
        vec![Finding::ReviewDue {
            reviewed_at: reviewed,
        }],
    );

    let mut store = Store::open_in_memory().unwrap();
    complete_plan(&mut store);
    assert_eq!(
        store.plan_overview(at(20)).unwrap().review_due_at,
        Some(due)
    );
}
