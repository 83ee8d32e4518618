//! Backups of the data file, so the plan survives a damaged file, a wrong click and a dead
//! laptop: taken with SQLite's online backup API when Steady opens (once a day), before an
//! upgrade, a restore or an import, and on request; each checked (`integrity_check`) before it
//! counts; kept as 7 daily and 4 weekly copies; and also written to a folder of the owner's
//! choosing off the laptop (a USB stick, a synced folder), atomically.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::datafolder::{
    damage, identify, open_read_only, sync_dir, DataFolder, FileState, StartProblem, APPLICATION_ID,
};
use crate::error::{CoreError, CoreResult, FileProblem, FileReason};
use crate::store::{migrations, Store};
use crate::text_enum;

/// How many days keep their newest backup, and how many weeks.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
/// The newest backups are kept whatever their day, so a backup taken just before a restore
/// survives the next few.
pub const KEEP_NEWEST: usize = 3;

/// The folder made inside the owner's chosen copy folder; each computer writes into its own
/// folder in it, named after the computer, and prunes only that one.
pub const COPY_SUBFOLDER: &str = "Steady backups";
const PREFIX: &str = "steady-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y-%m-%d-%H%M%S";

text_enum! {
    /// Why a backup was taken.
    pub enum BackupReason {
        Daily = "daily",
        Manual = "manual",
        BeforeUpgrade = "before_upgrade",
        BeforeRestore = "before_restore",
        BeforeImport = "before_import",
    }
}

text_enum! {
    /// Where a backup is: in the data folder, or in the copy folder off the laptop.
    pub enum BackupPlace {
        ThisComputer = "this_computer",
        CopyFolder = "copy_folder",
    }
}

/// What a backup holds, read from the backup itself.
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

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub place: BackupPlace,
    /// In the copy folder: the computer that made it.
    pub machine: Option<String>,
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub size: u64,
    /// `None` when the file can no longer be read: it is listed, never offered for a restore.
    pub contents: Option<BackupContents>,
}

/// What became of the copy off the laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CopyOutcome {
    /// No copy folder is chosen.
    NotChosen,
    Written,
    /// The chosen folder is not there (a USB stick unplugged, a synced folder moved).
    Missing {
        folder: String,
    },
    /// The folder is there but the copy could not be written (full, read-only).
    Failed {
        folder: String,
        detail: String,
    },
}

/// What a restore did: where a file refused at start was kept, or the backup of the plan it
/// replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutcome {
    /// The name, in the data folder, of the file refused at start.
    pub kept_as: Option<String>,
    pub saved: Option<BackupOutcome>,
}

/// A backup just taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOutcome {
    pub backup: BackupInfo,
    pub copy: CopyOutcome,
}

/// The settings of this computer's backups. They live in a file beside the database, not in
/// it: they must be readable when the database is not, and a restored plan must not move the
/// copies to another computer's USB stick.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// The folder off the laptop that receives a copy of every backup.
    pub copy_folder: Option<String>,
}

const SETTINGS_FILE: &str = "backup-settings.json";

/// The Backups part of Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupsOverview {
    /// Newest first, in both places.
    pub backups: Vec<BackupInfo>,
    /// The data folder, to show and open.
    pub data_folder: String,
    pub copy_folder: Option<String>,
    /// Whether the chosen copy folder is there now (a USB stick may be unplugged).
    pub copy_folder_present: bool,
    /// What the open plan holds now, to say what a restore would replace.
    pub current: Option<BackupContents>,
}

impl DataFolder {
    pub fn backup_settings(&self) -> BackupSettings {
        std::fs::read(self.dir().join(SETTINGS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save_backup_settings(&self, settings: &BackupSettings) -> CoreResult<()> {
        let json = serde_json::to_vec_pretty(settings)
            .map_err(|err| CoreError::Io(io::Error::other(err)))?;
        write_file_durably(&self.dir().join(SETTINGS_FILE), &json)
    }

    /// The copy folder the owner chose, if any, and the folder in it for all computers'
    /// copies.
    fn copy_root(&self) -> Option<(PathBuf, PathBuf)> {
        let chosen = PathBuf::from(self.backup_settings().copy_folder?);
        let root = chosen.join(COPY_SUBFOLDER);
        Some((chosen, root))
    }

    pub fn backups_overview(&self) -> BackupsOverview {
        let copy_folder = self.backup_settings().copy_folder;
        BackupsOverview {
            backups: self.list_backups(),
            data_folder: self.dir().display().to_string(),
            copy_folder_present: copy_folder
                .as_deref()
                .is_some_and(|folder| Path::new(folder).is_dir()),
            copy_folder,
            current: None,
        }
    }

    /// Every backup in the data folder and in the copy folder (every computer's), newest
    /// first.
    pub fn list_backups(&self) -> Vec<BackupInfo> {
        let mut all = list_in(&self.backups(), BackupPlace::ThisComputer, None);
        if let Some((_, root)) = self.copy_root() {
            for machine in std::fs::read_dir(&root).into_iter().flatten().flatten() {
                let Ok(name) = machine.file_name().into_string() else {
                    continue;
                };
                if machine.path().is_dir() && valid_machine(&name) {
                    all.extend(list_in(
                        &machine.path(),
                        BackupPlace::CopyFolder,
                        Some(name),
                    ));
                }
            }
        }
        all.sort_by(|a, b| {
            (b.taken_at, &b.file_name)
                .cmp(&(a.taken_at, &a.file_name))
                .then(a.place.as_str().cmp(b.place.as_str()))
        });
        all
    }

    /// Where a listed backup is. Only names this module made, in the known folders: the
    /// window names a backup, never a path.
    pub fn backup_path(
        &self,
        place: BackupPlace,
        machine: Option<&str>,
        file_name: &str,
    ) -> CoreResult<PathBuf> {
        let not_found = || CoreError::NotFound(format!("backup {file_name}"));
        parse_name(file_name).ok_or_else(not_found)?;
        let dir = match (place, machine) {
            (BackupPlace::ThisComputer, None) => self.backups(),
            (BackupPlace::CopyFolder, Some(machine)) if valid_machine(machine) => {
                self.copy_root().ok_or_else(not_found)?.1.join(machine)
            }
            _ => return Err(not_found()),
        };
        let path = dir.join(file_name);
        if path.is_file() {
            Ok(path)
        } else {
            Err(not_found())
        }
    }

    /// The newest backup this computer took, if any.
    pub fn newest_backup(&self) -> Option<DateTime<Utc>> {
        names_in(&self.backups())
            .into_iter()
            .map(|(at, _, _)| at)
            .max()
    }

    /// Whether the daily backup is due: none yet today, in the owner's local time.
    pub fn daily_backup_due(&self, now: DateTime<FixedOffset>) -> bool {
        self.newest_backup()
            .is_none_or(|at| at.with_timezone(now.offset()).date_naive() != now.date_naive())
    }
}

impl Store {
    /// Takes a backup into the data folder's `backups/`, checks it, copies it to the copy
    /// folder when one is chosen, and drops the backups no longer kept in both places.
    pub fn back_up(
        &self,
        folder: &DataFolder,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<BackupOutcome> {
        let utc = now.with_timezone(&Utc);
        let backup = write_backup(&self.conn, &folder.backups(), reason, utc)?;
        prune(&folder.backups(), now.offset());
        let copy = match folder.copy_root() {
            None => CopyOutcome::NotChosen,
            Some((chosen, _)) if !chosen.is_dir() => CopyOutcome::Missing {
                folder: chosen.display().to_string(),
            },
            Some((chosen, root)) => {
                let inside = root.join(folder.machine());
                let source = folder.backups().join(&backup.file_name);
                match copy_into(&source, &inside, &backup.file_name) {
                    Ok(()) => {
                        prune(&inside, now.offset());
                        CopyOutcome::Written
                    }
                    Err(err) => CopyOutcome::Failed {
                        folder: chosen.display().to_string(),
                        detail: err.to_string(),
                    },
                }
            }
        };
        Ok(BackupOutcome { backup, copy })
    }

    /// What the open plan holds, counted as a backup's contents are.
    pub fn contents(&self) -> CoreResult<BackupContents> {
        read_contents(&self.conn, self.schema_version()? as u32)
    }

    /// Replaces everything in the open database with the checked backup at `source`, after
    /// saving the current state as a backup (whose outcome is returned). Done with the
    /// backup API into the live connection: one write, all or nothing.
    pub fn restore_backup(
        &mut self,
        folder: &DataFolder,
        source: &Path,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<Option<BackupOutcome>> {
        // Opened once: what was checked is what is restored, whatever a sync tool does.
        let (from, contents) = open_checked(source)?;
        let from = at_latest(from, contents.schema_version)?;
        let saved = self.back_up_before(folder, BackupReason::BeforeRestore, now)?;
        self.replace_with(&from)?;
        Ok(saved)
    }

    /// The backup taken before the plan is replaced or changed in bulk — none when there is
    /// nothing yet to keep (a first run restoring from another computer).
    pub(crate) fn back_up_before(
        &self,
        folder: &DataFolder,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<Option<BackupOutcome>> {
        let holds_anything: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM business) OR EXISTS (SELECT 1 FROM contacts)
                 OR EXISTS (SELECT 1 FROM incidents)",
            [],
            |row| row.get(0),
        )?;
        if holds_anything {
            self.back_up(folder, reason, now).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Copies the whole of `from`, already at the latest schema, over this database in one
    /// write: all of it or nothing.
    pub(crate) fn replace_with(&mut self, from: &Connection) -> CoreResult<()> {
        {
            let backup = rusqlite::backup::Backup::new(from, &mut self.conn)?;
            // -1: every page in one step, so the destination changes in one transaction.
            backup.step(-1)?;
        }
        self.conn.flush_prepared_statement_cache();
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(())
    }
}

/// Writes a checked backup of `conn` into `dir` and returns it. The copy is made under a
/// temporary name, switched out of WAL so it is one self-contained file, checked with
/// `integrity_check`, synced, and only then given its name: a crash or a bad copy never leaves
/// a file that looks like a backup.
pub(crate) fn write_backup(
    conn: &Connection,
    dir: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> CoreResult<BackupInfo> {
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".backup-{}.tmp", std::process::id()));
    let result = (|| {
        copy_with_backup_api(conn, &temp)?;
        let (checked, contents) = open_checked(&temp)?;
        drop(checked);
        let name = free_name(dir, now, reason);
        std::fs::rename(&temp, dir.join(&name))?;
        sync_dir(dir)?;
        let size = std::fs::metadata(dir.join(&name))?.len();
        Ok(BackupInfo {
            file_name: name,
            place: BackupPlace::ThisComputer,
            machine: None,
            taken_at: now,
            reason,
            size,
            contents: Some(contents),
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Copies the database of `from` into a new file at `to` with the online backup API, as one
/// self-contained file (no WAL beside it), synced.
pub(crate) fn copy_with_backup_api(from: &Connection, to: &Path) -> CoreResult<()> {
    let _ = std::fs::remove_file(to);
    {
        let mut dest = Connection::open(to)?;
        {
            let backup = rusqlite::backup::Backup::new(from, &mut dest)?;
            backup.step(-1)?;
        }
        dest.pragma_update(None, "journal_mode", "DELETE")?;
    }
    File::open(to)?.sync_all()?;
    Ok(())
}

/// Opens a backup read-only, checks it fully (`integrity_check`) and says what it holds;
/// refuses a file that is damaged, empty, not Steady's or from a newer Steady.
pub(crate) fn open_checked(path: &Path) -> CoreResult<(Connection, BackupContents)> {
    let conn = open_read_only(path)?;
    if let Some(damaged) = damage(&conn, "integrity_check")? {
        return Err(CoreError::Refused(damaged));
    }
    let contents = match identify(&conn)? {
        Ok(FileState::Steady { version }) => read_contents(&conn, version)?,
        Ok(FileState::Fresh) => {
            return Err(CoreError::Refused(StartProblem::Damaged {
                detail: "the backup is empty".into(),
            }))
        }
        Err(problem) => return Err(CoreError::Refused(problem)),
    };
    Ok((conn, contents))
}

/// A backup file the owner chose (from a USB stick, another computer's folder), checked as
/// [`open_checked`] does; a refusal says why in the owner's terms.
pub fn check_backup_file(path: &Path) -> CoreResult<BackupContents> {
    open_checked(path)
        .map(|(_, contents)| contents)
        .map_err(|err| match err {
            CoreError::Refused(problem) => {
                let reason = match problem {
                    StartProblem::Newer { version, .. } => FileReason::NewerFormat { version },
                    StartProblem::NotSteady => FileReason::NotSteady,
                    _ => FileReason::Damaged,
                };
                CoreError::BadFile(FileProblem {
                    line: None,
                    place: String::new(),
                    reason,
                })
            }
            CoreError::Storage(_) => CoreError::BadFile(FileProblem {
                line: None,
                place: String::new(),
                reason: FileReason::Damaged,
            }),
            other => other,
        })
}

/// `conn` itself when it is at the latest schema; else a private copy brought up to it, so
/// what replaces the owner's data is complete before the one write.
fn at_latest(conn: Connection, version: u32) -> CoreResult<Connection> {
    if version as usize >= crate::store::latest_schema_version() {
        return Ok(conn);
    }
    let mut copy = Connection::open_in_memory()?;
    {
        let backup = rusqlite::backup::Backup::new(&conn, &mut copy)?;
        backup.step(-1)?;
    }
    migrations().to_latest(&mut copy)?;
    Ok(copy)
}

fn read_contents(conn: &Connection, version: u32) -> CoreResult<BackupContents> {
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
        incidents: count("incidents").unwrap_or(0),
        schema_version: version,
    })
}

/// What a backup holds, read quickly (its header and counts, not every page): a listing may
/// open many, some of them in a synced folder. A restore checks the chosen one fully.
fn readable(path: &Path) -> Option<BackupContents> {
    let conn = open_read_only(path).ok()?;
    match identify(&conn) {
        Ok(Ok(FileState::Steady { version })) => read_contents(&conn, version).ok(),
        _ => None,
    }
}

/// A computer's name as it appears in the copy folder: letters, digits, `-`, `_` and `.`.
fn valid_machine(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// This computer's name, made fit for a folder name ("shop-laptop").
pub fn machine_name() -> String {
    let raw = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default();
    let clean: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    let clean = clean.trim_matches('-').to_owned();
    if valid_machine(&clean) {
        clean
    } else {
        "this-computer".to_owned()
    }
}

/// Whether `dir` holds any backup at all.
pub(crate) fn any_backup(dir: &Path) -> bool {
    !names_in(dir).is_empty()
}

fn list_in(dir: &Path, place: BackupPlace, machine: Option<String>) -> Vec<BackupInfo> {
    names_in(dir)
        .into_iter()
        .map(|(taken_at, reason, file_name)| {
            let path = dir.join(&file_name);
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            BackupInfo {
                contents: readable(&path),
                file_name,
                place,
                machine: machine.clone(),
                taken_at,
                reason,
                size,
            }
        })
        .collect()
}

/// The backups in `dir`, by the names this module gives them; anything else is left alone.
fn names_in(dir: &Path) -> Vec<(DateTime<Utc>, BackupReason, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| parse_name(&name).map(|(at, reason)| (at, reason, name)))
        .collect()
}

fn backup_name(at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
    let reason = reason.as_str().replace('_', "-");
    let stamp = at.format(STAMP);
    if n == 0 {
        format!("{PREFIX}{stamp}-{reason}{SUFFIX}")
    } else {
        format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}")
    }
}

fn free_name(dir: &Path, at: DateTime<Utc>, reason: BackupReason) -> String {
    (0..)
        .map(|n| backup_name(at, reason, n))
        .find(|name| !dir.join(name).exists())
        .unwrap_or_default()
}

/// `steady-2026-11-30-175100-before-restore-2.sqlite3` → its time (UTC) and reason.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, tail) = (rest.get(..17)?, rest.get(17..)?);
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let tail = tail.strip_prefix('-')?;
    let reason = BackupReason::ALL.iter().copied().find(|r| {
        let word = r.as_str().replace('_', "-");
        tail == word
            || tail
                .strip_prefix(&word)
                .and_then(|n| n.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })?;
    Some((Utc.from_utc_datetime(&at), reason))
}

/// Which backups to keep of those taken at `times`: the newest of each of the last
/// [`KEEP_DAILY`] days that have one, then the newest of each of the [`KEEP_WEEKLY`] weeks
/// before those days, and the [`KEEP_NEWEST`] newest; days and weeks in the owner's local
/// time. About five weeks back, in at most 14 files.
pub fn kept(times: &[DateTime<Utc>], offset: &FixedOffset) -> HashSet<DateTime<Utc>> {
    let mut newest_first: Vec<DateTime<Utc>> = times.to_vec();
    newest_first.sort_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut keep: HashSet<DateTime<Utc>> = newest_first.iter().take(KEEP_NEWEST).copied().collect();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for at in &newest_first {
        let local = at.with_timezone(offset);
        let day = local.date_naive();
        if days.contains(&day) {
            continue;
        }
        if days.len() < KEEP_DAILY {
            days.push(day);
            keep.insert(*at);
            continue;
        }
        let week = local.iso_week();
        let week = (week.year(), week.week());
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.push(week);
            keep.insert(*at);
        }
    }
    keep
}

/// Deletes the backups in `dir` that [`kept`] does not keep. Only backups that can be read
/// count: one that a failing disk damaged is neither kept in place of a good one nor deleted.
fn prune(dir: &Path, offset: &FixedOffset) {
    let all: Vec<_> = names_in(dir)
        .into_iter()
        .filter(|(_, _, name)| readable(&dir.join(name)).is_some())
        .collect();
    let times: Vec<DateTime<Utc>> = all.iter().map(|(at, _, _)| *at).collect();
    let keep = kept(&times, offset);
    for (at, _, name) in all {
        if !keep.contains(&at) {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

/// Copies `source` into `dir` as `name`, atomically: a temporary name, synced, then renamed,
/// so a synced folder never carries half a file.
fn copy_into(source: &Path, dir: &Path, name: &str) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".{name}.part"));
    let result = copy_durably(source, &temp).and_then(|()| std::fs::rename(&temp, dir.join(name)));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result?;
    sync_dir(dir)
}

/// Copies a file and syncs the copy to disk.
pub(crate) fn copy_durably(source: &Path, to: &Path) -> io::Result<()> {
    std::fs::copy(source, to)?;
    File::open(to)?.sync_all()
}

/// Writes `bytes` to `path` atomically (temporary name, sync, rename, sync the folder).
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> CoreResult<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp_name = path.file_name().unwrap_or_default().to_os_string();
    temp_name.push(".part");
    let temp = dir.join(temp_name);
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(result?)
}

#[cfg(test)]
mod tests;
