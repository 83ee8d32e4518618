#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::scenarios::{self, data};
use super::*;
use crate::business::{BusinessInput, BusinessType, Language};
use crate::contacts::{ContactDetails, ContactKind};
use crate::error::{CoreError, FieldError, FieldProblem};
use crate::incidents::{IncidentFilter, IncidentStart, NoticeInput};
use crate::reminders::{ReminderKey, ReminderKind};
use crate::store::Store;
use crate::vocabulary::{unfilled_markers, Channel, Stage};

fn at(hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, second)
        .unwrap()
}

fn t0() -> DateTime<Utc> {
    at(9, 0, 0)
}

fn business(store: &mut Store, business_type: BusinessType, language: Language) {
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type,
                language,
                country: None,
            },
            t0() - Duration::days(30),
        )
        .unwrap();
}

/// A café on its starter plan, in `language`.
fn cafe(language: Language) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    business(&mut store, BusinessType::CafeRestaurant, language);
    store
        .apply_starter_plan(
            BusinessType::CafeRestaurant,
            language,
            t0() - Duration::days(30),
        )
        .unwrap();
    store
}

fn start(store: &mut Store, scenario: Scenario, speed: DrillSpeed, now: DateTime<Utc>) -> Drill {
    store
        .start_drill(
            &DrillStart {
                scenario,
                service_id: None,
                speed,
            },
            now,
        )
        .unwrap()
}

fn refusal(result: CoreResult<impl std::fmt::Debug>) -> Vec<FieldError> {
    match result {
        Err(CoreError::Validation(errors)) => errors,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

use crate::error::CoreResult;

/// The surprises announced (fresh) at `now`, by key.
fn fired(store: &mut Store, now: DateTime<Utc>) -> Vec<String> {
    store
        .reminder_pass(now)
        .unwrap()
        .fresh
        .into_iter()
        .filter_map(|r| match r.key {
            ReminderKey::DrillInject { inject, .. } => {
                assert_eq!(r.kind, ReminderKind::DrillInject);
                Some(inject)
            }
            _ => None,
        })
        .collect()
}

fn check_words(text: &str, context: &str) {
    assert!(!text.trim().is_empty(), "{context}: empty");
    assert!(
        unfilled_markers(text).is_empty() && !text.contains('{') && !text.contains('}'),
        "{context}: a marker is left in {text:?}"
    );
}

#[test]
fn every_scenario_has_its_words_and_three_to_five_surprises_in_every_language() {
    for scenario in Scenario::ALL {
        let d = data(*scenario);
        assert!(
            (3..=5).contains(&d.injects.len()),
            "{scenario:?}: {} surprises",
            d.injects.len()
        );
        let mut minutes: Vec<u32> = d.injects.iter().map(|i| i.minute).collect();
        let sorted = {
            let mut m = minutes.clone();
            m.sort_unstable();
            m.dedup();
            m
        };
        assert_eq!(minutes, sorted, "{scenario:?}: minutes in order, once each");
        minutes.clear();
        for inject in &d.injects {
            assert!(
                (2..=3).contains(&inject.choices.len()),
                "{scenario:?} {}: 2–3 choices",
                inject.key
            );
            for language in Language::ALL {
                let shown = scenarios::inject(inject, &scenarios::Cast::default(), *language);
                assert_ne!(
                    shown.text, inject.key,
                    "{language:?} {}: no words",
                    inject.key
                );
                for choice in &shown.choices {
                    assert_ne!(
                        choice.text, choice.key,
                        "{language:?} {}: no words for {}",
                        inject.key, choice.key
                    );
                }
            }
        }
        for language in Language::ALL {
            let (title, _) =
                scenarios::title_and_situation(*scenario, &scenarios::Cast::default(), *language);
            assert_ne!(
                title,
                scenario.as_str(),
                "{language:?}: {scenario:?} has no words"
            );
        }
    }
    for (language, json) in [
        ("en", include_str!("../../drills/en.json")),
        ("fr", include_str!("../../drills/fr.json")),
    ] {
        serde_json::from_str::<scenarios::Words>(json)
            .unwrap_or_else(|e| panic!("{language}: the words do not read: {e}"));
    }
}

#[test]
fn every_scenario_renders_against_every_starter_plan_in_both_languages_with_no_marker_left() {
    for business_type in BusinessType::ALL {
        for language in Language::ALL {
            let mut store = Store::open_in_memory().unwrap();
            business(&mut store, *business_type, *language);
            store
                .apply_starter_plan(*business_type, *language, t0())
                .unwrap();
            let services: Vec<i64> = store
                .list_services()
                .unwrap()
                .iter()
                .map(|s| s.id)
                .collect();
            let context = format!("{business_type:?} {language:?}");
            for choice in store.drill_scenarios(*language).unwrap() {
                let context = format!("{context} {:?}", choice.scenario);
                check_words(&choice.title, &context);
                check_words(&choice.situation, &context);
                if let Some(id) = choice.service_id {
                    assert!(services.contains(&id), "{context}: a missing service");
                }
                if !choice.available {
                    assert!(
                        choice.scenario != Scenario::Own,
                        "{context}: own is always available"
                    );
                    continue;
                }
                let service_id = match choice.scenario {
                    Scenario::Own => services.first().copied(),
                    _ => None,
                };
                let drill = store
                    .start_drill(
                        &DrillStart {
                            scenario: choice.scenario,
                            service_id,
                            speed: DrillSpeed::Five,
                        },
                        t0(),
                    )
                    .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                check_words(&drill.title, &context);
                check_words(&drill.situation, &context);
                assert!((3..=5).contains(&drill.injects.len()), "{context}");
                for inject in &drill.injects {
                    check_words(&inject.text, &context);
                    for c in &inject.choices {
                        check_words(&c.text, &context);
                    }
                }
                let incident = store.incident(drill.incident_id, t0()).unwrap();
                assert!(incident.drill, "{context}");
                for service in &incident.services {
                    assert!(
                        service.service_id.is_some_and(|id| services.contains(&id)),
                        "{context}: a missing service"
                    );
                }
                assert!(
                    !incident.services.is_empty() || !incident.something_else.is_empty(),
                    "{context}: nothing down"
                );
                for event in &incident.timeline {
                    check_words(&event.text, &context);
                }
                store.end_drill(drill.id, t0()).unwrap();
            }
        }
    }
}

#[test]
fn a_plan_with_nothing_in_it_renders_in_plain_words_and_offers_only_what_can_run() {
    for language in Language::ALL {
        let mut store = Store::open_in_memory().unwrap();
        business(&mut store, BusinessType::Other, *language);
        for choice in store.drill_scenarios(*language).unwrap() {
            check_words(&choice.title, &format!("{language:?}"));
            check_words(&choice.situation, &format!("{language:?}"));
            assert_eq!(choice.service_id, None);
            assert_eq!(
                choice.available,
                !data(choice.scenario).needs_service,
                "{:?}",
                choice.scenario
            );
        }
        let refused = refusal(store.start_drill(
            &DrillStart {
                scenario: Scenario::InternetSaturday,
                service_id: None,
                speed: DrillSpeed::Real,
            },
            t0(),
        ));
        assert_eq!(
            refused,
            vec![FieldError::at("serviceId", FieldProblem::Required)]
        );
        let drill = start(
            &mut store,
            Scenario::SupplierNoDelivery,
            DrillSpeed::Real,
            t0(),
        );
        let incident = store.incident(drill.incident_id, t0()).unwrap();
        assert!(incident.services.is_empty());
        assert!(!incident.something_else.is_empty());
    }
}

#[test]
fn the_scenario_names_the_plans_own_service_provider_person_and_workaround() {
    let mut store = cafe(Language::En);
    let power = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Power and lighting")
        .unwrap();
    // The plan's power provider gets a real name; Karim holds a role about power.
    let utility = power.details.contact_ids[0];
    let mut details = store.contact(utility).unwrap().details;
    details.organisation = "Ouest Power".into();
    store.update_contact(utility, &details, t0()).unwrap();
    let karim = store
        .create_contact(
            &ContactDetails {
                person: "Karim".into(),
                ..ContactDetails::new(ContactKind::Staff)
            },
            t0(),
        )
        .unwrap()
        .id;
    let team = store.team(Language::En).unwrap();
    let role = team
        .roles
        .iter()
        .find(|r| r.details.service_ids.contains(&power.id))
        .unwrap();
    let mut role_details = role.details.clone();
    role_details.holder_ids = vec![karim];
    store.save_role(Some(role.id), &role_details, t0()).unwrap();
    let drill = start(&mut store, Scenario::PowerAtOpening, DrillSpeed::Real, t0());
    assert_eq!(drill.service_id, Some(power.id));
    assert!(
        drill.situation.contains("Power and lighting"),
        "{}",
        drill.situation
    );
    assert!(
        drill.situation.contains("Ouest Power"),
        "{}",
        drill.situation
    );
    let text = |key: &str| {
        drill
            .injects
            .iter()
            .find(|i| i.key == key)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(
        text("eta_longer"),
        "New from Ouest Power: the repair will take 4 hours, not 1."
    );
    assert_eq!(
        text("person_absent"),
        "Bad news: Karim cannot come in today."
    );
    let workaround = &power.workarounds[0].details.title;
    assert!(drill.situation.contains(workaround.as_str()));
}

#[test]
fn a_drill_cannot_start_during_a_real_outage_beside_another_drill_nor_on_a_service_not_in_the_plan()
{
    let mut store = cafe(Language::En);
    let service = store.list_services().unwrap()[0].id;
    let own = |service_id| DrillStart {
        scenario: Scenario::Own,
        service_id,
        speed: DrillSpeed::Real,
    };
    assert_eq!(
        refusal(store.start_drill(&own(None), t0())),
        vec![FieldError::at("serviceId", FieldProblem::Required)]
    );
    assert_eq!(
        refusal(store.start_drill(&own(Some(9999)), t0())),
        vec![FieldError::at("serviceId", FieldProblem::Unknown)]
    );
    let drill = store.start_drill(&own(Some(service)), t0()).unwrap();
    assert_eq!(
        refusal(store.start_drill(&own(Some(service)), t0())),
        vec![FieldError::at("scenario", FieldProblem::DrillOpen)]
    );
    store.end_drill(drill.id, t0()).unwrap();
    store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service],
                ..IncidentStart::default()
            },
            t0(),
        )
        .unwrap();
    assert_eq!(
        refusal(store.start_drill(&own(Some(service)), t0())),
        vec![FieldError::at("scenario", FieldProblem::OutageOpen)]
    );
    assert_eq!(store.list_drills().unwrap().len(), 1);
}

#[test]
fn surprises_come_at_their_minutes_of_drill_time_at_every_speed_once_each_across_a_restart() {
    for speed in DrillSpeed::ALL {
        let dir = tempfile::tempdir().unwrap();
        let minutes: Vec<(String, u32)> = data(Scenario::InternetSaturday)
            .injects
            .iter()
            .map(|i| (i.key.clone(), i.minute))
            .collect();
        let factor = speed.factor();
        let real = |minute: u32| Duration::seconds(i64::from(minute) * 60 / factor);
        let id = {
            let mut store = Store::open_in_dir(dir.path()).unwrap();
            business(&mut store, BusinessType::CafeRestaurant, Language::En);
            store
                .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, t0())
                .unwrap();
            let drill = start(&mut store, Scenario::InternetSaturday, *speed, t0());
            // Just before each minute nothing; at it, that one surprise, once.
            for (key, minute) in &minutes {
                let due = t0() + real(*minute);
                assert!(
                    fired(&mut store, due - Duration::seconds(1)).is_empty(),
                    "{speed:?} {key}: early"
                );
                assert_eq!(fired(&mut store, due), vec![key.clone()], "{speed:?}");
                assert!(fired(&mut store, due).is_empty(), "{speed:?} {key}: twice");
                let shown = store.drill(drill.id, due).unwrap();
                let inject = shown.injects.iter().find(|i| &i.key == key).unwrap();
                assert_eq!(inject.fired_at, Some(due), "{speed:?} {key}");
                assert_eq!(
                    i64::from(shown.clock_seconds),
                    i64::from(*minute) * 60,
                    "{speed:?}"
                );
                if *minute == minutes[1].1 {
                    break;
                }
            }
            drill.id
        };
        // Steady closed and opened again: what came does not come again; the rest do.
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        let (third, minute) = &minutes[2];
        let due = t0() + real(*minute);
        assert!(fired(&mut store, due - Duration::seconds(1)).is_empty());
        assert_eq!(fired(&mut store, due), vec![third.clone()], "{speed:?}");
        let drill = store.drill(id, due).unwrap();
        assert_eq!(
            drill
                .injects
                .iter()
                .filter(|i| i.fired_at.is_some())
                .count(),
            3
        );
        assert_eq!(drill.injects[0].fired_at, Some(t0() + real(minutes[0].1)));
        let timeline = store.incident(drill.incident_id, due).unwrap().timeline;
        assert_eq!(
            timeline
                .iter()
                .filter(|e| matches!(e.happened, crate::incidents::Happened::InjectThrown { .. }))
                .count(),
            3
        );
    }
}

#[test]
fn a_paused_drill_throws_nothing_and_its_clock_holds() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let paused = store
        .pause_drill(drill.id, t0() + Duration::minutes(1))
        .unwrap();
    assert!(paused.paused);
    assert_eq!(paused.clock_seconds, 60);
    let later = t0() + Duration::hours(2);
    assert!(fired(&mut store, later).is_empty());
    assert_eq!(store.drill(drill.id, later).unwrap().clock_seconds, 60);
    assert!(store
        .reminders(later)
        .unwrap()
        .iter()
        .all(|r| r.incident_id != Some(drill.incident_id)));
    // Resumed: the first surprise (minute 3) comes two minutes of drill time later.
    store.resume_drill(drill.id, later).unwrap();
    assert!(fired(&mut store, later + Duration::seconds(119)).is_empty());
    assert_eq!(
        fired(&mut store, later + Duration::seconds(120)),
        vec!["eta_longer".to_owned()]
    );
}

#[test]
fn a_change_of_speed_keeps_the_time_gone_and_runs_faster_from_then() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let changed = store
        .set_drill_speed(drill.id, DrillSpeed::Five, t0() + Duration::seconds(60))
        .unwrap();
    assert_eq!(changed.clock_seconds, 60);
    assert_eq!(changed.speed, DrillSpeed::Five);
    // 120 more seconds of drill time at ×5: 24 real seconds.
    assert!(fired(&mut store, t0() + Duration::seconds(83)).is_empty());
    assert_eq!(
        fired(&mut store, t0() + Duration::seconds(84)),
        vec!["eta_longer".to_owned()]
    );
    assert_eq!(
        store
            .drill(drill.id, t0() + Duration::seconds(84))
            .unwrap()
            .clock_seconds,
        180
    );
}

#[test]
fn an_answer_is_one_of_the_surprises_own_choices_once_it_has_come() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let now = t0() + Duration::minutes(1);
    assert_eq!(
        refusal(store.answer_inject(drill.id, "eta_longer", "call_again", now)),
        vec![FieldError::at("inject", FieldProblem::NotYet)]
    );
    let now = t0() + Duration::minutes(3);
    assert_eq!(
        refusal(store.answer_inject(drill.id, "nonsense", "call_again", now)),
        vec![FieldError::at("inject", FieldProblem::Unknown)]
    );
    assert_eq!(
        refusal(store.answer_inject(drill.id, "eta_longer", "stand_in", now)),
        vec![FieldError::at("answer", FieldProblem::Unknown)]
    );
    let answered = store
        .answer_inject(drill.id, "eta_longer", "call_again", now)
        .unwrap();
    let inject = &answered.injects[0];
    assert_eq!(inject.answer.as_deref(), Some("call_again"));
    assert_eq!(inject.answered_at, Some(now));
    assert_eq!(inject.fired_at, Some(now), "due and answered: it came");
    let timeline = store.incident(drill.incident_id, now).unwrap().timeline;
    assert_eq!(
        timeline.last().unwrap().text,
        "Decided: Call them again and ask for a firm time"
    );
    // Answered, it is done with: no notification comes for it.
    assert!(fired(&mut store, now).is_empty());
    store.end_drill(drill.id, now).unwrap();
    assert_eq!(
        refusal(store.answer_inject(drill.id, "data_used_up", "buy_data", now)),
        vec![FieldError::at("id", FieldProblem::Ended)]
    );
}

#[test]
fn a_number_that_did_not_work_is_kept_with_the_contacts_name() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let contact = store.list_services().unwrap()[0].details.contact_ids[0];
    assert_eq!(
        refusal(store.mark_number_bad(drill.id, Some(9999), "", t0())),
        vec![
            FieldError::at("contactId", FieldProblem::Unknown),
            FieldError::at("number", FieldProblem::Required)
        ]
    );
    let marked = store
        .mark_number_bad(drill.id, Some(contact), " 01 23 45 67 89 ", t0())
        .unwrap();
    let name = store
        .contact(contact)
        .unwrap()
        .details
        .display_name()
        .to_owned();
    assert_eq!(marked.bad_numbers.len(), 1);
    assert_eq!(marked.bad_numbers[0].name, name);
    assert_eq!(marked.bad_numbers[0].number, "01 23 45 67 89");
    assert_eq!(marked.bad_numbers[0].contact_id, Some(contact));
}

#[test]
fn a_drill_is_never_an_outage_but_the_home_screen_shows_it() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::InternetSaturday,
        DrillSpeed::Real,
        t0(),
    );
    let now = t0() + Duration::minutes(1);
    assert_eq!(store.open_incident_id().unwrap(), None);
    let home = store.home(now).unwrap();
    assert_eq!(home.outage, None);
    assert_eq!(home.drill.as_ref().map(|d| d.id), Some(drill.id));
    assert_eq!(store.open_outage().unwrap().map(|o| o.id), None);
    let real = store
        .list_incidents(&IncidentFilter::default(), now)
        .unwrap();
    assert_eq!(real.total, 0);
    let drills = store
        .list_incidents(
            &IncidentFilter {
                drills: Some(true),
                ..IncidentFilter::default()
            },
            now,
        )
        .unwrap();
    assert_eq!(drills.total, 1);
    assert!(drills.incidents[0].drill);
    // A real outage of the same service later: the drill is no earlier outage of it.
    store.end_drill(drill.id, now).unwrap();
    let internet = drill.service_id.unwrap();
    let real = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![internet],
                ..IncidentStart::default()
            },
            now + Duration::minutes(5),
        )
        .unwrap();
    assert!(!real.drill);
    assert!(
        real.recurrence.same_service.is_empty(),
        "{:?}",
        real.recurrence
    );
    assert_eq!(store.home(now).unwrap().drill, None);
}

#[test]
fn a_real_outage_started_during_a_drill_ends_the_drill_and_takes_nothing_of_it() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::InternetSaturday,
        DrillSpeed::Double,
        t0(),
    );
    let now = t0() + Duration::minutes(2);
    store
        .mark_number_bad(drill.id, None, "0800 000 000", now)
        .unwrap();
    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap()
        .id;
    let real = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                ..IncidentStart::default()
            },
            now,
        )
        .unwrap();
    let ended = store.drill(drill.id, now).unwrap();
    assert_eq!(ended.outcome, Some(DrillOutcome::StoppedForReal));
    assert_eq!(ended.ended_at, Some(now));
    assert_eq!(ended.clock_seconds, 240);
    let drill_incident = store.incident(drill.incident_id, now).unwrap();
    assert_eq!(drill_incident.resolved_at, Some(now));
    assert_eq!(store.open_drill(now).unwrap(), None);
    assert_eq!(store.open_incident_id().unwrap(), Some(real.id));
    // Nothing of the drill in the real one: one "started" event, no drill marks.
    assert_eq!(real.timeline.len(), 1);
    assert!(matches!(
        real.timeline[0].happened,
        crate::incidents::Happened::Started { .. }
    ));
    // Its surprises come no more.
    assert!(fired(&mut store, now + Duration::hours(1)).is_empty());
    // What it found is kept: the number that did not work is to be fixed in the plan.
    let actions = store.plan_actions().unwrap();
    assert_eq!(
        actions
            .iter()
            .map(|a| (a.kind.as_str(), a.drill_id))
            .collect::<Vec<_>>(),
        vec![("bad_number", Some(drill.id))]
    );
}

#[test]
fn resolving_the_drills_incident_ends_the_drill_as_resolved() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let now = t0() + Duration::minutes(10);
    let incident = store.incident(drill.incident_id, now).unwrap();
    store
        .confirm_restored(drill.incident_id, incident.services[0].id, now)
        .unwrap();
    let ended = store.drill(drill.id, now).unwrap();
    assert_eq!(ended.outcome, Some(DrillOutcome::Resolved));
    assert_eq!(ended.clock_seconds, 600);
    assert!(!ended.paused);
    // Later, its clock does not run on.
    assert_eq!(
        store
            .drill(drill.id, now + Duration::hours(1))
            .unwrap()
            .clock_seconds,
        600
    );
}

#[test]
fn a_drill_over_is_run_again_not_reopened() {
    let mut store = cafe(Language::En);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let now = t0() + Duration::minutes(10);
    store.end_drill(drill.id, now).unwrap();
    let refused = store.reopen_incident(drill.incident_id, now).unwrap_err();
    assert!(
        matches!(&refused, CoreError::Validation(fields) if fields == &[FieldError::at("id", FieldProblem::Ended)]),
        "{refused:?}"
    );
    assert!(store
        .incident(drill.incident_id, now)
        .unwrap()
        .resolved_at
        .is_some());
    assert_eq!(store.open_drill(now).unwrap(), None);
}

#[test]
fn abandoning_stops_the_clock_and_resolves_the_drills_incident() {
    let mut store = cafe(Language::En);
    let drill = start(&mut store, Scenario::PhoneLineCut, DrillSpeed::Real, t0());
    let now = t0() + Duration::minutes(4);
    let ended = store.end_drill(drill.id, now).unwrap();
    assert_eq!(ended.outcome, Some(DrillOutcome::Abandoned));
    assert_eq!(ended.clock_seconds, 240);
    let incident = store.incident(drill.incident_id, now).unwrap();
    assert_eq!(incident.resolved_at, Some(now));
    assert_eq!(
        incident.timeline.last().unwrap().text,
        format!(
            "Drill ended: {}",
            crate::vocabulary::label(Language::En, DrillOutcome::Abandoned)
        )
    );
    assert_eq!(
        refusal(store.pause_drill(drill.id, now)),
        vec![FieldError::at("id", FieldProblem::Ended)]
    );
}

#[test]
fn the_drills_own_reminders_and_notices_say_it_is_a_drill() {
    for (language, mark) in [(Language::En, "DRILL: "), (Language::Fr, "EXERCICE : ")] {
        let mut store = cafe(language);
        let drill = start(
            &mut store,
            Scenario::CardTerminalLunch,
            DrillSpeed::Real,
            t0(),
        );
        let now = t0() + Duration::hours(2);
        let reminders = store.reminders(now).unwrap();
        assert!(reminders
            .iter()
            .any(|r| r.kind == ReminderKind::CustomerUpdate));
        for reminder in reminders
            .iter()
            .filter(|r| r.incident_id == Some(drill.incident_id))
        {
            assert!(reminder.title.starts_with(mark), "{}", reminder.title);
        }
        let incident = store
            .record_notice(
                drill.incident_id,
                &NoticeInput {
                    stage: Stage::Initial,
                    channel: Channel::Email,
                    text: "Card payments are down\n\nCash only for now.".into(),
                },
                now,
            )
            .unwrap();
        assert!(incident.notices[0].text.starts_with(NOTICE_MARK));
        // A text that says it already is not marked twice.
        let again = store
            .record_notice(
                drill.incident_id,
                &NoticeInput {
                    stage: Stage::Update,
                    channel: Channel::Email,
                    text: format!("{NOTICE_MARK}: still down"),
                },
                now,
            )
            .unwrap();
        assert_eq!(again.notices[1].text, format!("{NOTICE_MARK}: still down"));
    }
}

#[test]
fn every_draft_of_a_drills_notice_starts_by_saying_it_is_a_drill() {
    let mut store = cafe(Language::Fr);
    let drill = start(
        &mut store,
        Scenario::CardTerminalLunch,
        DrillSpeed::Real,
        t0(),
    );
    let paris = chrono::FixedOffset::east_opt(3600).unwrap();
    for channel in Channel::ALL {
        let drafted = store
            .draft_notice(
                drill.incident_id,
                Stage::Initial,
                *channel,
                Language::Fr,
                t0(),
                paris,
            )
            .unwrap();
        assert!(
            drafted.draft.body.starts_with(NOTICE_MARK),
            "{channel:?}: {}",
            drafted.draft.body
        );
        if let Some(subject) = &drafted.draft.subject {
            assert!(subject.starts_with(NOTICE_MARK), "{subject}");
        }
    }
    // A real outage's drafts say nothing of drills.
    store.end_drill(drill.id, t0()).unwrap();
    let card = store.list_services().unwrap()[0].id;
    let real = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                ..IncidentStart::default()
            },
            t0(),
        )
        .unwrap();
    let drafted = store
        .draft_notice(
            real.id,
            Stage::Initial,
            Channel::Sms,
            Language::Fr,
            t0(),
            paris,
        )
        .unwrap();
    assert!(!drafted.draft.body.contains(NOTICE_MARK));
}

#[test]
fn a_real_outage_opened_again_during_a_drill_stops_the_drill_too() {
    let mut store = cafe(Language::En);
    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap()
        .id;
    let real = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                ..IncidentStart::default()
            },
            t0() - Duration::hours(2),
        )
        .unwrap();
    store
        .confirm_restored(real.id, real.services[0].id, t0() - Duration::hours(1))
        .unwrap();
    let drill = start(
        &mut store,
        Scenario::InternetSaturday,
        DrillSpeed::Five,
        t0(),
    );
    let now = t0() + Duration::minutes(3);
    store
        .mark_number_bad(drill.id, None, "0800 000 000", now)
        .unwrap();
    store.reopen_incident(real.id, now).unwrap();
    let ended = store.drill(drill.id, now).unwrap();
    assert_eq!(ended.outcome, Some(DrillOutcome::StoppedForReal));
    assert_eq!(store.open_drill(now).unwrap(), None);
    assert_eq!(store.open_incident_id().unwrap(), Some(real.id));
    assert_eq!(
        store.plan_actions().unwrap().len(),
        1,
        "the bad number is kept"
    );
    assert!(fired(&mut store, now + Duration::hours(1)).is_empty());
}
