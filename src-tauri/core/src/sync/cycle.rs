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
use super::{checksum, Applied, BadChanges, SharedPlan};
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
}

fn damaged(what: &str) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("the sync history {what}")))
}

impl SharedPlan {
    /// This computer's history as kept between cycles.
    pub fn to_state(&mut self) -> Vec<u8> {
        let doc = self.doc.save();
        let heads: Vec<String> = self.written.iter().map(|h| h.to_string()).collect();
        let body = [heads.join(" ").as_bytes(), b"\n", &doc].concat();
        [
            format!("{STATE_MAGIC} {}\n", checksum(&body)).as_bytes(),
            &body,
        ]
        .concat()
    }

    /// The history kept by [`SharedPlan::to_state`], writing as a new actor.
    pub fn from_state(state: &[u8]) -> CoreResult<Self> {
        let line = |bytes: &[u8]| bytes.iter().position(|b| *b == b'\n');
        let end = line(state).ok_or_else(|| damaged("has no header"))?;
        let header = std::str::from_utf8(&state[..end]).map_err(|_| damaged("is not Steady's"))?;
        let body = &state[end + 1..];
        if header != format!("{STATE_MAGIC} {}", checksum(body)) {
            return Err(damaged("is damaged"));
        }
        let end = line(body).ok_or_else(|| damaged("is cut short"))?;
        let heads = std::str::from_utf8(&body[..end])
            .map_err(|_| damaged("is damaged"))?
            .split_whitespace()
            .map(|h| h.parse::<ChangeHash>().map_err(|_| damaged("is damaged")))
            .collect::<CoreResult<Vec<_>>>()?;
        let doc = AutoCommit::load(&body[end + 1..]).map_err(|_| damaged("is damaged"))?;
        Ok(Self {
            doc,
            written: heads,
            refused: Default::default(),
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
        let mut report = CycleReport {
            recorded: self.record(store, now)?,
            ..CycleReport::default()
        };
        if let Some((file, heads)) = self.outgoing() {
            self.keep(data_dir)?;
            folder.write_changes(&file, now)?;
            self.written(heads);
            if folder.own_files()? > COMPACT_AFTER {
                let snapshot = self.snapshot();
                folder.write_snapshot(&snapshot, now)?;
            }
            self.keep(data_dir)?;
        }
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
        report.applied = self.apply(store)?;
        self.keep(data_dir)?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
