//! Backups of the data file, so the plan survives a damaged file, a wrong click and a dead
//! laptop: taken with SQLite's online backup API when Steady opens (once a day), before an
//! upgrade, a restore or an import, and on request; each checked (`integrity_check`) before it
//! counts; kept as 7 daily and 4 weekly copies; and also written to a folder of the owner's
//! choosing off the laptop (a USB stick, a synced folder), atomically.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, FileProblem, FileReason, StartProblem};
pub use crate::store::BackupContents;
use crate::store::{
    damage, identify, open_untrusted, read_contents, schema_is_steadys, sync_dir, trusted,
    FileState,
};
use crate::text_enum;

/// How many days keep their newest backup, and how many weeks.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
/// The newest backups are kept whatever their day, so a backup taken just before a restore
/// survives the next few.
pub const KEEP_NEWEST: usize = 3;

/// How long a backup taken before a restore, an import or an upgrade is kept.
pub const KEEP_SAFETY_DAYS: i64 = 7;

/// The folder made inside the owner's chosen copy folder; each computer writes into its own
/// folder in it, named after the computer, and prunes only that one.
pub const COPY_SUBFOLDER: &str = "Steady backups";
const PREFIX: &str = "steady-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y-%m-%d-%H%M%S";

/// How long reading what a backup holds may take when listing it, and checking one fully
/// before a restore (every page, from a slow USB stick): a file that takes longer is refused,
/// never waited for.
const LIST_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);
const CHECK_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

text_enum! {
    /// Why a backup was taken.
    pub enum BackupReason {
        Daily = "daily",
        Manual = "manual",
        BeforeUpgrade = "before_upgrade",
        BeforeRestore = "before_restore",
        BeforeImport = "before_import",
        BeforeJoin = "before_join",
    }
}

text_enum! {
    /// Where a backup is: in the data folder, or in the copy folder off the laptop.
    pub enum BackupPlace {
        ThisComputer = "this_computer",
        CopyFolder = "copy_folder",
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub place: BackupPlace,
    /// In the copy folder: the folder of the computer that made it (how the window names it
    /// back for a restore).
    pub machine: Option<String>,
    /// In the copy folder: the name of the computer that made it, as it called itself.
    pub computer: Option<String>,
    /// In the copy folder: made by another computer (or planted there by one), not this one.
    pub from_other_computer: bool,
    /// On this computer: whether the copy folder holds a copy of it too.
    pub copied: bool,
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub size: u64,
    /// `None` when the file can no longer be read: it is listed, never offered for a restore.
    pub contents: Option<BackupContents>,
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
    crate::private::create_dir(dir)?;
    let temp = dir.join(format!(".backup-{}.tmp", std::process::id()));
    let result = (|| {
        copy_with_backup_api(conn, &temp)?;
        let (checked, contents) = open_checked(&temp)?;
        drop(checked);
        let name = free_name(dir, now, reason);
        mark_written(&temp, now)?;
        std::fs::rename(&temp, dir.join(&name))?;
        sync_dir(dir)?;
        let size = std::fs::metadata(dir.join(&name))?.len();
        Ok(BackupInfo {
            file_name: name,
            place: BackupPlace::ThisComputer,
            machine: None,
            computer: None,
            from_other_computer: false,
            copied: false,
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
    // Made private before SQLite fills it (an empty file is an empty database to SQLite).
    drop(crate::private::create_file(to)?);
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
    let conn = open_untrusted(path, CHECK_LIMIT)?;
    if let Some(damaged) = damage(&conn, "integrity_check")? {
        return Err(CoreError::Refused(damaged));
    }
    let contents = match identify(&conn)? {
        Ok(FileState::Steady { version }) if !schema_is_steadys(&conn, version)? => {
            return Err(CoreError::Refused(StartProblem::NotSteady))
        }
        Ok(FileState::Steady { version }) => read_contents(&conn, version)?,
        Ok(FileState::Fresh) => {
            return Err(CoreError::Refused(StartProblem::Damaged {
                detail: "the backup is empty".into(),
            }))
        }
        Err(problem) => return Err(CoreError::Refused(problem)),
    };
    trusted(&conn)?;
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
            CoreError::Storage(err) => CoreError::BadFile(FileProblem {
                line: None,
                place: String::new(),
                reason: match err.sqlite_error_code() {
                    Some(
                        rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied,
                    ) => FileReason::Unreadable,
                    _ => FileReason::Damaged,
                },
            }),
            other => other,
        })
}

/// What a backup holds, read quickly (its header and counts, not every page): a listing may
/// open many, some of them in a synced folder. A restore checks the chosen one fully.
fn readable(path: &Path) -> Option<BackupContents> {
    let conn = open_untrusted(path, LIST_LIMIT).ok()?;
    match identify(&conn) {
        Ok(Ok(FileState::Steady { version })) if schema_is_steadys(&conn, version).ok()? => {
            read_contents(&conn, version).ok()
        }
        _ => None,
    }
}

/// A computer's name as it appears in the copy folder: letters, digits, `-`, `_` and `.`.
pub(crate) fn valid_machine(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The name of a computer's folder in the copy folder: its name, only a label, then the
/// random id that tells two computers of the same name apart (`debian-3f0c9a1be2d4c567`).
pub(crate) fn computer_folder(label: &str, id: &str) -> String {
    let label: String = label.chars().take(64 - 1 - id.len()).collect();
    format!("{label}-{id}")
}

/// A folder of the copy folder read back: the computer's name and, unless the folder was
/// written before computers had ids (named after the computer alone), its id.
pub(crate) fn computer_of(folder: &str) -> (&str, Option<&str>) {
    match folder.rsplit_once('-') {
        Some((label, id)) if !label.is_empty() && valid_computer_id(id) => (label, Some(id)),
        _ => (folder, None),
    }
}

/// A computer id as Steady makes them: 16 lowercase hexadecimal digits.
pub(crate) fn valid_computer_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A new random computer id.
pub(crate) fn new_computer_id() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 8];
    let random = File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if random.is_err() {
        // No /dev/urandom: the time and the process make a value no other computer shares.
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
        bytes = (nanos ^ (u64::from(std::process::id()) << 32)).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

pub(crate) fn list_in(dir: &Path, place: BackupPlace, machine: Option<String>) -> Vec<BackupInfo> {
    let computer = machine.as_deref().map(|m| computer_of(m).0.to_owned());
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
                computer: computer.clone(),
                from_other_computer: false,
                copied: false,
                taken_at,
                reason,
                size,
            }
        })
        .collect()
}

/// The backups in `dir`, by the names this module gives them; anything else is left alone.
pub(crate) fn names_in(dir: &Path) -> Vec<(DateTime<Utc>, BackupReason, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| parse_name(&name).map(|(at, reason)| (at, reason, name)))
        .collect()
}

pub(crate) fn backup_name(at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
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
pub(crate) fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
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

/// Records `at`, Steady's clock when the file was written, as the file's modification time:
/// retention counts from it, not from a name anyone can give a file.
fn mark_written(path: &Path, at: DateTime<Utc>) -> io::Result<()> {
    File::options()
        .write(true)
        .open(path)?
        .set_modified(std::time::SystemTime::from(at))
}

/// When the backup at `path` was written (its modification time), if the file says.
fn written_at(path: &Path) -> Option<DateTime<Utc>> {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from)
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

/// Backups taken before a restore, an import or an upgrade are how the owner undoes one: they
/// are kept for [`KEEP_SAFETY_DAYS`] after they were written, whatever else was taken since (the
/// newest ten at most).
fn safety_kept(
    all: &[(DateTime<Utc>, BackupReason, String)],
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let mut safety: Vec<DateTime<Utc>> = all
        .iter()
        .filter(|(at, reason, _)| {
            *reason != BackupReason::Daily
                && *reason != BackupReason::Manual
                && now - *at < chrono::Duration::days(KEEP_SAFETY_DAYS)
        })
        .map(|(at, _, _)| *at)
        .collect();
    safety.sort_by(|a, b| b.cmp(a));
    safety.truncate(10);
    safety
}

/// Deletes the backups in `dir` that [`kept`] does not keep, counting each from when it was
/// written (not from its name). Only backups that can be read count: one that a failing disk
/// damaged is neither kept in place of a good one nor deleted. `just_written`, the backup
/// this pass follows, is never deleted by it; and a clock behind a backup already written (a
/// dead clock battery after a power cut) is a clock that cannot tell old from new: nothing is
/// deleted until it is right again.
pub(crate) fn prune(dir: &Path, now: DateTime<FixedOffset>, just_written: &str) {
    let all: Vec<_> = names_in(dir)
        .into_iter()
        .filter(|(_, _, name)| readable(&dir.join(name)).is_some())
        .map(|(named, reason, name)| {
            let written = written_at(&dir.join(&name)).unwrap_or(named);
            (written, reason, name)
        })
        .collect();
    let utc = now.with_timezone(&Utc);
    if all
        .iter()
        .any(|(written, _, name)| name != just_written && *written > utc)
    {
        return;
    }
    let times: Vec<DateTime<Utc>> = all.iter().map(|(at, _, _)| *at).collect();
    let mut keep = kept(&times, now.offset());
    keep.extend(safety_kept(&all, utc));
    for (at, _, name) in all {
        if name != just_written && !keep.contains(&at) {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

/// Copies `source` into `dir` as `name`, atomically: a temporary name, synced, then renamed,
/// so a synced folder never carries half a file.
pub(crate) fn copy_into(
    source: &Path,
    dir: &Path,
    name: &str,
    written: DateTime<Utc>,
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".{name}.part"));
    let result = copy_durably(source, &temp)
        .and_then(|()| mark_written(&temp, written))
        .and_then(|()| std::fs::rename(&temp, dir.join(name)));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result?;
    sync_dir(dir)
}

/// Copies a file and syncs the copy to disk.
pub(crate) fn copy_durably(source: &Path, to: &Path) -> io::Result<()> {
    let mut from = File::open(source)?;
    let mut copy = crate::private::create_file(to)?;
    io::copy(&mut from, &mut copy)?;
    copy.sync_all()
}

/// Writes `bytes` to `path` atomically (temporary name, sync, rename, sync the folder).
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> CoreResult<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // A name of its own for each write: two writers of the same file never share one.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(path.file_name().unwrap_or_default());
    temp_name.push(format!(".{}-{n}.part", std::process::id()));
    let temp = dir.join(temp_name);
    let result = (|| {
        let mut file = crate::private::create_file(&temp)?;
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
