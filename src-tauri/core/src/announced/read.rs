//! An announced outage read back whole: its services, its phases and what was ticked.

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;

use super::checklist::phase_items;
use super::phase::phase_at;
use super::{Announced, AnnouncedDetails, AnnouncedWhat, Outcome, Phase, PhasePlan};
use crate::business::Language;
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

impl Store {
    pub fn announced(&self, id: i64, now: DateTime<Utc>) -> CoreResult<Announced> {
        type Row = (
            String,
            String,
            DateTime<Utc>,
            u32,
            String,
            Option<String>,
            Option<i64>,
            DateTime<Utc>,
            DateTime<Utc>,
        );
        let row: Row = self
            .conn
            .query_row(
                "SELECT what, label, starts_at, expected_minutes, source, outcome, incident_id,
                    created_at, updated_at
                 FROM announced_outages WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("announced outage {id}")))?;
        let (
            what,
            label,
            starts_at,
            expected_minutes,
            source,
            outcome,
            incident_id,
            created,
            updated,
        ) = row;
        let what = AnnouncedWhat::parse_stored(&what)?;
        let outcome = outcome.as_deref().map(Outcome::parse_stored).transpose()?;
        let language = self.business()?.map_or(Language::En, |b| b.language);

        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name FROM announced_services a JOIN services s ON s.id = a.service_id
             WHERE a.announced_id = ?1 ORDER BY s.id",
        )?;
        let services: Vec<(i64, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item FROM announced_checks WHERE announced_id = ?1")?;
        let done: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;

        let ends_at = starts_at + Duration::minutes(i64::from(expected_minutes));
        let phases = Phase::ALL
            .iter()
            .map(|&phase| PhasePlan {
                phase,
                begins_at: phase.begins(starts_at, ends_at),
                items: phase_items(phase, language, &done),
            })
            .collect();
        Ok(Announced {
            id,
            title: if label.is_empty() {
                what.name(language).to_owned()
            } else {
                label.clone()
            },
            details: AnnouncedDetails {
                what,
                label,
                starts_at,
                expected_minutes,
                source,
                service_ids: services.iter().map(|(id, _)| *id).collect(),
            },
            ends_at,
            phase: phase_at(starts_at, ends_at, now),
            phases,
            services: services.into_iter().map(|(_, name)| name).collect(),
            outcome,
            incident_id,
            created_at: created,
            updated_at: updated,
        })
    }

    /// Every announced outage, the soonest to come first, then the past ones newest first.
    pub fn list_announced(&self, now: DateTime<Utc>) -> CoreResult<Vec<Announced>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM announced_outages
                 ORDER BY outcome IS NOT NULL, CASE WHEN outcome IS NULL THEN starts_at END,
                    starts_at DESC, id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.announced(id, now)).collect()
    }

    /// The announced outages still ahead of the owner (nothing decided yet), soonest first.
    pub fn pending_announced(&self, now: DateTime<Utc>) -> CoreResult<Vec<Announced>> {
        let mut all = self.list_announced(now)?;
        all.retain(Announced::is_pending);
        Ok(all)
    }
}
