//! Backup runbooks: the ordered steps to switch to a backup system (a 4G router, a spare
//! till, the paper order book), written calmly in advance so they can be followed in a hurry.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::RunbookField;
use crate::fields::{check_list_len, Problems, LINE_MAX};
use crate::moments::utc_at;
use crate::store::Store;

/// Most steps a runbook may have: past that it is not a runbook anyone follows under stress.
pub const MAX_STEPS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunbookDetails {
    pub title: String,
    /// The service it restores, if any.
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    /// The steps in order.
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Runbook {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: RunbookDetails,
    pub updated_at: DateTime<Utc>,
}

impl RunbookDetails {
    fn validated(&self, store: &Store) -> CoreResult<Self> {
        check_list_len(RunbookField::Steps, self.steps.len())?;
        let mut p = Problems::default();
        let title = p.text(RunbookField::Title, &self.title, LINE_MAX);
        if title.is_empty() {
            p.add(RunbookField::Title, FieldProblem::Required);
        }
        let steps: Vec<String> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| p.text(RunbookField::Step(i), step, LINE_MAX))
            .filter(|step| !step.is_empty())
            .collect();
        if steps.len() > MAX_STEPS {
            p.add(
                RunbookField::Steps,
                FieldProblem::TooLarge {
                    max: MAX_STEPS as u32,
                },
            );
        }
        if let Some(service_id) = self.service_id {
            if store.service(service_id).is_err() {
                p.add(RunbookField::ServiceId, FieldProblem::Unknown);
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        Ok(Self {
            title,
            service_id: self.service_id,
            steps,
        })
    }
}

impl Store {
    pub fn list_runbooks(&self) -> CoreResult<Vec<Runbook>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, service_id, updated_at FROM runbooks ORDER BY title COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<i64>>(2)?,
                utc_at(row, 3)?,
            ))
        })?;
        let mut runbooks = Vec::new();
        for row in rows {
            let (id, title, service_id, updated_at) = row?;
            let mut steps = self.conn.prepare_cached(
                "SELECT text FROM runbook_steps WHERE runbook_id = ?1 ORDER BY position",
            )?;
            let steps = steps
                .query_map([id], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            runbooks.push(Runbook {
                id,
                details: RunbookDetails {
                    title,
                    service_id,
                    steps,
                },
                updated_at,
            });
        }
        Ok(runbooks)
    }

    pub fn runbook(&self, id: i64) -> CoreResult<Runbook> {
        self.list_runbooks()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| CoreError::NotFound(format!("runbook {id}")))
    }

    pub fn create_runbook(
        &mut self,
        details: &RunbookDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Runbook> {
        let details = details.validated(self)?;
        let tx = self.conn.transaction()?;
        let id = insert_runbook(&tx, &details, None, now)?;
        tx.commit()?;
        self.runbook(id)
    }

    pub fn update_runbook(
        &mut self,
        id: i64,
        details: &RunbookDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Runbook> {
        let details = details.validated(self)?;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE runbooks SET title = ?2, service_id = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, details.title, details.service_id, now],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound(format!("runbook {id}")));
        }
        tx.execute("DELETE FROM runbook_steps WHERE runbook_id = ?1", [id])?;
        insert_steps(&tx, id, &details.steps)?;
        tx.commit()?;
        self.runbook(id)
    }

    pub fn delete_runbook(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM runbooks WHERE id = ?1", [id])? == 0 {
            return Err(CoreError::NotFound(format!("runbook {id}")));
        }
        tx.commit()?;
        Ok(())
    }
}

pub(crate) fn insert_runbook(
    tx: &Connection,
    details: &RunbookDetails,
    starter_key: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    tx.execute(
        "INSERT INTO runbooks (title, service_id, starter_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![details.title, details.service_id, starter_key, now],
    )?;
    let id = tx.last_insert_rowid();
    insert_steps(tx, id, &details.steps)?;
    Ok(id)
}

fn insert_steps(tx: &Connection, runbook_id: i64, steps: &[String]) -> CoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO runbook_steps (runbook_id, position, text) VALUES (?1, ?2, ?3)",
    )?;
    for (position, text) in steps.iter().enumerate() {
        stmt.execute(params![runbook_id, position as i64, text])?;
    }
    Ok(())
}
