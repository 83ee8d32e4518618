//! The import's check of drills: rows that each read, but together make no sense — a drill
//! whose incident is not marked as a drill's (it would count as an outage), an incident marked
//! as a drill's with no drill (it would be hidden everywhere), a scenario, surprise or answer
//! Steady does not know — or more numbers than Steady keeps. Each is refused with the row it
//! is in (`tables.drills (id 2).incident_id`).

use chrono::{DateTime, Utc};

use super::bad;
use crate::drills::run::MAX_BAD_NUMBERS;
use crate::drills::scenarios::data;
use crate::drills::Scenario;
use crate::error::{CoreResult, FileReason};
use crate::store::Store;

/// Refuses drills that make no sense, saying where; then reads each as the app does.
pub(super) fn check_drills(store: &Store, now: DateTime<Utc>) -> CoreResult<()> {
    let conn = &store.conn;
    let drills: Vec<(i64, i64, String, bool)> = conn
        .prepare(
            "SELECT d.id, d.incident_id, d.scenario, coalesce(i.drill, 0)
             FROM drills d LEFT JOIN incidents i ON i.id = d.incident_id ORDER BY d.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (id, _, scenario, marked) in &drills {
        let at = |column: &str| format!("tables.drills (id {id}).{column}");
        if !marked {
            return Err(bad(at("incident_id"), FileReason::BadValue));
        }
        let scenario = Scenario::parse_stored(scenario)
            .map_err(|_| bad(at("scenario"), FileReason::BadValue))?;
        let injects: Vec<(String, Option<String>)> = conn
            .prepare_cached("SELECT inject, answer FROM drill_injects WHERE drill_id = ?1")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (inject, answer) in injects {
            let place = format!("tables.drill_injects (drill {id}, inject {inject})");
            let Some(known) = data(scenario).injects.iter().find(|i| i.key == inject) else {
                return Err(bad(place, FileReason::BadValue));
            };
            if answer.is_some_and(|a| !known.choices.contains(&a)) {
                return Err(bad(format!("{place}.answer"), FileReason::BadValue));
            }
        }
        let numbers: i64 = conn.query_row(
            "SELECT count(*) FROM drill_bad_numbers WHERE drill_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if numbers > MAX_BAD_NUMBERS as i64 {
            return Err(bad(
                "tables.drill_bad_numbers",
                FileReason::TooLarge {
                    max: MAX_BAD_NUMBERS as u32,
                },
            ));
        }
    }
    let orphan: Option<i64> = conn
        .query_row(
            "SELECT id FROM incidents WHERE drill = 1
               AND id NOT IN (SELECT incident_id FROM drills) ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(incident) = orphan {
        return Err(bad(
            format!("tables.incidents (id {incident}).drill"),
            FileReason::BadValue,
        ));
    }
    // And each drill as the app reads it.
    for (id, incident, _, _) in drills {
        let place = || bad(format!("tables.drills (id {id})"), FileReason::BadValue);
        store.drill(id, now).map_err(|_| place())?;
        store.incident(incident, now).map_err(|_| place())?;
    }
    // What drills found, as the plan's health and the first screen read it: a date Steady
    // cannot read here would stop the app from drawing its first screen.
    let actions = || bad("tables.plan_actions", FileReason::BadValue);
    store.plan_actions().map_err(|_| actions())?;
    store.open_plan_actions().map_err(|_| actions())?;
    Ok(())
}
