//! The data folder and what Steady does with it before trusting it: the owner's plan lives in
//! one file, so the file is checked *read-only* before anything writes to it, a second Steady is
//! kept out, and a file that cannot be used is named for what it is (damaged, from a newer
//! Steady, not Steady's, in a folder that cannot be written, on a full disk) — never opened as
//! an empty plan, never written to.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, StartProblem};
use crate::store::{
    inspect, latest_schema_version, open_read_only, sync_dir, FileState, Store, DATABASE_FILE,
};

mod backing_up;
mod synced;
mod this_computer;

pub use backing_up::{BackupOutcome, BackupsOverview, CopyOutcome, RestoreOutcome};
pub use synced::{synced_folder_around, SyncTool, SyncedFolder};
pub use this_computer::{DisplaySettings, Kept, LocalSettings, StoredPath, TextSize};

/// The folder of automatic and manual backups, inside the data folder.
pub const BACKUPS_DIR: &str = "backups";
const LOCK_FILE: &str = "steady.lock";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the window is told at start when the data file was refused: why, where, and the
/// backups it could be restored from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DataProblem {
    pub problem: StartProblem,
    pub data_folder: String,
    /// The language the owner last chose, if known (the plan itself cannot be read).
    pub language: Option<crate::business::Language>,
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
            language: self.local_settings().language,
            restorable,
            backups: self
                .list_backups()
                .into_iter()
                .filter(|b| b.contents.is_some())
                .collect(),
        }
    }
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
    /// This computer's name, for its folder in the shared copy folder.
    machine: String,
}

impl DataFolder {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::on_machine(dir, crate::backups::machine_name())
    }

    /// As [`DataFolder::new`], as the computer called `machine` (tests play two computers).
    pub fn on_machine(dir: impl Into<PathBuf>, machine: impl Into<String>) -> Self {
        Self {
            dir: dir.into(),
            machine: machine.into(),
        }
    }

    pub fn machine(&self) -> &str {
        &self.machine
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
    ///
    /// Taking it also makes the folder private again: the folder, the files in it and the
    /// backups, narrowed to the owner if anything made them wider.
    pub fn lock(&self) -> Result<DataLock, StartProblem> {
        crate::private::create_dir(&self.dir).map_err(|err| StartProblem::from_io(&err))?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(crate::private::FILE_MODE)
            .open(self.dir.join(LOCK_FILE))
            .map_err(|err| StartProblem::from_io(&err))?;
        match file.try_lock() {
            Ok(()) => {
                for dir in [self.dir.clone(), self.backups()] {
                    match crate::private::narrow_folder(&dir) {
                        Err(err) if err.kind() != io::ErrorKind::NotFound => {
                            eprintln!("Steady could not make {} private: {err}", dir.display());
                        }
                        _ => {}
                    }
                }
                Ok(DataLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(StartProblem::InUse),
            Err(std::fs::TryLockError::Error(err)) => Err(StartProblem::from_io(&err)),
        }
    }

    /// Checks the folder and the file without writing to the file: the folder can be written,
    /// the file is a database, passes `quick_check`, is Steady's and not from a newer Steady.
    pub fn check(&self) -> Result<FileState, StartProblem> {
        crate::private::create_dir(&self.dir).map_err(|err| StartProblem::from_io(&err))?;
        check_writable(&self.dir)?;
        let path = self.database();
        let mut header = Vec::with_capacity(100);
        match File::open(&path) {
            Ok(file) => {
                file.take(100)
                    .read_to_end(&mut header)
                    .map_err(|err| StartProblem::from_io(&err))?;
            }
            // No file: a first run — unless backups say there was a plan here.
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return if crate::backups::any_backup(&self.backups()) {
                    Err(StartProblem::Missing)
                } else {
                    Ok(FileState::Fresh)
                };
            }
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

    /// Starts a new, empty plan where the file went missing (the backups stay).
    pub fn start_afresh(&self) -> Result<Store, StartProblem> {
        if self.database().exists() {
            return self.open(Utc::now());
        }
        Store::open(&self.database()).map_err(|err| StartProblem::from_core(&err))
    }

    /// Puts the checked backup at `source` in place of a file refused at start, keeping the
    /// refused one (and its journal files) beside it under a name that says why and when, in
    /// the owner's local time: `steady.sqlite3.damaged-2026-11-30-1751`. Returns that path and
    /// the opened store. A data file exists at every moment: the refused one is linked to its
    /// new name before the restored one is renamed over it.
    ///
    /// The file is checked again here, by the caller holding the data-change lock: what the
    /// window saw may be stale (a first restore already put a file in place and opened it),
    /// and moving aside a file in use would leave its store writing to an unlinked journal.
    /// `None` when the file is no longer refused: nothing was touched.
    pub fn restore_over(
        &self,
        source: &Path,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<Option<(Store, Option<PathBuf>)>> {
        let problem = match self.check() {
            Ok(_) => return Ok(None),
            Err(problem) if problem.restorable() => problem,
            Err(problem) => return Err(CoreError::Refused(problem)),
        };
        let (from, _) = crate::backups::open_checked(source)?;
        let temp = self.dir.join(format!(".{DATABASE_FILE}.restoring"));
        crate::backups::copy_with_backup_api(&from, &temp)?;
        drop(from);
        let stamp = now.format("%Y-%m-%d-%H%M");
        let base = format!("{DATABASE_FILE}.{}-{stamp}", problem.set_aside_as());
        let kept = (1..)
            .map(|n| match n {
                1 => self.dir.join(&base),
                n => self.dir.join(format!("{base}-{n}")),
            })
            .find(|path| !path.exists() && !journal(path, "-wal").exists())
            .unwrap_or_else(|| self.dir.join(&base));
        let refused_file = self.database().exists();
        // The journal files go with it: the restored file must never pick up the old WAL.
        for suffix in ["-wal", "-shm", "-journal"] {
            let from = journal(&self.database(), suffix);
            if from.exists() {
                std::fs::rename(&from, journal(&kept, suffix))?;
            }
        }
        if refused_file && std::fs::hard_link(self.database(), &kept).is_err() {
            // A file system without links: a moment without a data file cannot be avoided.
            std::fs::rename(self.database(), &kept)?;
        }
        std::fs::rename(&temp, self.database())?;
        sync_dir(&self.dir)?;
        let store = self
            .open(now.with_timezone(&Utc))
            .map_err(CoreError::Refused)?;
        Ok(Some((store, refused_file.then_some(kept))))
    }
}

/// The journal file `suffix` (`-wal`) of the database at `path`.
fn journal(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn check_writable(dir: &Path) -> Result<(), StartProblem> {
    let probe = dir.join(".steady-write-check");
    let result = File::create(&probe).and_then(|file| file.sync_all());
    let _ = std::fs::remove_file(&probe);
    result.map_err(|err| StartProblem::from_io(&err))
}

#[cfg(test)]
mod tests;
