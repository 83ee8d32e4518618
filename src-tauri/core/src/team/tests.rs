#![allow(clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::business::{BusinessType, Country};
use crate::contacts::{ContactDetails, Phone};
use crate::error::{CoreError, FieldError, FieldProblem};
use crate::fields::LIST_MAX;
use crate::plan::health::Finding;
use crate::plan::safety::{CallTreeEntry, SafetyDetails};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::testing::corner_cafe;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
}

fn cafe(language: Language) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&corner_cafe(language, Some(Country::France)), at(1))
        .unwrap();
    store
}

fn staff(store: &mut Store, name: &str, phone: Option<&str>) -> i64 {
    let details = ContactDetails {
        person: name.into(),
        phones: phone
            .map(|n| {
                vec![Phone {
                    label: String::new(),
                    number: n.into(),
                }]
            })
            .unwrap_or_default(),
        ..ContactDetails::new(ContactKind::Staff)
    };
    store.create_contact(&details, at(1)).unwrap().id
}

fn provider(store: &mut Store, name: &str) -> i64 {
    let details = ContactDetails {
        organisation: name.into(),
        phones: vec![Phone {
            label: String::new(),
            number: "09 72 67 50 75".into(),
        }],
        account_number: "PDL 1".into(),
        ..ContactDetails::new(ContactKind::PowerUtility)
    };
    store.create_contact(&details, at(1)).unwrap().id
}

fn service(store: &mut Store, name: &str) -> i64 {
    let details = ServiceDetails {
        name: name.into(),
        priority: Priority::Essential,
        customer_facing: true,
        max_downtime_minutes: 60,
        customers_affected: None,
        customers_per: CustomersPer::Hour,
        no_workaround: true,
        notes: String::new(),
        contact_ids: Vec::new(),
    };
    store.create_service(&details, at(1)).unwrap().id
}

fn role(kind: RoleKind, holders: &[i64], stand_in: Option<i64>) -> RoleDetails {
    RoleDetails {
        kind,
        name: String::new(),
        duties: vec!["Look at what is down".into()],
        holder_ids: holders.to_vec(),
        stand_in_id: stand_in,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    }
}

fn refused(err: CoreError) -> Vec<FieldError> {
    match err {
        CoreError::Validation(fields) => fields,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn team_findings(store: &Store) -> Vec<Finding> {
    store
        .plan_overview(at(2))
        .unwrap()
        .findings
        .into_iter()
        .filter(|f| {
            matches!(
                f,
                Finding::NoRoles
                    | Finding::RoleNobody { .. }
                    | Finding::RoleNoStandIn { .. }
                    | Finding::TeamPersonNoPhone { .. }
                    | Finding::RoleNamesGone { .. }
                    | Finding::NoOwnerPhone
            )
        })
        .collect()
}

#[test]
fn a_role_keeps_its_people_duties_and_what_it_names_in_order() {
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let lea = staff(&mut store, "Léa", Some("06 22 33 44 55"));
    let sam = staff(&mut store, "Sam", Some("06 33 44 55 66"));
    let power = provider(&mut store, "Ouest Power");
    let till = service(&mut store, "Card payments");
    let details = RoleDetails {
        kind: RoleKind::CallsProviders,
        name: "ignored for a usual role".into(),
        duties: vec![
            "  Call Ouest Power  ".into(),
            String::new(),
            "Ask for a ticket".into(),
            "   ".into(),
            "Tell the owner".into(),
        ],
        holder_ids: vec![lea, karim],
        stand_in_id: Some(sam),
        contact_ids: vec![power, power],
        service_ids: vec![till],
    };
    let saved = store.save_role(None, &details, at(2)).unwrap();
    assert_eq!(saved.title, "Calls providers");
    assert_eq!(saved.details.name, "");
    assert_eq!(
        saved.details.duties,
        ["Call Ouest Power", "Ask for a ticket", "Tell the owner"],
        "trimmed, blank lines dropped, in order"
    );
    assert_eq!(saved.details.holder_ids, [lea, karim], "first holder first");
    assert_eq!(saved.details.stand_in_id, Some(sam));
    assert_eq!(saved.details.contact_ids, [power], "named once");
    assert_eq!(saved.details.service_ids, [till]);
    assert!(saved.gone.is_empty());

    let own = store
        .save_role(
            None,
            &RoleDetails {
                name: "  Keeps the food safe ".into(),
                ..role(RoleKind::Own, &[karim], Some(lea))
            },
            at(2),
        )
        .unwrap();
    assert_eq!(own.title, "Keeps the food safe");

    let team = store.team(Language::Fr).unwrap();
    assert_eq!(
        team.roles
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["Appelle les fournisseurs", "Keeps the food safe"],
        "usual roles in the reader's language, the owner's own as written"
    );
    let karim_there = team.person(karim).unwrap();
    assert_eq!(karim_there.role_ids, [saved.id, own.id]);
    assert_eq!(team.person(sam).unwrap().stand_in_for, [saved.id]);
    assert_eq!(team.person(lea).unwrap().stand_in_for, [own.id]);

    // Saved again with an id: rewritten whole, not added.
    let edited = store
        .save_role(
            Some(saved.id),
            &role(RoleKind::CallsProviders, &[sam], None),
            at(3),
        )
        .unwrap();
    assert_eq!(edited.id, saved.id);
    assert_eq!(edited.details.holder_ids, [sam]);
    assert!(edited.details.contact_ids.is_empty());
    assert_eq!(store.team(Language::En).unwrap().roles.len(), 2);
}

#[test]
fn a_bad_role_is_refused_next_to_its_field_with_nothing_saved() {
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let lea = staff(&mut store, "Léa", None);
    let power = provider(&mut store, "Ouest Power");
    let kept = store
        .save_role(None, &role(RoleKind::Opens, &[karim], None), at(2))
        .unwrap();
    let before = store.team(Language::En).unwrap();

    let check = |store: &mut Store,
                 id: Option<i64>,
                 details: RoleDetails,
                 expected: &[(&str, FieldProblem)]| {
        let err = store.save_role(id, &details, at(3)).unwrap_err();
        let expected: Vec<FieldError> = expected
            .iter()
            .map(|(field, problem)| FieldError::at(field, problem.clone()))
            .collect();
        assert_eq!(refused(err), expected, "{details:?}");
        assert_eq!(store.team(Language::En).unwrap(), before, "nothing saved");
    };
    check(
        &mut store,
        None,
        RoleDetails {
            name: "   ".into(),
            ..role(RoleKind::Own, &[karim], None)
        },
        &[("name", FieldProblem::Required)],
    );
    check(
        &mut store,
        Some(kept.id),
        role(RoleKind::Opens, &[karim, lea, karim], None),
        &[("holderIds.2", FieldProblem::Twice)],
    );
    check(
        &mut store,
        Some(kept.id),
        role(RoleKind::Opens, &[karim, lea], Some(lea)),
        &[("standInId", FieldProblem::SamePerson)],
    );
    check(
        &mut store,
        None,
        role(RoleKind::Opens, &[power, 9999], Some(9998)),
        &[
            ("holderIds.0", FieldProblem::Unknown),
            ("holderIds.1", FieldProblem::Unknown),
            ("standInId", FieldProblem::Unknown),
        ],
    );
    check(
        &mut store,
        None,
        RoleDetails {
            contact_ids: vec![power, 9999],
            service_ids: vec![9999],
            ..role(RoleKind::Opens, &[], None)
        },
        &[
            ("contactIds", FieldProblem::Unknown),
            ("serviceIds", FieldProblem::Unknown),
        ],
    );
    check(
        &mut store,
        None,
        RoleDetails {
            duties: vec!["ok".into(), String::new(), "x".repeat(201)],
            ..role(RoleKind::Opens, &[], None)
        },
        &[("duties.2", FieldProblem::TooLong { max: 200 })],
    );
    check(
        &mut store,
        None,
        RoleDetails {
            duties: vec!["a duty".into(); MAX_DUTIES + 1],
            ..role(RoleKind::Opens, &[], None)
        },
        &[(
            "duties",
            FieldProblem::TooLarge {
                max: MAX_DUTIES as u32,
            },
        )],
    );
    check(
        &mut store,
        None,
        RoleDetails {
            holder_ids: vec![karim; LIST_MAX + 1],
            ..role(RoleKind::Opens, &[], None)
        },
        &[(
            "holderIds",
            FieldProblem::TooLarge {
                max: LIST_MAX as u32,
            },
        )],
    );
    check(
        &mut store,
        Some(kept.id + 1000),
        role(RoleKind::Own, &[], None),
        &[("name", FieldProblem::Required)],
    );
    assert!(matches!(
        store
            .save_role(
                Some(kept.id + 1000),
                &role(RoleKind::Opens, &[], None),
                at(3)
            )
            .unwrap_err(),
        CoreError::NotFound(_)
    ));
}

#[test]
fn a_plan_holds_at_most_so_many_roles() {
    let mut store = cafe(Language::En);
    for _ in 0..MAX_ROLES {
        store
            .save_role(None, &role(RoleKind::Opens, &[], None), at(2))
            .unwrap();
    }
    let err = store
        .save_role(None, &role(RoleKind::Opens, &[], None), at(2))
        .unwrap_err();
    assert_eq!(
        refused(err),
        [FieldError::at(
            "kind",
            FieldProblem::TooLarge {
                max: MAX_ROLES as u32
            }
        )]
    );
    // Editing one is still allowed.
    let first = store.team(Language::En).unwrap().roles[0].id;
    store
        .save_role(Some(first), &role(RoleKind::It, &[], None), at(3))
        .unwrap();
}

#[test]
fn roles_move_and_go() {
    let mut store = cafe(Language::En);
    let ids: Vec<i64> = [
        RoleKind::Opens,
        RoleKind::CallsProviders,
        RoleKind::SafetyLead,
    ]
    .into_iter()
    .map(|k| {
        store
            .save_role(None, &role(k, &[], None), at(2))
            .unwrap()
            .id
    })
    .collect();
    let order = |store: &Store| -> Vec<i64> {
        store
            .team(Language::En)
            .unwrap()
            .roles
            .iter()
            .map(|r| r.id)
            .collect()
    };
    store.move_role(ids[2], 0, at(3)).unwrap();
    assert_eq!(order(&store), [ids[2], ids[0], ids[1]]);
    store.move_role(ids[2], 99, at(3)).unwrap();
    assert_eq!(order(&store), [ids[0], ids[1], ids[2]]);
    store.move_role(ids[0], 1, at(3)).unwrap();
    assert_eq!(order(&store), [ids[1], ids[0], ids[2]]);
    assert!(matches!(
        store.move_role(12345, 0, at(3)).unwrap_err(),
        CoreError::NotFound(_)
    ));

    store.delete_role(ids[0]).unwrap();
    assert_eq!(order(&store), [ids[1], ids[2]]);
    assert!(matches!(
        store.delete_role(ids[0]).unwrap_err(),
        CoreError::NotFound(_)
    ));
    // A new role goes last.
    let new = store
        .save_role(None, &role(RoleKind::It, &[], None), at(4))
        .unwrap();
    assert_eq!(order(&store), [ids[1], ids[2], new.id]);
}

#[test]
fn what_a_role_named_and_is_gone_is_said_until_the_role_is_saved_again() {
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let lea = staff(&mut store, "Léa", Some("06 22 33 44 55"));
    let power = provider(&mut store, "Ouest Power");
    let till = service(&mut store, "Card payments");
    let saved = store
        .save_role(
            None,
            &RoleDetails {
                contact_ids: vec![power],
                service_ids: vec![till],
                ..role(RoleKind::CallsProviders, &[karim], Some(lea))
            },
            at(2),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Marie".into(),
                owner_phone: "06 99 88 77 66".into(),
                deputy_id: None,
            },
            at(2),
        )
        .unwrap();
    assert_eq!(team_findings(&store), []);

    store.delete_contact(power).unwrap();
    store.delete_service(till).unwrap();
    let role = store.role(saved.id, Language::En).unwrap();
    assert!(role.details.contact_ids.is_empty());
    assert_eq!(
        role.gone,
        [
            Gone {
                contact: true,
                name: "Ouest Power".into()
            },
            Gone {
                contact: false,
                name: "Card payments".into()
            }
        ]
    );
    assert_eq!(
        team_findings(&store),
        [Finding::RoleNamesGone {
            role_id: saved.id,
            role: "Calls providers".into(),
            names: vec!["Ouest Power".into(), "Card payments".into()],
        }]
    );
    // Saved as the window shows it (without what is gone): the owner has seen it.
    store
        .save_role(Some(saved.id), &role.details, at(3))
        .unwrap();
    assert_eq!(team_findings(&store), []);

    // A deleted holder leaves the role; a deleted stand-in leaves it uncovered.
    store.delete_contact(lea).unwrap();
    assert_eq!(
        team_findings(&store),
        [Finding::RoleNoStandIn {
            role_id: saved.id,
            role: "Calls providers".into(),
            person: "Karim".into(),
        }]
    );
    store.delete_contact(karim).unwrap();
    let role = store.role(saved.id, Language::En).unwrap();
    assert!(role.details.holder_ids.is_empty());
    assert_eq!(role.details.stand_in_id, None);
}

#[test]
fn plan_health_asks_for_the_team_only_when_there_is_one() {
    let mut store = cafe(Language::En);
    // On their own, the owner is the whole team: the starter plan's roles are theirs.
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(1))
        .unwrap();
    assert!(!store.team(Language::En).unwrap().roles.is_empty());
    assert_eq!(team_findings(&store), []);

    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", None);
    let lea = staff(&mut store, "Léa", Some("06 22 33 44 55"));
    assert_eq!(team_findings(&store), [Finding::NoRoles]);

    let opens = store
        .save_role(None, &role(RoleKind::Opens, &[], None), at(2))
        .unwrap();
    assert_eq!(
        team_findings(&store),
        [
            Finding::RoleNobody {
                role_id: opens.id,
                role: "Opens and assesses".into()
            },
            Finding::NoOwnerPhone,
        ]
    );
    store
        .save_role(
            Some(opens.id),
            &role(RoleKind::Opens, &[karim], None),
            at(2),
        )
        .unwrap();
    assert_eq!(
        team_findings(&store),
        [
            Finding::RoleNoStandIn {
                role_id: opens.id,
                role: "Opens and assesses".into(),
                person: "Karim".into()
            },
            Finding::TeamPersonNoPhone {
                contact_id: karim,
                person: "Karim".into()
            },
            Finding::NoOwnerPhone,
        ]
    );
    store
        .save_role(
            Some(opens.id),
            &role(RoleKind::Opens, &[karim], Some(lea)),
            at(2),
        )
        .unwrap();
    store
        .update_contact(
            karim,
            &ContactDetails {
                person: "Karim".into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: "06 11 22 33 44".into(),
                }],
                ..ContactDetails::new(ContactKind::Staff)
            },
            at(3),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                owner_phone: "06 99 88 77 66".into(),
                ..TeamSettings::default()
            },
            at(3),
        )
        .unwrap();
    assert_eq!(team_findings(&store), []);
    // Two holders cover for each other: no stand-in needed.
    store
        .save_role(
            Some(opens.id),
            &role(RoleKind::Opens, &[karim, lea], None),
            at(4),
        )
        .unwrap();
    assert_eq!(team_findings(&store), []);
}

#[test]
fn the_owner_is_reached_on_a_number_of_the_business_country() {
    let mut store = cafe(Language::Fr);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let power = provider(&mut store, "Ouest Power");
    let saved = store
        .save_team_settings(
            &TeamSettings {
                owner_name: "  Marie Dupont ".into(),
                owner_phone: "0699887766".into(),
                deputy_id: Some(karim),
            },
            at(2),
        )
        .unwrap();
    assert_eq!(
        saved,
        TeamSettings {
            owner_name: "Marie Dupont".into(),
            owner_phone: "06 99 88 77 66".into(),
            deputy_id: Some(karim),
        }
    );
    assert_eq!(
        store.team(Language::Fr).unwrap().owner_tel,
        "tel:0699887766"
    );

    let err = store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Marie".into(),
                owner_phone: "06 99 88 77".into(),
                deputy_id: Some(power),
            },
            at(3),
        )
        .unwrap_err();
    assert_eq!(
        refused(err),
        [
            FieldError::at(
                "ownerPhone",
                FieldProblem::NotANumberIn {
                    country: "fr".into()
                }
            ),
            FieldError::at("deputyId", FieldProblem::Unknown),
        ]
    );
    assert_eq!(store.team_settings().unwrap(), saved, "nothing saved");

    // The deputy deleted: nobody, not a dangling id.
    store.delete_contact(karim).unwrap();
    assert_eq!(store.team_settings().unwrap().deputy_id, None);
}

#[test]
fn a_card_is_made_in_the_person_s_language_when_the_plan_says_so() {
    let mut store = cafe(Language::Fr);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let power = provider(&mut store, "Ouest Power");
    let team = store.team(Language::Fr).unwrap();
    assert_eq!(
        team.person(karim).unwrap().card,
        CardSettings {
            contact_id: karim,
            language: None,
            account_numbers: false
        },
        "the owner's language, no account numbers, until said otherwise"
    );
    let card = CardSettings {
        contact_id: karim,
        language: Some(Language::En),
        account_numbers: true,
    };
    assert_eq!(store.save_card_settings(&card, at(2)).unwrap(), card);
    assert_eq!(
        store
            .team(Language::Fr)
            .unwrap()
            .person(karim)
            .unwrap()
            .card,
        card
    );
    let err = store
        .save_card_settings(
            &CardSettings {
                contact_id: power,
                ..card.clone()
            },
            at(2),
        )
        .unwrap_err();
    assert_eq!(
        refused(err),
        [FieldError::at("contactId", FieldProblem::Unknown)]
    );
}

#[test]
fn deleting_a_contact_says_which_roles_it_is_in() {
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let lea = staff(&mut store, "Léa", Some("06 22 33 44 55"));
    let power = provider(&mut store, "Ouest Power");
    store
        .save_role(
            None,
            &RoleDetails {
                contact_ids: vec![power],
                ..role(RoleKind::CallsProviders, &[karim], Some(lea))
            },
            at(2),
        )
        .unwrap();
    store
        .save_role(
            None,
            &RoleDetails {
                name: "Keeps the food safe".into(),
                ..role(RoleKind::Own, &[karim], None)
            },
            at(2),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                deputy_id: Some(lea),
                ..TeamSettings::default()
            },
            at(2),
        )
        .unwrap();
    let usage = store.contact_usage(karim).unwrap();
    assert_eq!(usage.holds, ["Calls providers", "Keeps the food safe"]);
    assert!(usage.stands_in_for.is_empty());
    assert!(!usage.is_empty());
    let usage = store.contact_usage(lea).unwrap();
    assert_eq!(usage.stands_in_for, ["Calls providers"]);
    assert!(usage.owner_deputy);
    assert!(!usage.is_empty());
    let usage = store.contact_usage(power).unwrap();
    assert_eq!(usage.named_by, ["Calls providers"]);
    assert!(!usage.is_empty());
}

#[test]
fn someone_no_longer_staff_leaves_the_team_as_if_deleted_and_the_plan_still_exports_and_saves() {
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    let lea = staff(&mut store, "Léa", Some("06 22 33 44 55"));
    let calls = store
        .save_role(
            None,
            &role(RoleKind::CallsProviders, &[karim], Some(lea)),
            at(2),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                deputy_id: Some(lea),
                ..TeamSettings::default()
            },
            at(2),
        )
        .unwrap();
    // Léa leaves and stays on as the shop's supplier; Karim becomes "other".
    for (id, kind) in [(lea, ContactKind::Supplier), (karim, ContactKind::Other)] {
        let mut details = store.contact(id).unwrap().details;
        details.kind = kind;
        store.update_contact(id, &details, at(3)).unwrap();
    }
    let team = store.team(Language::En).unwrap();
    let role = team.role(calls.id).unwrap();
    assert!(role.details.holder_ids.is_empty());
    assert_eq!(role.details.stand_in_id, None);
    assert_eq!(team.settings.deputy_id, None);
    // The role saves again as it is, and the plan's own file comes back in.
    store
        .save_role(Some(calls.id), &role.details, at(4))
        .unwrap();
    let file = crate::export::PlanFile::read(store.export_plan(at(4)).unwrap().as_bytes(), at(4));
    assert!(file.is_ok(), "{:?}", file.err());
}

#[test]
fn a_starter_plan_suggests_the_usual_roles_once_with_their_links_and_nobody_in_them() {
    let mut store = cafe(Language::Fr);
    let added = store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::Fr, at(1))
        .unwrap();
    let team = store.team(Language::Fr).unwrap();
    assert_eq!(added.roles as usize, team.roles.len());
    assert_eq!(
        team.roles
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        [
            "Ouvre et évalue",
            "Appelle les fournisseurs",
            "Parle aux clients",
            "Lance la solution de repli",
            "Garde les aliments en sécurité",
            "Responsable sécurité",
        ]
    );
    assert!(team.roles.iter().all(|r| r.details.holder_ids.is_empty()
        && r.details.stand_in_id.is_none()
        && r.details.duties.len() >= 3));

    let contacts = store.list_contacts(&Default::default()).unwrap();
    let kind_of = |id: &i64| contacts.iter().find(|c| c.id == *id).unwrap().details.kind;
    let calls = &team.roles[1];
    assert!(calls.details.contact_ids.len() >= 3);
    assert!(calls.details.contact_ids.iter().all(|id| matches!(
        kind_of(id),
        ContactKind::PowerUtility
            | ContactKind::InternetProvider
            | ContactKind::PhoneProvider
            | ContactKind::CardPayments
            | ContactKind::WebsiteVendor
            | ContactKind::SoftwareVendor
            | ContactKind::Landlord
    )));
    let services = store.list_services().unwrap();
    let names = |ids: &[i64]| -> Vec<String> {
        ids.iter()
            .map(|id| {
                services
                    .iter()
                    .find(|s| s.id == *id)
                    .unwrap()
                    .details
                    .name
                    .clone()
            })
            .collect()
    };
    assert_eq!(
        names(&team.roles[3].details.service_ids),
        ["Paiement par carte", "Électricité et éclairage"]
    );

    let again = store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::Fr, at(2))
        .unwrap();
    assert_eq!(again.roles, 0);
    let other = store
        .apply_starter_plan(BusinessType::Office, Language::En, at(2))
        .unwrap();
    assert_eq!(
        other.roles, 1,
        "only the IT role is new: the other kinds are in the plan already"
    );
    assert_eq!(
        store.team(Language::En).unwrap().roles.len(),
        team.roles.len() + 1
    );
}

#[test]
fn every_starter_role_has_words_in_every_language_and_three_first_steps() {
    for language in Language::ALL {
        for business_type in crate::business::BusinessType::ALL {
            let mut store = Store::open_in_memory().unwrap();
            let added = store
                .apply_starter_plan(*business_type, *language, at(1))
                .unwrap();
            assert!(added.roles >= 5, "{business_type:?} {language:?}");
            let team = store.team(*language).unwrap();
            for role in &team.roles {
                assert!(!role.title.is_empty());
                assert!(role.details.duties.len() >= 3, "{}", role.title);
            }
        }
    }
}

#[test]
fn a_plan_from_before_the_team_upgrades_and_reads_its_staff_in_call_tree_order() {
    use crate::store::{migrations, DATABASE_FILE};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 9).unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (id, kind, person, created_at, updated_at) VALUES
               (1, 'staff', 'Ana', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z'),
               (2, 'staff', 'Karim', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z'),
               (3, 'staff', 'Zoé', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z'),
               (4, 'power_utility', '', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
             INSERT INTO contact_phones (contact_id, position, label, number) VALUES
               (2, 0, '', '06 11 22 33 44');
             INSERT INTO call_tree (contact_id, caller_id, position) VALUES
               (3, NULL, 0), (2, 3, 1);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let team = store.team(Language::En).unwrap();
    assert!(team.roles.is_empty());
    assert_eq!(team.settings, TeamSettings::default());
    assert_eq!(
        team.people
            .iter()
            .map(|p| p.contact.details.person.as_str())
            .collect::<Vec<_>>(),
        ["Zoé", "Karim", "Ana"],
        "call-tree order first, then the others"
    );
    // And the upgraded plan takes roles.
    store
        .save_role(None, &role(RoleKind::Opens, &[2], Some(3)), at(2))
        .unwrap();
    assert_eq!(
        store
            .team(Language::En)
            .unwrap()
            .person(2)
            .unwrap()
            .role_ids
            .len(),
        1
    );
}

#[test]
fn the_call_tree_and_the_roles_agree_on_who_is_staff() {
    // A person in the call tree who holds no role is still on the team.
    let mut store = cafe(Language::En);
    let karim = staff(&mut store, "Karim", Some("06 11 22 33 44"));
    store
        .save_safety(
            &SafetyDetails {
                assembly_point: "Car park".into(),
                checklist: vec!["Anyone hurt?".into()],
                call_tree: vec![CallTreeEntry {
                    contact_id: karim,
                    caller_id: None,
                }],
            },
            at(2),
        )
        .unwrap();
    let team = store.team(Language::En).unwrap();
    assert_eq!(team.people.len(), 1);
    assert!(team.people[0].role_ids.is_empty());
}
