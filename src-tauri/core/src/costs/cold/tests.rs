#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::*;
use crate::error::FieldError;
use crate::incidents::{AssessInput, IncidentStart};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::reminders::{ReminderKey, ReminderKind, ReminderSettings};
use crate::vocabulary::Cause;

/// Saturday 28 November 2026 at `hour:minute` in Paris.
fn sat(hour: u32, minute: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 28, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn service(store: &mut Store, name: &str) -> i64 {
    store
        .create_service(
            &ServiceDetails {
                name: name.into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 60,
                customers_affected: None,
                customers_per: CustomersPer::Day,
                no_workaround: false,
                notes: String::new(),
                contact_ids: vec![],
            },
            sat(7, 0),
        )
        .unwrap()
        .id
}

/// A French café with power and internet, no customer-update reminders (only the cold
/// chain's are looked at), and no fridge yet.
fn cafe(store: &mut Store) -> (i64, i64) {
    store
        .save_business(
            &crate::testing::corner_cafe(Language::Fr, Some(crate::business::Country::France)),
            sat(7, 0),
        )
        .unwrap();
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: None,
            major_every: None,
            minor_every: None,
        })
        .unwrap();
    (service(store, "Électricité"), service(store, "Internet"))
}

fn input(name: &str, kind: ColdKind, minutes: Option<i64>, service: Option<i64>) -> ColdStoreInput {
    ColdStoreInput {
        name: name.into(),
        kind,
        safe_minutes: minutes,
        service_id: service,
    }
}

fn add(store: &mut Store, input: &ColdStoreInput) -> i64 {
    store
        .save_cold_store(None, input, sat(7, 0))
        .unwrap()
        .stores
        .last()
        .unwrap()
        .id
}

fn start(store: &mut Store, services: Vec<i64>, at: DateTime<Utc>) -> i64 {
    store
        .start_incident(
            &IncidentStart {
                service_ids: services,
                something_else: String::new(),
                started_at: None,
            },
            at,
        )
        .unwrap()
        .id
}

fn refused(result: CoreResult<impl std::fmt::Debug>) -> Vec<FieldError> {
    match result {
        Err(CoreError::Validation(errors)) => errors,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn reading(celsius: &str, at: Option<DateTime<Utc>>) -> ColdReadingInput {
    ColdReadingInput {
        celsius: celsius.into(),
        at,
    }
}

#[test]
fn the_guidance_gives_every_kind_its_safe_time_and_every_language_its_source() {
    assert_eq!(default_minutes(ColdKind::Fridge), 240);
    assert_eq!(default_minutes(ColdKind::FreezerFull), 2880);
    assert_eq!(default_minutes(ColdKind::FreezerHalf), 1440);
    let g = guidance();
    for kind in ColdKind::ALL {
        assert!(g.safe_minutes.contains_key(kind), "{kind:?}");
    }
    for language in Language::ALL {
        let source = source(*language);
        assert!(source.name.contains("FoodSafety.gov"), "{language:?}");
        assert!(source.url.starts_with("https://"), "{language:?}");
        assert_eq!(
            source.checked_on,
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
        );
    }
    assert!(source(Language::Fr).name.contains("réfrigérateur"));
}

#[test]
fn a_store_left_blank_takes_its_kinds_safe_time_and_the_owners_own_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo du bar", ColdKind::Fridge, None, Some(power)),
    );
    let freezer = add(
        &mut store,
        &input("Congélateur", ColdKind::FreezerHalf, Some(600), None),
    );
    let listed = store.cold_stores().unwrap();
    assert_eq!(
        listed
            .stores
            .iter()
            .map(|s| (s.id, s.name.as_str(), s.safe_minutes, s.service_id))
            .collect::<Vec<_>>(),
        vec![
            (fridge, "Frigo du bar", 240, Some(power)),
            (freezer, "Congélateur", 600, None)
        ]
    );
    assert_eq!(listed.defaults.len(), 3);
    assert_eq!(listed.source, source(Language::Fr));

    let listed = store
        .save_cold_store(
            Some(fridge),
            &input("Frigo du bar", ColdKind::FreezerFull, None, None),
            sat(8, 0),
        )
        .unwrap();
    assert_eq!(
        (listed.stores[0].kind, listed.stores[0].safe_minutes),
        (ColdKind::FreezerFull, 2880)
    );
    let listed = store.move_cold_store(freezer, 0, sat(8, 0)).unwrap();
    assert_eq!(listed.stores[0].id, freezer);
    let listed = store.delete_cold_store(freezer).unwrap();
    assert_eq!(listed.stores.len(), 1);
    assert!(matches!(
        store.delete_cold_store(freezer),
        Err(CoreError::NotFound(_))
    ));
}

#[test]
fn a_store_without_a_name_or_with_an_absurd_safe_time_is_refused_next_to_the_field() {
    let mut store = Store::open_in_memory().unwrap();
    cafe(&mut store);
    use ColdStoreField as F;
    let errors = refused(store.save_cold_store(
        None,
        &input("  ", ColdKind::Fridge, Some(0), Some(999)),
        sat(8, 0),
    ));
    assert_eq!(
        errors,
        vec![
            FieldError::new(F::Name, FieldProblem::Required),
            FieldError::new(F::SafeMinutes, FieldProblem::NotPositive),
            FieldError::new(F::ServiceId, FieldProblem::Unknown),
        ]
    );
    let errors = refused(store.save_cold_store(
        None,
        &input("Frigo", ColdKind::Fridge, Some(20_161), None),
        sat(8, 0),
    ));
    assert_eq!(
        errors,
        vec![FieldError::new(
            F::SafeMinutes,
            FieldProblem::TooLarge { max: 20_160 }
        )]
    );
    assert!(store
        .save_cold_store(
            None,
            &input("Frigo", ColdKind::Fridge, Some(20_160), None),
            sat(8, 0)
        )
        .is_ok());
    assert_eq!(store.cold_stores().unwrap().stores.len(), 1);
}

#[test]
fn a_fridge_on_the_power_runs_from_the_outage_until_the_power_is_back() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, internet) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo du bar", ColdKind::Fridge, Some(35), Some(power)),
    );
    let dishwasher = service(&mut store, "Lave-vaisselle");
    add(
        &mut store,
        &input("Vitrine", ColdKind::Fridge, None, Some(dishwasher)),
    );
    add(&mut store, &input("Cave", ColdKind::Fridge, None, None));
    // The internet is down too, and stays down: the outage goes on after the power is back.
    let incident = start(&mut store, vec![power, internet], sat(10, 0));

    let clocks = store.cold_clocks(incident, sat(10, 4)).unwrap();
    // The dishwasher's fridge is not stopped by this outage, and the one with no service
    // waits for the cause to be power.
    assert_eq!(clocks.len(), 1);
    let clock = &clocks[0];
    assert_eq!(
        (
            clock.store_id,
            clock.started_at,
            clock.limit_at,
            clock.stopped_at
        ),
        (fridge, sat(10, 0), sat(10, 35), None)
    );
    assert_eq!((clock.minutes_left, clock.state), (31, ColdState::Ok));
    let at = |now| {
        let c = &store.cold_clocks(incident, now).unwrap()[0];
        (c.minutes_left, c.state)
    };
    assert_eq!(at(sat(10, 5)), (30, ColdState::Warning));
    assert_eq!(at(sat(10, 34)), (1, ColdState::Warning));
    assert_eq!(at(sat(10, 35)), (0, ColdState::Past));
    assert_eq!(at(sat(10, 50)), (-15, ColdState::Past));

    let down = store
        .incident(incident, sat(10, 50))
        .unwrap()
        .services
        .iter()
        .find(|s| s.service_id == Some(power))
        .unwrap()
        .id;
    store.confirm_restored(incident, down, sat(10, 50)).unwrap();
    // Stopped where the power came back: past the limit by 15 minutes, for good.
    let clock = &store.cold_clocks(incident, sat(12, 0)).unwrap()[0];
    assert_eq!(
        (clock.stopped_at, clock.minutes_left, clock.state),
        (Some(sat(10, 50)), -15, ColdState::Stopped)
    );
}

#[test]
fn a_store_with_no_service_runs_when_the_outage_is_a_power_cut_until_it_is_resolved() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    let cellar = add(
        &mut store,
        &input("Cave", ColdKind::FreezerFull, None, None),
    );
    let incident = start(&mut store, vec![power], sat(10, 0));
    assert!(store.cold_clocks(incident, sat(10, 1)).unwrap().is_empty());
    store
        .assess_incident(
            incident,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Power,
                danger: false,
                customers_affected: None,
                expected_minutes: None,
            },
            sat(10, 2),
        )
        .unwrap();
    let clock = &store.cold_clocks(incident, sat(10, 2)).unwrap()[0];
    assert_eq!(
        (clock.store_id, clock.limit_at, clock.state),
        (cellar, sat(10, 0) + Duration::minutes(2880), ColdState::Ok)
    );
    let down = store.incident(incident, sat(10, 55)).unwrap().services[0].id;
    store.confirm_restored(incident, down, sat(10, 55)).unwrap();
    store.resolve_incident(incident, sat(10, 55)).unwrap();
    let clock = &store.cold_clocks(incident, sat(13, 0)).unwrap()[0];
    assert_eq!(
        (clock.stopped_at, clock.minutes_left, clock.state),
        (Some(sat(10, 55)), 2825, ColdState::Stopped)
    );
}

#[test]
fn a_clock_reads_the_same_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (incident, before) = {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        let (power, _) = cafe(&mut store);
        let fridge = add(
            &mut store,
            &input("Frigo", ColdKind::Fridge, None, Some(power)),
        );
        let incident = start(&mut store, vec![power], sat(10, 0));
        store
            .add_cold_reading(incident, fridge, &reading("5,5", None), sat(11, 0))
            .unwrap();
        (incident, store.cold_clocks(incident, sat(12, 0)).unwrap())
    };
    let store = Store::open_in_dir(dir.path()).unwrap();
    let after = store.cold_clocks(incident, sat(12, 0)).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        (after[0].minutes_left, after[0].state),
        (120, ColdState::Ok)
    );
    assert_eq!(after[0].readings[0].text, "5,5 °C");
}

#[test]
fn a_reading_is_logged_in_tenths_and_on_the_timeline() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo du bar", ColdKind::Fridge, None, Some(power)),
    );
    let incident = start(&mut store, vec![power], sat(10, 0));
    store
        .add_cold_reading(
            incident,
            fridge,
            &reading("6,5", Some(sat(10, 30))),
            sat(10, 40),
        )
        .unwrap();
    let clocks = store
        .add_cold_reading(incident, fridge, &reading("-18", None), sat(10, 45))
        .unwrap();
    assert_eq!(
        clocks[0]
            .readings
            .iter()
            .map(|r| (r.at, r.tenths, r.text.as_str()))
            .collect::<Vec<_>>(),
        vec![(sat(10, 30), 65, "6,5 °C"), (sat(10, 45), -180, "-18 °C")]
    );
    let timeline = store.incident(incident, sat(10, 50)).unwrap().timeline;
    let read: Vec<&Happened> = timeline
        .iter()
        .map(|e| &e.happened)
        .filter(|h| matches!(h, Happened::TemperatureRead { .. }))
        .collect();
    assert_eq!(
        read,
        vec![
            &Happened::TemperatureRead {
                store: "Frigo du bar".into(),
                reading: "6,5 °C".into()
            },
            &Happened::TemperatureRead {
                store: "Frigo du bar".into(),
                reading: "-18 °C".into()
            }
        ]
    );
}

#[test]
fn a_reading_in_the_future_before_the_outage_or_unreadable_is_refused() {
    use ColdReadingField as F;
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo", ColdKind::Fridge, None, Some(power)),
    );
    let incident = start(&mut store, vec![power], sat(10, 0));
    let now = sat(11, 0);
    for (celsius, at, field, problem) in [
        ("4", Some(sat(11, 5)), F::At, FieldProblem::OutsideOutage),
        ("4", Some(sat(9, 59)), F::At, FieldProblem::OutsideOutage),
        ("", None, F::Celsius, FieldProblem::Required),
        ("chaud", None, F::Celsius, FieldProblem::NotATemperature),
        ("60,1", None, F::Celsius, FieldProblem::NotATemperature),
        ("-61", None, F::Celsius, FieldProblem::NotATemperature),
        ("4,55", None, F::Celsius, FieldProblem::NotATemperature),
        ("4.5.1", None, F::Celsius, FieldProblem::NotATemperature),
    ] {
        assert_eq!(
            refused(store.add_cold_reading(incident, fridge, &reading(celsius, at), now)),
            vec![FieldError::new(field, problem)],
            "{celsius:?} at {at:?}"
        );
    }
    assert!(store.cold_clocks(incident, now).unwrap()[0]
        .readings
        .is_empty());
    assert_eq!(parse_celsius("6.5"), Some(65));
    assert_eq!(parse_celsius(" -0,5 °C"), Some(-5));
    assert_eq!(parse_celsius("−18"), Some(-180));
    assert_eq!(parse_celsius("+4"), Some(40));
    assert_eq!(parse_celsius("60"), Some(600));
    assert_eq!(parse_celsius("-60"), Some(-600));
    assert_eq!(parse_celsius("-"), None);
    assert_eq!(format_celsius(65, Language::En), "6.5 °C");
    assert_eq!(format_celsius(-5, Language::Fr), "-0,5 °C");
}

#[test]
fn a_drill_has_no_clocks_and_takes_no_readings() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo", ColdKind::Fridge, Some(20), Some(power)),
    );
    let incident = start(&mut store, vec![power], sat(10, 0));
    store
        .conn
        .execute("UPDATE incidents SET drill = 1 WHERE id = ?1", [incident])
        .unwrap();
    assert!(store.cold_clocks(incident, sat(10, 10)).unwrap().is_empty());
    assert_eq!(
        refused(store.add_cold_reading(incident, fridge, &reading("4", None), sat(10, 10))),
        vec![FieldError::new(
            ColdReadingField::Celsius,
            FieldProblem::NotForDrills
        )]
    );
    assert!(store
        .reminders(sat(10, 10))
        .unwrap()
        .iter()
        .all(|r| r.kind != ReminderKind::ColdChain));
}

#[test]
fn the_warning_comes_once_half_an_hour_before_the_limit_and_not_after_the_power_is_back() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, internet) = cafe(&mut store);
    let fridge = add(
        &mut store,
        &input("Frigo du bar", ColdKind::Fridge, Some(90), Some(power)),
    );
    let short = add(
        &mut store,
        &input("Vitrine", ColdKind::Fridge, Some(10), Some(power)),
    );
    let dishwasher = service(&mut store, "Lave-vaisselle");
    add(
        &mut store,
        &input("Glacière", ColdKind::Fridge, Some(10), Some(dishwasher)),
    );
    // The internet is down too and stays down: the outage goes on after the power is back.
    let incident = start(&mut store, vec![power, internet], sat(10, 0));
    let cold = |store: &Store, now| -> Vec<(ReminderKey, DateTime<Utc>)> {
        store
            .reminders(now)
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == ReminderKind::ColdChain)
            .map(|r| (r.key, r.due_at))
            .collect()
    };
    // The short one is due at once; the fridge 30 minutes before its 90.
    assert_eq!(
        cold(&store, sat(10, 0)),
        vec![
            (
                ReminderKey::ColdChain {
                    incident,
                    store: short
                },
                sat(10, 0)
            ),
            (
                ReminderKey::ColdChain {
                    incident,
                    store: fridge
                },
                sat(11, 0)
            ),
        ]
    );
    let pass = store.reminder_pass(sat(10, 1)).unwrap();
    assert_eq!(pass.fresh.len(), 1);
    assert_eq!(pass.next, Some(sat(11, 0)));
    let pass = store.reminder_pass(sat(11, 0)).unwrap();
    let fresh: Vec<_> = pass
        .fresh
        .iter()
        .map(|r| (r.key.clone(), r.title.as_str(), r.incident_id))
        .collect();
    assert_eq!(
        fresh,
        vec![(
            ReminderKey::ColdChain {
                incident,
                store: fridge
            },
            "Frigo du bar : encore 30 minutes de froid sûr",
            Some(incident)
        )]
    );
    assert!(pass.fresh[0].body.contains("porte fermée"));
    // Once: the next passes hand out nothing more.
    assert!(store.reminder_pass(sat(11, 1)).unwrap().fresh.is_empty());
    assert!(store.reminder_pass(sat(11, 40)).unwrap().fresh.is_empty());

    // Power back: the clocks stop, and so do their reminders.
    let down = store
        .incident(incident, sat(11, 40))
        .unwrap()
        .services
        .iter()
        .find(|s| s.service_id == Some(power))
        .unwrap()
        .id;
    store.confirm_restored(incident, down, sat(11, 40)).unwrap();
    assert!(store
        .incident(incident, sat(11, 41))
        .unwrap()
        .resolved_at
        .is_none());
    assert!(cold(&store, sat(11, 41)).is_empty());
}

#[test]
fn a_warning_that_comes_late_says_the_limit_is_past() {
    let mut store = Store::open_in_memory().unwrap();
    let (power, _) = cafe(&mut store);
    add(
        &mut store,
        &input("Frigo", ColdKind::Fridge, Some(35), Some(power)),
    );
    start(&mut store, vec![power], sat(10, 0));
    let pass = store.reminder_pass(sat(10, 50)).unwrap();
    assert_eq!(pass.fresh.len(), 1);
    assert_eq!(pass.fresh[0].title, "Frigo : limite de froid sûr dépassée");
}
