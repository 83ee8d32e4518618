//! The one SQLite file that holds everything, and how it is opened.
//!
//! Steady is used during power cuts, so durability beats speed: WAL with `synchronous=FULL`
//! means a change the UI was told about survives the machine losing power a moment later.
//! Schema changes are numbered SQL files applied atomically and tracked in `user_version`.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, Offset, Utc};
use rusqlite::hooks::Action;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use std::fs::File;
use std::io;

use rusqlite::OpenFlags;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, StartProblem};

/// The file name of the database inside the data folder.
pub const DATABASE_FILE: &str = "steady.sqlite3";

/// Every schema version, oldest first. Never edit a released migration: add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_contacts.sql"),
    include_str!("../migrations/0002_plan.sql"),
    include_str!("../migrations/0003_incidents.sql"),
    include_str!("../migrations/0004_printouts.sql"),
    include_str!("../migrations/0005_reminders.sql"),
    include_str!("../migrations/0006_timeline_details.sql"),
    include_str!("../migrations/0007_country.sql"),
    include_str!("../migrations/0008_indexes.sql"),
    include_str!("../migrations/0009_announced.sql"),
    include_str!("../migrations/0010_team.sql"),
    include_str!("../migrations/0011_drills.sql"),
    include_str!("../migrations/0012_costs.sql"),
    include_str!("../migrations/0013_global_ids.sql"),
    include_str!("../migrations/0014_sync_mark.sql"),
    include_str!("../migrations/0015_sync_outbox.sql"),
    include_str!("../migrations/0016_sync_the_rest.sql"),
    include_str!("../migrations/0017_sync_handoffs.sql"),
];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Locks `mutex` even if a thread panicked while holding it: what it guards here is a cache,
/// always safe to use or rebuild.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The number of the newest schema this build knows.
pub fn latest_schema_version() -> usize {
    MIGRATIONS.len()
}

/// The tables no printed plan reads: a write to them leaves the binder as it was. Any other
/// table counts as the plan's, so a table added later errs on the side of checking again.
const NOT_THE_PLAN: &[&str] = &[
    "announced_outages",
    "announced_services",
    "announced_checks",
    "incidents",
    "incident_services",
    "calls",
    "notices_sent",
    "workaround_activations",
    "prevention_actions",
    "incident_events",
    "incident_checks",
    "printouts",
    "reminder_settings",
    "reminder_marks",
    "team_check_ins",
    "incident_handoffs",
    "drills",
    "drill_injects",
    "drill_bad_numbers",
    "sync_mark",
    "sync_outbox",
];

/// An open Steady database. Every write method runs in one transaction.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    /// How many rows of the plan's tables this connection has changed (counted by SQLite's
    /// update hook), and bumped when the whole database is replaced.
    plan_writes: Arc<AtomicU64>,
    /// The binder's fingerprint at a [`Store::plan_state`]: the "printed plan out of date"
    /// check renders the binder again only after the plan changed.
    pub(crate) binder_fingerprint: Mutex<Option<((u64, i64), String)>>,
    /// The shop's UTC offset at a moment, for what is counted in local days without a
    /// `local` argument (a claim's deadline reminder): UTC until the shell gives the system's.
    local: fn(DateTime<Utc>) -> FixedOffset,
}

impl Store {
    /// Wraps a connection already at the latest schema, counting the writes to the plan.
    pub(crate) fn wrap(conn: Connection) -> CoreResult<Self> {
        let plan_writes = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&plan_writes);
        conn.update_hook(Some(move |_: Action, _db: &str, table: &str, _row: i64| {
            if !NOT_THE_PLAN.contains(&table) {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }))?;
        Ok(Self {
            conn,
            plan_writes,
            binder_fingerprint: Mutex::new(None),
            local: |_| Utc.fix(),
        })
    }

    /// This store, counting local days with `local` (the shop's UTC offset at a moment).
    pub fn with_local_time(mut self, local: fn(DateTime<Utc>) -> FixedOffset) -> Self {
        self.local = local;
        self
    }

    /// The shop's UTC offset at `at`, as the shell said it.
    pub fn local_offset(&self, at: DateTime<Utc>) -> FixedOffset {
        (self.local)(at)
    }

    /// How many times the plan's tables changed since this store opened through this
    /// connection.
    pub(crate) fn plan_writes(&self) -> u64 {
        self.plan_writes.load(Ordering::Relaxed)
    }

    /// Which state of the plan the store sees: its own writes to the plan's tables, and
    /// SQLite's `data_version`, which moves when another connection (a test, a tool) commits.
    pub(crate) fn plan_state(&self) -> CoreResult<(u64, i64)> {
        let others: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?;
        Ok((self.plan_writes(), others))
    }

    /// The whole database was replaced under the hook's eyes (a restore, an import).
    pub(crate) fn plan_replaced(&self) {
        self.plan_writes.fetch_add(1, Ordering::Relaxed);
    }

    /// Opens (creating if needed) the database in `data_dir`, brought to the latest schema.
    pub fn open_in_dir(data_dir: &Path) -> CoreResult<Self> {
        crate::private::create_dir(data_dir)?;
        Self::open(&data_dir.join(DATABASE_FILE))
    }

    /// Opens (creating if needed) the database file at `path`, brought to the latest schema.
    pub fn open(path: &Path) -> CoreResult<Self> {
        // SQLite makes its journals with the database's mode: private from the start.
        crate::private::create_new_file(path)?;
        Self::prepare(Connection::open(path)?)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> CoreResult<Self> {
        Self::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> CoreResult<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Refuse a newer or foreign file before the first write (switching to WAL is one).
        if let Err(problem) = identify(&conn)? {
            return Err(CoreError::Refused(problem));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations().to_latest(&mut conn)?;
        let id: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        if id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Self::wrap(conn)
    }

    /// Moves what the write-ahead log holds into the file itself, so the one file is the
    /// whole plan (done when Steady closes).
    pub fn checkpoint(&self) -> CoreResult<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> CoreResult<usize> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        Ok(usize::try_from(version).unwrap_or(0))
    }
}

/// Written in every Steady file's header (`PRAGMA application_id`): "STDY".
pub const APPLICATION_ID: i32 = 0x5354_4459;

/// What the start-up check found in a file it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No data yet: Steady has never been set up here.
    Fresh,
    /// A Steady file at this schema version (possibly older than this build's).
    Steady { version: u32 },
}

pub(crate) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Opens a file Steady did not just write itself (a backup, perhaps planted in a shared
/// folder by another computer) read-only, every statement on it interrupted once `limit` has
/// passed: such a file must never hang the screen that lists it.
pub(crate) fn open_untrusted(path: &Path, limit: std::time::Duration) -> CoreResult<Connection> {
    let conn = open_read_only(path)?;
    let deadline = std::time::Instant::now() + limit;
    conn.progress_handler(1000, Some(move || std::time::Instant::now() > deadline))?;
    Ok(conn)
}

/// Lifts the time limit of [`open_untrusted`] once the file was checked and is trusted.
pub(crate) fn trusted(conn: &Connection) -> CoreResult<()> {
    conn.progress_handler(0, None::<fn() -> bool>)?;
    Ok(())
}

/// What a schema is made of: every table, index, view and trigger, with its SQL.
type Schema = Vec<(String, String, String, Option<String>)>;

fn schema_of(conn: &Connection) -> rusqlite::Result<Schema> {
    conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// Whether the file's schema is exactly what Steady's migrations make at `version`: nothing
/// added (a view, a trigger, a table) and nothing changed. A backup is only trusted so: its
/// triggers would otherwise come along in a restore, and its views run when it is counted.
pub(crate) fn schema_is_steadys(conn: &Connection, version: u32) -> CoreResult<bool> {
    static EXPECTED: Mutex<Vec<Option<Schema>>> = Mutex::new(Vec::new());
    let version = version as usize;
    if version > latest_schema_version() {
        return Ok(false);
    }
    let expected = {
        let mut cache = lock(&EXPECTED);
        if cache.len() <= version {
            cache.resize(version + 1, None);
        }
        match &cache[version] {
            Some(schema) => schema.clone(),
            None => {
                let mut fresh = Connection::open_in_memory()?;
                migrations().to_version(&mut fresh, version)?;
                let schema = schema_of(&fresh)?;
                cache[version] = Some(schema.clone());
                schema
            }
        }
    };
    Ok(schema_of(conn)? == expected)
}

/// The problems SQLite's `quick_check` or `integrity_check` finds, or `None` when it is sound.
pub(crate) fn damage(conn: &Connection, pragma: &str) -> CoreResult<Option<StartProblem>> {
    let problems: Vec<String> = conn
        .prepare(&format!("PRAGMA {pragma}(5)"))?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((problems != ["ok"]).then(|| StartProblem::Damaged {
        detail: problems.join("; "),
    }))
}

/// Whether a database connection holds a sound Steady file this build can open.
pub(crate) fn inspect(conn: &Connection) -> CoreResult<Result<FileState, StartProblem>> {
    if let Some(damaged) = damage(conn, "quick_check")? {
        return Ok(Err(damaged));
    }
    identify(conn)
}

/// Whose file this is and which schema, by its header and tables (no check of the pages).
pub(crate) fn identify(conn: &Connection) -> CoreResult<Result<FileState, StartProblem>> {
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let ours = match application_id {
        APPLICATION_ID => true,
        // Files made before the application id was written: Steady's own first tables.
        0 if version > 0 => ["business", "contacts"]
            .iter()
            .all(|t| tables.iter().any(|name| name == t)),
        0 if tables.is_empty() => return Ok(Ok(FileState::Fresh)),
        _ => false,
    };
    if !ours {
        return Ok(Err(StartProblem::NotSteady));
    }
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    let known = latest_schema_version() as u32;
    if version > known {
        return Ok(Err(StartProblem::Newer { version, known }));
    }
    Ok(Ok(FileState::Steady { version }))
}

/// What a Steady file (the open one, or a backup) holds, counted for the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupContents {
    /// Empty when the backup was taken before the first-run questions.
    pub business_name: String,
    pub services: u32,
    pub contacts: u32,
    pub incidents: u32,
    pub schema_version: u32,
}

pub(crate) fn read_contents(conn: &Connection, version: u32) -> CoreResult<BackupContents> {
    let count = |table: &str| -> CoreResult<u32> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let business_name = conn
        .query_row("SELECT name FROM business WHERE id = 1", [], |r| r.get(0))
        .or_else(|err| match err {
            rusqlite::Error::QueryReturnedNoRows => Ok(String::new()),
            other => Err(other),
        })?;
    Ok(BackupContents {
        business_name,
        services: count("services").unwrap_or(0),
        contacts: count("contacts")?,
        // Outages only: a drill is no outage (a file older than drills has no such column).
        incidents: count("incidents WHERE drill = 0")
            .or_else(|_| count("incidents"))
            .unwrap_or(0),
        schema_version: version,
    })
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Where the data folder is: `STEADY_DATA_DIR` when set, else the platform's folder for the
/// app — with a `-dev` sibling for debug builds, so a developer never touches real data.
pub fn choose_data_dir(
    override_dir: Option<PathBuf>,
    platform_dir: PathBuf,
    dev_build: bool,
) -> PathBuf {
    match override_dir {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ if dev_build => {
            let mut name = platform_dir
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "steady".into());
            name.push("-dev");
            platform_dir.with_file_name(name)
        }
        _ => platform_dir,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn every_earlier_schema_upgrades_to_the_latest() {
        for version in 0..latest_schema_version() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(DATABASE_FILE);
            {
                let mut conn = Connection::open(&path).unwrap();
                migrations().to_version(&mut conn, version).unwrap();
            }
            let store = Store::open(&path).unwrap();
            assert_eq!(
                store.schema_version().unwrap(),
                latest_schema_version(),
                "from version {version}"
            );
        }
    }

    #[test]
    fn timeline_details_written_as_sentences_become_fields() {
        use crate::incidents::Happened;
        use crate::vocabulary::{Channel, Severity, Stage};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 5).unwrap();
            conn.execute_batch(
                "INSERT INTO incidents (id, started_at, updated_at)
                 VALUES (1, '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
                 INSERT INTO incident_events (incident_id, at, kind, detail) VALUES
                 (1, '2026-11-20T09:00:00Z', 'started', 'Card payments, Internet'),
                 (1, '2026-11-20T09:01:00Z', 'assessed', ''),
                 (1, '2026-11-20T09:02:00Z', 'severity_changed', 'critical'),
                 (1, '2026-11-20T09:03:00Z', 'severity_overridden', 'major: the terminal: works'),
                 (1, '2026-11-20T09:04:00Z', 'severity_overridden', ''),
                 (1, '2026-11-20T09:05:00Z', 'call_logged', 'SumUp · INC-42'),
                 (1, '2026-11-20T09:06:00Z', 'call_logged', 'Fibre Net'),
                 (1, '2026-11-20T09:07:00Z', 'notice_sent', 'update · sms'),
                 (1, '2026-11-20T09:08:00Z', 'note', 'Voisin: groupe électrogène'),
                 (1, '2026-11-20T09:09:00Z', 'checked', 'call.ticket');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let now = chrono::Utc::now();
        let happened: Vec<Happened> = store
            .incident(1, now)
            .unwrap()
            .timeline
            .into_iter()
            .map(|e| e.happened)
            .collect();
        assert_eq!(
            happened,
            vec![
                Happened::Started {
                    what: "Card payments, Internet".into()
                },
                Happened::Assessed,
                Happened::SeverityChanged {
                    severity: Severity::Critical
                },
                Happened::SeverityOverridden {
                    severity: Some(Severity::Major),
                    reason: "the terminal: works".into()
                },
                Happened::SeverityOverridden {
                    severity: None,
                    reason: String::new()
                },
                Happened::CallLogged {
                    contact: "SumUp".into(),
                    ticket: "INC-42".into()
                },
                Happened::CallLogged {
                    contact: "Fibre Net".into(),
                    ticket: String::new()
                },
                Happened::NoticeSent {
                    stage: Stage::Update,
                    channel: Channel::Sms
                },
                Happened::Note {
                    text: "Voisin: groupe électrogène".into()
                },
                Happened::Checked {
                    item: "call.ticket".into()
                },
            ]
        );
    }

    #[test]
    fn file_is_opened_durable_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in_dir(&dir.path().join("nested")).unwrap();
        let pragma = |name: &str| -> String {
            store
                .conn
                .pragma_query_value(None, name, |row| row.get::<_, rusqlite::types::Value>(0))
                .map(|v| match v {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "wal");
        assert_eq!(pragma("synchronous"), "2", "FULL is 2");
        assert_eq!(pragma("foreign_keys"), "1");
        assert!(dir.path().join("nested").join(DATABASE_FILE).exists());
    }

    #[test]
    fn a_read_of_an_untrusted_file_stops_at_its_time_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("planted.sqlite3");
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "CREATE VIEW forever AS WITH RECURSIVE n(x) AS
                 (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n;",
            )
            .unwrap();
        let conn = open_untrusted(&path, std::time::Duration::from_millis(50)).unwrap();
        let err = conn
            .query_row("SELECT count(*) FROM forever", [], |r| r.get::<_, i64>(0))
            .unwrap_err();
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::OperationInterrupted)
        );
        trusted(&conn).unwrap();
        assert_eq!(
            conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            1
        );
    }

    #[test]
    fn data_dir_choice() {
        let platform = PathBuf::from("/home/ana/.local/share/app.steady.desktop");
        let check = |override_dir: Option<&str>, dev: bool, expected: &str| {
            assert_eq!(
                choose_data_dir(override_dir.map(PathBuf::from), platform.clone(), dev),
                PathBuf::from(expected),
                "override {override_dir:?}, dev {dev}"
            );
        };
        check(None, false, "/home/ana/.local/share/app.steady.desktop");
        check(None, true, "/home/ana/.local/share/app.steady.desktop-dev");
        check(Some("/tmp/t"), false, "/tmp/t");
        check(Some("/tmp/t"), true, "/tmp/t");
        check(
            Some(""),
            true,
            "/home/ana/.local/share/app.steady.desktop-dev",
        );
    }
}

#[cfg(test)]
mod global_ids_tests;
