use chrono::Duration;

use super::*;
use crate::testing::at;

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

#[test]
fn retention_keeps_seven_days_four_weeks_and_the_newest_three() {
    // Every six hours for sixty days.
    let start = at(1, 0, 0) - Duration::days(40);
    let times: Vec<DateTime<Utc>> = (0..240).map(|i| start + Duration::hours(6 * i)).collect();
    let keep = kept(&times, &utc());
    let newest = *times.last().unwrap();
    let mut kept_sorted: Vec<_> = keep.iter().copied().collect();
    kept_sorted.sort();
    kept_sorted.reverse();

    assert!(keep.contains(&newest));
    for i in 0..KEEP_NEWEST {
        assert!(keep.contains(&times[times.len() - 1 - i]), "newest {i}");
    }
    // One per day for the last seven days (the newest three share the last day).
    for day in 1..KEEP_DAILY as i64 {
        let last_of_day = newest - Duration::days(day);
        assert!(keep.contains(&last_of_day), "day -{day}");
    }
    assert!(keep.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_NEWEST);
    let oldest_kept = *kept_sorted.last().unwrap();
    assert!(
        newest - oldest_kept >= Duration::days(24),
        "a week of days, then four weeks: {}",
        newest - oldest_kept
    );
    assert!(newest - oldest_kept < Duration::days(42));
}

#[test]
fn retention_table() {
    let check = |times: &[DateTime<Utc>], expected: &[DateTime<Utc>]| {
        let mut got: Vec<_> = kept(times, &utc()).into_iter().collect();
        got.sort();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(got, expected, "{times:?}");
    };
    check(&[], &[]);
    check(&[at(5, 9, 0)], &[at(5, 9, 0)]);
    // Ten backups in one day: the three newest stay.
    let same_day: Vec<_> = (0..10).map(|m| at(5, 9, m)).collect();
    check(&same_day, &[at(5, 9, 7), at(5, 9, 8), at(5, 9, 9)]);
}

#[test]
fn backup_names_read_back() {
    for reason in BackupReason::ALL {
        for n in [0, 2, 13] {
            let name = backup_name(at(3, 4, 5), *reason, n);
            assert_eq!(parse_name(&name), Some((at(3, 4, 5), *reason)), "{name}");
        }
    }
    assert_eq!(parse_name("steady-2026-11-03-040500-manual-.sqlite3"), None);
    assert_eq!(parse_name("steady-2026-13-03-040500-manual.sqlite3"), None);
}

#[test]
fn a_chosen_file_is_refused_with_the_reason_in_the_owners_terms() {
    let dir = tempfile::tempdir().unwrap();
    let check = |bytes: Vec<u8>, expected: FileReason| {
        let path = dir.path().join("chosen.sqlite3");
        std::fs::write(&path, bytes).unwrap();
        match check_backup_file(&path) {
            Err(CoreError::BadFile(problem)) => assert_eq!(problem.reason, expected),
            other => panic!("{other:?}"),
        }
    };
    check(vec![3; 9000], FileReason::Damaged);
    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT); PRAGMA user_version = 2;")
        .unwrap();
    check(std::fs::read(&other).unwrap(), FileReason::NotSteady);
    match check_backup_file(&dir.path().join("not-there.sqlite3")) {
        Err(CoreError::BadFile(problem)) => assert_eq!(problem.reason, FileReason::Unreadable),
        other => panic!("{other:?}"),
    }
}
