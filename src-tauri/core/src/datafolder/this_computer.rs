//! What belongs to this computer rather than to the plan: the folder that receives a copy of
//! every backup, the language last chosen, how large the window draws its text, and where
//! the window was. It lives in files beside the database, not in it: it must be readable when
//! the database is not (the screen of a damaged file speaks the owner's language), and a
//! restored plan must not move the copies to another computer's USB stick or resize a window
//! to fit another computer's screen.

use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use super::DataFolder;
use crate::backups::{new_computer_id, valid_computer_id, write_file_durably};
use crate::business::Language;
use crate::error::{CoreError, CoreResult};

const SETTINGS_FILE: &str = "this-computer.json";
const SETTINGS_LOCK: &str = ".this-computer.lock";
/// Where the window's size, position and maximised state are kept between runs.
const WINDOW_STATE_FILE: &str = "window-state.json";

crate::text_enum! {
    /// How large the window draws everything, for tired eyes or a small screen far away.
    pub enum TextSize {
        Normal = "100",
        Large = "125",
        Larger = "150",
        Largest = "200",
    }
}

impl TextSize {
    /// The zoom factor of the window.
    pub fn zoom(self) -> f64 {
        match self {
            Self::Normal => 1.0,
            Self::Large => 1.25,
            Self::Larger => 1.5,
            Self::Largest => 2.0,
        }
    }
}

/// The settings of this computer. A value a newer Steady wrote, or a hand-edited file got
/// wrong, is forgotten on its own: it never takes the others with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LocalSettings {
    /// The folder off the laptop that receives a copy of every backup.
    #[serde(default, deserialize_with = "or_none")]
    #[ts(type = "string | Array<number> | null")]
    pub copy_folder: Option<StoredPath>,
    /// The disk the copy folder was chosen on (its file system's id), when it has one.
    #[serde(default, deserialize_with = "or_none")]
    pub copy_folder_disk: Option<String>,
    /// The language the owner last chose.
    #[serde(default, deserialize_with = "or_none")]
    pub language: Option<Language>,
    /// How large the window draws its text; `None` is normal size.
    #[serde(default, deserialize_with = "or_none")]
    pub text_size: Option<TextSize>,
    /// The pocket plan file written again after every change, when the owner asked for it.
    #[serde(default, deserialize_with = "or_none")]
    #[ts(type = "string | Array<number> | null")]
    pub pocket_plan: Option<StoredPath>,
    /// The disk the pocket plan file was chosen on, when it has one.
    #[serde(default, deserialize_with = "or_none")]
    pub pocket_plan_disk: Option<String>,
    /// Whether the kept pocket plan carries account numbers and customer IDs; `None` is no.
    #[serde(default, deserialize_with = "or_none")]
    pub pocket_plan_sensitive: Option<bool>,
    /// Whether Steady asks about the laptop going on battery and the network going away;
    /// `None` is yes.
    #[serde(default, deserialize_with = "or_none")]
    pub watch_supplies: Option<bool>,
    /// A random id made once, that names this computer's folder in the copy folder: two
    /// computers of the same name must not prune each other's copies.
    #[serde(default, deserialize_with = "or_none")]
    pub computer_id: Option<String>,
    /// The folder this computer shares the plan through with the others (Settings → Two
    /// computers), when it does.
    #[serde(default, deserialize_with = "or_none")]
    #[ts(type = "string | Array<number> | null")]
    pub sharing_folder: Option<StoredPath>,
    /// Whether Steady draws its window in display safe mode on this computer (its window once
    /// stayed blank: WebKit's DMA-BUF renderer and compositing are then off); `None` is no.
    /// The graphics driver is this computer's, so it never travels with the plan.
    #[serde(default, deserialize_with = "or_none")]
    pub safe_display: Option<bool>,
}

/// Display safe mode as Settings shows it: whether this run draws in it, and whether Steady
/// starts in it on this computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisplaySettings {
    /// This run draws its window in display safe mode (remembered, or `--safe-display`).
    pub safe_now: bool,
    /// Steady starts in display safe mode on this computer.
    pub remembered: bool,
}

/// A path as the system gave it, kept exactly: as text when it is UTF-8 (as every Steady
/// wrote it before), else as its bytes — a folder named in another encoding must not become
/// another folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPath(pub PathBuf);

impl From<&str> for StoredPath {
    fn from(path: &str) -> Self {
        Self(PathBuf::from(path))
    }
}

impl Serialize for StoredPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use std::os::unix::ffi::OsStrExt;
        match self.0.to_str() {
            Some(text) => serializer.serialize_str(text),
            None => self.0.as_os_str().as_bytes().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for StoredPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use std::os::unix::ffi::OsStringExt;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Bytes(Vec<u8>),
        }
        Ok(Self(match Either::deserialize(deserializer)? {
            Either::Text(text) => PathBuf::from(text),
            Either::Bytes(bytes) => PathBuf::from(std::ffi::OsString::from_vec(bytes)),
        }))
    }
}

/// A folder or file this computer keeps writing to off the data folder (the copy folder,
/// the pocket plan), and the disk it was chosen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    pub disk: Option<String>,
}

impl Kept {
    /// Whether what is at the path now is on the disk it was chosen on. Another USB stick
    /// mounted at the same place (the same label), or the bare mount point an unplugged stick
    /// leaves, is not: writing there would hand the plan to the wrong stick or fill the
    /// laptop's own disk. A path chosen where no disk id is known is not bound.
    pub fn on_its_disk(&self) -> bool {
        self.disk.is_none() || disk_of(&self.path) == self.disk
    }
}

/// Where the system lists every file system with an id (its UUID) by the device it is on.
const DISKS_BY_ID: &str = "/dev/disk/by-uuid";

/// The id of the file system `path` (or, for a file not written yet, its folder) is on, when
/// the system knows one: what tells two USB sticks of the same label apart.
pub(crate) fn disk_of(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let device = std::fs::metadata(path)
        .or_else(|_| std::fs::metadata(path.parent().unwrap_or(path)))
        .ok()?
        .dev();
    let known = std::fs::read_dir(DISKS_BY_ID)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let id = entry.file_name().into_string().ok()?;
            Some((id, std::fs::metadata(entry.path()).ok()?.rdev()))
        });
    disk_with(device, known)
}

/// The id of the file system on `device` among the `known` ids and their devices.
fn disk_with(device: u64, known: impl IntoIterator<Item = (String, u64)>) -> Option<String> {
    known
        .into_iter()
        .find(|(_, on)| *on == device)
        .map(|(id, _)| id)
}

impl LocalSettings {
    /// The copy folder and the disk it was chosen on.
    pub fn kept_copy_folder(&self) -> Option<Kept> {
        Some(Kept {
            path: self.copy_folder.clone()?.0,
            disk: self.copy_folder_disk.clone(),
        })
    }

    /// The pocket plan file kept up to date and the disk it was chosen on.
    pub fn kept_pocket_plan(&self) -> Option<Kept> {
        Some(Kept {
            path: self.pocket_plan.clone()?.0,
            disk: self.pocket_plan_disk.clone(),
        })
    }

    /// Keeps `path` as the copy folder, bound to the disk it is on now (`None` forgets it).
    pub fn keep_copy_folder(&mut self, path: Option<&Path>) {
        self.copy_folder_disk = path.and_then(disk_of);
        self.copy_folder = path.map(|p| StoredPath(p.to_owned()));
    }

    /// Shares the plan through `path` (`None`: no longer).
    pub fn keep_sharing_folder(&mut self, path: Option<&Path>) {
        self.sharing_folder = path.map(|p| StoredPath(p.to_owned()));
    }

    /// Keeps `path` as the pocket plan file, bound to the disk it is on now (`None` forgets
    /// it).
    pub fn keep_pocket_plan(&mut self, path: Option<&Path>) {
        self.pocket_plan_disk = path.and_then(disk_of);
        self.pocket_plan = path.map(|p| StoredPath(p.to_owned()));
    }
}

/// Reads an optional value, taking one it does not understand for none.
fn or_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

impl DataFolder {
    pub fn local_settings(&self) -> LocalSettings {
        std::fs::read(self.dir().join(SETTINGS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// This machine, as a sync folder tells machines apart: a digest of its systemd machine
    /// id (never the id itself), or `None` where it has none.
    pub fn machine_key() -> Option<String> {
        use sha2::{Digest, Sha256};
        let id = ["/etc/machine-id", "/var/lib/dbus/machine-id"]
            .iter()
            .find_map(|path| std::fs::read_to_string(path).ok())
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())?;
        let digest = Sha256::digest(format!("steady-sync {id}"));
        Some(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Forgets this computer's id and makes another: its copy is in use on another machine.
    pub fn renew_computer_id(&self) -> CoreResult<String> {
        let id = new_computer_id();
        self.update_local_settings(|settings| settings.computer_id = Some(id.clone()))?;
        Ok(id)
    }

    /// This computer's id (made and kept the first time it is asked for).
    pub fn computer_id(&self) -> String {
        if let Some(id) = self
            .local_settings()
            .computer_id
            .filter(|id| valid_computer_id(id))
        {
            return id;
        }
        let mut id = new_computer_id();
        let kept = self.update_local_settings(|settings| {
            // Another thread may have made one meanwhile: there is only ever one.
            match settings
                .computer_id
                .as_deref()
                .filter(|id| valid_computer_id(id))
            {
                Some(made) => id = made.to_owned(),
                None => settings.computer_id = Some(id.clone()),
            }
        });
        if let Err(err) = kept {
            // Still a folder of its own this run; the next run makes another.
            eprintln!("Steady could not keep this computer's id: {err}");
        }
        id
    }

    /// Remembers the owner's language for the screens shown when the plan cannot be read.
    pub fn remember_language(&self, language: Language) -> CoreResult<()> {
        if self.local_settings().language == Some(language) {
            return Ok(());
        }
        self.update_local_settings(|settings| settings.language = Some(language))
    }

    /// Remembers how large this computer's window draws its text.
    pub fn remember_text_size(&self, size: TextSize) -> CoreResult<()> {
        self.update_local_settings(|settings| {
            settings.text_size = (size != TextSize::Normal).then_some(size);
        })
    }

    /// Remembers whether this computer draws Steady's window in display safe mode (off is no
    /// setting); it takes effect at the next start.
    pub fn remember_safe_display(&self, on: bool) -> CoreResult<()> {
        self.update_local_settings(|settings| settings.safe_display = on.then_some(true))
    }

    /// Changes this computer's settings with `change`, read and written as one step under
    /// a lock on the file: two commands changing two settings at once both keep theirs.
    pub fn update_local_settings(&self, change: impl FnOnce(&mut LocalSettings)) -> CoreResult<()> {
        let _held = self.settings_lock()?;
        let mut settings = self.local_settings();
        change(&mut settings);
        self.write_local_settings(&settings)
    }

    /// Replaces this computer's settings whole.
    pub fn save_local_settings(&self, settings: &LocalSettings) -> CoreResult<()> {
        let _held = self.settings_lock()?;
        self.write_local_settings(settings)
    }

    fn write_local_settings(&self, settings: &LocalSettings) -> CoreResult<()> {
        let json = serde_json::to_vec_pretty(settings)
            .map_err(|err| CoreError::Io(io::Error::other(err)))?;
        write_file_durably(&self.dir().join(SETTINGS_FILE), &json)
    }

    /// Held while the settings are read to be changed and written: an OS lock on a file of
    /// its own, so it keeps out other threads (each opens the file anew) and processes alike,
    /// and is released if Steady dies.
    fn settings_lock(&self) -> CoreResult<std::fs::File> {
        crate::private::create_dir(self.dir())?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(crate::private::FILE_MODE)
            .open(self.dir().join(SETTINGS_LOCK))?;
        file.lock()?;
        Ok(file)
    }

    /// The file the window's size and place are kept in.
    pub fn window_state_file(&self) -> PathBuf {
        self.dir().join(WINDOW_STATE_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_and_a_missing_file_means_none() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        assert_eq!(folder.local_settings(), LocalSettings::default());
        let settings = LocalSettings {
            copy_folder: Some("/media/ana/USB".into()),
            ..Default::default()
        };
        folder.save_local_settings(&settings).unwrap();
        assert_eq!(folder.local_settings(), settings);
    }

    #[test]
    fn a_value_not_understood_is_forgotten_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        std::fs::write(
            dir.path().join(SETTINGS_FILE),
            r#"{"copyFolder": "/media/ana/USB", "language": "klingon", "textSize": 300,
                "pocketPlan": ["not", "a", "path"], "watchSupplies": "maybe",
                "pocketPlanSensitive": "yes", "safeDisplay": "perhaps", "sharingFolder": 7}"#,
        )
        .unwrap();
        assert_eq!(
            folder.local_settings(),
            LocalSettings {
                copy_folder: Some("/media/ana/USB".into()),
                copy_folder_disk: None,
                pocket_plan_disk: None,
                pocket_plan_sensitive: None,
                language: None,
                text_size: None,
                pocket_plan: None,
                watch_supplies: None,
                computer_id: None,
                sharing_folder: None,
                safe_display: None,
            }
        );
    }

    /// A folder named in another encoding than UTF-8 (Latin-1 "Données" on an old stick) is
    /// kept as its bytes, and read back as the same folder — never as another one.
    #[test]
    fn a_path_that_is_not_utf8_is_kept_as_it_is() {
        use std::os::unix::ffi::OsStringExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        let latin1 = PathBuf::from(std::ffi::OsString::from_vec(
            b"/media/ana/Donn\xe9es".to_vec(),
        ));
        let utf8 = PathBuf::from("/media/ana/Données");
        folder
            .update_local_settings(|s| {
                s.keep_copy_folder(Some(&latin1));
                s.keep_pocket_plan(Some(&utf8.join("plan.html")));
            })
            .unwrap();
        let settings = folder.local_settings();
        assert_eq!(settings.kept_copy_folder().unwrap().path, latin1);
        assert_eq!(
            settings.kept_pocket_plan().unwrap().path,
            utf8.join("plan.html")
        );
        // What a Steady before this one wrote (text) still reads.
        let json = std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap();
        assert!(
            json.contains(r#""pocketPlan": "/media/ana/Données/plan.html""#),
            "{json}"
        );
    }

    /// A kept folder or file is bound to the disk it was chosen on: another one at the same
    /// path is not it.
    #[test]
    fn a_kept_path_is_bound_to_its_disk() {
        let dir = tempfile::tempdir().unwrap();
        let known = || {
            vec![
                ("0A1B-2C3D".to_owned(), 2049),
                ("ab12-cd34".to_owned(), 2065),
            ]
        };
        assert_eq!(disk_with(2065, known()).as_deref(), Some("ab12-cd34"));
        assert_eq!(disk_with(64768, known()), None);
        let kept = |disk: Option<&str>| Kept {
            path: dir.path().to_owned(),
            disk: disk.map(str::to_owned),
        };
        assert!(kept(None).on_its_disk(), "chosen where no disk id is known");
        assert!(kept(disk_of(dir.path()).as_deref()).on_its_disk());
        assert!(!kept(Some("another-stick")).on_its_disk());
    }

    /// Commands run at once (the language chosen while the copy folder is saved): each
    /// change is kept, none lost to another's write, and none fails.
    #[test]
    fn settings_changed_at_once_keep_every_change() {
        use std::sync::{Arc, Barrier};
        for round in 0..40 {
            let dir = tempfile::tempdir().unwrap();
            let folder = DataFolder::new(dir.path());
            let start = Arc::new(Barrier::new(5));
            type Change = Box<dyn FnOnce(&DataFolder) -> CoreResult<()> + Send>;
            let changes: Vec<Change> = vec![
                Box::new(|f| f.remember_language(Language::Fr)),
                Box::new(|f| f.remember_text_size(TextSize::Larger)),
                Box::new(|f| f.update_local_settings(|s| s.copy_folder = Some("/media/a".into()))),
                Box::new(|f| f.update_local_settings(|s| s.pocket_plan = Some("/media/p".into()))),
                Box::new(|f| f.update_local_settings(|s| s.watch_supplies = Some(false))),
            ];
            let writers: Vec<_> = changes
                .into_iter()
                .map(|change| {
                    let (folder, start) = (folder.clone(), start.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        change(&folder)
                    })
                })
                .collect();
            for writer in writers {
                writer.join().unwrap().unwrap();
            }
            let settings = folder.local_settings();
            assert_eq!(
                (
                    settings.language,
                    settings.text_size,
                    settings.copy_folder,
                    settings.pocket_plan,
                    settings.watch_supplies,
                ),
                (
                    Some(Language::Fr),
                    Some(TextSize::Larger),
                    Some("/media/a".into()),
                    Some("/media/p".into()),
                    Some(false)
                ),
                "round {round}"
            );
        }
    }

    #[test]
    fn the_text_size_is_remembered_and_normal_is_no_setting() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        folder.remember_language(Language::Fr).unwrap();
        folder.remember_text_size(TextSize::Largest).unwrap();
        let settings = folder.local_settings();
        assert_eq!(settings.text_size, Some(TextSize::Largest));
        assert_eq!(settings.language, Some(Language::Fr));
        assert!((TextSize::Largest.zoom() - 2.0).abs() < f64::EPSILON);
        folder.remember_text_size(TextSize::Normal).unwrap();
        assert_eq!(folder.local_settings().text_size, None);
    }

    #[test]
    fn display_safe_mode_is_remembered_and_off_is_no_setting() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        folder.remember_text_size(TextSize::Large).unwrap();
        folder.remember_safe_display(true).unwrap();
        let settings = folder.local_settings();
        assert_eq!(settings.safe_display, Some(true));
        assert_eq!(settings.text_size, Some(TextSize::Large), "kept beside it");
        folder.remember_safe_display(false).unwrap();
        assert_eq!(folder.local_settings().safe_display, None);
        let json = std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap();
        assert!(!json.contains("safeDisplay\": true"), "{json}");
    }
}
