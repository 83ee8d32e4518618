//! What Settings → Two computers shows: the shared folder and the tool expected to carry it,
//! the other computers, the files not merged, and the fields edited on two computers that wait
//! for the owner.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::cycle::RefusedFile;
use super::folder::{OtherComputer, SyncFolder};
use super::{BadChanges, Conflict, SharedPlan};
use crate::datafolder::{synced_folder_around, SyncedFolder};
use crate::error::CoreResult;

/// The plan as shared with other computers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SharingStatus {
    /// The folder the plan is shared through; `None`: it is not shared.
    pub folder: Option<String>,
    /// The sync tool found carrying that folder, if any.
    pub carried_by: Option<SyncedFolder>,
    pub computers: Vec<OtherComputer>,
    pub conflicts: Vec<ConflictView>,
    pub refused_files: Vec<RefusedFileView>,
    /// Rows another computer shares that this plan could not take (a starter entry it already
    /// has under another id, most often): they stay on the others, and are retried.
    pub refused_rows: Vec<RefusedRowView>,
    /// The last time another computer's changes were written here.
    pub last_update: Option<LastUpdate>,
    /// Why the last sync did not go through, if it did not.
    pub problem: Option<SharingProblem>,
}

/// What a backup put back does while the plan is shared with other computers: the owner's
/// answer, asked before the restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SharedRestore {
    /// The backup becomes the plan of every computer that shares it: what was changed since,
    /// on any of them, is undone (it stays in each computer's backups).
    Everywhere,
    /// This computer stops sharing first: the backup is its plan alone, and the others keep
    /// theirs.
    HereOnly,
}

/// Which plan a computer that has one of its own keeps when the folder it chose to share
/// through already holds another computer's: the owner's answer, asked before it shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JoinWith {
    /// This computer takes the plan in the folder; its own is backed up, then set aside
    /// (`SharedPlan::make_way`).
    FolderPlan,
    /// Both plans are put together: everything of both, so whatever both were started with
    /// shows twice.
    BothPlans,
}

/// A folder chosen to share the plan through: shared at once, or the question of which plan
/// to keep, when it already holds another computer's and this computer has a plan too.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderChosen {
    /// The sharing once the folder is shared; none while the question waits.
    pub status: Option<SharingStatus>,
    /// The computers whose plan the folder holds, when the owner is asked (their names).
    pub plans_of: Vec<String>,
}

/// A field edited on two computers, as the owner chooses between its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub table: String,
    pub gid: String,
    /// One of `Synced::conflicts` (`phones`, `account_number`, `duties`, …).
    pub field: String,
    /// What the row is called (the contact, the workaround).
    pub row: String,
    /// Each value as the owner reads it, the one shown now first.
    pub values: Vec<String>,
}

/// A file in the shared folder that was not merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedFileView {
    /// The computer that wrote it, by name (its id when it has none).
    pub computer: String,
    pub file: String,
    pub why: BadChanges,
}

/// A row another computer shares that this plan could not take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRowView {
    /// Its table: `contacts`, `services`, `workarounds`, `runbooks`, `incidents`, or one of an
    /// outage's (`calls`, `incident_events`, ...).
    pub table: String,
    /// What it is called, as the other computer has it (empty for a row with no name).
    pub row: String,
}

/// Changes from another computer written here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastUpdate {
    /// The computer, by name (its id when it has none).
    pub computer: String,
    pub at: DateTime<Utc>,
}

/// Why a sync did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SharingProblem {
    /// The folder is not there (a stick unplugged, a drive not mounted).
    FolderMissing,
    /// Steady may not write there.
    ReadOnly,
    /// The disk is full.
    Full,
    /// This computer's kept history cannot be read.
    HistoryDamaged,
    /// Anything else.
    Failed,
}

impl SharingProblem {
    /// The problem behind a failed cycle.
    pub fn of(err: &crate::CoreError) -> Self {
        match err {
            crate::CoreError::Io(io) => match io.kind() {
                std::io::ErrorKind::NotFound => Self::FolderMissing,
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    Self::ReadOnly
                }
                std::io::ErrorKind::StorageFull => Self::Full,
                _ if io.to_string().contains("sync history") => Self::HistoryDamaged,
                _ => Self::Failed,
            },
            _ => Self::Failed,
        }
    }
}

/// A value as the owner reads it: phones one per line as "label · number" (no colon, whose
/// spacing differs by language), text as it is.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(rows) => rows
            .iter()
            .map(|row| match row {
                Value::Array(cells) => cells
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                other => shown(other),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl SharedPlan {
    /// The status of sharing through `folder` (`None`: not shared), after the last cycle.
    pub fn status(
        &mut self,
        chosen: Option<&Path>,
        folder: Option<&SyncFolder>,
        refused: &[RefusedFile],
        last_update: Option<(String, DateTime<Utc>)>,
        problem: Option<SharingProblem>,
        home: Option<&Path>,
    ) -> CoreResult<SharingStatus> {
        let (Some(chosen), Some(folder)) = (chosen, folder) else {
            return Ok(SharingStatus {
                folder: None,
                carried_by: None,
                computers: Vec::new(),
                conflicts: Vec::new(),
                refused_files: Vec::new(),
                refused_rows: Vec::new(),
                last_update: None,
                problem: None,
            });
        };
        let mut computers = folder.computers().unwrap_or_default();
        for computer in &mut computers {
            computer.behind = computer.seen.as_ref().map(|seen| self.not_seen(seen));
        }
        let name_of = |id: &str| {
            computers
                .iter()
                .find(|c| c.id == id && !c.name.is_empty())
                .map_or_else(|| id.to_owned(), |c| c.name.clone())
        };
        let conflicts = self
            .conflicts()?
            .into_iter()
            .map(|c| self.view(&c))
            .collect::<CoreResult<_>>()?;
        let refused_rows = self
            .refused
            .iter()
            .map(|(table, gid)| {
                Ok(RefusedRowView {
                    table: (*table).to_owned(),
                    row: self.label(table, gid)?,
                })
            })
            .collect::<CoreResult<_>>()?;
        Ok(SharingStatus {
            folder: Some(chosen.display().to_string()),
            refused_rows,
            carried_by: synced_folder_around(chosen, home),
            conflicts,
            refused_files: refused
                .iter()
                .map(|r| RefusedFileView {
                    computer: name_of(&r.computer),
                    file: r.file.clone(),
                    why: r.why,
                })
                .collect(),
            last_update: last_update.map(|(id, at)| LastUpdate {
                computer: name_of(&id),
                at,
            }),
            problem,
            computers,
        })
    }

    /// How many changes of this history a computer that has merged up to `seen` lacks (its
    /// heads this computer does not know yet are newer than anything here: left out).
    fn not_seen(&mut self, seen: &[String]) -> u32 {
        let known: Vec<automerge::ChangeHash> = seen
            .iter()
            .filter_map(|h| h.parse().ok())
            .filter(|h| self.doc.get_change_by_hash(h).is_some())
            .collect();
        u32::try_from(self.doc.get_changes(&known).len()).unwrap_or(u32::MAX)
    }

    fn view(&self, conflict: &Conflict) -> CoreResult<ConflictView> {
        Ok(ConflictView {
            table: conflict.table.to_owned(),
            gid: conflict.gid.clone(),
            field: conflict.field.to_owned(),
            row: self.label(conflict.table, &conflict.gid)?,
            values: conflict.values.iter().map(shown).collect(),
        })
    }

    /// Settles the conflict on `field` of row `gid` of `table` with its `choice`-th value (as
    /// [`SharedPlan::status`] listed them), and writes it to `store` at once (the next cycle
    /// would otherwise take the value still there for a newer edit). `false` when there is no
    /// such conflict any more.
    pub fn settle(
        &mut self,
        store: &mut crate::Store,
        table: &str,
        gid: &str,
        field: &str,
        choice: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<bool> {
        let found = self
            .conflicts()?
            .into_iter()
            .find(|c| c.table == table && c.gid == gid && c.field == field);
        let Some(conflict) = found else {
            return Ok(false);
        };
        let Some(value) = conflict.values.get(choice).cloned() else {
            return Ok(false);
        };
        // What was changed here and not yet recorded (the folder away) is kept first.
        self.record(store, now)?;
        self.choose(&conflict, &value, now)?;
        self.apply(store)?;
        Ok(true)
    }
}
