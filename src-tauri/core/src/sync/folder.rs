//! The folder the computers share through what the owner already runs (Syncthing, Nextcloud,
//! Dropbox, OneDrive, a USB stick): `Steady sync/<computer id>/` inside it. Each computer
//! writes only into its own folder and reads the others'. A file is written under a temporary
//! name, flushed, then renamed to a name never used before, and never rewritten, so a sync tool
//! only ever moves whole files and never makes a conflict copy.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::backups::write_file_durably;
use crate::error::CoreResult;

/// The folder Steady keeps inside the chosen one.
pub const SYNC_DIR: &str = "Steady sync";
/// How every file Steady writes there ends.
pub const EXTENSION: &str = "steadysync";

/// The shared folder, as one computer sees it.
#[derive(Debug, Clone)]
pub struct SyncFolder {
    root: PathBuf,
    computer: String,
}

/// The file in a computer's folder that names it.
const ABOUT: &str = "computer.json";
/// The file in a computer's folder that says what it has merged (its history's heads).
const SEEN: &str = "seen.json";

/// Another computer that shares the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OtherComputer {
    pub id: String,
    /// Its name, as it wrote it (empty when it has not).
    pub name: String,
    /// When it last wrote a change to the folder.
    pub last_change: Option<DateTime<Utc>>,
    /// How many changes it has not seen yet (`None`: it has not said what it has seen).
    pub behind: Option<u32>,
    /// The heads of the history it last merged, as it wrote them (`seen.json`).
    #[serde(skip)]
    #[ts(skip)]
    pub seen: Option<Vec<String>>,
}

/// One file another computer wrote.
#[derive(Debug)]
pub struct Incoming {
    pub computer: String,
    pub file: String,
    pub path: PathBuf,
}

impl SyncFolder {
    /// `chosen` is the folder the owner picked; `computer` this computer's id.
    pub fn new(chosen: &Path, computer: &str) -> Self {
        Self {
            root: chosen.join(SYNC_DIR),
            computer: computer.to_owned(),
        }
    }

    /// Fails (not found) unless the chosen folder is there: a share not mounted or a stick
    /// unplugged is never replaced by an empty folder of the same name on this disk.
    pub fn check(&self) -> CoreResult<()> {
        match self.root.parent() {
            Some(chosen) if chosen.is_dir() => Ok(()),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the shared folder {} is not there", self.root.display()),
            )
            .into()),
        }
    }

    fn own(&self) -> PathBuf {
        self.root.join(&self.computer)
    }

    /// A name in this computer's folder that no file has had: `kind-<ms>-<n>`.
    fn fresh_name(&self, kind: &str, now: DateTime<Utc>) -> PathBuf {
        let ms = now.timestamp_millis().max(0);
        (0..)
            .map(|n| self.own().join(format!("{kind}-{ms:013}-{n}.{EXTENSION}")))
            .find(|path| !path.exists())
            .unwrap_or_default()
    }

    /// Writes a change file into this computer's folder.
    pub fn write_changes(&self, bytes: &[u8], now: DateTime<Utc>) -> CoreResult<PathBuf> {
        let path = self.fresh_name("changes", now);
        write_file_durably(&path, bytes)?;
        Ok(path)
    }

    /// Writes the whole history as one file, then removes every file this computer wrote
    /// before it: what they held is in the snapshot.
    pub fn write_snapshot(&self, bytes: &[u8], now: DateTime<Utc>) -> CoreResult<PathBuf> {
        let path = self.fresh_name("snapshot", now);
        write_file_durably(&path, bytes)?;
        for old in files_in(&self.own())? {
            if old != path {
                std::fs::remove_file(&old)?;
            }
        }
        Ok(path)
    }

    /// Says which computer this folder is (its name, as the others list it). Replaced whole,
    /// never written in place.
    pub fn write_about(&self, name: &str) -> CoreResult<()> {
        self.write_about_from(name, None)
    }

    /// As [`SyncFolder::write_about`], saying which machine writes this computer's folder
    /// (see [`SyncFolder::written_from_elsewhere`]).
    pub fn write_about_from(&self, name: &str, machine: Option<&str>) -> CoreResult<()> {
        let about = match machine {
            Some(machine) => serde_json::json!({ "name": name, "machine": machine }),
            None => serde_json::json!({ "name": name }),
        }
        .to_string();
        let path = self.own().join(ABOUT);
        if std::fs::read(&path).ok().as_deref() == Some(about.as_bytes()) {
            return Ok(());
        }
        write_file_durably(&path, about.as_bytes())
    }

    /// Whether this computer's folder is written from another machine than `machine`: its id
    /// was copied there with the data folder (a disk cloned, a data folder carried over), and
    /// two computers writing one folder would each take the other's files for their own.
    pub fn written_from_elsewhere(&self, machine: &str) -> bool {
        std::fs::read(self.own().join(ABOUT))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .and_then(|about| about["machine"].as_str().map(str::to_owned))
            .is_some_and(|written| written != machine)
    }

    /// Says what this computer has merged: its history's heads, replaced whole when they
    /// change, so the others can tell how far behind it is.
    pub fn write_seen(&self, heads: &[String]) -> CoreResult<()> {
        let seen = serde_json::json!({ "heads": heads }).to_string();
        let path = self.own().join(SEEN);
        if std::fs::read(&path).ok().as_deref() == Some(seen.as_bytes()) {
            return Ok(());
        }
        write_file_durably(&path, seen.as_bytes())
    }

    /// The other computers that share the folder: their names and when each last wrote.
    pub fn computers(&self) -> CoreResult<Vec<OtherComputer>> {
        let mut computers = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Ok(computers);
        };
        for entry in entries.filter_map(Result::ok) {
            let Ok(id) = entry.file_name().into_string() else {
                continue;
            };
            if id == self.computer || !entry.path().is_dir() {
                continue;
            }
            let name = std::fs::read(entry.path().join(ABOUT))
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .and_then(|about| about["name"].as_str().map(str::to_owned))
                .unwrap_or_default();
            let files = files_in(&entry.path())?;
            let last_change = files
                .last()
                .and_then(|newest| sort_key(newest).0.parse::<i64>().ok())
                .and_then(DateTime::from_timestamp_millis);
            let seen = std::fs::read(entry.path().join(SEEN))
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .and_then(|seen| {
                    seen["heads"].as_array().map(|heads| {
                        heads
                            .iter()
                            .filter_map(|h| h.as_str().map(str::to_owned))
                            .collect()
                    })
                });
            computers.push(OtherComputer {
                id,
                name,
                last_change,
                behind: None,
                seen,
            });
        }
        computers.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        Ok(computers)
    }

    /// The other computers whose plan the folder already holds (their names, else their
    /// ids), when this computer has written nothing in it yet: sharing through it then puts
    /// this computer's plan together with theirs. Empty once this computer shares there.
    pub fn plans_met(&self) -> CoreResult<Vec<String>> {
        if self.own_files()? > 0 {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = self
            .computers()?
            .into_iter()
            .filter(|c| c.last_change.is_some())
            .map(|c| if c.name.is_empty() { c.id } else { c.name })
            .collect();
        // Sorted by name already: a machine that shared under two ids is named once.
        names.dedup();
        Ok(names)
    }

    /// How many files this computer has in its folder.
    pub fn own_files(&self) -> CoreResult<usize> {
        Ok(files_in(&self.own())?.len())
    }

    /// Every file the other computers wrote, computer by computer, oldest first.
    pub fn others(&self) -> CoreResult<Vec<Incoming>> {
        let mut incoming = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Ok(incoming);
        };
        let mut computers: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
            .filter(|(name, _)| *name != self.computer)
            .collect();
        computers.sort();
        for (computer, dir) in computers {
            for path in files_in(&dir)? {
                incoming.push(Incoming {
                    computer: computer.clone(),
                    file: path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    path,
                });
            }
        }
        Ok(incoming)
    }
}

/// The finished files in `dir` (not another writer's half-written temporary), by name.
fn files_in(dir: &Path) -> CoreResult<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == EXTENSION)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort_by_key(|p| sort_key(p));
    Ok(files)
}

/// Files sort by the moment in their name, then their number.
fn sort_key(path: &Path) -> (String, u64) {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parts = name.rsplitn(3, '-');
    let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let ms = parts.next().unwrap_or_default().to_owned();
    (ms, n)
}
