//! The scorecard of a drill: each objective of the response rated as exercise programmes rate
//! them (performed, with some challenges, with major challenges, not performed), in plain
//! words with what to fix, beside the last drill of the same scenario.
//!
//! Times are drill time, as the drill's clock showed them: the timeline keeps real times and
//! every pause, resume and change of speed, so the clock is replayed from it (a pause stops it,
//! ×5 runs it five times as fast). A drill recorded before its starting speed was kept counts
//! from its last speed.
//!
//! The targets: assessing within [`ASSESS_TARGET_MINUTES`]; the first customer notice within
//! the plan's cadence for the outage's severity (the reminder settings' "update customers
//! every"), or [`FIRST_NOTICE_TARGET_MINUTES`] when the owner set none; a workaround in use
//! within the shortest time the affected services can be down (the plan's tolerance). Within
//! the target is performed, within twice it some challenges, later major challenges, never not
//! performed.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{DrillOutcome, DrillSpeed, Rating, Scenario};
use crate::business::Language;
use crate::error::{CoreError, CoreResult};
use crate::incidents::checklist::Step;
use crate::incidents::{Happened, Incident, TimelineEvent};
use crate::notices::incident::check_notice_text;
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::{duration, label, PerLanguage};

/// Assessing the outage (what failed, danger, scope, duration) should take this long at most.
pub const ASSESS_TARGET_MINUTES: u32 = 15;
/// The first customer notice's target when the owner set no cadence for the severity.
pub const FIRST_NOTICE_TARGET_MINUTES: u32 = 60;
/// The workaround's target when no affected service says how long it may be down.
pub const WORKAROUND_TARGET_MINUTES: u32 = 60;

text_enum! {
    /// What a drill rates, in the scorecard's order.
    pub enum Objective {
        Assess = "assess",
        FirstNotice = "first_notice",
        Workaround = "workaround",
        Steps = "steps",
        Notices = "notices",
        Numbers = "numbers",
        Surprises = "surprises",
    }
}

/// One objective of the drill, rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObjectiveScore {
    pub objective: Objective,
    /// The objective's name in the owner's words (the vocabulary's).
    pub name: String,
    pub rating: Rating,
    /// How long it took, in drill minutes (timed objectives, when it was done).
    pub took_minutes: Option<u32>,
    /// The plan's target, in drill minutes (timed objectives).
    pub target_minutes: Option<u32>,
    /// What happened, in a plain sentence.
    pub sentence: String,
    /// What to fix in the plan or the practice; empty when nothing.
    pub fix: String,
    /// The same objective's rating at the last ended drill of the same scenario.
    pub previous: Option<Rating>,
}

/// A surprise of the drill and what the owner decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The surprise's key within the scenario.
    pub inject: String,
    pub fired_at: Option<DateTime<Utc>>,
    /// The key of the choice made; `None`: not answered.
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// The drill the scores are set beside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviousDrill {
    #[ts(type = "number")]
    pub id: i64,
    pub started_at: DateTime<Utc>,
}

/// How a drill went, objective by objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    #[ts(type = "number")]
    pub drill_id: i64,
    #[ts(type = "number")]
    pub incident_id: i64,
    pub scenario: Scenario,
    pub speed: DrillSpeed,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<DrillOutcome>,
    /// How long the drill ran, in drill minutes (until now while it runs).
    pub drill_minutes: u32,
    pub objectives: Vec<ObjectiveScore>,
    pub decisions: Vec<Decision>,
    /// The last ended drill of the same scenario, whose ratings are `objectives[].previous`.
    pub previous: Option<PreviousDrill>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObjectiveWords {
    performed: &'static str,
    some_challenges: &'static str,
    major_challenges: &'static str,
    not_performed: &'static str,
    /// What to fix when the rating is not "performed".
    fix: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    assess: ObjectiveWords,
    first_notice: ObjectiveWords,
    workaround: ObjectiveWords,
    steps: ObjectiveWords,
    notices: ObjectiveWords,
    numbers: ObjectiveWords,
    surprises: ObjectiveWords,
    /// The action a number that did not work becomes ({name}, {number}).
    pub(crate) bad_number: &'static str,
    /// No surprise in the drill.
    no_surprise: &'static str,
}

/// The scorecard's words in every language, as data (`drills/score/<language>.json`).
pub(crate) static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../drills/score/en.json")),
    (Language::Fr, include_str!("../../drills/score/fr.json")),
]);

impl Words {
    fn of(&self, objective: Objective) -> &ObjectiveWords {
        match objective {
            Objective::Assess => &self.assess,
            Objective::FirstNotice => &self.first_notice,
            Objective::Workaround => &self.workaround,
            Objective::Steps => &self.steps,
            Objective::Notices => &self.notices,
            Objective::Numbers => &self.numbers,
            Objective::Surprises => &self.surprises,
        }
    }
}

/// A drill as stored, read from its tables.
pub(crate) struct DrillRecord {
    pub id: i64,
    pub incident_id: i64,
    pub scenario: Scenario,
    pub speed: DrillSpeed,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<DrillOutcome>,
    pub decisions: Vec<Decision>,
    /// (contact, name, number) of each number that did not work.
    pub bad_numbers: Vec<(Option<i64>, String, String)>,
}

/// What a scored objective found, before its words.
struct Found {
    objective: Objective,
    rating: Rating,
    took: Option<u32>,
    target: Option<u32>,
    /// Values for the sentence: `{took}`, `{target}`, `{count}`, `{list}`…
    values: Vec<(&'static str, String)>,
}

/// A timed objective: done within the target, within twice it, later, or never.
fn timed(took: Option<u32>, target: u32) -> Rating {
    match took {
        None => Rating::NotPerformed,
        Some(t) if t <= target => Rating::Performed,
        Some(t) if t <= target.saturating_mul(2) => Rating::SomeChallenges,
        Some(_) => Rating::MajorChallenges,
    }
}

/// Drill minutes from the drill's start to `at`, as its clock showed them: replayed from the
/// timeline's pauses, resumes and changes of speed.
fn drill_minutes(drill: &DrillRecord, timeline: &[TimelineEvent], at: DateTime<Utc>) -> u32 {
    let mut factor = timeline
        .iter()
        .find_map(|e| match &e.happened {
            Happened::DrillStarted { speed, .. } => *speed,
            _ => None,
        })
        .unwrap_or(drill.speed)
        .factor();
    let mut running = true;
    let mut since = drill.started_at;
    let mut seconds = 0;
    let mut run_to = |until: DateTime<Utc>, since: &mut DateTime<Utc>, running: bool, factor| {
        if running && until > *since {
            seconds += (until - *since).num_seconds() * factor;
        }
        *since = until.max(*since);
    };
    for event in timeline.iter().filter(|e| e.at <= at) {
        match &event.happened {
            Happened::DrillPaused | Happened::DrillEnded { .. } => {
                run_to(event.at, &mut since, running, factor);
                running = false;
            }
            Happened::DrillResumed => {
                run_to(event.at, &mut since, running, factor);
                running = true;
            }
            Happened::DrillSpeedChanged { speed } => {
                run_to(event.at, &mut since, running, factor);
                factor = speed.factor();
            }
            _ => {}
        }
    }
    run_to(at, &mut since, running, factor);
    u32::try_from(seconds / 60).unwrap_or(u32::MAX)
}

/// Every objective rated: pure over the drill, its incident, the plan's targets and what the
/// notices' check found.
fn score(
    drill: &DrillRecord,
    incident: &Incident,
    first_notice_target: u32,
    notice_findings: (usize, usize),
    language: Language,
) -> Vec<Found> {
    let first = |pick: &dyn Fn(&Happened) -> bool| {
        incident
            .timeline
            .iter()
            .find(|e| pick(&e.happened))
            .map(|e| drill_minutes(drill, &incident.timeline, e.at))
    };
    let mut out = Vec::new();
    let timed_found = |objective, took: Option<u32>, target: u32| {
        let mut values = vec![("target", duration(i64::from(target), language))];
        if let Some(took) = took {
            values.push(("took", duration(i64::from(took), language)));
        }
        Found {
            objective,
            rating: timed(took, target),
            took,
            target: Some(target),
            values,
        }
    };
    out.push(timed_found(
        Objective::Assess,
        first(&|h| matches!(h, Happened::Assessed)),
        ASSESS_TARGET_MINUTES,
    ));
    out.push(timed_found(
        Objective::FirstNotice,
        first(&|h| matches!(h, Happened::NoticeSent { .. })),
        first_notice_target,
    ));
    let tolerance = incident
        .services
        .iter()
        .map(|s| s.max_downtime_minutes)
        .filter(|m| *m > 0)
        .min()
        .unwrap_or(WORKAROUND_TARGET_MINUTES);
    out.push(timed_found(
        Objective::Workaround,
        first(&|h| matches!(h, Happened::WorkaroundActivated { .. })),
        tolerance,
    ));

    // The five steps: each done when its own record shows it.
    let assessed = incident
        .timeline
        .iter()
        .any(|e| matches!(e.happened, Happened::Assessed));
    let skipped: Vec<Step> = [
        (Step::Assess, assessed),
        (Step::Call, !incident.calls.is_empty()),
        (Step::Tell, !incident.notices.is_empty()),
        (Step::Workarounds, !incident.activations.is_empty()),
        (Step::Resolve, incident.resolved_at.is_some()),
    ]
    .into_iter()
    .filter(|(_, done)| !done)
    .map(|(step, _)| step)
    .collect();
    out.push(Found {
        objective: Objective::Steps,
        rating: match skipped.len() {
            0 => Rating::Performed,
            1 => Rating::SomeChallenges,
            2 | 3 => Rating::MajorChallenges,
            _ => Rating::NotPerformed,
        },
        took: None,
        target: None,
        values: vec![
            ("count", skipped.len().to_string()),
            (
                "list",
                skipped
                    .iter()
                    .map(|s| label(language, *s))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    });

    // The notices recorded: markers left and disclosure warnings kept.
    let (markers, warnings) = notice_findings;
    out.push(Found {
        objective: Objective::Notices,
        rating: if incident.notices.is_empty() {
            Rating::NotPerformed
        } else if markers > 0 {
            Rating::MajorChallenges
        } else if warnings > 0 {
            Rating::SomeChallenges
        } else {
            Rating::Performed
        },
        took: None,
        target: None,
        values: vec![
            ("count", incident.notices.len().to_string()),
            ("markers", markers.to_string()),
            ("warnings", warnings.to_string()),
        ],
    });

    out.push(Found {
        objective: Objective::Numbers,
        rating: match drill.bad_numbers.len() {
            0 => Rating::Performed,
            1 => Rating::SomeChallenges,
            _ => Rating::MajorChallenges,
        },
        took: None,
        target: None,
        values: vec![
            ("count", drill.bad_numbers.len().to_string()),
            (
                "list",
                drill
                    .bad_numbers
                    .iter()
                    .map(|(_, name, number)| format!("{name} ({number})"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    });

    // Only the surprises that came: a drill resolved before a surprise's minute never saw it.
    let came: Vec<&Decision> = drill
        .decisions
        .iter()
        .filter(|d| d.fired_at.is_some())
        .collect();
    let total = came.len();
    let answered = came.iter().filter(|d| d.answer.is_some()).count();
    out.push(Found {
        objective: Objective::Surprises,
        rating: if answered == total {
            Rating::Performed
        } else if answered * 2 >= total {
            Rating::SomeChallenges
        } else if answered > 0 {
            Rating::MajorChallenges
        } else {
            Rating::NotPerformed
        },
        took: None,
        target: None,
        values: vec![
            ("count", total.to_string()),
            ("answered", answered.to_string()),
            ("missed", (total - answered).to_string()),
        ],
    });
    out
}

fn worded(found: Found, words: &Words, drill: &DrillRecord, language: Language) -> ObjectiveScore {
    let w = words.of(found.objective);
    let template = match found.rating {
        Rating::Performed => w.performed,
        Rating::SomeChallenges => w.some_challenges,
        Rating::MajorChallenges => w.major_challenges,
        Rating::NotPerformed => w.not_performed,
    };
    let fill = |text: &str| {
        found
            .values
            .iter()
            .fold(text.to_owned(), |t, (key, value)| {
                t.replace(&format!("{{{key}}}"), value)
            })
    };
    let none_came = drill.decisions.iter().all(|d| d.fired_at.is_none());
    let sentence = if found.objective == Objective::Surprises && none_came {
        words.no_surprise.to_owned()
    } else {
        fill(template)
    };
    ObjectiveScore {
        objective: found.objective,
        name: label(language, found.objective).to_owned(),
        rating: found.rating,
        took_minutes: found.took,
        target_minutes: found.target,
        sentence,
        fix: if found.rating == Rating::Performed {
            String::new()
        } else {
            fill(w.fix)
        },
        previous: None,
    }
}

impl Store {
    /// The drill as its tables keep it.
    pub(crate) fn drill_record(&self, id: i64) -> CoreResult<DrillRecord> {
        type Row = (
            i64,
            String,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT incident_id, scenario, speed, started_at, ended_at, outcome
                 FROM drills WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        let (incident_id, scenario, speed, started_at, ended_at, outcome) =
            row.ok_or_else(|| CoreError::NotFound(format!("drill {id}")))?;
        let decisions = self
            .conn
            .prepare_cached(
                "SELECT inject, fired_at, answer, answered_at FROM drill_injects
                 WHERE drill_id = ?1 ORDER BY fired_at IS NULL, fired_at, inject",
            )?
            .query_map([id], |r| {
                Ok(Decision {
                    inject: r.get(0)?,
                    fired_at: r.get(1)?,
                    answer: r.get(2)?,
                    answered_at: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let bad_numbers = self
            .conn
            .prepare_cached(
                "SELECT contact_id, name, number FROM drill_bad_numbers
                 WHERE drill_id = ?1 ORDER BY at, id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(DrillRecord {
            id,
            incident_id,
            scenario: Scenario::parse_stored(&scenario)?,
            speed: DrillSpeed::parse_stored(&speed)?,
            started_at,
            ended_at,
            outcome: outcome
                .as_deref()
                .map(DrillOutcome::parse_stored)
                .transpose()?,
            decisions,
            bad_numbers,
        })
    }

    /// The objectives of a drill, rated and worded, without the previous drill's.
    fn objectives(
        &self,
        drill: &DrillRecord,
        language: Language,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<ObjectiveScore>> {
        let incident = self.incident(drill.incident_id, drill.ended_at.unwrap_or(now))?;
        let target = self
            .update_every(incident.severity)?
            .unwrap_or(FIRST_NOTICE_TARGET_MINUTES);
        let context = self.disclosure_context(drill.incident_id)?;
        let (mut markers, mut warnings) = (0, 0);
        for notice in &incident.notices {
            let check = check_notice_text(&context, notice.channel, language, None, &notice.text)?;
            markers += check.unfilled.len();
            warnings += check.warnings.len();
        }
        let words = WORDS.get(language);
        Ok(
            score(drill, &incident, target, (markers, warnings), language)
                .into_iter()
                .map(|found| worded(found, words, drill, language))
                .collect(),
        )
    }

    /// The last drill of the same scenario that ended before this one started.
    fn previous_drill(&self, drill: &DrillRecord) -> CoreResult<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM drills
                 WHERE scenario = ?1 AND id != ?2 AND ended_at IS NOT NULL AND ended_at <= ?3
                 ORDER BY ended_at DESC, id DESC LIMIT 1",
                rusqlite::params![drill.scenario.as_str(), drill.id, drill.started_at],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How the drill went, objective by objective, in `language`, beside the last ended drill
    /// of the same scenario.
    pub fn drill_scorecard(
        &self,
        id: i64,
        language: Language,
        now: DateTime<Utc>,
    ) -> CoreResult<Scorecard> {
        let drill = self.drill_record(id)?;
        let timeline = self
            .incident(drill.incident_id, drill.ended_at.unwrap_or(now))?
            .timeline;
        let mut objectives = self.objectives(&drill, language, now)?;
        let previous = match self.previous_drill(&drill)? {
            Some(before) => {
                let before = self.drill_record(before)?;
                let ratings = self.objectives(&before, language, now)?;
                for objective in &mut objectives {
                    objective.previous = ratings
                        .iter()
                        .find(|o| o.objective == objective.objective)
                        .map(|o| o.rating);
                }
                Some(PreviousDrill {
                    id: before.id,
                    started_at: before.started_at,
                })
            }
            None => None,
        };
        Ok(Scorecard {
            drill_id: drill.id,
            incident_id: drill.incident_id,
            scenario: drill.scenario,
            speed: drill.speed,
            started_at: drill.started_at,
            ended_at: drill.ended_at,
            outcome: drill.outcome,
            drill_minutes: drill_minutes(&drill, &timeline, drill.ended_at.unwrap_or(now)),
            objectives,
            decisions: drill.decisions,
            previous,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
