//! A drill run: started on an incident marked as a drill (through the same start as a real
//! outage), its own clock (real time or faster, paused at will), the surprises it throws, the
//! answers and the numbers that did not work, and its end (resolved, abandoned, or stopped
//! because a real outage started: the real one always wins). Every write is one transaction
//! with one timeline event on the drill's incident.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::scenarios::{self, data, Cast};
use super::{BadNumber, Drill, DrillOutcome, DrillSpeed, DrillStart, DrillSummary, Scenario};
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldError, FieldProblem};
use crate::field_paths::{BadNumberField, DrillField, DrillStartField, InjectAnswerField};
use crate::fields::{Problems, LINE_MAX};
use crate::incidents::drill::{drill_clock, finish_drill};
use crate::incidents::write::{event, insert_incident};
use crate::incidents::{Happened, IncidentStart};
use crate::moments::{utc_at, utc_at_opt};
use crate::store::Store;

/// Most numbers one drill may mark as not working.
pub const MAX_BAD_NUMBERS: usize = 200;

/// A drill's row as stored.
pub(crate) struct DrillRow {
    pub(crate) id: i64,
    pub(crate) incident_id: i64,
    pub(crate) scenario: Scenario,
    pub(crate) service_id: Option<i64>,
    pub(crate) speed: DrillSpeed,
    pub(crate) started_at: DateTime<Utc>,
    pub(crate) clock_seconds: i64,
    pub(crate) running_since: Option<DateTime<Utc>>,
    pub(crate) ended_at: Option<DateTime<Utc>>,
    pub(crate) outcome: Option<DrillOutcome>,
}

impl DrillRow {
    /// Drill time gone at `now`, in seconds.
    pub(crate) fn clock(&self, now: DateTime<Utc>) -> i64 {
        drill_clock(self.clock_seconds, self.running_since, self.speed, now)
    }

    /// When (real time) the drill's clock reaches `minute`, while it runs.
    pub(crate) fn reaches(&self, minute: u32) -> Option<DateTime<Utc>> {
        let since = self.running_since?;
        let left = i64::from(minute) * 60 - self.clock_seconds;
        if left <= 0 {
            return Some(since);
        }
        let factor = self.speed.factor();
        Some(since + Duration::seconds((left + factor - 1) / factor))
    }
}

const ROW: &str = "SELECT id, incident_id, scenario, service_id, speed, started_at, clock_seconds,
        running_since, ended_at, outcome FROM drills";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(DrillRowText, DrillRowTimes)> {
    Ok((
        (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(6)?,
            r.get(9)?,
        ),
        (utc_at(r, 5)?, utc_at_opt(r, 7)?, utc_at_opt(r, 8)?),
    ))
}

type DrillRowText = (i64, i64, String, Option<i64>, String, i64, Option<String>);
type DrillRowTimes = (DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn to_row((text, times): (DrillRowText, DrillRowTimes)) -> CoreResult<DrillRow> {
    let (id, incident_id, scenario, service_id, speed, clock_seconds, outcome) = text;
    let (started_at, running_since, ended_at) = times;
    Ok(DrillRow {
        id,
        incident_id,
        scenario: Scenario::parse_stored(&scenario)?,
        service_id,
        speed: DrillSpeed::parse_stored(&speed)?,
        started_at,
        clock_seconds,
        running_since,
        ended_at,
        outcome: outcome
            .as_deref()
            .map(DrillOutcome::parse_stored)
            .transpose()?,
    })
}

pub(crate) fn drill_row(conn: &Connection, id: i64) -> CoreResult<DrillRow> {
    let row = conn
        .query_row(&format!("{ROW} WHERE id = ?1"), [id], read_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("drill {id}")))?;
    to_row(row)
}

/// The drills not ended (at most one, but read as many as the file holds).
pub(crate) fn open_drill_rows(conn: &Connection) -> CoreResult<Vec<DrillRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ROW} WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([], read_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_row).collect()
}

fn refused(field: impl crate::field_paths::FieldPath, problem: FieldProblem) -> CoreError {
    CoreError::Validation(vec![FieldError::new(field, problem)])
}

/// A drill's stored surprise state: (inject, fired_at, answer, answered_at).
type InjectState = (
    String,
    Option<DateTime<Utc>>,
    Option<String>,
    Option<DateTime<Utc>>,
);

impl Store {
    fn language(&self) -> CoreResult<Language> {
        Ok(self.business()?.map_or(Language::En, |b| b.language))
    }

    pub(crate) fn drill_cast_of(&self, row: &DrillRow, language: Language) -> CoreResult<Cast> {
        match row.service_id {
            Some(id) if self.service(id).is_ok() => {
                self.drill_cast(row.scenario, Some(id), language)
            }
            // The service was deleted since: the plain words, never a missing service.
            _ if row.service_id.is_some() => Ok(Cast::default()),
            _ if row.scenario == Scenario::Own => Ok(Cast::default()),
            _ => {
                let mut cast = self.drill_cast(row.scenario, None, language)?;
                // Its words name no service that was not part of it.
                cast.service = None;
                cast.service_id = None;
                cast.workaround = None;
                Ok(cast)
            }
        }
    }

    /// Starts a drill: an incident marked as a drill on the scenario's service (or, for a
    /// scenario that can run without one, on "something else"), through the same start as a
    /// real outage, its clock running and its surprises waiting. Refused while a real
    /// outage or another drill is open, for `own` without a service, and for a service that
    /// is not in the plan.
    pub fn start_drill(&mut self, start: &DrillStart, now: DateTime<Utc>) -> CoreResult<Drill> {
        let language = self.language()?;
        let mut p: Problems<DrillStartField> = Problems::default();
        if self.open_incident_id()?.is_some() {
            p.add(DrillStartField::Scenario, FieldProblem::OutageOpen);
        } else if !open_drill_rows(&self.conn)?.is_empty() {
            p.add(DrillStartField::Scenario, FieldProblem::DrillOpen);
        }
        if let Some(id) = start.service_id {
            if self.service(id).is_err() {
                p.add(DrillStartField::ServiceId, FieldProblem::Unknown);
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        let cast = self.drill_cast(start.scenario, start.service_id, language)?;
        if cast.service_id.is_none() && data(start.scenario).needs_service {
            return Err(refused(DrillStartField::ServiceId, FieldProblem::Required));
        }
        let (title, _) = scenarios::title_and_situation(start.scenario, &cast, language);
        let mut checked = self.check_start(
            &IncidentStart {
                service_ids: cast.service_id.into_iter().collect(),
                something_else: if cast.service_id.is_some() {
                    String::new()
                } else {
                    scenarios::something_else(start.scenario, language)
                },
                started_at: None,
            },
            now,
        )?;
        checked.drill = Some((title, start.speed));
        let tx = self.conn.transaction()?;
        let incident = insert_incident(&tx, &checked, now)?;
        tx.execute(
            "INSERT INTO drills (incident_id, scenario, service_id, speed, started_at,
                clock_seconds, running_since, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?5, ?5)",
            params![
                incident,
                start.scenario.as_str(),
                cast.service_id,
                start.speed.as_str(),
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        for inject in &data(start.scenario).injects {
            tx.execute(
                "INSERT INTO drill_injects (drill_id, inject) VALUES (?1, ?2)",
                params![id, inject.key],
            )?;
        }
        tx.commit()?;
        self.drill(id, now)
    }

    /// A drill as of `now`: its clock, its surprises with what became of them, the numbers
    /// that did not work.
    pub fn drill(&self, id: i64, now: DateTime<Utc>) -> CoreResult<Drill> {
        let row = drill_row(&self.conn, id)?;
        let language = self.language()?;
        let cast = self.drill_cast_of(&row, language)?;
        let (title, situation) = scenarios::title_and_situation(row.scenario, &cast, language);
        let states: Vec<InjectState> = self
            .conn
            .prepare_cached(
                "SELECT inject, fired_at, answer, answered_at FROM drill_injects
                 WHERE drill_id = ?1",
            )?
            .query_map([id], |r| {
                Ok((r.get(0)?, utc_at_opt(r, 1)?, r.get(2)?, utc_at_opt(r, 3)?))
            })?
            .collect::<Result<_, _>>()?;
        let injects = data(row.scenario)
            .injects
            .iter()
            .filter_map(|inject| {
                let state = states.iter().find(|s| s.0 == inject.key)?;
                let mut shown = scenarios::inject(inject, &cast, language);
                shown.fired_at = state.1;
                shown.answer = state.2.clone();
                shown.answered_at = state.3;
                Some(shown)
            })
            .collect();
        let bad_numbers = self
            .conn
            .prepare_cached(
                "SELECT id, contact_id, name, number, at FROM drill_bad_numbers
                 WHERE drill_id = ?1 ORDER BY at, id",
            )?
            .query_map([id], |r| {
                Ok(BadNumber {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    name: r.get(2)?,
                    number: r.get(3)?,
                    at: utc_at(r, 4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Drill {
            id,
            incident_id: row.incident_id,
            scenario: row.scenario,
            service_id: row.service_id,
            title,
            situation,
            speed: row.speed,
            started_at: row.started_at,
            clock_seconds: u32::try_from(row.clock(now).max(0)).unwrap_or(u32::MAX),
            paused: row.ended_at.is_none() && row.running_since.is_none(),
            ended_at: row.ended_at,
            outcome: row.outcome,
            injects,
            bad_numbers,
        })
    }

    /// The drill in progress (running or paused), if any.
    pub fn open_drill(&self, now: DateTime<Utc>) -> CoreResult<Option<Drill>> {
        match open_drill_rows(&self.conn)?.first() {
            Some(row) => Ok(Some(self.drill(row.id, now)?)),
            None => Ok(None),
        }
    }

    /// The drill in progress, as one line (for the home screen).
    pub fn open_drill_summary(&self) -> CoreResult<Option<DrillSummary>> {
        let Some(id) = open_drill_rows(&self.conn)?.first().map(|r| r.id) else {
            return Ok(None);
        };
        Ok(self.list_drills()?.into_iter().find(|d| d.id == id))
    }

    /// Every drill, the newest first.
    pub fn list_drills(&self) -> CoreResult<Vec<DrillSummary>> {
        let language = self.language()?;
        let rows: Vec<(DrillRowText, DrillRowTimes)> = self
            .conn
            .prepare_cached(&format!("{ROW} ORDER BY started_at DESC, id DESC"))?
            .query_map([], read_row)?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let row = to_row(row)?;
            let cast = self.drill_cast_of(&row, language)?;
            let (title, _) = scenarios::title_and_situation(row.scenario, &cast, language);
            out.push(DrillSummary {
                id: row.id,
                incident_id: row.incident_id,
                scenario: row.scenario,
                title,
                started_at: row.started_at,
                ended_at: row.ended_at,
                outcome: row.outcome,
            });
        }
        Ok(out)
    }

    /// A drill not ended, or the refusal that it has.
    fn running_row(&self, id: i64) -> CoreResult<DrillRow> {
        let row = drill_row(&self.conn, id)?;
        if row.ended_at.is_some() {
            return Err(refused(DrillField::Id, FieldProblem::Ended));
        }
        Ok(row)
    }

    /// Stops the drill's clock: no surprise comes while it is paused.
    pub fn pause_drill(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Drill> {
        let row = self.running_row(id)?;
        if row.running_since.is_none() {
            return self.drill(id, now);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE drills SET clock_seconds = ?2, running_since = NULL, updated_at = ?3
             WHERE id = ?1",
            params![id, row.clock(now), now],
        )?;
        event(&tx, row.incident_id, now, Happened::DrillPaused)?;
        tx.commit()?;
        self.drill(id, now)
    }

    /// Starts the drill's clock again where it stopped.
    pub fn resume_drill(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Drill> {
        let row = self.running_row(id)?;
        if row.running_since.is_some() {
            return self.drill(id, now);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE drills SET running_since = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        event(&tx, row.incident_id, now, Happened::DrillResumed)?;
        tx.commit()?;
        self.drill(id, now)
    }

    /// Changes how fast the drill's clock runs from now on (the time gone so far kept).
    pub fn set_drill_speed(
        &mut self,
        id: i64,
        speed: DrillSpeed,
        now: DateTime<Utc>,
    ) -> CoreResult<Drill> {
        let row = self.running_row(id)?;
        if row.speed == speed {
            return self.drill(id, now);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE drills SET clock_seconds = ?2, speed = ?3,
                running_since = CASE WHEN running_since IS NULL THEN NULL ELSE ?4 END,
                updated_at = ?4
             WHERE id = ?1",
            params![id, row.clock(now), speed.as_str(), now],
        )?;
        event(
            &tx,
            row.incident_id,
            now,
            Happened::DrillSpeedChanged { speed },
        )?;
        tx.commit()?;
        self.drill(id, now)
    }

    /// Records the owner's decision on a surprise that has come: one of its own choices.
    pub fn answer_inject(
        &mut self,
        id: i64,
        inject: &str,
        answer: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Drill> {
        let row = self.running_row(id)?;
        let Some(data) = data(row.scenario).injects.iter().find(|i| i.key == inject) else {
            return Err(refused(InjectAnswerField::Inject, FieldProblem::Unknown));
        };
        let fired: Option<Option<DateTime<Utc>>> = self
            .conn
            .query_row(
                "SELECT fired_at FROM drill_injects WHERE drill_id = ?1 AND inject = ?2",
                params![id, inject],
                |r| utc_at_opt(r, 0),
            )
            .optional()?;
        let Some(fired) = fired else {
            return Err(refused(InjectAnswerField::Inject, FieldProblem::Unknown));
        };
        // Come: announced, or due on the drill's clock (the announcement may be on its way).
        if fired.is_none() && row.clock(now) < i64::from(data.minute) * 60 {
            return Err(refused(InjectAnswerField::Inject, FieldProblem::NotYet));
        }
        if !data.choices.iter().any(|c| c == answer) {
            return Err(refused(InjectAnswerField::Answer, FieldProblem::Unknown));
        }
        let language = self.language()?;
        let cast = self.drill_cast_of(&row, language)?;
        let shown = scenarios::inject(data, &cast, language);
        let text = shown
            .choices
            .iter()
            .find(|c| c.key == answer)
            .map_or_else(|| answer.to_owned(), |c| c.text.clone());
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE drill_injects SET fired_at = coalesce(fired_at, ?3), answer = ?4,
                answered_at = ?3
             WHERE drill_id = ?1 AND inject = ?2",
            params![id, inject, now, answer],
        )?;
        tx.execute(
            "UPDATE drills SET updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        event(
            &tx,
            row.incident_id,
            now,
            Happened::InjectAnswered {
                inject: inject.to_owned(),
                answer: answer.to_owned(),
                text,
            },
        )?;
        tx.commit()?;
        self.drill(id, now)
    }

    /// Notes a number that did not work during the drill: a contact's (its name copied) or
    /// one written down.
    pub fn mark_number_bad(
        &mut self,
        id: i64,
        contact_id: Option<i64>,
        number: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Drill> {
        let row = self.running_row(id)?;
        let mut p = Problems::default();
        let number = p.text(BadNumberField::Number, number, LINE_MAX);
        let mut name = String::new();
        if let Some(contact_id) = contact_id {
            match self.contact(contact_id) {
                Ok(contact) => name = contact.details.display_name().to_owned(),
                Err(_) => p.add(BadNumberField::ContactId, FieldProblem::Unknown),
            }
        }
        if number.is_empty() {
            p.add(BadNumberField::Number, FieldProblem::Required);
        }
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM drill_bad_numbers WHERE drill_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if count >= MAX_BAD_NUMBERS as i64 {
            p.add(
                BadNumberField::Number,
                FieldProblem::TooLarge {
                    max: MAX_BAD_NUMBERS as u32,
                },
            );
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO drill_bad_numbers (drill_id, contact_id, name, number, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, contact_id, name, number, now],
        )?;
        tx.execute(
            "UPDATE drills SET updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        event(
            &tx,
            row.incident_id,
            now,
            Happened::NumberBad { name, number },
        )?;
        tx.commit()?;
        self.drill(id, now)
    }

    /// Abandons a drill: its clock stops, its incident is resolved. Ending an ended drill
    /// changes nothing.
    pub fn end_drill(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Drill> {
        let row = drill_row(&self.conn, id)?;
        if row.ended_at.is_some() {
            return self.drill(id, now);
        }
        // Unchecked: what the drill found is read through the store inside it (see
        // `Store::record_actions_of_ended_drill`).
        let tx = self.conn.unchecked_transaction()?;
        finish_drill(&tx, row.id, DrillOutcome::Abandoned, now)?;
        event(
            &tx,
            row.incident_id,
            now,
            Happened::DrillEnded {
                outcome: DrillOutcome::Abandoned,
            },
        )?;
        // What it found: the numbers that did not work (see `drills::actions`).
        self.record_actions_of_ended_drill(&tx, row.incident_id, now)?;
        tx.commit()?;
        self.drill(id, now)
    }
}

/// A surprise announced by the reminder pass: marked as come (once: the first time counts),
/// and written in the drill's timeline. Part of the pass's transaction.
pub(crate) fn mark_fired(
    tx: &Transaction<'_>,
    drill: i64,
    inject: &str,
    text: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let changed = tx.execute(
        "UPDATE drill_injects SET fired_at = ?3
         WHERE drill_id = ?1 AND inject = ?2 AND fired_at IS NULL",
        params![drill, inject, now],
    )?;
    if changed == 1 {
        let incident: i64 = tx.query_row(
            "SELECT incident_id FROM drills WHERE id = ?1",
            [drill],
            |r| r.get(0),
        )?;
        event(
            tx,
            incident,
            now,
            Happened::InjectThrown {
                inject: inject.to_owned(),
                text: text.to_owned(),
            },
        )?;
    }
    Ok(())
}
