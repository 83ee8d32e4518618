//! One outage started twice (on the shop's PC and on the laptop, each before the other's
//! arrived): offered as one, and taken into one on the owner's word, nothing of either lost.
//!
//! Which of the two is kept does not depend on where the owner says so: the one started first
//! (then the smaller global id). Two computers that both take them into one, before either
//! hears of the other's choice, keep the same one, so the merge of their histories keeps it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::{Happened, Incident};
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// How far apart two starts of the same outage may be.
pub const SAME_WITHIN_MINUTES: i64 = 30;

/// Another open outage that is most likely the same as the one on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SameOutage {
    #[ts(type = "number")]
    pub id: i64,
    pub started_at: DateTime<Utc>,
    /// What it has down, as lists name it.
    pub title: String,
}

/// An open outage as this module compares them.
struct Open {
    id: i64,
    gid: String,
    started_at: DateTime<Utc>,
    something_else: String,
    services: Vec<i64>,
}

fn open_outage(tx: &rusqlite::Connection, id: i64) -> CoreResult<Option<Open>> {
    let found = tx
        .query_row(
            "SELECT id, gid, started_at, something_else FROM incidents
             WHERE id = ?1 AND resolved_at IS NULL AND drill = 0",
            [id],
            |row| {
                Ok(Open {
                    id: row.get(0)?,
                    gid: row.get(1)?,
                    started_at: row.get(2)?,
                    something_else: row.get(3)?,
                    services: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut open) = found else {
        return Ok(None);
    };
    open.services = tx
        .prepare_cached(
            "SELECT service_id FROM incident_services
             WHERE incident_id = ?1 AND service_id IS NOT NULL",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(open))
}

/// Whether `a` and `b` are most likely one outage: started within half an hour, with a
/// service down in common or the same "something else".
fn same(a: &Open, b: &Open) -> bool {
    let near = (a.started_at - b.started_at).abs() <= Duration::minutes(SAME_WITHIN_MINUTES);
    let what = |o: &Open| o.something_else.trim().to_lowercase();
    let shared = a.services.iter().any(|s| b.services.contains(s))
        || (!what(a).is_empty() && what(a) == what(b));
    near && shared
}

impl Store {
    /// The other open outages (not drills) that are most likely the same as outage `id`,
    /// started on another computer: within half an hour, for a service in common.
    pub fn same_outages(&self, id: i64, now: DateTime<Utc>) -> CoreResult<Vec<SameOutage>> {
        let Some(this) = open_outage(&self.conn, id)? else {
            return Ok(Vec::new());
        };
        let others: Vec<i64> = self
            .conn
            .prepare(
                "SELECT id FROM incidents
                 WHERE resolved_at IS NULL AND drill = 0 AND id != ?1 ORDER BY started_at, id",
            )?
            .query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut same_ones = Vec::new();
        for other in others {
            let Some(open) = open_outage(&self.conn, other)? else {
                continue;
            };
            if same(&this, &open) {
                let incident = self.incident(other, now)?;
                same_ones.push(SameOutage {
                    id: other,
                    started_at: incident.started_at,
                    title: incident.title,
                });
            }
        }
        Ok(same_ones)
    }

    /// Takes outages `id` and `other`, the same one started twice, into one, in one
    /// transaction: everything written during either (calls, notices, ticks, the timeline,
    /// check-ins, costs) goes to the one started first, which keeps the earlier start and
    /// gains what only the other knew; the other is gone. Returns the one kept.
    pub fn join_outages(
        &mut self,
        id: i64,
        other: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let tx = self.conn.transaction()?;
        let (Some(a), Some(b)) = (open_outage(&tx, id)?, open_outage(&tx, other)?) else {
            return Err(CoreError::NotFound(format!(
                "open outages {id} and {other}"
            )));
        };
        if a.id == b.id || !same(&a, &b) {
            return Err(CoreError::NotFound(format!(
                "outage {other} as the same as {id}"
            )));
        }
        let (keep, gone) = if (a.started_at, &a.gid) <= (b.started_at, &b.gid) {
            (a, b)
        } else {
            (b, a)
        };
        let what = {
            let mut names: Vec<String> = tx
                .prepare("SELECT name FROM incident_services WHERE incident_id = ?1 ORDER BY id")?
                .query_map([gone.id], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            if !gone.something_else.is_empty() {
                names.push(gone.something_else.clone());
            }
            names.join(", ")
        };
        take_in(&tx, keep.id, gone.id)?;
        super::timeline::record(&tx, keep.id, now, &Happened::Joined { what })?;
        tx.commit()?;
        self.incident(keep.id, now)
    }
}

/// Moves everything of outage `gone` into `keep`, then deletes `gone`.
fn take_in(tx: &Transaction<'_>, keep: i64, gone: i64) -> CoreResult<()> {
    // What only the other knew fills what this one does not say yet.
    tx.execute(
        "UPDATE incidents SET
             started_at = min(incidents.started_at, o.started_at),
             something_else = CASE WHEN incidents.something_else = ''
                 THEN o.something_else ELSE incidents.something_else END,
             summary = CASE WHEN incidents.summary = '' THEN o.summary ELSE incidents.summary END,
             cause = CASE WHEN incidents.cause = 'unknown' THEN o.cause ELSE incidents.cause END,
             danger = max(incidents.danger, o.danger),
             customers_affected = coalesce(incidents.customers_affected, o.customers_affected),
             expected_minutes = coalesce(incidents.expected_minutes, o.expected_minutes)
         FROM (SELECT * FROM incidents WHERE id = ?2) AS o
         WHERE incidents.id = ?1",
        params![keep, gone],
    )?;
    // A service down in both stays once, as this one has it.
    tx.execute(
        "DELETE FROM incident_services WHERE incident_id = ?2 AND EXISTS (
             SELECT 1 FROM incident_services AS k WHERE k.incident_id = ?1
             AND (k.service_id = incident_services.service_id OR k.name = incident_services.name))",
        params![keep, gone],
    )?;
    // Every table that names an outage, read from the schema so that one added later is not
    // missed. A row keyed within its outage (a tick by its item) moves only where this one
    // has no row of that key; the rest stay with the other and go with it.
    let naming: Vec<(String, Option<String>)> = tx
        .prepare(
            "SELECT m.name,
                    (SELECT c.name FROM pragma_table_info(m.name) AS c
                     WHERE c.pk > 0 AND c.name != 'incident_id')
             FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name) AS f
             WHERE m.type = 'table' AND f.\"table\" = 'incidents' AND f.\"from\" = 'incident_id'
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) AS c
                           WHERE c.pk > 0 AND c.name = 'incident_id')",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let all: Vec<String> = tx
        .prepare(
            "SELECT m.name FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name) AS f
             WHERE m.type = 'table' AND f.\"table\" = 'incidents' AND f.\"from\" = 'incident_id'",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for table in all {
        let key = naming
            .iter()
            .find(|(t, _)| *t == table)
            .and_then(|(_, key)| key.clone());
        let only = key.map_or_else(String::new, |key| {
            format!(" AND {key} NOT IN (SELECT {key} FROM {table} WHERE incident_id = ?1)")
        });
        tx.execute(
            &format!("UPDATE {table} SET incident_id = ?1 WHERE incident_id = ?2{only}"),
            params![keep, gone],
        )?;
    }
    tx.execute("DELETE FROM incidents WHERE id = ?1", [gone])?;
    Ok(())
}
