//! The import's check of what outages cost: rows that each read, but make no sense — costs,
//! readings or claims on a drill's incident (a drill costs nothing), opening hours that are
//! not times or close before they open, more entries than Steady keeps — each refused with the
//! row it is in (`tables.incident_expenses (id 3).incident_id`). Then every outage's loss is
//! computed back as the app does.

use chrono::{DateTime, FixedOffset, Offset, Utc};

use super::bad;
use crate::costs::{minutes_of, MAX_ENTRIES};
use crate::error::{CoreResult, FileReason};
use crate::store::Store;

/// The tables of an outage's own costs, and the column naming their rows.
const PER_INCIDENT: [(&str, &str); 4] = [
    ("incident_expenses", "id"),
    ("spoiled_stock", "id"),
    ("cold_readings", "id"),
    ("claims_sent", "rule"),
];

pub(super) fn check_costs(store: &Store, now: DateTime<Utc>) -> CoreResult<()> {
    let conn = &store.conn;
    for (table, key) in PER_INCIDENT {
        let on_drill: Option<String> = conn
            .prepare(&format!(
                "SELECT t.{key} FROM {table} t JOIN incidents i ON i.id = t.incident_id
                 WHERE i.drill = 1 LIMIT 1"
            ))?
            .query_map([], |r| r.get::<_, rusqlite::types::Value>(0))?
            .next()
            .transpose()?
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                _ => String::new(),
            });
        if let Some(row) = on_drill {
            return Err(bad(
                format!("tables.{table} ({key} {row}).incident_id"),
                FileReason::BadValue,
            ));
        }
        let crowded: Option<i64> = conn
            .prepare(&format!(
                "SELECT incident_id FROM {table} GROUP BY incident_id HAVING count(*) > ?1
                 LIMIT 1"
            ))?
            .query_map([MAX_ENTRIES as i64], |r| r.get(0))?
            .next()
            .transpose()?;
        if let Some(incident) = crowded {
            return Err(bad(
                format!("tables.{table} (incident {incident})"),
                FileReason::TooLarge {
                    max: MAX_ENTRIES as u32,
                },
            ));
        }
    }
    let days: Vec<(i64, String, String)> = conn
        .prepare("SELECT weekday, opens, closes FROM opening_days ORDER BY weekday")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (weekday, opens, closes) in days {
        let at = |column: &str| format!("tables.opening_days (weekday {weekday}).{column}");
        let Some(opens) = minutes_of(&opens) else {
            return Err(bad(at("opens"), FileReason::BadValue));
        };
        if minutes_of(&closes).is_none_or(|closes| closes <= opens) {
            return Err(bad(at("closes"), FileReason::BadValue));
        }
    }
    store
        .cost_settings()
        .map_err(|_| bad("tables.cost_settings", FileReason::BadValue))?;
    let outages: Vec<i64> = conn
        .prepare("SELECT id FROM incidents WHERE drill = 0 ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let utc = |_: DateTime<Utc>| -> FixedOffset { Utc.fix() };
    for id in outages {
        store
            .loss(id, now, &utc)
            .map_err(|_| bad(format!("tables.incidents (id {id})"), FileReason::BadValue))?;
    }
    Ok(())
}
