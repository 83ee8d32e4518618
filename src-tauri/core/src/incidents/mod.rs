//! Outage mode: one incident from "something's down" to "fixed and understood". Every action
//! writes exactly one timeline event in the same transaction, so the incident report can be
//! trusted as a record.

pub mod severity;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::fields::{check_list_len, Problems, LINE_MAX, NOTES_MAX};
use crate::plan::services::{CriticalService, CustomersPer, Priority};
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::{unfilled_markers, Channel, Stage};
pub use crate::vocabulary::{Cause, CouldRecur};
use severity::{assess, AffectedService, Assessment, Severity, SeverityInputs};

/// How far back "it happened before" looks.
pub const RECURRENCE_DAYS: i64 = 90;

text_enum! {
    /// What a timeline entry records.
    pub enum EventKind {
        Started = "started",
        Assessed = "assessed",
        SeverityChanged = "severity_changed",
        SeverityOverridden = "severity_overridden",
        CallLogged = "call_logged",
        NoticeSent = "notice_sent",
        WorkaroundActivated = "workaround_activated",
        ServiceRestored = "service_restored",
        Resolved = "resolved",
        Reopened = "reopened",
        Reviewed = "reviewed",
        Note = "note",
        Checked = "checked",
        Unchecked = "unchecked",
    }
}

/// What the owner ticks to start an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentStart {
    #[ts(type = "number[]")]
    pub service_ids: Vec<i64>,
    /// A free label for something down that is not in the plan.
    pub something_else: String,
}

/// The answers of the Assess step; each can wait until after the first notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessInput {
    /// What failed, in the owner's words.
    pub summary: String,
    pub cause: Cause,
    pub danger: bool,
    /// The owner's own figure; `None` uses the plan's estimate.
    pub customers_affected: Option<u32>,
    /// `None`: unknown yet.
    pub expected_minutes: Option<u32>,
}

// `text_enum!` derives a fixed list, so the default variants are chosen here.

/// An affected service, with what the plan said of it when the incident started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentService {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    pub name: String,
    pub priority: Priority,
    pub customer_facing: bool,
    pub max_downtime_minutes: u32,
    pub customers_affected: Option<u32>,
    pub customers_per: CustomersPer,
    pub restored_at: Option<DateTime<Utc>>,
}

/// What the owner writes after a call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallInput {
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    /// Who was called when it is not a saved contact.
    pub contact_name: String,
    pub ticket: String,
    pub spoke_to: String,
    /// When the provider said it would be fixed.
    pub eta: Option<DateTime<Utc>>,
    /// When to call them back.
    pub call_back_at: Option<DateTime<Utc>>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallLogEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    pub contact_name: String,
    pub called_at: DateTime<Utc>,
    pub ticket: String,
    pub spoke_to: String,
    pub eta: Option<DateTime<Utc>>,
    pub call_back_at: Option<DateTime<Utc>>,
    pub notes: String,
    /// The promised ETA has passed while the incident is still open.
    pub eta_slipped: bool,
}

/// A notice the owner sent to customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeInput {
    pub stage: Stage,
    pub channel: Channel,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SentNotice {
    #[ts(type = "number")]
    pub id: i64,
    pub sent_at: DateTime<Utc>,
    pub stage: Stage,
    pub channel: Channel,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Activation {
    #[ts(type = "number | null")]
    pub workaround_id: Option<i64>,
    pub title: String,
    pub activated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreventionAction {
    pub text: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    /// Internal only: never put in a customer notice.
    pub root_cause: String,
    pub could_recur: CouldRecur,
    pub actions: Vec<PreventionAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    #[ts(type = "number")]
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// The event's particulars (a service name, a ticket, the note's text).
    pub detail: String,
}

/// Past incidents like this one, so the owner sees a pattern ("third internet outage in 90
/// days") and can decide to change provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recurrence {
    pub days: u32,
    /// Earlier incidents with the same (known) cause in the window.
    pub same_cause: u32,
    /// For each affected service, earlier incidents that affected it too.
    pub same_service: Vec<(String, u32)>,
    /// For each provider called, earlier incidents in which they were called too.
    pub same_provider: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    #[ts(type = "number")]
    pub id: i64,
    pub started_at: DateTime<Utc>,
    pub services: Vec<IncidentService>,
    pub something_else: String,
    pub summary: String,
    pub cause: Cause,
    pub danger: bool,
    pub customers_affected: Option<u32>,
    /// The plan's estimate from the services' customer figures and the expected duration.
    pub estimated_customers: Option<u32>,
    pub expected_minutes: Option<u32>,
    /// What the plan says.
    pub assessment: Assessment,
    pub severity_override: Option<Severity>,
    pub override_reason: String,
    /// The override when there is one, else the assessment.
    pub severity: Severity,
    pub calls: Vec<CallLogEntry>,
    pub notices: Vec<SentNotice>,
    pub activations: Vec<Activation>,
    /// When the next customer update is due, by the severity's cadence.
    pub next_update_due: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub root_cause: String,
    pub could_recur: CouldRecur,
    pub actions: Vec<PreventionAction>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub timeline: Vec<TimelineEvent>,
    pub recurrence: Recurrence,
    /// The checklist items ticked, by key (`call.ticket`).
    pub checks: Vec<String>,
}

/// One line of the incident history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub started_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub title: String,
    pub cause: Cause,
    pub severity: Severity,
    pub services: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentFilter {
    /// `Some(true)`: open only; `Some(false)`: resolved only.
    pub open: Option<bool>,
    pub cause: Option<Cause>,
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

fn event(
    tx: &Transaction<'_>,
    incident: i64,
    at: DateTime<Utc>,
    kind: EventKind,
    detail: &str,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO incident_events (incident_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        params![incident, at, kind.as_str(), detail],
    )?;
    tx.execute(
        "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
        params![incident, at],
    )?;
    Ok(())
}

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

fn severity_inputs(
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
fn minutes_between(start: DateTime<Utc>, end: DateTime<Utc>) -> u32 {
    u32::try_from((end - start).num_minutes().max(0)).unwrap_or(u32::MAX)
}

impl Store {
    /// Starts an incident for the services ticked (and/or something else).
    pub fn start_incident(
        &mut self,
        start: &IncidentStart,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        check_list_len("serviceIds", start.service_ids.len())?;
        let mut p = Problems::default();
        let something_else = p.text("somethingElse", &start.something_else, LINE_MAX);
        let services: Vec<CriticalService> = self
            .list_services()?
            .into_iter()
            .filter(|s| start.service_ids.contains(&s.id))
            .collect();
        if services.len() != start.service_ids.len() {
            p.add("serviceIds", FieldProblem::Unknown);
        }
        if start.service_ids.is_empty() && something_else.is_empty() {
            p.add("serviceIds", FieldProblem::Required);
        }
        p.into_result().map_err(CoreError::Validation)?;

        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO incidents (started_at, something_else, updated_at) VALUES (?1, ?2, ?1)",
            params![now, something_else],
        )?;
        let id = tx.last_insert_rowid();
        for service in &services {
            let d = &service.details;
            tx.execute(
                "INSERT INTO incident_services (incident_id, service_id, name, priority,
                    customer_facing, max_downtime_minutes, customers_affected, customers_per)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    service.id,
                    d.name,
                    d.priority.as_str(),
                    d.customer_facing,
                    d.max_downtime_minutes,
                    d.customers_affected,
                    d.customers_per.as_str()
                ],
            )?;
        }
        let mut names: Vec<&str> = services.iter().map(|s| s.details.name.as_str()).collect();
        if !something_else.is_empty() {
            names.push(&something_else);
        }
        event(&tx, id, now, EventKind::Started, &names.join(", "))?;
        tx.commit()?;
        self.incident(id, now)
    }

    /// Records the Assess answers; the severity is computed again from them, and a change
    /// of level is logged in the same transaction.
    pub fn assess_incident(
        &mut self,
        id: i64,
        input: &AssessInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let before = self.incident(id, now)?;
        let mut p = Problems::default();
        let summary = p.text("summary", &input.summary, NOTES_MAX);
        if input.expected_minutes == Some(0) {
            p.add("expectedMinutes", FieldProblem::NotPositive);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let elapsed = minutes_between(before.started_at, before.resolved_at.unwrap_or(now));
        let after = assess(&severity_inputs(
            &before.services,
            &before.something_else,
            input.danger,
            input.cause,
            input.expected_minutes,
            elapsed,
        ));

        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET summary = ?2, cause = ?3, danger = ?4, customers_affected = ?5,
                expected_minutes = ?6 WHERE id = ?1",
            params![
                id,
                summary,
                input.cause.as_str(),
                input.danger,
                input.customers_affected,
                input.expected_minutes
            ],
        )?;
        event(&tx, id, now, EventKind::Assessed, "")?;
        if after.severity != before.assessment.severity {
            event(
                &tx,
                id,
                now,
                EventKind::SeverityChanged,
                after.severity.as_str(),
            )?;
        }
        tx.commit()?;
        self.incident(id, now)
    }

    /// Sets (or, with `None`, removes) the owner's own severity; both it and the computed one
    /// are kept.
    pub fn override_severity(
        &mut self,
        id: i64,
        severity: Option<Severity>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        let mut p = Problems::default();
        let reason = p.text("overrideReason", reason, LINE_MAX);
        if severity.is_some() && reason.is_empty() {
            p.add("overrideReason", FieldProblem::Required);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET severity_override = ?2, override_reason = ?3 WHERE id = ?1",
            params![id, severity.map(Severity::as_str), reason],
        )?;
        let detail = match severity {
            Some(level) => format!("{}: {reason}", level.as_str()),
            None => String::new(),
        };
        event(&tx, id, now, EventKind::SeverityOverridden, &detail)?;
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn log_call(
        &mut self,
        id: i64,
        call: &CallInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        let mut p = Problems::default();
        let mut name = p.text("contactName", &call.contact_name, LINE_MAX);
        if let Some(contact_id) = call.contact_id {
            match self.contact(contact_id) {
                Ok(contact) => name = contact.details.display_name().to_owned(),
                Err(_) => p.add("contactId", FieldProblem::Unknown),
            }
        }
        if name.is_empty() && call.contact_id.is_none() {
            p.add("contactName", FieldProblem::Required);
        }
        let ticket = p.text("ticket", &call.ticket, LINE_MAX);
        let spoke_to = p.text("spokeTo", &call.spoke_to, LINE_MAX);
        let notes = p.text("notes", &call.notes, NOTES_MAX);
        p.into_result().map_err(CoreError::Validation)?;

        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO calls (incident_id, contact_id, contact_name, called_at, ticket, spoke_to,
                eta, call_back_at, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                call.contact_id,
                name,
                now,
                ticket,
                spoke_to,
                call.eta,
                call.call_back_at,
                notes
            ],
        )?;
        let detail = if ticket.is_empty() {
            name
        } else {
            format!("{name} · {ticket}")
        };
        event(&tx, id, now, EventKind::CallLogged, &detail)?;
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn record_notice(
        &mut self,
        id: i64,
        notice: &NoticeInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        let mut p = Problems::default();
        let text = p.text("text", &notice.text, NOTES_MAX);
        if text.is_empty() {
            p.add("text", FieldProblem::Required);
        } else if !unfilled_markers(&text).is_empty() {
            p.add("text", FieldProblem::Unfilled);
        }
        let (stage, channel) = (notice.stage.as_str(), notice.channel.as_str());
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO notices_sent (incident_id, sent_at, stage, channel, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, now, stage, channel, text],
        )?;
        event(
            &tx,
            id,
            now,
            EventKind::NoticeSent,
            &format!("{stage} · {channel}"),
        )?;
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn activate_workaround(
        &mut self,
        id: i64,
        workaround_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        let workaround = self.workaround(workaround_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO workaround_activations (incident_id, workaround_id, title, activated_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, workaround_id, workaround.details.title, now],
        )?;
        event(
            &tx,
            id,
            now,
            EventKind::WorkaroundActivated,
            &workaround.details.title,
        )?;
        tx.commit()?;
        self.incident(id, now)
    }

    /// Confirms one affected service works again. The incident is resolved when the last
    /// one is confirmed — and only then.
    pub fn confirm_restored(
        &mut self,
        id: i64,
        incident_service_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        let service = incident
            .services
            .iter()
            .find(|s| s.id == incident_service_id)
            .ok_or_else(|| {
                CoreError::NotFound(format!("affected service {incident_service_id}"))
            })?;
        if service.restored_at.is_some() {
            return Ok(incident);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incident_services SET restored_at = ?2 WHERE id = ?1",
            params![incident_service_id, now],
        )?;
        event(&tx, id, now, EventKind::ServiceRestored, &service.name)?;
        let open: i64 = tx.query_row(
            "SELECT count(*) FROM incident_services WHERE incident_id = ?1 AND restored_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        // Something outside the plan is confirmed by the owner resolving it by hand.
        if open == 0 && incident.something_else.is_empty() {
            tx.execute(
                "UPDATE incidents SET resolved_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            event(&tx, id, now, EventKind::Resolved, "")?;
        }
        tx.commit()?;
        self.incident(id, now)
    }

    /// Resolves an incident that had only "something else" down (nothing to confirm one by
    /// one), or whose services are all confirmed.
    pub fn resolve_incident(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        if incident.resolved_at.is_some() {
            return Ok(incident);
        }
        if incident.services.iter().any(|s| s.restored_at.is_none()) {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                "services",
                FieldProblem::Required,
            )]));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET resolved_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        event(&tx, id, now, EventKind::Resolved, "")?;
        tx.commit()?;
        self.incident(id, now)
    }

    /// Reopens a resolved incident that broke again: every service is down again until
    /// confirmed, and the timeline says so. Reopening an open incident changes nothing.
    pub fn reopen_incident(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        if incident.resolved_at.is_none() {
            return Ok(incident);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET resolved_at = NULL WHERE id = ?1",
            [id],
        )?;
        tx.execute(
            "UPDATE incident_services SET restored_at = NULL WHERE incident_id = ?1",
            [id],
        )?;
        event(&tx, id, now, EventKind::Reopened, "")?;
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn save_review(
        &mut self,
        id: i64,
        review: &ReviewInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        check_list_len("actions", review.actions.len())?;
        let mut p = Problems::default();
        let root_cause = p.text("rootCause", &review.root_cause, NOTES_MAX);
        let mut actions = Vec::new();
        for (i, action) in review.actions.iter().enumerate() {
            let text = p.text(&format!("actions.{i}.text"), &action.text, LINE_MAX);
            let owner = p.text(&format!("actions.{i}.owner"), &action.owner, LINE_MAX);
            if text.is_empty() && (!owner.is_empty() || action.due_on.is_some()) {
                p.add(format!("actions.{i}.text"), FieldProblem::Required);
            }
            if !text.is_empty() {
                actions.push(PreventionAction {
                    text,
                    owner,
                    due_on: action.due_on,
                });
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET root_cause = ?2, could_recur = ?3, reviewed_at = ?4 WHERE id = ?1",
            params![id, root_cause, review.could_recur.as_str(), now],
        )?;
        tx.execute(
            "DELETE FROM prevention_actions WHERE incident_id = ?1",
            [id],
        )?;
        for (position, action) in actions.iter().enumerate() {
            tx.execute(
                "INSERT INTO prevention_actions (incident_id, position, text, owner, due_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id,
                    position as i64,
                    action.text,
                    action.owner,
                    action.due_on
                ],
            )?;
        }
        event(&tx, id, now, EventKind::Reviewed, "")?;
        tx.commit()?;
        self.incident(id, now)
    }

    /// Ticks (or unticks) one item of a step's checklist. The items themselves are the UI's
    /// words; the core keeps their keys.
    pub fn tick_check(
        &mut self,
        id: i64,
        item: &str,
        done: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        let valid = !item.is_empty()
            && item.len() <= 60
            && item
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
        if !valid {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                "item",
                FieldProblem::Unknown,
            )]));
        }
        if incident.checks.iter().any(|c| c == item) == done {
            return Ok(incident);
        }
        let tx = self.conn.transaction()?;
        if done {
            tx.execute(
                "INSERT INTO incident_checks (incident_id, item, done_at) VALUES (?1, ?2, ?3)",
                params![id, item, now],
            )?;
            event(&tx, id, now, EventKind::Checked, item)?;
        } else {
            tx.execute(
                "DELETE FROM incident_checks WHERE incident_id = ?1 AND item = ?2",
                params![id, item],
            )?;
            event(&tx, id, now, EventKind::Unchecked, item)?;
        }
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn add_incident_note(
        &mut self,
        id: i64,
        text: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        self.incident(id, now)?;
        let mut p = Problems::default();
        let text = p.text("text", text, NOTES_MAX);
        if text.is_empty() {
            p.add("text", FieldProblem::Required);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        event(&tx, id, now, EventKind::Note, &text)?;
        tx.commit()?;
        self.incident(id, now)
    }

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
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT started_at, something_else, summary, cause, danger, customers_affected,
                        expected_minutes, severity_override, override_reason, resolved_at,
                        root_cause, could_recur, reviewed_at
                 FROM incidents WHERE id = ?1",
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
                        r.get(9)?,
                        r.get(10)?,
                        r.get(11)?,
                        r.get(12)?,
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
        Ok(Incident {
            id,
            started_at,
            estimated_customers: estimate_customers(&services, expected_minutes),
            services,
            something_else,
            summary,
            cause,
            danger,
            customers_affected,
            expected_minutes,
            assessment,
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
            timeline: self.timeline(id)?,
            recurrence,
            checks: self.linked_texts(
                "SELECT item FROM incident_checks WHERE incident_id = ?1 ORDER BY done_at, item",
                id,
            )?,
        })
    }

    /// The incident still open, if any (the most recent one).
    pub fn open_incident_id(&self) -> CoreResult<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM incidents WHERE resolved_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn list_incidents(
        &self,
        filter: &IncidentFilter,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<IncidentSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM incidents ORDER BY started_at DESC, id DESC")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        let mut out = Vec::new();
        for id in ids {
            let incident = self.incident(id, now)?;
            let keep = filter
                .open
                .is_none_or(|open| open == incident.resolved_at.is_none())
                && filter.cause.is_none_or(|c| c == incident.cause)
                && filter
                    .service_id
                    .is_none_or(|s| incident.services.iter().any(|i| i.service_id == Some(s)))
                && filter.from.is_none_or(|from| incident.started_at >= from)
                && filter.to.is_none_or(|to| incident.started_at <= to);
            if keep {
                let mut names: Vec<String> =
                    incident.services.iter().map(|s| s.name.clone()).collect();
                if !incident.something_else.is_empty() {
                    names.push(incident.something_else.clone());
                }
                out.push(IncidentSummary {
                    id,
                    started_at: incident.started_at,
                    resolved_at: incident.resolved_at,
                    title: if incident.summary.is_empty() {
                        names.join(", ")
                    } else {
                        incident.summary.clone()
                    },
                    cause: incident.cause,
                    severity: incident.severity,
                    services: names,
                });
            }
        }
        Ok(out)
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
                r.get::<_, Option<DateTime<Utc>>>(8)?,
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
                let eta: Option<DateTime<Utc>> = r.get(6)?;
                Ok(CallLogEntry {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    contact_name: r.get(2)?,
                    called_at: r.get(3)?,
                    ticket: r.get(4)?,
                    spoke_to: r.get(5)?,
                    eta,
                    call_back_at: r.get(7)?,
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

    fn timeline(&self, id: i64) -> CoreResult<Vec<TimelineEvent>> {
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
            events.push(TimelineEvent {
                id,
                at,
                kind: EventKind::parse_stored(&kind)?,
                detail,
            });
        }
        Ok(events)
    }

    fn recurrence(
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
        let window = "i.id != ?1 AND i.started_at >= ?2 AND i.started_at <= ?3";
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
