//! The system's file choosers, used from Rust only (the window has no dialog permission): the
//! owner picks where a file goes or which file to read, and the window is only ever told a
//! name and what the file holds — it never hands the backend a path to read.

use std::path::PathBuf;

use steady_core::business::Language;
use steady_core::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, MessageDialogButtons, MessageDialogKind};
use tokio::sync::oneshot;

/// What to ask the owner for.
pub enum Choose<'a> {
    /// A file to read, of these kinds (a filter name and its extensions).
    Open(&'a [(&'a str, &'a [&'a str])]),
    /// Where to write a file, suggested as `file_name`, with `extension` added if left off.
    Save {
        file_name: &'a str,
        filter: (&'a str, &'a [&'a str]),
    },
    /// A folder.
    Folder,
}

/// Asks the owner with the system dialog; `None` when they cancelled.
pub async fn choose(
    app: &AppHandle,
    title: &str,
    what: Choose<'_>,
) -> Result<Option<PathBuf>, ApiError> {
    let mut dialog: FileDialogBuilder<tauri::Wry> = app.dialog().file().set_title(title);
    // The Documents folder, else home: never wherever Steady happened to be started from.
    let folder = [app.path().document_dir(), app.path().home_dir()]
        .into_iter()
        .flatten()
        .find(|dir| dir.is_dir());
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(main) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&main);
    }
    let (tx, rx) = oneshot::channel();
    let extension = match what {
        Choose::Open(filters) => {
            for (name, extensions) in filters {
                dialog = dialog.add_filter(*name, extensions);
            }
            dialog.pick_file(move |path| {
                let _ = tx.send(path);
            });
            None
        }
        Choose::Save { file_name, filter } => {
            dialog = dialog
                .set_file_name(file_name)
                .add_filter(filter.0, filter.1);
            dialog.save_file(move |path| {
                let _ = tx.send(path);
            });
            filter.1.first().copied()
        }
        Choose::Folder => {
            dialog.pick_folder(move |path| {
                let _ = tx.send(path);
            });
            None
        }
    };
    let chosen = rx
        .await
        .map_err(|_| ApiError::new(ErrorCode::Storage, "The file dialog closed unexpectedly."))?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let mut path = chosen.into_path().map_err(|err| {
        ApiError::new(
            ErrorCode::Storage,
            format!("That place cannot be used: {err}"),
        )
    })?;
    if let Some(extension) = extension {
        if path
            .extension()
            .is_none_or(|ext| !ext.eq_ignore_ascii_case(extension))
        {
            path.as_mut_os_string().push(format!(".{extension}"));
            // The chooser asked about the name as typed ("contacts"); the file written is
            // another ("contacts.vcf"), which it never asked about.
            if path.exists() && !replace(app, &path).await {
                return Ok(None);
            }
        }
    }
    Ok(Some(path))
}

/// Asks before replacing `path`, in the owner's language; `false` keeps it.
async fn replace(app: &AppHandle, path: &std::path::Path) -> bool {
    let language = app
        .state::<crate::state::AppState>()
        .folder
        .local_settings()
        .language
        .unwrap_or(Language::En);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (title, text, yes, no) = match language {
        Language::En => (
            "Replace the file?",
            format!("“{name}” already exists in this folder. Replace it with the new one?"),
            "Replace",
            "Keep it",
        ),
        Language::Fr => (
            "Remplacer le fichier ?",
            format!("« {name} » existe déjà dans ce dossier. Le remplacer par le nouveau ?"),
            "Remplacer",
            "Le garder",
        ),
    };
    let mut question = app
        .dialog()
        .message(text)
        .title(title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(yes.into(), no.into()));
    if let Some(main) = app.get_webview_window("main") {
        question = question.parent(&main);
    }
    let (tx, rx) = oneshot::channel();
    question.show(move |yes| {
        let _ = tx.send(yes);
    });
    rx.await.unwrap_or(false)
}

/// A file name made from owner text: no path separators or control characters, and short
/// enough in bytes for any file system.
pub fn file_name(stem: &str, extension: &str) -> String {
    let mut clean: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let limit = 200 - extension.len() - 1;
    while clean.len() > limit {
        clean.pop();
    }
    if clean.trim().is_empty() {
        clean = "Steady".into();
    }
    format!("{}.{extension}", clean.trim_end())
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_from_owner_text_are_safe_and_short() {
        assert_eq!(
            file_name("Corner Café - plan", "json"),
            "Corner Café - plan.json"
        );
        assert_eq!(file_name("a/b\\c:d\n e", "vcf"), "a b c d e.vcf");
        assert_eq!(file_name("  ", "json"), "Steady.json");
        let long = file_name(&"😀".repeat(200), "json");
        assert!(long.len() <= 200, "{}", long.len());
        assert!(long.ends_with(".json"));
    }
}
