//! Errors of the core, and the one shape in which any error crosses to the UI.
//!
//! The UI branches on [`ErrorCode`], never on message text, and shows each [`FieldError`] next
//! to its field. Messages are for logs and for the rare error the UI has no words of its own for.

use std::io;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::field_paths::FieldPath;

/// What went wrong, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    /// The input was refused; `fields` says which fields and why. Nothing was changed.
    Validation,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The data file could not be read or written.
    Storage,
    /// Nothing was written: the disk is full (SQLITE_FULL, ENOSPC).
    DiskFull,
    /// Nothing was written: the data folder or file cannot be written (SQLITE_READONLY,
    /// EROFS, EACCES).
    ReadOnly,
    /// Nothing was written: the disk reported an error (SQLITE_IOERR, EIO).
    DiskError,
    /// The system could not open a link (no browser, mail or phone app for it).
    OpenFailed,
    /// A document could not be printed or saved as PDF.
    Print,
    /// The system's notification service could not be reached.
    Notification,
    /// A file the owner chose to import or restore cannot be used; `file` says where and why.
    BadFile,
}

/// Why one field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FieldProblem {
    Required,
    InvalidPhone,
    /// A well-formed number that is not a phone number of the business's country (and was
    /// not written with `+` and another country's code). `country` is the country's code.
    NotANumberIn {
        #[ts(type = "Country")]
        country: String,
    },
    InvalidEmail,
    InvalidUrl,
    TooLong {
        max: u32,
    },
    /// A number that must be above zero.
    NotPositive,
    /// A time that must lie between a week ago and now (when an outage began).
    NotRecent,
    /// A time that must lie ahead, within a year (when an announced outage starts).
    NotAhead,
    TooLarge {
        max: u32,
    },
    /// A reference to something that does not exist (a deleted contact, say).
    Unknown,
    /// A choice that would make a loop (a call tree where two people wait for each other).
    Cycle,
    /// A notice still holding a `[MARKER]` for the owner to fill.
    Unfilled,
    /// The same person or thing chosen twice in one list (a person holding a role twice).
    Twice,
    /// A person chosen where they are already chosen (a role's stand-in who holds the role).
    SamePerson,
    /// A time that must lie between the start of the outage and now (a team check-in).
    OutsideOutage,
    /// An arrival time before the moment the person was reached.
    BeforeCheckIn,
    /// The outage is resolved: its team can no longer change (reopen it first).
    Closed,
    /// A danger outage cannot be resolved while these people are not marked safe, unless the
    /// owner says so.
    NotSafe {
        names: Vec<String>,
    },
    /// A real outage is open: deal with it first (a drill cannot start meanwhile).
    OutageOpen,
    /// A drill is already in progress: end it first.
    DrillOpen,
    /// A drill's surprise that has not come yet.
    NotYet,
    /// The drill has ended: nothing of it changes any more.
    Ended,
    /// Text that does not read as an amount of money or a quantity.
    NotAnAmount,
    /// An amount, a quantity or a percentage below zero.
    Negative,
    /// Text that does not read as a time of day (`HH:MM`).
    NotATime,
    /// A time that must come after another (closing after opening).
    EndsBeforeStart,
    /// A drill has no costs or claims: this is for real outages.
    NotForDrills,
    /// Text that does not read as a temperature in °C between -60 and 60.
    NotATemperature,
}

/// A refused field. `field` is the input's property name, with an index for list items
/// (`phones.1.number`): made only from a [`FieldPath`], so it names a field the window has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: impl FieldPath, problem: FieldProblem) -> Self {
        Self {
            field: field.path(),
            problem,
        }
    }

    /// A refusal as the window receives it, for tests that pin the exact path.
    #[cfg(test)]
    pub fn at(field: &str, problem: FieldProblem) -> Self {
        Self {
            field: field.to_owned(),
            problem,
        }
    }
}

/// Why a file the owner chose (a plan export, a vCard) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FileReason {
    /// Not JSON at all (`line` says where it stops being JSON).
    NotJson,
    /// JSON, but not a Steady plan export.
    NotAnExport,
    /// Written by a newer Steady.
    NewerFormat {
        version: u32,
    },
    UnknownTable,
    UnknownColumn,
    /// A value of the wrong type, or one Steady does not understand.
    BadValue,
    /// A row refers to something the file does not have.
    BrokenReference,
    TooLarge {
        max: u32,
    },
    /// Not a vCard file.
    NotVcard,
    /// A line that cannot be read.
    BadLine,
    /// A field Steady would refuse if typed in (`field` as in a [`FieldError`]), with what
    /// the file says there.
    BadField {
        field: String,
        value: String,
    },
    /// The file holds no contact.
    NoContacts,
    /// A backup that can no longer be read whole.
    Damaged,
    /// A database, but not a Steady backup.
    NotSteady,
    /// The file cannot be opened (gone, or not allowed).
    Unreadable,
}

/// Where in a chosen file the problem is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileProblem {
    /// The line (from 1), when the problem is on one.
    pub line: Option<u32>,
    /// What is at fault: in the file's own terms (`tables.contacts[3].kind`), or with
    /// [`FileReason::BadField`] the name of the contact it belongs to.
    pub place: String,
    pub reason: FileReason,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{:?} at {:?}", self.reason, self.place)
    }
}

/// Why the data file was not opened. Each has its own screen, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StartProblem {
    /// The file is not a readable database any more (a failing disk, a cut copy).
    #[error("the data file is damaged: {detail}")]
    Damaged { detail: String },
    /// Written by a newer Steady, whose changes this one would not understand.
    #[error(
        "the data file was written by a newer Steady (schema {version}, this one knows {known})"
    )]
    Newer { version: u32, known: u32 },
    /// A database, but another program's.
    #[error("the data file is not a Steady file")]
    NotSteady,
    /// The folder (or the file) cannot be written.
    #[error("the data folder cannot be written: {detail}")]
    ReadOnly { detail: String },
    /// No space left on the disk.
    #[error("the disk is full")]
    DiskFull,
    /// Another Steady has this folder open.
    #[error("another Steady is using this data folder")]
    InUse,
    /// The file is gone, but backups say there was a plan here (moved, deleted, lost).
    #[error("the data file is missing, but there are backups of it")]
    Missing,
    /// Anything else the system reported.
    #[error("the data folder could not be used: {detail}")]
    Unusable { detail: String },
}

impl StartProblem {
    /// Whether restoring a backup over the file is the way out (a file that can be set aside).
    pub fn restorable(&self) -> bool {
        matches!(
            self,
            Self::Damaged { .. } | Self::Newer { .. } | Self::NotSteady | Self::Missing
        )
    }

    /// The word in the name the refused file is kept under: `steady.sqlite3.damaged-<date>`.
    pub(crate) fn set_aside_as(&self) -> &'static str {
        match self {
            Self::Newer { .. } => "newer",
            Self::NotSteady => "not-steady",
            _ => "damaged",
        }
    }

    pub(crate) fn from_io(err: &io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => Self::ReadOnly {
                detail: err.to_string(),
            },
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Self::DiskFull,
            _ => Self::Unusable {
                detail: err.to_string(),
            },
        }
    }

    pub(crate) fn from_sqlite(err: &rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as E;
        match err.sqlite_error_code() {
            Some(E::DatabaseCorrupt | E::NotADatabase) => Self::Damaged {
                detail: err.to_string(),
            },
            Some(E::DiskFull) => Self::DiskFull,
            Some(E::ReadOnly | E::PermissionDenied | E::CannotOpen) => Self::ReadOnly {
                detail: err.to_string(),
            },
            Some(E::DatabaseBusy | E::DatabaseLocked) => Self::InUse,
            _ => Self::Unusable {
                detail: err.to_string(),
            },
        }
    }

    pub(crate) fn from_core(err: &CoreError) -> Self {
        match err {
            CoreError::Storage(err) => Self::from_sqlite(err),
            CoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                Self::from_sqlite(err)
            }
            CoreError::Io(err) => Self::from_io(err),
            CoreError::Refused(problem) => problem.clone(),
            other => Self::Unusable {
                detail: other.to_string(),
            },
        }
    }
}

/// An error of the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("some fields are not valid: {}", list_fields(.0))]
    Validation(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(String),
    #[error("the data file could not be used: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("the data file could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("the data file holds a value this version does not understand: {0}")]
    Corrupt(String),
    #[error("the data folder could not be used: {0}")]
    Io(#[from] std::io::Error),
    /// A data or backup file Steady will not use, and why.
    #[error("{0}")]
    Refused(StartProblem),
    /// A file chosen for import cannot be used; nothing was changed.
    #[error("the file cannot be used: {0}")]
    BadFile(FileProblem),
}

/// The `errno` of an I/O error on a Linux disk (`EIO`); the standard library gives it no kind.
const EIO: i32 = 5;

impl CoreError {
    /// Whether the disk refused the write, and how: full, not writable, or failing. The
    /// owner can do something about each, so each is said in its own words.
    pub fn disk_trouble(&self) -> Option<ErrorCode> {
        use rusqlite::ErrorCode as E;
        let sqlite = |err: &rusqlite::Error| match err.sqlite_error_code()? {
            E::DiskFull => Some(ErrorCode::DiskFull),
            E::ReadOnly | E::PermissionDenied => Some(ErrorCode::ReadOnly),
            E::SystemIoFailure => Some(ErrorCode::DiskError),
            _ => None,
        };
        match self {
            Self::Storage(err) => sqlite(err),
            Self::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => sqlite(err),
            Self::Io(err) => match err.kind() {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                    Some(ErrorCode::DiskFull)
                }
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
                    Some(ErrorCode::ReadOnly)
                }
                _ if err.raw_os_error() == Some(EIO) => Some(ErrorCode::DiskError),
                _ => None,
            },
            Self::Refused(StartProblem::DiskFull) => Some(ErrorCode::DiskFull),
            Self::Refused(StartProblem::ReadOnly { .. }) => Some(ErrorCode::ReadOnly),
            _ => None,
        }
    }
}

fn list_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| f.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub type CoreResult<T> = Result<T, CoreError>;

/// The error as the UI receives it: `{ "code": "Validation", "message": "…", "fields": [...] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
    /// With [`ErrorCode::BadFile`]: where in the file and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<Box<FileProblem>>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
            file: None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl From<CoreError> for ApiError {
    fn from(err: CoreError) -> Self {
        let message = err.to_string();
        if let Some(code) = err.disk_trouble() {
            return Self::new(code, message);
        }
        match err {
            CoreError::Validation(fields) => Self {
                code: ErrorCode::Validation,
                message,
                fields,
                file: None,
            },
            CoreError::BadFile(problem) => Self {
                code: ErrorCode::BadFile,
                message,
                fields: Vec::new(),
                file: Some(Box::new(problem)),
            },
            CoreError::NotFound(_) => Self::new(ErrorCode::NotFound, message),
            CoreError::Storage(_)
            | CoreError::Migration(_)
            | CoreError::Corrupt(_)
            | CoreError::Io(_)
            | CoreError::Refused(_) => Self::new(ErrorCode::Storage, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validation_error_crosses_ipc_with_code_message_and_fields() {
        let err = ApiError::from(CoreError::Validation(vec![
            FieldError::at("phones.0.number", FieldProblem::InvalidPhone),
            FieldError::at("notes", FieldProblem::TooLong { max: 4000 }),
        ]));
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            json!({
                "code": "Validation",
                "message": "some fields are not valid: phones.0.number, notes",
                "fields": [
                    { "field": "phones.0.number", "problem": { "kind": "invalidPhone" } },
                    { "field": "notes", "problem": { "kind": "tooLong", "max": 4000 } },
                ],
            })
        );
    }

    #[test]
    fn other_errors_cross_ipc_with_their_code_and_no_fields() {
        let check = |err: CoreError, code: &str| {
            let value = serde_json::to_value(ApiError::from(err)).unwrap();
            assert_eq!(value["code"], code);
            assert_eq!(value["fields"], json!([]));
            assert!(value["message"].as_str().is_some_and(|m| !m.is_empty()));
        };
        check(CoreError::NotFound("contact 7".into()), "NotFound");
        check(CoreError::Storage(rusqlite::Error::InvalidQuery), "Storage");
        check(CoreError::Corrupt("kind 'x'".into()), "Storage");
    }

    #[test]
    fn a_write_the_disk_refused_says_how() {
        use rusqlite::ffi;
        let sqlite = |code: i32| {
            CoreError::Storage(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None))
        };
        let io = |err: io::Error| CoreError::Io(err);
        let check = |err: CoreError, expected: &str| {
            let what = format!("{err:?}");
            let value = serde_json::to_value(ApiError::from(err)).unwrap();
            assert_eq!(value["code"], expected, "{what}");
            assert_eq!(value["fields"], json!([]), "{what}");
        };
        for (err, code) in [
            (sqlite(ffi::SQLITE_FULL), "DiskFull"),
            (io(io::Error::from_raw_os_error(28)), "DiskFull"), // ENOSPC
            (io(io::Error::from_raw_os_error(122)), "DiskFull"), // EDQUOT
            (CoreError::Refused(StartProblem::DiskFull), "DiskFull"),
            (sqlite(ffi::SQLITE_READONLY), "ReadOnly"),
            (sqlite(ffi::SQLITE_READONLY_DBMOVED), "ReadOnly"),
            (sqlite(ffi::SQLITE_PERM), "ReadOnly"),
            (io(io::Error::from_raw_os_error(30)), "ReadOnly"), // EROFS
            (io(io::Error::from_raw_os_error(13)), "ReadOnly"), // EACCES
            (sqlite(ffi::SQLITE_IOERR), "DiskError"),
            (sqlite(ffi::SQLITE_IOERR_WRITE), "DiskError"),
            (sqlite(ffi::SQLITE_IOERR_FSYNC), "DiskError"),
            (io(io::Error::from_raw_os_error(EIO)), "DiskError"),
            (
                CoreError::Migration(rusqlite_migration::Error::RusqliteError {
                    query: String::new(),
                    err: rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_FULL), None),
                }),
                "DiskFull",
            ),
            // Not the disk's doing: the general words.
            (sqlite(ffi::SQLITE_CORRUPT), "Storage"),
            (sqlite(ffi::SQLITE_BUSY), "Storage"),
            (io(io::Error::from_raw_os_error(2)), "Storage"), // ENOENT
        ] {
            check(err, code);
        }
    }
}
