#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use super::*;
use crate::business::Language;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::error::{CoreError, FieldError};
use crate::incidents::{AssessInput, Cause, IncidentStart};
use crate::plan::safety::{CallTreeEntry, SafetyDetails};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::print::{Paper, PrintDocument, PrintOptions};
use crate::store::Store;
use crate::team::{RoleDetails, RoleKind};

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, 0).unwrap()
}

struct Cafe {
    store: Store,
    karim: i64,
    lea: i64,
    sam: i64,
    ouest: i64,
    service: i64,
    cash: i64,
    /// "Calls providers": Karim, stand-in Léa.
    calls: i64,
}

fn staff(store: &mut Store, name: &str, number: &str) -> i64 {
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
            at(8, 0),
        )
        .unwrap()
        .id
}

/// A role saved as the Team section saves it: its kind, holders and stand-in.
fn role(store: &mut Store, kind: &str, holders: &[i64], stand_in: Option<i64>) -> i64 {
    let kind = *RoleKind::ALL.iter().find(|k| k.as_str() == kind).unwrap();
    let details = RoleDetails {
        kind,
        name: String::new(),
        duties: Vec::new(),
        holder_ids: holders.to_vec(),
        stand_in_id: stand_in,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    };
    store.save_role(None, &details, at(8, 0)).unwrap().id
}

/// A café in `language` with three staff (Léa then Karim in the call tree, Sam not in it), a
/// provider, a service with a workaround, and two roles.
fn cafe(language: Language) -> Cafe {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(language, None), at(8, 0))
        .unwrap();
    let sam = staff(&mut store, "Sam", "+33 6 12 34 56 70");
    let karim = staff(&mut store, "Karim", "+33 6 12 34 56 71");
    let lea = staff(&mut store, "Léa", "+33 6 12 34 56 72");
    let ouest = store
        .create_contact(
            &ContactDetails {
                organisation: "Ouest Power".into(),
                ..ContactDetails::new(ContactKind::PowerUtility)
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let service = store
        .create_service(
            &ServiceDetails {
                name: "Card payments".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 60,
                customers_affected: Some(20),
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: String::new(),
                contact_ids: vec![ouest],
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let cash = store
        .create_workaround(
            service,
            &WorkaroundDetails {
                title: "Cash only".into(),
                contact_ids: vec![],
                service_ids: vec![service],
                steps: "Put up the sign".into(),
                customer_message: String::new(),
                limits: String::new(),
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    store
        .save_safety(
            &SafetyDetails {
                assembly_point: "The car park".into(),
                checklist: vec![],
                call_tree: vec![
                    CallTreeEntry {
                        contact_id: lea,
                        caller_id: None,
                    },
                    CallTreeEntry {
                        contact_id: karim,
                        caller_id: Some(lea),
                    },
                ],
            },
            at(8, 0),
        )
        .unwrap();
    let calls = role(&mut store, "calls_providers", &[karim], Some(lea));
    role(&mut store, "opens", &[lea, karim], None);
    Cafe {
        store,
        karim,
        lea,
        sam,
        ouest,
        service,
        cash,
        calls,
    }
}

/// An outage of the card payments from 9:00; `danger`: someone may be in danger.
fn outage(cafe: &mut Cafe, danger: bool) -> i64 {
    let id = cafe
        .store
        .start_incident(
            &IncidentStart {
                service_ids: vec![cafe.service],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap()
        .id;
    cafe.store
        .assess_incident(
            id,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Power,
                danger,
                customers_affected: None,
                expected_minutes: Some(60),
            },
            at(9, 1),
        )
        .unwrap();
    id
}

fn mark(contact_id: i64, state: TeamState) -> CheckInInput {
    CheckInInput {
        contact_id,
        state,
        at: None,
        arrival_at: None,
    }
}

fn refused(result: CoreResult<impl std::fmt::Debug>) -> Vec<FieldError> {
    match result {
        Err(CoreError::Validation(fields)) => fields,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn timeline(store: &Store, id: i64, now: DateTime<Utc>) -> Vec<String> {
    store
        .incident(id, now)
        .unwrap()
        .timeline
        .into_iter()
        .map(|e| e.text)
        .collect()
}

#[test]
fn each_check_in_is_kept_and_written_in_the_timeline_and_the_latest_is_the_state() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let before = timeline(&c.store, id, at(9, 5));
    c.store
        .check_in(id, &mark(c.karim, TeamState::NoAnswer), at(9, 5))
        .unwrap();
    let team = c
        .store
        .check_in(
            id,
            &CheckInInput {
                arrival_at: Some(at(9, 30) - Duration::seconds(2)),
                ..mark(c.karim, TeamState::OnTheWay)
            },
            at(9, 15),
        )
        .unwrap();
    let after = timeline(&c.store, id, at(9, 15));
    assert_eq!(
        &after[before.len()..],
        [
            "Karim: Called, no answer",
            "Karim: On the way, expected in 15 minutes"
        ]
    );
    let karim = team
        .people
        .iter()
        .find(|p| p.contact_id == c.karim)
        .unwrap();
    assert_eq!(karim.state, TeamState::OnTheWay);
    assert_eq!(karim.since, Some(at(9, 15)));
    assert_eq!(karim.arrival_at, Some(at(9, 30) - Duration::seconds(2)));
    assert!(!karim.arrival_passed);
    assert_eq!(team.check_ins.len(), 2);
    let later = c.store.incident_team(id, at(9, 31)).unwrap();
    let karim = later
        .people
        .iter()
        .find(|p| p.contact_id == c.karim)
        .unwrap();
    assert!(karim.arrival_passed, "9:30 has passed");

    let team = c
        .store
        .check_in(id, &mark(c.karim, TeamState::Here), at(9, 32))
        .unwrap();
    let karim = team
        .people
        .iter()
        .find(|p| p.contact_id == c.karim)
        .unwrap();
    assert_eq!(karim.state, TeamState::Here);
    assert_eq!(karim.arrival_at, None, "only someone on the way has one");
    assert!(!karim.arrival_passed);
    // Nobody else was marked.
    let lea = team.people.iter().find(|p| p.contact_id == c.lea).unwrap();
    assert_eq!((lea.state, lea.since), (TeamState::NotCalled, None));
}

#[test]
fn a_check_in_says_when_it_happened_within_the_outage() {
    let mut c = cafe(Language::Fr);
    let id = outage(&mut c, false);
    let team = c
        .store
        .check_in(
            id,
            &CheckInInput {
                at: Some(at(9, 3)),
                ..mark(c.lea, TeamState::Here)
            },
            at(9, 20),
        )
        .unwrap();
    let lea = team.people.iter().find(|p| p.contact_id == c.lea).unwrap();
    assert_eq!(lea.since, Some(at(9, 3)));
    let events = c.store.incident(id, at(9, 20)).unwrap().timeline;
    let event = events.iter().find(|e| e.text == "Léa : Sur place").unwrap();
    assert_eq!(
        event.at,
        at(9, 3),
        "the timeline places it when it happened"
    );
}

#[test]
fn bad_check_ins_are_refused_next_to_their_field_and_nothing_is_saved() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let before = timeline(&c.store, id, at(9, 10));
    let check = |store: &mut Store, input: CheckInInput, field: &str, problem: FieldProblem| {
        let fields = refused(store.check_in(id, &input, at(9, 10)));
        assert_eq!(fields, vec![FieldError::at(field, problem)], "{input:?}");
    };
    check(
        &mut c.store,
        CheckInInput {
            at: Some(at(9, 30)),
            ..mark(c.karim, TeamState::Here)
        },
        "at",
        FieldProblem::OutsideOutage,
    );
    check(
        &mut c.store,
        CheckInInput {
            at: Some(at(8, 59)),
            ..mark(c.karim, TeamState::Here)
        },
        "at",
        FieldProblem::OutsideOutage,
    );
    check(
        &mut c.store,
        CheckInInput {
            at: Some(at(9, 5)),
            arrival_at: Some(at(9, 4)),
            ..mark(c.karim, TeamState::OnTheWay)
        },
        "arrivalAt",
        FieldProblem::BeforeCheckIn,
    );
    // The provider is a contact, not someone of the team; 999 is nobody.
    check(
        &mut c.store,
        mark(c.ouest, TeamState::Here),
        "contactId",
        FieldProblem::Unknown,
    );
    check(
        &mut c.store,
        mark(999, TeamState::Here),
        "contactId",
        FieldProblem::Unknown,
    );
    assert!(c.store.check_ins(id).unwrap().is_empty());
    assert_eq!(timeline(&c.store, id, at(9, 10)), before);

    let row = c.store.incident(id, at(9, 10)).unwrap().services[0].id;
    c.store.confirm_restored(id, row, at(9, 20)).unwrap();
    check(
        &mut c.store,
        mark(c.karim, TeamState::Here),
        "state",
        FieldProblem::Closed,
    );
    assert!(c.store.check_ins(id).unwrap().is_empty());
}

#[test]
fn the_panel_lists_everyone_in_call_tree_order_with_roles_phones_and_tasks() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    c.store
        .hand_off(id, &format!("call:{}", c.ouest), Some(c.karim), at(9, 5))
        .unwrap();
    let team = c.store.incident_team(id, at(9, 6)).unwrap();
    let names: Vec<(&str, bool)> = team
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.in_call_tree))
        .collect();
    assert_eq!(names, [("Léa", true), ("Karim", true), ("Sam", false)]);
    let karim = &team.people[1];
    assert_eq!(karim.roles, ["Calls providers", "Opens and assesses"]);
    assert_eq!(karim.tel_links, ["tel:+33612345671"]);
    assert_eq!(karim.tasks.len(), 1);
    assert_eq!(karim.tasks[0].label, "Ouest Power");
    assert!(team.people[2].roles.is_empty());
    assert!(team.not_safe.is_empty(), "no danger: nobody to find safe");
    assert!(team.stand_ins.is_empty());
    let _ = c.sam;
}

#[test]
fn a_role_whose_people_all_cant_come_offers_its_stand_in() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let team = c
        .store
        .check_in(id, &mark(c.karim, TeamState::CantCome), at(9, 5))
        .unwrap();
    assert_eq!(team.stand_ins.len(), 1);
    let offer = &team.stand_ins[0];
    assert_eq!(
        (
            offer.role_id,
            offer.role.as_str(),
            offer.stand_in_id,
            offer.stand_in.as_str()
        ),
        (c.calls, "Calls providers", c.lea, "Léa")
    );
    // "Opens" is held by Léa too: one of its people can still come, so no offer for it.
    assert_eq!(offer.stand_in_state, TeamState::NotCalled);
    // A stand-in who can't come either is offered no more.
    let team = c
        .store
        .check_in(id, &mark(c.lea, TeamState::CantCome), at(9, 6))
        .unwrap();
    assert!(team.stand_ins.is_empty());
    // Karim can come after all.
    c.store
        .check_in(id, &mark(c.lea, TeamState::Here), at(9, 7))
        .unwrap();
    let team = c
        .store
        .check_in(id, &mark(c.karim, TeamState::OnTheWay), at(9, 8))
        .unwrap();
    assert!(team.stand_ins.is_empty());
}

#[test]
fn a_task_handed_over_is_said_in_the_timeline_and_can_be_taken_back() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let before = timeline(&c.store, id, at(9, 10)).len();
    let call = format!("call:{}", c.ouest);
    let cash = format!("workaround:{}", c.cash);
    c.store
        .hand_off(id, &call, Some(c.karim), at(9, 5))
        .unwrap();
    // Handing it again to the same person changes nothing.
    c.store
        .hand_off(id, &call, Some(c.karim), at(9, 6))
        .unwrap();
    c.store
        .hand_off(id, "step:tell", Some(c.lea), at(9, 6))
        .unwrap();
    c.store.hand_off(id, &cash, Some(c.sam), at(9, 7)).unwrap();
    c.store.hand_off(id, &cash, Some(c.lea), at(9, 8)).unwrap();
    let team = c.store.hand_off(id, "step:tell", None, at(9, 9)).unwrap();
    // Taking back what nobody has changes nothing.
    c.store.hand_off(id, "step:tell", None, at(9, 9)).unwrap();
    assert_eq!(
        &timeline(&c.store, id, at(9, 10))[before..],
        [
            "Karim calls Ouest Power",
            "Léa takes the step: Tell customers",
            "Sam runs the workaround: Cash only",
            "Léa runs the workaround: Cash only",
            "Nobody is given it any more: Tell customers",
        ]
    );
    let tasks: Vec<(&str, &str)> = team
        .handoffs
        .iter()
        .map(|h| (h.task.as_str(), h.name.as_str()))
        .collect();
    assert_eq!(tasks, [(call.as_str(), "Karim"), (cash.as_str(), "Léa")]);
    let fr = crate::incidents::words::event_text(
        &Happened::HandedOff {
            task: call.clone(),
            label: "Ouest Power".into(),
            person: Some("Karim".into()),
        },
        Language::Fr,
    );
    assert_eq!(fr, "Karim appelle Ouest Power");
    // The glance on the home screen says who does what.
    let home = c.store.home(at(9, 10)).unwrap();
    let glance = home.outage.unwrap();
    assert_eq!(glance.handoffs.len(), 2);
    assert_eq!(glance.handoffs[0].label, "Ouest Power");
}

#[test]
fn a_task_that_names_nothing_or_a_person_not_on_the_team_is_refused() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    for task in [
        "step:lunch",
        "call:999",
        "workaround:999",
        "call:01",
        "tell",
        "",
    ] {
        assert_eq!(
            refused(c.store.hand_off(id, task, Some(c.karim), at(9, 5))),
            vec![FieldError::at("task", FieldProblem::Unknown)],
            "{task}"
        );
    }
    assert_eq!(
        refused(c.store.hand_off(id, "step:tell", Some(c.ouest), at(9, 5))),
        vec![FieldError::at("contactId", FieldProblem::Unknown)]
    );
    assert!(c.store.handoffs(id).unwrap().is_empty());
}

#[test]
fn a_danger_outage_is_not_resolved_while_someone_is_not_marked_safe() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, true);
    let row = c.store.incident(id, at(9, 2)).unwrap().services[0].id;
    // The last service confirmed back does not resolve it while people are unaccounted for.
    let incident = c.store.confirm_restored(id, row, at(9, 10)).unwrap();
    assert_eq!(incident.resolved_at, None);
    assert_eq!(
        refused(c.store.resolve_incident(id, at(9, 11))),
        vec![FieldError::at(
            "team",
            FieldProblem::NotSafe {
                names: vec!["Léa".into(), "Karim".into(), "Sam".into()]
            }
        )]
    );
    c.store
        .check_in(id, &mark(c.lea, TeamState::Safe), at(9, 12))
        .unwrap();
    // Sam can't come: not on site, so nobody has to find him safe.
    let team = c
        .store
        .check_in(id, &mark(c.sam, TeamState::CantCome), at(9, 12))
        .unwrap();
    assert_eq!(team.not_safe, ["Karim"]);
    c.store
        .check_in(id, &mark(c.karim, TeamState::Here), at(9, 13))
        .unwrap();
    assert_eq!(
        refused(c.store.resolve_incident(id, at(9, 14))),
        vec![FieldError::at(
            "team",
            FieldProblem::NotSafe {
                names: vec!["Karim".into()]
            }
        )]
    );
    assert_eq!(c.store.incident(id, at(9, 14)).unwrap().resolved_at, None);
    c.store
        .check_in(id, &mark(c.karim, TeamState::Safe), at(9, 15))
        .unwrap();
    let incident = c.store.resolve_incident(id, at(9, 16)).unwrap();
    assert_eq!(incident.resolved_at, Some(at(9, 16)));
    assert!(!incident
        .timeline
        .iter()
        .any(|e| matches!(e.happened, Happened::ResolvedNotAllSafe { .. })));
}

#[test]
fn the_owner_can_resolve_a_danger_outage_anyway_and_the_timeline_names_who_was_not_safe() {
    let mut c = cafe(Language::Fr);
    let id = outage(&mut c, true);
    let row = c.store.incident(id, at(9, 2)).unwrap().services[0].id;
    c.store.confirm_restored(id, row, at(9, 10)).unwrap();
    c.store
        .check_in(id, &mark(c.lea, TeamState::Safe), at(9, 11))
        .unwrap();
    let incident = c
        .store
        .resolve_incident_overriding(id, true, at(9, 12))
        .unwrap();
    assert_eq!(incident.resolved_at, Some(at(9, 12)));
    let texts: Vec<&str> = incident.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        &texts[texts.len() - 2..],
        [
            "Rétabli sur décision du responsable, sans que soient déclarés en sécurité : Karim, Sam",
            "Rétabli"
        ]
    );
}

#[test]
fn an_outage_without_danger_resolves_whoever_is_not_marked() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let row = c.store.incident(id, at(9, 2)).unwrap().services[0].id;
    let incident = c.store.confirm_restored(id, row, at(9, 10)).unwrap();
    assert_eq!(incident.resolved_at, Some(at(9, 10)));
}

#[test]
fn the_report_says_who_was_reached_when_and_who_did_what_only_when_there_is_some() {
    let mut c = cafe(Language::En);
    let id = outage(&mut c, false);
    let report = |store: &Store| {
        store
            .render_printout(
                &PrintOptions {
                    document: PrintDocument::IncidentReport,
                    incident_id: Some(id),
                    drill_id: None,
                    paper: Paper::A4,
                    include_sensitive: true,
                    text: None,
                    language: None,
                },
                at(10, 0),
                &|_| FixedOffset::east_opt(3600).unwrap(),
            )
            .unwrap()
            .html
    };
    let html = report(&c.store);
    assert!(
        !html.contains("Who was reached"),
        "nothing to say: no section"
    );
    c.store
        .check_in(id, &mark(c.karim, TeamState::NoAnswer), at(9, 5))
        .unwrap();
    c.store
        .check_in(
            id,
            &CheckInInput {
                arrival_at: Some(at(9, 40)),
                ..mark(c.karim, TeamState::OnTheWay)
            },
            at(9, 16),
        )
        .unwrap();
    c.store
        .hand_off(id, &format!("call:{}", c.ouest), Some(c.karim), at(9, 41))
        .unwrap();
    let html = report(&c.store);
    for text in [
        "<h2",
        ">Team<",
        "Who was reached, and when",
        "Karim · Called, no answer",
        "Karim · On the way (expected at",
        "Who did what",
        "Karim calls Ouest Power",
    ] {
        assert!(html.contains(text), "{text} in the report");
    }
    // Local times: 9:05 UTC is 10:05 in Paris.
    assert!(html.contains("10:05"));
}

#[test]
fn the_team_state_words_are_the_vocabulary_s() {
    assert_eq!(TeamState::CantCome.label(Language::En), "Can't come");
    assert_eq!(
        TeamState::NoAnswer.label(Language::Fr),
        "Appelé, pas de réponse"
    );
    assert!(TeamState::Safe.accounted_for() && TeamState::CantCome.accounted_for());
    for state in [
        TeamState::NotCalled,
        TeamState::NoAnswer,
        TeamState::OnTheWay,
        TeamState::Here,
    ] {
        assert!(!state.accounted_for(), "{state:?}");
    }
}

#[test]
fn an_outage_keeps_as_many_check_ins_as_a_plan_file_does_and_refuses_more() {
    let mut cafe = cafe(Language::En);
    let id = outage(&mut cafe, false);
    for _ in 0..crate::team::MAX_CHECK_INS {
        cafe.store
            .check_in(id, &mark(cafe.karim, TeamState::NoAnswer), at(9, 5))
            .unwrap();
    }
    let refusal = refused(
        cafe.store
            .check_in(id, &mark(cafe.karim, TeamState::Here), at(9, 6)),
    );
    assert_eq!(
        refusal,
        [FieldError::at(
            "state",
            FieldProblem::TooLarge {
                max: crate::team::MAX_CHECK_INS as u32
            }
        )]
    );
    assert_eq!(
        cafe.store.check_ins(id).unwrap().len(),
        crate::team::MAX_CHECK_INS
    );
}
