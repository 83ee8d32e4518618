//! The owner's own wording of notice templates, kept beside the defaults: a saved copy
//! replaces the default for its stage, channel and language until it is restored.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{default_template, render, Channel, Draft, NoticeFacts, Stage, PLACEHOLDERS};
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::TemplateField;
use crate::fields::{Problems, LINE_MAX, NOTES_MAX};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeTemplate {
    pub stage: Stage,
    pub channel: Channel,
    pub language: Language,
    /// Only for email.
    pub subject: Option<String>,
    pub body: String,
    /// The owner's own wording rather than the default.
    pub customised: bool,
}

/// `{placeholders}` in `text` that templates do not know.
fn unknown_placeholders(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return true;
        };
        if !PLACEHOLDERS.contains(&&rest[start..=start + len]) {
            return true;
        }
        rest = &rest[start + len + 1..];
    }
    rest.contains('}')
}

impl Store {
    pub fn notice_template(
        &self,
        stage: Stage,
        channel: Channel,
        language: Language,
    ) -> CoreResult<NoticeTemplate> {
        let own: Option<(Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT subject, body FROM notice_templates
                 WHERE language = ?1 AND stage = ?2 AND channel = ?3",
                params![language.as_str(), stage.as_str(), channel.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let customised = own.is_some();
        let (subject, body) = match own {
            Some(own) => own,
            None => default_template(stage, channel, language)?,
        };
        Ok(NoticeTemplate {
            stage,
            channel,
            language,
            subject,
            body,
            customised,
        })
    }

    pub fn save_notice_template(
        &mut self,
        template: &NoticeTemplate,
        now: DateTime<Utc>,
    ) -> CoreResult<NoticeTemplate> {
        let mut p = Problems::default();
        let body = p.text(TemplateField::Body, &template.body, NOTES_MAX);
        if body.is_empty() {
            p.add(TemplateField::Body, FieldProblem::Required);
        } else if unknown_placeholders(&body) {
            p.add(TemplateField::Body, FieldProblem::Unknown);
        }
        let subject = match (&template.subject, template.channel) {
            (Some(subject), Channel::Email) => {
                let subject = p.text(TemplateField::Subject, subject, LINE_MAX);
                if subject.is_empty() {
                    p.add(TemplateField::Subject, FieldProblem::Required);
                } else if unknown_placeholders(&subject) {
                    p.add(TemplateField::Subject, FieldProblem::Unknown);
                }
                Some(subject)
            }
            _ => None,
        };
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO notice_templates (language, stage, channel, subject, body, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (language, stage, channel) DO UPDATE SET
                subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at",
            params![
                template.language.as_str(),
                template.stage.as_str(),
                template.channel.as_str(),
                subject,
                body,
                now
            ],
        )?;
        tx.commit()?;
        self.notice_template(template.stage, template.channel, template.language)
    }

    /// Goes back to the default wording.
    pub fn restore_notice_template(
        &mut self,
        stage: Stage,
        channel: Channel,
        language: Language,
    ) -> CoreResult<NoticeTemplate> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM notice_templates WHERE language = ?1 AND stage = ?2 AND channel = ?3",
            params![language.as_str(), stage.as_str(), channel.as_str()],
        )?;
        tx.commit()?;
        self.notice_template(stage, channel, language)
    }

    /// How a template reads before any outage: the business's name filled, the rest said
    /// honestly or left as markers.
    pub fn preview_notice(&self, template: &NoticeTemplate) -> CoreResult<Draft> {
        let facts = NoticeFacts {
            business: self.business()?.map(|b| b.name).unwrap_or_default(),
            ..NoticeFacts::default()
        };
        render(
            template.stage,
            template.channel,
            template.language,
            template.subject.as_deref(),
            &template.body,
            &facts,
        )
    }
}
