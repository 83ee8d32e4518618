//! The thirteen things the owner does to an incident, each one transaction that also writes
//! its timeline event.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Transaction};

use super::read::{minutes_between, severity_inputs};
use super::severity::{assess, Severity};
use super::*;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::{
    AssessField, CallField, ChecklistField, NoteField, NoticeField, OverrideField, ResolveField,
    ReviewField, StartField,
};
use crate::fields::{check_list_len, Problems, LINE_MAX, NOTES_MAX};
use crate::plan::services::CriticalService;
use crate::store::Store;
use crate::vocabulary::unfilled_markers;

pub(crate) fn event(
    tx: &Transaction<'_>,
    incident: i64,
    at: DateTime<Utc>,
    happened: Happened,
) -> CoreResult<()> {
    super::timeline::record(tx, incident, at, &happened)
}

/// A start the owner asked for, checked: the services ticked, what else, and when.
pub(crate) struct CheckedStart {
    services: Vec<CriticalService>,
    something_else: String,
    started_at: DateTime<Utc>,
    /// A drill's title and speed when the incident is a drill's; `None`: a real outage.
    pub(crate) drill: Option<(String, crate::vocabulary::DrillSpeed)>,
}

/// Writes a checked start: the incident, the plan's view of each service then, and the
/// "started" event (a drill's own for a drill). A real outage stops any drill still open
/// (the real one always wins). Part of the caller's transaction.
pub(crate) fn insert_incident(
    tx: &Transaction<'_>,
    start: &CheckedStart,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    let CheckedStart {
        services,
        something_else,
        started_at,
        drill,
    } = start;
    if drill.is_none() {
        super::drill::stop_for_real(tx, now)?;
    }
    tx.execute(
        "INSERT INTO incidents (started_at, something_else, updated_at, drill)
         VALUES (?1, ?2, ?3, ?4)",
        params![started_at, something_else, now, drill.is_some()],
    )?;
    let id = tx.last_insert_rowid();
    for service in services {
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
        names.push(something_else);
    }
    let what = names.join(", ");
    let started = match drill {
        Some((title, speed)) => Happened::DrillStarted {
            title: title.clone(),
            what,
            speed: Some(*speed),
        },
        None => Happened::Started { what },
    };
    event(tx, id, *started_at, started)?;
    Ok(id)
}

impl Store {
    /// Checks a start against the plan: services that exist, something down, a start time
    /// between a week ago and now.
    pub(crate) fn check_start(
        &self,
        start: &IncidentStart,
        now: DateTime<Utc>,
    ) -> CoreResult<CheckedStart> {
        check_list_len(StartField::ServiceIds, start.service_ids.len())?;
        let mut p = Problems::default();
        let something_else = p.text(StartField::SomethingElse, &start.something_else, LINE_MAX);
        let services: Vec<CriticalService> = self
            .list_services()?
            .into_iter()
            .filter(|s| start.service_ids.contains(&s.id))
            .collect();
        if services.len() != start.service_ids.len() {
            p.add(StartField::ServiceIds, FieldProblem::Unknown);
        }
        if start.service_ids.is_empty() && something_else.is_empty() {
            p.add(StartField::ServiceIds, FieldProblem::Required);
        }
        let started_at = match start.started_at {
            None => now,
            Some(at) if at > now + Duration::minutes(1) || at < now - Duration::days(7) => {
                p.add(StartField::StartedAt, FieldProblem::NotRecent);
                now
            }
            Some(at) => at.min(now),
        };
        p.into_result().map_err(CoreError::Validation)?;
        Ok(CheckedStart {
            services,
            something_else,
            started_at,
            drill: None,
        })
    }

    /// Starts an incident for the services ticked (and/or something else).
    pub fn start_incident(
        &mut self,
        start: &IncidentStart,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let checked = self.check_start(start, now)?;
        let stopped = self.open_drill_summary()?;
        // Unchecked: see `confirm_restored`.
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_incident(&tx, &checked, now)?;
        // A drill the real outage stopped keeps what it found (the numbers that did not work).
        if let Some(drill) = stopped {
            self.record_drill_actions_in(&tx, drill.id, now)?;
        }
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
        let summary = p.text(AssessField::Summary, &input.summary, NOTES_MAX);
        if input.expected_minutes == Some(0) {
            p.add(AssessField::ExpectedMinutes, FieldProblem::NotPositive);
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
        event(&tx, id, now, Happened::Assessed)?;
        if after.severity != before.assessment.severity {
            event(
                &tx,
                id,
                now,
                Happened::SeverityChanged {
                    severity: after.severity,
                },
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
        let reason = p.text(OverrideField::Reason, reason, LINE_MAX);
        if severity.is_some() && reason.is_empty() {
            p.add(OverrideField::Reason, FieldProblem::Required);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incidents SET severity_override = ?2, override_reason = ?3 WHERE id = ?1",
            params![id, severity.map(Severity::as_str), reason],
        )?;
        event(
            &tx,
            id,
            now,
            Happened::SeverityOverridden { severity, reason },
        )?;
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
        let mut name = p.text(CallField::ContactName, &call.contact_name, LINE_MAX);
        if let Some(contact_id) = call.contact_id {
            match self.contact(contact_id) {
                Ok(contact) => name = contact.details.display_name().to_owned(),
                Err(_) => p.add(CallField::ContactId, FieldProblem::Unknown),
            }
        }
        if name.is_empty() && call.contact_id.is_none() {
            p.add(CallField::ContactName, FieldProblem::Required);
        }
        let ticket = p.text(CallField::Ticket, &call.ticket, LINE_MAX);
        let spoke_to = p.text(CallField::SpokeTo, &call.spoke_to, LINE_MAX);
        let notes = p.text(CallField::Notes, &call.notes, NOTES_MAX);
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
        event(
            &tx,
            id,
            now,
            Happened::CallLogged {
                contact: name,
                ticket,
            },
        )?;
        tx.commit()?;
        self.incident(id, now)
    }

    pub fn record_notice(
        &mut self,
        id: i64,
        notice: &NoticeInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        let mut p = Problems::default();
        // A drill's notice is recorded only inside the drill, and always says it is one.
        let marked;
        let sent = if incident.drill && !notice.text.contains(crate::vocabulary::NOTICE_MARK) {
            marked = format!(
                "{} — {}",
                crate::vocabulary::NOTICE_MARK,
                notice.text.trim_start()
            );
            &marked
        } else {
            &notice.text
        };
        // The whole notice as sent: an email's subject, a blank line and its body.
        let text = p.text(NoticeField::Text, sent, crate::fields::NOTICE_TEXT_MAX);
        if text.is_empty() {
            p.add(NoticeField::Text, FieldProblem::Required);
        } else if !unfilled_markers(&text).is_empty() {
            p.add(NoticeField::Text, FieldProblem::Unfilled);
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
            Happened::NoticeSent {
                stage: notice.stage,
                channel: notice.channel,
            },
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
            Happened::WorkaroundActivated {
                title: workaround.details.title.clone(),
            },
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
        let not_safe = self.not_safe(id)?;
        // Unchecked: a drill ended here has its findings read through the store inside it
        // (see `Store::record_actions_of_ended_drill`).
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE incident_services SET restored_at = ?2 WHERE id = ?1",
            params![incident_service_id, now],
        )?;
        event(
            &tx,
            id,
            now,
            Happened::ServiceRestored {
                service: service.name.clone(),
            },
        )?;
        let open: i64 = tx.query_row(
            "SELECT count(*) FROM incident_services WHERE incident_id = ?1 AND restored_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        // Something outside the plan is confirmed by the owner resolving it by hand; so is a
        // danger outage while someone is not marked safe.
        if open == 0 && incident.something_else.is_empty() && not_safe.is_empty() {
            tx.execute(
                "UPDATE incidents SET resolved_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            super::drill::end_on_resolve(&tx, id, now)?;
            event(&tx, id, now, Happened::Resolved)?;
        }
        self.record_actions_of_ended_drill(&tx, id, now)?;
        tx.commit()?;
        self.incident(id, now)
    }

    /// Resolves an incident that had only "something else" down (nothing to confirm one by
    /// one), or whose services are all confirmed. A danger outage is refused while someone on
    /// the team is not marked safe (see [`Store::resolve_incident_overriding`]).
    pub fn resolve_incident(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Incident> {
        self.resolve_incident_overriding(id, false, now)
    }

    /// Resolves an incident as [`Store::resolve_incident`]; with `not_safe_override`, the
    /// owner resolves a danger outage though some people are not marked safe, and the
    /// timeline names them.
    pub fn resolve_incident_overriding(
        &mut self,
        id: i64,
        not_safe_override: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<Incident> {
        let incident = self.incident(id, now)?;
        if incident.resolved_at.is_some() {
            return Ok(incident);
        }
        if incident.services.iter().any(|s| s.restored_at.is_none()) {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                ResolveField::Services,
                FieldProblem::Required,
            )]));
        }
        let not_safe = self.not_safe(id)?;
        if !not_safe.is_empty() && !not_safe_override {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                ResolveField::Team,
                FieldProblem::NotSafe { names: not_safe },
            )]));
        }
        // Unchecked: see `confirm_restored`.
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE incidents SET resolved_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        // A drill resolved through the outage mode ends as resolved.
        super::drill::end_on_resolve(&tx, id, now)?;
        if !not_safe.is_empty() {
            event(
                &tx,
                id,
                now,
                Happened::ResolvedNotAllSafe { names: not_safe },
            )?;
        }
        event(&tx, id, now, Happened::Resolved)?;
        // A drill's findings, from the drill as it ended (see `drills::actions`).
        self.record_actions_of_ended_drill(&tx, id, now)?;
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
        if incident.drill {
            // A drill is over once its outage is resolved: it is run again, not reopened.
            let mut p = Problems::default();
            p.add(crate::field_paths::DrillField::Id, FieldProblem::Ended);
            p.into_result().map_err(CoreError::Validation)?;
        }
        // A real outage open again comes before any drill, as one just started does.
        let stopped = self.open_drill_summary()?;
        // Unchecked: see `confirm_restored`.
        let tx = self.conn.unchecked_transaction()?;
        super::drill::stop_for_real(&tx, now)?;
        tx.execute(
            "UPDATE incidents SET resolved_at = NULL WHERE id = ?1",
            [id],
        )?;
        tx.execute(
            "UPDATE incident_services SET restored_at = NULL WHERE incident_id = ?1",
            [id],
        )?;
        event(&tx, id, now, Happened::Reopened)?;
        if let Some(drill) = stopped {
            self.record_drill_actions_in(&tx, drill.id, now)?;
        }
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
        check_list_len(ReviewField::Actions, review.actions.len())?;
        let mut p = Problems::default();
        let root_cause = p.text(ReviewField::RootCause, &review.root_cause, NOTES_MAX);
        let mut actions = Vec::new();
        for (i, action) in review.actions.iter().enumerate() {
            let text = p.text(ReviewField::ActionText(i), &action.text, LINE_MAX);
            let owner = p.text(ReviewField::ActionOwner(i), &action.owner, LINE_MAX);
            if text.is_empty() && (!owner.is_empty() || action.due_on.is_some()) {
                p.add(ReviewField::ActionText(i), FieldProblem::Required);
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
        event(&tx, id, now, Happened::Reviewed)?;
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
        if !super::checklist::is_item(item) {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                ChecklistField::Item,
                FieldProblem::Unknown,
            )]));
        }
        if incident.checklist.iter().any(|c| c.key == item && c.done) == done {
            return Ok(incident);
        }
        let tx = self.conn.transaction()?;
        if done {
            tx.execute(
                "INSERT INTO incident_checks (incident_id, item, done_at) VALUES (?1, ?2, ?3)",
                params![id, item, now],
            )?;
            event(&tx, id, now, Happened::Checked { item: item.into() })?;
        } else {
            tx.execute(
                "DELETE FROM incident_checks WHERE incident_id = ?1 AND item = ?2",
                params![id, item],
            )?;
            event(&tx, id, now, Happened::Unchecked { item: item.into() })?;
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
        let text = p.text(NoteField::Text, text, NOTES_MAX);
        if text.is_empty() {
            p.add(NoteField::Text, FieldProblem::Required);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        event(&tx, id, now, Happened::Note { text })?;
        tx.commit()?;
        self.incident(id, now)
    }
}
