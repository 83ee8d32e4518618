//! The data folder and what Steady does with it before trusting it: the owner's plan lives in
//! one file, so the file is checked *read-only* before anything writes to it, a second Steady is
//! kept out, and a file that cannot be used is named for what it is (damaged, from a newer
//! Steady, not Steady's, in a folder that cannot be written, on a full disk) — never opened as
//! an empty plan, never written to.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult};
use crate::store::{latest_schema_version, Store, DATABASE_FILE};

/// Written in every Steady file's header (`PRAGMA application_id`): "STDY".
pub const APPLICATION_ID: i32 = 0x5354_4459;

/// The folder of automatic and manual backups, inside the data folder.
pub const BACKUPS_DIR: &str = "backups";
const LOCK_FILE: &str = "steady.lock";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why the data file was not opened. Each has its own screen, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StartProblem {
    /// The file is not a readable database any more (a failing disk, a cut copy).
    #[error("the data file is damaged: {detail}")]
    Damaged { detail: String },
    /// Written by a newer Steady, whose changes this one would not understand.
    #[error(
        "the data file was written by a newer Steady (schema {version}, this one knows {known})"
    )]
    Newer { version: u32, known: u32 },
    /// A database, but another program's.
    #[error("the data file is not a Steady file")]
    NotSteady,
    /// The folder (or the file) cannot be written.
    #[error("the data folder cannot be written: {detail}")]
    ReadOnly { detail: String },
    /// No space left on the disk.
    #[error("the disk is full")]
    DiskFull,
    /// Another Steady has this folder open.
    #[error("another Steady is using this data folder")]
    InUse,
    /// Anything else the system reported.
    #[error("the data folder could not be used: {detail}")]
    Unusable { detail: String },
}

impl StartProblem {
    /// Whether restoring a backup over the file is the way out (a file that can be set aside).
    pub fn restorable(&self) -> bool {
        matches!(
            self,
            Self::Damaged { .. } | Self::Newer { .. } | Self::NotSteady
        )
    }

    /// The word in the name the refused file is kept under: `steady.sqlite3.damaged-<date>`.
    fn set_aside_as(&self) -> &'static str {
        match self {
            Self::Newer { .. } => "newer",
            Self::NotSteady => "not-steady",
            _ => "damaged",
        }
    }

    fn from_io(err: &io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => Self::ReadOnly {
                detail: err.to_string(),
            },
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Self::DiskFull,
            _ => Self::Unusable {
                detail: err.to_string(),
            },
        }
    }

    fn from_sqlite(err: &rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as E;
        match err.sqlite_error_code() {
            Some(E::DatabaseCorrupt | E::NotADatabase) => Self::Damaged {
                detail: err.to_string(),
            },
            Some(E::DiskFull) => Self::DiskFull,
            Some(E::ReadOnly | E::PermissionDenied | E::CannotOpen) => Self::ReadOnly {
                detail: err.to_string(),
            },
            Some(E::DatabaseBusy | E::DatabaseLocked) => Self::InUse,
            _ => Self::Unusable {
                detail: err.to_string(),
            },
        }
    }

    fn from_core(err: &CoreError) -> Self {
        match err {
            CoreError::Storage(err) => Self::from_sqlite(err),
            CoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                Self::from_sqlite(err)
            }
            CoreError::Io(err) => Self::from_io(err),
            other => Self::Unusable {
                detail: other.to_string(),
            },
        }
    }
}

/// What the window is told at start when the data file was refused: why, where, and the
/// backups it could be restored from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DataProblem {
    pub problem: StartProblem,
    pub data_folder: String,
    /// Whether restoring a backup is a way out of this problem.
    pub restorable: bool,
    /// Backups that can be restored, newest first.
    pub backups: Vec<crate::backups::BackupInfo>,
}

impl DataFolder {
    pub fn problem(&self, problem: StartProblem) -> DataProblem {
        let restorable = problem.restorable();
        DataProblem {
            problem,
            data_folder: self.dir.display().to_string(),
            restorable,
            backups: self
                .list_backups()
                .into_iter()
                .filter(|b| b.contents.is_some())
                .collect(),
        }
    }
}

/// What the start-up check found in a file it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No data yet: Steady has never been set up here.
    Fresh,
    /// A Steady file at this schema version (possibly older than this build's).
    Steady { version: u32 },
}

/// Keeps other Steady processes away from the data folder while it is held.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
}

/// The data folder: the database file, its backups and the lock.
#[derive(Debug, Clone)]
pub struct DataFolder {
    dir: PathBuf,
}

impl DataFolder {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn database(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    pub fn backups(&self) -> PathBuf {
        self.dir.join(BACKUPS_DIR)
    }

    /// Takes the folder for this process. Held until the lock is dropped; the system releases
    /// it if the process dies, so a crash never locks the owner out.
    pub fn lock(&self) -> Result<DataLock, StartProblem> {
        std::fs::create_dir_all(&self.dir).map_err(|err| StartProblem::from_io(&err))?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK_FILE))
            .map_err(|err| StartProblem::from_io(&err))?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(StartProblem::InUse),
            Err(std::fs::TryLockError::Error(err)) => Err(StartProblem::from_io(&err)),
        }
    }

    /// Checks the folder and the file without writing to the file: the folder can be written,
    /// the file is a database, passes `quick_check`, is Steady's and not from a newer Steady.
    pub fn check(&self) -> Result<FileState, StartProblem> {
        std::fs::create_dir_all(&self.dir).map_err(|err| StartProblem::from_io(&err))?;
        check_writable(&self.dir)?;
        let path = self.database();
        let mut header = Vec::with_capacity(100);
        match File::open(&path) {
            Ok(file) => {
                file.take(100)
                    .read_to_end(&mut header)
                    .map_err(|err| StartProblem::from_io(&err))?;
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(FileState::Fresh),
            Err(err) => return Err(StartProblem::from_io(&err)),
        }
        if header.is_empty() {
            // SQLite makes an empty file on open and fills it at once: an empty file is a
            // first run cut short — unless backups say there was a plan here.
            return if crate::backups::any_backup(&self.backups()) {
                Err(StartProblem::Damaged {
                    detail: "the file is empty".into(),
                })
            } else {
                Ok(FileState::Fresh)
            };
        }
        if !header.starts_with(SQLITE_MAGIC) {
            return Err(StartProblem::Damaged {
                detail: "the file does not start like a database".into(),
            });
        }
        let conn = open_read_only(&path).map_err(|err| StartProblem::from_sqlite(&err))?;
        inspect(&conn).map_err(|err| StartProblem::from_core(&err))?
    }

    /// Checks the file, takes a backup before upgrading an older one, and opens it.
    pub fn open(&self, now: DateTime<Utc>) -> Result<Store, StartProblem> {
        let state = self.check()?;
        if let FileState::Steady { version } = state {
            if (version as usize) < latest_schema_version() {
                let conn = open_read_only(&self.database())
                    .map_err(|err| StartProblem::from_sqlite(&err))?;
                crate::backups::write_backup(
                    &conn,
                    &self.backups(),
                    crate::backups::BackupReason::BeforeUpgrade,
                    now,
                )
                .map_err(|err| StartProblem::from_core(&err))?;
            }
        }
        Store::open(&self.database()).map_err(|err| StartProblem::from_core(&err))
    }

    /// Keeps the refused file (and its journal files) beside it under a name that says why,
    /// `steady.sqlite3.damaged-2026-11-30-1751`, and returns that path.
    pub fn set_aside(&self, problem: &StartProblem, now: DateTime<Utc>) -> CoreResult<PathBuf> {
        let stamp = now.format("%Y-%m-%d-%H%M%S");
        let kept = self.dir.join(format!(
            "{DATABASE_FILE}.{}-{stamp}",
            problem.set_aside_as()
        ));
        // The journal files go with it: a restored file must never pick up the old one's WAL.
        for suffix in ["-wal", "-shm", "-journal"] {
            let from = self.dir.join(format!("{DATABASE_FILE}{suffix}"));
            if from.exists() {
                let mut to = kept.clone().into_os_string();
                to.push(suffix);
                std::fs::rename(&from, to)?;
            }
        }
        if self.database().exists() {
            std::fs::rename(self.database(), &kept)?;
        }
        sync_dir(&self.dir)?;
        Ok(kept)
    }

    /// Puts the checked backup at `source` in place of a file refused at start, keeping the
    /// refused one aside; returns where it was kept and the opened store.
    pub fn restore_over(
        &self,
        problem: &StartProblem,
        source: &Path,
        now: DateTime<Utc>,
    ) -> CoreResult<(Store, PathBuf)> {
        crate::backups::check_backup_file(source)?;
        let temp = self.dir.join(format!(".{DATABASE_FILE}.restoring"));
        crate::backups::copy_durably(source, &temp)?;
        let kept = self.set_aside(problem, now)?;
        std::fs::rename(&temp, self.database())?;
        sync_dir(&self.dir)?;
        let store = self.open(now).map_err(|problem| {
            CoreError::Io(io::Error::other(format!("the restored file: {problem}")))
        })?;
        Ok((store, kept))
    }
}

pub(crate) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Whether a database connection holds a Steady file this build can open, by its content.
pub(crate) fn inspect(conn: &Connection) -> CoreResult<Result<FileState, StartProblem>> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA quick_check(5)")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if problems != ["ok"] {
        return Ok(Err(StartProblem::Damaged {
            detail: problems.join("; "),
        }));
    }
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

fn check_writable(dir: &Path) -> Result<(), StartProblem> {
    let probe = dir.join(".steady-write-check");
    let result = File::create(&probe).and_then(|file| file.sync_all());
    let _ = std::fs::remove_file(&probe);
    result.map_err(|err| StartProblem::from_io(&err))
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests;
