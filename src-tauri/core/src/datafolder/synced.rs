//! Whether the data folder lies inside a folder a sync tool carries between computers. A sync
//! tool copies the database file while Steady writes it (and its write-ahead log apart from
//! it), and keeps whole-file conflict copies instead of merging: that is how SQLite files get
//! damaged. The owner is told, with the reason; the backup copy folder is where a synced folder
//! belongs.
//!
//! A folder is known as synced by the mark each tool leaves in the folder it carries
//! (Syncthing's `.stfolder`, the Nextcloud and ownCloud clients' `.sync_*.db`, Dropbox's
//! `.dropbox`), or by the tool's own settings listing it (Dropbox's `info.json`, Nextcloud's
//! `nextcloud.cfg`, the OneDrive client's `config`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::text_enum! {
    /// A sync tool Steady knows the folders of.
    pub enum SyncTool {
        Syncthing = "syncthing",
        Nextcloud = "nextcloud",
        Dropbox = "dropbox",
        OneDrive = "one_drive",
    }
}

/// The folder a sync tool carries that holds the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncedFolder {
    pub tool: SyncTool,
    /// The synced folder itself (the data folder is in it).
    pub folder: String,
}

/// The synced folder `dir` lies in, if any: by the marks in `dir` and the folders above it,
/// then by the settings the tools keep under `home`.
pub fn synced_folder_around(dir: &Path, home: Option<&Path>) -> Option<SyncedFolder> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let found = dir
        .ancestors()
        .find_map(|folder| marked_by(folder).map(|tool| (tool, folder.to_path_buf())));
    let found = found.or_else(|| {
        let home = home?;
        listed(home).into_iter().find_map(|(tool, folder)| {
            let folder = std::fs::canonicalize(&folder).ok()?;
            dir.starts_with(&folder).then_some((tool, folder))
        })
    });
    found.map(|(tool, folder)| SyncedFolder {
        tool,
        folder: folder.display().to_string(),
    })
}

/// The tool whose mark `folder` bears, if any.
fn marked_by(folder: &Path) -> Option<SyncTool> {
    if folder.join(".stfolder").exists() {
        return Some(SyncTool::Syncthing);
    }
    if folder.join(".dropbox").is_file() {
        return Some(SyncTool::Dropbox);
    }
    let entries = std::fs::read_dir(folder).ok()?;
    entries.flatten().find_map(|entry| {
        let name = entry.file_name();
        let name = name.to_str()?;
        // `.sync_<id>.db` (Nextcloud, ownCloud), `._sync_<id>.db` from older clients.
        let journal =
            (name.starts_with(".sync_") || name.starts_with("._sync_")) && name.ends_with(".db");
        journal.then_some(SyncTool::Nextcloud)
    })
}

/// The folders the tools' own settings under `home` say they carry.
fn listed(home: &Path) -> Vec<(SyncTool, PathBuf)> {
    let mut out = Vec::new();
    let read = |path: &str| std::fs::read_to_string(home.join(path)).ok();
    if let Some(info) = read(".dropbox/info.json") {
        if let Ok(accounts) = serde_json::from_str::<serde_json::Value>(&info) {
            for account in accounts.as_object().into_iter().flat_map(|a| a.values()) {
                if let Some(path) = account.get("path").and_then(|p| p.as_str()) {
                    out.push((SyncTool::Dropbox, PathBuf::from(path)));
                }
            }
        }
    }
    for config in [
        ".config/Nextcloud/nextcloud.cfg",
        ".config/ownCloud/owncloud.cfg",
    ] {
        for line in read(config).iter().flat_map(|text| text.lines()) {
            // `0\Folders\1\localPath=/home/owner/Nextcloud/`
            if let Some((key, path)) = line.split_once('=') {
                if key.trim_end().ends_with("localPath") && !path.trim().is_empty() {
                    out.push((SyncTool::Nextcloud, PathBuf::from(path.trim())));
                }
            }
        }
    }
    // The OneDrive client for Linux: `sync_dir = "~/OneDrive"`, that folder when not set.
    if let Some(config) = read(".config/onedrive/config") {
        let set = config.lines().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "sync_dir").then(|| value.trim().trim_matches('"').to_owned())
        });
        let dir = set.unwrap_or_else(|| "~/OneDrive".to_owned());
        let dir = match dir.strip_prefix("~/") {
            Some(rest) => home.join(rest),
            None => PathBuf::from(dir),
        };
        out.push((SyncTool::OneDrive, dir));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A home with `Sync/steady` in it, the data folder, and nothing synced yet.
    fn a_home() -> (tempfile::TempDir, PathBuf) {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("Sync/Shop/steady");
        std::fs::create_dir_all(&data).unwrap();
        (home, data)
    }

    fn write(path: PathBuf, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn tool(data: &Path, home: &Path) -> Option<SyncTool> {
        synced_folder_around(data, Some(home)).map(|found| found.tool)
    }

    #[test]
    fn a_data_folder_in_no_synced_folder_is_left_alone() {
        let (home, data) = a_home();
        // A synced folder beside it, not around it.
        std::fs::create_dir_all(home.path().join("Other/.stfolder")).unwrap();
        write(
            home.path().join(".dropbox/info.json"),
            r#"{"personal": {"path": "/nowhere"}}"#,
        );
        assert_eq!(synced_folder_around(&data, Some(home.path())), None);
        assert_eq!(synced_folder_around(&data, None), None);
    }

    #[test]
    fn each_tool_is_known_by_the_mark_it_leaves_in_the_folder_it_carries() {
        let cases: [(&str, bool, SyncTool); 4] = [
            (".stfolder", true, SyncTool::Syncthing),
            (".dropbox", false, SyncTool::Dropbox),
            (".sync_4f2a9c.db", false, SyncTool::Nextcloud),
            ("._sync_0c1d.db", false, SyncTool::Nextcloud),
        ];
        for (mark, is_dir, expected) in cases {
            let (home, data) = a_home();
            let synced = home.path().join("Sync");
            if is_dir {
                std::fs::create_dir(synced.join(mark)).unwrap();
            } else {
                write(synced.join(mark), "");
            }
            let found = synced_folder_around(&data, None).unwrap();
            assert_eq!(found.tool, expected, "{mark}");
            assert_eq!(
                Path::new(&found.folder),
                std::fs::canonicalize(&synced).unwrap(),
                "{mark}"
            );
        }
    }

    #[test]
    fn each_tool_is_known_by_the_folders_its_settings_list() {
        let (home, data) = a_home();
        let sync = home.path().join("Sync");
        let sync = sync.display();
        write(
            home.path().join(".dropbox/info.json"),
            &format!(r#"{{"business": {{"path": "{sync}", "host": 1}}}}"#),
        );
        assert_eq!(tool(&data, home.path()), Some(SyncTool::Dropbox));

        let (home, data) = a_home();
        let sync = home.path().join("Sync");
        write(
            home.path().join(".config/Nextcloud/nextcloud.cfg"),
            &format!(
                "[Accounts]\n0\\Folders\\1\\localPath={}/\n0\\Folders\\1\\paused=false\n",
                sync.display()
            ),
        );
        assert_eq!(tool(&data, home.path()), Some(SyncTool::Nextcloud));

        let (home, data) = a_home();
        write(
            home.path().join(".config/onedrive/config"),
            "# sync_dir = \"~/Elsewhere\"\nsync_dir = \"~/Sync\"\n",
        );
        assert_eq!(tool(&data, home.path()), Some(SyncTool::OneDrive));
    }

    #[test]
    fn the_onedrive_client_carries_its_own_folder_when_none_is_set() {
        let (home, _) = a_home();
        let data = home.path().join("OneDrive/Shop/steady");
        std::fs::create_dir_all(&data).unwrap();
        write(
            home.path().join(".config/onedrive/config"),
            "monitor_interval = \"300\"\n",
        );
        assert_eq!(tool(&data, home.path()), Some(SyncTool::OneDrive));
    }
}
