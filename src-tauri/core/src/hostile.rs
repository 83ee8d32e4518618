//! What the window can send is never trusted: every list it can send is capped before its items
//! are looked at, every string has a length, reminder keys must be ones Steady makes, and a
//! refusal names the field and changes nothing.

#![allow(clippy::unwrap_used)]

use crate::business::Language;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::error::{CoreError, FieldError, FieldProblem};
use crate::fields::{LIST_MAX, NOTES_MAX};
use crate::incidents::{CouldRecur, IncidentStart, NoticeInput, PreventionAction, ReviewInput};
use crate::notices::{Channel, Stage};
use crate::plan::runbooks::RunbookDetails;
use crate::plan::safety::CallTreeEntry;
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::store::Store;
use crate::testing::{at, dump, fill_everything};

fn refused_field(result: Result<impl std::fmt::Debug, CoreError>) -> FieldError {
    match result {
        Err(CoreError::Validation(mut fields)) => fields.remove(0),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn every_list_and_text_the_window_sends_is_capped_and_a_refusal_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    let incident = store.open_incident_id().unwrap().unwrap_or(1);
    let contact = store.list_contacts(&Default::default()).unwrap()[0].id;
    let service = store.list_services().unwrap()[0].id;
    let before = dump(&store);
    let too_many = LIST_MAX + 1;
    let huge = "x".repeat(NOTES_MAX as usize + 1);
    let too_large = FieldProblem::TooLarge {
        max: LIST_MAX as u32,
    };
    let too_long = FieldProblem::TooLong { max: NOTES_MAX };
    let service_details = ServiceDetails {
        name: "Till".into(),
        priority: Priority::Essential,
        customer_facing: true,
        max_downtime_minutes: 30,
        customers_affected: None,
        customers_per: CustomersPer::Hour,
        no_workaround: false,
        notes: String::new(),
        contact_ids: vec![contact; too_many],
    };
    let workaround = WorkaroundDetails {
        title: "Cash".into(),
        steps: String::new(),
        customer_message: String::new(),
        limits: String::new(),
        contact_ids: Vec::new(),
        service_ids: vec![service; too_many],
    };
    let mut safety = store.safety_plan().unwrap().details;
    safety.checklist = vec!["Check".into(); too_many];
    let mut tree = store.safety_plan().unwrap().details;
    tree.call_tree = vec![
        CallTreeEntry {
            contact_id: contact,
            caller_id: None,
        };
        too_many
    ];
    let role = crate::team::RoleDetails {
        kind: crate::team::RoleKind::Opens,
        name: String::new(),
        duties: Vec::new(),
        holder_ids: Vec::new(),
        stand_in_id: None,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    };
    let now = at(22, 9, 0);
    let role_with = |change: &dyn Fn(&mut crate::team::RoleDetails)| {
        let mut role = role.clone();
        change(&mut role);
        role
    };
    let role_cases = [
        (
            "duties",
            role_with(&|r| r.duties = vec!["Go".into(); too_many]),
        ),
        (
            "holderIds",
            role_with(&|r| r.holder_ids = vec![contact; too_many]),
        ),
        (
            "contactIds",
            role_with(&|r| r.contact_ids = vec![contact; too_many]),
        ),
        (
            "serviceIds",
            role_with(&|r| r.service_ids = vec![service; too_many]),
        ),
    ];
    let mut cases: Vec<(&str, FieldError)> = role_cases
        .iter()
        .map(|(field, details)| (*field, refused_field(store.save_role(None, details, now))))
        .collect();
    cases.extend(vec![
        (
            "phones",
            refused_field(store.create_contact(
                &ContactDetails {
                    organisation: "Many".into(),
                    phones: vec![
                        Phone {
                            label: String::new(),
                            number: "0102030405".into(),
                        };
                        too_many
                    ],
                    ..ContactDetails::new(ContactKind::Other)
                },
                now,
            )),
        ),
        (
            "contactIds",
            refused_field(store.create_service(&service_details, now)),
        ),
        (
            "serviceIds",
            refused_field(store.create_workaround(service, &workaround, now)),
        ),
        (
            "steps",
            refused_field(store.create_runbook(
                &RunbookDetails {
                    title: "Long".into(),
                    service_id: None,
                    steps: vec!["Step".into(); too_many],
                },
                now,
            )),
        ),
        ("checklist", refused_field(store.save_safety(&safety, now))),
        ("callTree", refused_field(store.save_safety(&tree, now))),
        (
            "serviceIds",
            refused_field(store.start_incident(
                &IncidentStart {
                    service_ids: vec![service; too_many],
                    something_else: String::new(),
                    started_at: None,
                },
                now,
            )),
        ),
        (
            "actions",
            refused_field(store.save_review(
                incident,
                &ReviewInput {
                    root_cause: String::new(),
                    could_recur: CouldRecur::Unsure,
                    actions: vec![
                        PreventionAction {
                            text: "Do".into(),
                            owner: String::new(),
                            due_on: None,
                        };
                        too_many
                    ],
                },
                now,
            )),
        ),
        (
            "text",
            refused_field(store.add_incident_note(incident, &huge, now)),
        ),
        (
            "body",
            refused_field(store.check_notice(incident, Channel::Sms, Language::En, None, &huge)),
        ),
        (
            "key",
            refused_field(store.dismiss_reminder("'; DROP TABLE contacts; --", now)),
        ),
        (
            "key",
            refused_field(store.snooze_reminder(&"eta:1".repeat(30), now)),
        ),
        (
            "key",
            refused_field(store.dismiss_reminder("anything:goes", now)),
        ),
    ]);
    for (field, refused) in cases {
        assert_eq!(refused.field, field, "{refused:?}");
        if field == "text" || field == "body" {
            assert_eq!(refused.problem, too_long, "{field}");
        } else if field != "key" {
            assert_eq!(refused.problem, too_large, "{field}");
        }
    }
    assert_eq!(dump(&store), before, "a refusal changes nothing");
    // A key Steady makes is taken.
    store.dismiss_reminder("eta:12", now).unwrap();
    store
        .snooze_reminder("reprint:2026-11-20T08:20:00+00:00", now)
        .unwrap();
}

#[test]
fn the_longest_email_a_notice_can_be_is_recorded_as_sent_and_no_longer() {
    use crate::fields::NOTICE_TEXT_MAX;
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    let incident = store.open_incident_id().unwrap().unwrap_or(1);
    let now = at(22, 9, 0);
    let sent = |store: &Store| store.incident(incident, now).unwrap().notices.len();
    let notice = |text: String| NoticeInput {
        stage: Stage::Update,
        channel: Channel::Email,
        text,
    };
    // An email's subject, a blank line and its body, each as long as it may be.
    let subject = "s".repeat(crate::fields::LINE_MAX as usize);
    let body = "b".repeat(NOTES_MAX as usize);
    let whole = format!("{subject}\n\n{body}");
    assert_eq!(whole.chars().count(), NOTICE_TEXT_MAX as usize);
    let before = sent(&store);
    store
        .record_notice(incident, &notice(whole.clone()), now)
        .unwrap();
    assert_eq!(sent(&store), before + 1);

    let refused = refused_field(store.record_notice(incident, &notice(format!("{whole}b")), now));
    assert_eq!(refused.field, "text");
    assert_eq!(
        refused.problem,
        FieldProblem::TooLong {
            max: NOTICE_TEXT_MAX
        }
    );
    assert_eq!(sent(&store), before + 1, "a refusal changes nothing");
}

#[test]
fn a_notice_too_long_for_any_channel_gets_no_codes() {
    use crate::fields::NOTICE_TEXT_MAX;
    let most = "x".repeat(NOTICE_TEXT_MAX as usize);
    assert!(!crate::notices::phone_codes(Channel::Email, &most)
        .unwrap()
        .is_empty());
    let refused = refused_field(crate::notices::phone_codes(
        Channel::Sms,
        &format!("{most}x"),
    ));
    assert_eq!(refused.field, "text");
    assert_eq!(
        refused.problem,
        FieldProblem::TooLong {
            max: NOTICE_TEXT_MAX
        }
    );
}

/// Every text column of every row, with where it is.
fn stored_texts(store: &Store) -> Vec<(String, String)> {
    let conn = &store.conn;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in columns {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT \"{column}\" FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'"
                ))
                .unwrap();
            let values = stmt.query_map([], |row| row.get::<_, String>(0)).unwrap();
            for value in values {
                out.push((format!("{table}.{column}"), value.unwrap()));
            }
        }
    }
    out
}

#[test]
fn control_characters_never_reach_the_plan_but_tabs_and_line_breaks_do() {
    use crate::business::{BusinessInput, BusinessType};
    use crate::incidents::CallInput;
    use crate::notices::templates::NoticeTemplate;
    use crate::plan::safety::SafetyDetails;
    // NUL, bell, escape, DEL and a C1 control, with a tab and a line break to keep.
    let hostile = |text: &str| format!("\0{text}\u{7}\t\u{1b}[2J\u{7f}\u{85}\nend\0");
    let kept = |text: &str| format!("{text}\t[2J\nend");
    let mut store = Store::open_in_memory().unwrap();
    let now = at(22, 9, 0);
    store
        .save_business(
            &BusinessInput {
                name: hostile("Café"),
                business_type: BusinessType::CafeRestaurant,
                language: Language::En,
                country: None,
            },
            now,
        )
        .unwrap();
    let contact = store
        .create_contact(
            &ContactDetails {
                organisation: hostile("EDF"),
                person: hostile("Ana"),
                phones: vec![Phone {
                    label: hostile("Outages"),
                    number: "\u{0}09 72 67 50 75\u{7}".into(),
                }],
                account_number: hostile("PDL"),
                customer_id: hostile("C-1"),
                support_hours: hostile("24/7"),
                notes: hostile("Meter"),
                ..ContactDetails::new(ContactKind::PowerUtility)
            },
            now,
        )
        .unwrap();
    assert_eq!(contact.details.organisation, kept("EDF"));
    assert_eq!(contact.details.phones[0].number, "09 72 67 50 75");
    let service = store
        .create_service(
            &ServiceDetails {
                name: hostile("Power"),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 30,
                customers_affected: None,
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: hostile("Notes"),
                contact_ids: vec![contact.id],
            },
            now,
        )
        .unwrap();
    store
        .create_workaround(
            service.id,
            &WorkaroundDetails {
                title: hostile("Candles"),
                steps: hostile("Light them"),
                customer_message: hostile("Sorry"),
                limits: hostile("Dim"),
                contact_ids: Vec::new(),
                service_ids: Vec::new(),
            },
            now,
        )
        .unwrap();
    store
        .create_runbook(
            &RunbookDetails {
                title: hostile("Reset"),
                service_id: Some(service.id),
                steps: vec![hostile("Flip the switch")],
            },
            now,
        )
        .unwrap();
    store
        .save_safety(
            &SafetyDetails {
                assembly_point: hostile("Car park"),
                checklist: vec![hostile("Count heads")],
                call_tree: Vec::new(),
            },
            now,
        )
        .unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service.id],
                something_else: hostile("Lift"),
                started_at: None,
            },
            now,
        )
        .unwrap();
    store
        .log_call(
            incident.id,
            &CallInput {
                contact_id: None,
                contact_name: hostile("Someone"),
                ticket: hostile("T-1"),
                spoke_to: hostile("Bob"),
                eta: None,
                call_back_at: None,
                notes: hostile("Soon"),
            },
            now,
        )
        .unwrap();
    store
        .add_incident_note(incident.id, &hostile("Noted"), now)
        .unwrap();
    store
        .record_notice(
            incident.id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: hostile("Closed"),
            },
            now,
        )
        .unwrap();
    store
        .save_notice_template(
            &NoticeTemplate {
                stage: Stage::Initial,
                channel: Channel::Email,
                language: Language::En,
                subject: Some(hostile("Subject")),
                body: hostile("Body {business}"),
                customised: true,
            },
            now,
        )
        .unwrap();

    let texts = stored_texts(&store);
    assert!(
        texts
            .iter()
            .any(|(_, t)| t.contains("Flip the switch\t[2J\nend")),
        "tabs and line breaks are kept"
    );
    let controls: Vec<&(String, String)> = texts
        .iter()
        .filter(|(_, text)| {
            text.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        })
        .collect();
    assert!(controls.is_empty(), "{controls:#?}");
}

#[test]
fn a_plan_file_with_more_of_the_team_than_steady_keeps_is_refused_and_says_the_cap() {
    use crate::error::FileReason;
    use crate::export::PlanFile;
    use crate::team::{MAX_CHECK_INS, MAX_DUTIES, MAX_NAMED, MAX_ROLES};
    use serde_json::{json, Value};
    // The caps, pinned: a change to one is a decision, made here.
    assert_eq!(
        (MAX_ROLES, MAX_DUTIES, MAX_NAMED, MAX_CHECK_INS),
        (40, 20, 30, 1000)
    );
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    let good: Value = serde_json::from_str(&store.export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let staff: Vec<i64> = good["tables"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "staff")
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let time = "2026-11-20T10:00:00Z";
    let rows = |table: &str, n: usize, row: &dyn Fn(usize) -> Value| -> Vec<u8> {
        let mut file = good.clone();
        let list = file["tables"][table].as_array_mut().unwrap();
        list.clear();
        list.extend((0..n).map(row));
        serde_json::to_vec(&file).unwrap()
    };
    let role = |i: usize| {
        json!({"id": i + 1, "kind": "own", "name": format!("Role {i}"), "position": i,
               "created_at": time, "updated_at": time})
    };
    let cases = [
        ("roles", MAX_ROLES, rows("roles", MAX_ROLES + 1, &role)),
        (
            "role_duties",
            MAX_DUTIES,
            rows(
                "role_duties",
                MAX_DUTIES + 1,
                &|i| json!({"role_id": 1, "position": i, "text": "Do it"}),
            ),
        ),
        (
            "role_holders",
            MAX_NAMED,
            // As many staff as it takes: one holder more than a role may have.
            {
                let mut file = good.clone();
                let contacts = file["tables"]["contacts"].as_array_mut().unwrap();
                for i in 0..=MAX_NAMED {
                    contacts.push(json!({"id": 1000 + i, "kind": "staff",
                        "person": format!("P{i}"), "created_at": time, "updated_at": time}));
                }
                let holders = file["tables"]["role_holders"].as_array_mut().unwrap();
                holders.clear();
                holders.extend(
                    (0..=MAX_NAMED)
                        .map(|i| json!({"role_id": 1, "contact_id": 1000 + i, "position": i})),
                );
                serde_json::to_vec(&file).unwrap()
            },
        ),
        (
            "team_check_ins",
            MAX_CHECK_INS,
            rows("team_check_ins", MAX_CHECK_INS + 1, &|i| {
                json!({"id": i + 1, "incident_id": 1, "contact_id": staff[0],
                       "name": "Ana", "state": "here", "at": time})
            }),
        ),
    ];
    for (table, max, bytes) in cases {
        match PlanFile::read(&bytes, at(21, 9, 0)) {
            Err(CoreError::BadFile(problem)) => assert_eq!(
                (problem.place.as_str(), problem.reason),
                (
                    format!("tables.{table}").as_str(),
                    FileReason::TooLarge { max: max as u32 }
                ),
                "{table}"
            ),
            other => panic!("{table}: expected a refusal, got {other:?}"),
        }
    }
    // One fewer is taken.
    PlanFile::read(&rows("roles", MAX_ROLES, &role), at(21, 9, 0)).unwrap();
}

#[test]
fn a_drill_keeps_as_many_answers_as_its_surprises_and_at_most_its_cap_of_bad_numbers() {
    use crate::drills::run::MAX_BAD_NUMBERS;
    use crate::drills::{DrillSpeed, DrillStart, Scenario};
    use crate::fields::LINE_MAX;
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    let drill = store
        .start_drill(
            &DrillStart {
                scenario: Scenario::PhoneLineCut,
                service_id: None,
                speed: DrillSpeed::Five,
            },
            at(21, 9, 0),
        )
        .unwrap();
    let now = at(21, 10, 0);
    let huge = "x".repeat(100_000);
    // Keys and answers the window makes up are not the scenario's: refused, whatever size.
    assert_eq!(
        refused_field(store.answer_inject(drill.id, &huge, "call_again", now)),
        FieldError::new(
            crate::field_paths::InjectAnswerField::Inject,
            FieldProblem::Unknown
        )
    );
    assert_eq!(
        refused_field(store.answer_inject(drill.id, "eta_longer", &huge, now)),
        FieldError::new(
            crate::field_paths::InjectAnswerField::Answer,
            FieldProblem::Unknown
        )
    );
    // Answering again replaces the answer: one a surprise.
    for answer in ["call_again", "tell_customers", "call_again"] {
        store
            .answer_inject(drill.id, "eta_longer", answer, now)
            .unwrap();
    }
    let answers: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM drill_injects WHERE drill_id = ?1 AND answer IS NOT NULL",
            [drill.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(answers, 1);
    assert_eq!(
        refused_field(store.mark_number_bad(drill.id, None, &huge, now)),
        FieldError::new(
            crate::field_paths::BadNumberField::Number,
            FieldProblem::TooLong { max: LINE_MAX }
        )
    );
    for i in 0..MAX_BAD_NUMBERS {
        store
            .mark_number_bad(drill.id, None, &format!("06 00 00 {i:04}"), now)
            .unwrap();
    }
    let before = dump(&store);
    assert_eq!(
        refused_field(store.mark_number_bad(drill.id, None, "06 99 99 99 99", now)),
        FieldError::new(
            crate::field_paths::BadNumberField::Number,
            FieldProblem::TooLarge {
                max: MAX_BAD_NUMBERS as u32
            }
        )
    );
    assert_eq!(dump(&store), before);
}
