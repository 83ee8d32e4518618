use chrono::{Duration, Months};

use super::{drill_due, DrillDue, CHANGES_FOR_A_DRILL};
use crate::business::Language;
use crate::contacts::{ContactDetails, ContactKind};
use crate::drills::score::tests::{at, cafe, end_drill, seed_drill};
use crate::drills::DrillSpeed;
use crate::store::Store;

#[test]
fn a_drill_is_suggested_when_never_after_six_months_or_after_many_changes() {
    let now = at(9, 0);
    assert_eq!(drill_due(None, 0, now), Some(DrillDue::Never));
    let last = now - Duration::days(30);
    assert_eq!(drill_due(Some(last), 0, now), None);
    assert_eq!(
        drill_due(Some(last), CHANGES_FOR_A_DRILL - 1, now),
        None,
        "a few edits"
    );
    assert_eq!(
        drill_due(Some(last), CHANGES_FOR_A_DRILL, now),
        Some(DrillDue::PlanChanged)
    );
    let half_year = now.checked_sub_months(Months::new(6)).unwrap();
    assert_eq!(
        drill_due(Some(half_year), 0, now),
        Some(DrillDue::MonthsAgo)
    );
    assert_eq!(
        drill_due(Some(half_year + Duration::minutes(1)), 0, now),
        None,
        "not quite six months"
    );
}

#[test]
fn the_home_says_when_the_plan_was_last_rehearsed_and_what_changed_since() {
    let mut store = Store::open_in_memory().unwrap();
    let (service, _, _) = cafe(&mut store, Language::En);
    let home = store.home(at(9, 0)).unwrap();
    assert_eq!(home.rehearsal.last_rehearsed_at, None);
    assert_eq!(home.rehearsal.due, Some(DrillDue::Never));
    let (drill, _) = seed_drill(&mut store, service, DrillSpeed::Five, at(9, 0), &[], &[]);
    end_drill(&mut store, drill, at(9, 30));
    let rehearsal = store.rehearsal(at(10, 0)).unwrap();
    assert_eq!(rehearsal.last_drill_id, Some(drill));
    assert_eq!(rehearsal.last_rehearsed_at, Some(at(9, 30)));
    assert_eq!((rehearsal.changes_since, rehearsal.due), (0, None));
    for i in 0..CHANGES_FOR_A_DRILL {
        store
            .create_contact(
                &ContactDetails {
                    person: format!("Person {i}"),
                    ..ContactDetails::new(ContactKind::Staff)
                },
                at(11, 0),
            )
            .unwrap();
    }
    let rehearsal = store.rehearsal(at(12, 0)).unwrap();
    assert_eq!(rehearsal.changes_since, CHANGES_FOR_A_DRILL);
    assert_eq!(rehearsal.due, Some(DrillDue::PlanChanged));
}

#[test]
fn an_abandoned_drill_is_not_a_rehearsal() {
    let mut store = Store::open_in_memory().unwrap();
    let (service, _, _) = cafe(&mut store, Language::En);
    let (drill, _) = seed_drill(&mut store, service, DrillSpeed::Five, at(9, 0), &[], &[]);
    end_drill(&mut store, drill, at(9, 30));
    store
        .conn
        .execute(
            "UPDATE drills SET outcome = 'abandoned' WHERE id = ?1",
            [drill],
        )
        .unwrap();
    assert_eq!(
        store.rehearsal(at(10, 0)).unwrap().due,
        Some(DrillDue::Never)
    );
}
