//! The first screen at a glance. During an outage: the outage itself — how bad, how long it
//! has been down, when customers must next hear from the owner, what each provider promised,
//! and the one next step. On a calm day: how ready the plan is — what is missing, the next
//! review, whether the printed plan is current.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::announced::Announced;
use crate::business::Language;
use crate::drills::rehearsal::Rehearsal;
use crate::error::CoreResult;
use crate::incidents::checklist::Step;
use crate::incidents::severity::Severity;
use crate::incidents::team::Handoff;
use crate::incidents::Incident;
use crate::plan::health::PlanOverview;
use crate::print::PrintStatus;
use crate::store::Store;
use crate::vocabulary::duration;

/// What the first screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Home {
    /// The outage in progress, if there is one: then it is all the screen shows first.
    pub outage: Option<OutageAtAGlance>,
    pub plan: PlanOverview,
    pub print: PrintStatus,
    /// Announced outages nothing was decided about yet, the soonest first.
    pub announced: Vec<Announced>,
    /// When the plan was last rehearsed, and whether a drill is suggested.
    pub rehearsal: Rehearsal,
    /// The drill in progress, if any: never an outage, but the window shows it.
    pub drill: Option<crate::drills::DrillSummary>,
}

/// An outage in progress, as the owner needs it in one look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutageAtAGlance {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// What is still down (services not yet confirmed back, and what the owner named).
    pub still_down: Vec<String>,
    pub severity: Severity,
    pub started_at: DateTime<Utc>,
    /// How long it has been down, in the owner's words ("1 hour 20 minutes").
    pub down_for: String,
    pub next_step: Step,
    pub next_update: NextUpdate,
    /// Every provider called, with what they promised.
    pub providers: Vec<Promise>,
    /// The workarounds in use.
    pub workarounds: Vec<String>,
    /// The tasks handed to someone of the team ("Karim calls Ouest Power").
    pub handoffs: Vec<Handoff>,
}

/// When customers must next hear from the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NextUpdate {
    /// No notice has been sent yet: the first one is the next thing customers need.
    FirstNotice,
    /// Due at `at`, in `within` ("12 minutes").
    Due { at: DateTime<Utc>, within: String },
    /// Was due at `at`, `overdue` ago.
    Late { at: DateTime<Utc>, overdue: String },
    /// Notices were sent and no further update is scheduled.
    NoneScheduled,
}

/// A provider called, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Promise {
    pub contact: String,
    pub ticket: String,
    pub called_at: DateTime<Utc>,
    /// When they said it would be fixed.
    pub eta: Option<DateTime<Utc>>,
    /// That time has passed and it is still down.
    pub eta_passed: bool,
    /// When they said they would call back.
    pub call_back_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The first screen as of `now`.
    pub fn home(&self, now: DateTime<Utc>) -> CoreResult<Home> {
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let outage = match self.open_incident_id()? {
            Some(id) => {
                let mut glance = at_a_glance(&self.incident(id, now)?, now, language);
                glance.handoffs = self.handoffs(id)?;
                Some(glance)
            }
            None => None,
        };
        Ok(Home {
            outage,
            plan: self.plan_overview(now)?,
            print: self.print_status()?,
            announced: self.pending_announced(now)?,
            rehearsal: self.rehearsal(now)?,
            drill: self.open_drill_summary()?,
        })
    }
}

pub(crate) fn at_a_glance(
    incident: &Incident,
    now: DateTime<Utc>,
    language: Language,
) -> OutageAtAGlance {
    let minutes_between = |from: DateTime<Utc>, to: DateTime<Utc>| (to - from).num_minutes();
    let mut still_down: Vec<String> = incident
        .services
        .iter()
        .filter(|s| s.restored_at.is_none())
        .map(|s| s.name.clone())
        .collect();
    if !incident.something_else.is_empty() {
        still_down.push(incident.something_else.clone());
    }
    let next_update = match incident.next_update_due {
        _ if incident.notices.is_empty() => NextUpdate::FirstNotice,
        Some(at) if at > now => NextUpdate::Due {
            at,
            // Rounded up: "in 1 minute" until it is due, never "in 0 minutes".
            within: duration(((at - now).num_seconds() + 59) / 60, language),
        },
        Some(at) => NextUpdate::Late {
            at,
            overdue: duration(minutes_between(at, now), language),
        },
        None => NextUpdate::NoneScheduled,
    };
    OutageAtAGlance {
        id: incident.id,
        title: incident.title.clone(),
        still_down,
        severity: incident.severity,
        started_at: incident.started_at,
        down_for: duration(minutes_between(incident.started_at, now), language),
        next_step: incident.next_step,
        next_update,
        providers: incident
            .calls
            .iter()
            .map(|call| Promise {
                contact: call.contact_name.clone(),
                ticket: call.ticket.clone(),
                called_at: call.called_at,
                eta: call.eta,
                eta_passed: call.eta_slipped,
                call_back_at: call.call_back_at,
            })
            .collect(),
        workarounds: incident
            .activations
            .iter()
            .map(|a| a.title.clone())
            .collect(),
        handoffs: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
