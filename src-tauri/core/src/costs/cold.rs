//! The cold chain during a power cut. The plan lists the fridges and freezers and how long
//! each keeps food safe without power (the food-safety guidance for its kind, as data with
//! its source, unless the owner says otherwise). During an outage that stops one, its clock
//! runs from the outage's start until its power is back, and the owner logs temperatures.
//!
//! A clock is computed from stored times only (the outage's start, the service's restore,
//! the resolve), never kept running in memory: it reads the same after a restart.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::write::{language_in, real_incident};
use super::MAX_ENTRIES;
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::{ColdReadingField, ColdStoreField};
use crate::fields::{Problems, LINE_MAX};
use crate::incidents::write::event;
use crate::incidents::Happened;
use crate::store::Store;
use crate::text_enum;

/// The owner is warned this long before a store's safe limit.
pub const WARN_MINUTES: i64 = 30;
/// The longest safe time the owner may set: two weeks.
pub const SAFE_MINUTES_MAX: u32 = 20_160;
/// A reading beyond this many degrees either way is a typing mistake.
pub const CELSIUS_MAX: i32 = 60;
/// Most fridges and freezers a plan lists.
pub const STORES_MAX: usize = 100;

text_enum! {
    /// What keeps the food cold: how long it stays safe without power depends on it.
    pub enum ColdKind {
        Fridge = "fridge",
        FreezerFull = "freezer_full",
        FreezerHalf = "freezer_half",
    }
}

text_enum! {
    /// Where a clock stands: time left, the limit close, past it, or power back.
    pub enum ColdState {
        Ok = "ok",
        Warning = "warning",
        Past = "past",
        Stopped = "stopped",
    }
}

/// `costs/cold_chain.json`: the guidance's safe times per kind and its source per language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Guidance {
    checked_on: NaiveDate,
    safe_minutes: HashMap<ColdKind, u32>,
    source: HashMap<Language, SourceData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceData {
    name: String,
    url: String,
}

const GUIDANCE_JSON: &str = include_str!("../../costs/cold_chain.json");

fn guidance() -> &'static Guidance {
    static READ: OnceLock<Guidance> = OnceLock::new();
    READ.get_or_init(|| {
        serde_json::from_str(GUIDANCE_JSON)
            .unwrap_or_else(|e| unreachable!("costs/cold_chain.json reads (see the tests): {e}"))
    })
}

/// The guidance's safe time for a kind, in minutes.
pub fn default_minutes(kind: ColdKind) -> u32 {
    guidance().safe_minutes.get(&kind).copied().unwrap_or(240)
}

/// Where the safe times come from, in the owner's language, and when it was checked.
pub fn source(language: Language) -> ColdSource {
    let g = guidance();
    let data = g
        .source
        .get(&language)
        .or_else(|| g.source.get(&Language::En));
    ColdSource {
        name: data.map(|d| d.name.clone()).unwrap_or_default(),
        url: data.map(|d| d.url.clone()).unwrap_or_default(),
        checked_on: g.checked_on,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdSource {
    pub name: String,
    pub url: String,
    pub checked_on: NaiveDate,
}

/// The guidance's safe time for one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdDefault {
    pub kind: ColdKind,
    pub safe_minutes: u32,
}

/// A fridge or freezer of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdStore {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: ColdKind,
    pub safe_minutes: u32,
    /// The service whose loss stops it; `None`: any outage whose cause is power.
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
}

/// The plan's fridges and freezers, with the guidance their safe times start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdStores {
    pub stores: Vec<ColdStore>,
    pub defaults: Vec<ColdDefault>,
    pub source: ColdSource,
}

/// A fridge or freezer as the owner fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdStoreInput {
    pub name: String,
    pub kind: ColdKind,
    /// Blank: the guidance's for its kind.
    #[ts(type = "number | null")]
    pub safe_minutes: Option<i64>,
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
}

/// A temperature the owner read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdReading {
    #[ts(type = "number")]
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Tenths of a degree Celsius.
    pub tenths: i32,
    /// As the owner reads it (`6,5 °C`).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdReadingInput {
    /// As typed: `6,5`, `6.5`, `-18`.
    pub celsius: String,
    /// When it was read; `None`: now.
    pub at: Option<DateTime<Utc>>,
}

/// One fridge's or freezer's clock during an outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColdClock {
    #[ts(type = "number")]
    pub store_id: i64,
    pub name: String,
    pub kind: ColdKind,
    pub safe_minutes: u32,
    pub started_at: DateTime<Utc>,
    pub limit_at: DateTime<Utc>,
    /// When its power came back (or the outage was resolved); `None` while it runs.
    pub stopped_at: Option<DateTime<Utc>>,
    /// Until the limit, at `now` or when it stopped; below zero: past it by that much.
    #[ts(type = "number")]
    pub minutes_left: i64,
    pub state: ColdState,
    pub readings: Vec<ColdReading>,
}

/// Reads a temperature typed in degrees Celsius (`6,5`, `6.5`, `-18`, `4 °C`) as tenths.
pub fn parse_celsius(text: &str) -> Option<i32> {
    let text = text.trim();
    let text = text
        .strip_suffix("°C")
        .or_else(|| text.strip_suffix('°'))
        .or_else(|| text.strip_suffix('C'))
        .unwrap_or(text)
        .trim_end();
    let (negative, digits) = match text.chars().next()? {
        '-' | '−' => (true, text.trim_start_matches(['-', '−']).trim_start()),
        '+' => (false, text[1..].trim_start()),
        _ => (false, text),
    };
    let (whole, tenth) = match digits.split_once(['.', ',']) {
        Some((w, t)) => (w, t),
        None => (digits, ""),
    };
    if whole.is_empty() && tenth.is_empty()
        || whole.len() > 3
        || tenth.len() > 1
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !tenth.bytes().all(|b| b.is_ascii_digit())
        || digits.matches(['.', ',']).count() > 1
    {
        return None;
    }
    let whole: i32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let tenth: i32 = if tenth.is_empty() {
        0
    } else {
        tenth.parse().ok()?
    };
    let tenths = whole * 10 + tenth;
    let tenths = if negative { -tenths } else { tenths };
    (tenths.abs() <= CELSIUS_MAX * 10).then_some(tenths)
}

/// Tenths of a degree as the owner reads them: `6,5 °C` in French, `6.5 °C` in English,
/// `-18 °C` without a tenth.
pub fn format_celsius(tenths: i32, language: Language) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    let mark = match language {
        Language::Fr => ',',
        _ => '.',
    };
    if tenth == 0 {
        format!("{sign}{whole} °C")
    } else {
        format!("{sign}{whole}{mark}{tenth} °C")
    }
}

/// An incident's drill flag, start, resolve time and cause, as stored.
type OutageTimes = (bool, DateTime<Utc>, Option<DateTime<Utc>>, String);

/// Where a clock stands at `now`.
fn clock_state(
    limit_at: DateTime<Utc>,
    stopped_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (i64, ColdState) {
    let end = stopped_at.map_or(now, |stop| stop.min(now));
    let seconds = (limit_at - end).num_seconds();
    let minutes_left = seconds.div_euclid(60);
    let state = if stopped_at.is_some() {
        ColdState::Stopped
    } else if seconds <= 0 {
        ColdState::Past
    } else if seconds <= WARN_MINUTES * 60 {
        ColdState::Warning
    } else {
        ColdState::Ok
    };
    (minutes_left, state)
}

impl Store {
    /// The plan's fridges and freezers in the plan's order.
    pub fn cold_stores(&self) -> CoreResult<ColdStores> {
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let rows: Vec<(i64, String, String, u32, Option<i64>)> = self
            .conn
            .prepare_cached(
                "SELECT id, name, kind, safe_minutes, service_id FROM cold_stores
                 ORDER BY position, id",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let stores = rows
            .into_iter()
            .map(|(id, name, kind, safe_minutes, service_id)| {
                Ok(ColdStore {
                    id,
                    name,
                    kind: ColdKind::parse_stored(&kind)?,
                    safe_minutes,
                    service_id,
                })
            })
            .collect::<CoreResult<_>>()?;
        Ok(ColdStores {
            stores,
            defaults: ColdKind::ALL
                .iter()
                .map(|&kind| ColdDefault {
                    kind,
                    safe_minutes: default_minutes(kind),
                })
                .collect(),
            source: source(language),
        })
    }

    /// Adds a fridge or freezer to the plan (`id` `None`) or changes one.
    pub fn save_cold_store(
        &mut self,
        id: Option<i64>,
        input: &ColdStoreInput,
        now: DateTime<Utc>,
    ) -> CoreResult<ColdStores> {
        use ColdStoreField as F;
        let mut p = Problems::default();
        let name = p.text(F::Name, &input.name, LINE_MAX);
        if name.is_empty() {
            p.add(F::Name, FieldProblem::Required);
        }
        let safe_minutes = match input.safe_minutes {
            None => default_minutes(input.kind),
            Some(m) if m < 1 => {
                p.add(F::SafeMinutes, FieldProblem::NotPositive);
                1
            }
            Some(m) if m > i64::from(SAFE_MINUTES_MAX) => {
                p.add(
                    F::SafeMinutes,
                    FieldProblem::TooLarge {
                        max: SAFE_MINUTES_MAX,
                    },
                );
                1
            }
            Some(m) => u32::try_from(m).unwrap_or(1),
        };
        let tx = self.conn.transaction()?;
        if let Some(service) = input.service_id {
            if !tx
                .prepare_cached("SELECT 1 FROM services WHERE id = ?1")?
                .exists([service])?
            {
                p.add(F::ServiceId, FieldProblem::Unknown);
            }
        }
        match id {
            Some(id) => {
                if !tx
                    .prepare_cached("SELECT 1 FROM cold_stores WHERE id = ?1")?
                    .exists([id])?
                {
                    return Err(CoreError::NotFound(format!("cold store {id}")));
                }
            }
            None => {
                let n: i64 = tx.query_row("SELECT count(*) FROM cold_stores", [], |r| r.get(0))?;
                if usize::try_from(n).unwrap_or(usize::MAX) >= STORES_MAX {
                    p.add(
                        F::Name,
                        FieldProblem::TooLarge {
                            max: STORES_MAX as u32,
                        },
                    );
                }
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        match id {
            Some(id) => {
                tx.execute(
                    "UPDATE cold_stores SET name = ?2, kind = ?3, safe_minutes = ?4,
                         service_id = ?5, updated_at = ?6
                     WHERE id = ?1",
                    params![
                        id,
                        name,
                        input.kind.as_str(),
                        safe_minutes,
                        input.service_id,
                        now
                    ],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO cold_stores (position, name, kind, safe_minutes, service_id,
                         created_at, updated_at)
                     VALUES ((SELECT coalesce(max(position), -1) + 1 FROM cold_stores),
                             ?1, ?2, ?3, ?4, ?5, ?5)",
                    params![
                        name,
                        input.kind.as_str(),
                        safe_minutes,
                        input.service_id,
                        now
                    ],
                )?;
            }
        }
        tx.commit()?;
        self.cold_stores()
    }

    /// Takes a fridge or freezer off the plan; readings already taken keep its name.
    pub fn delete_cold_store(&mut self, id: i64) -> CoreResult<ColdStores> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM cold_stores WHERE id = ?1", [id])? == 0 {
            return Err(CoreError::NotFound(format!("cold store {id}")));
        }
        tx.commit()?;
        self.cold_stores()
    }

    /// Moves a fridge or freezer to `to` in the plan's order (0: first; past the end: last).
    pub fn move_cold_store(
        &mut self,
        id: i64,
        to: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<ColdStores> {
        let tx = self.conn.transaction()?;
        let mut ids: Vec<i64> = tx
            .prepare("SELECT id FROM cold_stores ORDER BY position, id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let from = ids
            .iter()
            .position(|s| *s == id)
            .ok_or_else(|| CoreError::NotFound(format!("cold store {id}")))?;
        ids.remove(from);
        let to = (to as usize).min(ids.len());
        ids.insert(to, id);
        for (position, store) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE cold_stores SET position = ?2 WHERE id = ?1",
                params![store, position as i64],
            )?;
        }
        tx.execute(
            "UPDATE cold_stores SET updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        tx.commit()?;
        self.cold_stores()
    }

    /// The clocks of the fridges and freezers an outage stops: each store whose service is
    /// down in it, or with no service, when its cause is power. A drill's incident has none.
    pub fn cold_clocks(&self, incident: i64, now: DateTime<Utc>) -> CoreResult<Vec<ColdClock>> {
        let row: Option<OutageTimes> = self
            .conn
            .query_row(
                "SELECT drill, started_at, resolved_at, cause FROM incidents WHERE id = ?1",
                [incident],
                |r| {
                    Ok((
                        r.get(0)?,
                        crate::moments::utc_at(r, 1)?,
                        crate::moments::utc_at_opt(r, 2)?,
                        r.get(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((drill, started_at, resolved_at, cause)) = row else {
            return Err(CoreError::NotFound(format!("incident {incident}")));
        };
        if drill {
            return Ok(Vec::new());
        }
        let power = cause == crate::vocabulary::Cause::Power.as_str();
        let down: Vec<(i64, Option<DateTime<Utc>>)> = self
            .conn
            .prepare_cached(
                "SELECT service_id, restored_at FROM incident_services
                 WHERE incident_id = ?1 AND service_id IS NOT NULL",
            )?
            .query_map([incident], |r| {
                Ok((r.get(0)?, crate::moments::utc_at_opt(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let mut clocks = Vec::new();
        for store in self.cold_stores()?.stores {
            let stopped_at = match store.service_id {
                Some(service) => match down.iter().find(|(s, _)| *s == service) {
                    Some((_, restored)) => restored.or(resolved_at),
                    None => continue,
                },
                None if power => resolved_at,
                None => continue,
            };
            let limit_at = started_at + Duration::minutes(i64::from(store.safe_minutes));
            let (minutes_left, state) = clock_state(limit_at, stopped_at, now);
            let readings = self
                .conn
                .prepare_cached(
                    "SELECT id, at, tenths FROM cold_readings
                     WHERE incident_id = ?1 AND cold_store_id = ?2 ORDER BY at, id",
                )?
                .query_map(params![incident, store.id], |r| {
                    let tenths: i32 = r.get(2)?;
                    Ok(ColdReading {
                        id: r.get(0)?,
                        at: crate::moments::utc_at(r, 1)?,
                        tenths,
                        text: format_celsius(tenths, language),
                    })
                })?
                .collect::<Result<_, _>>()?;
            clocks.push(ColdClock {
                store_id: store.id,
                name: store.name,
                kind: store.kind,
                safe_minutes: store.safe_minutes,
                started_at,
                limit_at,
                stopped_at,
                minutes_left,
                state,
                readings,
            });
        }
        Ok(clocks)
    }

    /// Logs a temperature read in a fridge or freezer during an outage.
    pub fn add_cold_reading(
        &mut self,
        incident: i64,
        store: i64,
        input: &ColdReadingInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<ColdClock>> {
        use ColdReadingField as F;
        let mut p = Problems::default();
        let tenths = if input.celsius.trim().is_empty() {
            p.add(F::Celsius, FieldProblem::Required);
            None
        } else {
            let tenths = parse_celsius(&input.celsius);
            if tenths.is_none() {
                p.add(F::Celsius, FieldProblem::NotATemperature);
            }
            tenths
        };
        let at = input.at.unwrap_or(now);
        let tx = self.conn.transaction()?;
        let started_at = real_incident(&tx, incident, F::Celsius)?;
        if at < started_at || at > now + Duration::minutes(1) {
            p.add(F::At, FieldProblem::OutsideOutage);
        }
        let name: String = tx
            .query_row("SELECT name FROM cold_stores WHERE id = ?1", [store], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("cold store {store}")))?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM cold_readings WHERE incident_id = ?1",
            [incident],
            |r| r.get(0),
        )?;
        if usize::try_from(n).unwrap_or(usize::MAX) >= MAX_ENTRIES {
            p.add(
                F::Celsius,
                FieldProblem::TooLarge {
                    max: MAX_ENTRIES as u32,
                },
            );
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tenths = tenths.unwrap_or_default();
        tx.execute(
            "INSERT INTO cold_readings (incident_id, cold_store_id, store_name, at, tenths)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![incident, store, name, at, tenths],
        )?;
        let language = language_in(&tx)?;
        event(
            &tx,
            incident,
            now,
            Happened::TemperatureRead {
                store: name,
                reading: format_celsius(tenths, language),
            },
        )?;
        tx.commit()?;
        self.cold_clocks(incident, now)
    }
}

#[cfg(test)]
mod tests;
