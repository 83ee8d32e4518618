//! A scripted drill, rated by hand. The drill's rows are written here directly (see
//! `seed_drill`) until the drill engine's own start and answers are merged; the response
//! goes through the outage mode's real writes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::params;

use super::Objective;
use crate::business::Language;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::drills::{DrillSpeed, Rating, Scenario};
use crate::incidents::{AssessInput, Cause, IncidentStart, NoticeInput};
use crate::notices::{Channel, Stage};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::reminders::ReminderSettings;
use crate::store::Store;

pub(crate) fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, hour, minute, 0).unwrap()
}

/// The café's plan: Internet (down at most 60 minutes) with a workaround, Ouest Power with a
/// number, customers updated every 30 minutes at every severity. Returns (service, workaround,
/// contact).
pub(crate) fn cafe(store: &mut Store, language: Language) -> (i64, i64, i64) {
    store
        .save_business(&crate::testing::corner_cafe(language, None), at(8, 0))
        .unwrap();
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: Some(30),
            major_every: Some(30),
            minor_every: Some(30),
        })
        .unwrap();
    let contact = store
        .create_contact(
            &ContactDetails {
                organisation: "Ouest Power".into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: "02 99 12 34 56".into(),
                }],
                ..ContactDetails::new(ContactKind::PowerUtility)
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let service = store
        .create_service(
            &ServiceDetails {
                name: "Internet".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 60,
                customers_affected: Some(20),
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: String::new(),
                contact_ids: vec![contact],
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let workaround = store
        .create_workaround(
            service,
            &WorkaroundDetails {
                title: "Phone hotspot".into(),
                steps: "Turn on the hotspot".into(),
                customer_message: String::new(),
                limits: String::new(),
                contact_ids: Vec::new(),
                service_ids: Vec::new(),
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    (service, workaround, contact)
}

/// A drill's rows as the drill engine writes them: an incident marked drill (through the real
/// start), its drill at `speed`, its surprises (`answered` or not) and the numbers that did
/// not work. Stands in for the engine's `start_drill` and answers in these tests.
pub(crate) fn seed_drill(
    store: &mut Store,
    service: i64,
    speed: DrillSpeed,
    start: DateTime<Utc>,
    injects: &[(&str, bool)],
    bad_numbers: &[(Option<i64>, &str, &str)],
) -> (i64, i64) {
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service],
                something_else: String::new(),
                started_at: None,
            },
            start,
        )
        .unwrap()
        .id;
    let conn = &store.conn;
    conn.execute("UPDATE incidents SET drill = 1 WHERE id = ?1", [incident])
        .unwrap();
    // As `start_drill` writes it: the drill's own "started", with the speed it started at.
    conn.execute(
        "UPDATE incident_events SET kind = 'drill_started',
            detail = json_object('title', 'Internet down', 'what', 'Internet', 'speed', ?2)
         WHERE incident_id = ?1 AND kind = 'started'",
        params![incident, speed.as_str()],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO drills (incident_id, scenario, service_id, speed, started_at,
            running_since, updated_at)
         VALUES (?1, 'internet_saturday', ?2, ?3, ?4, ?4, ?4)",
        params![incident, service, speed.as_str(), start],
    )
    .unwrap();
    let drill = conn.last_insert_rowid();
    for (i, (key, answered)) in injects.iter().enumerate() {
        let fired = start + Duration::minutes(5 * (i as i64 + 1));
        conn.execute(
            "INSERT INTO drill_injects (drill_id, inject, fired_at, answer, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                drill,
                key,
                fired,
                answered.then_some("call_again"),
                answered.then_some(fired + Duration::minutes(1))
            ],
        )
        .unwrap();
    }
    for (contact, name, number) in bad_numbers {
        conn.execute(
            "INSERT INTO drill_bad_numbers (drill_id, contact_id, name, number, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![drill, contact, name, number, start],
        )
        .unwrap();
    }
    (drill, incident)
}

/// Ends a seeded drill as the engine does.
pub(crate) fn end_drill(store: &mut Store, drill: i64, at: DateTime<Utc>) {
    store
        .conn
        .execute(
            "UPDATE drills SET ended_at = ?2, running_since = NULL, outcome = 'resolved'
             WHERE id = ?1",
            params![drill, at],
        )
        .unwrap();
}

/// The scripted run, at ×2 from 9:00 (drill minutes are twice the real ones): assessed at
/// 9:05 (10 drill minutes), no call, a first notice naming the provider at 9:20 (40 drill
/// minutes), no workaround, resolved at 9:40, one of three surprises answered, Ouest Power's
/// number did not work.
pub(crate) fn scripted_run(store: &mut Store, language: Language) -> (i64, i64, i64) {
    let (service, _, contact) = cafe(store, language);
    let (drill, incident) = seed_drill(
        store,
        service,
        DrillSpeed::Double,
        at(9, 0),
        &[
            ("longer", true),
            ("staff_away", false),
            ("data_used_up", false),
        ],
        &[(Some(contact), "Ouest Power", "02 99 12 34 56")],
    );
    store
        .assess_incident(
            incident,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Internet,
                danger: false,
                customers_affected: None,
                expected_minutes: Some(60),
            },
            at(9, 5),
        )
        .unwrap();
    store
        .record_notice(
            incident,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Our internet is down: Ouest Power is on it. Cash only.".into(),
            },
            at(9, 20),
        )
        .unwrap();
    let restored = store.incident(incident, at(9, 40)).unwrap().services[0].id;
    store
        .confirm_restored(incident, restored, at(9, 40))
        .unwrap();
    store.resolve_incident(incident, at(9, 40)).unwrap();
    end_drill(store, drill, at(9, 40));
    (drill, incident, contact)
}

fn ratings(store: &Store, drill: i64) -> Vec<(Objective, Rating)> {
    store
        .drill_scorecard(drill, Language::En, at(12, 0))
        .unwrap()
        .objectives
        .iter()
        .map(|o| (o.objective, o.rating))
        .collect()
}

#[test]
fn a_scripted_run_gives_the_ratings_worked_out_by_hand() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    assert_eq!(
        ratings(&store, drill),
        [
            // 10 drill minutes, within 15.
            (Objective::Assess, Rating::Performed),
            // 40 drill minutes against the cadence's 30: within twice it.
            (Objective::FirstNotice, Rating::SomeChallenges),
            (Objective::Workaround, Rating::NotPerformed),
            // Call providers and Workarounds skipped.
            (Objective::Steps, Rating::MajorChallenges),
            // The provider's name kept in the notice.
            (Objective::Notices, Rating::SomeChallenges),
            (Objective::Numbers, Rating::SomeChallenges),
            // One of three answered.
            (Objective::Surprises, Rating::MajorChallenges),
        ]
    );
    let card = store
        .drill_scorecard(drill, Language::En, at(12, 0))
        .unwrap();
    assert_eq!(card.drill_minutes, 80, "40 real minutes at ×2");
    let notice = &card.objectives[1];
    assert_eq!(
        (notice.took_minutes, notice.target_minutes),
        (Some(40), Some(30))
    );
    assert_eq!(
        notice.sentence,
        "Customers were told after 40 minutes: later than the plan's 30 minutes."
    );
    assert_eq!(
        card.objectives[3].sentence,
        "2 steps were skipped: Call providers, Workarounds."
    );
    assert_eq!(card.objectives[0].fix, "", "nothing to fix when performed");
    assert!(card.objectives[5]
        .fix
        .contains("Ouest Power (02 99 12 34 56)"));
    assert_eq!(card.decisions.len(), 3);
    assert_eq!(card.previous, None);
}

#[test]
fn the_speed_scales_the_times() {
    // The same moments at ×5: assessed after 25 drill minutes (within twice 15), the notice
    // after 100 (over twice 30).
    let mut store = Store::open_in_memory().unwrap();
    let (service, workaround, _) = cafe(&mut store, Language::En);
    let (drill, incident) = seed_drill(&mut store, service, DrillSpeed::Five, at(9, 0), &[], &[]);
    store
        .assess_incident(incident, &AssessInput::default(), at(9, 5))
        .unwrap();
    store
        .record_notice(
            incident,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Cash only for now.".into(),
            },
            at(9, 20),
        )
        .unwrap();
    store
        .activate_workaround(incident, workaround, at(9, 10))
        .unwrap();
    let rated = ratings(&store, drill);
    assert_eq!(rated[0], (Objective::Assess, Rating::SomeChallenges));
    assert_eq!(rated[1], (Objective::FirstNotice, Rating::MajorChallenges));
    // 50 drill minutes against the service's 60.
    assert_eq!(rated[2], (Objective::Workaround, Rating::Performed));
    assert_eq!(rated[4], (Objective::Notices, Rating::Performed));
    // No surprise, no bad number.
    assert_eq!(rated[5], (Objective::Numbers, Rating::Performed));
    assert_eq!(rated[6], (Objective::Surprises, Rating::Performed));
    let card = store
        .drill_scorecard(drill, Language::En, at(9, 30))
        .unwrap();
    assert_eq!(
        card.objectives[6].sentence,
        "No surprise came during this drill."
    );
    assert_eq!(card.drill_minutes, 150, "still running: until now");
}

#[test]
fn without_a_cadence_the_first_notice_aims_for_an_hour() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: None,
            major_every: None,
            minor_every: None,
        })
        .unwrap();
    let card = store
        .drill_scorecard(drill, Language::En, at(12, 0))
        .unwrap();
    assert_eq!(card.objectives[1].target_minutes, Some(60));
    assert_eq!(card.objectives[1].rating, Rating::Performed);
}

#[test]
fn the_next_drill_of_the_scenario_shows_the_last_ratings_beside_its_own() {
    let mut store = Store::open_in_memory().unwrap();
    let (first, _, _) = scripted_run(&mut store, Language::En);
    let service = store.list_services().unwrap()[0].id;
    let (second, _) = seed_drill(
        &mut store,
        service,
        DrillSpeed::Real,
        at(14, 0),
        &[("longer", true)],
        &[],
    );
    let card = store
        .drill_scorecard(second, Language::En, at(14, 5))
        .unwrap();
    assert_eq!(
        card.previous.as_ref().map(|p| p.id),
        Some(first),
        "the last ended drill of the same scenario"
    );
    let side_by_side: Vec<_> = card
        .objectives
        .iter()
        .map(|o| (o.objective, o.rating, o.previous))
        .collect();
    assert_eq!(
        side_by_side[6],
        (
            Objective::Surprises,
            Rating::Performed,
            Some(Rating::MajorChallenges)
        )
    );
    assert_eq!(
        side_by_side[2],
        (
            Objective::Workaround,
            Rating::NotPerformed,
            Some(Rating::NotPerformed)
        )
    );
    // The first drill has nothing before it.
    let first_card = store
        .drill_scorecard(first, Language::En, at(14, 5))
        .unwrap();
    assert_eq!(first_card.previous, None);
    assert!(first_card.objectives.iter().all(|o| o.previous.is_none()));
}

#[test]
fn the_scorecard_speaks_french() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::Fr);
    let card = store
        .drill_scorecard(drill, Language::Fr, at(12, 0))
        .unwrap();
    assert_eq!(card.objectives[0].name, "Évaluer la panne");
    assert_eq!(
        card.objectives[1].sentence,
        "Les clients ont été prévenus après 40 minutes : plus tard que les 30 minutes du plan."
    );
}

#[test]
fn an_unknown_drill_is_not_found() {
    let store = Store::open_in_memory().unwrap();
    assert!(matches!(
        store.drill_scorecard(99, Language::En, at(9, 0)),
        Err(crate::error::CoreError::NotFound(_))
    ));
}

#[test]
fn every_language_file_reads() {
    for (language, json) in super::WORDS.files() {
        serde_json::from_str::<super::Words>(json)
            .unwrap_or_else(|e| panic!("drills/score/{}.json: {e}", language.as_str()));
    }
}

#[test]
fn scenario_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let (drill, _, _) = scripted_run(&mut store, Language::En);
    let card = store
        .drill_scorecard(drill, Language::En, at(12, 0))
        .unwrap();
    assert_eq!(card.scenario, Scenario::InternetSaturday);
    assert_eq!(card.speed, DrillSpeed::Double);
}

#[test]
fn a_pause_stops_the_drill_clock_and_a_change_of_speed_changes_its_pace() {
    // At ×5, paused from 09:01 to 09:11, then assessed at 09:13: 3 real minutes of running
    // clock, 15 drill minutes — within the 15 to assess, not the 65 the wall clock would say.
    let mut store = Store::open_in_memory().unwrap();
    let (service, _, _) = cafe(&mut store, Language::En);
    let (drill, incident) = seed_drill(&mut store, service, DrillSpeed::Five, at(9, 0), &[], &[]);
    store.pause_drill(drill, at(9, 1)).unwrap();
    store.resume_drill(drill, at(9, 11)).unwrap();
    store
        .assess_incident(incident, &AssessInput::default(), at(9, 13))
        .unwrap();
    assert_eq!(
        ratings(&store, drill)[0],
        (Objective::Assess, Rating::Performed)
    );
    // Then at real time: 10 more real minutes are 10 drill minutes.
    store
        .set_drill_speed(drill, DrillSpeed::Real, at(9, 13))
        .unwrap();
    let card = store
        .drill_scorecard(drill, Language::En, at(9, 23))
        .unwrap();
    assert_eq!(card.drill_minutes, 15 + 10);
}
