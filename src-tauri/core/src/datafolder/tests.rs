use std::io::{Seek, SeekFrom, Write};

use rusqlite::Connection;

use super::*;
use crate::backups::BackupReason;
use crate::testing::{at, dump, fill_everything};

fn filled(dir: &Path) -> DataFolder {
    let folder = DataFolder::new(dir);
    let mut store = folder.open(at(20, 8, 0)).unwrap();
    fill_everything(&mut store);
    folder
}

/// Writes 4 KiB of garbage over the file's second page, as a failing disk does.
fn damage(path: &Path) {
    let mut file = OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(4096)).unwrap();
    file.write_all(&[0xA5; 4096]).unwrap();
}

#[test]
fn a_new_folder_is_fresh_and_an_opened_one_is_steady_at_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path().join("data"));
    assert_eq!(folder.check(), Ok(FileState::Fresh));
    drop(folder.open(at(20, 8, 0)).unwrap());
    assert_eq!(
        folder.check(),
        Ok(FileState::Steady {
            version: latest_schema_version() as u32
        })
    );
}

#[test]
fn each_unusable_file_is_named_for_what_it_is_and_left_as_it_was() {
    let check = |name: &str, make: &dyn Fn(&DataFolder), expected: fn(&StartProblem) -> bool| {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        make(&folder);
        let before = std::fs::read(folder.database()).unwrap();
        let problem = folder.check().expect_err(name);
        assert!(expected(&problem), "{name}: {problem:?}");
        let refused = folder.open(at(21, 9, 0)).expect_err(name);
        assert_eq!(refused, problem, "{name}");
        assert_eq!(
            std::fs::read(folder.database()).unwrap(),
            before,
            "{name}: the refused file was written to"
        );
    };
    check(
        "damaged in its middle",
        &|folder| {
            drop(filled(folder.dir()));
            damage(&folder.database());
        },
        |p| matches!(p, StartProblem::Damaged { .. }),
    );
    check(
        "garbage",
        &|folder| std::fs::write(folder.database(), vec![7u8; 9000]).unwrap(),
        |p| matches!(p, StartProblem::Damaged { .. }),
    );
    check(
        "from a newer Steady",
        &|folder| {
            drop(filled(folder.dir()));
            let conn = Connection::open(folder.database()).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        },
        |p| {
            *p == StartProblem::Newer {
                version: 999,
                known: latest_schema_version() as u32,
            }
        },
    );
    check(
        "another program's database",
        &|folder| {
            let conn = Connection::open(folder.database()).unwrap();
            conn.execute_batch("CREATE TABLE songs (title TEXT); PRAGMA user_version = 3;")
                .unwrap();
        },
        |p| *p == StartProblem::NotSteady,
    );
    check(
        "an empty file where backups say a plan was",
        &|folder| {
            drop(filled(folder.dir()));
            let store = Store::open(&folder.database()).unwrap();
            store
                .back_up(folder, BackupReason::Manual, at(21, 8, 0).fixed_offset())
                .unwrap();
            drop(store);
            std::fs::write(folder.database(), b"").unwrap();
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", folder.database().display()));
            }
        },
        |p| matches!(p, StartProblem::Damaged { .. }),
    );
}

#[test]
fn a_file_from_an_older_steady_is_backed_up_before_it_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    {
        let mut conn = Connection::open(folder.database()).unwrap();
        crate::store::migrations().to_version(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO business (id, name, business_type, language, created_at, updated_at)
             VALUES (1, 'Old Shop', 'retail_shop', 'en', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let store = folder.open(at(21, 9, 0)).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
    let backups = folder.list_backups();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeUpgrade);
    let contents = backups[0].contents.clone().unwrap();
    assert_eq!(contents.schema_version, 2);
    assert_eq!(contents.business_name, "Old Shop");
}

#[test]
fn a_second_process_cannot_take_the_folder_until_the_first_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let first = folder.lock().unwrap();
    assert_eq!(folder.lock().unwrap_err(), StartProblem::InUse);
    drop(first);
    assert!(folder.lock().is_ok());
}

#[test]
fn restoring_over_a_damaged_file_keeps_it_aside_and_brings_the_plan_back() {
    let dir = tempfile::tempdir().unwrap();
    let folder = filled(dir.path());
    let expected = {
        let store = Store::open(&folder.database()).unwrap();
        store
            .back_up(&folder, BackupReason::Manual, at(21, 8, 0).fixed_offset())
            .unwrap();
        dump(&store)
    };
    damage(&folder.database());
    assert!(folder.check().is_err());
    let backup = &folder.list_backups()[0];
    let source = folder
        .backup_path(backup.place, None, &backup.file_name)
        .unwrap();

    let (store, kept) = folder
        .restore_over(&source, at(22, 7, 5).fixed_offset())
        .unwrap()
        .unwrap();

    assert_eq!(dump(&store), expected);
    let kept = kept.expect("the damaged file is kept");
    assert_eq!(
        kept.file_name().unwrap(),
        "steady.sqlite3.damaged-2026-11-22-0705"
    );
    assert!(kept.exists());
    drop(store);
    assert!(folder.check().is_ok());
}

#[test]
fn a_damaged_backup_is_never_put_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = filled(dir.path());
    let bad = dir.path().join("bad.sqlite3");
    std::fs::copy(folder.database(), &bad).unwrap();
    damage(&bad);
    damage(&folder.database());
    let before = std::fs::read(folder.database()).unwrap();
    assert!(folder
        .restore_over(&bad, at(22, 7, 5).fixed_offset())
        .is_err());
    assert_eq!(std::fs::read(folder.database()).unwrap(), before);
}

#[test]
fn io_and_sqlite_errors_become_the_problem_the_owner_can_act_on() {
    let io = |kind| StartProblem::from_io(&io::Error::from(kind));
    assert!(matches!(
        io(io::ErrorKind::PermissionDenied),
        StartProblem::ReadOnly { .. }
    ));
    assert!(matches!(
        io(io::ErrorKind::ReadOnlyFilesystem),
        StartProblem::ReadOnly { .. }
    ));
    assert_eq!(io(io::ErrorKind::StorageFull), StartProblem::DiskFull);
    let sqlite = |code| {
        StartProblem::from_sqlite(&rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    };
    assert_eq!(sqlite(rusqlite::ffi::SQLITE_FULL), StartProblem::DiskFull);
    assert!(matches!(
        sqlite(rusqlite::ffi::SQLITE_CORRUPT),
        StartProblem::Damaged { .. }
    ));
    assert!(matches!(
        sqlite(rusqlite::ffi::SQLITE_NOTADB),
        StartProblem::Damaged { .. }
    ));
    assert!(matches!(
        sqlite(rusqlite::ffi::SQLITE_READONLY),
        StartProblem::ReadOnly { .. }
    ));
}

#[test]
fn a_full_disk_during_the_first_writes_is_said_as_such() {
    // SQLite reports a full disk the same way when a page limit is reached.
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (x TEXT); PRAGMA max_page_count = 2;")
        .unwrap();
    let err = conn
        .execute("INSERT INTO t VALUES (?1)", [&"x".repeat(100_000)])
        .unwrap_err();
    assert_eq!(StartProblem::from_sqlite(&err), StartProblem::DiskFull);
}

#[test]
fn a_missing_file_with_backups_is_not_a_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let folder = filled(dir.path());
    {
        let store = Store::open(&folder.database()).unwrap();
        store
            .back_up(&folder, BackupReason::Daily, at(21, 8, 0).fixed_offset())
            .unwrap();
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", folder.database().display()));
    }
    assert_eq!(folder.check(), Err(StartProblem::Missing));
    assert_eq!(
        folder.open(at(22, 8, 0)).unwrap_err(),
        StartProblem::Missing
    );
    let backup = &folder.list_backups()[0];
    let source = folder
        .backup_path(backup.place, None, &backup.file_name)
        .unwrap();
    let (store, kept) = folder
        .restore_over(&source, at(22, 8, 5).fixed_offset())
        .unwrap()
        .unwrap();
    assert_eq!(kept, None, "there was no file to keep");
    assert_eq!(store.business().unwrap().unwrap().name, "Corner Café");

    // Or the owner starts afresh, and the backups stay.
    drop(store);
    std::fs::remove_file(folder.database()).unwrap();
    let fresh = folder.start_afresh().unwrap();
    assert!(fresh.business().unwrap().is_none());
    assert!(!folder.list_backups().is_empty());
}

#[test]
fn restoring_twice_in_the_same_minute_keeps_both_refused_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = filled(dir.path());
    {
        let store = Store::open(&folder.database()).unwrap();
        store
            .back_up(&folder, BackupReason::Daily, at(21, 8, 0).fixed_offset())
            .unwrap();
    }
    let backup = folder.list_backups()[0].clone();
    let source = folder
        .backup_path(backup.place, None, &backup.file_name)
        .unwrap();
    let mut kept = Vec::new();
    for _ in 0..2 {
        damage(&folder.database());
        assert!(folder.check().is_err());
        let (store, aside) = folder
            .restore_over(&source, at(22, 7, 5).fixed_offset())
            .unwrap()
            .unwrap();
        drop(store);
        kept.push(aside.unwrap());
    }
    assert_ne!(kept[0], kept[1]);
    assert!(kept.iter().all(|k| k.exists()));
}

/// The damaged-file screen offers the newest backup and a chosen file: two restores pressed
/// at once both saw the file refused. They run one at a time (the shell's data-change lock,
/// a mutex here), and the second must not move aside the file the first put in place and is
/// now writing to.
#[test]
fn two_restores_at_once_over_a_refused_file_leave_the_first_ones_plan_in_use() {
    use std::sync::{Arc, Barrier, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let folder = filled(dir.path());
    {
        let store = Store::open(&folder.database()).unwrap();
        store
            .back_up(&folder, BackupReason::Daily, at(21, 8, 0).fixed_offset())
            .unwrap();
    }
    let newest = folder.list_backups()[0].clone();
    let newest = folder
        .backup_path(newest.place, None, &newest.file_name)
        .unwrap();
    let chosen = dir.path().join("chosen.sqlite3");
    std::fs::copy(&newest, &chosen).unwrap();
    damage(&folder.database());
    assert!(folder.check().is_err());

    let one_at_a_time = Arc::new(Mutex::new(()));
    let start = Arc::new(Barrier::new(2));
    let opened: Arc<Mutex<Option<Store>>> = Arc::new(Mutex::new(None));
    let restores: Vec<_> = [newest, chosen]
        .into_iter()
        .map(|source| {
            let folder = folder.clone();
            let (lock, start, opened) = (one_at_a_time.clone(), start.clone(), opened.clone());
            std::thread::spawn(move || {
                start.wait();
                let _held = lock.lock().unwrap();
                let result = folder.restore_over(&source, at(22, 7, 5).fixed_offset());
                let mut opened = opened.lock().unwrap();
                match result {
                    Ok(Some((mut store, _))) if opened.is_none() => {
                        // The first one in: the app now works on this store.
                        store
                            .save_business(
                                &crate::testing::corner_cafe(crate::business::Language::En, None),
                                at(22, 7, 6),
                            )
                            .unwrap();
                        *opened = Some(store);
                        "restored"
                    }
                    Ok(Some(_)) => "restored again over a file in use",
                    Ok(None) => "nothing to restore over",
                    Err(err) => panic!("{err}"),
                }
            })
        })
        .collect();
    let mut outcomes: Vec<&str> = restores.into_iter().map(|t| t.join().unwrap()).collect();
    outcomes.sort_unstable();
    assert_eq!(outcomes, ["nothing to restore over", "restored"]);
    let in_use = opened.lock().unwrap().take().unwrap();
    let written = in_use.business().unwrap().unwrap();
    drop(in_use);
    let reopened = folder.open(at(22, 7, 7)).unwrap();
    assert_eq!(reopened.business().unwrap().unwrap(), written);
}

/// The plan holds account numbers and every contact: no other user of the computer may read
/// it. The data folder is the owner's alone and every file Steady writes is too, and a mode
/// made wider (by an older Steady, a copy by hand) is narrowed again when Steady starts.
#[test]
fn everything_steady_writes_is_private_and_a_wider_mode_is_narrowed_at_start() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let set = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    let parent = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    // Without care, files here are readable by others (a umask of 022), or this shows nothing.
    std::fs::write(parent.path().join("careless"), "x").unwrap();
    assert_ne!(mode(&parent.path().join("careless")) & 0o077, 0);

    let folder = DataFolder::new(parent.path().join("data"));
    let lock = folder.lock().unwrap();
    let mut store = folder.open(at(20, 8, 0)).unwrap();
    fill_everything(&mut store);
    folder
        .update_local_settings(|s| {
            s.copy_folder = Some(crate::datafolder::StoredPath(stick.path().to_owned()))
        })
        .unwrap();
    let taken = store
        .back_up(&folder, BackupReason::Manual, at(21, 8, 0).fixed_offset())
        .unwrap();
    assert_eq!(taken.copy, crate::datafolder::CopyOutcome::Written);
    let export = stick.path().join("plan.json");
    crate::backups::write_file_durably(&export, b"{}").unwrap();
    let pocket = stick.path().join("pocket.html");
    crate::pocket::write_file(&pocket, "<p>plan</p>").unwrap();

    let backup = folder.backups().join(&taken.backup.file_name);
    let copy = std::fs::read_dir(stick.path().join(crate::backups::COPY_SUBFOLDER))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join(&taken.backup.file_name);
    let database = folder.database();
    let files = [
        database.clone(),
        journal(&database, "-wal"),
        journal(&database, "-shm"),
        backup.clone(),
        copy,
        folder.dir().join("this-computer.json"),
        folder.dir().join(LOCK_FILE),
        export,
        pocket,
    ];
    let modes = |files: &[PathBuf]| -> Vec<(String, u32)> {
        files
            .iter()
            .map(|f| (f.display().to_string(), mode(f)))
            .collect()
    };
    let private = |files: &[PathBuf], m: u32| -> Vec<(String, u32)> {
        files.iter().map(|f| (f.display().to_string(), m)).collect()
    };
    assert_eq!(modes(&files), private(&files, 0o600));
    let dirs = [folder.dir().to_owned(), folder.backups()];
    assert_eq!(modes(&dirs), private(&dirs, 0o700));

    drop(store);
    drop(lock);
    set(folder.dir(), 0o755);
    set(&folder.backups(), 0o755);
    set(&database, 0o644);
    set(&backup, 0o664);
    let _lock = folder.lock().unwrap();
    let widened = [database, backup];
    assert_eq!(modes(&widened), private(&widened, 0o600));
    assert_eq!(modes(&dirs), private(&dirs, 0o700));
}
