//! Drills: the plan rehearsed. A drill runs the real outage mode on an incident marked as a
//! drill, throws the scenario's surprises at the owner on its own clock (real time or faster,
//! paused at will), keeps the decisions and what turned out wrong, scores the run, and feeds
//! what to fix back into the plan. Nothing of a drill counts as an outage.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum;

pub mod actions;
pub mod rehearsal;
pub mod run;
pub mod scenarios;
pub mod score;
#[cfg(test)]
mod tests;

pub use scenarios::{scenario_cause, ScenarioChoice};
// Kept with the words every layer shares, so the outage mode can mark and stop a drill
// without knowing this module.
pub use crate::vocabulary::{DrillOutcome, DrillSpeed, NOTICE_MARK};

text_enum! {
    /// What a drill rehearses: the usual scenarios, or any service of the plan (`own`).
    pub enum Scenario {
        PowerAtOpening = "power_at_opening",
        InternetSaturday = "internet_saturday",
        CardTerminalLunch = "card_terminal_lunch",
        PhoneLineCut = "phone_line_cut",
        SupplierNoDelivery = "supplier_no_delivery",
        TillBreakIn = "till_break_in",
        Own = "own",
    }
}

text_enum! {
    /// How one objective of the drill went, as exercise programmes rate it.
    pub enum Rating {
        Performed = "performed",
        SomeChallenges = "some_challenges",
        MajorChallenges = "major_challenges",
        NotPerformed = "not_performed",
    }
}

/// What the owner chooses to start a drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrillStart {
    pub scenario: Scenario,
    /// The service rehearsed: required for `own`, else the scenario picks the plan's own.
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    pub speed: DrillSpeed,
}

/// One choice the owner has when a surprise comes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InjectChoice {
    pub key: String,
    pub text: String,
}

/// A surprise of the drill, in the owner's words with the plan's names filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Inject {
    /// Its key within the scenario.
    pub key: String,
    /// When it comes, in minutes of drill time.
    pub at_minute: u32,
    pub text: String,
    pub choices: Vec<InjectChoice>,
    pub fired_at: Option<DateTime<Utc>>,
    /// The key of the choice made.
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A number the owner found did not work during the drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BadNumber {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    pub name: String,
    pub number: String,
    pub at: DateTime<Utc>,
}

/// A drill as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Drill {
    #[ts(type = "number")]
    pub id: i64,
    /// The incident the drill runs in the outage mode.
    #[ts(type = "number")]
    pub incident_id: i64,
    pub scenario: Scenario,
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    /// The scenario's name in the owner's words, with the plan's names.
    pub title: String,
    /// What the scenario says happens, to read before starting.
    pub situation: String,
    pub speed: DrillSpeed,
    pub started_at: DateTime<Utc>,
    /// Drill time gone, in seconds, as of when it was read.
    pub clock_seconds: u32,
    pub paused: bool,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<DrillOutcome>,
    pub injects: Vec<Inject>,
    pub bad_numbers: Vec<BadNumber>,
}

/// One line of the drill list (Incidents → Drills).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrillSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub incident_id: i64,
    pub scenario: Scenario,
    pub title: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<DrillOutcome>,
}

/// Something to fix in the plan, found by a drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanAction {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub drill_id: Option<i64>,
    pub kind: String,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    pub text: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}
