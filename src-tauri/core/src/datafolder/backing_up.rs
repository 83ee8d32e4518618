//! The data folder's backups as the owner sees them: taken from the open plan and copied to
//! the folder off this computer, listed from both places, restored over the open plan. The
//! files themselves — how a backup is written, checked, named and pruned — are `backups`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::DataFolder;
use crate::backups::{
    computer_folder, computer_of, copy_into, list_in, names_in, open_checked, parse_name, prune,
    valid_machine, write_backup, BackupContents, BackupInfo, BackupPlace, BackupReason,
    COPY_SUBFOLDER,
};
use crate::error::{CoreError, CoreResult};
use crate::store::{migrations, read_contents, Store, APPLICATION_ID};

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
    /// Not made yet: the backup was taken with the store held, and the copy is made once it
    /// is let go ([`DataFolder::copy_off`]); the app answers only after that.
    Pending,
}

/// A backup just taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOutcome {
    pub backup: BackupInfo,
    pub copy: CopyOutcome,
}

/// What a restore did: where a file refused at start was kept, or the backup of the plan it
/// replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutcome {
    /// The name, in the data folder, of the file refused at start.
    pub kept_as: Option<String>,
    pub saved: Option<BackupOutcome>,
    /// Asked to become the plan of every computer, the backup could not: it was put back on
    /// this computer alone, which stopped sharing (the window says so).
    pub stopped_sharing: bool,
}

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
    /// The folder a sync tool carries that the data folder lies in, if any: a warning, since
    /// a synced database file gets damaged (`synced.rs`).
    pub synced: Option<super::SyncedFolder>,
}

impl DataFolder {
    /// The copy folder the owner chose, if any, and the folder in it for all computers'
    /// copies.
    fn copy_root(&self) -> Option<(PathBuf, PathBuf)> {
        let chosen = self.local_settings().kept_copy_folder()?.path;
        let root = chosen.join(COPY_SUBFOLDER);
        Some((chosen, root))
    }

    /// The copy folder when it is there and on the disk it was chosen on: an unplugged
    /// stick's bare mount point, or another stick mounted in its place, is not it.
    fn copy_folder_present(&self) -> Option<bool> {
        let kept = self.local_settings().kept_copy_folder()?;
        Some(kept.path.is_dir() && kept.on_its_disk())
    }

    pub fn backups_overview(&self) -> BackupsOverview {
        let copy_folder = self.local_settings().copy_folder;
        BackupsOverview {
            backups: self.list_backups(),
            data_folder: self.dir().display().to_string(),
            copy_folder_present: self.copy_folder_present().unwrap_or(false),
            copy_folder: copy_folder.map(|folder| folder.0.display().to_string()),
            current: None,
            synced: super::synced_folder_around(
                self.dir(),
                std::env::var_os("HOME").map(PathBuf::from).as_deref(),
            ),
        }
    }

    /// Every backup in the data folder and in the copy folder (every computer's), newest
    /// first.
    pub fn list_backups(&self) -> Vec<BackupInfo> {
        let mut all = list_in(&self.backups(), BackupPlace::ThisComputer, None);
        if let Some((_, root)) = self.copy_root() {
            let own_id = self.computer_id();
            for machine in std::fs::read_dir(&root).into_iter().flatten().flatten() {
                let Ok(name) = machine.file_name().into_string() else {
                    continue;
                };
                if !machine.path().is_dir() || !valid_machine(&name) {
                    continue;
                }
                // Keyed by id; a folder from before ids were kept is this computer's when it
                // bears its name.
                let mine = match computer_of(&name) {
                    (_, Some(id)) => id == own_id,
                    (label, None) => label == self.machine(),
                };
                for mut copy in list_in(&machine.path(), BackupPlace::CopyFolder, Some(name)) {
                    copy.from_other_computer = !mine;
                    // This computer's own copy of a backup it still has is the same backup.
                    let here = all.iter_mut().find(|b| {
                        b.place == BackupPlace::ThisComputer
                            && mine
                            && b.file_name == copy.file_name
                    });
                    match here {
                        Some(here) => here.copied = true,
                        None => all.push(copy),
                    }
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
    /// (The app takes the two steps apart: [`Store::back_up_here`] with the store held,
    /// [`DataFolder::copy_off`] once it is let go.)
    pub fn back_up(
        &self,
        folder: &DataFolder,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<BackupOutcome> {
        let backup = self.back_up_here(folder, reason, now)?;
        let copy = folder.copy_off(&backup, now);
        Ok(BackupOutcome { backup, copy })
    }

    /// Takes a backup into the data folder's `backups/`, checks it and drops the backups
    /// there no longer kept. Its copy off the laptop is [`DataFolder::copy_off`]'s.
    pub fn back_up_here(
        &self,
        folder: &DataFolder,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<BackupInfo> {
        let backup = write_backup(
            &self.conn,
            &folder.backups(),
            reason,
            now.with_timezone(&Utc),
        )?;
        prune(&folder.backups(), now, &backup.file_name);
        Ok(backup)
    }
}

impl DataFolder {
    /// Copies a backup just taken here to the copy folder when one is chosen (and prunes
    /// this computer's copies there). Needs no store: a slow USB stick holds up nothing else.
    pub fn copy_off(&self, backup: &BackupInfo, now: DateTime<FixedOffset>) -> CopyOutcome {
        let folder = self;
        let utc = now.with_timezone(&Utc);
        match folder.copy_root() {
            None => CopyOutcome::NotChosen,
            Some((chosen, _)) if self.copy_folder_present() != Some(true) => CopyOutcome::Missing {
                folder: chosen.display().to_string(),
            },
            Some((chosen, root)) => {
                let inside = root.join(computer_folder(folder.machine(), &folder.computer_id()));
                let source = folder.backups().join(&backup.file_name);
                match copy_into(&source, &inside, &backup.file_name, utc) {
                    Ok(()) => {
                        prune(&inside, now, &backup.file_name);
                        CopyOutcome::Written
                    }
                    Err(err) => CopyOutcome::Failed {
                        folder: chosen.display().to_string(),
                        detail: err.to_string(),
                    },
                }
            }
        }
    }
}

impl Store {
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
        if self.holds_anything()? {
            let backup = self.back_up_here(folder, reason, now)?;
            Ok(Some(BackupOutcome {
                backup,
                copy: CopyOutcome::Pending,
            }))
        } else {
            Ok(None)
        }
    }

    /// Whether there is a plan to keep: a business, a contact or an incident. A backup of
    /// nothing would only push a real one out.
    pub fn holds_anything(&self) -> CoreResult<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM business) OR EXISTS (SELECT 1 FROM contacts)
                 OR EXISTS (SELECT 1 FROM incidents)",
            [],
            |row| row.get(0),
        )?)
    }

    /// The day's backup, when one is due and there is a plan to keep; its copy off the laptop
    /// is [`DataFolder::copy_off`]'s, once the store is let go.
    pub fn daily_backup(
        &self,
        folder: &DataFolder,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<Option<BackupOutcome>> {
        if folder.daily_backup_due(now) && self.holds_anything()? {
            let backup = self.back_up_here(folder, BackupReason::Daily, now)?;
            Ok(Some(BackupOutcome {
                backup,
                copy: CopyOutcome::Pending,
            }))
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
        self.plan_replaced();
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(())
    }
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

#[cfg(test)]
mod tests;
