//! Outage mode: one incident from "something's down" to "fixed and understood". Every action
//! writes exactly one timeline event in the same transaction, so the incident report can be
//! trusted as a record.

mod read;
mod recurrence;
pub mod severity;
mod write;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::services::{CustomersPer, Priority};
use crate::text_enum;
pub use crate::vocabulary::{Cause, CouldRecur};
use crate::vocabulary::{Channel, Stage};
pub use read::estimate_customers;
use severity::{Assessment, Severity};

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
