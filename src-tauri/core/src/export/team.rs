//! The import's check of the team: rows that each read, but together make no sense — a
//! stand-in who holds the role, a holder who is not staff, an own role with no name, a
//! check-in before its incident started — or more of them than Steady ever keeps. Each is
//! refused with the row it is in, in the file's own terms (`tables.roles (id 2).name`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::bad;
use crate::error::{CoreError, CoreResult, FileReason};
use crate::store::Store;
use crate::team::{RoleKind, MAX_CHECK_INS, MAX_DUTIES, MAX_NAMED, MAX_ROLES};

/// Refuses a team that makes no sense, saying where.
pub(super) fn check_team(store: &Store) -> CoreResult<()> {
    let conn = &store.conn;
    let count = |sql: &str| -> CoreResult<Vec<(i64, usize)>> {
        Ok(conn
            .prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<Result<_, _>>()?)
    };
    let too_many = |table: &str, max: usize, counts: Vec<(i64, usize)>| -> CoreResult<()> {
        match counts.into_iter().find(|(_, n)| *n > max) {
            Some(_) => Err(bad(
                format!("tables.{table}"),
                FileReason::TooLarge { max: max as u32 },
            )),
            None => Ok(()),
        }
    };
    too_many("roles", MAX_ROLES, count("SELECT 0, COUNT(*) FROM roles")?)?;
    for (table, max) in [
        ("role_duties", MAX_DUTIES),
        ("role_holders", MAX_NAMED),
        ("role_contacts", MAX_NAMED),
        ("role_services", MAX_NAMED),
    ] {
        let sql = format!("SELECT role_id, COUNT(*) FROM {table} GROUP BY role_id");
        too_many(table, max, count(&sql)?)?;
    }
    too_many(
        "team_check_ins",
        MAX_CHECK_INS,
        count("SELECT incident_id, COUNT(*) FROM team_check_ins GROUP BY incident_id")?,
    )?;

    let staff: HashMap<i64, bool> = conn
        .prepare("SELECT id, kind = 'staff' FROM contacts")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let is_staff = |id: i64| staff.get(&id).copied().unwrap_or(false);
    let roles: Vec<(i64, String, String, Option<i64>)> = conn
        .prepare("SELECT id, kind, name, stand_in_id FROM roles ORDER BY position, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (id, kind, name, stand_in) in roles {
        let at = |column: &str| format!("tables.roles (id {id}).{column}");
        let kind =
            RoleKind::parse_stored(&kind).map_err(|_| bad(at("kind"), FileReason::BadValue))?;
        if kind == RoleKind::Own && name.trim().is_empty() {
            return Err(bad(at("name"), FileReason::BadValue));
        }
        let holders: Vec<i64> = conn
            .prepare_cached(
                "SELECT contact_id FROM role_holders WHERE role_id = ?1 ORDER BY position",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if let Some(holder) = holders.iter().find(|h| !is_staff(**h)) {
            return Err(bad(
                format!("tables.role_holders (role {id}, contact {holder})"),
                FileReason::BadValue,
            ));
        }
        if let Some(stand_in) = stand_in {
            if holders.contains(&stand_in) || !is_staff(stand_in) {
                return Err(bad(at("stand_in_id"), FileReason::BadValue));
            }
        }
    }

    let time = |text: &str| DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc));
    let started: HashMap<i64, String> = conn
        .prepare("SELECT id, started_at FROM incidents")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let started_at = |incident: i64| -> Option<DateTime<Utc>> {
        started.get(&incident).and_then(|t| time(t).ok())
    };
    let check_ins: Vec<(i64, i64, String, Option<String>)> = conn
        .prepare("SELECT id, incident_id, at, arrival_at FROM team_check_ins ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (id, incident, at, arrival) in check_ins {
        let place = |column: &str| format!("tables.team_check_ins (id {id}).{column}");
        let at = time(&at).map_err(|_| bad(place("at"), FileReason::BadValue))?;
        if started_at(incident).is_some_and(|start| at < start) {
            return Err(bad(place("at"), FileReason::BadValue));
        }
        if let Some(arrival) = arrival {
            time(&arrival).map_err(|_| bad(place("arrival_at"), FileReason::BadValue))?;
        }
    }
    let handoffs: Vec<(i64, String, String)> = conn
        .prepare("SELECT incident_id, task, at FROM incident_handoffs ORDER BY incident_id, task")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (incident, task, at) in handoffs {
        let place = format!("tables.incident_handoffs (incident {incident}, task {task})");
        let known = ["step:", "call:", "workaround:"].iter().any(|prefix| {
            task.strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty())
        });
        let at = time(&at).map_err(|_| bad(place.clone(), FileReason::BadValue))?;
        if !known || started_at(incident).is_some_and(|start| at < start) {
            return Err(bad(place, FileReason::BadValue));
        }
    }
    // And the team as the app reads it.
    store
        .team(crate::business::Language::En)
        .map_err(|_: CoreError| bad("roles", FileReason::BadValue))?;
    Ok(())
}
