//! The plan holds account numbers, the owner's contacts and what went wrong in their shop:
//! no other user of the computer may read it. The data folder is the owner's alone (0700)
//! and every file Steady writes is too (0600) — the database and its journals, backups and
//! their copies, exports, the pocket plan, calendar and contact files — made so as they are
//! created, never widened first and narrowed after.

use std::fs::{File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Read and written by the owner only.
pub const FILE_MODE: u32 = 0o600;
/// Entered by the owner only.
pub const DIR_MODE: u32 = 0o700;

/// Creates (or truncates) the file at `path` for writing, readable by the owner only.
pub(crate) fn create_file(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(path)?;
    // The mode above applies only to a file that did not exist yet. A USB stick's FAT keeps
    // no modes and may refuse to change them: the file is written all the same.
    let _ = narrow(path, FILE_MODE);
    Ok(file)
}

/// Creates an empty file at `path`, readable by the owner only, unless one is there: never
/// truncates (the database is made so before SQLite opens it).
pub(crate) fn create_new_file(path: &Path) -> io::Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err),
    }
}

/// Makes the folder at `dir` (and its parents, as the system makes them) and narrows it to
/// the owner, where the file system keeps modes.
pub(crate) fn create_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let _ = narrow(dir, DIR_MODE);
    Ok(())
}

/// Takes away from `path` any permission beyond `mode` (a file already private is left as it
/// is, so nothing is written on a file system that keeps no modes).
pub(crate) fn narrow(path: &Path, mode: u32) -> io::Result<()> {
    let now = std::fs::symlink_metadata(path)?.permissions().mode() & 0o7777;
    if now & !mode != 0 {
        std::fs::set_permissions(path, Permissions::from_mode(now & mode))?;
    }
    Ok(())
}

/// Narrows `dir` and every file directly in it to the owner, leaving links alone: what a
/// Steady that wrote files readable by all left behind.
pub(crate) fn narrow_folder(dir: &Path) -> io::Result<()> {
    narrow(dir, DIR_MODE)?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            narrow(&entry.path(), FILE_MODE)?;
        }
    }
    Ok(())
}
