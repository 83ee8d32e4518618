//! One sync cycle and what this computer keeps between cycles, ordered so that a computer
//! stopped at any point (power cut, kill -9) loses nothing and never writes two different
//! changes under one name.
//!
//! The history is kept in the data folder (`sync.steadystate`): its written heads and the
//! document. It is saved before a change file is written (so a file never holds changes the
//! saved history lacks) and after the merged plan is in SQLite (so the history never holds
//! remote values the file lacks, which the next `record` would take for local edits). Each
//! time the history is loaded it writes as a new Automerge actor: a history saved before a
//! crash and written on again never reuses a sequence number another file already holds.

use std::path::Path;

use automerge::{AutoCommit, ChangeHash};
use chrono::{DateTime, Utc};

use super::folder::SyncFolder;
use super::{checksum, Applied, BadChanges, Scope, SharedPlan};
use crate::backups::write_file_durably;
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// The file in the data folder that keeps this computer's history between cycles.
pub const STATE_FILE: &str = "sync.steadystate";
const STATE_MAGIC: &str = "STEADY-SYNC-STATE 1";
/// Past this many files of its own, a computer replaces them with one snapshot.
pub const COMPACT_AFTER: usize = 50;

/// A file another computer wrote that was not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFile {
    pub computer: String,
    pub file: String,
    pub why: BadChanges,
}

/// What one cycle did.
#[derive(Debug, Default)]
pub struct CycleReport {
    /// Fields and rows changed here since the last cycle, now in the history.
    pub recorded: usize,
    pub applied: Applied,
    pub refused_files: Vec<RefusedFile>,
    /// The computers whose new files were merged, by id.
    pub from: Vec<String>,
    /// The file was replaced since the last cycle (a restore, an import, a fresh start): the
    /// shared plan was written over it and nothing of it recorded.
    pub replaced: bool,
}

/// The file's mark, if a cycle left one.
pub(super) fn read_mark(store: &Store) -> CoreResult<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(store
        .conn
        .query_row("SELECT mark FROM sync_mark WHERE id = 1", [], |row| {
            row.get(0)
        })
        .optional()?)
}

fn damaged(what: &str) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("the sync history {what}")))
}

impl SharedPlan {
    /// This computer's history as kept between cycles: a checked header, then the written
    /// heads, the file's mark and the rows this file refused, a line each, then the document.
    pub fn to_state(&mut self) -> Vec<u8> {
        let doc = self.doc.save();
        let heads: Vec<String> = self.written.iter().map(|h| h.to_string()).collect();
        let refused: Vec<String> = self
            .refused
            .iter()
            .map(|(table, gid)| format!("{table}/{gid}"))
            .collect();
        let mark = self.mark.clone().unwrap_or_default();
        let lines = format!("{}\n{mark}\n{}\n", heads.join(" "), refused.join(" "));
        let body = [lines.as_bytes(), &doc].concat();
        [
            format!("{STATE_MAGIC} {}\n", checksum(&body)).as_bytes(),
            &body,
        ]
        .concat()
    }

    /// The history kept by [`SharedPlan::to_state`], writing as a new actor.
    pub fn from_state(state: &[u8]) -> CoreResult<Self> {
        let mut parts = state.splitn(5, |b| *b == b'\n');
        let mut line = || -> CoreResult<&str> {
            let bytes = parts.next().ok_or_else(|| damaged("is cut short"))?;
            std::str::from_utf8(bytes).map_err(|_| damaged("is damaged"))
        };
        let header = line()?.to_owned();
        let body_start = header.len() + 1;
        let body = state
            .get(body_start..)
            .ok_or_else(|| damaged("is cut short"))?;
        if header != format!("{STATE_MAGIC} {}", checksum(body)) {
            return Err(damaged("is damaged"));
        }
        let heads = line()?
            .split_whitespace()
            .map(|h| h.parse::<ChangeHash>().map_err(|_| damaged("is damaged")))
            .collect::<CoreResult<Vec<_>>>()?;
        let mark = Some(line()?.to_owned()).filter(|m| !m.is_empty());
        let refused = line()?
            .split_whitespace()
            .filter_map(|row| {
                let (table, gid) = row.split_once('/')?;
                let table = super::SYNCED.iter().find(|s| s.table == table)?.table;
                Some((table, gid.to_owned()))
            })
            .collect();
        let doc = parts.next().ok_or_else(|| damaged("is cut short"))?;
        let doc = AutoCommit::load(doc).map_err(|_| damaged("is damaged"))?;
        Ok(Self {
            doc,
            written: heads,
            refused,
            mark,
            merged_files: Default::default(),
        })
    }

    /// The history kept in `data_dir`, or a new one.
    pub fn open(data_dir: &Path) -> CoreResult<Self> {
        match std::fs::read(data_dir.join(STATE_FILE)) {
            Ok(state) => Self::from_state(&state),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::new()),
            Err(err) => Err(err.into()),
        }
    }

    fn keep(&mut self, data_dir: &Path) -> CoreResult<()> {
        write_file_durably(&data_dir.join(STATE_FILE), &self.to_state())
    }

    /// One cycle: what changed here goes to the shared folder, what the others wrote comes
    /// into `store`.
    pub fn cycle(
        &mut self,
        store: &mut Store,
        data_dir: &Path,
        folder: &SyncFolder,
        now: DateTime<Utc>,
    ) -> CoreResult<CycleReport> {
        folder.check()?;
        // A file replaced since the last cycle (a backup put back, a plan imported, a fresh
        // start; or this history lost while the file had shared) is not taken for edits: the
        // shared plan is written over it as it is.
        let here = read_mark(store)?;
        let replaced = here != self.mark;
        let mut report = CycleReport {
            recorded: if replaced {
                0
            } else {
                self.record(store, now)?
            },
            replaced,
            ..CycleReport::default()
        };
        // Whether the kept history is behind this one (written heads moved on).
        let mut behind = false;
        if let Some((file, heads)) = self.outgoing() {
            self.keep(data_dir)?;
            folder.write_changes(&file, now)?;
            self.written(heads);
            behind = true;
        }
        // A folder with nothing of this computer's yet (just chosen) gets its whole history, or
        // a computer joining through it would only get what changes from now on; one with too
        // many files gets it in their place.
        let own = folder.own_files()?;
        if (own == 0 && !self.doc.is_empty()) || own > COMPACT_AFTER {
            let snapshot = self.snapshot();
            folder.write_snapshot(&snapshot, now)?;
            let heads = self.doc.get_heads();
            self.written(heads);
            behind = true;
        }
        let before = self.doc.get_heads();
        for incoming in folder.others()? {
            let name = (incoming.computer.clone(), incoming.file.clone());
            if self.merged_files.contains(&name) {
                continue;
            }
            let merged = match std::fs::read(&incoming.path) {
                Ok(bytes) => self.receive(&bytes),
                Err(_) => Err(BadChanges::Damaged),
            };
            if merged.is_ok() {
                if !report.from.contains(&incoming.computer) {
                    report.from.push(incoming.computer.clone());
                }
                self.merged_files.insert(name);
            } else if let Err(why) = merged {
                report.refused_files.push(RefusedFile {
                    computer: incoming.computer,
                    file: incoming.file,
                    why,
                });
            }
        }
        // The file changes only if something was recorded or merged (or it has no mark yet):
        // then it gets a new mark, kept in the history before the file is written, and written
        // into the file in the same transaction as the merged plan. Stopped between the two,
        // the file's mark is the older one, so the next cycle takes it for replaced and writes
        // the shared plan over it, which it holds whole.
        let may_change = replaced
            || report.recorded > 0
            || !report.from.is_empty()
            || here.is_none()
            || !self.refused.is_empty();
        let mark = if may_change {
            let mark: String =
                store
                    .conn
                    .query_row("SELECT lower(hex(randomblob(16)))", [], |row| row.get(0))?;
            self.mark = Some(mark.clone());
            self.keep(data_dir)?;
            behind = false;
            Some(mark)
        } else {
            None
        };
        // Only the rows merged in this cycle (and those refused before) can differ from the
        // history, unless the file was replaced or has never shared.
        let scope = if replaced || here.is_none() {
            Scope::Every
        } else {
            self.merged_since(&before)
        };
        // The history holding what was recorded is kept by now (with the changes written
        // out), so the outbox is emptied with the apply.
        report.applied = self.apply_rows(store, &scope, mark.as_deref(), true)?;
        // Rows refused are kept too: a restart must not take them for deleted.
        if behind || report.applied.changed > 0 || !report.applied.refused.is_empty() {
            self.keep(data_dir)?;
        }
        // Last: failing (the folder gone meanwhile) it only delays the others' count.
        let heads: Vec<String> = self.doc.get_heads().iter().map(|h| h.to_string()).collect();
        folder.write_seen(&heads)?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
