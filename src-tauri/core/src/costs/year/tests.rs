#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use super::*;
use crate::business::Country;
use crate::contacts::{ContactDetails, ContactKind};
use crate::costs::{CostSettingsInput, OpeningDayInput};
use crate::incidents::{AssessInput, CallInput, IncidentStart};
use crate::plan::services::ServiceDetails;

/// The shop keeps UTC+1 all year here: the hand counts below stay simple.
fn paris(_: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// Saturday 28 November 2026, 16:00.
fn now() -> DateTime<Utc> {
    at(2026, 11, 28, 16, 0)
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
            at(2025, 1, 1, 9, 0),
        )
        .unwrap()
        .id
}

/// Open 8:00–18:00 Monday to Saturday at 200 € an hour (300 on Saturdays), staff 45 € an
/// hour.
fn costs(store: &mut Store) {
    let day = |open: bool, takings: &str| OpeningDayInput {
        open,
        opens: if open { "08:00" } else { "" }.into(),
        closes: if open { "18:00" } else { "" }.into(),
        takings: takings.into(),
    };
    let mut days: Vec<OpeningDayInput> = (0..5).map(|_| day(true, "200")).collect();
    days.push(day(true, "300"));
    days.push(day(false, ""));
    store
        .save_cost_settings_at(
            &CostSettingsInput {
                currency: Currency::Eur,
                days,
                staff_per_hour: "45".into(),
                subscribed_kva: None,
                utility: String::new(),
                insurer: String::new(),
                policy_number: String::new(),
                waiting_hours: None,
            },
            at(2025, 1, 1, 9, 0),
        )
        .unwrap();
}

/// A real outage of `services` from `from` to `to`, of `cause`, `called` called 5 minutes in.
fn outage(
    store: &mut Store,
    services: &[i64],
    cause: Cause,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    called: Option<i64>,
) -> i64 {
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: services.to_vec(),
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
                cause,
                danger: false,
                customers_affected: None,
                expected_minutes: None,
            },
            from,
        )
        .unwrap();
    if let Some(contact) = called {
        store
            .log_call(
                incident.id,
                &CallInput {
                    contact_id: Some(contact),
                    contact_name: String::new(),
                    ticket: "T-1".into(),
                    ..CallInput::default()
                },
                from + Duration::minutes(5),
            )
            .unwrap();
    }
    for down in incident.services {
        store.confirm_restored(incident.id, down.id, to).unwrap();
    }
    store.resolve_incident(incident.id, to).unwrap();
    incident.id
}

struct Cafe {
    store: Store,
    internet: i64,
    power: i64,
    isp: i64,
}

/// A Paris café with an internet outage in November (3 h on a Tuesday, the ISP called), a
/// power cut in June (1 h on a Wednesday), an internet-looking outage of unknown cause in
/// January (17:00–19:00 on a Monday, an hour of it after closing), a drill in October and an
/// outage older than the year.
fn cafe() -> Cafe {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, Some(Country::France)),
            at(2025, 1, 1, 9, 0),
        )
        .unwrap();
    let internet = service(&mut store, "Internet");
    let power = service(&mut store, "Électricité");
    costs(&mut store);
    let isp = store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::InternetProvider,
                organisation: "Orange Pro".into(),
                person: String::new(),
                phones: vec![],
                email: String::new(),
                website: String::new(),
                outage_page: String::new(),
                status_page: String::new(),
                account_number: String::new(),
                customer_id: String::new(),
                support_hours: String::new(),
                notes: String::new(),
            },
            at(2025, 1, 1, 9, 0),
        )
        .unwrap()
        .id;
    outage(
        &mut store,
        &[internet],
        Cause::Internet,
        at(2026, 11, 10, 10, 0),
        at(2026, 11, 10, 13, 0),
        Some(isp),
    );
    outage(
        &mut store,
        &[power],
        Cause::Power,
        at(2026, 6, 17, 9, 0),
        at(2026, 6, 17, 10, 0),
        None,
    );
    outage(
        &mut store,
        &[internet],
        Cause::Unknown,
        at(2026, 1, 5, 17, 0),
        at(2026, 1, 5, 19, 0),
        None,
    );
    let drill = outage(
        &mut store,
        &[power],
        Cause::Power,
        at(2026, 10, 14, 9, 0),
        at(2026, 10, 14, 15, 0),
        Some(isp),
    );
    store
        .conn
        .execute("UPDATE incidents SET drill = 1 WHERE id = ?1", [drill])
        .unwrap();
    outage(
        &mut store,
        &[power],
        Cause::Power,
        at(2025, 10, 15, 9, 0),
        at(2025, 10, 15, 15, 0),
        None,
    );
    Cafe {
        store,
        internet,
        power,
        isp,
    }
}

#[test]
fn the_year_counts_real_outages_of_the_12_months_by_month_and_service() {
    let cafe = cafe();
    let _ = (cafe.internet, cafe.power, cafe.isp);
    let year = cafe.store.year_in_outages(now(), &paris).unwrap();
    assert_eq!(year.months.len(), 12);
    assert_eq!(
        year.months[0].first_day,
        NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
    );
    assert_eq!(
        year.months[11].first_day,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    );
    assert_eq!(year.months[11].label, "Nov");
    assert_eq!(year.services, ["Internet", "Électricité"]);
    // November: 3 h at 200 € (600 €) and staff waiting 3 h at 45 € (135 €).
    let nov = &year.months[11];
    assert_eq!((nov.outages, nov.minutes.clone()), (1, vec![180, 0]));
    assert_eq!(nov.lost, [Money(60_000), Money::ZERO]);
    assert_eq!(nov.total, Money(73_500));
    // October's drill counts for nothing.
    assert_eq!(year.months[10].outages, 0);
    assert_eq!(year.months[10].total, Money::ZERO);
    // June: the power cut, 1 h at 200 € and 45 € of staff.
    let jun = &year.months[6];
    assert_eq!((jun.outages, jun.minutes.clone()), (1, vec![0, 60]));
    assert_eq!(jun.total, Money(24_500));
    // January: 2 h down, one of them open.
    let jan = &year.months[1];
    assert_eq!(jan.minutes, [120, 0]);
    assert_eq!(jan.lost, [Money(20_000), Money::ZERO]);
    // Older than the year: not counted (December 2025 is empty).
    assert_eq!(year.months[0].outages, 0);

    let rows: Vec<(&str, u32, u32, Money)> = year
        .by_service
        .iter()
        .map(|r| (r.name.as_str(), r.outages, r.minutes, r.lost.amount))
        .collect();
    assert_eq!(
        rows,
        [
            ("Internet", 2, 300, Money(80_000)),
            ("Électricité", 1, 60, Money(20_000))
        ]
    );
    assert_eq!(year.by_service[0].hours, "5.0 h");
    assert_eq!(year.by_service[0].lost.text, "€800.00");
    assert_eq!(year.totals.outages, 3);
    assert_eq!(year.totals.minutes, 360);
    assert_eq!(year.totals.lost_takings.amount, Money(100_000));
    assert_eq!(year.totals.staff_cost.amount, Money(22_500));
    assert_eq!(year.totals.total.amount, Money(122_500));
}

#[test]
fn a_provider_counts_the_outages_it_was_called_in() {
    let cafe = cafe();
    let year = cafe.store.year_in_outages(now(), &paris).unwrap();
    let rows: Vec<(&str, u32, u32, Money)> = year
        .by_provider
        .iter()
        .map(|r| (r.name.as_str(), r.outages, r.minutes, r.lost.amount))
        .collect();
    // Called in November's outage, and in the drill (not counted).
    assert_eq!(rows, [("Orange Pro", 1, 180, Money(73_500))]);
}

#[test]
fn the_year_totals_are_the_sum_of_each_outages_loss() {
    let cafe = cafe();
    let year = cafe.store.year_in_outages(now(), &paris).unwrap();
    let ids: Vec<i64> = cafe
        .store
        .conn
        .prepare("SELECT id FROM incidents WHERE drill = 0 AND started_at >= '2025-12'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let total: Money = ids
        .iter()
        .map(|id| cafe.store.loss(*id, now(), &paris).unwrap().total)
        .sum();
    assert_eq!(year.totals.total.amount, total);
    let months: Money = year.months.iter().map(|m| m.total).sum();
    assert_eq!(months, total);
}

#[test]
fn backups_say_what_they_would_have_kept_against_their_price() {
    let cafe = cafe();
    let year = cafe.store.year_in_outages(now(), &paris).unwrap();
    let router = year.backups.iter().find(|b| b.key == "router_4g").unwrap();
    // November's internet outage by its cause, January's by its service's name: 3 h + 1 h
    // open, 600 € + 200 € of takings; 40 € a month.
    assert_eq!(
        (
            router.outages,
            router.covered_minutes,
            router.kept,
            router.cost
        ),
        (2, 240, Money(80_000), Money(48_000))
    );
    assert!(
        router.sentence.contains("€40.00 a month"),
        "{}",
        router.sentence
    );
    assert!(router.sentence.contains("€800.00"), "{}", router.sentence);
    assert!(router.sentence.contains("4.0 h"), "{}", router.sentence);
    let ups = year.backups.iter().find(|b| b.key == "ups").unwrap();
    // June's cut: its first 30 minutes, 100 € of takings.
    assert_eq!(
        (ups.outages, ups.covered_minutes, ups.kept, ups.cost),
        (1, 30, Money(10_000), Money(15_000))
    );
    assert!(
        ups.sentence.contains("first 30 minutes"),
        "{}",
        ups.sentence
    );
}

#[test]
fn the_year_reads_in_french_with_french_months_and_numbers() {
    let mut cafe = cafe();
    let mut business = crate::testing::corner_cafe(Language::Fr, Some(Country::France));
    business.name = "Café du Coin".into();
    cafe.store.save_business(&business, now()).unwrap();
    let year = cafe.store.year_in_outages(now(), &paris).unwrap();
    assert_eq!(year.months[11].label, "nov.");
    assert_eq!(year.by_service[0].hours, "5,0 h");
    assert_eq!(year.by_service[0].lost.text, "800,00\u{a0}€");
    assert!(year.backups[0].sentence.starts_with("Un routeur 4G"));
}

#[test]
fn an_empty_year_has_twelve_empty_months() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, None),
            at(2025, 1, 1, 9, 0),
        )
        .unwrap();
    let year = store.year_in_outages(now(), &paris).unwrap();
    assert_eq!(year.months.len(), 12);
    assert!(year
        .months
        .iter()
        .all(|m| m.outages == 0 && m.minutes.is_empty()));
    assert!(year.by_service.is_empty() && year.backups.is_empty());
    assert_eq!(year.totals.total.amount, Money::ZERO);
}

#[test]
fn every_words_file_and_the_backups_read() {
    for (_, json) in WORDS.files() {
        let words: Words = serde_json::from_str(json).unwrap();
        assert_eq!(words.months.len(), 12);
    }
    let read: Backups = serde_json::from_str(BACKUPS_JSON).unwrap();
    for backup in &read.backups {
        for currency in Currency::ALL {
            assert!(
                backup.price.contains_key(currency),
                "{} {currency:?}",
                backup.key
            );
        }
    }
}
