//! Announced outages: a power company's planned cut, an ISP's maintenance window, a vendor's
//! upgrade, known days ahead. Each gets a countdown checklist by phase (a few days before, the
//! day before, the hour before, during, after) in the spirit of the response protocol, a
//! reminder as each phase begins, the planned-outage notice in every channel, and a calendar
//! file of its slot. At its start it becomes a live incident with everything prepared carried
//! over; if its start passes with nothing done, the owner is asked whether it happened.
//!
//! Split by concern as `incidents/` is: the model here, `phase.rs` (which phase the clock is
//! in), `checklist.rs` (each phase's items and ticking them), `write.rs` and `read.rs` (the
//! store), `conversion.rs` (the live incident it becomes), `notice.rs` (what it tells
//! customers), `calendar.rs` (its `.ics`) and `words.rs` (its own words, data per language).

mod calendar;
mod checklist;
mod conversion;
mod notice;
mod phase;
mod read;
#[cfg(test)]
mod tests;
mod words;
mod write;

pub use notice::when_words;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::contacts::ContactKind;
use crate::incidents::Cause;
use crate::text_enum;
use words::words;

/// The longest announced outage: a week.
pub const LONGEST_MINUTES: u32 = 7 * 24 * 60;

text_enum! {
    /// What the announcement is about.
    pub enum AnnouncedWhat {
        Power = "power",
        Internet = "internet",
        Phone = "phone",
        Vendor = "vendor",
        Other = "other",
    }
}

text_enum! {
    /// Where an announced outage stands, by the clock.
    pub enum Phase {
        DaysBefore = "days_before",
        DayBefore = "day_before",
        HourBefore = "hour_before",
        During = "during",
        After = "after",
    }
}

text_enum! {
    /// What became of it once its time came.
    pub enum Outcome {
        Happened = "happened",
        DidNotHappen = "did_not_happen",
    }
}

impl AnnouncedWhat {
    /// Its name when the owner gave none: "Power cut", "Coupure de courant".
    pub fn name(self, language: Language) -> &'static str {
        words(language).untitled(self)
    }

    /// What customers will notice when no service of the plan is ticked, worded to stand
    /// wherever a notice names what will be unavailable ("{what} will be unavailable").
    fn customer_words(self, language: Language) -> &'static str {
        words(language).customers_notice(self)
    }

    /// The kind of provider whose outage it is, if one kind is.
    fn provider_kind(self) -> Option<ContactKind> {
        match self {
            Self::Power => Some(ContactKind::PowerUtility),
            Self::Internet => Some(ContactKind::InternetProvider),
            Self::Phone => Some(ContactKind::PhoneProvider),
            Self::Vendor | Self::Other => None,
        }
    }

    fn cause(self) -> Cause {
        match self {
            Self::Power => Cause::Power,
            Self::Internet => Cause::Internet,
            Self::Phone => Cause::Phone,
            Self::Vendor => Cause::Vendor,
            Self::Other => Cause::Unknown,
        }
    }
}

/// What the owner writes to plan for an announced outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnouncedDetails {
    pub what: AnnouncedWhat,
    /// The owner's name for it; empty: named after `what`.
    pub label: String,
    pub starts_at: DateTime<Utc>,
    pub expected_minutes: u32,
    /// Where the announcement came from (a letter, an email, the provider's page).
    pub source: String,
    /// The plan's services it will take down.
    #[ts(type = "number[]")]
    pub service_ids: Vec<i64>,
}

/// One item of the countdown checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnouncedCheck {
    pub phase: Phase,
    /// What the file keeps when it is ticked: `day_before.tell`.
    pub key: String,
    pub text: String,
    pub done: bool,
}

/// A phase, when it begins, and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhasePlan {
    pub phase: Phase,
    pub begins_at: DateTime<Utc>,
    pub items: Vec<AnnouncedCheck>,
}

/// An announced outage as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Announced {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: AnnouncedDetails,
    /// The label, or the name of `what`.
    pub title: String,
    pub ends_at: DateTime<Utc>,
    /// Where it stands now.
    pub phase: Phase,
    pub phases: Vec<PhasePlan>,
    /// The services' names, for the screens and the notices.
    pub services: Vec<String>,
    pub outcome: Option<Outcome>,
    /// The live incident it became.
    #[ts(type = "number | null")]
    pub incident_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Announced {
    /// Whether it still lies ahead of the owner: nothing was decided about it yet.
    pub fn is_pending(&self) -> bool {
        self.outcome.is_none()
    }
}
