use chrono::NaiveDate;

use super::BAD_NUMBER;
use crate::business::Language;
use crate::contacts::Phone;
use crate::drills::score::tests::{at, scripted_run};
use crate::error::{CoreError, FieldProblem};
use crate::store::Store;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

#[test]
fn each_finding_becomes_an_action_with_an_owner_and_a_due_date() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, contact) = scripted_run(&mut store, Language::En);
    // Written when the outage mode resolved the drill; once only.
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let actions = store.plan_actions().unwrap();
    let kinds: Vec<&str> = actions.iter().map(|a| a.kind.as_str()).collect();
    // The bad number, then the objectives rated major or not performed, in the scorecard's
    // order (the steps' major challenges included).
    assert_eq!(kinds, [BAD_NUMBER, "workaround", "steps", "surprises"]);
    let number = &actions[0];
    assert_eq!(number.contact_id, Some(contact));
    assert_eq!(
        number.text,
        "Ouest Power's number 02 99 12 34 56 did not work: check it and save the right one."
    );
    assert!(
        actions.iter().all(|a| a.due_on == Some(day(19))),
        "two weeks on"
    );
    assert!(actions
        .iter()
        .all(|a| a.drill_id == Some(drill) && a.done_at.is_none()));
    // Written once.
    store.record_drill_actions(drill, at(10, 0)).unwrap();
    assert_eq!(store.plan_actions().unwrap().len(), 4);
}

#[test]
fn the_owner_is_the_holder_of_the_role_responsible_else_the_owner() {
    use crate::contacts::{ContactDetails, ContactKind};
    use crate::team::{RoleDetails, RoleKind, TeamSettings};
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    let karim = store
        .create_contact(
            &ContactDetails {
                person: "Karim".into(),
                ..ContactDetails::new(ContactKind::Staff)
            },
            at(9, 0),
        )
        .unwrap()
        .id;
    store
        .save_role(
            None,
            &RoleDetails {
                kind: RoleKind::RunsWorkaround,
                name: String::new(),
                duties: Vec::new(),
                holder_ids: vec![karim],
                stand_in_id: None,
                contact_ids: Vec::new(),
                service_ids: Vec::new(),
            },
            at(9, 0),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Claire".into(),
                owner_phone: String::new(),
                deputy_id: None,
            },
            at(9, 0),
        )
        .unwrap();
    // Recorded when the drill was resolved, before the team was set: written again now.
    store.conn.execute("DELETE FROM plan_actions", []).unwrap();
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let owners: Vec<(String, String)> = store
        .plan_actions()
        .unwrap()
        .into_iter()
        .map(|a| (a.kind, a.owner))
        .collect();
    assert!(owners.contains(&("workaround".into(), "Karim".into())));
    assert!(owners.contains(&("steps".into(), "Claire".into())));
    assert!(
        owners.contains(&(BAD_NUMBER.into(), "Claire".into())),
        "nobody calls providers"
    );
}

#[test]
fn an_action_is_given_to_someone_by_a_day_to_come() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let id = store.plan_actions().unwrap()[1].id;
    let saved = store
        .save_plan_action(id, "  Karim ", Some(day(10)), at(10, 0))
        .unwrap();
    assert_eq!(
        (saved.owner.as_str(), saved.due_on),
        ("Karim", Some(day(10)))
    );
    // Today is fine; yesterday and a name over a line are refused next to their fields.
    store
        .save_plan_action(id, "Karim", Some(day(5)), at(10, 0))
        .unwrap();
    let err = store
        .save_plan_action(id, &"x".repeat(300), Some(day(4)), at(10, 0))
        .unwrap_err();
    let CoreError::Validation(fields) = err else {
        panic!("refused: {err:?}")
    };
    let named: Vec<(&str, &FieldProblem)> = fields
        .iter()
        .map(|f| (f.field.as_str(), &f.problem))
        .collect();
    assert_eq!(named[0].0, "owner");
    assert_eq!(named[1], ("dueOn", &FieldProblem::NotAhead));
    assert_eq!(
        store.plan_action(id).unwrap().due_on,
        Some(day(5)),
        "nothing saved"
    );
    assert!(matches!(
        store.save_plan_action(999, "", None, at(10, 0)),
        Err(CoreError::NotFound(_))
    ));
}

#[test]
fn an_action_is_done_once_the_owner_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let id = store.plan_actions().unwrap()[1].id;
    let done = store.complete_plan_action(id, at(11, 0)).unwrap();
    assert_eq!(done.done_at, Some(at(11, 0)));
    let again = store.complete_plan_action(id, at(12, 0)).unwrap();
    assert_eq!(again.done_at, Some(at(11, 0)), "done once");
    assert_eq!(
        store.plan_actions().unwrap().last().map(|a| a.id),
        Some(id),
        "done ones last"
    );
}

#[test]
fn a_bad_number_is_fixed_when_the_contact_no_longer_has_it() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, contact) = scripted_run(&mut store, Language::En);
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let open = |store: &Store| {
        store
            .plan_actions()
            .unwrap()
            .into_iter()
            .filter(|a| a.kind == BAD_NUMBER && a.done_at.is_none())
            .count()
    };
    let mut details = store.contact(contact).unwrap().details;
    // Saved with the same number written otherwise: still the same number.
    details.phones[0].number = "0299123456".into();
    details.notes = "Ask for the night team".into();
    store.update_contact(contact, &details, at(10, 0)).unwrap();
    assert_eq!(open(&store), 1);
    details.phones = vec![Phone {
        label: String::new(),
        number: "02 99 65 43 21".into(),
    }];
    store.update_contact(contact, &details, at(10, 5)).unwrap();
    assert_eq!(open(&store), 0);
    let fixed = store.plan_actions().unwrap();
    let fixed = fixed.iter().find(|a| a.kind == BAD_NUMBER).unwrap();
    assert_eq!(fixed.done_at, Some(at(10, 5)));
}

#[test]
fn open_actions_are_what_is_missing_first_until_done() {
    use crate::plan::health::Finding;
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, contact) = scripted_run(&mut store, Language::En);
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let findings = store.plan_overview(at(10, 0)).unwrap().findings;
    let first = findings.first().unwrap();
    assert_eq!(
        first,
        &Finding::DrillAction {
            action_id: store.plan_actions().unwrap()[0].id,
            drill_started_at: Some(at(9, 0)),
            text:
                "Ouest Power's number 02 99 12 34 56 did not work: check it and save the right one."
                    .into(),
            owner: String::new(),
            due_on: Some(day(19)),
            contact_id: Some(contact),
        }
    );
    let drill_findings = |store: &Store| {
        store
            .plan_overview(at(10, 0))
            .unwrap()
            .findings
            .into_iter()
            .filter(|f| matches!(f, Finding::DrillAction { .. }))
            .count()
    };
    assert_eq!(drill_findings(&store), 4);
    let mut details = store.contact(contact).unwrap().details;
    details.phones[0].number = "02 99 00 00 00".into();
    store.update_contact(contact, &details, at(10, 5)).unwrap();
    assert_eq!(drill_findings(&store), 3, "the number edited: gone");
    for action in store.plan_actions().unwrap() {
        store.complete_plan_action(action.id, at(10, 6)).unwrap();
    }
    assert_eq!(drill_findings(&store), 0);
}

#[test]
fn an_action_past_its_due_date_is_reminded_once_on_a_calm_day() {
    use crate::reminders::ReminderKind;
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    store.record_drill_actions(drill, at(9, 41)).unwrap();
    let id = store.plan_actions().unwrap()[1].id;
    store
        .save_plan_action(id, "Karim", Some(day(10)), at(10, 0))
        .unwrap();
    let drill_reminders = |store: &mut Store, now| {
        store
            .take_unannounced(now)
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == ReminderKind::DrillAction)
            .map(|r| (r.key.to_string(), r.body))
            .collect::<Vec<_>>()
    };
    let on_the_day = chrono::NaiveDate::from_ymd_opt(2026, 12, 10)
        .unwrap()
        .and_hms_opt(23, 59, 0)
        .unwrap()
        .and_utc();
    assert_eq!(
        drill_reminders(&mut store, on_the_day),
        [],
        "not before it is past"
    );
    let after = on_the_day + chrono::Duration::minutes(2);
    let fired = drill_reminders(&mut store, after);
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].0, format!("drill_action:{id}"));
    assert_eq!(fired[0].1, store.plan_action(id).unwrap().text);
    assert_eq!(drill_reminders(&mut store, after), [], "once");
    // Done: no more reminder.
    store.complete_plan_action(id, after).unwrap();
    assert!(store
        .reminders(after)
        .unwrap()
        .iter()
        .all(|r| r.key.to_string() != format!("drill_action:{id}")));
}

/// The run through the drill engine itself: a café on its starter plan runs
/// "internet down on a Saturday" at ×5, answers the first surprise, finds the internet
/// provider's number does not work, and resolves; the scorecard rates it, the number is in
/// "What is missing" until it is edited.
#[test]
fn a_drill_run_through_the_engine_feeds_the_plan() {
    use crate::business::BusinessType;
    use crate::contacts::{ContactFilter, ContactKind};
    use crate::drills::score::Objective;
    use crate::drills::{DrillSpeed, DrillStart, Rating, Scenario};
    use crate::incidents::{AssessInput, NoticeInput};
    use crate::plan::health::Finding;
    use crate::vocabulary::{Channel, Stage};
    use chrono::Duration;

    let mut store = Store::open_in_memory().unwrap();
    let t0 = at(9, 0);
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), t0)
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, t0)
        .unwrap();
    let provider = store
        .list_contacts(&ContactFilter {
            query: String::new(),
            kind: Some(ContactKind::InternetProvider),
        })
        .unwrap()[0]
        .clone();
    let mut fixed = provider.details.clone();
    fixed.phones = vec![Phone {
        label: String::new(),
        number: "02 99 11 22 33".into(),
    }];
    store.update_contact(provider.id, &fixed, t0).unwrap();
    let drill = store
        .start_drill(
            &DrillStart {
                scenario: Scenario::InternetSaturday,
                service_id: None,
                speed: DrillSpeed::Five,
            },
            t0,
        )
        .unwrap();
    let real = |minutes: i64| t0 + Duration::minutes(minutes);
    // One real minute is five of the drill's: the first surprise (minute 3) comes.
    store.reminder_pass(real(1)).unwrap();
    let first = &store.drill(drill.id, real(1)).unwrap().injects[0];
    assert!(first.fired_at.is_some());
    let choice = first.choices[0].key.clone();
    store
        .answer_inject(drill.id, &first.key, &choice, real(1))
        .unwrap();
    store
        .assess_incident(drill.incident_id, &AssessInput::default(), real(2))
        .unwrap();
    store
        .mark_number_bad(drill.id, Some(provider.id), "02 99 11 22 33", real(2))
        .unwrap();
    // The second surprise (minute 8) comes at 10 drill minutes and is left unanswered.
    store.reminder_pass(real(2)).unwrap();
    let text = format!("{} We are cash only for now.", crate::drills::NOTICE_MARK);
    store
        .record_notice(
            drill.incident_id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text,
            },
            real(3),
        )
        .unwrap();
    let incident = store.incident(drill.incident_id, real(4)).unwrap();
    for service in &incident.services {
        store
            .confirm_restored(drill.incident_id, service.id, real(4))
            .unwrap();
    }
    store.resolve_incident(drill.incident_id, real(4)).ok();

    let card = store
        .drill_scorecard(drill.id, Language::En, real(10))
        .unwrap();
    assert_eq!(card.outcome, Some(crate::drills::DrillOutcome::Resolved));
    let rating = |objective| {
        card.objectives
            .iter()
            .find(|o| o.objective == objective)
            .map(|o| (o.rating, o.took_minutes))
            .unwrap()
    };
    assert_eq!(rating(Objective::Assess), (Rating::Performed, Some(10)));
    assert_eq!(rating(Objective::Numbers).0, Rating::SomeChallenges);
    // Two surprises came, one answered.
    assert_eq!(rating(Objective::Surprises).0, Rating::SomeChallenges);
    assert_eq!(rating(Objective::Workaround), (Rating::NotPerformed, None));

    // Written when the outage mode resolved the drill: the number, then what went badly.
    let actions = store.plan_actions().unwrap();
    assert_eq!(actions[0].kind, BAD_NUMBER);
    assert!(actions.iter().any(|a| a.kind == "workaround"));
    let number_missing = |store: &Store| {
        store
            .plan_overview(real(10))
            .unwrap()
            .findings
            .iter()
            .any(|f| matches!(f, Finding::DrillAction { contact_id: Some(id), .. } if *id == provider.id))
    };
    assert!(number_missing(&store));
    fixed.phones[0].number = "02 99 44 55 66".into();
    store.update_contact(provider.id, &fixed, real(11)).unwrap();
    assert!(!number_missing(&store), "gone once the number is edited");
}

/// The kind of each action the plan has, in the order it lists them.
fn action_kinds(store: &Store) -> Vec<String> {
    store
        .plan_actions()
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect()
}

/// A café on its starter plan running an Internet drill since 09:00, a number found not to
/// work at 09:05.
fn drill_with_a_bad_number() -> (Store, crate::drills::Drill) {
    use crate::business::BusinessType;
    use crate::drills::{DrillSpeed, DrillStart, Scenario};
    let mut store = Store::open_in_memory().unwrap();
    let t0 = at(9, 0);
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), t0)
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, t0)
        .unwrap();
    let drill = store
        .start_drill(
            &DrillStart {
                scenario: Scenario::InternetSaturday,
                service_id: None,
                speed: DrillSpeed::Real,
            },
            t0,
        )
        .unwrap();
    store
        .mark_number_bad(drill.id, None, "01 23 45 67 89", at(9, 5))
        .unwrap();
    (store, drill)
}

#[test]
fn an_abandoned_drill_leaves_only_its_numbers_to_fix() {
    let (mut store, drill) = drill_with_a_bad_number();
    store.end_drill(drill.id, at(9, 10)).unwrap();
    assert_eq!(action_kinds(&store), [BAD_NUMBER]);
}

/// Every write that ends or stops a drill writes what it found in its own transaction: when
/// the findings cannot be written (a full disk), the drill is not ended either, and once they
/// can, it ends with them.
#[test]
fn a_drill_ends_with_its_findings_or_not_at_all() {
    use crate::incidents::IncidentStart;
    for how in ["abandoned", "resolved", "stopped by a real outage"] {
        let (mut store, drill) = drill_with_a_bad_number();
        let end = |store: &mut Store| -> Result<(), CoreError> {
            let now = at(9, 10);
            match how {
                "abandoned" => store.end_drill(drill.id, now).map(drop),
                "resolved" => {
                    let incident = store.incident(drill.incident_id, now)?;
                    store
                        .confirm_restored(drill.incident_id, incident.services[0].id, now)
                        .map(drop)
                }
                _ => {
                    let other = store.list_services()?[1].id;
                    let start = IncidentStart {
                        service_ids: vec![other],
                        something_else: String::new(),
                        started_at: None,
                    };
                    store.start_incident(&start, now).map(drop)
                }
            }
        };
        store
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER full BEFORE INSERT ON plan_actions
                 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
            )
            .unwrap();
        assert!(end(&mut store).is_err(), "{how}: the findings were refused");
        let drill_now = store.drill(drill.id, at(9, 10)).unwrap();
        assert_eq!(drill_now.outcome, None, "{how}: the drill runs on");
        assert!(store.plan_actions().unwrap().is_empty(), "{how}");
        let outages: i64 = store
            .conn
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            outages, 1,
            "{how}: the drill's own, no real one half started"
        );

        store.conn.execute_batch("DROP TRIGGER full").unwrap();
        end(&mut store).unwrap();
        assert!(
            store.drill(drill.id, at(9, 10)).unwrap().outcome.is_some(),
            "{how}"
        );
        let kinds = action_kinds(&store);
        // The number that did not work first (a resolved drill adds its objectives' ratings).
        assert_eq!(kinds.first().map(String::as_str), Some(BAD_NUMBER), "{how}");
    }
}
