use super::*;
use crate::business::BusinessType;
use crate::error::CoreError;
use crate::error::FieldProblem;
use crate::fields::LINE_MAX;
use crate::incidents::checklist::Step;
use crate::incidents::{Happened, IncidentStart};
use crate::notices::incident::check_notice_text;
use crate::notices::{Channel, Stage};
use crate::reminders::ReminderKind;
use crate::store::Store;
use crate::testing::{at, corner_cafe};
use crate::vocabulary::Clock;
use chrono::FixedOffset;

fn cafe(language: Language) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&corner_cafe(language, None), at(20, 8, 0))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, language, at(20, 8, 0))
        .unwrap();
    store
}

fn service(store: &Store, key_name: &str) -> i64 {
    store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == key_name)
        .unwrap()
        .id
}

/// A power cut on Friday 27 November 2026, 09:00–13:00 UTC, planned on the 20th at 12:00.
fn power_cut(store: &mut Store) -> Announced {
    let services = vec![
        service(store, "Power and lighting"),
        service(store, "Card payments"),
    ];
    store
        .create_announced(
            &AnnouncedDetails {
                what: AnnouncedWhat::Power,
                label: String::new(),
                starts_at: at(27, 9, 0),
                expected_minutes: 240,
                source: "Letter from the power company".into(),
                service_ids: services,
            },
            at(20, 12, 0),
        )
        .unwrap()
}

/// The announced reminders a pass hands out at `now` (each pass marks them announced).
fn announced_now(store: &mut Store, now: DateTime<Utc>) -> Vec<(ReminderKind, String)> {
    store
        .reminder_pass(now)
        .unwrap()
        .fresh
        .into_iter()
        .filter(|r| r.announced_id.is_some())
        .map(|r| (r.kind, r.title))
        .collect()
}

#[test]
fn phases_follow_the_clock_and_the_checklist_keeps_what_was_ticked() {
    let mut store = cafe(Language::En);
    let planned = power_cut(&mut store);
    assert_eq!(planned.title, "Power cut");
    assert_eq!(planned.ends_at, at(27, 13, 0));
    assert_eq!(planned.services, ["Card payments", "Power and lighting"]);
    assert_eq!(planned.phase, Phase::DaysBefore);
    let phase = |now| store.announced(planned.id, now).unwrap().phase;
    assert_eq!(phase(at(26, 8, 59)), Phase::DaysBefore);
    assert_eq!(phase(at(26, 9, 0)), Phase::DayBefore);
    assert_eq!(phase(at(27, 8, 0)), Phase::HourBefore);
    assert_eq!(phase(at(27, 9, 0)), Phase::During);
    assert_eq!(phase(at(27, 13, 0)), Phase::After);

    let ticked = store
        .tick_announced(planned.id, "day_before.tell", true, at(26, 10, 0))
        .unwrap();
    let tell = ticked.phases[1]
        .items
        .iter()
        .find(|i| i.key == "day_before.tell");
    assert!(tell.unwrap().done);
    assert_eq!(ticked.phases[1].begins_at, at(26, 9, 0));
    let refused = store.tick_announced(planned.id, "day_before.nonsense", true, at(26, 10, 0));
    assert!(matches!(refused, Err(CoreError::Validation(_))));
    // A new start time keeps what was done.
    let moved = store
        .update_announced(
            planned.id,
            &AnnouncedDetails {
                starts_at: at(28, 9, 0),
                ..ticked.details.clone()
            },
            at(26, 11, 0),
        )
        .unwrap();
    assert!(moved.phases[1].items.iter().any(|i| i.done));
    assert_eq!(moved.phase, Phase::DaysBefore);
}

#[test]
fn each_reminder_comes_once_across_restarts_and_again_for_a_new_start_time() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        store
            .save_business(&corner_cafe(Language::En, None), at(20, 8, 0))
            .unwrap();
        store
            .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(20, 8, 0))
            .unwrap();
        let planned = power_cut(&mut store);
        assert!(announced_now(&mut store, at(24, 8, 0)).is_empty());
        assert_eq!(
            announced_now(&mut store, at(24, 9, 0)),
            [(
                ReminderKind::AnnouncedPhase,
                "Announced in 3 days: Power cut".to_owned()
            )]
        );
        assert!(announced_now(&mut store, at(24, 9, 30)).is_empty(), "once");
        planned.id
    };
    // Steady closed and opened again: nothing comes twice.
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    assert!(announced_now(&mut store, at(25, 9, 0)).is_empty());
    assert_eq!(
        announced_now(&mut store, at(26, 9, 0)),
        [(
            ReminderKind::AnnouncedPhase,
            "Announced for tomorrow: Power cut".to_owned()
        )]
    );
    // The power company moves it to Saturday: the day before comes again, for the new day.
    let details = store.announced(id, at(26, 10, 0)).unwrap().details;
    store
        .update_announced(
            id,
            &AnnouncedDetails {
                starts_at: at(28, 9, 0),
                ..details
            },
            at(26, 10, 0),
        )
        .unwrap();
    assert!(announced_now(&mut store, at(26, 10, 0)).is_empty());
    assert_eq!(
        announced_now(&mut store, at(27, 9, 0)),
        [(
            ReminderKind::AnnouncedPhase,
            "Announced for tomorrow: Power cut".to_owned()
        )]
    );
    assert_eq!(
        announced_now(&mut store, at(28, 8, 0)),
        [(
            ReminderKind::AnnouncedPhase,
            "In an hour: Power cut".to_owned()
        )]
    );
    assert_eq!(
        announced_now(&mut store, at(28, 9, 0)),
        [(
            ReminderKind::AnnouncedStart,
            "Starting now: Power cut".to_owned()
        )]
    );
    // Nothing done half an hour in: asked whether it happened.
    assert_eq!(
        announced_now(&mut store, at(28, 9, 30)),
        [(
            ReminderKind::AnnouncedAsk,
            "Did it happen? Power cut".to_owned()
        )]
    );
    // Once answered, no reminder of it shows any more.
    store.announced_did_not_happen(id, at(28, 9, 40)).unwrap();
    let left = store.due_reminders(at(28, 9, 41)).unwrap();
    assert!(left.iter().all(|r| r.announced_id.is_none()), "{left:?}");
    assert_eq!(
        store.announced(id, at(28, 9, 41)).unwrap().outcome,
        Some(Outcome::DidNotHappen)
    );
}

#[test]
fn phases_already_begun_when_it_was_planned_do_not_remind() {
    let mut store = cafe(Language::En);
    let planned = store
        .create_announced(
            &AnnouncedDetails {
                what: AnnouncedWhat::Internet,
                label: "Fibre Net maintenance".into(),
                starts_at: at(20, 20, 0),
                expected_minutes: 60,
                source: String::new(),
                service_ids: vec![],
            },
            at(20, 12, 0),
        )
        .unwrap();
    assert_eq!(planned.phase, Phase::DayBefore);
    // Opened a day later: the start and the question, never a flood of the phases missed.
    let kinds: Vec<ReminderKind> = announced_now(&mut store, at(21, 12, 0))
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(kinds, [ReminderKind::AnnouncedAsk]);
}

#[test]
fn at_its_start_it_becomes_a_live_outage_with_everything_prepared() {
    let mut store = cafe(Language::En);
    let planned = power_cut(&mut store);
    store
        .tick_announced(planned.id, "days_before.charge", true, at(25, 10, 0))
        .unwrap();
    let incident = store.start_announced(planned.id, at(27, 9, 5)).unwrap();
    assert_eq!(incident.started_at, at(27, 9, 0), "the announced start");
    let names: Vec<&str> = incident.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Card payments", "Power and lighting"]);
    assert_eq!(incident.cause, Cause::Power);
    assert_eq!(incident.expected_minutes, Some(240));
    let note = incident
        .timeline
        .iter()
        .find_map(|e| match &e.happened {
            Happened::Note { text } => Some(text.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        note,
        "Announced outage: Power cut (announced by Letter from the power company). Done ahead: Charge laptops, phones and power banks."
    );
    assert_eq!(store.open_incident_id().unwrap(), Some(incident.id));
    let after = store.announced(planned.id, at(27, 9, 6)).unwrap();
    assert_eq!(after.outcome, Some(Outcome::Happened));
    assert_eq!(after.incident_id, Some(incident.id));
    // Asked twice (a double click, two windows): still one incident.
    let again = store.start_announced(planned.id, at(27, 9, 7)).unwrap();
    assert_eq!(again.id, incident.id);
    assert_eq!(incident.next_step, Step::Assess);
}

#[test]
fn bad_input_changes_nothing() {
    let mut store = cafe(Language::En);
    let bad = AnnouncedDetails {
        what: AnnouncedWhat::Other,
        label: "x".repeat(LINE_MAX as usize + 1),
        starts_at: at(27, 9, 0),
        expected_minutes: 0,
        source: String::new(),
        service_ids: vec![9_999],
    };
    let Err(CoreError::Validation(fields)) = store.create_announced(&bad, at(20, 9, 0)) else {
        panic!("accepted");
    };
    let fields: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["label", "expectedMinutes", "serviceIds"]);
    let too_long = AnnouncedDetails {
        label: String::new(),
        expected_minutes: LONGEST_MINUTES + 1,
        service_ids: vec![],
        ..bad
    };
    assert!(store.create_announced(&too_long, at(20, 9, 0)).is_err());
    assert!(store.list_announced(at(20, 9, 0)).unwrap().is_empty());
    assert!(matches!(
        store.delete_announced(42),
        Err(CoreError::NotFound(_))
    ));
}

#[test]
fn the_calendar_file_holds_the_slot_with_its_reminders() {
    let mut store = cafe(Language::Fr);
    let planned = store
        .create_announced(
            &AnnouncedDetails {
                what: AnnouncedWhat::Power,
                label: "Travaux Enedis; rue de la Paix, côté pair — avec une très longue description qui déborde".into(),
                starts_at: at(27, 8, 0),
                expected_minutes: 300,
                source: "Courrier, 18/11".into(),
                service_ids: vec![],
            },
            at(20, 9, 0),
        )
        .unwrap();
    let (name, text) = store.announced_calendar(planned.id, at(20, 9, 5)).unwrap();
    assert_eq!(name, "Coupure annoncée 2026-11-27.ics");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.contains("\r\nDTSTART:20261127T080000Z\r\nDTEND:20261127T130000Z\r\n"));
    assert!(text.contains("TRIGGER:-P1D\r\n") && text.contains("TRIGGER:-PT1H\r\n"));
    assert!(text.contains("DESCRIPTION:Annoncé par: Courrier\\, 18/11\r\n"));
    // Folded at 75 octets, never inside a character; unfolded it says the whole title.
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(
        "SUMMARY:Travaux Enedis\\; rue de la Paix\\, côté pair — avec une très longue description qui déborde (Corner Café)"
    ));
    assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
}

#[test]
fn the_slot_in_words_in_each_language() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    assert_eq!(
        when_words(
            at(27, 8, 0),
            at(27, 12, 0),
            Language::Fr,
            Clock::H24,
            &|_| paris
        ),
        "le vendredi 27 novembre de 09:00 à 13:00"
    );
    assert_eq!(
        when_words(
            at(27, 8, 0),
            at(28, 12, 0),
            Language::En,
            Clock::H24,
            &|_| paris
        ),
        "from Friday 27 November at 09:00 to Saturday 28 November at 13:00"
    );
    let new_york = FixedOffset::west_opt(5 * 3600).unwrap();
    assert_eq!(
        when_words(
            at(27, 13, 0),
            at(27, 17, 30),
            Language::En,
            Clock::H12,
            &|_| new_york
        ),
        "on Friday 27 November from 8:00 AM to 12:30 PM"
    );
}

#[test]
fn the_planned_outage_notice_is_ready_in_every_channel_and_both_languages() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    for language in [Language::En, Language::Fr] {
        let mut store = cafe(language);
        let card = store
            .list_services()
            .unwrap()
            .into_iter()
            .find(|s| s.details.customer_facing && !s.workarounds.is_empty())
            .unwrap();
        let planned = store
            .create_announced(
                &AnnouncedDetails {
                    what: AnnouncedWhat::Power,
                    label: String::new(),
                    starts_at: at(27, 8, 0),
                    expected_minutes: 240,
                    source: String::new(),
                    service_ids: vec![card.id],
                },
                at(20, 9, 0),
            )
            .unwrap();
        for &channel in Channel::ALL {
            let notice = store
                .draft_planned_notice(planned.id, channel, language, at(20, 9, 5), &|_| paris)
                .unwrap();
            let draft = &notice.draft;
            assert_eq!(draft.stage, Stage::Planned);
            assert!(
                draft.unfilled.is_empty(),
                "{language:?} {channel:?}: {draft:?}"
            );
            let when = match language {
                Language::En => "on Friday 27 November from 09:00 to 13:00",
                Language::Fr => "le vendredi 27 novembre de 09:00 à 13:00",
            };
            let all = format!(
                "{}\n{}",
                draft.subject.clone().unwrap_or_default(),
                draft.body
            );
            assert!(all.contains(when), "{language:?} {channel:?}: {all}");
            assert!(
                notice.check.warnings.is_empty(),
                "{:?}",
                notice.check.warnings
            );
        }
    }
    // The café's plan in English, its door sign in French.
    let mut store = cafe(Language::En);
    let planned = power_cut(&mut store);
    let door = store
        .draft_planned_notice(
            planned.id,
            Channel::Door,
            Language::Fr,
            at(20, 9, 5),
            &|_| paris,
        )
        .unwrap()
        .draft
        .body;
    assert!(
        door.starts_with("COUPURE PRÉVUE le vendredi 27 novembre de 10:00 à 14:00\n"),
        "{door}"
    );
}

#[test]
fn a_start_in_the_past_is_refused_but_a_running_one_can_be_extended() {
    let mut store = cafe(Language::En);
    let past = AnnouncedDetails {
        what: AnnouncedWhat::Internet,
        label: String::new(),
        starts_at: at(20, 6, 0),
        expected_minutes: 60,
        source: String::new(),
        service_ids: vec![],
    };
    let Err(CoreError::Validation(fields)) = store.create_announced(&past, at(20, 9, 0)) else {
        panic!("a start three hours ago was accepted");
    };
    assert_eq!(fields[0].field, "startsAt");
    assert_eq!(fields[0].problem, FieldProblem::NotAhead);
    assert!(store.list_announced(at(20, 9, 0)).unwrap().is_empty());

    let planned = power_cut(&mut store);
    let longer = AnnouncedDetails {
        expected_minutes: 480,
        ..planned.details.clone()
    };
    // During the cut, the company says it lasts longer: the start stays, the end moves.
    let extended = store
        .update_announced(planned.id, &longer, at(27, 10, 0))
        .unwrap();
    assert_eq!(extended.ends_at, at(27, 17, 0));
}

#[test]
fn one_planned_again_under_a_reused_id_reminds_again() {
    let mut store = cafe(Language::En);
    let first = power_cut(&mut store);
    assert_eq!(announced_now(&mut store, at(24, 9, 0)).len(), 1);
    store.delete_announced(first.id).unwrap();
    let second = store
        .create_announced(&first.details, at(20, 13, 0))
        .unwrap();
    assert_eq!(second.id, first.id, "SQLite gives the id back");
    assert_eq!(
        announced_now(&mut store, at(24, 9, 1)),
        [(
            ReminderKind::AnnouncedPhase,
            "Announced in 3 days: Power cut".to_owned()
        )]
    );
}

#[test]
fn with_an_outage_already_open_it_joins_it() {
    let mut store = cafe(Language::En);
    let planned = power_cut(&mut store);
    // The laptop noticed first, and the owner started the outage from its question.
    let power = service(&store, "Power and lighting");
    let open = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![power],
                ..IncidentStart::default()
            },
            at(27, 9, 2),
        )
        .unwrap();
    let joined = store.start_announced(planned.id, at(27, 9, 5)).unwrap();
    assert_eq!(joined.id, open.id);
    assert!(joined
        .timeline
        .iter()
        .any(|e| matches!(&e.happened, Happened::Note { text } if text.starts_with("Announced outage: Power cut"))));
    assert_eq!(
        store
            .announced(planned.id, at(27, 9, 6))
            .unwrap()
            .incident_id,
        Some(open.id)
    );
    assert_eq!(
        store
            .list_incidents(&Default::default(), at(27, 9, 6))
            .unwrap()
            .total,
        1
    );
}

/// The owner's label, as the form invites it, full of what customers must not read.
const LABEL: &str =
    "Street works on Rue de la Paix, Enedis planned cut PDL 14 2345 6789 — bring the fridge thermometer";

fn planned_with(store: &mut Store, what: AnnouncedWhat, service_ids: Vec<i64>) -> Announced {
    store
        .create_announced(
            &AnnouncedDetails {
                what,
                label: LABEL.into(),
                starts_at: at(27, 8, 0),
                expected_minutes: 240,
                source: "Courrier Enedis du 12 novembre".into(),
                service_ids,
            },
            at(20, 9, 0),
        )
        .unwrap()
}

#[test]
fn the_planned_notice_names_what_customers_notice_never_the_owners_label() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    let whats = [
        AnnouncedWhat::Power,
        AnnouncedWhat::Internet,
        AnnouncedWhat::Phone,
        AnnouncedWhat::Vendor,
        AnnouncedWhat::Other,
    ];
    for language in [Language::En, Language::Fr] {
        let mut store = cafe(language);
        let card = service(
            &store,
            match language {
                Language::En => "Card payments",
                Language::Fr => "Paiement par carte",
            },
        );
        for what in whats {
            for ticked in [vec![], vec![card]] {
                let planned = planned_with(&mut store, what, ticked.clone());
                for &channel in Channel::ALL {
                    let notice = store
                        .draft_planned_notice(planned.id, channel, language, at(20, 9, 5), &|_| {
                            paris
                        })
                        .unwrap();
                    let all = format!(
                        "{}\n{}",
                        notice.draft.subject.clone().unwrap_or_default(),
                        notice.draft.body
                    );
                    let case = format!("{language:?} {what:?} {channel:?} {ticked:?}: {all}");
                    for internal in [
                        "Enedis", "Paix", "2345", "thermom", "Street", "PDL", "Courrier",
                    ] {
                        assert!(!all.contains(internal), "{internal} in {case}");
                    }
                    // It reads as a sentence: what is down is named, as customers say it.
                    let named = if ticked.is_empty() {
                        what.customer_words(language).to_owned()
                    } else {
                        crate::notices::mid_sentence(
                            &store
                                .list_services()
                                .unwrap()
                                .into_iter()
                                .find(|s| s.id == card)
                                .unwrap()
                                .details
                                .name,
                        )
                    };
                    assert!(
                        all.to_lowercase().contains(&named.to_lowercase()),
                        "{named} not in {case}"
                    );
                    // The draft as Steady wrote it raises no warning of its own.
                    assert!(
                        notice.check.warnings.is_empty(),
                        "{case}: {:?}",
                        notice.check.warnings
                    );
                    // The label typed into the notice is flagged, and so is each name in it.
                    let typed = format!("{} {LABEL}. Ask Enedis.", notice.draft.body);
                    let check = check_planned(
                        &store,
                        planned.id,
                        channel,
                        language,
                        None,
                        &typed,
                        at(20, 9, 5),
                        &|_| paris,
                    );
                    let flagged: Vec<&str> =
                        check.warnings.iter().map(|w| w.matched.as_str()).collect();
                    for internal in ["Enedis", "Paix", "2345", "6789"] {
                        assert!(
                            flagged.iter().filter(|m| m.contains(internal)).count() >= 1,
                            "{internal} not flagged in {case}: {flagged:?}"
                        );
                    }
                    assert!(
                        flagged
                            .iter()
                            .any(|m| m.to_lowercase().contains("bring the fridge")),
                        "{case}: {flagged:?}"
                    );
                    // The source's name stands for the provider, with the usual safer words.
                    let ask = check
                        .warnings
                        .iter()
                        .rfind(|w| w.matched == "Enedis")
                        .unwrap();
                    assert_eq!(
                        ask.kind,
                        crate::notices::disclosure::WarningKind::ProviderName
                    );
                    assert!(!ask.suggestion.is_empty());
                }
                store.delete_announced(planned.id).unwrap();
            }
        }
    }
}

#[test]
fn no_alternative_only_when_the_plan_truly_has_none() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    let mut store = cafe(Language::En);
    let sms = |store: &Store, id: i64| {
        store
            .draft_planned_notice(id, Channel::Sms, Language::En, at(20, 9, 5), &|_| paris)
            .unwrap()
    };
    // Card payments: cash only, as its workaround tells customers.
    let card = service(&store, "Card payments");
    let planned = planned_with(&mut store, AnnouncedWhat::Power, vec![card]);
    let body = sms(&store, planned.id).draft.body;
    assert!(body.contains("cash only"), "{body}");
    assert!(!body.contains("no alternative"), "{body}");
    // Nothing ticked: Steady cannot know what customers can do, and leaves it to fill.
    let nothing = planned_with(&mut store, AnnouncedWhat::Power, vec![]);
    let notice = sms(&store, nothing.id);
    assert!(
        !notice.draft.body.contains("no alternative"),
        "{}",
        notice.draft.body
    );
    assert_eq!(
        notice.draft.unfilled,
        vec!["[WHAT CUSTOMERS CAN DO INSTEAD]"]
    );
    // What only the business misses (the internet behind the till) is its own affair: its
    // workaround is not offered to customers.
    let internet = service(&store, "Internet");
    let both = planned_with(&mut store, AnnouncedWhat::Power, vec![card, internet]);
    let body = sms(&store, both.id).draft.body;
    assert!(body.contains("cash only"), "{body}");
    assert!(!body.to_lowercase().contains("hotspot"), "{body}");
    // A service whose workarounds all need what is down too, or that has none: said plainly.
    let mut details = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.id == internet)
        .unwrap()
        .details;
    details.customer_facing = true;
    store
        .update_service(internet, &details, at(20, 9, 0))
        .unwrap();
    for workaround in store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.id == internet)
        .unwrap()
        .workarounds
    {
        store.delete_workaround(workaround.id).unwrap();
    }
    let bare = planned_with(&mut store, AnnouncedWhat::Internet, vec![internet]);
    let body = sms(&store, bare.id).draft.body;
    assert!(body.contains("There is no alternative for now"), "{body}");
}

#[test]
fn a_power_cut_ticks_the_services_that_need_power() {
    let store = cafe(Language::En);
    let names = |what| {
        let ids = store.services_taken_down_by(what).unwrap();
        let mut names: Vec<String> = store
            .list_services()
            .unwrap()
            .into_iter()
            .filter(|s| ids.contains(&s.id))
            .map(|s| s.details.name)
            .collect();
        names.sort();
        names
    };
    let power = names(AnnouncedWhat::Power);
    for needs_power in [
        "Card payments",
        "Power and lighting",
        "Refrigeration",
        "Internet",
    ] {
        assert!(power.iter().any(|n| n == needs_power), "{power:?}");
    }
    let internet = names(AnnouncedWhat::Internet);
    assert!(
        internet.iter().any(|n| n == "Card payments"),
        "{internet:?}"
    );
    assert!(
        !internet.iter().any(|n| n == "Refrigeration"),
        "{internet:?}"
    );
    assert!(names(AnnouncedWhat::Other).is_empty());
}

#[test]
fn the_notice_writes_times_as_the_country_does() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &corner_cafe(Language::En, Some(crate::business::Country::UnitedStates)),
            at(20, 8, 0),
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(20, 8, 0))
        .unwrap();
    let planned = planned_with(&mut store, AnnouncedWhat::Power, vec![]);
    let new_york = FixedOffset::west_opt(5 * 3600).unwrap();
    let en = store
        .draft_planned_notice(
            planned.id,
            Channel::Sms,
            Language::En,
            at(20, 9, 5),
            &|_| new_york,
        )
        .unwrap();
    assert!(
        en.draft.body.contains("from 3:00 AM to 7:00 AM"),
        "{}",
        en.draft.body
    );
    let fr = store
        .draft_planned_notice(
            planned.id,
            Channel::Sms,
            Language::Fr,
            at(20, 9, 5),
            &|_| new_york,
        )
        .unwrap();
    assert!(
        fr.draft.body.contains("de 03:00 à 07:00"),
        "{}",
        fr.draft.body
    );
}

#[test]
fn the_live_outage_it_becomes_keeps_the_label_from_customers_too() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    let mut store = cafe(Language::En);
    let planned = planned_with(&mut store, AnnouncedWhat::Power, vec![]);
    let incident = store.start_announced(planned.id, at(27, 8, 5)).unwrap();
    for &channel in Channel::ALL {
        let notice = store
            .draft_notice(
                incident.id,
                Stage::Initial,
                channel,
                Language::En,
                at(27, 8, 6),
                paris,
            )
            .unwrap();
        let all = format!(
            "{}\n{}",
            notice.draft.subject.clone().unwrap_or_default(),
            notice.draft.body
        );
        for internal in ["Enedis", "Paix", "2345", "thermom", "Street"] {
            assert!(!all.contains(internal), "{internal} in {channel:?}: {all}");
        }
        assert!(
            all.to_lowercase()
                .contains("our services that need electricity"),
            "{all}"
        );
        assert!(
            notice.check.warnings.is_empty(),
            "{:?}",
            notice.check.warnings
        );
        let typed = format!("{} {LABEL}", notice.draft.body);
        let check = store
            .check_notice(incident.id, channel, Language::En, None, &typed)
            .unwrap();
        let flagged: Vec<&str> = check.warnings.iter().map(|w| w.matched.as_str()).collect();
        for internal in ["Enedis", "Paix", "2345"] {
            assert!(
                flagged.iter().any(|m| m.contains(internal)),
                "{internal} not flagged: {flagged:?}"
            );
        }
    }
}

#[test]
fn labels_that_share_words_with_the_notice_raise_no_warning_on_steadys_own_draft() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    let labels = [
        "Power cut Friday 27 November",
        "Coupure vendredi 27 novembre",
        "Cut 9 AM–1 PM, Enedis",
        "Maintenance Internet",
        "Enedis works on Card payments and Power and lighting",
        "Travaux Enedis : Paiement par carte coupé",
        "Corner Café closed 2000 hours",
    ];
    for language in [Language::En, Language::Fr] {
        let mut store = cafe(language);
        let facing: Vec<i64> = store
            .list_services()
            .unwrap()
            .into_iter()
            .filter(|s| s.details.customer_facing)
            .map(|s| s.id)
            .take(2)
            .collect();
        for label in labels {
            for what in [AnnouncedWhat::Power, AnnouncedWhat::Internet] {
                for ticked in [vec![], facing.clone()] {
                    let planned = store
                        .create_announced(
                            &AnnouncedDetails {
                                what,
                                label: label.into(),
                                starts_at: at(27, 8, 0),
                                expected_minutes: 240,
                                source: "Enedis letter".into(),
                                service_ids: ticked.clone(),
                            },
                            at(20, 9, 0),
                        )
                        .unwrap();
                    for &channel in Channel::ALL {
                        let notice = store
                            .draft_planned_notice(
                                planned.id,
                                channel,
                                language,
                                at(20, 9, 5),
                                &|_| paris,
                            )
                            .unwrap();
                        assert!(
                            notice.check.warnings.is_empty(),
                            "{language:?} {label:?} {what:?} {channel:?} {ticked:?}: {:?}\n{}",
                            notice.check.warnings,
                            notice.draft.body
                        );
                    }
                    // The source's first word is whoever announced it: a provider.
                    let check = check_planned(
                        &store,
                        planned.id,
                        Channel::Sms,
                        language,
                        None,
                        "Ask Enedis about it.",
                        at(20, 9, 5),
                        &|_| paris,
                    );
                    assert_eq!(
                        check.warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
                        [crate::notices::disclosure::WarningKind::ProviderName],
                        "{label:?}"
                    );
                    store.delete_announced(planned.id).unwrap();
                }
            }
        }
    }
}

/// The check of a planned notice's text as the owner typed it.
#[allow(clippy::too_many_arguments)]
fn check_planned(
    store: &Store,
    id: i64,
    channel: Channel,
    language: Language,
    subject: Option<&str>,
    body: &str,
    now: DateTime<Utc>,
    offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> crate::notices::incident::NoticeCheck {
    let context = store
        .planned_disclosure_context(id, language, now, offset_at)
        .unwrap();
    check_notice_text(&context, channel, language, subject, body).unwrap()
}
