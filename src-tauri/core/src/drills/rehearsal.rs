//! When the plan was last rehearsed, and whether it is time for a drill: never rehearsed,
//! over [`DRILL_EVERY_MONTHS`] ago, or the plan changed a lot since — at least
//! [`CHANGES_FOR_A_DRILL`] of its services, workarounds, runbooks, roles and contacts added or
//! edited after the last drill ended (counted by their `updated_at`; a deletion is not
//! counted). Only a drill resolved counts as a rehearsal: one abandoned or stopped for a real
//! outage did not go through the plan.

use chrono::{DateTime, Months, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreResult;
use crate::store::Store;
use crate::text_enum;

/// How often the plan should be rehearsed.
pub const DRILL_EVERY_MONTHS: u32 = 6;
/// How many things of the plan added or edited since the last drill call for another.
pub const CHANGES_FOR_A_DRILL: u32 = 5;

text_enum! {
    /// Why the home screen suggests a drill.
    pub enum DrillDue {
        Never = "never",
        MonthsAgo = "months_ago",
        PlanChanged = "plan_changed",
    }
}

/// The plan's last rehearsal, for the calm-day home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rehearsal {
    /// The last drill resolved, and when it ended.
    #[ts(type = "number | null")]
    pub last_drill_id: Option<i64>,
    pub last_rehearsed_at: Option<DateTime<Utc>>,
    /// Things of the plan added or edited since.
    pub changes_since: u32,
    /// Why a drill is suggested now; `None`: not yet.
    pub due: Option<DrillDue>,
}

/// Whether a drill is due, from the last rehearsal and the changes since.
pub fn drill_due(
    last: Option<DateTime<Utc>>,
    changes_since: u32,
    now: DateTime<Utc>,
) -> Option<DrillDue> {
    let Some(last) = last else {
        return Some(DrillDue::Never);
    };
    match last.checked_add_months(Months::new(DRILL_EVERY_MONTHS)) {
        Some(due) if now >= due => Some(DrillDue::MonthsAgo),
        _ if changes_since >= CHANGES_FOR_A_DRILL => Some(DrillDue::PlanChanged),
        _ => None,
    }
}

impl Store {
    /// When the plan was last rehearsed, and whether a drill is due as of `now`.
    pub fn rehearsal(&self, now: DateTime<Utc>) -> CoreResult<Rehearsal> {
        let last: Option<(i64, DateTime<Utc>)> = self
            .conn
            .query_row(
                "SELECT id, ended_at FROM drills
                 WHERE ended_at IS NOT NULL AND outcome = 'resolved'
                 ORDER BY ended_at DESC, id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, at)) = last else {
            return Ok(Rehearsal {
                last_drill_id: None,
                last_rehearsed_at: None,
                changes_since: 0,
                due: drill_due(None, 0, now),
            });
        };
        let changes: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM services WHERE updated_at > ?1)
                  + (SELECT count(*) FROM workarounds WHERE updated_at > ?1)
                  + (SELECT count(*) FROM runbooks WHERE updated_at > ?1)
                  + (SELECT count(*) FROM roles WHERE updated_at > ?1)
                  + (SELECT count(*) FROM contacts WHERE updated_at > ?1)",
            [at],
            |r| r.get(0),
        )?;
        let changes_since = u32::try_from(changes).unwrap_or(u32::MAX);
        Ok(Rehearsal {
            last_drill_id: Some(id),
            last_rehearsed_at: Some(at),
            changes_since,
            due: drill_due(Some(at), changes_since, now),
        })
    }
}

#[cfg(test)]
mod tests;
