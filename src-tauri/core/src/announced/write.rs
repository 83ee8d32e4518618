//! Planning an announced outage, changing it, removing it, and saying it did not happen:
//! each one transaction.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Transaction};

use super::{Announced, AnnouncedDetails, Outcome, LONGEST_MINUTES};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::AnnouncedField;
use crate::fields::{check_list_len, Problems, LINE_MAX};
use crate::store::Store;

impl Store {
    /// Checks what the owner wrote; `kept_start` is the start it had, which may stay as it
    /// is once passed (a slot extended while it runs).
    fn check_announced(
        &self,
        details: &AnnouncedDetails,
        kept_start: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> CoreResult<AnnouncedDetails> {
        check_list_len(AnnouncedField::ServiceIds, details.service_ids.len())?;
        let mut p = Problems::default();
        let start = details.starts_at;
        let ahead = start >= now - Duration::hours(1) && start <= now + Duration::days(366);
        if !ahead && kept_start != Some(start) {
            p.add(AnnouncedField::StartsAt, FieldProblem::NotAhead);
        }
        let label = p.text(AnnouncedField::Label, &details.label, LINE_MAX);
        let source = p.text(AnnouncedField::Source, &details.source, LINE_MAX);
        if details.expected_minutes == 0 {
            p.add(AnnouncedField::ExpectedMinutes, FieldProblem::NotPositive);
        } else if details.expected_minutes > LONGEST_MINUTES {
            p.add(
                AnnouncedField::ExpectedMinutes,
                FieldProblem::TooLarge {
                    max: LONGEST_MINUTES,
                },
            );
        }
        let known: Vec<i64> = self.list_services()?.iter().map(|s| s.id).collect();
        if details.service_ids.iter().any(|id| !known.contains(id)) {
            p.add(AnnouncedField::ServiceIds, FieldProblem::Unknown);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let mut service_ids = details.service_ids.clone();
        service_ids.sort_unstable();
        service_ids.dedup();
        Ok(AnnouncedDetails {
            label,
            source,
            service_ids,
            ..details.clone()
        })
    }

    /// Plans for an announced outage.
    pub fn create_announced(
        &mut self,
        details: &AnnouncedDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let details = self.check_announced(details, None, now)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO announced_outages (what, label, starts_at, expected_minutes, source,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                details.what.as_str(),
                details.label,
                details.starts_at,
                details.expected_minutes,
                details.source,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_services(&tx, id, &details.service_ids)?;
        tx.commit()?;
        self.announced(id, now)
    }

    /// Changes what is known of it (a new start time, a longer slot); what was ticked stays.
    pub fn update_announced(
        &mut self,
        id: i64,
        details: &AnnouncedDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let before = self.announced(id, now)?;
        let details = self.check_announced(details, Some(before.details.starts_at), now)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE announced_outages SET what = ?2, label = ?3, starts_at = ?4,
                expected_minutes = ?5, source = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                details.what.as_str(),
                details.label,
                details.starts_at,
                details.expected_minutes,
                details.source,
                now
            ],
        )?;
        tx.execute(
            "DELETE FROM announced_services WHERE announced_id = ?1",
            [id],
        )?;
        write_services(&tx, id, &details.service_ids)?;
        tx.commit()?;
        self.announced(id, now)
    }

    /// Removes it (cancelled by the provider, or planned by mistake).
    pub fn delete_announced(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let gone = tx.execute("DELETE FROM announced_outages WHERE id = ?1", [id])?;
        if gone == 0 {
            return Err(CoreError::NotFound(format!("announced outage {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// It did not happen: kept in the history as such, no more reminders.
    pub fn announced_did_not_happen(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let announced = self.announced(id, now)?;
        if !announced.is_pending() {
            return Ok(announced);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE announced_outages SET outcome = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, Outcome::DidNotHappen.as_str(), now],
        )?;
        tx.commit()?;
        self.announced(id, now)
    }
}

fn write_services(tx: &Transaction<'_>, id: i64, services: &[i64]) -> CoreResult<()> {
    for service in services {
        tx.execute(
            "INSERT OR IGNORE INTO announced_services (announced_id, service_id) VALUES (?1, ?2)",
            params![id, service],
        )?;
    }
    Ok(())
}
