//! One sync cycle and what this computer keeps between cycles, ordered so that a computer
//! stopped at any point (power cut, kill -9) loses nothing and never writes two different
//! changes under one name.
//!
//! The history is kept in the data folder in two files: `sync.steadyhistory`, the document (a
//! whole save, then each keep's new changes appended as a checked frame, so that a keep during
//! an outage writes what changed rather than years of history; written whole again past a few
//! hundred frames), and `sync.steadystate`, replaced whole at each keep: the written heads, the
//! file's mark and the rows refused. The history is appended to before the state is replaced,
//! so the state never names changes the history lacks. It is kept before a change file is
//! written (so a file never holds changes the kept history lacks) and after the merged plan is
//! in SQLite (so the history never holds remote values the file lacks, which the next
//! `record` would take for local edits). Each time the history is loaded it writes as a new
//! Automerge actor: a history saved before a crash and written on again never reuses a
//! sequence number another file already holds.

use std::path::Path;

use automerge::{AutoCommit, ChangeHash};
use chrono::{DateTime, Utc};

use super::folder::SyncFolder;
use super::{checksum, Applied, BadChanges, Scope, SharedPlan, SYNCED};
use crate::backups::{write_file_durably, BackupReason};
use crate::datafolder::{BackupOutcome, DataFolder};
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// Appends `bytes` to the file at `path` and waits until they are on the disk.
fn append_durably(path: &Path, bytes: &[u8]) -> CoreResult<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// The file in the data folder that keeps this computer's history between cycles.
pub const STATE_FILE: &str = "sync.steadystate";
/// The document this computer keeps, beside the state.
pub const HISTORY_FILE: &str = "sync.steadyhistory";
/// The state of Steady 2026.12, with the whole document in it: read, never written.
const STATE_MAGIC_WITH_DOC: &str = "STEADY-SYNC-STATE 1";
const STATE_MAGIC: &str = "STEADY-SYNC-STATE 2";
const HISTORY_MAGIC: &[u8] = b"STEADY-SYNC-HISTORY 1\n";
/// Past this many frames appended to the history file, or past the size of its whole save (at
/// least a MiB) in them, the next keep writes it whole again.
const REWRITE_AFTER_FRAMES: usize = 300;
const REWRITE_AFTER_BYTES: usize = 1 << 20;
/// Past this many files of its own, a computer replaces them with one snapshot.
pub const COMPACT_AFTER: usize = 50;

/// A file another computer wrote that was not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFile {
    pub computer: String,
    pub file: String,
    pub why: BadChanges,
}

/// How many rows of one table a step of a first share records ([`SharedPlan::record_step`]).
pub const FIRST_SHARE_STEP: usize = 2_000;

/// Where a first share's recording stands: the next table, and the last row of it recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstShare {
    table: usize,
    after: i64,
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

/// How the history file stands: what it holds and how much was appended since it was written
/// whole.
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    heads: Vec<ChangeHash>,
    frames: usize,
    appended: usize,
    whole: usize,
}

impl Kept {
    fn full(&self) -> bool {
        self.frames >= REWRITE_AFTER_FRAMES || self.appended >= self.whole.max(REWRITE_AFTER_BYTES)
    }
}

/// A frame of the history file: the length, the SHA-256 of the bytes, the bytes.
fn frame(bytes: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    [
        &(bytes.len() as u64).to_le_bytes()[..],
        &Sha256::digest(bytes)[..],
        bytes,
    ]
    .concat()
}

/// The frames of a history file. A last frame cut short (a stop while it was appended) is
/// left out, and said (`true`); a frame that does not match its checksum is damage.
fn frames(file: &[u8]) -> CoreResult<(Vec<&[u8]>, bool)> {
    use sha2::{Digest, Sha256};
    let mut rest = file
        .strip_prefix(HISTORY_MAGIC)
        .ok_or_else(|| damaged("is damaged"))?;
    let mut frames = Vec::new();
    while !rest.is_empty() {
        let Some((head, body)) = rest.split_at_checked(40) else {
            return Ok((frames, true));
        };
        let mut len = [0u8; 8];
        len.copy_from_slice(&head[..8]);
        let len = usize::try_from(u64::from_le_bytes(len)).map_err(|_| damaged("is damaged"))?;
        let Some((bytes, after)) = body.split_at_checked(len) else {
            return Ok((frames, true));
        };
        if Sha256::digest(bytes)[..] != head[8..] {
            return Err(damaged("is damaged"));
        }
        frames.push(bytes);
        rest = after;
    }
    Ok((frames, false))
}

impl SharedPlan {
    /// What this computer keeps between cycles beside the document: a checked header, then
    /// the written heads, the file's mark and the rows this file refused, a line each.
    pub fn to_state(&self) -> Vec<u8> {
        let heads: Vec<String> = self.written.iter().map(|h| h.to_string()).collect();
        let refused: Vec<String> = self
            .refused
            .iter()
            .map(|(table, gid)| format!("{table}/{gid}"))
            .collect();
        let mark = self.mark.clone().unwrap_or_default();
        let body = format!("{}\n{mark}\n{}\n", heads.join(" "), refused.join(" "));
        [
            format!("{STATE_MAGIC} {}\n", checksum(body.as_bytes())).as_bytes(),
            body.as_bytes(),
        ]
        .concat()
    }

    /// The history kept by [`SharedPlan::to_state`] and `history` (the history file's bytes,
    /// if there is one), writing as a new actor.
    pub fn from_state(state: &[u8], history: Option<&[u8]>) -> CoreResult<Self> {
        let mut parts = state.splitn(5, |b| *b == b'\n');
        let mut line = || -> CoreResult<&str> {
            let bytes = parts.next().ok_or_else(|| damaged("is cut short"))?;
            std::str::from_utf8(bytes).map_err(|_| damaged("is damaged"))
        };
        let header = line()?.to_owned();
        let body = state
            .get(header.len() + 1..)
            .ok_or_else(|| damaged("is cut short"))?;
        let sum = checksum(body);
        let with_doc = header == format!("{STATE_MAGIC_WITH_DOC} {sum}");
        if !with_doc && header != format!("{STATE_MAGIC} {sum}") {
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
        let (doc, kept) = if with_doc {
            // Written whole as a history file at the next keep.
            let doc = parts.next().ok_or_else(|| damaged("is cut short"))?;
            (
                AutoCommit::load(doc).map_err(|_| damaged("is damaged"))?,
                None,
            )
        } else {
            let history = history.ok_or_else(|| damaged("is missing its document"))?;
            let (frames, cut) = frames(history)?;
            let (whole, appended) = frames
                .split_first()
                .ok_or_else(|| damaged("is missing its document"))?;
            let mut doc = AutoCommit::load(whole).map_err(|_| damaged("is damaged"))?;
            for changes in appended {
                doc.load_incremental(changes)
                    .map_err(|_| damaged("is damaged"))?;
            }
            // After a frame cut short, the file is written whole again before more is added.
            let kept = (!cut).then(|| Kept {
                heads: doc.get_heads(),
                frames: appended.len(),
                appended: appended.iter().map(|f| f.len()).sum(),
                whole: whole.len(),
            });
            (doc, kept)
        };
        Ok(Self {
            doc,
            written: heads,
            refused,
            mark,
            merged_files: Default::default(),
            kept,
        })
    }

    /// The history kept in `data_dir`, or a new one.
    pub fn open(data_dir: &Path) -> CoreResult<Self> {
        let state = match std::fs::read(data_dir.join(STATE_FILE)) {
            Ok(state) => state,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::new()),
            Err(err) => return Err(err.into()),
        };
        let history = match std::fs::read(data_dir.join(HISTORY_FILE)) {
            Ok(history) => Some(history),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(err.into()),
        };
        Self::from_state(&state, history.as_deref())
    }

    /// When the history kept in `data_dir` cannot be read, sets it aside (renamed, for who
    /// wants to look) and makes `store`'s file one that has never shared: sharing again
    /// starts a new history from this plan as it is, every row of it recorded as it stands
    /// here. Returns whether it did; a history that reads is left alone.
    pub fn set_aside_if_damaged(data_dir: &Path, store: &mut Store) -> CoreResult<bool> {
        if Self::open(data_dir).is_ok() {
            return Ok(false);
        }
        Self::set_aside(data_dir, store, "damaged")?;
        Ok(true)
    }

    /// Sets the history kept in `data_dir` aside (its files renamed with `.{why}`) and makes
    /// `store`'s file one that has never shared: sharing again starts a new history from the
    /// plan as it is then, rather than taking the file for replaced and writing the shared
    /// plan over it (a backup restored on this computer alone).
    pub fn set_aside(data_dir: &Path, store: &mut Store, why: &str) -> CoreResult<()> {
        for name in [STATE_FILE, HISTORY_FILE] {
            let path = data_dir.join(name);
            if path.exists() {
                let mut aside = path.clone().into_os_string();
                aside.push(format!(".{why}"));
                std::fs::rename(&path, aside)?;
            }
        }
        let tx = store.conn.transaction()?;
        tx.execute("DELETE FROM sync_mark", [])?;
        tx.execute("DELETE FROM sync_outbox", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Makes way for the plan another computer shares in the folder just chosen, when the
    /// owner takes it over this computer's own (rather than putting both plans together,
    /// which gives two of everything both were started with): this plan is backed up, then
    /// emptied, and its history set aside, all before the folder is shared, so the first
    /// cycle records nothing of it and brings the shared plan in whole. Returns the backup.
    pub fn make_way(
        store: &mut Store,
        folder: &DataFolder,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> CoreResult<Option<BackupOutcome>> {
        let saved = store.back_up_before(folder, BackupReason::BeforeJoin, now)?;
        Self::set_aside(folder.dir(), store, "before-join")?;
        // Emptied as a restore replaces the file: in one write, at the latest schema.
        store.replace_with(&Store::open_in_memory()?.conn)?;
        Ok(saved)
    }

    /// Keeps the history in `data_dir`: what changed since the last keep appended to the
    /// history file (or the whole of it, now and then), then the state.
    pub(crate) fn keep(&mut self, data_dir: &Path) -> CoreResult<()> {
        let path = data_dir.join(HISTORY_FILE);
        match self.kept.as_mut().filter(|kept| !kept.full()) {
            Some(kept) => {
                let changes = self.doc.save_after(&kept.heads);
                if !changes.is_empty() {
                    append_durably(&path, &frame(&changes))?;
                    kept.heads = self.doc.get_heads();
                    kept.frames += 1;
                    kept.appended += changes.len();
                }
            }
            None => {
                let whole = self.doc.save();
                write_file_durably(&path, &[HISTORY_MAGIC, &frame(&whole)].concat())?;
                self.kept = Some(Kept {
                    heads: self.doc.get_heads(),
                    frames: 0,
                    appended: 0,
                    whole: whole.len(),
                });
            }
        }
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
        // Asked by an upgrade that shares more tables: every shared row is written this time.
        let every: bool = store.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = '*')",
            [],
            |row| row.get(0),
        )?;
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
        // A folder with nothing of this computer's yet (just chosen) gets its whole history, or
        // a computer joining through it would only get what changes from now on; one with too
        // many files gets it in their place. A snapshot, compressed, rather than the changes
        // themselves: years of outages are a few MiB that way, a hundred as changes.
        let own = folder.own_files()?;
        if (own == 0 && !self.doc.is_empty()) || own >= COMPACT_AFTER {
            // Kept first: a file never holds changes the kept history lacks.
            self.keep(data_dir)?;
            let snapshot = self.snapshot();
            folder.write_snapshot(&snapshot, now)?;
            let heads = self.doc.get_heads();
            self.written(heads);
            behind = true;
        } else if let Some((file, heads)) = self.outgoing() {
            self.keep(data_dir)?;
            folder.write_changes(&file, now)?;
            self.written(heads);
            behind = true;
        }
        let before = self.doc.get_heads();
        self.take_in(folder, &mut report)?;
        // The file changes only if something was recorded or merged (or it has no mark yet):
        // then it gets a new mark, kept in the history before the file is written, and written
        // into the file in the same transaction as the merged plan. Stopped between the two,
        // the file's mark is the older one, so the next cycle takes it for replaced and writes
        // the shared plan over it, which it holds whole.
        let may_change = replaced
            || every
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
        // history, unless the file was replaced, has never shared or was upgraded to share
        // more.
        let scope = if replaced || here.is_none() || every {
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

    /// Whether the next cycle records every row of `store`: a plan that shares for the first
    /// time (or anew, its history set aside). The app records them beforehand with
    /// [`SharedPlan::record_step`], letting go of the store between steps, so that a plan with
    /// years of outages does not hold the window for the whole of it.
    pub fn records_every_row(&self, store: &Store) -> CoreResult<bool> {
        Ok(self.mark.is_none() && read_mark(store)?.is_none())
    }

    /// Records up to `limit` rows of a first share, from `from`; where the next step starts,
    /// or `None` once every shared table is done. Recording again what is recorded already
    /// changes nothing, so the cycle that follows, which records every row as a first share
    /// does, only adds what was changed or deleted between the steps.
    pub fn record_step(
        &mut self,
        store: &Store,
        from: FirstShare,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Option<FirstShare>> {
        let Some(synced) = SYNCED.get(from.table) else {
            return Ok(None);
        };
        let rows: Vec<(i64, String)> = store
            .conn
            .prepare(&format!(
                "SELECT id, {} FROM {} WHERE ({}) AND id > ?1 ORDER BY id LIMIT ?2",
                synced.gid_sql(),
                synced.table,
                synced.only.unwrap_or("1")
            ))?
            .query_map(rusqlite::params![from.after, limit as i64], |row| {
                Ok((row.get(0)?, row.get::<_, Option<String>>(1)?))
            })?
            .filter_map(|row| match row {
                Ok((id, Some(gid))) => Some(Ok((id, gid))),
                Ok((_, None)) => None,
                Err(err) => Some(Err(err)),
            })
            .collect::<Result<_, _>>()?;
        let Some(&(last, _)) = rows.last() else {
            return Ok(Some(FirstShare {
                table: from.table + 1,
                after: 0,
            }));
        };
        let mut scope = Scope::Rows(Default::default());
        for (_, gid) in rows {
            scope.add(synced.table, gid);
        }
        self.record_rows(store, &scope, now)?;
        Ok(Some(FirstShare {
            table: from.table,
            after: last,
        }))
    }

    /// Merges into the history every file the other computers wrote that it has not merged
    /// yet, noting in `report` whose files came and which were refused.
    fn take_in(&mut self, folder: &SyncFolder, report: &mut CycleReport) -> CoreResult<()> {
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
        Ok(())
    }

    /// Makes the plan in `store`, just put back from a backup, the plan of every computer
    /// that shares it (the owner's choice): what differs from the shared plan is recorded as
    /// this computer's edits at `now` (rows added since are deleted, older values come back)
    /// and the file takes the history's new mark, so the next cycle sends it rather than
    /// writing the shared plan over it. What it replaced stays in the history and in each
    /// computer's backups. What the others wrote and this computer had not merged yet is
    /// merged first, so that it is undone too rather than left standing beside the backup.
    /// Returns how many fields and rows it recorded.
    pub fn adopt(
        &mut self,
        store: &mut Store,
        data_dir: &Path,
        folder: &SyncFolder,
        now: DateTime<Utc>,
    ) -> CoreResult<usize> {
        self.take_in(folder, &mut CycleReport::default())?;
        let recorded = self.record_rows(store, &Scope::Every, now)?;
        let mark: String =
            store
                .conn
                .query_row("SELECT lower(hex(randomblob(16)))", [], |row| row.get(0))?;
        self.mark = Some(mark.clone());
        self.keep(data_dir)?;
        // Nothing to write but the mark: the file is the plan the history now holds.
        self.apply_rows(store, &Scope::Rows(Default::default()), Some(&mark), true)?;
        Ok(recorded)
    }
}

#[cfg(test)]
mod tests;
