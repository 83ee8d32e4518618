//! How a timeline entry is kept: its kind in one column, its particulars as a JSON object in
//! the next, written in the transaction of the change it records.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde_json::{Map, Value};

use super::Happened;
use crate::error::{CoreError, CoreResult};

/// Records `happened` in the incident's timeline, in the caller's transaction.
pub(crate) fn record(
    tx: &Transaction<'_>,
    incident: i64,
    at: DateTime<Utc>,
    happened: &Happened,
) -> CoreResult<()> {
    let (kind, detail) = encode(happened);
    tx.execute(
        "INSERT INTO incident_events (incident_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        params![incident, at, kind, detail],
    )?;
    tx.execute(
        "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
        params![incident, at],
    )?;
    Ok(())
}

/// The kind and the particulars (a JSON object) of a timeline entry, as the file keeps them.
pub(crate) fn encode(happened: &Happened) -> (&'static str, String) {
    let mut fields = match serde_json::to_value(happened) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    fields.remove("kind");
    (happened.kind(), Value::Object(fields).to_string())
}

/// Reads back what [`record`] wrote.
pub(super) fn read(kind: &str, detail: &str) -> CoreResult<Happened> {
    let corrupt = || CoreError::Corrupt(format!("timeline entry {kind} {detail:?}"));
    let mut fields: Map<String, Value> = serde_json::from_str(detail).map_err(|_| corrupt())?;
    fields.insert("kind".into(), Value::String(kind.to_owned()));
    serde_json::from_value(Value::Object(fields)).map_err(|_| corrupt())
}
