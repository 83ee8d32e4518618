//! What to fix, found by a drill, fed back into the plan: each number that did not work, and
//! each objective rated with major challenges or not performed, becomes an action with an
//! owner (the holder of the role responsible, else the owner) and a due date two weeks on.
//! Open actions show in the plan's "What is missing" and, once past due, as a calm-day
//! reminder; a number's action is done once the contact no longer has that number (the
//! contact's save marks it, `contacts::update_contact_in`), any action once the owner says so.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::score::{Objective, WORDS};
use super::{PlanAction, Rating};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::PlanActionField;
use crate::fields::{Problems, LINE_MAX};
use crate::store::Store;
use crate::team::{RoleKind, Team};

/// How long the owner has to fix what a drill found.
pub const DUE_IN_DAYS: u64 = 14;
/// The kind of an action about a number that did not work; other actions are of their
/// objective's kind (`first_notice`…).
pub const BAD_NUMBER: &str = "bad_number";

/// An action about to be written, computed before the drill's ending transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewAction {
    pub kind: String,
    pub contact_id: Option<i64>,
    pub service_id: Option<i64>,
    pub subject: String,
    pub text: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// The role whose holder answers for an objective (`None`: the owner).
fn responsible(objective: Objective) -> Option<RoleKind> {
    match objective {
        Objective::FirstNotice | Objective::Notices => Some(RoleKind::TalksToCustomers),
        Objective::Workaround => Some(RoleKind::RunsWorkaround),
        Objective::Numbers => Some(RoleKind::CallsProviders),
        Objective::Assess | Objective::Steps | Objective::Surprises => None,
    }
}

/// The first holder of the first role of `kind`, else the owner's name (may be empty).
fn owner_for(team: &Team, kind: Option<RoleKind>) -> String {
    kind.and_then(|kind| {
        team.roles
            .iter()
            .filter(|r| r.details.kind == kind)
            .find_map(|r| r.details.holder_ids.first())
            .and_then(|id| team.person(*id))
            .map(|p| p.contact.details.display_name().to_owned())
    })
    .unwrap_or_else(|| team.settings.owner_name.clone())
}

fn action_from_row(row: &Row<'_>) -> rusqlite::Result<PlanAction> {
    Ok(PlanAction {
        id: row.get(0)?,
        drill_id: row.get(1)?,
        kind: row.get(2)?,
        contact_id: row.get(3)?,
        service_id: row.get(4)?,
        text: row.get(5)?,
        owner: row.get(6)?,
        due_on: row.get(7)?,
        created_at: row.get(8)?,
        done_at: row.get(9)?,
    })
}

const ACTION_COLUMNS: &str =
    "id, drill_id, kind, contact_id, service_id, text, owner, due_on, created_at, done_at";

/// Writes what a drill found, once: nothing when the drill already has its actions. Part of
/// the caller's transaction (the drill's ending); `actions` from
/// [`Store::drill_actions_to_record`], read just before it.
pub(crate) fn record_drill_actions(
    tx: &Transaction<'_>,
    drill_id: i64,
    actions: &[NewAction],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let recorded = tx
        .query_row(
            "SELECT 1 FROM plan_actions WHERE drill_id = ?1 LIMIT 1",
            [drill_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if recorded {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO plan_actions
            (drill_id, kind, contact_id, service_id, subject, text, owner, due_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for a in actions {
        insert.execute(params![
            drill_id,
            a.kind,
            a.contact_id,
            a.service_id,
            a.subject,
            a.text,
            a.owner,
            a.due_on,
            now
        ])?;
    }
    Ok(())
}

impl Store {
    /// What a drill found to fix, in the business's language: each number that did not work,
    /// then each objective rated with major challenges or not performed.
    pub(crate) fn drill_actions_to_record(
        &self,
        drill_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<NewAction>> {
        let language = self.business_language()?;
        let drill = self.drill_record(drill_id)?;
        let service_id: Option<i64> = self.conn.query_row(
            "SELECT service_id FROM drills WHERE id = ?1",
            [drill_id],
            |r| r.get(0),
        )?;
        let team = self.team(language)?;
        let words = WORDS.get(language);
        let due_on = now
            .date_naive()
            .checked_add_days(Days::new(DUE_IN_DAYS))
            .unwrap_or(now.date_naive());
        let mut out = Vec::new();
        for (contact_id, name, number) in &drill.bad_numbers {
            out.push(NewAction {
                kind: BAD_NUMBER.into(),
                contact_id: *contact_id,
                service_id: None,
                subject: number.clone(),
                text: words
                    .bad_number
                    .replace("{name}", name)
                    .replace("{number}", number),
                owner: owner_for(&team, Some(RoleKind::CallsProviders)),
                due_on,
            });
        }
        // A drill cut short (abandoned, or stopped for a real outage) was not gone through:
        // what it did not reach is no finding, but a number that did not work is.
        if drill.outcome != Some(super::DrillOutcome::Resolved) {
            return Ok(out);
        }
        let card = self.drill_scorecard(drill_id, language, drill.ended_at.unwrap_or(now))?;
        for objective in card.objectives {
            // A number is its own action, one per number, above.
            if objective.objective == Objective::Numbers
                || !matches!(
                    objective.rating,
                    Rating::MajorChallenges | Rating::NotPerformed
                )
            {
                continue;
            }
            out.push(NewAction {
                kind: objective.objective.as_str().into(),
                contact_id: None,
                service_id: (objective.objective == Objective::Workaround)
                    .then_some(service_id)
                    .flatten(),
                subject: String::new(),
                text: objective.fix,
                owner: owner_for(&team, responsible(objective.objective)),
                due_on,
            });
        }
        Ok(out)
    }

    /// Writes what a drill found to fix, once, in a transaction of its own: for the tests,
    /// which score a drill scripted straight into the tables. The app writes a drill's
    /// findings only in the write that ends it ([`Store::record_actions_of_ended_drill`]).
    #[cfg(test)]
    pub(crate) fn record_drill_actions(
        &mut self,
        drill_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let tx = self.conn.unchecked_transaction()?;
        self.record_drill_actions_in(&tx, drill_id, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Once the drill of `incident` has ended in `tx`, writes what it found there too (once):
    /// called by the writes that end a drill (resolving its outage, abandoning it) before they
    /// commit, so the end and its findings land together or not at all. `tx` must be this
    /// store's own (`Connection::unchecked_transaction`): the scorecard is read through the
    /// store, from the drill as it ended, which only that connection sees before the commit.
    pub(crate) fn record_actions_of_ended_drill(
        &self,
        tx: &Transaction<'_>,
        incident: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let drill: Option<i64> = tx
            .query_row(
                "SELECT id FROM drills WHERE incident_id = ?1 AND ended_at IS NOT NULL",
                [incident],
                |r| r.get(0),
            )
            .optional()?;
        match drill {
            Some(drill) => self.record_drill_actions_in(tx, drill, now),
            None => Ok(()),
        }
    }

    /// Writes what drill `drill_id` found (once) in `tx`, this store's own unchecked
    /// transaction that stopped or ended it: see [`Store::record_actions_of_ended_drill`].
    pub(crate) fn record_drill_actions_in(
        &self,
        tx: &Transaction<'_>,
        drill_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let actions = self.drill_actions_to_record(drill_id, now)?;
        record_drill_actions(tx, drill_id, &actions, now)
    }

    /// Every action drills found, open ones first (soonest due first), then those done.
    pub fn plan_actions(&self) -> CoreResult<Vec<PlanAction>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ACTION_COLUMNS} FROM plan_actions
                 ORDER BY done_at IS NOT NULL, due_on IS NULL, due_on, done_at DESC, id"
            ))?
            .query_map([], action_from_row)?
            .collect::<Result<_, _>>()?)
    }

    pub fn plan_action(&self, id: i64) -> CoreResult<PlanAction> {
        self.conn
            .query_row(
                &format!("SELECT {ACTION_COLUMNS} FROM plan_actions WHERE id = ?1"),
                [id],
                action_from_row,
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("plan action {id}")))
    }

    /// Who fixes it and by when. Refused next to its field: an owner over a line, a due date
    /// before today.
    pub fn save_plan_action(
        &mut self,
        id: i64,
        owner: &str,
        due_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> CoreResult<PlanAction> {
        let mut p = Problems::default();
        let owner = p.text(PlanActionField::Owner, owner, LINE_MAX);
        if due_on.is_some_and(|day| day < now.date_naive()) {
            p.add(PlanActionField::DueOn, FieldProblem::NotAhead);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE plan_actions SET owner = ?2, due_on = ?3 WHERE id = ?1",
            params![id, owner, due_on],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound(format!("plan action {id}")));
        }
        tx.commit()?;
        self.plan_action(id)
    }

    /// Marks an action done (done once: a second call keeps the first time).
    pub fn complete_plan_action(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<PlanAction> {
        let tx = self.conn.transaction()?;
        let found = tx.execute(
            "UPDATE plan_actions SET done_at = coalesce(done_at, ?2) WHERE id = ?1",
            params![id, now],
        )?;
        if found == 0 {
            return Err(CoreError::NotFound(format!("plan action {id}")));
        }
        tx.commit()?;
        self.plan_action(id)
    }
}

#[cfg(test)]
mod tests;
