//! Notices for a real incident: the facts gathered from it and the plan, and the check of
//! what the owner wrote against everything that must not reach customers.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::disclosure::{check, DisclosureContext, Warning};
use super::length::{measure, LengthReport};
use super::{names_as_written, render, unfilled_markers, Channel, Draft, NoticeFacts, Stage};
use crate::business::Language;
use crate::contacts::ContactKind;
use crate::error::{CoreError, CoreResult};
use crate::field_paths::NoticeCheckField;
use crate::incidents::Incident;
use crate::starter::placeholder_names;
use crate::store::Store;
use crate::vocabulary::Clock;

/// What the composer shows beside a text: its length on the channel, the disclosure
/// warnings, and the markers still to fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeCheck {
    pub length: LengthReport,
    pub warnings: Vec<Warning>,
    pub unfilled: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeDraft {
    pub draft: Draft,
    pub check: NoticeCheck,
}

impl Store {
    fn notice_facts(
        &self,
        incident: &Incident,
        language: Language,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> CoreResult<NoticeFacts> {
        let business = self
            .business()?
            .ok_or_else(|| CoreError::NotFound("business".into()))?;
        let services = self.list_services()?;
        let affected: Vec<_> = services
            .iter()
            .filter(|s| incident.services.iter().any(|i| i.service_id == Some(s.id)))
            .collect();
        let mut what: Vec<String> = incident.services.iter().map(|s| s.name.clone()).collect();
        if !incident.something_else.is_empty() {
            what.push(incident.something_else.clone());
        }
        // What customers can do: a workaround in use, else one from the plan that does not
        // itself depend on something down — never a promise that may fail too.
        let down_ids: Vec<i64> = affected.iter().map(|s| s.id).collect();
        let down_contacts: Vec<i64> = affected
            .iter()
            .flat_map(|s| s.details.contact_ids.clone())
            .collect();
        let safe = |w: &crate::plan::services::Workaround| {
            w.details.works_without(&down_ids, &down_contacts)
        };
        let activated = incident
            .activations
            .iter()
            .filter_map(|a| a.workaround_id)
            .filter_map(|id| self.workaround(id).ok());
        let planned = affected
            .iter()
            .flat_map(|s| s.workarounds.iter().cloned())
            .filter(|w| safe(w));
        let workaround = activated
            .chain(planned)
            .map(|w| w.details.customer_message)
            .find(|m| !m.is_empty());
        let every = self.update_every(incident.severity)?;
        let next_update = incident
            .next_update_due
            .or_else(|| every.map(|every| now + Duration::minutes(i64::from(every))))
            .map(|at| Clock::of(business.country, language).time(at.with_timezone(&offset)));
        Ok(NoticeFacts {
            business: business.name,
            what,
            severity: incident.severity,
            customers_affected: incident.customers_affected.or(incident.estimated_customers),
            expected_minutes: incident.expected_minutes,
            workaround,
            next_update,
            could_recur: incident.could_recur,
            when: None,
        })
    }

    /// What a notice about `incident_id` must not give away: the business's name (never
    /// flagged), the providers, staff, account and ticket numbers and the root cause. Read
    /// with a few small queries, so the check of each keystroke never reads a whole incident.
    pub fn disclosure_context(&self, incident_id: i64) -> CoreResult<DisclosureContext> {
        let root_cause: String = self
            .conn
            .query_row(
                "SELECT root_cause FROM incidents WHERE id = ?1",
                [incident_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("incident {incident_id}")))?;
        let mut context = self.plan_disclosure_context()?;
        context.root_cause = root_cause;
        let mut tickets = self.conn.prepare_cached(
            "SELECT ticket FROM calls WHERE incident_id = ?1 AND ticket <> '' ORDER BY called_at, id",
        )?;
        for ticket in tickets.query_map([incident_id], |r| r.get::<_, String>(0))? {
            context.identifiers.push(ticket?);
        }
        // An outage that was announced keeps the owner's notes about it internal too.
        let mut announced = self
            .conn
            .prepare_cached("SELECT label, source FROM announced_outages WHERE incident_id = ?1")?;
        let notes = announced.query_map([incident_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for note in notes {
            let (label, source) = note?;
            context.announced_by.push(source.clone());
            context.internal_notes.extend([label, source]);
        }
        if !context.internal_notes.is_empty() {
            // What is down, as Steady writes it into the notice, is Steady's wording.
            let mut down = self.conn.prepare_cached(
                "SELECT name FROM incident_services WHERE incident_id = ?1
                 UNION ALL SELECT something_else FROM incidents
                 WHERE id = ?1 AND something_else <> ''",
            )?;
            let names = down
                .query_map([incident_id], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            context.filled = names_as_written(&names);
        }
        Ok(context)
    }

    /// What any notice must not give away, from the plan alone: the business's name (never
    /// flagged), the providers, staff, and account numbers.
    pub fn plan_disclosure_context(&self) -> CoreResult<DisclosureContext> {
        let generic = placeholder_names();
        let mut context = DisclosureContext {
            business: self.business_name()?,
            ..DisclosureContext::default()
        };
        // Only the five columns it needs: no whole contact, phone or link is built for a
        // check that runs as the owner types.
        let mut contacts = self.conn.prepare_cached(
            "SELECT kind, organisation, person, account_number, customer_id FROM contacts
             ORDER BY id",
        )?;
        let mut rows = contacts.query([])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(0)?;
            let kind = ContactKind::parse_stored(&kind)?;
            let organisation: String = row.get(1)?;
            let person: String = row.get(2)?;
            match kind {
                ContactKind::Staff => context.staff.push(if organisation.is_empty() {
                    person
                } else {
                    organisation
                }),
                ContactKind::Emergency => {}
                _ => {
                    for name in [organisation, person] {
                        if !name.is_empty() && !generic.contains(&name) {
                            context.providers.push(name);
                        }
                    }
                }
            }
            for column in [3, 4] {
                let id: String = row.get(column)?;
                if !id.is_empty() {
                    context.identifiers.push(id);
                }
            }
        }
        Ok(context)
    }

    /// The ready draft for an incident, with its check.
    pub fn draft_notice(
        &self,
        incident_id: i64,
        stage: Stage,
        channel: Channel,
        language: Language,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> CoreResult<NoticeDraft> {
        let incident = self.incident(incident_id, now)?;
        let facts = self.notice_facts(&incident, language, now, offset)?;
        let context = self.disclosure_context(incident_id)?;
        let mut drafted = self.drafted(stage, channel, language, &facts, &context)?;
        if incident.drill {
            // A drill's notice can never pass for a real one: it starts by saying so.
            let draft = &mut drafted.draft;
            let marked = |text: &str| format!("{} — {text}", crate::vocabulary::NOTICE_MARK);
            if let Some(subject) = &mut draft.subject {
                *subject = marked(subject);
            }
            draft.body = marked(&draft.body);
            drafted.check = check_notice_text(
                &context,
                channel,
                language,
                draft.subject.as_deref(),
                &draft.body,
            )?;
        }
        Ok(drafted)
    }

    /// A notice drafted from `facts` with the owner's template (or the default) for `stage`
    /// and `channel`, and checked against `context`: how every ready draft is made.
    pub(crate) fn drafted(
        &self,
        stage: Stage,
        channel: Channel,
        language: Language,
        facts: &NoticeFacts,
        context: &DisclosureContext,
    ) -> CoreResult<NoticeDraft> {
        let template = self.notice_template(stage, channel, language)?;
        let draft = render(
            stage,
            channel,
            language,
            template.subject.as_deref(),
            &template.body,
            facts,
        )?;
        let check = check_notice_text(
            context,
            channel,
            language,
            draft.subject.as_deref(),
            &draft.body,
        )?;
        Ok(NoticeDraft { draft, check })
    }

    /// Checks what the owner wrote ([`check_notice_text`] against the incident's
    /// [`Store::disclosure_context`]).
    pub fn check_notice(
        &self,
        incident_id: i64,
        channel: Channel,
        language: Language,
        subject: Option<&str>,
        body: &str,
    ) -> CoreResult<NoticeCheck> {
        let context = self.disclosure_context(incident_id)?;
        check_notice_text(&context, channel, language, subject, body)
    }
}

/// Checks what the owner wrote against what must not reach customers: no store needed, so it
/// runs while other commands use the store. Only the body is measured for the channel;
/// warnings and markers are looked for in the body (their offsets are the body's), then the
/// subject's markers are added.
pub fn check_notice_text(
    context: &DisclosureContext,
    channel: Channel,
    language: Language,
    subject: Option<&str>,
    body: &str,
) -> CoreResult<NoticeCheck> {
    // A body no notice could hold would make the check slow for nothing.
    let mut p = crate::fields::Problems::default();
    p.text(NoticeCheckField::Body, body, crate::fields::NOTES_MAX);
    p.text(
        NoticeCheckField::Subject,
        subject.unwrap_or(""),
        crate::fields::LINE_MAX,
    );
    p.into_result().map_err(CoreError::Validation)?;
    let mut unfilled = unfilled_markers(body);
    if let Some(subject) = subject {
        unfilled.extend(unfilled_markers(subject));
    }
    Ok(NoticeCheck {
        length: measure(channel, body),
        warnings: check(body, context, language),
        unfilled,
    })
}
