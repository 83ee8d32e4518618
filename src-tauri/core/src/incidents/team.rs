//! During an outage, the team accounted for: where each member of staff stands (not called
//! yet, called with no answer, on the way, here, can't come, safe), each change kept with its
//! time, and the outage's tasks handed to one person ("Karim calls Ouest Power"). Read apart
//! from [`Store::incident`], so the incident itself stays one quick read.
//!
//! "Can't come" counts as accounted for in a danger outage: the person is not on site, so
//! nobody has to find them safe; it does not hold up resolving the outage.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checklist::Step;
use super::Happened;
use crate::business::Language;
use crate::contacts::{ContactKind, Phone};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::{CheckInField, HandOffField};
use crate::fields::Problems;
use crate::moments::utc_at_opt;
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::Choice;

text_enum! {
    /// Where one person of the team stands during an outage. The latest check-in is it;
    /// nobody checked in is `NotCalled`.
    pub enum TeamState {
        NotCalled = "not_called",
        NoAnswer = "no_answer",
        OnTheWay = "on_the_way",
        Here = "here",
        CantCome = "cant_come",
        Safe = "safe",
    }
}

impl TeamState {
    /// Whether, in a danger outage, this person is accounted for: marked safe, or not coming
    /// (so not on site).
    pub fn accounted_for(self) -> bool {
        matches!(self, Self::Safe | Self::CantCome)
    }
}

/// A person reached and not answering is tried again within this many minutes, or Steady
/// reminds the owner.
pub const TRY_AGAIN_MINUTES: i64 = 10;

/// What the owner (or whoever is at the keyboard) marks for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInInput {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub state: TeamState,
    /// When it happened, if before now; `None`: now. Never ahead, never before the outage.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub at: Option<DateTime<Utc>>,
    /// For someone on the way: when they expect to arrive (not before `at`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub arrival_at: Option<DateTime<Utc>>,
}

/// One change of a person's state, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    /// The person's name then.
    pub name: String,
    pub state: TeamState,
    pub at: DateTime<Utc>,
    pub arrival_at: Option<DateTime<Utc>>,
}

/// A task of the outage handed to one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// What it is, for good: `step:tell`, `call:<contact id>`, `workaround:<workaround id>`.
    pub task: String,
    /// Its words when it was handed over ("Ouest Power", "Cash only").
    pub label: String,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    /// Who does it, as named then.
    pub name: String,
    pub at: DateTime<Utc>,
}

/// One member of staff on the outage's Team panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub name: String,
    /// In the plan's call tree (those come first, in its order).
    pub in_call_tree: bool,
    pub phones: Vec<Phone>,
    /// The `tel:` link of each phone, in the same order (empty when it cannot be dialled).
    pub tel_links: Vec<String>,
    pub state: TeamState,
    /// Since when (`None`: never marked during this outage).
    pub since: Option<DateTime<Utc>>,
    /// The latest check-in, which a reminder about this person is named after.
    #[ts(type = "number | null")]
    pub check_in_id: Option<i64>,
    /// For someone on the way: when they expect to arrive.
    pub arrival_at: Option<DateTime<Utc>>,
    /// That time has passed and they are still on the way.
    pub arrival_passed: bool,
    /// The roles they hold, by name.
    pub roles: Vec<String>,
    /// The tasks handed to them.
    pub tasks: Vec<Handoff>,
}

/// A role nobody who holds it can come to, and the stand-in to ask instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandInOffer {
    #[ts(type = "number")]
    pub role_id: i64,
    pub role: String,
    #[ts(type = "number")]
    pub stand_in_id: i64,
    pub stand_in: String,
    pub stand_in_state: TeamState,
}

/// The outage's Team panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentTeam {
    #[ts(type = "number")]
    pub incident_id: i64,
    pub danger: bool,
    pub resolved: bool,
    /// Every member of staff: the call tree's order first, then the others by name.
    pub people: Vec<TeamMember>,
    /// Every task handed over, in the order it was.
    pub handoffs: Vec<Handoff>,
    /// For each role whose people all can't come, its stand-in.
    pub stand_ins: Vec<StandInOffer>,
    /// In a danger outage, who is not yet accounted for (not marked safe, and not "can't
    /// come"); empty otherwise.
    pub not_safe: Vec<String>,
    /// Every check-in, in order: who was reached when.
    pub check_ins: Vec<CheckIn>,
}

/// A staff member's name as the team says it: the person, else what the owner wrote.
fn person_name(details: &crate::contacts::ContactDetails) -> String {
    if details.person.is_empty() {
        details.organisation.clone()
    } else {
        details.person.clone()
    }
}

/// What an outage needs to know of itself to take a check-in or a handoff.
struct Header {
    started_at: DateTime<Utc>,
    resolved: bool,
    danger: bool,
}

impl Store {
    fn incident_header(&self, id: i64) -> CoreResult<Header> {
        self.conn
            .prepare_cached("SELECT started_at, resolved_at, danger FROM incidents WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(Header {
                    started_at: crate::moments::utc_at(r, 0)?,
                    resolved: utc_at_opt(r, 1)?.is_some(),
                    danger: r.get(2)?,
                })
            })
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("incident {id}")))
    }

    /// Every check-in of an incident, in order.
    pub fn check_ins(&self, incident_id: i64) -> CoreResult<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, contact_id, name, state, at, arrival_at FROM team_check_ins
             WHERE incident_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt
            .query_map([incident_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    crate::moments::utc_at(r, 4)?,
                    utc_at_opt(r, 5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, contact_id, name, state, at, arrival_at)| {
                Ok(CheckIn {
                    id,
                    contact_id,
                    name,
                    state: TeamState::parse_stored(&state)?,
                    at,
                    arrival_at,
                })
            })
            .collect()
    }

    /// Every task of an incident handed to someone, in the order it was.
    pub fn handoffs(&self, incident_id: i64) -> CoreResult<Vec<Handoff>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task, label, contact_id, name, at FROM incident_handoffs
             WHERE incident_id = ?1 ORDER BY at, task",
        )?;
        let rows = stmt
            .query_map([incident_id], |r| {
                Ok(Handoff {
                    task: r.get(0)?,
                    label: r.get(1)?,
                    contact_id: r.get(2)?,
                    name: r.get(3)?,
                    at: crate::moments::utc_at(r, 4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The Team panel of an incident as of `now`.
    pub fn incident_team(&self, incident_id: i64, now: DateTime<Utc>) -> CoreResult<IncidentTeam> {
        let header = self.incident_header(incident_id)?;
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let team = self.team(language)?;
        let call_tree: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM call_tree")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let check_ins = self.check_ins(incident_id)?;
        let handoffs = self.handoffs(incident_id)?;
        let latest = |contact_id: i64| {
            check_ins
                .iter()
                .rev()
                .find(|c| c.contact_id == Some(contact_id))
        };
        let state_of =
            |contact_id: i64| latest(contact_id).map_or(TeamState::NotCalled, |c| c.state);
        let people: Vec<TeamMember> = team
            .people
            .iter()
            .map(|person| {
                let id = person.contact.id;
                let last = latest(id);
                let state = last.map_or(TeamState::NotCalled, |c| c.state);
                let arrival_at = last
                    .filter(|c| c.state == TeamState::OnTheWay)
                    .and_then(|c| c.arrival_at);
                TeamMember {
                    contact_id: id,
                    name: person_name(&person.contact.details),
                    in_call_tree: call_tree.contains(&id),
                    phones: person.contact.details.phones.clone(),
                    tel_links: person.contact.tel_links.clone(),
                    state,
                    since: last.map(|c| c.at),
                    check_in_id: last.map(|c| c.id),
                    arrival_at,
                    arrival_passed: !header.resolved && arrival_at.is_some_and(|at| at <= now),
                    roles: team.roles_of(id).map(|r| r.title.clone()).collect(),
                    tasks: handoffs
                        .iter()
                        .filter(|h| h.contact_id == Some(id))
                        .cloned()
                        .collect(),
                }
            })
            .collect();
        let stand_ins = team
            .roles
            .iter()
            .filter_map(|role| {
                let holders = &role.details.holder_ids;
                let stand_in = role.details.stand_in_id?;
                let all_away = !holders.is_empty()
                    && holders.iter().all(|h| state_of(*h) == TeamState::CantCome);
                let person = team.person(stand_in)?;
                (all_away && state_of(stand_in) != TeamState::CantCome).then(|| StandInOffer {
                    role_id: role.id,
                    role: role.title.clone(),
                    stand_in_id: stand_in,
                    stand_in: person_name(&person.contact.details),
                    stand_in_state: state_of(stand_in),
                })
            })
            .collect();
        let not_safe = if header.danger {
            people
                .iter()
                .filter(|p| !p.state.accounted_for())
                .map(|p| p.name.clone())
                .collect()
        } else {
            Vec::new()
        };
        Ok(IncidentTeam {
            incident_id,
            danger: header.danger,
            resolved: header.resolved,
            people,
            handoffs,
            stand_ins,
            not_safe,
            check_ins,
        })
    }

    /// Marks where one person stands. Refused next to its field: a time ahead or before the
    /// outage began, an arrival before the check-in, someone not on the team, an outage
    /// already resolved. Writes the check-in and its timeline line in one transaction.
    pub fn check_in(
        &mut self,
        incident_id: i64,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> CoreResult<IncidentTeam> {
        let header = self.incident_header(incident_id)?;
        let mut p = Problems::default();
        if header.resolved {
            p.add(CheckInField::State, FieldProblem::Closed);
        }
        let name = match self.contact(input.contact_id) {
            Ok(contact) if contact.details.kind == ContactKind::Staff => {
                person_name(&contact.details)
            }
            _ => {
                p.add(CheckInField::ContactId, FieldProblem::Unknown);
                String::new()
            }
        };
        let at = match input.at {
            None => now,
            // A minute's grace for a clock read a moment apart.
            Some(at) if at > now + Duration::minutes(1) || at < header.started_at => {
                p.add(CheckInField::At, FieldProblem::OutsideOutage);
                now
            }
            Some(at) => at.min(now),
        };
        let arrival_at = match (input.state, input.arrival_at) {
            (TeamState::OnTheWay, Some(arrival)) if arrival < at => {
                p.add(CheckInField::ArrivalAt, FieldProblem::BeforeCheckIn);
                None
            }
            (TeamState::OnTheWay, arrival) => arrival,
            // Only someone on the way has an arrival time.
            _ => None,
        };
        // As many as the plan file keeps, so the owner's own export always comes back in.
        let kept: i64 = self.conn.query_row(
            "SELECT count(*) FROM team_check_ins WHERE incident_id = ?1",
            [incident_id],
            |r| r.get(0),
        )?;
        if kept >= crate::team::MAX_CHECK_INS as i64 {
            p.add(
                CheckInField::State,
                FieldProblem::TooLarge {
                    max: crate::team::MAX_CHECK_INS as u32,
                },
            );
        }
        p.into_result().map_err(CoreError::Validation)?;
        // To the nearest minute: the window's "in 15 minutes" reaches here a moment later.
        let arriving_in = arrival_at.map(|arrival| {
            u32::try_from(((arrival - at).num_seconds().max(0) + 30) / 60).unwrap_or(u32::MAX)
        });
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO team_check_ins (incident_id, contact_id, name, state, at, arrival_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                incident_id,
                input.contact_id,
                name,
                input.state.as_str(),
                at,
                arrival_at
            ],
        )?;
        super::write::event(
            &tx,
            incident_id,
            at,
            Happened::CheckedIn {
                person: name,
                state: input.state,
                arriving_in,
            },
        )?;
        tx.commit()?;
        self.incident_team(incident_id, now)
    }

    /// Hands one task of the outage to a person, or (`None`) takes it back. The task is
    /// `step:<step>`, `call:<contact id>` or `workaround:<workaround id>`; its words are kept
    /// as they are now. Handing it to whoever already has it changes nothing.
    pub fn hand_off(
        &mut self,
        incident_id: i64,
        task: &str,
        contact_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> CoreResult<IncidentTeam> {
        let header = self.incident_header(incident_id)?;
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let mut p = Problems::default();
        if header.resolved {
            p.add(HandOffField::Task, FieldProblem::Closed);
        }
        let label = self.task_label(task, language);
        if label.is_none() {
            p.add(HandOffField::Task, FieldProblem::Unknown);
        }
        let person = match contact_id {
            None => None,
            Some(id) => match self.contact(id) {
                Ok(contact) if contact.details.kind == ContactKind::Staff => {
                    Some(person_name(&contact.details))
                }
                _ => {
                    p.add(HandOffField::ContactId, FieldProblem::Unknown);
                    None
                }
            },
        };
        p.into_result().map_err(CoreError::Validation)?;
        let label = label.unwrap_or_default();
        let current = self
            .handoffs(incident_id)?
            .into_iter()
            .find(|h| h.task == task);
        if current.as_ref().map(|h| h.contact_id) == Some(contact_id)
            || (current.is_none() && contact_id.is_none())
        {
            return self.incident_team(incident_id, now);
        }
        let tx = self.conn.transaction()?;
        match (contact_id, &person) {
            (Some(id), Some(name)) => {
                tx.execute(
                    "INSERT INTO incident_handoffs (incident_id, task, label, contact_id, name, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (incident_id, task) DO UPDATE SET label = excluded.label,
                        contact_id = excluded.contact_id, name = excluded.name, at = excluded.at",
                    params![incident_id, task, label, id, name, now],
                )?;
            }
            _ => {
                tx.execute(
                    "DELETE FROM incident_handoffs WHERE incident_id = ?1 AND task = ?2",
                    params![incident_id, task],
                )?;
            }
        }
        super::write::event(
            &tx,
            incident_id,
            now,
            Happened::HandedOff {
                task: task.to_owned(),
                label,
                person,
            },
        )?;
        tx.commit()?;
        self.incident_team(incident_id, now)
    }

    /// A task's words now, if the task names something that exists.
    fn task_label(&self, task: &str, language: Language) -> Option<String> {
        let (kind, rest) = task.split_once(':')?;
        let id = || -> Option<i64> {
            // Digits only, one spelling per task.
            (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
                .then(|| rest.parse().ok())
                .flatten()
                .filter(|id: &i64| id.to_string() == rest)
        };
        match kind {
            "step" => Step::ALL
                .iter()
                .find(|s| s.as_str() == rest)
                .map(|s| s.label(language).to_owned()),
            "call" => self
                .contact(id()?)
                .ok()
                .map(|c| c.details.display_name().to_owned()),
            "workaround" => self.workaround(id()?).ok().map(|w| w.details.title),
            _ => None,
        }
    }

    /// In a danger outage, who is not accounted for yet (see [`TeamState::accounted_for`]).
    pub(crate) fn not_safe(&self, incident_id: i64) -> CoreResult<Vec<String>> {
        let header = self.incident_header(incident_id)?;
        if !header.danger {
            return Ok(Vec::new());
        }
        // Read as of its start: "not safe" does not depend on the time.
        Ok(self.incident_team(incident_id, header.started_at)?.not_safe)
    }
}

/// The message to the team about an outage.
pub mod message;

#[cfg(test)]
mod tests;
