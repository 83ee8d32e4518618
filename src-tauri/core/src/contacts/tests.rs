use chrono::TimeZone;

use super::*;
use crate::error::FieldError;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, minute, 0).unwrap()
}

fn details(organisation: &str) -> ContactDetails {
    ContactDetails {
        organisation: organisation.into(),
        ..ContactDetails::new(ContactKind::Other)
    }
}

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.into(),
        number: number.into(),
    }
}

fn isp() -> ContactDetails {
    ContactDetails {
        kind: ContactKind::InternetProvider,
        person: " Support desk ".into(),
        phones: vec![
            phone("Outage line", "0800 123 456"),
            phone("", ""),
            phone("Sales", "+33 1 23 45 67 89"),
        ],
        email: "support@fibre-net.fr".into(),
        website: "fibre-net.fr".into(),
        outage_page: "https://fibre-net.fr/panne".into(),
        account_number: "FN-88231".into(),
        notes: "Say the line is down since opening.".into(),
        ..details("Fibre Net Électricité")
    }
}

#[test]
fn a_created_contact_is_tidied_and_listed_with_its_phones_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let created = store.create_contact(&isp(), at(0)).unwrap();

    assert_eq!(created.details.person, "Support desk");
    assert_eq!(created.details.website, "https://fibre-net.fr");
    assert_eq!(
        created.details.phones,
        vec![
            phone("Outage line", "0800 123 456"),
            phone("Sales", "+33 1 23 45 67 89")
        ],
        "the blank phone row is dropped"
    );
    assert_eq!(created.created_at, at(0));
    assert_eq!(
        store.list_contacts(&ContactFilter::default()).unwrap(),
        vec![created]
    );
}

#[test]
fn invalid_input_names_every_bad_field_and_saves_nothing() {
    let check = |input: ContactDetails, expected: &[(&str, FieldProblem)]| {
        let mut store = Store::open_in_memory().unwrap();
        let err = store.create_contact(&input, at(0)).unwrap_err();
        let CoreError::Validation(fields) = err else {
            panic!("expected a validation error, got {err:?}");
        };
        let expected: Vec<FieldError> = expected
            .iter()
            .map(|(field, problem)| FieldError::at(field, problem.clone()))
            .collect();
        assert_eq!(fields, expected, "for {input:?}");
        assert!(store
            .list_contacts(&ContactFilter::default())
            .unwrap()
            .is_empty());
    };

    check(details(""), &[("organisation", FieldProblem::Required)]);
    check(
        ContactDetails {
            phones: vec![phone("Outage", "call Bob")],
            ..details("EDF")
        },
        &[("phones.0.number", FieldProblem::InvalidPhone)],
    );
    check(
        ContactDetails {
            phones: vec![phone("ok", "112"), phone("Night line", " ")],
            ..details("EDF")
        },
        &[("phones.1.number", FieldProblem::Required)],
    );
    check(
        ContactDetails {
            email: "support@".into(),
            ..details("EDF")
        },
        &[("email", FieldProblem::InvalidEmail)],
    );
    check(
        ContactDetails {
            website: "not a site".into(),
            outage_page: "ftp://edf.fr".into(),
            status_page: "javascript:alert(1)".into(),
            ..details("EDF")
        },
        &[
            ("website", FieldProblem::InvalidUrl),
            ("outagePage", FieldProblem::InvalidUrl),
            ("statusPage", FieldProblem::InvalidUrl),
        ],
    );
    check(
        ContactDetails {
            account_number: "9".repeat(201),
            notes: "n".repeat(4001),
            ..details("EDF")
        },
        &[
            ("accountNumber", FieldProblem::TooLong { max: 200 }),
            ("notes", FieldProblem::TooLong { max: 4000 }),
        ],
    );
}

#[test]
fn a_person_without_organisation_is_enough() {
    let mut store = Store::open_in_memory().unwrap();
    let staff = ContactDetails {
        kind: ContactKind::Staff,
        person: "Marie".into(),
        phones: vec![phone("Mobile", "06 12 34 56 78")],
        ..details("")
    };
    assert_eq!(
        store
            .create_contact(&staff, at(0))
            .unwrap()
            .details
            .display_name(),
        "Marie"
    );
}

#[test]
fn an_update_replaces_everything_and_a_refused_one_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let created = store.create_contact(&isp(), at(0)).unwrap();

    let refused = ContactDetails {
        email: "nope".into(),
        ..created.details.clone()
    };
    assert!(store.update_contact(created.id, &refused, at(1)).is_err());
    assert_eq!(store.contact(created.id).unwrap(), created);

    let edited = ContactDetails {
        phones: vec![phone("New outage line", "3900")],
        account_number: "FN-99".into(),
        ..created.details.clone()
    };
    let updated = store.update_contact(created.id, &edited, at(2)).unwrap();
    assert_eq!(
        updated.details.phones,
        vec![phone("New outage line", "3900")]
    );
    assert_eq!(updated.details.account_number, "FN-99");
    assert_eq!((updated.created_at, updated.updated_at), (at(0), at(2)));
}

#[test]
fn missing_contacts_are_not_found() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(matches!(store.contact(42), Err(CoreError::NotFound(_))));
    assert!(matches!(
        store.update_contact(42, &isp(), at(0)),
        Err(CoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_contact(42),
        Err(CoreError::NotFound(_))
    ));
}

#[test]
fn a_deleted_contact_can_be_restored_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let created = store.create_contact(&isp(), at(0)).unwrap();
    let deleted = store.delete_contact(created.id).unwrap();
    assert_eq!(deleted.contact, created);
    assert!(store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .is_empty());
    let phones_left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM contact_phones", [], |r| r.get(0))
        .unwrap();
    assert_eq!(phones_left, 0, "phones go with their contact");

    assert_eq!(store.restore_contact(&deleted).unwrap(), created);
}

#[test]
fn restoring_over_a_reused_id_keeps_both() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.create_contact(&details("First"), at(0)).unwrap();
    let deleted = store.delete_contact(first.id).unwrap();
    let second = store.create_contact(&details("Second"), at(1)).unwrap();
    assert_eq!(second.id, first.id, "SQLite reuses the highest free id");

    let restored = store.restore_contact(&deleted).unwrap();
    assert_ne!(restored.id, second.id);
    assert_eq!(restored.details, first.details);
    assert_eq!(deleted.contact, first);
    let names: Vec<String> = store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.details.organisation)
        .collect();
    assert_eq!(names, ["First", "Second"]);
}

#[test]
fn search_and_kind_filter() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_contact(&isp(), at(0)).unwrap();
    store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::PowerUtility,
                phones: vec![phone(
                    "Dépannage",
                    "09 72 67 50 XX".replace("XX", "12").as_str(),
                )],
                customer_id: "PDL 1234 5678".into(),
                ..details("Enedis")
            },
            at(1),
        )
        .unwrap();
    store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::Staff,
                person: "Élodie Martin".into(),
                ..details("")
            },
            at(2),
        )
        .unwrap();

    let check = |query: &str, kind: Option<ContactKind>, expected: &[&str]| {
        let filter = ContactFilter {
            query: query.into(),
            kind,
        };
        let names: Vec<String> = store
            .list_contacts(&filter)
            .unwrap()
            .iter()
            .map(|c| c.details.display_name().to_owned())
            .collect();
        assert_eq!(names, expected, "query {query:?}, kind {kind:?}");
    };
    check(
        "",
        None,
        &["Élodie Martin", "Enedis", "Fibre Net Électricité"],
    );
    check("electricite", None, &["Fibre Net Électricité"]);
    check("ELODIE", None, &["Élodie Martin"]);
    check("0972675012", None, &["Enedis"]);
    check("0800 123", None, &["Fibre Net Électricité"]);
    check("pdl 1234", None, &["Enedis"]);
    check("fn-88231", None, &["Fibre Net Électricité"]);
    check("depannage", None, &["Enedis"]);
    check("fibre opening", None, &["Fibre Net Électricité"]);
    check("fibre enedis", None, &[]);
    check("", Some(ContactKind::Staff), &["Élodie Martin"]);
    check("enedis", Some(ContactKind::Staff), &[]);
}

#[test]
fn contacts_survive_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let created = {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        store.create_contact(&isp(), at(0)).unwrap()
    };
    let store = Store::open_in_dir(dir.path()).unwrap();
    assert_eq!(
        store.list_contacts(&ContactFilter::default()).unwrap(),
        vec![created]
    );
}

#[test]
fn in_a_french_business_numbers_are_french_unless_written_with_a_country_code() {
    use crate::business::{BusinessInput, BusinessType, Country, Language};
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Boulangerie Martin".into(),
                business_type: BusinessType::RetailShop,
                language: Language::Fr,
                country: Some(Country::France),
            },
            at(0),
        )
        .unwrap();
    let with_phone = |number: &str| ContactDetails {
        phones: vec![phone("Ligne", number)],
        ..details("Enedis")
    };
    let saved = store
        .create_contact(&with_phone("0972675075"), at(1))
        .unwrap();
    assert_eq!(saved.details.phones[0].number, "09 72 67 50 75");
    let refused = store.create_contact(&with_phone("(212) 736-5000"), at(2));
    assert!(
        matches!(
            &refused,
            Err(CoreError::Validation(fields)) if fields == &[FieldError::at(
                "phones.0.number",
                FieldProblem::NotANumberIn { country: "fr".into() },
            )]
        ),
        "{refused:?}"
    );
    assert_eq!(
        store
            .list_contacts(&ContactFilter::default())
            .unwrap()
            .len(),
        1
    );
    let abroad = store
        .create_contact(&with_phone("+1 212 736 5000"), at(3))
        .unwrap();
    assert_eq!(abroad.details.phones[0].number, "+1 212-736-5000");
    // Short numbers are dialled as they are.
    let samu = store.create_contact(&with_phone("15"), at(4)).unwrap();
    assert_eq!(samu.details.phones[0].number, "15");
}

#[test]
fn a_contacts_links_are_rebuilt_from_what_is_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let mut details = ContactDetails {
        phones: vec![
            phone("Outage line", "0800 123 456 poste 12"),
            phone("", "3900"),
        ],
        email: "support@fibre-net.fr".into(),
        website: "fibre-net.fr".into(),
        outage_page: "https://fibre-net.fr/panne?x=1".into(),
        ..details("Fibre Net")
    };
    let id = store.create_contact(&details, at(0)).unwrap().id;
    let check = |store: &Store, link: ContactLink, expected: Option<&str>| {
        assert_eq!(
            store.contact_link(id, link).unwrap().as_deref(),
            expected,
            "{link:?}"
        );
    };
    check(
        &store,
        ContactLink::Phone { index: 0 },
        Some("tel:0800123456;ext=12"),
    );
    check(&store, ContactLink::Phone { index: 1 }, Some("tel:3900"));
    check(&store, ContactLink::Phone { index: 2 }, None);
    check(&store, ContactLink::Phone { index: u32::MAX }, None);
    check(
        &store,
        ContactLink::Email,
        Some("mailto:support@fibre-net.fr"),
    );
    check(&store, ContactLink::Website, Some("https://fibre-net.fr/"));
    check(
        &store,
        ContactLink::OutagePage,
        Some("https://fibre-net.fr/panne?x=1"),
    );
    check(&store, ContactLink::StatusPage, None);
    assert!(matches!(
        store.contact_link(id + 1, ContactLink::Email),
        Err(CoreError::NotFound(_))
    ));
    // Edited, the link follows what is stored now.
    details.website = "fibre.example".into();
    store.update_contact(id, &details, at(1)).unwrap();
    check(&store, ContactLink::Website, Some("https://fibre.example/"));
}

/// Every table's rows, each written out and sorted: the whole plan, to compare.
fn whole(store: &Store) -> std::collections::BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = store
        .conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = store
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .unwrap();
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |row| {
                    Ok((0..width)
                        .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join(" | "))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (table, rows)
        })
        .collect()
}

#[test]
fn undoing_a_delete_puts_back_every_row_that_named_the_contact() {
    let mut store = Store::open_in_memory().unwrap();
    crate::testing::fill_everything(&mut store);
    let ids: Vec<i64> = store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    let mut touched = std::collections::BTreeSet::new();
    for id in ids {
        let before = whole(&store);
        let deleted = store.delete_contact(id).unwrap();
        let after = whole(&store);
        touched.extend(
            before
                .iter()
                .filter(|(table, rows)| after.get(*table) != Some(*rows))
                .map(|(table, _)| table.clone()),
        );
        let restored = store.restore_contact(&deleted).unwrap();
        assert_eq!(restored.id, id);
        assert_eq!(whole(&store), before, "undoing the delete of contact {id}");
    }
    // The plan named its contacts in all these ways, deleted with them or made to forget them:
    // each came back.
    for table in [
        "service_contacts",
        "workaround_contacts",
        "role_holders",
        "roles",
        "call_tree",
        "team_people",
        "calls",
    ] {
        assert!(
            touched.contains(table),
            "no contact was named in {table}: {touched:?}"
        );
    }
}

#[test]
fn undoing_a_delete_over_a_reused_id_links_the_contact_back_not_the_newcomer() {
    let mut store = Store::open_in_memory().unwrap();
    crate::testing::fill_everything(&mut store);
    let providers = |store: &Store| -> Vec<i64> {
        store
            .conn
            .prepare("SELECT contact_id FROM service_contacts ORDER BY contact_id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let highest = *providers(&store).last().unwrap();
    // The provider becomes the newest contact, so its id is the one SQLite gives out next.
    let newer: Vec<i64> = store
        .list_contacts(&ContactFilter::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .filter(|id| *id > highest)
        .collect();
    for id in newer {
        store.delete_contact(id).unwrap();
    }
    let deleted = store.delete_contact(highest).unwrap();
    let newcomer = store.create_contact(&details("Newcomer"), at(1)).unwrap();
    assert_eq!(newcomer.id, highest, "SQLite reuses the highest free id");

    let restored = store.restore_contact(&deleted).unwrap();
    assert_ne!(restored.id, newcomer.id);
    let now = providers(&store);
    assert!(now.contains(&restored.id), "{now:?}");
    assert!(!now.contains(&newcomer.id), "{now:?}");
}
