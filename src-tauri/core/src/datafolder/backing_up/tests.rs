use chrono::{Duration, TimeZone};

use super::*;
use crate::backups::{
    backup_name, BackupPlace, BackupReason, COPY_SUBFOLDER, KEEP_DAILY, KEEP_WEEKLY,
};
use crate::datafolder::LocalSettings;
use crate::testing::{at, dump, fill_everything};

fn filled(dir: &Path) -> (DataFolder, Store) {
    let folder = DataFolder::on_machine(dir, "shop");
    let mut store = folder.open(at(20, 8, 0)).unwrap();
    fill_everything(&mut store);
    (folder, store)
}

#[test]
fn a_backup_is_checked_self_contained_and_says_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    let outcome = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 30).fixed_offset())
        .unwrap();

    assert_eq!(outcome.copy, CopyOutcome::NotChosen);
    let backup = outcome.backup;
    assert_eq!(backup.file_name, "steady-2026-11-21-093000-manual.sqlite3");
    let contents = backup.contents.clone().unwrap();
    assert_eq!(contents.business_name, "Corner Café");
    assert_eq!(
        contents.contacts as usize,
        store.list_contacts(&Default::default()).unwrap().len()
    );
    assert_eq!(
        contents.services as usize,
        store.list_services().unwrap().len()
    );
    assert_eq!(contents.incidents, 1);
    assert_eq!(
        store.contents().unwrap(),
        contents,
        "the live plan counts the same"
    );
    assert_eq!(folder.list_backups(), vec![backup.clone()]);

    // One file, no journal beside it, and the same data as the live database.
    let names: Vec<String> = std::fs::read_dir(folder.backups())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec![backup.file_name.clone()]);
    let copy = Store::open(&folder.backups().join(&backup.file_name)).unwrap();
    assert_eq!(dump(&copy), dump(&store));
}

#[test]
fn restoring_a_backup_brings_back_everything_and_saves_the_present_first() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let before = dump(&store);
    let taken = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap()
        .backup;
    let later = store
        .create_contact(
            &crate::contacts::ContactDetails {
                organisation: "Added after the backup".into(),
                ..crate::contacts::ContactDetails::new(crate::contacts::ContactKind::Other)
            },
            at(21, 10, 0),
        )
        .unwrap();
    store
        .delete_service(store.list_services().unwrap()[0].id)
        .unwrap();
    let changed = dump(&store);

    let source = folder
        .backup_path(taken.place, None, &taken.file_name)
        .unwrap();
    let saved = store
        .restore_backup(&folder, &source, at(21, 11, 0).fixed_offset())
        .unwrap()
        .expect("a plan was there to save first");

    assert_eq!(dump(&store), before);
    assert!(store.contact(later.id).is_err());
    assert_eq!(saved.backup.reason, BackupReason::BeforeRestore);
    let present = Store::open(&folder.backups().join(&saved.backup.file_name)).unwrap();
    assert_eq!(
        dump(&present),
        changed,
        "what was replaced can be restored in turn"
    );
    // The live file stays a WAL database at the latest schema with its foreign keys on.
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    assert!(folder.check().is_ok());
}

#[test]
fn a_bad_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let before = dump(&store);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", vec![1; 8192]),
        ("empty", Vec::new()),
        ("cut short", {
            let mut bytes = std::fs::read(folder.database()).unwrap();
            bytes.truncate(5000);
            bytes
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.sqlite3"));
        std::fs::write(&path, bytes).unwrap();
        assert!(
            store
                .restore_backup(&folder, &path, at(21, 11, 0).fixed_offset())
                .is_err(),
            "{name}"
        );
        assert_eq!(dump(&store), before, "{name}");
    }
    assert!(folder.list_backups().is_empty(), "nothing was even saved");
}

#[test]
fn a_backup_from_a_newer_steady_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let newer = dir.path().join("newer.sqlite3");
    store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap();
    let name = &folder.list_backups()[0].file_name;
    std::fs::copy(folder.backups().join(name), &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let err = store
        .restore_backup(&folder, &newer, at(21, 11, 0).fixed_offset())
        .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::Refused(crate::error::StartProblem::Newer { version: 999, .. })
        ),
        "{err:?}"
    );
}

#[test]
fn pruning_leaves_other_files_alone_and_keeps_a_bounded_number() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    std::fs::create_dir_all(folder.backups()).unwrap();
    std::fs::write(folder.backups().join("notes.txt"), "mine").unwrap();
    for day in 0..30 {
        let now = at(1, 8, 0) + Duration::days(day);
        store
            .back_up(&folder, BackupReason::Daily, now.fixed_offset())
            .unwrap();
    }
    let backups = folder.list_backups();
    assert!(
        backups.len() <= KEEP_DAILY + KEEP_WEEKLY,
        "{}",
        backups.len()
    );
    assert!(backups.len() >= KEEP_DAILY);
    assert!(folder.backups().join("notes.txt").exists());
    assert!(backups.iter().all(|b| b.contents.is_some()));
}

#[test]
fn every_backup_is_also_copied_to_the_chosen_folder_when_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    folder
        .save_local_settings(&LocalSettings {
            copy_folder: Some(crate::datafolder::StoredPath(stick.path().to_owned())),
            ..Default::default()
        })
        .unwrap();

    let outcome = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap();
    assert_eq!(outcome.copy, CopyOutcome::Written);
    let mine = crate::backups::computer_folder("shop", &folder.computer_id());
    let copied = stick
        .path()
        .join(COPY_SUBFOLDER)
        .join(&mine)
        .join(&outcome.backup.file_name);
    assert_eq!(
        std::fs::read(&copied).unwrap(),
        std::fs::read(folder.backups().join(&outcome.backup.file_name)).unwrap()
    );
    // Listed once: the copy of a backup this computer still has is the same backup.
    let listed = folder.list_backups();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].place, BackupPlace::ThisComputer);
    assert!(listed[0].copied);
    assert!(folder
        .backup_path(
            BackupPlace::CopyFolder,
            Some(&mine),
            &outcome.backup.file_name
        )
        .is_ok());

    // The stick is unplugged: the backup is still taken here, and the copy is said missing.
    let gone = stick.path().display().to_string();
    drop(stick);
    let outcome = store
        .back_up(&folder, BackupReason::Manual, at(21, 10, 0).fixed_offset())
        .unwrap();
    assert_eq!(outcome.copy, CopyOutcome::Missing { folder: gone });
    assert!(folder.backups().join(&outcome.backup.file_name).exists());
}

#[test]
fn the_window_can_only_name_backups_this_module_made() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    let taken = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap()
        .backup;
    for name in [
        "../steady.sqlite3",
        "steady.sqlite3",
        "/etc/passwd",
        "steady-2026-11-21-093000-manual.sqlite3/../../x",
        "steady-2026-11-21-093000-nonsense.sqlite3",
        "",
    ] {
        assert!(
            folder
                .backup_path(BackupPlace::ThisComputer, None, name)
                .is_err(),
            "{name}"
        );
    }
    assert!(folder
        .backup_path(BackupPlace::CopyFolder, Some("shop"), &taken.file_name)
        .is_err());
    assert!(folder
        .backup_path(BackupPlace::ThisComputer, Some(".."), &taken.file_name)
        .is_err());
    assert!(folder
        .backup_path(BackupPlace::ThisComputer, None, &taken.file_name)
        .is_ok());
}

#[test]
fn the_daily_backup_is_due_once_per_local_day() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    let paris = FixedOffset::east_opt(3600).unwrap();
    let morning = at(21, 7, 30).with_timezone(&paris);
    assert!(folder.daily_backup_due(morning));
    store
        .back_up(&folder, BackupReason::Daily, morning)
        .unwrap();
    assert!(!folder.daily_backup_due(at(21, 22, 0).with_timezone(&paris)));
    // 23:30 UTC is already the next day in Paris.
    assert!(folder.daily_backup_due(at(21, 23, 30).with_timezone(&paris)));
}

#[test]
fn two_computers_share_a_copy_folder_and_each_prunes_only_its_own() {
    let shop_dir = tempfile::tempdir().unwrap();
    let home_dir = tempfile::tempdir().unwrap();
    let synced = tempfile::tempdir().unwrap();
    let settings = LocalSettings {
        copy_folder: Some(crate::datafolder::StoredPath(synced.path().to_owned())),
        ..Default::default()
    };
    let (shop, shop_store) = filled(shop_dir.path());
    shop.save_local_settings(&settings).unwrap();
    let home = DataFolder::on_machine(home_dir.path(), "home");
    home.save_local_settings(&settings).unwrap();
    let home_store = home.open(at(1, 8, 0)).unwrap();

    shop_store
        .back_up(&shop, BackupReason::Daily, at(1, 8, 0).fixed_offset())
        .unwrap();
    // The home laptop backs up every day for a month: it prunes its own copies only.
    for day in 0..30 {
        home_store
            .back_up(
                &home,
                BackupReason::Daily,
                (at(1, 9, 0) + Duration::days(day)).fixed_offset(),
            )
            .unwrap();
    }
    let from_shop: Vec<BackupInfo> = home
        .list_backups()
        .into_iter()
        .filter(|b| b.computer.as_deref() == Some("shop"))
        .collect();
    assert_eq!(from_shop.len(), 1, "the shop's copy is still there");
    assert!(from_shop[0].from_other_computer);
    assert_eq!(
        from_shop[0].contents.as_ref().unwrap().business_name,
        "Corner Café"
    );
    // The home laptop can restore the shop's plan from the shared folder.
    let path = home
        .backup_path(
            BackupPlace::CopyFolder,
            from_shop[0].machine.as_deref(),
            &from_shop[0].file_name,
        )
        .unwrap();
    let mut home_store = home_store;
    home_store
        .restore_backup(&home, &path, at(2, 10, 0).fixed_offset())
        .unwrap();
    assert_eq!(dump(&home_store), dump(&shop_store));
}

#[test]
fn a_damaged_backup_does_not_count_and_is_not_pruned_in_place_of_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    for day in 0..3 {
        store
            .back_up(
                &folder,
                BackupReason::Daily,
                (at(1, 8, 0) + Duration::days(day)).fixed_offset(),
            )
            .unwrap();
    }
    // A newer file by the right name, but garbage.
    let garbage = backup_name(at(10, 8, 0), BackupReason::Manual, 0);
    std::fs::write(folder.backups().join(&garbage), vec![9u8; 5000]).unwrap();
    for day in 3..40 {
        store
            .back_up(
                &folder,
                BackupReason::Daily,
                (at(1, 8, 0) + Duration::days(day)).fixed_offset(),
            )
            .unwrap();
    }
    let backups = folder.list_backups();
    let readable = backups.iter().filter(|b| b.contents.is_some()).count();
    assert!(readable >= KEEP_DAILY, "{readable} good backups kept");
    assert!(backups
        .iter()
        .any(|b| b.file_name == garbage && b.contents.is_none()));
}

#[test]
fn a_backup_from_an_older_steady_is_upgraded_before_it_replaces_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let old = dir.path().join("old.sqlite3");
    {
        let mut conn = Connection::open(&old).unwrap();
        crate::store::migrations().to_version(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO business (id, name, business_type, language, created_at, updated_at)
             VALUES (1, 'Old Shop', 'retail_shop', 'en', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    store
        .restore_backup(&folder, &old, at(21, 11, 0).fixed_offset())
        .unwrap();
    assert_eq!(store.business().unwrap().unwrap().name, "Old Shop");
    assert_eq!(
        store.schema_version().unwrap(),
        crate::store::latest_schema_version()
    );
    assert!(store.reminder_settings().is_ok(), "later tables are there");
}

#[test]
fn the_backup_taken_before_a_restore_outlives_a_busy_afternoon() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let taken = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap()
        .backup;
    let source = folder
        .backup_path(taken.place, None, &taken.file_name)
        .unwrap();
    let saved = store
        .restore_backup(&folder, &source, at(21, 9, 5).fixed_offset())
        .unwrap()
        .unwrap()
        .backup;
    for minute in 10..30 {
        store
            .back_up(
                &folder,
                BackupReason::Manual,
                at(21, 9, minute).fixed_offset(),
            )
            .unwrap();
    }
    assert!(
        folder
            .list_backups()
            .iter()
            .any(|b| b.file_name == saved.file_name),
        "what the restore replaced can still be brought back"
    );
    store
        .back_up(&folder, BackupReason::Manual, at(29, 9, 0).fixed_offset())
        .unwrap();
    assert!(
        !folder
            .list_backups()
            .iter()
            .any(|b| b.file_name == saved.file_name),
        "after a week it follows the usual rule"
    );
}

/// A dead clock battery after a power cut: the clock restarts years behind the backups' names.
/// The backup taken before a restore is how the owner undoes it: it must survive the pass that
/// wrote it, and a clock that looks wrong (behind the newest backup) prunes nothing at all.
#[test]
fn the_backup_before_a_restore_survives_a_clock_gone_back_years() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    for day in 0..40 {
        store
            .back_up(
                &folder,
                BackupReason::Daily,
                (at(1, 8, 0) + Duration::days(day)).fixed_offset(),
            )
            .unwrap();
    }
    let before: Vec<String> = folder
        .list_backups()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    let source = folder
        .backup_path(BackupPlace::ThisComputer, None, &before[3])
        .unwrap();
    let dead_battery = chrono::Utc
        .with_ymd_and_hms(2000, 1, 1, 0, 0, 12)
        .unwrap()
        .fixed_offset();
    let saved = store
        .restore_backup(&folder, &source, dead_battery)
        .unwrap()
        .unwrap()
        .backup;
    let after: Vec<String> = folder
        .list_backups()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert!(after.contains(&saved.file_name), "{after:?}");
    assert!(
        before.iter().all(|name| after.contains(name)),
        "nothing pruned while the clock is behind: {before:?} → {after:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    /// Whatever the clock does (forwards by hours or days, back by years), the backup just
    /// written is there after its own pass, and a pass whose clock is behind a backup already
    /// written removes nothing.
    #[test]
    fn a_pass_never_prunes_what_it_wrote_nor_anything_when_the_clock_is_behind(
        steps in proptest::collection::vec((-300_000i64..3_000, 0usize..5), 1..10)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (folder, store) = filled(dir.path());
        // A month and more of daily backups first, so retention has something to drop.
        for day in 0..36 {
            store
                .back_up(&folder, BackupReason::Daily, (at(1, 8, 0) + Duration::days(day)).fixed_offset())
                .unwrap();
        }
        let mut clock = at(1, 8, 0) + Duration::days(36);
        let mut newest_written = Some(clock - Duration::days(1));
        for (hours, reason) in steps {
            clock += Duration::hours(hours);
            let reason = BackupReason::ALL[reason];
            let before: Vec<String> =
                folder.list_backups().into_iter().map(|b| b.file_name).collect();
            let taken = store.back_up(&folder, reason, clock.fixed_offset()).unwrap().backup;
            let after: Vec<String> =
                folder.list_backups().into_iter().map(|b| b.file_name).collect();
            proptest::prop_assert!(after.contains(&taken.file_name));
            if newest_written.is_some_and(|newest| clock < newest) {
                for name in &before {
                    proptest::prop_assert!(after.contains(name), "{name} pruned at {clock}");
                }
            }
            newest_written = newest_written.max(Some(clock));
        }
    }
}

/// A copy of a real backup of this plan, planted in the shared copy folder as if another
/// computer had written it, with `sql` run on it (its application id and schema version kept).
fn planted(folder: &DataFolder, store: &Store, stick: &Path, sql: &str) -> PathBuf {
    folder
        .save_local_settings(&LocalSettings {
            copy_folder: Some(crate::datafolder::StoredPath(stick.to_owned())),
            ..Default::default()
        })
        .unwrap();
    let taken = store
        .back_up(folder, BackupReason::Daily, at(21, 8, 0).fixed_offset())
        .unwrap()
        .backup;
    let intruder = stick.join(COPY_SUBFOLDER).join("intruder");
    std::fs::create_dir_all(&intruder).unwrap();
    let path = intruder.join(backup_name(at(22, 8, 0), BackupReason::Daily, 0));
    std::fs::copy(folder.backups().join(&taken.file_name), &path).unwrap();
    Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    path
}

/// Lists the backups on another thread, failing rather than hanging if listing never ends.
fn list_within_a_minute(folder: &DataFolder) -> Vec<BackupInfo> {
    let (tx, rx) = std::sync::mpsc::channel();
    let folder = folder.clone();
    std::thread::spawn(move || tx.send(folder.list_backups()));
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("listing the backups never ended")
}

fn check_planted(sql: &str) {
    let dir = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    let path = planted(&folder, &store, stick.path(), sql);
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let before = dump(&store);

    let listed = list_within_a_minute(&folder);
    let planted = listed.iter().find(|b| b.file_name == name).unwrap();
    assert_eq!(planted.contents, None, "{sql}: listed as not usable");
    assert!(
        folder
            .problem(crate::error::StartProblem::Missing)
            .backups
            .iter()
            .all(|b| b.file_name != name),
        "{sql}: not offered on the damaged-file screen"
    );
    match crate::backups::check_backup_file(&path) {
        Err(CoreError::BadFile(problem)) => {
            assert_eq!(problem.reason, crate::error::FileReason::NotSteady, "{sql}")
        }
        other => panic!("{sql}: {other:?}"),
    }
    let source = folder
        .backup_path(BackupPlace::CopyFolder, Some("intruder"), &name)
        .unwrap();
    assert!(store
        .restore_backup(&folder, &source, at(22, 9, 0).fixed_offset())
        .is_err());
    assert_eq!(dump(&store), before, "{sql}: nothing changed");
    // No view or trigger came with it: the ones there are Steady's own.
    let extras = |store: &Store| -> Vec<String> {
        store
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(extras(&store), extras(&Store::open_in_memory().unwrap()));
}

#[test]
fn a_planted_backup_with_a_view_is_not_read_listed_as_usable_or_restored() {
    // `contacts` made a view that never ends: counting it would hang Settings → Backups.
    check_planted(
        "PRAGMA foreign_keys = OFF; DROP TABLE contacts;
         CREATE VIEW contacts AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
         SELECT x AS id FROM n;",
    );
    check_planted("CREATE VIEW harmless AS SELECT 1;");
}

#[test]
fn a_planted_backup_with_a_trigger_is_not_listed_as_usable_or_restored() {
    check_planted("CREATE TRIGGER wipe AFTER INSERT ON incidents BEGIN DELETE FROM contacts; END;");
    check_planted("CREATE TABLE extra (x);");
}

/// Two computers both called `debian` share a synced copy folder: each keeps its own copies
/// (its folder is keyed by a random id kept on that computer, the name is only a label), and
/// sees the other's marked as from another computer. Copies written before, into a folder
/// named after the computer alone, stay listed and restorable.
#[test]
fn two_computers_with_the_same_name_keep_their_own_copies_apart() {
    let synced = tempfile::tempdir().unwrap();
    let settings = LocalSettings {
        copy_folder: Some(crate::datafolder::StoredPath(synced.path().to_owned())),
        ..Default::default()
    };
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let computers: Vec<(DataFolder, Store)> = dirs
        .iter()
        .map(|dir| {
            let folder = DataFolder::on_machine(dir.path(), "debian");
            folder.save_local_settings(&settings).unwrap();
            let mut store = folder.open(at(1, 8, 0)).unwrap();
            fill_everything(&mut store);
            (folder, store)
        })
        .collect();
    // A copy from before copy folders were keyed by an id.
    let legacy = synced.path().join(COPY_SUBFOLDER).join("debian");
    std::fs::create_dir_all(&legacy).unwrap();
    let first = computers[0]
        .1
        .back_up(
            &computers[0].0,
            BackupReason::Daily,
            at(1, 7, 0).fixed_offset(),
        )
        .unwrap()
        .backup;
    let legacy_name = backup_name(at(1, 6, 0), BackupReason::Daily, 0);
    std::fs::copy(
        computers[0].0.backups().join(&first.file_name),
        legacy.join(&legacy_name),
    )
    .unwrap();

    // Each backs up every day for a month, one after the other.
    for day in 0..30 {
        for (folder, store) in &computers {
            store
                .back_up(
                    folder,
                    BackupReason::Daily,
                    (at(1, 9, 0) + Duration::days(day)).fixed_offset(),
                )
                .unwrap();
        }
    }
    for (me, other) in [(0, 1), (1, 0)] {
        let listed = computers[me].0.list_backups();
        let theirs: Vec<&BackupInfo> = listed.iter().filter(|b| b.from_other_computer).collect();
        let mine_here = listed
            .iter()
            .filter(|b| b.place == BackupPlace::ThisComputer)
            .count();
        assert_eq!(
            theirs.iter().filter(|b| b.file_name != legacy_name).count(),
            computers[other]
                .0
                .list_backups()
                .iter()
                .filter(|b| b.place == BackupPlace::ThisComputer)
                .count(),
            "computer {me} sees all of computer {other}'s copies"
        );
        assert!(mine_here >= KEEP_DAILY);
        assert!(theirs
            .iter()
            .all(|b| b.computer.as_deref() == Some("debian")));
        assert!(listed
            .iter()
            .filter(|b| b.place == BackupPlace::ThisComputer)
            .all(|b| b.copied && !b.from_other_computer));
        let old = listed
            .iter()
            .find(|b| b.file_name == legacy_name)
            .expect("the copy in the folder named after the computer is still listed");
        assert!(old.contents.is_some());
        assert!(computers[me]
            .0
            .backup_path(old.place, old.machine.as_deref(), &old.file_name)
            .is_ok());
    }
}

/// The copy to a slow USB stick is made once the store is let go: a backup taken by the
/// store (before a restore, or on request) is only written here, and its copy is made by
/// the data folder alone, so no command waits on the stick.
#[test]
fn the_copy_off_the_laptop_is_made_without_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let (folder, mut store) = filled(dir.path());
    folder
        .update_local_settings(|s| {
            s.copy_folder = Some(crate::datafolder::StoredPath(stick.path().to_owned()))
        })
        .unwrap();
    let copies = || -> usize {
        std::fs::read_dir(stick.path().join(COPY_SUBFOLDER))
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|machine| std::fs::read_dir(machine.path()).unwrap())
            .count()
    };
    let taken = store
        .back_up_here(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap();
    let source = folder
        .backup_path(BackupPlace::ThisComputer, None, &taken.file_name)
        .unwrap();
    let saved = store
        .restore_backup(&folder, &source, at(21, 9, 5).fixed_offset())
        .unwrap()
        .unwrap();
    assert_eq!(saved.copy, CopyOutcome::Pending);
    assert_eq!(copies(), 0, "nothing copied while the store was held");

    drop(store);
    for backup in [&taken, &saved.backup] {
        assert_eq!(
            folder.copy_off(backup, at(21, 9, 6).fixed_offset()),
            CopyOutcome::Written
        );
    }
    assert_eq!(copies(), 2);
}

/// Another USB stick of the same label, mounted where the chosen one was: the copy is not
/// written to it, and it is said to be missing as an unplugged stick is. The pocket plan
/// kept on a stick is likewise not handed to another one.
#[test]
fn a_copy_folder_on_another_disk_at_the_same_path_is_said_missing() {
    let dir = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let (folder, store) = filled(dir.path());
    folder
        .update_local_settings(|s| {
            s.keep_copy_folder(Some(stick.path()));
            s.copy_folder_disk = Some("the-stick-it-was-chosen-on".into());
        })
        .unwrap();
    let outcome = store
        .back_up(&folder, BackupReason::Manual, at(21, 9, 0).fixed_offset())
        .unwrap();
    assert_eq!(
        outcome.copy,
        CopyOutcome::Missing {
            folder: stick.path().display().to_string()
        }
    );
    assert!(!stick.path().join(COPY_SUBFOLDER).exists());
    assert!(!folder.backups_overview().copy_folder_present);

    let pocket = crate::datafolder::Kept {
        path: stick.path().join("pocket.html"),
        disk: Some("the-stick-it-was-chosen-on".into()),
    };
    assert!(crate::pocket::write_kept(&pocket, "<p>plan</p>").is_err());
    assert!(!pocket.path.exists());

    // Chosen again (bound to the disk there now): written.
    folder
        .update_local_settings(|s| s.keep_copy_folder(Some(stick.path())))
        .unwrap();
    let outcome = store
        .back_up(&folder, BackupReason::Manual, at(21, 10, 0).fixed_offset())
        .unwrap();
    assert_eq!(outcome.copy, CopyOutcome::Written);
}
