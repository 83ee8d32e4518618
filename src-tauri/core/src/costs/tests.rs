#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::*;
use crate::business::Language;
use crate::error::{CoreError, FieldError, FieldProblem};
use crate::field_paths::{CostSettingsField, ExpenseField, ServiceCostsField, SpoiledField};
use crate::incidents::IncidentStart;
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};

/// The shop is in Paris: UTC+1 in November.
fn paris(_: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

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

fn workaround(store: &mut Store, service: i64, title: &str) -> i64 {
    store
        .create_workaround(
            service,
            &WorkaroundDetails {
                title: title.into(),
                steps: String::new(),
                customer_message: String::new(),
                limits: String::new(),
                contact_ids: vec![],
                service_ids: vec![],
            },
            sat(7, 0),
        )
        .unwrap()
        .id
}

fn day(open: bool, opens: &str, closes: &str, takings: &str) -> OpeningDayInput {
    OpeningDayInput {
        open,
        opens: opens.into(),
        closes: closes.into(),
        takings: takings.into(),
    }
}

/// Open 8:00–18:00 every day but Sunday, taking 300 € an hour on Saturdays and 200 on other
/// days; staff cost 45 € an hour.
fn settings() -> CostSettingsInput {
    let mut days: Vec<OpeningDayInput> =
        (0..5).map(|_| day(true, "08:00", "18:00", "200")).collect();
    days.push(day(true, "08:00", "18:00", "300"));
    days.push(day(false, "", "", ""));
    CostSettingsInput {
        currency: Currency::Eur,
        days,
        staff_per_hour: "45".into(),
        subscribed_kva: Some(12),
        utility: "Enedis".into(),
        insurer: "Mutuelle du Commerce".into(),
        policy_number: "PC-778812".into(),
        waiting_hours: Some(12),
    }
}

fn cafe() -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::Fr, Some(crate::business::Country::France)),
            sat(7, 0),
        )
        .unwrap();
    let power = service(&mut store, "Électricité");
    let cash = workaround(&mut store, power, "Espèces seulement");
    store.save_cost_settings_at(&settings(), sat(7, 0)).unwrap();
    store
        .save_service_costs(
            power,
            &ServiceCostsInput {
                takings: vec![String::new(); 7],
                workarounds: vec![WorkaroundSalesInput {
                    workaround_id: cash,
                    kept_percent: Some(60),
                }],
            },
        )
        .unwrap();
    (store, power, cash)
}

fn start(store: &mut Store, services: Vec<i64>, at: DateTime<Utc>) -> crate::incidents::Incident {
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
}

fn refused(result: CoreResult<impl std::fmt::Debug>) -> Vec<FieldError> {
    match result {
        Err(CoreError::Validation(errors)) => errors,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_saturday_power_cut_with_cash_only_costs_what_a_hand_count_says() {
    // 10:00–15:20 (5 h 20 min), cash only from 10:30 keeping 60 %: 0.5 h at 300 € is 150 €,
    // then 4 h 50 min at 40 % of 300 € is 580 €; staff wait for half an hour (22.50 €); a
    // generator at 120 € and 2.5 kg of butter at 18.40 € the kilo (46 €).
    let (mut store, power, cash) = cafe();
    let incident = start(&mut store, vec![power], sat(10, 0));
    store
        .activate_workaround(incident.id, cash, sat(10, 30))
        .unwrap();
    let down = store.incident(incident.id, sat(10, 30)).unwrap().services[0].id;
    store
        .confirm_restored(incident.id, down, sat(15, 20))
        .unwrap();
    store
        .add_expense(
            incident.id,
            &ExpenseInput {
                what: "Location groupe électrogène".into(),
                amount: "120,00 €".into(),
                spent_on: None,
            },
            sat(15, 30),
        )
        .unwrap();
    store
        .add_spoiled(
            incident.id,
            &SpoiledInput {
                item: "Beurre".into(),
                quantity: "2,5".into(),
                unit: "kg".into(),
                unit_cost: "18,40".into(),
                thrown_at: Some(sat(15, 25)),
                why: "Au-dessus de 8 °C pendant 4 h".into(),
                cold_store_id: None,
            },
            sat(15, 30),
        )
        .unwrap();
    let loss = store.loss(incident.id, sat(16, 0), &paris).unwrap();
    let service = &loss.services[0];
    assert_eq!(service.down_minutes, 320);
    assert_eq!(service.open_minutes, 320);
    assert_eq!(service.lost, Money(73_000));
    assert_eq!(service.kept, Money(87_000));
    assert_eq!(service.segments.len(), 2);
    assert_eq!(
        (
            service.segments[0].minutes,
            service.segments[0].kept_percent,
            service.segments[0].amount
        ),
        (30, 0, Money(15_000))
    );
    assert_eq!(
        (
            service.segments[1].minutes,
            service.segments[1].kept_percent,
            service.segments[1].amount
        ),
        (290, 60, Money(58_000))
    );
    assert_eq!(loss.lost_takings, Money(73_000));
    assert_eq!(loss.counted_once, Money::ZERO);
    assert_eq!((loss.staff_minutes, loss.staff_cost), (30, Money(2_250)));
    assert_eq!(loss.expenses, Money(12_000));
    assert_eq!(loss.spoiled, Money(4_600));
    assert_eq!(loss.total, Money(91_850));
    assert!(loss.missing.is_empty(), "{:?}", loss.missing);
    assert_eq!(service.down_to, Some(sat(15, 20)));
}

#[test]
fn services_down_together_are_counted_once() {
    // Power and the internet at the business's 300 €/h, the card terminal at its own 120 €/h,
    // from 10:00: the internet back at 11:00, the power at 12:00, the terminal at 13:00.
    // 10–12: the business's 300 €/h is lost once (600 €) and the terminal's own takings are
    // within it (capped at 300 €/h); 12–13: the terminal's 120 €. 720 € in all, not 1,260.
    let (mut store, power, _) = cafe();
    let internet = service(&mut store, "Internet");
    let card = service(&mut store, "Paiement par carte");
    let mut own = vec![String::new(); 7];
    own[5] = "120".into();
    store
        .save_service_costs(
            card,
            &ServiceCostsInput {
                takings: own,
                workarounds: vec![],
            },
        )
        .unwrap();
    let incident = start(&mut store, vec![power, internet, card], sat(10, 0));
    let rows = store.incident(incident.id, sat(10, 0)).unwrap().services;
    let row = |id: i64| rows.iter().find(|s| s.service_id == Some(id)).unwrap().id;
    store
        .confirm_restored(incident.id, row(internet), sat(11, 0))
        .unwrap();
    store
        .confirm_restored(incident.id, row(power), sat(12, 0))
        .unwrap();
    store
        .confirm_restored(incident.id, row(card), sat(13, 0))
        .unwrap();
    store.resolve_incident(incident.id, sat(13, 0)).unwrap();
    let loss = store.loss(incident.id, sat(18, 0), &paris).unwrap();
    let lost = |name: &str| loss.services.iter().find(|s| s.name == name).unwrap().lost;
    assert_eq!(lost("Électricité"), Money(60_000));
    assert_eq!(lost("Internet"), Money(30_000));
    assert_eq!(lost("Paiement par carte"), Money(36_000));
    assert_eq!(loss.lost_takings, Money(72_000));
    assert_eq!(loss.counted_once, Money(54_000));
    assert!(!loss.ongoing);
    // Staff waited the whole three hours: nothing was running for any service.
    assert_eq!(loss.staff_minutes, 180);
}

#[test]
fn closed_hours_cost_nothing_and_missing_figures_are_said() {
    // Saturday 17:00 to Monday 9:00: open one hour on Saturday at 300 €/h, closed on Sunday,
    // one hour on Monday at 200 €/h.
    let (mut store, power, _) = cafe();
    let incident = start(&mut store, vec![power], sat(17, 0));
    let monday_nine = sat(9, 0) + chrono::Duration::days(2);
    let loss = store.loss(incident.id, monday_nine, &paris).unwrap();
    assert_eq!(loss.services[0].open_minutes, 120);
    assert_eq!(loss.services[0].down_minutes, 40 * 60);
    assert_eq!(loss.lost_takings, Money(50_000));
    // With a workaround running whose share is not said, and no opening hours at all.
    let mut empty = settings();
    empty.days = (0..7).map(|_| day(false, "", "", "")).collect();
    empty.staff_per_hour = String::new();
    store.save_cost_settings_at(&empty, sat(7, 0)).unwrap();
    let loss = store.loss(incident.id, monday_nine, &paris).unwrap();
    assert_eq!(loss.total, Money::ZERO);
    assert_eq!(
        loss.missing,
        vec![Missing::OpeningHours, Missing::StaffCost]
    );
}

#[test]
fn the_estimate_grows_while_the_outage_runs() {
    let (mut store, power, _) = cafe();
    let incident = start(&mut store, vec![power], sat(10, 0));
    let at_eleven = store.loss(incident.id, sat(11, 0), &paris).unwrap();
    let at_noon = store.loss(incident.id, sat(12, 0), &paris).unwrap();
    assert_eq!(at_eleven.lost_takings, Money(30_000));
    assert_eq!(at_noon.lost_takings, Money(60_000));
}

#[test]
fn bad_figures_are_refused_next_to_their_field_and_nothing_is_saved() {
    let (mut store, power, cash) = cafe();
    let before = store.cost_settings().unwrap();
    let mut input = settings();
    input.days[0].takings = "-5".into();
    input.days[1].opens = "8h".into();
    // The same time twice says nothing (an earlier one is closing after midnight).
    input.days[2].closes = "08:00".into();
    input.staff_per_hour = "20000000".into();
    input.waiting_hours = Some(-1);
    let errors = refused(store.save_cost_settings_at(&input, sat(8, 0)));
    let expect = [
        FieldError::new(CostSettingsField::Takings(0), FieldProblem::Negative),
        FieldError::new(CostSettingsField::Opens(1), FieldProblem::NotATime),
        FieldError::new(CostSettingsField::Closes(2), FieldProblem::EndsBeforeStart),
        FieldError::new(
            CostSettingsField::StaffPerHour,
            FieldProblem::TooLarge {
                max: money::AMOUNT_MAX,
            },
        ),
        FieldError::new(CostSettingsField::WaitingHours, FieldProblem::Negative),
    ];
    for e in &expect {
        assert!(errors.contains(e), "{e:?} in {errors:?}");
    }
    assert_eq!(store.cost_settings().unwrap(), before);

    let errors = refused(store.save_service_costs(
        power,
        &ServiceCostsInput {
            takings: vec![String::new(); 7],
            workarounds: vec![WorkaroundSalesInput {
                workaround_id: cash,
                kept_percent: Some(101),
            }],
        },
    ));
    assert_eq!(
        errors,
        vec![FieldError::new(
            ServiceCostsField::KeptPercent(0),
            FieldProblem::TooLarge { max: 100 }
        )]
    );

    let incident = start(&mut store, vec![power], sat(10, 0));
    let errors = refused(store.add_spoiled(
        incident.id,
        &SpoiledInput {
            item: "Lait".into(),
            quantity: String::new(),
            unit_cost: "1,20".into(),
            thrown_at: Some(sat(9, 0)),
            ..SpoiledInput::default()
        },
        sat(11, 0),
    ));
    assert!(errors.contains(&FieldError::new(
        SpoiledField::Quantity,
        FieldProblem::Required
    )));
    assert!(errors.contains(&FieldError::new(
        SpoiledField::ThrownAt,
        FieldProblem::OutsideOutage
    )));
    let errors = refused(store.add_expense(
        incident.id,
        &ExpenseInput {
            what: "Taxi".into(),
            amount: "douze".into(),
            spent_on: None,
        },
        sat(11, 0),
    ));
    assert_eq!(
        errors,
        vec![FieldError::new(
            ExpenseField::Amount,
            FieldProblem::NotAnAmount
        )]
    );
    assert_eq!(
        store.incident_costs(incident.id).unwrap(),
        IncidentCosts::default()
    );
}

#[test]
fn expenses_and_spoiled_stock_are_in_the_timeline_and_can_be_taken_off() {
    let (mut store, power, _) = cafe();
    let incident = start(&mut store, vec![power], sat(10, 0));
    let costs = store
        .add_expense(
            incident.id,
            &ExpenseInput {
                what: "Taxi pour le TPE".into(),
                amount: "1234,5".into(),
                spent_on: None,
            },
            sat(11, 0),
        )
        .unwrap();
    assert_eq!(costs.expenses[0].amount, Money(123_450));
    let record = store.incident(incident.id, sat(11, 0)).unwrap();
    let last = record.timeline.last().unwrap();
    assert_eq!(
        last.text,
        "Dépense due à la panne : Taxi pour le TPE, 1\u{202f}234,50\u{a0}€"
    );
    let costs = store
        .delete_expense(costs.expenses[0].id, sat(11, 5))
        .unwrap();
    assert!(costs.expenses.is_empty());
}

#[test]
fn a_drill_has_no_costs() {
    let (mut store, power, _) = cafe();
    let incident = start(&mut store, vec![power], sat(10, 0));
    store
        .conn
        .execute(
            "UPDATE incidents SET drill = 1 WHERE id = ?1",
            [incident.id],
        )
        .unwrap();
    let errors = refused(store.add_expense(
        incident.id,
        &ExpenseInput {
            what: "Taxi".into(),
            amount: "12".into(),
            spent_on: None,
        },
        sat(11, 0),
    ));
    assert_eq!(
        errors,
        vec![FieldError::new(
            ExpenseField::What,
            FieldProblem::NotForDrills
        )]
    );
    // And its loss is nothing, whatever the plan's figures.
    let loss = store.loss(incident.id, sat(12, 0), &paris).unwrap();
    assert_eq!((loss.total, loss.services.len()), (Money::ZERO, 0));
}

#[test]
fn lists_are_capped_before_their_items_are_looked_at_and_entries_stop_at_the_cap() {
    let (mut store, power, cash) = cafe();
    let before = store.cost_settings().unwrap();
    let errors = refused(store.save_service_costs(
        power,
        &ServiceCostsInput {
            takings: vec![String::new(); 7],
            workarounds: vec![
                WorkaroundSalesInput {
                    workaround_id: cash,
                    kept_percent: Some(50),
                };
                100_000
            ],
        },
    ));
    assert_eq!(
        errors,
        vec![FieldError::new(
            ServiceCostsField::Workarounds,
            FieldProblem::TooLarge { max: 1 }
        )]
    );
    assert_eq!(store.cost_settings().unwrap(), before);
    let incident = start(&mut store, vec![power], sat(10, 0));
    let taxi = ExpenseInput {
        what: "Taxi".into(),
        amount: "12".into(),
        spent_on: None,
    };
    for _ in 0..MAX_ENTRIES {
        store.add_expense(incident.id, &taxi, sat(11, 0)).unwrap();
    }
    let errors = refused(store.add_expense(incident.id, &taxi, sat(11, 0)));
    assert_eq!(
        errors,
        vec![FieldError::new(
            ExpenseField::What,
            FieldProblem::TooLarge {
                max: MAX_ENTRIES as u32
            }
        )]
    );
    assert_eq!(
        store.incident_costs(incident.id).unwrap().expenses.len(),
        MAX_ENTRIES
    );
}

#[test]
fn a_plan_from_before_costs_upgrades_and_its_outages_cost_what_can_be_counted() {
    use crate::store::{migrations, DATABASE_FILE};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 11).unwrap();
        conn.execute_batch(
            "INSERT INTO business (id, name, business_type, language, country, created_at,
                 updated_at)
               VALUES (1, 'Corner Café', 'cafe_restaurant', 'fr', 'ch',
                 '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
             INSERT INTO services (id, name, priority, customer_facing, max_downtime_minutes,
                 created_at, updated_at)
               VALUES (1, 'Électricité', 'essential', 1, 60,
                 '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
             INSERT INTO incidents (id, started_at, cause, resolved_at, updated_at)
               VALUES (1, '2026-11-28T09:00:00Z', 'power', '2026-11-28T12:00:00Z',
                 '2026-11-28T12:00:00Z');
             INSERT INTO incident_services (incident_id, service_id, name, priority,
                 customer_facing, max_downtime_minutes, customers_per, restored_at)
               VALUES (1, 1, 'Électricité', 'essential', 1, 60, 'day',
                 '2026-11-28T12:00:00Z');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    // Nothing set yet: the country's currency, and the loss says what it cannot count.
    let before = store.cost_settings().unwrap();
    assert_eq!((before.currency, before.updated_at), (Currency::Chf, None));
    let loss = store.loss(1, sat(18, 0), &paris).unwrap();
    assert_eq!(loss.services[0].down_minutes, 180);
    assert_eq!(loss.total, Money::ZERO);
    assert_eq!(
        loss.missing,
        vec![Missing::OpeningHours, Missing::StaffCost]
    );
    // Once the figures are set, the old outage is counted: Saturday 10:00–13:00 in Paris at
    // 300 an hour, nothing running, staff waiting three hours at 45.
    store
        .save_cost_settings_at(&settings(), sat(18, 0))
        .unwrap();
    let loss = store.loss(1, sat(18, 0), &paris).unwrap();
    assert_eq!(loss.lost_takings, Money(90_000));
    assert_eq!(loss.staff_cost, Money(13_500));
    assert!(store
        .claims(1, sat(18, 0), &paris)
        .unwrap()
        .rules
        .is_empty());
}

/// A bar open 18:00 to 02:00 on Fridays: the hours after midnight are Friday's, on Friday's
/// takings, and Sunday's night runs into Monday across the week's end.
#[test]
fn a_night_that_closes_after_midnight_counts_on_its_own_days_takings() {
    let day_ = chrono::Duration::days(1);
    let lost = |from: DateTime<Utc>, to: DateTime<Utc>| {
        let (mut store, power, _) = cafe();
        let mut input = settings();
        input.days[4] = day(true, "18:00", "02:00", "500");
        input.days[6] = day(true, "22:00", "01:00", "100");
        store.save_cost_settings_at(&input, sat(7, 0)).unwrap();
        let incident = start(&mut store, vec![power], from);
        store.loss(incident.id, to, &paris).unwrap().lost_takings
    };
    // Friday 23:00 to Saturday 01:30: two and a half hours of Friday night at 500 €.
    assert_eq!(lost(sat(23, 0) - day_, sat(1, 30)), Money(125_000));
    // Saturday 01:30 to 09:00: Friday's last half hour (250 €), closed until 08:00, then an
    // hour of Saturday at 300 €.
    assert_eq!(lost(sat(1, 30), sat(9, 0)), Money(55_000));
    // Saturday 20:00 to Sunday 02:00: Saturday closed at 18:00, and Saturday has no night.
    assert_eq!(lost(sat(20, 0), sat(2, 0) + day_), Money(0));
    // Sunday 23:00 to Monday 00:30: Sunday's night, an hour and a half at 100 €.
    assert_eq!(
        lost(sat(23, 0) + day_, sat(0, 30) + day_ * 2),
        Money(15_000)
    );

    let (mut store, _, _) = cafe();
    let mut input = settings();
    input.days[4] = day(true, "18:00", "02:00", "500");
    let saved = store.save_cost_settings_at(&input, sat(7, 0)).unwrap();
    let friday = saved.days.iter().find(|d| d.weekday == 5).unwrap();
    assert_eq!(
        (friday.opens.as_str(), friday.closes.as_str()),
        ("18:00", "02:00")
    );
}
