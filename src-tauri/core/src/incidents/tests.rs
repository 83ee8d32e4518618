use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::checklist::Step;
use super::severity::Severity;
use super::*;
use crate::contacts::{ContactDetails, ContactKind};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::plan::services::{Priority, ServiceDetails, WorkaroundDetails};
use crate::store::Store;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, hour, minute, 0).unwrap()
}

struct Plan {
    store: Store,
    card: i64,
    internet: i64,
    isp: i64,
    cash: i64,
}

fn plan() -> Plan {
    let mut store = Store::open_in_memory().unwrap();
    let isp = store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::InternetProvider,
                organisation: "Fibre Net".into(),
                person: String::new(),
                phones: vec![],
                email: String::new(),
                website: String::new(),
                outage_page: String::new(),
                status_page: String::new(),
                account_number: "FN-1".into(),
                customer_id: String::new(),
                support_hours: String::new(),
                notes: String::new(),
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    let service = |name: &str, priority, minutes, customers, contacts: Vec<i64>| ServiceDetails {
        name: name.into(),
        priority,
        customer_facing: true,
        max_downtime_minutes: minutes,
        customers_affected: customers,
        customers_per: CustomersPer::Hour,
        no_workaround: false,
        notes: String::new(),
        contact_ids: contacts,
    };
    let card = store
        .create_service(
            &service(
                "Card payments",
                Priority::Essential,
                120,
                Some(20),
                vec![isp],
            ),
            at(8, 0),
        )
        .unwrap()
        .id;
    let internet = store
        .create_service(
            &service("Internet", Priority::Important, 240, None, vec![isp]),
            at(8, 0),
        )
        .unwrap()
        .id;
    let cash = store
        .create_workaround(
            card,
            &WorkaroundDetails {
                title: "Cash only".into(),
                steps: "Put up the sign".into(),
                customer_message: String::new(),
                limits: String::new(),
                contact_ids: vec![],
                service_ids: vec![],
            },
            at(8, 0),
        )
        .unwrap()
        .id;
    Plan {
        store,
        card,
        internet,
        isp,
        cash,
    }
}

fn start(store: &mut Store, services: Vec<i64>, now: DateTime<Utc>) -> Incident {
    store
        .start_incident(
            &IncidentStart {
                service_ids: services,
                something_else: String::new(),
                started_at: None,
            },
            now,
        )
        .unwrap()
}

fn kinds(incident: &Incident) -> Vec<&'static str> {
    incident
        .timeline
        .iter()
        .map(|e| e.happened.kind())
        .collect()
}

#[test]
fn starting_needs_something_down_that_exists() {
    let mut p = plan();
    let err = p
        .store
        .start_incident(&IncidentStart::default(), at(9, 0))
        .unwrap_err();
    assert!(matches!(err, CoreError::Validation(ref f) if f[0].field == "serviceIds"));
    let err = p
        .store
        .start_incident(
            &IncidentStart {
                service_ids: vec![999],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Validation(_)));
    assert_eq!(
        p.store.open_incident_id().unwrap(),
        None,
        "nothing was started"
    );

    let other = p
        .store
        .start_incident(
            &IncidentStart {
                service_ids: vec![],
                something_else: "Coffee machine".into(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    assert_eq!(other.severity, Severity::Minor);
    assert_eq!(
        other.timeline[0].happened,
        Happened::Started {
            what: "Coffee machine".into()
        }
    );
    assert_eq!(other.timeline[0].text, "Started: Coffee machine");
}

#[test]
fn severity_follows_the_assessment_and_an_override_keeps_both() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    assert_eq!(
        incident.severity,
        Severity::Major,
        "essential, unknown duration"
    );
    assert_eq!(
        incident.estimated_customers,
        Some(20),
        "one hour by default"
    );

    let six_hours = AssessInput {
        expected_minutes: Some(360),
        ..AssessInput::default()
    };
    let incident = p
        .store
        .assess_incident(incident.id, &six_hours, at(9, 5))
        .unwrap();
    assert_eq!(incident.severity, Severity::Critical);
    assert_eq!(
        incident.estimated_customers,
        Some(120),
        "20 an hour for 6 hours"
    );
    assert_eq!(
        kinds(&incident),
        ["started", "assessed", "severity_changed"]
    );

    let refused = p
        .store
        .override_severity(incident.id, Some(Severity::Minor), " ", at(9, 6));
    assert!(
        matches!(refused, Err(CoreError::Validation(_))),
        "an override needs a reason"
    );
    let incident = p
        .store
        .override_severity(
            incident.id,
            Some(Severity::Minor),
            "Most customers pay cash",
            at(9, 7),
        )
        .unwrap();
    assert_eq!(incident.severity, Severity::Minor);
    assert_eq!(
        incident.assessment.severity,
        Severity::Critical,
        "the computed level is kept"
    );

    let danger = AssessInput {
        danger: true,
        ..six_hours
    };
    let incident = p
        .store
        .assess_incident(incident.id, &danger, at(9, 8))
        .unwrap();
    assert_eq!(incident.assessment.severity, Severity::Critical);
    assert_eq!(
        incident.severity,
        Severity::Minor,
        "the owner's override stands until removed"
    );
    let incident = p
        .store
        .override_severity(incident.id, None, "", at(9, 9))
        .unwrap();
    assert_eq!(incident.severity, Severity::Critical);
}

#[test]
fn calls_keep_tickets_and_etas_and_a_passed_eta_is_slipped() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.internet], at(9, 0));
    let call = CallInput {
        contact_id: Some(p.isp),
        ticket: "T-4471".into(),
        spoke_to: "Sam".into(),
        eta: Some(at(11, 0)),
        call_back_at: Some(at(11, 15)),
        ..CallInput::default()
    };
    let incident = p.store.log_call(incident.id, &call, at(9, 10)).unwrap();
    let logged = &incident.calls[0];
    assert_eq!(
        (logged.contact_name.as_str(), logged.ticket.as_str()),
        ("Fibre Net", "T-4471")
    );
    assert!(!logged.eta_slipped);

    let check = |now: DateTime<Utc>, slipped: bool| {
        assert_eq!(
            p.store.incident(incident.id, now).unwrap().calls[0].eta_slipped,
            slipped,
            "at {now}"
        );
    };
    check(at(10, 59), false);
    check(at(11, 0), false);
    check(at(11, 1), true);

    let unknown = CallInput {
        contact_id: Some(999),
        ..CallInput::default()
    };
    assert!(matches!(
        p.store.log_call(incident.id, &unknown, at(9, 20)),
        Err(CoreError::Validation(_))
    ));
    let nobody = CallInput::default();
    assert!(matches!(
        p.store.log_call(incident.id, &nobody, at(9, 20)),
        Err(CoreError::Validation(_))
    ));
    assert_eq!(
        p.store
            .incident(incident.id, at(9, 21))
            .unwrap()
            .calls
            .len(),
        1
    );
}

#[test]
fn the_next_update_is_due_by_the_severity_cadence() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    assert_eq!(incident.next_update_due, None, "nothing sent yet");
    let notice = NoticeInput {
        stage: crate::notices::Stage::Initial,
        channel: crate::notices::Channel::Sms,
        text: "We know.".into(),
    };
    let incident = p
        .store
        .record_notice(incident.id, &notice, at(9, 10))
        .unwrap();
    assert_eq!(
        incident.next_update_due,
        Some(at(10, 10)),
        "Major: every hour"
    );

    let worse = AssessInput {
        expected_minutes: Some(600),
        ..AssessInput::default()
    };
    let incident = p
        .store
        .assess_incident(incident.id, &worse, at(9, 15))
        .unwrap();
    assert_eq!(
        incident.next_update_due,
        Some(at(9, 40)),
        "Critical: every 30 minutes"
    );

    let incident = p
        .store
        .override_severity(incident.id, Some(Severity::Minor), "Quiet day", at(9, 16))
        .unwrap();
    assert_eq!(
        incident.next_update_due, None,
        "Minor: no update after the first"
    );
    let empty = NoticeInput {
        text: " ".into(),
        ..notice
    };
    assert!(p
        .store
        .record_notice(incident.id, &empty, at(9, 20))
        .is_err());
}

#[test]
fn resolution_needs_every_service_confirmed() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card, p.internet], at(9, 0));
    let [card, internet] = [incident.services[0].id, incident.services[1].id];
    assert!(p.store.resolve_incident(incident.id, at(9, 30)).is_err());

    let incident = p
        .store
        .confirm_restored(incident.id, card, at(10, 0))
        .unwrap();
    assert_eq!(incident.resolved_at, None);
    let incident = p
        .store
        .confirm_restored(incident.id, internet, at(10, 30))
        .unwrap();
    assert_eq!(incident.resolved_at, Some(at(10, 30)));
    let again = p
        .store
        .confirm_restored(incident.id, internet, at(10, 40))
        .unwrap();
    assert_eq!(
        again.timeline.len(),
        incident.timeline.len(),
        "confirming twice logs nothing"
    );
    assert_eq!(p.store.open_incident_id().unwrap(), None);
}

#[test]
fn a_resolved_incident_that_breaks_again_is_reopened() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let row = incident.services[0].id;
    let resolved = p
        .store
        .confirm_restored(incident.id, row, at(10, 0))
        .unwrap();
    assert_eq!(resolved.resolved_at, Some(at(10, 0)));

    let reopened = p.store.reopen_incident(incident.id, at(10, 20)).unwrap();
    assert_eq!(reopened.resolved_at, None);
    assert_eq!(
        reopened.services[0].restored_at, None,
        "down again until confirmed"
    );
    assert_eq!(reopened.timeline.len(), resolved.timeline.len() + 1);
    assert_eq!(
        reopened.timeline.last().unwrap().happened,
        Happened::Reopened
    );
    assert_eq!(p.store.open_incident_id().unwrap(), Some(incident.id));
    // Reopening an open incident changes nothing.
    let again = p.store.reopen_incident(incident.id, at(10, 25)).unwrap();
    assert_eq!(again.timeline.len(), reopened.timeline.len());

    let fixed = p
        .store
        .confirm_restored(incident.id, row, at(11, 0))
        .unwrap();
    assert_eq!(fixed.resolved_at, Some(at(11, 0)));
}

#[test]
fn every_action_writes_exactly_one_timeline_event() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let id = incident.id;
    let service = incident.services[0].id;
    type Step = (
        &'static str,
        Box<dyn Fn(&mut Store) -> CoreResult<Incident>>,
    );
    let steps: Vec<Step> = vec![
        (
            "assessed",
            Box::new(move |s| s.assess_incident(id, &AssessInput::default(), at(9, 1))),
        ),
        (
            "severity_overridden",
            Box::new(move |s| {
                s.override_severity(id, Some(Severity::Critical), "Saturday", at(9, 2))
            }),
        ),
        (
            "call_logged",
            Box::new(move |s| {
                s.log_call(
                    id,
                    &CallInput {
                        contact_name: "Landlord".into(),
                        ..CallInput::default()
                    },
                    at(9, 3),
                )
            }),
        ),
        (
            "notice_sent",
            Box::new(move |s| {
                s.record_notice(
                    id,
                    &NoticeInput {
                        stage: crate::notices::Stage::Initial,
                        channel: crate::notices::Channel::Door,
                        text: "Cash only".into(),
                    },
                    at(9, 4),
                )
            }),
        ),
        (
            "note",
            Box::new(move |s| s.add_incident_note(id, "Terminal rebooted", at(9, 6))),
        ),
        (
            "reviewed",
            Box::new(move |s| {
                s.save_review(
                    id,
                    &ReviewInput {
                        root_cause: "Router".into(),
                        could_recur: CouldRecur::Yes,
                        actions: vec![],
                    },
                    at(9, 7),
                )
            }),
        ),
    ];
    let mut before = 1;
    for (kind, action) in steps {
        let after = action(&mut p.store).unwrap();
        assert_eq!(after.timeline.len(), before + 1, "{kind:?}");
        assert_eq!(after.timeline.last().unwrap().happened.kind(), kind);
        before = after.timeline.len();
    }
    let cash = p.cash;
    let after = p.store.activate_workaround(id, cash, at(9, 8)).unwrap();
    assert_eq!(kinds(&after)[before..], ["workaround_activated"]);
    assert_eq!(after.activations[0].title, "Cash only");
    let after = p.store.confirm_restored(id, service, at(9, 9)).unwrap();
    assert_eq!(
        kinds(&after)[before + 1..],
        ["service_restored", "resolved"]
    );
}

#[test]
fn the_review_keeps_root_cause_and_dated_actions() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.internet], at(9, 0));
    let review = ReviewInput {
        root_cause: "The ISP's street cabinet flooded".into(),
        could_recur: CouldRecur::Yes,
        actions: vec![
            PreventionAction {
                text: "Get a 4G backup router".into(),
                owner: "Marie".into(),
                due_on: NaiveDate::from_ymd_opt(2026, 12, 15),
            },
            PreventionAction {
                text: " ".into(),
                owner: String::new(),
                due_on: None,
            },
        ],
    };
    let incident = p
        .store
        .save_review(incident.id, &review, at(12, 0))
        .unwrap();
    assert_eq!(incident.could_recur, CouldRecur::Yes);
    assert_eq!(incident.actions.len(), 1, "blank rows are dropped");
    assert_eq!(incident.reviewed_at, Some(at(12, 0)));

    let ownerless = ReviewInput {
        actions: vec![PreventionAction {
            text: String::new(),
            owner: "Paul".into(),
            due_on: None,
        }],
        ..review
    };
    assert!(matches!(
        p.store.save_review(incident.id, &ownerless, at(12, 5)),
        Err(CoreError::Validation(_))
    ));
}

#[test]
fn recurrence_counts_earlier_incidents_in_the_last_90_days() {
    let mut p = plan();
    let internet_outage = |p: &mut Plan, day_offset: i64| {
        let when = at(9, 0) - Duration::days(day_offset);
        let incident = start(&mut p.store, vec![p.internet], when);
        let assessed = AssessInput {
            cause: Cause::Internet,
            ..AssessInput::default()
        };
        p.store
            .assess_incident(incident.id, &assessed, when)
            .unwrap();
        let call = CallInput {
            contact_id: Some(p.isp),
            ..CallInput::default()
        };
        p.store.log_call(incident.id, &call, when).unwrap();
        let service = p.store.incident(incident.id, when).unwrap().services[0].id;
        p.store
            .confirm_restored(incident.id, service, when + Duration::hours(1))
            .unwrap();
        incident.id
    };
    internet_outage(&mut p, 120); // too old to count
    internet_outage(&mut p, 60);
    internet_outage(&mut p, 20);
    let today = internet_outage(&mut p, 0);

    let recurrence = p.store.incident(today, at(12, 0)).unwrap().recurrence;
    assert_eq!(recurrence.same_cause, 2, "third internet outage in 90 days");
    assert_eq!(recurrence.same_service, [("Internet".to_owned(), 2)]);
    assert_eq!(recurrence.same_provider, [("Fibre Net".to_owned(), 2)]);

    let power = start(&mut p.store, vec![p.card], at(13, 0));
    let recurrence = p.store.incident(power.id, at(13, 0)).unwrap().recurrence;
    assert_eq!(recurrence.same_cause, 0, "unknown causes are not matched");
    assert!(recurrence.same_service.is_empty());
}

#[test]
fn history_filters() {
    let mut p = plan();
    let old = start(&mut p.store, vec![p.internet], at(8, 0));
    let assessed = AssessInput {
        cause: Cause::Internet,
        ..AssessInput::default()
    };
    p.store
        .assess_incident(old.id, &assessed, at(8, 1))
        .unwrap();
    p.store
        .confirm_restored(old.id, old.services[0].id, at(8, 30))
        .unwrap();
    let open = start(&mut p.store, vec![p.card], at(9, 0));

    let ids = |filter: IncidentFilter| -> Vec<i64> {
        p.store
            .list_incidents(&filter, at(10, 0))
            .unwrap()
            .incidents
            .iter()
            .map(|i| i.id)
            .collect()
    };
    assert_eq!(
        ids(IncidentFilter::default()),
        [open.id, old.id],
        "newest first"
    );
    assert_eq!(
        ids(IncidentFilter {
            open: Some(true),
            ..Default::default()
        }),
        [open.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            open: Some(false),
            ..Default::default()
        }),
        [old.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            cause: Some(Cause::Internet),
            ..Default::default()
        }),
        [old.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            service_id: Some(p.card),
            ..Default::default()
        }),
        [open.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            from: Some(at(8, 30)),
            ..Default::default()
        }),
        [open.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            to: Some(at(8, 30)),
            ..Default::default()
        }),
        [old.id]
    );
    let summary = &p
        .store
        .list_incidents(&IncidentFilter::default(), at(10, 0))
        .unwrap()
        .incidents[0];
    assert_eq!(summary.title, "Card payments");
    assert_eq!(summary.severity, open.severity);

    // A page: the newest, and how many match in all.
    let page = p
        .store
        .list_incidents(
            &IncidentFilter {
                limit: Some(1),
                ..Default::default()
            },
            at(10, 0),
        )
        .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.incidents.iter().map(|i| i.id).collect::<Vec<_>>(),
        [open.id]
    );
    let resolved = p
        .store
        .list_incidents(
            &IncidentFilter {
                open: Some(false),
                limit: Some(10),
                ..Default::default()
            },
            at(10, 0),
        )
        .unwrap();
    assert_eq!((resolved.total, resolved.incidents.len()), (1, 1));

    // A time an imported file wrote another way is still compared as a time.
    p.store
        .conn
        .execute(
            "UPDATE incidents SET started_at = '2026-11-28T08:00:00Z' WHERE id = ?1",
            [old.id],
        )
        .unwrap();
    assert_eq!(
        ids(IncidentFilter {
            to: Some(at(8, 30)),
            ..Default::default()
        }),
        [old.id]
    );
    assert_eq!(
        ids(IncidentFilter {
            from: Some(at(8, 30)),
            ..Default::default()
        }),
        [open.id]
    );
}

#[test]
fn checklist_ticks_are_kept_once_and_only_known_shapes_accepted() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let ticked = p
        .store
        .tick_check(incident.id, "assess.danger", true, at(9, 1))
        .unwrap();
    let done: Vec<&str> = ticked
        .checklist
        .iter()
        .filter(|c| c.done)
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(done, ["assess.danger"]);
    let again = p
        .store
        .tick_check(incident.id, "assess.danger", true, at(9, 2))
        .unwrap();
    assert_eq!(
        again.timeline.len(),
        ticked.timeline.len(),
        "ticking twice logs nothing"
    );
    for bad in ["", "DROP TABLE", "<b>x</b>", &"a".repeat(61)] {
        assert!(
            p.store
                .tick_check(incident.id, bad, true, at(9, 3))
                .is_err(),
            "{bad:?}"
        );
    }
    let unticked = p
        .store
        .tick_check(incident.id, "assess.danger", false, at(9, 4))
        .unwrap();
    assert!(unticked.checklist.iter().all(|c| !c.done));
}

#[test]
fn editing_the_plan_later_does_not_rewrite_an_incident() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let six_hours = AssessInput {
        expected_minutes: Some(360),
        ..AssessInput::default()
    };
    let before = p
        .store
        .assess_incident(incident.id, &six_hours, at(9, 1))
        .unwrap();
    assert_eq!(before.severity, Severity::Critical);

    let card = p.store.service(p.card).unwrap();
    let relaxed = ServiceDetails {
        priority: Priority::CanWait,
        customer_facing: false,
        max_downtime_minutes: 10_000,
        ..card.details
    };
    p.store.update_service(p.card, &relaxed, at(9, 2)).unwrap();
    assert_eq!(
        p.store.incident(incident.id, at(9, 3)).unwrap().severity,
        Severity::Critical
    );
    p.store.delete_service(p.card).unwrap();
    let after = p.store.incident(incident.id, at(9, 4)).unwrap();
    assert_eq!(
        (after.severity, after.services[0].name.as_str()),
        (Severity::Critical, "Card payments")
    );
    assert_eq!(after.estimated_customers, Some(120));
}

#[test]
fn severity_rises_when_the_outage_outlasts_the_plan() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let check = |now: DateTime<Utc>, expected: Severity| {
        assert_eq!(
            p.store.incident(incident.id, now).unwrap().severity,
            expected,
            "at {now}"
        );
    };
    check(at(9, 30), Severity::Major);
    check(at(11, 0), Severity::Major);
    check(at(11, 1), Severity::Critical);
}

#[test]
fn something_else_is_resolved_by_hand_even_when_the_services_are_back() {
    let mut p = plan();
    let incident = p
        .store
        .start_incident(
            &IncidentStart {
                service_ids: vec![p.internet],
                something_else: "Coffee machine".into(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    let incident = p
        .store
        .confirm_restored(incident.id, incident.services[0].id, at(9, 30))
        .unwrap();
    assert_eq!(
        incident.resolved_at, None,
        "the coffee machine may still be down"
    );
    let incident = p.store.resolve_incident(incident.id, at(9, 40)).unwrap();
    assert_eq!(incident.resolved_at, Some(at(9, 40)));
}

#[test]
fn the_next_step_is_the_first_with_nothing_done_yet() {
    let mut p = plan();
    let incident = start(&mut p.store, vec![p.card], at(9, 0));
    let id = incident.id;
    assert_eq!(incident.next_step, Step::Assess);
    let s = &mut p.store;
    let after = s
        .assess_incident(id, &AssessInput::default(), at(9, 1))
        .unwrap();
    assert_eq!(after.next_step, Step::Call);
    let call = CallInput {
        contact_name: "Fibre Net".into(),
        ..CallInput::default()
    };
    assert_eq!(
        s.log_call(id, &call, at(9, 2)).unwrap().next_step,
        Step::Tell
    );
    let notice = NoticeInput {
        stage: crate::notices::Stage::Initial,
        channel: crate::notices::Channel::Door,
        text: "Cash only".into(),
    };
    let after = s.record_notice(id, &notice, at(9, 3)).unwrap();
    assert_eq!(after.next_step, Step::Workarounds);
    let after = s.activate_workaround(id, p.cash, at(9, 4)).unwrap();
    assert_eq!(after.next_step, Step::Resolve);

    // Nothing from the plan is down (only "something else"): no provider to call.
    let other = s
        .start_incident(
            &IncidentStart {
                service_ids: vec![],
                something_else: "The coffee machine".into(),
                started_at: None,
            },
            at(10, 0),
        )
        .unwrap();
    let after = s
        .assess_incident(other.id, &AssessInput::default(), at(10, 1))
        .unwrap();
    assert_eq!(after.next_step, Step::Tell);
    assert_eq!(after.title, "The coffee machine");
}

#[test]
fn an_outage_noticed_earlier_starts_when_it_began() {
    let mut p = plan();
    let began = at(10, 42);
    let start = |since| IncidentStart {
        service_ids: vec![p.internet],
        something_else: String::new(),
        started_at: Some(since),
    };
    let too_old = start(began - Duration::days(8));
    let ahead = start(at(10, 50));
    for refused in [too_old, ahead] {
        let err = p.store.start_incident(&refused, at(10, 44)).unwrap_err();
        assert!(
            matches!(err, CoreError::Validation(ref f) if f[0].field == "startedAt"
                && f[0].problem == FieldProblem::NotRecent),
            "{err:?}"
        );
    }
    assert_eq!(p.store.open_incident_id().unwrap(), None, "nothing started");

    let incident = p.store.start_incident(&start(began), at(10, 44)).unwrap();
    assert_eq!(incident.started_at, began);
    assert_eq!(
        incident.timeline[0].at, began,
        "the timeline starts then too"
    );
}
