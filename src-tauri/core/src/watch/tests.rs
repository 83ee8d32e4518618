use chrono::Duration as Minutes;

use super::*;
use crate::business::BusinessType;
use crate::testing::{at, corner_cafe};

const MINUTE: Duration = SETTLE;

fn cafe() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&corner_cafe(Language::En, None), at(28, 8, 0))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(28, 8, 0))
        .unwrap();
    store
}

fn service(store: &Store, name: &str) -> i64 {
    store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == name)
        .unwrap_or_else(|| panic!("no service {name:?}"))
        .id
}

#[test]
fn a_change_is_asked_about_once_after_it_has_lasted_a_minute() {
    let mut watch = Watch::default();
    let start = at(28, 10, 40);
    // What the system says at start-up is no event, even on battery.
    assert!(!watch.observe(Supply::Power, false, start));
    assert!(!watch.observe(Supply::Internet, true, start));
    assert_eq!(watch.next_due(MINUTE), None);
    assert!(watch
        .due(start + Minutes::hours(1), MINUTE, None)
        .is_empty());

    assert!(watch.observe(Supply::Power, true, at(28, 10, 41)));
    let unplugged = at(28, 10, 42);
    assert!(watch.observe(Supply::Power, false, unplugged));
    assert!(!watch.observe(Supply::Power, false, unplugged + Minutes::seconds(20)));
    assert_eq!(
        watch.next_due(MINUTE),
        Some(unplugged + Minutes::minutes(1))
    );
    assert!(
        watch
            .due(unplugged + Minutes::seconds(59), MINUTE, None)
            .is_empty(),
        "not before a minute"
    );
    let lost = Suggestion::Lost {
        supply: Supply::Power,
        since: unplugged,
    };
    assert_eq!(
        watch.due(unplugged + Minutes::minutes(1), MINUTE, None),
        vec![lost]
    );
    assert!(
        watch
            .due(unplugged + Minutes::minutes(5), MINUTE, None)
            .is_empty(),
        "asked once"
    );
    assert_eq!(watch.next_due(MINUTE), None);
}

#[test]
fn a_blip_shorter_than_a_minute_says_nothing() {
    let mut watch = Watch::default();
    watch.observe(Supply::Internet, true, at(28, 10, 0));
    watch.observe(Supply::Internet, false, at(28, 10, 1));
    watch.observe(Supply::Internet, true, at(28, 10, 1) + Minutes::seconds(30));
    assert!(watch.due(at(28, 10, 5), MINUTE, None).is_empty());

    // Down again: a new event, asked about in its turn.
    watch.observe(Supply::Internet, false, at(28, 10, 6));
    assert_eq!(
        watch.due(at(28, 10, 7), MINUTE, None),
        vec![Suggestion::Lost {
            supply: Supply::Internet,
            since: at(28, 10, 6)
        }]
    );
    // A service back on the bus after a restart (the watch is not told it left) says the same:
    // nothing new. It says otherwise: a change, measured from what it said before it left.
    assert!(!watch.observe(Supply::Internet, false, at(28, 10, 8)));
    assert_eq!(watch.next_due(MINUTE), None);
    assert!(watch.observe(Supply::Internet, true, at(28, 10, 9)));
    assert_eq!(watch.next_due(MINUTE), Some(at(28, 10, 10)));
}

#[test]
fn an_outage_already_about_it_is_not_asked_for_again_and_its_return_is() {
    let mut store = cafe();
    let internet = service(&store, "Internet");
    let card = service(&store, "Card payments");
    let down = at(28, 10, 42);
    let start = store
        .start_for(Supply::Internet, down, Language::En)
        .unwrap();
    assert_eq!(start.service_ids, vec![internet]);
    assert_eq!(start.started_at, Some(down));
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![internet, card],
                ..start
            },
            at(28, 10, 44),
        )
        .unwrap();
    assert_eq!(incident.started_at, down);
    let open = store.open_outage().unwrap().unwrap();
    assert_eq!(
        open,
        OpenOutage {
            id: incident.id,
            supplies: vec![Supply::Internet],
            to_check: vec!["Card payments".into()],
        }
    );

    let mut watch = Watch::default();
    watch.observe(Supply::Internet, true, at(28, 10, 0));
    watch.observe(Supply::Internet, false, down);
    assert!(
        watch.due(at(28, 10, 45), MINUTE, Some(&open)).is_empty(),
        "the open outage is already about the internet"
    );
    watch.observe(Supply::Internet, true, at(28, 11, 30));
    let back = watch.due(at(28, 11, 31), MINUTE, Some(&open));
    assert_eq!(
        back,
        vec![Suggestion::Back {
            supply: Supply::Internet,
            since: at(28, 11, 30),
            incident_id: incident.id
        }]
    );
    let text = back[0].text(
        Language::En,
        Clock::H24,
        FixedOffset::east_opt(0).unwrap(),
        Some(&open),
    );
    assert_eq!(
        text.title,
        "The internet seems to be back: check Card payments and confirm"
    );
    assert_eq!(text.action, "Confirm the fix");

    // Power back with no outage about the power: nothing to confirm.
    watch.observe(Supply::Power, false, at(28, 11, 0));
    watch.observe(Supply::Power, true, at(28, 11, 32));
    assert!(watch.due(at(28, 11, 40), MINUTE, Some(&open)).is_empty());
}

#[test]
fn without_a_service_for_it_the_supply_is_something_else_and_still_recognised() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&corner_cafe(Language::Fr, None), at(28, 8, 0))
        .unwrap();
    let since = at(28, 9, 15);
    let start = store.start_for(Supply::Power, since, Language::Fr).unwrap();
    assert!(start.service_ids.is_empty());
    assert_eq!(start.something_else, "Électricité");
    store.start_incident(&start, at(28, 9, 17)).unwrap();
    let open = store.open_outage().unwrap().unwrap();
    assert_eq!(open.supplies, vec![Supply::Power]);
    assert!(open.to_check.is_empty());

    // In French, at the shop's time (UTC+1).
    let paris = FixedOffset::east_opt(3600).unwrap();
    let lost = Suggestion::Lost {
        supply: Supply::Power,
        since,
    };
    assert_eq!(
        lost.text(Language::Fr, Clock::H24, paris, None).title,
        "Votre ordinateur est passé sur batterie à 10:15 : y a-t-il une coupure de courant ?"
    );
    let back = Suggestion::Back {
        supply: Supply::Power,
        since,
        incident_id: open.id,
    };
    assert_eq!(
        back.text(Language::Fr, Clock::H24, paris, Some(&open))
            .title,
        "Le courant semble revenu : vérifiez ce qui était en panne et confirmez"
    );
}

#[test]
fn a_cause_said_in_assess_makes_the_outage_about_that_supply() {
    let mut store = cafe();
    let card = service(&store, "Card payments");
    let fridge = service(&store, "Refrigeration");
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card, fridge],
                ..IncidentStart::default()
            },
            at(28, 10, 0),
        )
        .unwrap();
    assert_eq!(store.open_outage().unwrap().unwrap().supplies, vec![]);
    store
        .assess_incident(
            incident.id,
            &crate::incidents::AssessInput {
                cause: Cause::Power,
                ..Default::default()
            },
            at(28, 10, 5),
        )
        .unwrap();
    let open = store.open_outage().unwrap().unwrap();
    assert_eq!(open.supplies, vec![Supply::Power]);
    let back = Suggestion::Back {
        supply: Supply::Power,
        since: at(28, 11, 0),
        incident_id: incident.id,
    };
    assert_eq!(
        back.text(
            Language::En,
            Clock::H24,
            FixedOffset::east_opt(0).unwrap(),
            Some(&open)
        )
        .title,
        "The power seems to be back: check Card payments and Refrigeration, then confirm"
    );
}

#[test]
fn the_battery_left_is_in_whole_minutes_and_only_on_battery() {
    assert_eq!(
        Battery::from_upower(true, 1_500),
        Battery {
            on_battery: true,
            minutes_left: Some(25)
        }
    );
    assert_eq!(Battery::from_upower(true, 89).minutes_left, Some(1));
    assert_eq!(
        Battery::from_upower(true, 0).minutes_left,
        None,
        "not known yet"
    );
    assert_eq!(Battery::from_upower(false, 1_500).minutes_left, None);
}

#[test]
fn a_loss_during_an_announced_outage_of_it_is_that_one() {
    use crate::announced::{AnnouncedDetails, AnnouncedWhat};
    let mut store = cafe();
    let planned = store
        .create_announced(
            &AnnouncedDetails {
                what: AnnouncedWhat::Power,
                label: "Street works".into(),
                starts_at: at(28, 9, 0),
                expected_minutes: 120,
                source: String::new(),
                service_ids: vec![],
            },
            at(27, 9, 0),
        )
        .unwrap();
    let found = |supply, when| store.announced_for(supply, when).unwrap().map(|a| a.id);
    assert_eq!(
        found(Supply::Power, at(28, 8, 30)),
        Some(planned.id),
        "a little early"
    );
    assert_eq!(found(Supply::Power, at(28, 10, 59)), Some(planned.id));
    assert_eq!(found(Supply::Power, at(28, 11, 1)), None, "after its slot");
    assert_eq!(found(Supply::Power, at(28, 7, 59)), None, "long before");
    assert_eq!(
        found(Supply::Internet, at(28, 9, 30)),
        None,
        "another supply"
    );
    let lost = Suggestion::Lost {
        supply: Supply::Power,
        since: at(28, 9, 2),
    };
    let text = lost.announced_text(
        "Street works",
        Language::En,
        Clock::H24,
        FixedOffset::east_opt(0).unwrap(),
    );
    assert_eq!(
        text.title,
        "Street works seems to have started at 09:02: follow it as an outage?"
    );
    let text = lost.announced_text(
        "Street works",
        Language::En,
        Clock::H12,
        FixedOffset::west_opt(5 * 3600).unwrap(),
    );
    assert_eq!(
        text.title,
        "Street works seems to have started at 4:02 AM: follow it as an outage?"
    );
    assert_eq!(text.action, "Follow it");
}

#[test]
fn every_language_has_every_questions_words() {
    for (language, json) in super::WORDS.files() {
        let read: Result<super::WatchWords, _> = serde_json::from_str(json);
        assert!(read.is_ok(), "{language:?}: {:?}", read.err());
        let read = read.unwrap();
        for supply in Supply::ALL {
            assert!(read.lost.contains_key(supply) && read.back.contains_key(supply));
        }
    }
}
