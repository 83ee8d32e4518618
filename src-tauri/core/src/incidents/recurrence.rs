//! "It happened before": the incidents of the last [`RECURRENCE_DAYS`] days that share a
//! service or a cause with this one.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

use super::*;
use crate::error::CoreResult;
use crate::store::Store;

impl Store {
    pub(super) fn recurrence(
        &self,
        id: i64,
        started_at: DateTime<Utc>,
        cause: Cause,
        services: &[IncidentService],
        calls: &[CallLogEntry],
    ) -> CoreResult<Recurrence> {
        let since = started_at - Duration::days(RECURRENCE_DAYS);
        let count = |sql: &str, key: &dyn rusqlite::ToSql| -> CoreResult<u32> {
            let n: i64 = self
                .conn
                .query_row(sql, params![id, since, started_at, key], |r| r.get(0))?;
            Ok(u32::try_from(n).unwrap_or(0))
        };
        // Drills never count: a rehearsal is not a pattern of outages.
        let window = "i.id != ?1 AND i.drill = 0 AND i.started_at >= ?2 AND i.started_at <= ?3";
        let same_cause = if cause == Cause::Unknown {
            0
        } else {
            count(
                &format!("SELECT count(*) FROM incidents i WHERE {window} AND i.cause = ?4"),
                &cause.as_str(),
            )?
        };
        let mut same_service = Vec::new();
        for service in services {
            if let Some(service_id) = service.service_id {
                let n = count(
                    &format!(
                        "SELECT count(DISTINCT i.id) FROM incidents i JOIN incident_services s
                         ON s.incident_id = i.id WHERE {window} AND s.service_id = ?4"
                    ),
                    &service_id,
                )?;
                if n > 0 {
                    same_service.push((service.name.clone(), n));
                }
            }
        }
        let mut same_provider = Vec::new();
        let mut seen = Vec::new();
        for call in calls {
            let Some(contact_id) = call.contact_id else {
                continue;
            };
            if seen.contains(&contact_id) {
                continue;
            }
            seen.push(contact_id);
            let n = count(
                &format!(
                    "SELECT count(DISTINCT i.id) FROM incidents i JOIN calls c ON c.incident_id = i.id
                     WHERE {window} AND c.contact_id = ?4"
                ),
                &contact_id,
            )?;
            if n > 0 {
                same_provider.push((call.contact_name.clone(), n));
            }
        }
        Ok(Recurrence {
            days: RECURRENCE_DAYS as u32,
            same_cause,
            same_service,
            same_provider,
        })
    }
}
