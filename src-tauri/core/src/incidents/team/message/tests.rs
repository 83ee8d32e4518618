#![allow(clippy::unwrap_used)]

use chrono::FixedOffset;

use super::*;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::incidents::{AssessInput, CallInput, Cause, IncidentStart};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::testing::{at, corner_cafe};

/// A café with Ana (calls providers, Karim standing in) and Karim, an outage of its card
/// payments since 09:00 with the bank's ticket, and the call to the bank handed to Karim.
struct Cafe {
    store: Store,
    incident: i64,
}

fn staff(store: &mut Store, name: &str, number: &str) -> i64 {
    store
        .create_contact(
            &ContactDetails {
                person: name.into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: number.into(),
                }],
                ..ContactDetails::new(ContactKind::Staff)
            },
            at(20, 8, 0),
        )
        .unwrap()
        .id
}

/// The roles, the owner's details and the call to the bank handed to Karim.
fn team(store: &mut Store, ana: i64, karim: i64, bank: i64, incident: i64) {
    use crate::team::{RoleDetails, RoleKind, TeamSettings};
    let role = |kind, name: &str, holder_ids: Vec<i64>, stand_in_id| RoleDetails {
        kind,
        name: name.into(),
        duties: Vec::new(),
        holder_ids,
        stand_in_id,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    };
    for details in [
        role(RoleKind::CallsProviders, "", vec![ana], Some(karim)),
        role(RoleKind::Own, "Keeps the terrace", vec![karim, ana], None),
        role(RoleKind::It, "", Vec::new(), None),
    ] {
        store.save_role(None, &details, at(20, 8, 0)).unwrap();
    }
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Élise Martin".into(),
                owner_phone: "06 12 34 56 78".into(),
                deputy_id: None,
            },
            at(20, 8, 0),
        )
        .unwrap();
    store
        .hand_off(incident, &format!("call:{bank}"), Some(karim), at(20, 9, 5))
        .unwrap();
}

fn cafe(language: Language, danger: bool, assembly_point: &str) -> Cafe {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&corner_cafe(language, None), at(20, 8, 0))
        .unwrap();
    let ana = staff(&mut store, "Ana Lima", "06 11 22 33 44");
    let karim = staff(&mut store, "Karim Benali", "06 55 44 33 22");
    let bank = store
        .create_contact(
            &ContactDetails {
                organisation: "Banque Ouest".into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: "01 23 45 67 89".into(),
                }],
                ..ContactDetails::new(ContactKind::CardPayments)
            },
            at(20, 8, 0),
        )
        .unwrap()
        .id;
    let cards = store
        .create_service(
            &ServiceDetails {
                name: "Card payments".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 30,
                customers_affected: None,
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: String::new(),
                contact_ids: vec![bank],
            },
            at(20, 8, 0),
        )
        .unwrap()
        .id;
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = assembly_point.into();
    store.save_safety(&safety, at(20, 8, 0)).unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![cards],
                something_else: "Wi-Fi".into(),
                started_at: None,
            },
            at(20, 9, 0),
        )
        .unwrap()
        .id;
    store
        .assess_incident(
            incident,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Power,
                danger,
                customers_affected: None,
                expected_minutes: Some(90),
            },
            at(20, 9, 1),
        )
        .unwrap();
    store
        .log_call(
            incident,
            &CallInput {
                contact_id: Some(bank),
                contact_name: String::new(),
                ticket: "TCK-5521".into(),
                spoke_to: String::new(),
                eta: Some(at(20, 11, 0)),
                call_back_at: None,
                notes: String::new(),
            },
            at(20, 9, 10),
        )
        .unwrap();
    team(&mut store, ana, karim, bank, incident);
    Cafe { store, incident }
}

fn message(cafe: &Cafe, language: Language, now: DateTime<Utc>) -> TeamMessage {
    cafe.store
        .team_message(
            cafe.incident,
            language,
            now,
            FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap()
}

#[test]
fn the_message_says_what_happened_where_to_go_who_does_what_and_the_tickets_in_english() {
    let cafe = cafe(Language::En, false, "The bus stop");
    let got = message(&cafe, Language::En, at(20, 9, 30));
    assert_eq!(
        got.text,
        "Corner Café: outage, message to the team\n\
         \n\
         What is down: Card payments and Wi-Fi, since 09:00.\n\
         Expected to last about 1 hour 30 minutes.\n\
         \n\
         Where to go\n\
         To work as usual: we carry on with the workarounds.\n\
         \n\
         Who does what\n\
         - Calls providers: Ana Lima (stand-in: Karim Benali)\n\
         - Keeps the terrace: Karim Benali and Ana Lima\n\
         \n\
         Handed over during the outage\n\
         - Karim Benali calls Banque Ouest\n\
         \n\
         Providers' tickets\n\
         - Banque Ouest: TCK-5521 (promised for 11:00)\n\
         \n\
         Cannot reach anyone? Call Élise Martin: 06 12 34 56 78"
    );
    assert_eq!(
        got.sms,
        "Corner Café: outage since 09:00: Card payments and Wi-Fi. About 1 hour 30 minutes. \
         Come to work as usual. Karim Benali calls Banque Ouest. Ticket Banque Ouest: TCK-5521."
    );
    assert_eq!(got.language, Language::En);
    assert!(
        !got.text.contains("IT"),
        "a role nobody holds is not said: {}",
        got.text
    );
}

#[test]
fn the_message_in_french_with_a_danger_says_do_not_come_in_and_where_to_meet_first() {
    let cafe = cafe(Language::Fr, true, "L’arrêt de bus en face");
    let got = message(&cafe, Language::Fr, at(20, 9, 30));
    assert!(
        got.sms
            .starts_with("DANGER : n’entrez pas. Point de rassemblement : L’arrêt de bus en face."),
        "{}",
        got.sms
    );
    assert!(
        got.sms
            .contains("Corner Café : panne depuis 09:00 : Card payments et Wi-Fi."),
        "{}",
        got.sms
    );
    assert!(!got.sms.contains("comme d’habitude"), "{}", got.sms);
    assert!(got.sms.contains("Incident Banque Ouest : TCK-5521."));
    for line in [
        "Corner Café : panne, message à l’équipe",
        "Ce qui est en panne : Card payments et Wi-Fi, depuis 09:00.",
        "Durée prévue : environ 1 heure 30 minutes.",
        "Où aller\nN’entrez pas. Allez au point de rassemblement : L’arrêt de bus en face.",
        "Qui fait quoi\n- Appelle les fournisseurs : Ana Lima (remplaçant : Karim Benali)",
        "- Keeps the terrace : Karim Benali et Ana Lima",
        "Confié pendant la panne\n- Karim Benali appelle Banque Ouest",
        "- Banque Ouest : TCK-5521 (promis pour 11:00)",
        "Personne ne répond ? Appelez Élise Martin : 06 12 34 56 78",
    ] {
        assert!(got.text.contains(line), "{line:?} not in:\n{}", got.text);
    }
    // The other language is asked for, and given, whatever the business speaks.
    let english = message(&cafe, Language::En, at(20, 9, 30));
    assert!(english
        .sms
        .starts_with("DANGER: do not come in. Assembly point: L’arrêt de bus en face."));
}

#[test]
fn a_danger_without_an_assembly_point_still_says_stay_out_and_another_day_gives_the_date() {
    let cafe = cafe(Language::En, true, "  ");
    let got = message(&cafe, Language::En, at(21, 8, 0));
    assert!(
        got.text
            .contains("Do not come in. Stay away until you are called."),
        "{}",
        got.text
    );
    assert!(got
        .sms
        .starts_with("DANGER: do not come in. Wait for a call."));
    assert!(
        got.text.contains("since 20 November, 09:00."),
        "{}",
        got.text
    );
    let french = message(&cafe, Language::Fr, at(21, 8, 0));
    assert!(
        french.text.contains("depuis le 20 novembre à 09:00."),
        "{}",
        french.text
    );
}

#[test]
fn once_resolved_the_message_says_it_is_over_and_no_one_need_come() {
    let mut cafe = cafe(Language::En, false, "The bus stop");
    let service = cafe
        .store
        .incident(cafe.incident, at(20, 10, 0))
        .unwrap()
        .services[0]
        .id;
    cafe.store
        .confirm_restored(cafe.incident, service, at(20, 10, 14))
        .unwrap();
    cafe.store
        .resolve_incident(cafe.incident, at(20, 10, 15))
        .unwrap();
    let got = message(&cafe, Language::En, at(20, 10, 20));
    assert!(got.text.contains(
        "What was down: Card payments and Wi-Fi. Started 09:00, over 10:15. It works again."
    ));
    assert!(got
        .text
        .contains("Where to go\nNothing to change: it is over."));
    assert!(!got.text.contains("as usual"));
    assert_eq!(
        got.sms,
        "Corner Café: it works again since 10:15 (Card payments and Wi-Fi)."
    );
}

#[test]
fn a_drills_message_says_it_is_a_drill_first_and_a_real_ones_does_not() {
    let cafe = cafe(Language::En, true, "The bus stop");
    let real = message(&cafe, Language::En, at(20, 9, 30));
    assert!(!real.sms.contains("DRILL") && !real.text.contains("DRILL"));
    cafe.store
        .conn
        .execute(
            "UPDATE incidents SET drill = 1 WHERE id = ?1",
            [cafe.incident],
        )
        .unwrap();
    for language in [Language::En, Language::Fr] {
        let drill = message(&cafe, language, at(20, 9, 30));
        assert!(
            drill.sms.starts_with("EXERCICE / DRILL — "),
            "{}",
            drill.sms
        );
        assert!(
            drill.text.starts_with("EXERCICE / DRILL\n\n"),
            "{}",
            drill.text
        );
    }
}

#[test]
fn the_message_reads_only() {
    let cafe = cafe(Language::En, false, "");
    let before = crate::testing::dump(&cafe.store);
    message(&cafe, Language::En, at(20, 9, 30));
    message(&cafe, Language::Fr, at(20, 9, 30));
    assert_eq!(crate::testing::dump(&cafe.store), before);
}

#[test]
fn every_language_has_every_word_and_none_is_blank() {
    for (language, json) in WORDS.files() {
        let words: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{language:?}: the data does not read: {e}"));
        serde_json::from_str::<Words>(json)
            .unwrap_or_else(|e| panic!("{language:?}: a word is missing or unknown: {e}"));
        for (key, word) in &words {
            assert!(
                word.as_str().is_some_and(|w| !w.trim().is_empty()),
                "{language:?}: {key} is blank"
            );
        }
    }
}

#[test]
fn the_team_message_pasted_into_a_customer_notice_is_flagged_by_the_disclosure_check() {
    use crate::notices::disclosure::WarningKind;
    use crate::notices::Channel;
    let cafe = cafe(Language::En, false, "");
    for language in [Language::En, Language::Fr] {
        let got = message(&cafe, language, at(20, 9, 30));
        for (channel, text) in [(Channel::Sms, &got.sms), (Channel::Email, &got.text)] {
            let check = cafe
                .store
                .check_notice(cafe.incident, channel, language, None, text)
                .unwrap();
            let flagged = |kind: WarningKind, matched: &str| {
                check
                    .warnings
                    .iter()
                    .any(|w| w.kind == kind && w.matched == matched)
            };
            assert!(
                flagged(WarningKind::Identifier, "TCK-5521"),
                "{language:?} {channel:?}: {:?}",
                check.warnings
            );
            assert!(
                flagged(WarningKind::ProviderName, "Banque Ouest"),
                "{language:?} {channel:?}: {:?}",
                check.warnings
            );
            assert!(
                flagged(WarningKind::StaffName, "Karim"),
                "{language:?} {channel:?}: {:?}",
                check.warnings
            );
        }
    }
}

/// Who is here, who is on the way and when they arrive, who cannot come: as the Team panel
/// was marked, in the message and (who is on the way) in the SMS.
#[test]
fn the_message_says_who_is_here_and_who_is_on_the_way_and_when() {
    use crate::incidents::team::{CheckInInput, TeamState};
    let mut cafe = cafe(Language::En, false, "The bus stop");
    let ids: Vec<(String, i64)> = cafe
        .store
        .incident_team(cafe.incident, at(20, 9, 20))
        .unwrap()
        .people
        .into_iter()
        .map(|p| (p.name, p.contact_id))
        .collect();
    let id = |name: &str| ids.iter().find(|(n, _)| n == name).unwrap().1;
    let before = message(&cafe, Language::En, at(20, 9, 20));
    assert!(
        !before.text.contains("Where the team stands"),
        "nobody marked yet: {}",
        before.text
    );
    for (name, state, arrival_at) in [
        ("Ana Lima", TeamState::Here, None),
        ("Karim Benali", TeamState::OnTheWay, Some(at(20, 9, 45))),
    ] {
        cafe.store
            .check_in(
                cafe.incident,
                &CheckInInput {
                    contact_id: id(name),
                    state,
                    at: None,
                    arrival_at,
                },
                at(20, 9, 20),
            )
            .unwrap();
    }
    let got = message(&cafe, Language::En, at(20, 9, 30));
    assert!(
        got.text.contains(
            "\n\nWhere the team stands\n- Here: Ana Lima\n- On the way: Karim Benali (about 09:45)\n"
        ),
        "{}",
        got.text
    );
    assert!(
        got.sms
            .contains("Karim Benali calls Banque Ouest. On the way: Karim Benali (about 09:45)."),
        "{}",
        got.sms
    );
    let french = message(&cafe, Language::Fr, at(20, 9, 30));
    assert!(
        french.text.contains(
            "Où en est l’équipe\n- Sur place : Ana Lima\n- En route : Karim Benali (vers 09:45)\n"
        ),
        "{}",
        french.text
    );
}
