//! Errors of the core, and the one shape in which any error crosses to the UI.
//!
//! The UI branches on [`ErrorCode`], never on message text, and shows each [`FieldError`] next
//! to its field. Messages are for logs and for the rare error the UI has no words of its own for.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    /// The input was refused; `fields` says which fields and why. Nothing was changed.
    Validation,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The data file could not be read or written.
    Storage,
    /// The system could not open a link (no browser, mail or phone app for it).
    OpenFailed,
    /// A document could not be printed or saved as PDF.
    Print,
    /// The system's notification service could not be reached.
    Notification,
}

/// Why one field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FieldProblem {
    Required,
    InvalidPhone,
    InvalidEmail,
    InvalidUrl,
    TooLong {
        max: u32,
    },
    /// A number that must be above zero.
    NotPositive,
    TooLarge {
        max: u32,
    },
    /// A reference to something that does not exist (a deleted contact, say).
    Unknown,
    /// A choice that would make a loop (a call tree where two people wait for each other).
    Cycle,
    /// A notice still holding a `[MARKER]` for the owner to fill.
    Unfilled,
}

/// A refused field. `field` is the input's property name, with an index for list items
/// (`phones.1.number`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: FieldProblem) -> Self {
        Self {
            field: field.into(),
            problem,
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
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
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
        match err {
            CoreError::Validation(fields) => Self {
                code: ErrorCode::Validation,
                message,
                fields,
            },
            CoreError::NotFound(_) => Self::new(ErrorCode::NotFound, message),
            CoreError::Storage(_)
            | CoreError::Migration(_)
            | CoreError::Corrupt(_)
            | CoreError::Io(_) => Self::new(ErrorCode::Storage, message),
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
            FieldError::new("phones.0.number", FieldProblem::InvalidPhone),
            FieldError::new("notes", FieldProblem::TooLong { max: 4000 }),
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
}
