//! An incident read back whole (services, calls, notices, workarounds, review, timeline,
//! checklist and recurrence), and the list of incidents.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, ToSql};

use super::checklist::checklist;
use super::severity::{assess, AffectedService, SeverityInputs};
use super::words::{event_text, reason_text};
use super::*;
use crate::business::Language;
use crate::error::{CoreError, CoreResult};
use crate::moments::{utc_at, utc_at_opt};
use crate::plan::services::{CustomersPer, Priority};
use crate::store::Store;

/// Customers reached: per-hour figures times the hours down, per-day figures times the days
/// (at least one hour or day); the largest over the services, as they share customers.
pub fn estimate_customers(
    services: &[IncidentService],
    expected_minutes: Option<u32>,
) -> Option<u32> {
    services
        .iter()
        .filter_map(|s| {
            let count = s.customers_affected?;
            let minutes = expected_minutes.unwrap_or(0);
            let periods = match s.customers_per {
                CustomersPer::Hour => minutes.div_ceil(60).max(1),
                CustomersPer::Day => minutes.div_ceil(1440).max(1),
            };
            Some(count.saturating_mul(periods))
        })
        .max()
}

pub(super) fn severity_inputs(
    services: &[IncidentService],
    something_else: &str,
    danger: bool,
    cause: Cause,
    expected_minutes: Option<u32>,
    elapsed_minutes: u32,
) -> SeverityInputs {
    SeverityInputs {
        services: services
            .iter()
            .map(|s| AffectedService {
                name: s.name.clone(),
                priority: s.priority,
                customer_facing: s.customer_facing,
                max_downtime_minutes: s.max_downtime_minutes,
            })
            .collect(),
        something_else: !something_else.is_empty(),
        danger,
        suspected_attack: cause == Cause::Attack,
        expected_minutes,
        elapsed_minutes,
    }
}

/// Minutes from `start` to `end`, never negative.
pub(super) fn minutes_between(start: DateTime<Utc>, end: DateTime<Utc>) -> u32 {
    u32::try_from((end - start).num_minutes().max(0)).unwrap_or(u32::MAX)
}

impl Store {
    /// The whole incident as of `now` (slipped ETAs and the next update depend on it).
    pub fn incident(&self, id: i64, now: DateTime<Utc>) -> CoreResult<Incident> {
        type Row = (
            DateTime<Utc>,
            String,
            String,
            String,
            bool,
            Option<u32>,
            Option<u32>,
            Option<String>,
            String,
            Option<DateTime<Utc>>,
            String,
            String,
            Option<DateTime<Utc>>,
            bool,
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT started_at, something_else, summary, cause, danger, customers_affected,
                        expected_minutes, severity_override, override_reason, resolved_at,
                        root_cause, could_recur, reviewed_at, drill
                 FROM incidents WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        utc_at(r, 0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        utc_at_opt(r, 9)?,
                        r.get(10)?,
                        r.get(11)?,
                        utc_at_opt(r, 12)?,
                        r.get(13)?,
                    ))
                },
            )
            .optional()?;
        let (
            started_at,
            something_else,
            summary,
            cause,
            danger,
            customers_affected,
            expected_minutes,
            severity_override,
            override_reason,
            resolved_at,
            root_cause,
            could_recur,
            reviewed_at,
            drill,
        ) = row.ok_or_else(|| CoreError::NotFound(format!("incident {id}")))?;
        let cause = Cause::parse_stored(&cause)?;
        let severity_override = severity_override
            .as_deref()
            .map(Severity::parse_stored)
            .transpose()?;

        let services = self.incident_services(id)?;
        let elapsed = minutes_between(started_at, resolved_at.unwrap_or(now));
        let assessment = assess(&severity_inputs(
            &services,
            &something_else,
            danger,
            cause,
            expected_minutes,
            elapsed,
        ));
        let severity = severity_override.unwrap_or(assessment.severity);
        let calls = self.calls(id, resolved_at.is_none(), now)?;
        let notices = self.sent_notices(id)?;
        let next_update_due = match (resolved_at, notices.last(), self.update_every(severity)?) {
            (None, Some(last), Some(every)) => {
                Some(last.sent_at + Duration::minutes(i64::from(every)))
            }
            _ => None,
        };
        let recurrence = self.recurrence(id, started_at, cause, &services, &calls)?;
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let reasons = assessment
            .reasons
            .iter()
            .map(|(level, why)| Reason {
                level: *level,
                text: reason_text(why, language, resolved_at.is_some()),
            })
            .collect();
        let ticked = self.linked_texts(
            "SELECT item FROM incident_checks WHERE incident_id = ?1 ORDER BY done_at, item",
            id,
        )?;
        let down = what_is_down(&services, &something_else);
        let mut incident = Incident {
            id,
            drill,
            started_at,
            title: title(&summary, &down),
            estimated_customers: estimate_customers(&services, expected_minutes),
            services,
            something_else,
            summary,
            cause,
            danger,
            customers_affected,
            expected_minutes,
            assessment,
            reasons,
            severity_override,
            override_reason,
            severity,
            calls,
            notices,
            activations: self.activations(id)?,
            next_update_due,
            resolved_at,
            root_cause,
            could_recur: CouldRecur::parse_stored(&could_recur)?,
            actions: self.prevention_actions(id)?,
            reviewed_at,
            timeline: self.timeline(id, language)?,
            recurrence,
            checklist: checklist(&ticked, language),
            next_step: Step::Assess,
        };
        incident.next_step = incident.suggested_step();
        Ok(incident)
    }

    /// The real outage still open, if any (the most recent one): a drill's incident is not
    /// an outage (see [`Store::open_drill`]).
    pub fn open_incident_id(&self) -> CoreResult<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM incidents WHERE resolved_at IS NULL AND drill = 0
                 ORDER BY started_at DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The newest incidents matching `filter` (at most `filter.limit`), with their severity
    /// as of `now`, and how many match in all.
    pub fn list_incidents(
        &self,
        filter: &IncidentFilter,
        now: DateTime<Utc>,
    ) -> CoreResult<IncidentPage> {
        // Filtered and counted in SQL; only the page's incidents are read, each with its
        // services (by index), never whole. Times are compared as times: an imported file
        // may write them as `2026-11-20T09:00:00Z` where Steady writes `… 09:00:00+00:00`.
        const MATCHES: &str = "FROM incidents i
             WHERE (?1 IS NULL OR (i.resolved_at IS NULL) = ?1)
               AND (?2 IS NULL OR i.cause = ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM incident_services s
                                          WHERE s.incident_id = i.id AND s.service_id = ?3))
               AND (?4 IS NULL OR julianday(i.started_at) >= julianday(?4))
               AND (?5 IS NULL OR julianday(i.started_at) <= julianday(?5))
               AND i.drill = ?6";
        let cause = filter.cause.map(Cause::as_str);
        let limit = filter.limit.map_or(-1, i64::from);
        let drills = filter.drills == Some(true);
        let matching: [&dyn ToSql; 6] = [
            &filter.open,
            &cause,
            &filter.service_id,
            &filter.from,
            &filter.to,
            &drills,
        ];
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {MATCHES}"))?
            .query_row(&matching[..], |r| r.get(0))?;
        let page: Vec<&dyn ToSql> = matching
            .iter()
            .copied()
            .chain([&limit as &dyn ToSql])
            .collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.id, i.started_at, i.resolved_at, i.something_else, i.summary, i.cause,
                    i.danger, i.expected_minutes, i.severity_override
             {MATCHES}
             ORDER BY i.started_at DESC, i.id DESC LIMIT ?7"
        ))?;
        type Row = (
            i64,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            String,
            String,
            String,
            bool,
            Option<u32>,
            Option<String>,
        );
        let rows = stmt
            .query_map(&page[..], |r| {
                Ok((
                    r.get(0)?,
                    utc_at(r, 1)?,
                    utc_at_opt(r, 2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<Result<Vec<Row>, _>>()?;
        let mut incidents = Vec::with_capacity(rows.len());
        for row in rows {
            let (
                id,
                started_at,
                resolved_at,
                something_else,
                summary,
                cause,
                danger,
                expected,
                by_hand,
            ) = row;
            let cause = Cause::parse_stored(&cause)?;
            let services = self.incident_services(id)?;
            let severity = match by_hand.as_deref().map(Severity::parse_stored).transpose()? {
                Some(severity) => severity,
                None => {
                    let elapsed = minutes_between(started_at, resolved_at.unwrap_or(now));
                    assess(&severity_inputs(
                        &services,
                        &something_else,
                        danger,
                        cause,
                        expected,
                        elapsed,
                    ))
                    .severity
                }
            };
            let down = what_is_down(&services, &something_else);
            incidents.push(IncidentSummary {
                id,
                drill: drills,
                started_at,
                resolved_at,
                title: title(&summary, &down),
                cause,
                severity,
                services: down,
            });
        }
        Ok(IncidentPage { incidents, total })
    }

    fn linked_texts(&self, sql: &str, id: i64) -> CoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    fn incident_services(&self, id: i64) -> CoreResult<Vec<IncidentService>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, service_id, name, priority, customer_facing, max_downtime_minutes,
                    customers_affected, customers_per, restored_at
             FROM incident_services WHERE incident_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, Option<u32>>(6)?,
                r.get::<_, String>(7)?,
                utc_at_opt(r, 8)?,
            ))
        })?;
        let mut services = Vec::new();
        for row in rows {
            let (id, service_id, name, priority, facing, tolerated, customers, per, restored) =
                row?;
            services.push(IncidentService {
                id,
                service_id,
                name,
                priority: Priority::parse_stored(&priority)?,
                customer_facing: facing,
                max_downtime_minutes: tolerated,
                customers_affected: customers,
                customers_per: CustomersPer::parse_stored(&per)?,
                restored_at: restored,
            });
        }
        Ok(services)
    }

    fn calls(&self, id: i64, open: bool, now: DateTime<Utc>) -> CoreResult<Vec<CallLogEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, contact_id, contact_name, called_at, ticket, spoke_to, eta, call_back_at, notes
             FROM calls WHERE incident_id = ?1 ORDER BY called_at, id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                let eta = utc_at_opt(r, 6)?;
                Ok(CallLogEntry {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    contact_name: r.get(2)?,
                    called_at: utc_at(r, 3)?,
                    ticket: r.get(4)?,
                    spoke_to: r.get(5)?,
                    eta,
                    call_back_at: utc_at_opt(r, 7)?,
                    notes: r.get(8)?,
                    eta_slipped: open && eta.is_some_and(|eta| eta < now),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn sent_notices(&self, id: i64) -> CoreResult<Vec<SentNotice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, sent_at, stage, channel, text FROM notices_sent WHERE incident_id = ?1
             ORDER BY sent_at, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, DateTime<Utc>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut notices = Vec::new();
        for row in rows {
            let (id, sent_at, stage, channel, text) = row?;
            notices.push(SentNotice {
                id,
                sent_at,
                stage: Stage::parse_stored(&stage)?,
                channel: Channel::parse_stored(&channel)?,
                text,
            });
        }
        Ok(notices)
    }

    fn activations(&self, id: i64) -> CoreResult<Vec<Activation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT workaround_id, title, activated_at FROM workaround_activations
             WHERE incident_id = ?1 ORDER BY activated_at, id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Activation {
                    workaround_id: r.get(0)?,
                    title: r.get(1)?,
                    activated_at: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn prevention_actions(&self, id: i64) -> CoreResult<Vec<PreventionAction>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, owner, due_on FROM prevention_actions WHERE incident_id = ?1 ORDER BY position",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(PreventionAction {
                    text: r.get(0)?,
                    owner: r.get(1)?,
                    due_on: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn timeline(&self, id: i64, language: Language) -> CoreResult<Vec<TimelineEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, kind, detail FROM incident_events WHERE incident_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, DateTime<Utc>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut events = Vec::new();
        for row in rows {
            let (id, at, kind, detail) = row?;
            let happened = super::timeline::read(&kind, &detail)?;
            events.push(TimelineEvent {
                id,
                at,
                text: event_text(&happened, language),
                happened,
            });
        }
        Ok(events)
    }
}
