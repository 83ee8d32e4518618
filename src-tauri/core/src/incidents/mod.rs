//! Outage mode: one incident from "something's down" to "fixed and understood". Every action
//! writes exactly one timeline event in the same transaction, so the incident report can be
//! trusted as a record.

pub mod checklist;
pub(crate) mod drill;
mod read;
mod recurrence;
mod same;
pub mod severity;
pub mod team;
pub(crate) mod timeline;
pub mod words;
pub(crate) mod write;
pub use same::SameOutage;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::services::{CustomersPer, Priority};
pub use crate::vocabulary::{Cause, CouldRecur};
use crate::vocabulary::{Channel, Stage};
use checklist::{ChecklistItem, Step};
pub use read::estimate_customers;
use severity::{Assessment, Severity};

/// How far back "it happened before" looks.
pub const RECURRENCE_DAYS: i64 = 90;

/// What one timeline entry records, with its particulars. Stored as its `kind` in
/// `incident_events.kind` and the rest as a JSON object in `incident_events.detail`, so the
/// screen and the paper read fields rather than parse sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Happened {
    /// What was down when it started.
    Started {
        what: String,
    },
    Assessed,
    SeverityChanged {
        severity: Severity,
    },
    /// Set by hand with its reason, or (`None`) given back to the plan.
    SeverityOverridden {
        severity: Option<Severity>,
        reason: String,
    },
    CallLogged {
        contact: String,
        ticket: String,
    },
    NoticeSent {
        stage: Stage,
        channel: Channel,
    },
    WorkaroundActivated {
        title: String,
    },
    ServiceRestored {
        service: String,
    },
    Resolved,
    Reopened,
    /// The same outage, started on another computer too, taken into this one: what it had
    /// down.
    Joined {
        what: String,
    },
    Reviewed,
    Note {
        text: String,
    },
    /// A checklist item ticked, by its key (`call.ticket`).
    Checked {
        item: String,
    },
    Unchecked {
        item: String,
    },
    /// Where one person of the team stands now; `arriving_in`: minutes until someone on the
    /// way expects to arrive.
    CheckedIn {
        person: String,
        state: team::TeamState,
        arriving_in: Option<u32>,
    },
    /// A task handed to `person`, or (`None`) taken back; `task` names it for good
    /// (`call:4`), `label` in words.
    HandedOff {
        task: String,
        label: String,
        person: Option<String>,
    },
    /// A danger outage resolved on the owner's word while these people were not marked safe.
    ResolvedNotAllSafe {
        names: Vec<String>,
    },
    /// A drill began on this incident (a rehearsal, not an outage): its title, and what it
    /// has down.
    DrillStarted {
        title: String,
        what: String,
        /// The speed it started at (later changes are their own entries), so drill time can
        /// be told from the timeline; absent in a drill recorded before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        speed: Option<crate::vocabulary::DrillSpeed>,
    },
    /// A surprise of the drill came, in the words it came in.
    InjectThrown {
        inject: String,
        text: String,
    },
    /// The owner's decision on a surprise: the choice's key and its words.
    InjectAnswered {
        inject: String,
        answer: String,
        text: String,
    },
    /// A number that did not work during the drill.
    NumberBad {
        name: String,
        number: String,
    },
    DrillPaused,
    DrillResumed,
    DrillSpeedChanged {
        speed: crate::vocabulary::DrillSpeed,
    },
    DrillEnded {
        outcome: crate::vocabulary::DrillOutcome,
    },
    /// Something the outage made the owner spend; `amount` as written then.
    ExpenseAdded {
        what: String,
        amount: String,
    },
    ExpenseRemoved {
        what: String,
    },
    /// Stock thrown away: its quantity with its unit and its cost, as written then.
    StockSpoiled {
        item: String,
        quantity: String,
        amount: String,
    },
    SpoiledRemoved {
        item: String,
    },
    /// A fridge's or freezer's temperature read, as written then (`6.5 °C`).
    TemperatureRead {
        store: String,
        reading: String,
    },
    /// A claim sent (to the utility, the insurer), in words.
    ClaimSent {
        claim: String,
    },
}

impl Happened {
    /// Its kind, as the file keeps it.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Started { .. } => "started",
            Self::Assessed => "assessed",
            Self::SeverityChanged { .. } => "severity_changed",
            Self::SeverityOverridden { .. } => "severity_overridden",
            Self::CallLogged { .. } => "call_logged",
            Self::NoticeSent { .. } => "notice_sent",
            Self::WorkaroundActivated { .. } => "workaround_activated",
            Self::ServiceRestored { .. } => "service_restored",
            Self::Resolved => "resolved",
            Self::Reopened => "reopened",
            Self::Joined { .. } => "joined",
            Self::Reviewed => "reviewed",
            Self::Note { .. } => "note",
            Self::Checked { .. } => "checked",
            Self::Unchecked { .. } => "unchecked",
            Self::CheckedIn { .. } => "checked_in",
            Self::HandedOff { .. } => "handed_off",
            Self::ResolvedNotAllSafe { .. } => "resolved_not_all_safe",
            Self::DrillStarted { .. } => "drill_started",
            Self::InjectThrown { .. } => "inject_thrown",
            Self::InjectAnswered { .. } => "inject_answered",
            Self::NumberBad { .. } => "number_bad",
            Self::DrillPaused => "drill_paused",
            Self::DrillResumed => "drill_resumed",
            Self::DrillSpeedChanged { .. } => "drill_speed_changed",
            Self::DrillEnded { .. } => "drill_ended",
            Self::ExpenseAdded { .. } => "expense_added",
            Self::ExpenseRemoved { .. } => "expense_removed",
            Self::StockSpoiled { .. } => "stock_spoiled",
            Self::SpoiledRemoved { .. } => "spoiled_removed",
            Self::TemperatureRead { .. } => "temperature_read",
            Self::ClaimSent { .. } => "claim_sent",
        }
    }

    /// A tick of a step's checklist: a working note, left off the printed record.
    pub fn is_tick(&self) -> bool {
        matches!(self, Self::Checked { .. } | Self::Unchecked { .. })
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
    /// When it began, if before now (the laptop went on battery at 10:42, and the owner
    /// starts the outage at 10:44); `None`: now. At most a week back, never ahead.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub started_at: Option<DateTime<Utc>>,
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
    pub happened: Happened,
    /// In the owner's words and language, as the window and the report say it.
    pub text: String,
}

/// One reason for the severity the plan gives, in the owner's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// The severity this reason leads to.
    pub level: Severity,
    pub text: String,
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
    /// A drill's incident: a rehearsal, marked as such everywhere, never counted as an outage.
    pub drill: bool,
    pub started_at: DateTime<Utc>,
    pub services: Vec<IncidentService>,
    pub something_else: String,
    pub summary: String,
    /// The owner's summary, or else what was down: how lists and reports name it.
    pub title: String,
    pub cause: Cause,
    pub danger: bool,
    pub customers_affected: Option<u32>,
    /// The plan's estimate from the services' customer figures and the expected duration.
    pub estimated_customers: Option<u32>,
    pub expected_minutes: Option<u32>,
    /// What the plan says.
    pub assessment: Assessment,
    /// The assessment's reasons in words, most severe first.
    pub reasons: Vec<Reason>,
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
    /// Every step's checklist, with what is ticked.
    pub checklist: Vec<ChecklistItem>,
    /// The step to go to now: the first of the protocol with nothing done yet.
    pub next_step: Step,
}

/// What was down: the plan's services, then what the owner named.
fn what_is_down(services: &[IncidentService], something_else: &str) -> Vec<String> {
    let mut names: Vec<String> = services.iter().map(|s| s.name.clone()).collect();
    if !something_else.is_empty() {
        names.push(something_else.to_owned());
    }
    names
}

/// The owner's summary, or else what was down.
fn title(summary: &str, what_is_down: &[String]) -> String {
    if summary.is_empty() {
        what_is_down.join(", ")
    } else {
        summary.to_owned()
    }
}

impl Incident {
    /// What was down: the plan's services, then what the owner named.
    pub fn what_is_down(&self) -> Vec<String> {
        what_is_down(&self.services, &self.something_else)
    }

    /// The first step of the protocol with nothing done yet.
    fn suggested_step(&self) -> Step {
        if self.resolved_at.is_some() {
            Step::Resolve
        } else if !self
            .timeline
            .iter()
            .any(|e| matches!(e.happened, Happened::Assessed))
        {
            Step::Assess
        } else if self.calls.is_empty() && !self.services.is_empty() {
            Step::Call
        } else if self.notices.is_empty() {
            Step::Tell
        } else if self.activations.is_empty() {
            Step::Workarounds
        } else {
            Step::Resolve
        }
    }
}

/// One line of the incident history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentSummary {
    #[ts(type = "number")]
    pub id: i64,
    /// A drill's incident.
    pub drill: bool,
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
    /// At most this many, the newest (`None`: every one).
    #[serde(default)]
    pub limit: Option<u32>,
    /// `Some(true)`: the drills' incidents only; otherwise real outages only (a drill never
    /// counts as an outage).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub drills: Option<bool>,
}

/// The newest incidents that match a filter, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentPage {
    pub incidents: Vec<IncidentSummary>,
    pub total: u32,
}
