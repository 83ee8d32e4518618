use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{summary_of, ReminderKind, ReminderSettings};
use crate::business::{BusinessInput, Language};
use crate::contacts::{ContactDetails, ContactKind};
use crate::error::{CoreError, FieldProblem};
use crate::incidents::severity::Severity;
use crate::incidents::team::{CheckInInput, TeamState};
use crate::incidents::{AssessInput, CallInput, Cause, IncidentStart, NoticeInput};
use crate::notices::{Channel, Stage};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::print::PrintDocument;
use crate::store::Store;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, 0).unwrap()
}

/// A café with one service of the given priority; returns the service's id.
fn cafe(store: &mut Store, priority: Priority) -> i64 {
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), at(8, 0))
        .unwrap();
    store
        .create_service(
            &ServiceDetails {
                name: "Card payments".into(),
                priority,
                customer_facing: true,
                max_downtime_minutes: 60,
                customers_affected: Some(20),
                customers_per: CustomersPer::Hour,
                no_workaround: true,
                notes: String::new(),
                contact_ids: Vec::new(),
            },
            at(8, 0),
        )
        .unwrap()
        .id
}

/// An open outage of `service` from 9:00, expected to last `hours`.
fn outage(store: &mut Store, service: i64, hours: u32, danger: bool) -> i64 {
    let id = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap()
        .id;
    store
        .assess_incident(
            id,
            &AssessInput {
                summary: String::new(),
                cause: Cause::Internet,
                danger,
                customers_affected: None,
                expected_minutes: Some(hours * 60),
            },
            at(9, 1),
        )
        .unwrap();
    id
}

/// No customer-update reminders, to look at the others alone.
fn without_updates(store: &mut Store) {
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: None,
            major_every: None,
            minor_every: None,
        })
        .unwrap();
}

fn notice(store: &mut Store, id: i64, now: DateTime<Utc>) {
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Cash only for now.".into(),
            },
            now,
        )
        .unwrap();
}

fn call(store: &mut Store, id: i64, eta: Option<DateTime<Utc>>, back: Option<DateTime<Utc>>) {
    store
        .log_call(
            id,
            &CallInput {
                contact_id: None,
                contact_name: "SumUp".into(),
                ticket: "INC-42".into(),
                spoke_to: String::new(),
                eta,
                call_back_at: back,
                notes: String::new(),
            },
            at(9, 5),
        )
        .unwrap();
}

fn kinds_due(store: &Store, now: DateTime<Utc>) -> Vec<ReminderKind> {
    store
        .due_reminders(now)
        .unwrap()
        .iter()
        .map(|r| r.kind)
        .collect()
}

#[test]
fn customer_updates_follow_the_cadence_of_the_severity() {
    // (priority, expected hours, the severity it gives, when the update after a 10:00
    // notice is due)
    for (priority, hours, severity, due) in [
        (Priority::Essential, 3, Severity::Critical, Some(at(10, 30))),
        (Priority::Essential, 1, Severity::Major, Some(at(11, 0))),
        (Priority::CanWait, 1, Severity::Minor, None),
    ] {
        let mut store = Store::open_in_memory().unwrap();
        let service = cafe(&mut store, priority);
        let id = outage(&mut store, service, hours, false);
        assert_eq!(store.incident(id, at(10, 0)).unwrap().severity, severity);
        notice(&mut store, id, at(10, 0));
        let update = store
            .reminders(at(10, 0))
            .unwrap()
            .into_iter()
            .find(|r| r.kind == ReminderKind::CustomerUpdate);
        assert_eq!(update.as_ref().map(|r| r.due_at), due, "{severity:?}");
        assert_eq!(store.incident(id, at(10, 0)).unwrap().next_update_due, due);
        if let Some(update) = update {
            assert_eq!(update.title, "Time to update your customers");
            assert_eq!(
                update.body,
                format!("{severity:?} outage: Card payments. Tell customers how it is going.")
            );
        }
    }
}

#[test]
fn the_owner_sets_the_cadence_and_a_first_notice_is_asked_for() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Essential);
    let id = outage(&mut store, service, 3, false);
    let mut settings = store.reminder_settings().unwrap();
    assert_eq!(
        settings,
        ReminderSettings {
            notifications: true,
            critical_every: Some(30),
            major_every: Some(60),
            minor_every: None,
        }
    );
    // No notice yet: the first one is due a cadence after the start.
    let first = &store.reminders(at(9, 2)).unwrap()[0];
    assert_eq!(first.key.to_string(), format!("update:{id}:first"));
    assert_eq!(first.due_at, at(9, 30));
    assert!(first.body.contains("Customers have not been told yet."));

    settings.critical_every = Some(15);
    store.save_reminder_settings(&settings).unwrap();
    notice(&mut store, id, at(10, 0));
    let next = &store.reminders(at(10, 0)).unwrap()[0];
    assert_eq!(next.due_at, at(10, 15));
    assert_eq!(
        store.incident(id, at(10, 0)).unwrap().next_update_due,
        Some(at(10, 15))
    );
}

#[test]
fn settings_out_of_range_are_refused_and_change_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let before = store.reminder_settings().unwrap();
    let bad = ReminderSettings {
        notifications: false,
        critical_every: Some(0),
        major_every: Some(2000),
        minor_every: Some(90),
    };
    match store.save_reminder_settings(&bad) {
        Err(CoreError::Validation(fields)) => {
            let problems: Vec<(&str, &FieldProblem)> = fields
                .iter()
                .map(|f| (f.field.as_str(), &f.problem))
                .collect();
            assert_eq!(
                problems,
                [
                    ("criticalEvery", &FieldProblem::NotPositive),
                    ("majorEvery", &FieldProblem::TooLarge { max: 1440 }),
                ]
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(store.reminder_settings().unwrap(), before);
}

#[test]
fn a_passed_eta_and_a_call_back_time_come_due_on_time() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let id = outage(&mut store, service, 1, false);
    call(&mut store, id, Some(at(11, 0)), Some(at(10, 30)));

    assert!(kinds_due(&store, at(10, 29)).is_empty());
    assert_eq!(
        store.next_reminder_at(at(10, 29)).unwrap(),
        Some(at(10, 30))
    );
    assert_eq!(kinds_due(&store, at(10, 30)), [ReminderKind::CallBack]);
    assert_eq!(store.next_reminder_at(at(10, 30)).unwrap(), Some(at(11, 0)));
    let due = store.due_reminders(at(11, 0)).unwrap();
    assert_eq!(
        due.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [ReminderKind::CallBack, ReminderKind::EtaPassed]
    );
    assert_eq!(due[0].title, "Time to call SumUp back");
    assert_eq!(due[0].body, "Ticket INC-42.");
    assert_eq!(due[1].title, "Call back SumUp?");
    assert_eq!(
        due[1].body,
        "They said it would be fixed by now. Ticket INC-42."
    );
    assert!(due.iter().all(|r| r.incident_id == Some(id)));
}

#[test]
fn danger_asks_to_check_everyone_is_safe_at_once() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    outage(&mut store, service, 1, true);
    let due = store.due_reminders(at(9, 1)).unwrap();
    assert_eq!(due[0].kind, ReminderKind::CheckSafety);
    assert_eq!(due[0].title, "Check everyone is safe");
}

#[test]
fn each_reminder_is_announced_once() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let id = outage(&mut store, service, 1, false);
    call(&mut store, id, Some(at(11, 0)), None);
    assert!(store.take_unannounced(at(10, 59)).unwrap().is_empty());
    let first = store.take_unannounced(at(11, 0)).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(
        first[0].key.to_string(),
        format!("eta:{}", store.incident(id, at(11, 0)).unwrap().calls[0].id)
    );
    assert!(store.take_unannounced(at(11, 1)).unwrap().is_empty());
    assert!(store.take_unannounced(at(13, 0)).unwrap().is_empty());
    // Still showing in the app until dealt with.
    assert_eq!(kinds_due(&store, at(13, 0)), [ReminderKind::EtaPassed]);
}

#[test]
fn snoozing_hides_a_reminder_until_then_and_it_is_announced_again() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let id = outage(&mut store, service, 1, false);
    call(&mut store, id, Some(at(11, 0)), None);
    let key = store.take_unannounced(at(11, 0)).unwrap()[0].key.clone();
    store.snooze_reminder(&key.to_string(), at(11, 15)).unwrap();
    assert!(kinds_due(&store, at(11, 5)).is_empty());
    assert_eq!(store.next_reminder_at(at(11, 5)).unwrap(), Some(at(11, 15)));
    assert!(store.take_unannounced(at(11, 14)).unwrap().is_empty());
    assert_eq!(store.take_unannounced(at(11, 15)).unwrap().len(), 1);
    assert!(store.take_unannounced(at(11, 16)).unwrap().is_empty());
}

#[test]
fn a_dismissed_reminder_never_comes_back_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let key = {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        let service = cafe(&mut store, Priority::Important);
        without_updates(&mut store);
        let id = outage(&mut store, service, 1, false);
        call(&mut store, id, Some(at(11, 0)), None);
        let key = store.due_reminders(at(11, 0)).unwrap()[0].key.clone();
        store.dismiss_reminder(&key.to_string(), at(11, 1)).unwrap();
        key
    };
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    for now in [at(11, 2), at(15, 0)] {
        assert!(store.reminders(now).unwrap().iter().all(|r| r.key != key));
        assert!(store
            .take_unannounced(now)
            .unwrap()
            .iter()
            .all(|r| r.key != key));
    }
    assert_eq!(store.next_reminder_at(at(11, 2)).unwrap(), None);
}

#[test]
fn what_fell_due_while_closed_is_handed_over_at_once_for_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        let service = cafe(&mut store, Priority::Essential);
        let id = outage(&mut store, service, 3, true);
        assert_eq!(
            store.take_unannounced(at(9, 2)).unwrap().len(),
            1,
            "safety, at once"
        );
        notice(&mut store, id, at(9, 10));
        call(&mut store, id, Some(at(10, 0)), Some(at(11, 0)));
    }
    // Steady was closed from 9:10 to 12:00.
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let missed = store.take_unannounced(at(12, 0)).unwrap();
    assert_eq!(
        missed.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [
            ReminderKind::CustomerUpdate,
            ReminderKind::EtaPassed,
            ReminderKind::CallBack,
        ]
    );
    let (title, body) = summary_of(&missed, Language::En);
    assert_eq!(title, "3 reminders are waiting");
    assert_eq!(
        body,
        "• Time to update your customers\n• Call back SumUp?\n• Time to call SumUp back"
    );
    assert!(store.take_unannounced(at(12, 1)).unwrap().is_empty());
}

#[test]
fn calm_days_bring_the_plan_review_and_an_out_of_date_printout() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    let created = at(8, 0);
    let review = store.reminders(created).unwrap();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].kind, ReminderKind::PlanReview);
    assert_eq!(
        review[0].due_at,
        Utc.with_ymd_and_hms(2027, 5, 28, 8, 0, 0).unwrap()
    );

    store
        .record_printed(PrintDocument::Binder, at(9, 0))
        .unwrap();
    assert!(store
        .reminders(at(9, 0))
        .unwrap()
        .iter()
        .all(|r| r.kind != ReminderKind::Reprint));
    store
        .create_contact(
            &ContactDetails {
                organisation: "La Banque".into(),
                ..ContactDetails::new(ContactKind::Bank)
            },
            at(9, 30),
        )
        .unwrap();
    let reprint = store
        .reminders(at(9, 30))
        .unwrap()
        .into_iter()
        .find(|r| r.kind == ReminderKind::Reprint)
        .expect("the plan changed since it was printed");
    assert_eq!(reprint.due_at, at(9, 0) + Duration::hours(24));
    assert_eq!(reprint.title, "Your printed plan is out of date");

    // During an outage, only the outage's reminders.
    let id = outage(&mut store, service, 1, false);
    assert!(store
        .reminders(at(9, 30))
        .unwrap()
        .iter()
        .all(|r| r.incident_id == Some(id)));
}

#[test]
fn a_resolved_incident_reminds_of_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Essential);
    let id = outage(&mut store, service, 3, true);
    call(&mut store, id, Some(at(10, 0)), None);
    let row = store.incident(id, at(9, 30)).unwrap().services[0].id;
    store.confirm_restored(id, row, at(9, 45)).unwrap();
    assert!(store
        .reminders(at(12, 0))
        .unwrap()
        .iter()
        .all(|r| r.incident_id.is_none()));
}

#[test]
fn a_french_business_is_reminded_in_french() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    let mut business = store.business().unwrap().unwrap();
    business.language = Language::Fr;
    store
        .save_business(
            &BusinessInput {
                name: business.name,
                business_type: business.business_type,
                language: Language::Fr,
                country: None,
            },
            at(8, 1),
        )
        .unwrap();
    let id = outage(&mut store, service, 1, true);
    call(&mut store, id, Some(at(10, 0)), None);
    let due = store.due_reminders(at(10, 0)).unwrap();
    let title = |kind| due.iter().find(|r| r.kind == kind).unwrap().title.as_str();
    assert_eq!(
        title(ReminderKind::CheckSafety),
        "Vérifiez que tout le monde est en sécurité"
    );
    assert_eq!(title(ReminderKind::EtaPassed), "Rappeler SumUp ?");
    assert_eq!(
        title(ReminderKind::CustomerUpdate),
        "Il est temps de tenir vos clients informés"
    );
    assert_eq!(summary_of(&due, Language::Fr).0, "3 rappels en attente");
}

#[test]
fn an_update_reminder_fires_once_even_when_the_severity_rises_or_the_cadence_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Essential);
    // Expected within the hour's tolerance: Major, an update every hour.
    let id = outage(&mut store, service, 1, false);
    notice(&mut store, id, at(9, 5));
    let fired = store.take_unannounced(at(10, 5)).unwrap();
    assert_eq!(fired.len(), 1);
    // By 10:05 it has outlasted the plan: Critical, whose update was due at 9:35.
    assert_eq!(
        store.incident(id, at(10, 5)).unwrap().severity,
        Severity::Critical
    );
    assert!(store.take_unannounced(at(10, 6)).unwrap().is_empty());
    let mut settings = store.reminder_settings().unwrap();
    settings.critical_every = Some(15);
    store.save_reminder_settings(&settings).unwrap();
    assert!(store.take_unannounced(at(10, 7)).unwrap().is_empty());
    // Dismissed, it stays away whatever the cadence; the next notice brings the next one.
    store
        .dismiss_reminder(&fired[0].key.to_string(), at(10, 8))
        .unwrap();
    settings.critical_every = Some(45);
    store.save_reminder_settings(&settings).unwrap();
    assert!(kinds_due(&store, at(10, 9)).is_empty());
    notice(&mut store, id, at(10, 10));
    assert!(kinds_due(&store, at(10, 54)).is_empty());
    assert_eq!(
        kinds_due(&store, at(10, 55)),
        [ReminderKind::CustomerUpdate]
    );
}

#[test]
fn a_new_promise_from_the_same_provider_replaces_the_old_one() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let id = outage(&mut store, service, 1, false);
    call(&mut store, id, Some(at(10, 0)), Some(at(9, 45)));
    call(&mut store, id, Some(at(14, 0)), None);
    assert!(
        kinds_due(&store, at(11, 0)).is_empty(),
        "14:00 is the promise now"
    );
    assert_eq!(kinds_due(&store, at(14, 0)), [ReminderKind::EtaPassed]);
}

#[test]
fn ticking_the_safety_check_puts_the_safety_reminder_away() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let id = outage(&mut store, service, 1, true);
    assert_eq!(kinds_due(&store, at(9, 2)), [ReminderKind::CheckSafety]);
    store
        .tick_check(id, "assess.danger", true, at(9, 3))
        .unwrap();
    assert!(kinds_due(&store, at(9, 4)).is_empty());
}

#[test]
fn a_snooze_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        let service = cafe(&mut store, Priority::Important);
        without_updates(&mut store);
        let id = outage(&mut store, service, 1, false);
        call(&mut store, id, Some(at(11, 0)), None);
        let key = store.take_unannounced(at(11, 0)).unwrap()[0].key.clone();
        store.snooze_reminder(&key.to_string(), at(11, 30)).unwrap();
    }
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    assert!(store.take_unannounced(at(11, 10)).unwrap().is_empty());
    assert_eq!(
        store.next_reminder_at(at(11, 10)).unwrap(),
        Some(at(11, 30))
    );
    assert_eq!(store.take_unannounced(at(11, 30)).unwrap().len(), 1);
}

#[test]
fn a_minor_outage_asks_for_no_update_by_default() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::CanWait);
    let id = outage(&mut store, service, 1, false);
    assert_eq!(
        store.incident(id, at(9, 30)).unwrap().severity,
        Severity::Minor
    );
    assert!(store.reminders(at(9, 30)).unwrap().is_empty());
}

#[test]
fn every_language_has_every_reminders_words() {
    for (language, json) in super::WORDS.files() {
        let read: Result<super::Words, _> = serde_json::from_str(json);
        assert!(read.is_ok(), "{language:?}: {:?}", read.err());
    }
}

/// A member of staff, for the team's reminders.
fn staff(store: &mut Store, name: &str) -> i64 {
    store
        .create_contact(
            &ContactDetails {
                person: name.into(),
                ..ContactDetails::new(ContactKind::Staff)
            },
            at(8, 0),
        )
        .unwrap()
        .id
}

fn check_in(
    store: &mut Store,
    id: i64,
    contact_id: i64,
    state: TeamState,
    arrival_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) {
    store
        .check_in(
            id,
            &CheckInInput {
                contact_id,
                state,
                at: None,
                arrival_at,
            },
            now,
        )
        .unwrap();
}

#[test]
fn someone_called_with_no_answer_is_to_be_tried_again_after_ten_minutes_once() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    let karim = staff(&mut store, "Karim");
    let id = outage(&mut store, service, 1, false);
    check_in(&mut store, id, karim, TeamState::NoAnswer, None, at(9, 5));
    assert!(store.take_unannounced(at(9, 14)).unwrap().is_empty());
    let fresh = store.take_unannounced(at(9, 15)).unwrap();
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].kind, ReminderKind::TeamNoAnswer);
    assert_eq!(fresh[0].incident_id, Some(id));
    assert_eq!(fresh[0].title, "Try Karim again?");
    assert_eq!(
        fresh[0].body,
        "No answer 10 minutes ago. Call again, or mark what happened."
    );
    // Once.
    assert!(store.take_unannounced(at(9, 16)).unwrap().is_empty());
    assert_eq!(kinds_due(&store, at(9, 16)), [ReminderKind::TeamNoAnswer]);
    // Tried again, still no answer: a new try, ten more minutes.
    check_in(&mut store, id, karim, TeamState::NoAnswer, None, at(9, 17));
    assert!(kinds_due(&store, at(9, 26)).is_empty());
    assert_eq!(store.take_unannounced(at(9, 27)).unwrap().len(), 1);
    // Reached: it ends.
    check_in(&mut store, id, karim, TeamState::Here, None, at(9, 28));
    assert!(kinds_due(&store, at(9, 40)).is_empty());
    assert!(store.take_unannounced(at(9, 40)).unwrap().is_empty());
}

#[test]
fn someone_not_arrived_by_the_time_they_gave_is_reminded_of_once() {
    let mut store = Store::open_in_memory().unwrap();
    let service = cafe(&mut store, Priority::Important);
    without_updates(&mut store);
    store
        .save_business(&crate::testing::corner_cafe(Language::Fr, None), at(8, 30))
        .unwrap();
    let lea = staff(&mut store, "Léa");
    let id = outage(&mut store, service, 1, false);
    check_in(
        &mut store,
        id,
        lea,
        TeamState::OnTheWay,
        Some(at(9, 30)),
        at(9, 10),
    );
    assert!(store.take_unannounced(at(9, 29)).unwrap().is_empty());
    let fresh = store.take_unannounced(at(9, 30)).unwrap();
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].kind, ReminderKind::TeamLate);
    assert_eq!(fresh[0].title, "Léa n’est pas encore là");
    assert!(store.take_unannounced(at(9, 45)).unwrap().is_empty());
    check_in(&mut store, id, lea, TeamState::Here, None, at(9, 46));
    assert!(kinds_due(&store, at(9, 50)).is_empty());
    // On the way with no time given: nothing to remind of.
    check_in(&mut store, id, lea, TeamState::OnTheWay, None, at(9, 51));
    assert!(kinds_due(&store, at(12, 0)).is_empty());
}
