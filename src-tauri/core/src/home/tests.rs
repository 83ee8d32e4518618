use chrono::{Duration, TimeZone};

use super::*;

use crate::incidents::{CallInput, IncidentStart, NoticeInput};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::vocabulary::{Channel, Stage};

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, 0).unwrap()
}

/// A café whose card payments can go down, with cash as the workaround.
fn cafe(language: Language) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(language, None), at(8, 0))
        .unwrap();
    let card = store
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
                contact_ids: vec![],
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let cash = store
        .create_workaround(
            card,
            &WorkaroundDetails {
                title: "Cash only".into(),
                steps: String::new(),
                customer_message: String::new(),
                limits: String::new(),
                contact_ids: vec![],
                service_ids: vec![],
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    (store, card, cash)
}

#[test]
fn a_calm_day_shows_the_plan_and_no_outage() {
    let (store, _, _) = cafe(Language::En);
    let home = store.home(at(9, 0)).unwrap();
    assert_eq!(home.outage, None);
    assert_eq!(home.plan.services, 1);
    assert_eq!(home.print.binder_printed_at, None);
}

#[test]
fn an_outage_shows_how_long_what_is_due_and_what_was_promised() {
    let (mut store, card, cash) = cafe(Language::En);
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                something_else: "The till".into(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    let id = incident.id;

    let home = store.home(at(10, 20)).unwrap();
    let outage = home.outage.expect("an outage is open");
    assert_eq!(outage.title, "Card payments, The till");
    assert_eq!(outage.still_down, ["Card payments", "The till"]);
    assert_eq!(outage.down_for, "1 hour 20 minutes");
    assert_eq!(outage.next_update, NextUpdate::FirstNotice);
    assert_eq!(outage.next_step, Step::Assess);
    assert!(outage.providers.is_empty());

    store
        .log_call(
            id,
            &CallInput {
                contact_name: "SumUp".into(),
                ticket: "TCK-1".into(),
                eta: Some(at(10, 0)),
                call_back_at: Some(at(11, 0)),
                ..CallInput::default()
            },
            at(9, 5),
        )
        .unwrap();
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Cash only today".into(),
            },
            at(9, 10),
        )
        .unwrap();
    store.activate_workaround(id, cash, at(9, 12)).unwrap();
    // A major outage: customers hear again an hour after the notice.
    let due = store.incident(id, at(9, 12)).unwrap().next_update_due;
    assert_eq!(due, Some(at(10, 10)));
    let outage = store
        .home(at(9, 12) + Duration::seconds(30))
        .unwrap()
        .outage
        .unwrap();
    assert_eq!(
        outage.next_update,
        NextUpdate::Due {
            at: at(10, 10),
            // 57 minutes 30 seconds, said as the minute it is due in.
            within: "58 minutes".into()
        }
    );
    assert_eq!(outage.workarounds, ["Cash only"]);
    // Called, told and switched to cash, but never assessed: that is what comes next.
    assert_eq!(outage.next_step, Step::Assess);
    let promise = &outage.providers[0];
    assert_eq!(promise.contact, "SumUp");
    assert_eq!(promise.ticket, "TCK-1");
    assert_eq!(promise.eta, Some(at(10, 0)));
    assert!(!promise.eta_passed);
    assert_eq!(promise.call_back_at, Some(at(11, 0)));

    // At 10:20 the outage has outlasted the plan's hour: critical, so customers were due to
    // hear again 30 minutes after the notice, and the promised 10:00 has passed.
    let late = store.home(at(10, 20)).unwrap().outage.unwrap();
    assert_eq!(late.severity, Severity::Critical);
    assert_eq!(
        late.next_update,
        NextUpdate::Late {
            at: at(9, 40),
            overdue: "40 minutes".into()
        }
    );
    assert!(late.providers[0].eta_passed);
}

#[test]
fn the_words_are_the_owners() {
    let (mut store, card, _) = cafe(Language::Fr);
    store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    let outage = store.home(at(10, 1)).unwrap().outage.unwrap();
    assert_eq!(outage.down_for, "1 heure 1 minute");
}
