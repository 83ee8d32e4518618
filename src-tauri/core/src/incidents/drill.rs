//! The outage mode's side of a drill: the clock a drill runs on, and a drill ended with its
//! incident — when that incident is resolved, and when a real outage starts (the real one
//! always wins). The drill itself (`drills`) is built on the outage mode, not the reverse.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

use super::write::event;
use super::Happened;
use crate::error::CoreResult;
use crate::moments::utc_at_opt;
use crate::vocabulary::{DrillOutcome, DrillSpeed};

/// Drill time gone at `now`, in seconds: what ran before the current run, and the current run
/// at the drill's speed (never backwards, should the clock have moved back).
pub(crate) fn drill_clock(
    clock_seconds: i64,
    running_since: Option<DateTime<Utc>>,
    speed: DrillSpeed,
    now: DateTime<Utc>,
) -> i64 {
    clock_seconds
        + running_since.map_or(0, |since| {
            (now - since).num_seconds().max(0) * speed.factor()
        })
}

/// Ends a drill in the caller's transaction: its clock stopped where it stands at `now`, its
/// outcome, and its incident resolved (when it is not already).
pub(crate) fn finish_drill(
    tx: &Transaction<'_>,
    drill: i64,
    outcome: DrillOutcome,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let (incident, clock_seconds, running_since, speed): (i64, i64, Option<DateTime<Utc>>, String) =
        tx.query_row(
            "SELECT incident_id, clock_seconds, running_since, speed FROM drills WHERE id = ?1",
            [drill],
            |r| Ok((r.get(0)?, r.get(1)?, utc_at_opt(r, 2)?, r.get(3)?)),
        )?;
    let clock = drill_clock(
        clock_seconds,
        running_since,
        DrillSpeed::parse_stored(&speed)?,
        now,
    );
    tx.execute(
        "UPDATE drills SET clock_seconds = ?2, running_since = NULL, ended_at = ?3, outcome = ?4,
            updated_at = ?3 WHERE id = ?1",
        params![drill, clock, now, outcome.as_str()],
    )?;
    tx.execute(
        "UPDATE incidents SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL",
        params![incident, now],
    )?;
    Ok(())
}

/// The drill of `incident`, resolved through the outage mode, ends as resolved: part of the
/// resolve's transaction (whose timeline event says it).
pub(crate) fn end_on_resolve(
    tx: &Transaction<'_>,
    incident: i64,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let open: Vec<i64> = tx
        .prepare_cached("SELECT id FROM drills WHERE incident_id = ?1 AND ended_at IS NULL")?
        .query_map([incident], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for drill in open {
        finish_drill(tx, drill, DrillOutcome::Resolved, now)?;
    }
    Ok(())
}

/// A real outage starts: any drill still open stops, in the real outage's transaction. The
/// drill's own timeline says so; nothing of it goes into the real one.
pub(crate) fn stop_for_real(tx: &Transaction<'_>, now: DateTime<Utc>) -> CoreResult<()> {
    let open: Vec<(i64, i64)> = tx
        .prepare_cached("SELECT id, incident_id FROM drills WHERE ended_at IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (drill, incident) in open {
        finish_drill(tx, drill, DrillOutcome::StoppedForReal, now)?;
        event(
            tx,
            incident,
            now,
            Happened::DrillEnded {
                outcome: DrillOutcome::StoppedForReal,
            },
        )?;
    }
    Ok(())
}
