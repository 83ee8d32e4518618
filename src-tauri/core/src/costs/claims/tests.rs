#![allow(clippy::unwrap_used)]

use chrono::Offset;
use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use super::*;
use crate::business::Country;
use crate::costs::{CostSettingsInput, OpeningDayInput, SpoiledInput};
use crate::incidents::{AssessInput, IncidentStart};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::reminders::ReminderKey;

fn paris(_: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

/// Saturday 28 November 2026 at `hour:minute`, UTC.
fn sat(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, 0).unwrap()
}

fn rule(key: &str) -> &'static Rule {
    rules().iter().find(|r| r.key == key).unwrap()
}

fn facts(minutes: u32, kva: Option<u32>) -> Facts<'static> {
    Facts {
        lasted_minutes: minutes,
        ongoing: false,
        cause: Cause::Power,
        planned: false,
        subscribed_kva: kva,
        spoiled: Money::ZERO,
        ended_on: Some(sat(0, 0).date_naive()),
        language: Language::En,
        sent_on: None,
        utility: "Con Edison",
        words: words(Language::En),
    }
}

#[test]
fn every_rule_reads_with_its_words_in_every_language_and_a_checked_source() {
    assert_eq!(rules().len(), 3, "the data file reads");
    for language in Language::ALL {
        let w = words(*language);
        for rule in rules() {
            assert!(w.rules.contains_key(&rule.key), "{language:?} {}", rule.key);
            assert!(rule.source.starts_with("https://"), "{}", rule.key);
            assert!(!rule.note.is_empty());
        }
    }
    // Every rule's key can name its deadline reminder.
    for rule in rules() {
        let key = ReminderKey::ClaimDeadline {
            incident: 1,
            rule: rule.key.clone(),
        };
        assert_eq!(key.to_string().parse::<ReminderKey>(), Ok(key));
    }
}

#[test]
fn enedis_counts_from_5_hours_in_whole_blocks_by_subscribed_power() {
    let enedis = rule("enedis_long_cut");
    let short = weigh(enedis, &facts(299, Some(12)));
    assert!(!short.applies);
    assert_eq!(short.estimate, None);
    assert_eq!(
        short.why[0],
        "The outage lasted 4 hours 59 minutes, less than 5 hours."
    );
    let five = weigh(enedis, &facts(300, Some(12)));
    assert!(five.applies);
    // 12 kVA × 2 € for one block.
    assert_eq!(five.estimate, Some(Money(2400)));
    assert!(five
        .estimate_text
        .starts_with("You may be entitled to €24.00"));
    assert!(five.estimate_text.contains("Check with your provider."));
    assert_eq!(five.why[0], "The outage lasted 5 hours, at least 5 hours.");
    // 9 h 59 is still one block; 10 h two.
    assert_eq!(
        weigh(enedis, &facts(599, Some(12))).estimate,
        Some(Money(2400))
    );
    assert_eq!(
        weigh(enedis, &facts(600, Some(12))).estimate,
        Some(Money(4800))
    );
    // Above 36 kVA, 3.50 € per kVA: 48 kVA is 168 € a block.
    assert_eq!(
        weigh(enedis, &facts(300, Some(48))).estimate,
        Some(Money(16800))
    );
    assert_eq!(
        weigh(enedis, &facts(300, Some(36))).estimate,
        Some(Money(7200))
    );
    // Automatic: no deadline, nothing to claim by.
    assert_eq!(five.deadline, None);
    assert!(five.automatic);
    // Without the subscribed power: it applies, but no figure is invented.
    let unknown = weigh(enedis, &facts(400, None));
    assert!(unknown.applies);
    assert_eq!(unknown.estimate, None);
    assert!(
        unknown.estimate_text.contains("kVA"),
        "{}",
        unknown.estimate_text
    );
}

#[test]
fn enedis_stops_at_its_cap_of_40_blocks() {
    let enedis = rule("enedis_long_cut");
    let at_cap = weigh(enedis, &facts(40 * 300, Some(6)));
    assert_eq!(at_cap.estimate, Some(Money(40 * 1200)));
    let past = weigh(enedis, &facts(60 * 300, Some(6)));
    assert_eq!(past.estimate, Some(Money(40 * 1200)), "capped");
    assert!(past.estimate_text.contains("at most 40 blocks"));
}

#[test]
fn planned_works_and_other_causes_are_excluded() {
    let enedis = rule("enedis_long_cut");
    let planned = weigh(
        enedis,
        &Facts {
            planned: true,
            ..facts(600, Some(12))
        },
    );
    assert!(!planned.applies);
    assert_eq!(planned.estimate, None);
    assert!(planned
        .why
        .contains(&"Planned works are excluded: this outage was announced beforehand.".into()));
    let internet = weigh(
        enedis,
        &Facts {
            cause: Cause::Internet,
            ..facts(600, Some(12))
        },
    );
    assert!(!internet.applies);
    // Rolling cuts cannot be told apart: the owner is told so.
    assert!(planned.why.iter().any(|w| w.contains("Rolling cuts")));
}

#[test]
fn ofgem_pays_from_12_hours_and_more_for_each_further_12() {
    let ofgem = rule("ofgem_supply_restoration");
    let short = weigh(ofgem, &facts(12 * 60 - 1, None));
    assert!(!short.applies);
    assert_eq!(short.estimate, None);
    let twelve = weigh(ofgem, &facts(12 * 60, None));
    assert!(twelve.applies);
    assert_eq!(twelve.estimate, Some(Money(19_000)));
    assert_eq!(twelve.currency, Currency::Gbp);
    assert!(twelve
        .estimate_text
        .starts_with("You may be entitled to £190.00"));
    assert_eq!(
        weigh(ofgem, &facts(24 * 60 - 1, None)).estimate,
        Some(Money(19_000))
    );
    assert_eq!(
        weigh(ofgem, &facts(24 * 60, None)).estimate,
        Some(Money(23_500))
    );
    // Claimed within 90 days of the end (as kept in the data).
    assert_eq!(
        twelve.deadline,
        Some(sat(0, 0).date_naive() + Duration::days(90))
    );
    // Severe weather has other standards: a weather cause is left out.
    let storm = weigh(
        ofgem,
        &Facts {
            cause: Cause::Weather,
            ..facts(30 * 60, None)
        },
    );
    assert!(!storm.applies);
}

#[test]
fn con_edison_pays_spoilage_up_to_its_cap_within_30_days() {
    let coned = rule("coned_commercial_spoilage");
    let spoiled = |minor: i64, minutes: u32| {
        weigh(
            coned,
            &Facts {
                spoiled: Money(minor),
                ..facts(minutes, None)
            },
        )
    };
    assert!(!spoiled(50_000, 719).applies);
    let claim = spoiled(50_000, 720);
    assert!(claim.applies);
    assert_eq!(claim.estimate, Some(Money(50_000)));
    assert_eq!(
        claim.deadline,
        Some(sat(0, 0).date_naive() + Duration::days(30))
    );
    assert_eq!(
        spoiled(2_000_000, 800).estimate,
        Some(Money(1_146_000)),
        "the cap"
    );
    let nothing = spoiled(0, 800);
    assert_eq!(
        nothing.estimate, None,
        "no spoiled stock entered: no figure"
    );
}

fn cafe(country: Country) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, Some(country)),
            sat(7, 0),
        )
        .unwrap();
    let power = store
        .create_service(
            &ServiceDetails {
                name: "Power".into(),
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
        .id;
    let days = (0..7)
        .map(|_| OpeningDayInput {
            open: true,
            opens: "08:00".into(),
            closes: "18:00".into(),
            takings: "200".into(),
        })
        .collect();
    store
        .save_cost_settings_at(
            &CostSettingsInput {
                currency: Currency::of(Some(country)),
                days,
                staff_per_hour: "45".into(),
                subscribed_kva: Some(12),
                utility: match country {
                    Country::UnitedStates => "Con Edison".into(),
                    _ => "Enedis".into(),
                },
                insurer: "Mutuelle".into(),
                policy_number: "PC-778812".into(),
                waiting_hours: Some(6),
            },
            sat(7, 0),
        )
        .unwrap();
    (store, power)
}

fn power_cut(store: &mut Store, power: i64, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![power],
                something_else: String::new(),
                started_at: None,
            },
            from,
        )
        .unwrap();
    store
        .assess_incident(
            incident.id,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Power,
                danger: false,
                customers_affected: None,
                expected_minutes: None,
            },
            from,
        )
        .unwrap();
    let down = incident.services[0].id;
    store.confirm_restored(incident.id, down, to).unwrap();
    store.resolve_incident(incident.id, to).unwrap();
    incident.id
}

#[test]
fn an_outage_gets_its_countrys_rules_and_the_insurance_waiting_period() {
    let (mut store, power) = cafe(Country::France);
    let id = power_cut(&mut store, power, sat(8, 0), sat(13, 20));
    let claims = store.claims(id, sat(14, 0), &paris).unwrap();
    assert_eq!(claims.lasted_minutes, 320);
    assert_eq!(claims.rules.len(), 1, "France's rules only");
    assert_eq!(claims.rules[0].key, "enedis_long_cut");
    assert!(claims.rules[0].applies);
    assert_eq!(claims.rules[0].estimate, Some(Money(2400)));
    assert_eq!(claims.insurance.passed, Some(false), "5 h 20 under 6 h");
    assert_eq!(claims.insurance.policy_number, "PC-778812");
    assert!(!claims.insurance.documents.is_empty());

    let long = power_cut(&mut store, power, sat(14, 0), sat(20, 1));
    let claims = store.claims(long, sat(21, 0), &paris).unwrap();
    assert_eq!(claims.insurance.passed, Some(true), "6 h 01 over 6 h");
    let exactly = power_cut(
        &mut store,
        power,
        sat(21, 0),
        sat(21, 0) + Duration::hours(6),
    );
    let claims = store
        .claims(exactly, sat(21, 0) + Duration::hours(7), &paris)
        .unwrap();
    assert_eq!(claims.lasted_minutes, 360);
    assert_eq!(
        claims.insurance.passed,
        Some(false),
        "exactly the waiting period has not passed it"
    );
}

#[test]
fn an_announced_outage_is_planned_works_and_gets_nothing_from_enedis() {
    let (mut store, power) = cafe(Country::France);
    let id = power_cut(&mut store, power, sat(8, 0), sat(14, 0));
    store
        .conn
        .execute(
            "INSERT INTO announced_outages (what, starts_at, expected_minutes, incident_id,
             created_at, updated_at) VALUES ('power', ?1, 360, ?2, ?1, ?1)",
            rusqlite::params![sat(8, 0), id],
        )
        .unwrap();
    let claims = store.claims(id, sat(15, 0), &paris).unwrap();
    assert!(claims.planned);
    assert!(!claims.rules[0].applies);
}

#[test]
fn a_claim_marked_as_sent_is_on_the_timeline_and_stops_its_deadline_reminder() {
    let (mut store, power) = cafe(Country::UnitedStates);
    let id = power_cut(&mut store, power, sat(8, 0), sat(21, 0));
    store
        .add_spoiled(
            id,
            &SpoiledInput {
                item: "Milk".into(),
                quantity: "10".into(),
                unit: "l".into(),
                unit_cost: "1.50".into(),
                thrown_at: Some(sat(20, 0)),
                why: String::new(),
                cold_store_id: None,
            },
            sat(21, 0),
        )
        .unwrap();
    let claims = store.claims(id, sat(21, 30), &|_| Utc.fix()).unwrap();
    let coned = &claims.rules[0];
    assert!(coned.applies);
    assert_eq!(coned.estimate, Some(Money(1500)));
    let deadline = coned.deadline.unwrap();
    assert_eq!(deadline, sat(0, 0).date_naive() + Duration::days(30));
    let key = ReminderKey::ClaimDeadline {
        incident: id,
        rule: "coned_commercial_spoilage".into(),
    };
    let reminder = |store: &Store, now| {
        store
            .reminders(now)
            .unwrap()
            .into_iter()
            .find(|r| r.key == key)
    };
    let found = reminder(&store, sat(22, 0)).expect("a calm-day reminder for the deadline");
    assert_eq!(
        found.due_at.date_naive(),
        deadline - Duration::days(7),
        "a week before the deadline"
    );
    assert!(found.title.contains("28 December 2026"), "{}", found.title);
    assert!(
        reminder(
            &store,
            (deadline + Duration::days(1))
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_utc()
        )
        .is_none(),
        "gone once the deadline passed"
    );

    store
        .mark_claim_sent(
            id,
            "coned_commercial_spoilage",
            Some(sat(0, 0).date_naive() + Duration::days(2)),
            sat(22, 0),
        )
        .unwrap();
    assert!(reminder(&store, sat(22, 5)).is_none(), "not once sent");
    let claims = store.claims(id, sat(22, 5), &|_| Utc.fix()).unwrap();
    assert_eq!(
        claims.rules[0].sent_on,
        Some(sat(0, 0).date_naive() + Duration::days(2))
    );
    let incident = store.incident(id, sat(22, 5)).unwrap();
    assert!(incident.timeline.iter().any(|e| matches!(
        &e.happened,
        Happened::ClaimSent { claim } if claim == "Con Edison: commercial spoilage claim"
    )));
    store
        .mark_claim_sent(id, "coned_commercial_spoilage", None, sat(22, 10))
        .unwrap();
    assert!(
        reminder(&store, sat(22, 15)).is_some(),
        "un-marked: it comes back"
    );
    assert!(store
        .mark_claim_sent(
            id,
            "no_such_rule",
            Some(sat(0, 0).date_naive()),
            sat(22, 10)
        )
        .is_err());
}

#[test]
fn a_utilitys_own_rule_applies_only_to_its_customers() {
    let coned = rule("coned_commercial_spoilage");
    let with = |utility: &'static str| {
        weigh(
            coned,
            &Facts {
                spoiled: Money(50_000),
                utility,
                ..facts(13 * 60, None)
            },
        )
    };
    assert!(with("Con Edison").applies);
    assert!(with("coned (Manhattan)").applies);
    let texas = with("Oncor");
    assert!(!texas.applies);
    assert_eq!(texas.estimate, None);
    assert!(
        texas.why.iter().any(|w| w.contains("Oncor")),
        "{:?}",
        texas.why
    );
    let unknown = with("");
    assert!(!unknown.applies);
    assert!(unknown.why.iter().any(|w| w.contains("name your utility")));
}

#[test]
fn a_deadline_is_reminded_on_the_shops_own_day_even_with_another_outage_open() {
    // New York, UTC−5: the power is back at 20:00 local on Saturday 28 November, which is
    // already Sunday in UTC. The deadline counts from the shop's Saturday, as its screens do.
    fn new_york(_: DateTime<Utc>) -> FixedOffset {
        FixedOffset::west_opt(5 * 3600).unwrap()
    }
    let (store, power) = cafe(Country::UnitedStates);
    let mut store = store.with_local_time(new_york);
    let back = sat(20, 0) + Duration::hours(5);
    let id = power_cut(&mut store, power, sat(7, 0), back);
    store
        .add_spoiled(
            id,
            &SpoiledInput {
                item: "Milk".into(),
                quantity: "10".into(),
                unit: "l".into(),
                unit_cost: "1.50".into(),
                thrown_at: Some(back),
                why: String::new(),
                cold_store_id: None,
            },
            back,
        )
        .unwrap();
    let deadline = store.claims(id, back, &new_york).unwrap().rules[0]
        .deadline
        .unwrap();
    assert_eq!(deadline, sat(0, 0).date_naive() + Duration::days(30));
    // Another outage starts and stays open: the deadline is still reminded.
    let other = service_named(&mut store, "Internet");
    store
        .start_incident(
            &IncidentStart {
                service_ids: vec![other],
                something_else: String::new(),
                started_at: None,
            },
            back + Duration::hours(1),
        )
        .unwrap();
    let reminder = store
        .reminders(back + Duration::hours(2))
        .unwrap()
        .into_iter()
        .find(|r| matches!(&r.key, ReminderKey::ClaimDeadline { incident, .. } if *incident == id))
        .expect("a claim's deadline is not a calm-day reminder");
    assert!(
        reminder.title.contains("28 December 2026"),
        "{}",
        reminder.title
    );
    // A week before, at the start of the shop's day (05:00 UTC).
    let remind_on = deadline - Duration::days(7);
    assert_eq!(
        reminder.due_at,
        remind_on.and_hms_opt(5, 0, 0).unwrap().and_utc()
    );
}

fn service_named(store: &mut Store, name: &str) -> i64 {
    store
        .create_service(
            &ServiceDetails {
                name: name.into(),
                priority: Priority::Important,
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

#[test]
fn where_no_claim_of_the_country_has_a_deadline_the_reminders_read_no_outage() {
    let reads_outages = |country| {
        let (mut store, power) = cafe(country);
        power_cut(&mut store, power, sat(8, 0), sat(21, 0));
        crate::fixture::statements_of(&mut store, |store| {
            store.open_claim_deadlines(sat(22, 0)).unwrap()
        })
        .iter()
        .any(|sql| sql.contains("FROM incidents"))
    };
    // Enedis's compensation has no deadline to remind of; Con Edison's has 30 days.
    assert!(!reads_outages(Country::France));
    assert!(reads_outages(Country::UnitedStates));
}
