//! Reminders that keep the owner on track: during an outage, the next customer update, a
//! provider's promised time that has passed, a call-back time, checking everyone is safe, and
//! someone of the team not answering or not arrived;
//! on calm days, the plan's review and a printed plan gone out of date.
//!
//! What is due is computed from the stored state and the time given (never read here); what
//! became of each reminder (fired, snoozed, dismissed) is kept under a key that names it for
//! good, so a dismissed reminder never comes back and none fires twice.

mod drills;
mod key;
#[cfg(test)]
mod tests;

pub use key::ReminderKey;

use chrono::{DateTime, Duration, Months, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::announced::Phase;
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::ReminderSettingsField;
use crate::fields::Problems;
use crate::incidents::team::{CheckIn, TeamState, TRY_AGAIN_MINUTES};
use crate::incidents::{CallLogEntry, Incident};
use crate::plan::health::REVIEW_EVERY_MONTHS;
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::{duration, PerLanguage, Severity};

/// The longest cadence the owner can set: a day.
pub const EVERY_MAX_MINUTES: u32 = 24 * 60;
/// The step checklist's tick that says everyone was checked to be safe.
const SAFETY_CHECKED: &str = "assess.danger";
/// A printed plan is flagged as out of date no sooner than a day after printing, so a
/// correction made right after printing does not nag at once.
const REPRINT_GRACE_HOURS: i64 = 24;
/// How long after its start an announced outage nobody followed is asked about.
const ANNOUNCED_ASK_AFTER_MINUTES: i64 = 30;

text_enum! {
    pub enum ReminderKind {
        CustomerUpdate = "customer_update",
        EtaPassed = "eta_passed",
        CallBack = "call_back",
        CheckSafety = "check_safety",
        PlanReview = "plan_review",
        Reprint = "reprint",
        // An announced outage: a phase begins (a few days, a day, an hour before); it
        // starts (follow it as an outage?); its start passed with nothing done (did it?).
        AnnouncedPhase = "announced_phase",
        AnnouncedStart = "announced_start",
        AnnouncedAsk = "announced_ask",
        // Someone of the team: called with no answer and not tried again; not arrived by
        // the time they gave.
        TeamNoAnswer = "team_no_answer",
        TeamLate = "team_late",
        // Something a drill found to fix, past its due date.
        DrillAction = "drill_action",
        // A surprise of the drill in progress, come at its minute of drill time.
        DrillInject = "drill_inject",
        // A claim's deadline nears after an outage, the claim not marked as sent.
        ClaimDeadline = "claim_deadline",
        // A fridge or freezer close to its safe limit during a power cut.
        ColdChain = "cold_chain",
    }
}

/// How often customers hear from the business, and whether the system shows notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    pub notifications: bool,
    /// Minutes between customer updates; `None`: no update after the first notice.
    pub critical_every: Option<u32>,
    pub major_every: Option<u32>,
    pub minor_every: Option<u32>,
}

impl ReminderSettings {
    pub fn every(&self, severity: Severity) -> Option<u32> {
        match severity {
            Severity::Critical => self.critical_every,
            Severity::Major => self.major_every,
            Severity::Minor => self.minor_every,
        }
    }
}

/// One reminder, with what the notification says in the business's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Names this reminder for good (`eta:12`, `update:3:41`).
    #[ts(type = "string")]
    pub key: ReminderKey,
    pub kind: ReminderKind,
    pub due_at: DateTime<Utc>,
    /// The incident it is about; `None` for the plan's reminders.
    #[ts(type = "number | null")]
    pub incident_id: Option<i64>,
    /// The announced outage it is about.
    #[ts(type = "number | null")]
    pub announced_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl Reminder {
    /// When it should show: when due, or when its snooze ends.
    pub fn shows_at(&self) -> DateTime<Utc> {
        self.snoozed_until
            .map_or(self.due_at, |until| until.max(self.due_at))
    }
}

/// What one pass of the schedule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPass {
    /// Due and not announced before: announced now.
    pub fresh: Vec<Reminder>,
    /// Every reminder showing now.
    pub due: Vec<Reminder>,
    /// When the next one will show.
    pub next: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct Mark {
    fired: bool,
    snoozed_until: Option<DateTime<Utc>>,
    dismissed: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    update_title: &'static str,
    update_body: &'static str,
    first_notice_body: &'static str,
    eta_title: &'static str,
    eta_body: &'static str,
    call_back_title: &'static str,
    ticket: &'static str,
    no_ticket: &'static str,
    safety_title: &'static str,
    safety_body: &'static str,
    review_title: &'static str,
    review_body: &'static str,
    never_reviewed_body: &'static str,
    reprint_title: &'static str,
    reprint_body: &'static str,
    severities: [&'static str; 3],
    /// Titles and bodies for an announced outage: a few days, a day and an hour before, its
    /// start, and the question once it passed ({title}: its name).
    announced: [(&'static str, &'static str); 5],
    /// The title of one notification for several reminders ({n}: how many).
    waiting: &'static str,
    /// Someone called with no answer, not tried again ({person}; {minutes}: how long ago).
    no_answer_title: &'static str,
    no_answer_body: &'static str,
    /// Someone on the way, not arrived by the time they gave ({person}).
    late_title: &'static str,
    late_body: &'static str,
    /// Something a drill found to fix, past its due date ({text}: what to fix; {owner}).
    drill_action_title: &'static str,
    drill_action_body: &'static str,
    /// A claim's deadline nears ({claim}: the claim; {deadline}: its last day; {date}: the
    /// outage's start).
    claim_deadline_title: &'static str,
    claim_deadline_body: &'static str,
    /// A fridge or freezer close to its safe limit ({store}; {left}: the time left), or past
    /// it already when the reminder comes late.
    cold_title: &'static str,
    cold_past_title: &'static str,
    cold_body: &'static str,
}

/// A reminder's words in every language, as data (`reminders/<language>.json`).
static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../reminders/en.json")),
    (Language::Fr, include_str!("../../reminders/fr.json")),
]);

fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

fn severity_word(w: &Words, severity: Severity) -> &'static str {
    match severity {
        Severity::Minor => w.severities[0],
        Severity::Major => w.severities[1],
        Severity::Critical => w.severities[2],
    }
}

/// What is down, as the owner named it.
fn what(incident: &Incident) -> String {
    let mut names: Vec<&str> = incident.services.iter().map(|s| s.name.as_str()).collect();
    if !incident.something_else.is_empty() {
        names.push(&incident.something_else);
    }
    names.join(", ")
}

/// The reminders an open incident calls for.
fn incident_reminders(
    incident: &Incident,
    settings: &ReminderSettings,
    w: &Words,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    let mut add = |key: ReminderKey, kind, due_at, title: String, body: String| {
        out.push(Reminder {
            key,
            kind,
            due_at,
            incident_id: Some(incident.id),
            announced_id: None,
            title,
            body,
            snoozed_until: None,
        });
    };
    let id = incident.id;
    if incident.danger
        && !incident
            .checklist
            .iter()
            .any(|c| c.key == SAFETY_CHECKED && c.done)
    {
        add(
            ReminderKey::Safety { incident: id },
            ReminderKind::CheckSafety,
            incident.started_at,
            w.safety_title.into(),
            w.safety_body.into(),
        );
    }
    let severity = severity_word(w, incident.severity);
    if let Some(every) = settings.every(incident.severity) {
        let every = Duration::minutes(i64::from(every));
        // Named after the notice it follows, not its due time: that moves when the severity
        // or the cadence changes, and must not make it fire again.
        let (key, due, body) = match incident.notices.last() {
            Some(last) => (
                ReminderKey::Update {
                    incident: id,
                    after: Some(last.id),
                },
                last.sent_at + every,
                w.update_body,
            ),
            None => (
                ReminderKey::Update {
                    incident: id,
                    after: None,
                },
                incident.started_at + every,
                w.first_notice_body,
            ),
        };
        let body = body
            .replace("{severity}", severity)
            .replace("{what}", &what(incident));
        add(
            key,
            ReminderKind::CustomerUpdate,
            due,
            w.update_title.into(),
            body,
        );
    }
    // Only the latest call to each provider counts: a new promise replaces the one before.
    let mut latest: Vec<&CallLogEntry> = Vec::new();
    for call in incident.calls.iter().rev() {
        let same = |c: &&CallLogEntry| match (c.contact_id, call.contact_id) {
            (Some(a), Some(b)) => a == b,
            _ => c.contact_name == call.contact_name,
        };
        if !latest.iter().any(same) {
            latest.push(call);
        }
    }
    latest.reverse();
    for call in latest {
        let ticket = if call.ticket.is_empty() {
            w.no_ticket.to_owned()
        } else {
            w.ticket.replace("{ticket}", &call.ticket)
        };
        if let Some(eta) = call.eta {
            add(
                ReminderKey::Eta { call: call.id },
                ReminderKind::EtaPassed,
                eta,
                w.eta_title.replace("{provider}", &call.contact_name),
                w.eta_body.replace("{ticket}", &ticket),
            );
        }
        if let Some(at) = call.call_back_at {
            add(
                ReminderKey::CallBack { call: call.id },
                ReminderKind::CallBack,
                at,
                w.call_back_title.replace("{provider}", &call.contact_name),
                ticket,
            );
        }
    }
    out
}

/// The reminders about an open incident's team: for each person, by their latest check-in,
/// try again someone who did not answer ten minutes ago, and call someone not arrived by
/// the time they gave. Named after that check-in: a later one ends it.
fn team_reminders(
    incident: i64,
    check_ins: &[CheckIn],
    w: &Words,
    language: Language,
) -> Vec<Reminder> {
    let mut latest: Vec<&CheckIn> = Vec::new();
    for check_in in check_ins.iter().rev() {
        if check_in.contact_id.is_some()
            && !latest.iter().any(|c| c.contact_id == check_in.contact_id)
        {
            latest.push(check_in);
        }
    }
    latest.reverse();
    let mut out = Vec::new();
    for check_in in latest {
        let person = &check_in.name;
        let (key, kind, due_at, title, body) = match (check_in.state, check_in.arrival_at) {
            (TeamState::NoAnswer, _) => (
                ReminderKey::TeamNoAnswer {
                    check_in: check_in.id,
                },
                ReminderKind::TeamNoAnswer,
                check_in.at + Duration::minutes(TRY_AGAIN_MINUTES),
                w.no_answer_title.replace("{person}", person),
                w.no_answer_body
                    .replace("{minutes}", &duration(TRY_AGAIN_MINUTES, language)),
            ),
            (TeamState::OnTheWay, Some(arrival)) => (
                ReminderKey::TeamLate {
                    check_in: check_in.id,
                },
                ReminderKind::TeamLate,
                arrival,
                w.late_title.replace("{person}", person),
                w.late_body.to_owned(),
            ),
            _ => continue,
        };
        out.push(Reminder {
            key,
            kind,
            due_at,
            incident_id: Some(incident),
            announced_id: None,
            title,
            body,
            snoozed_until: None,
        });
    }
    out
}

impl Store {
    pub fn reminder_settings(&self) -> CoreResult<ReminderSettings> {
        Ok(self.conn.query_row(
            "SELECT notifications, critical_every, major_every, minor_every
             FROM reminder_settings WHERE id = 1",
            [],
            |r| {
                Ok(ReminderSettings {
                    notifications: r.get(0)?,
                    critical_every: r.get(1)?,
                    major_every: r.get(2)?,
                    minor_every: r.get(3)?,
                })
            },
        )?)
    }

    pub fn save_reminder_settings(
        &mut self,
        settings: &ReminderSettings,
    ) -> CoreResult<ReminderSettings> {
        let mut p = Problems::default();
        for (field, every) in [
            (
                ReminderSettingsField::CriticalEvery,
                settings.critical_every,
            ),
            (ReminderSettingsField::MajorEvery, settings.major_every),
            (ReminderSettingsField::MinorEvery, settings.minor_every),
        ] {
            match every {
                Some(0) => p.add(field, FieldProblem::NotPositive),
                Some(minutes) if minutes > EVERY_MAX_MINUTES => p.add(
                    field,
                    FieldProblem::TooLarge {
                        max: EVERY_MAX_MINUTES,
                    },
                ),
                _ => {}
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE reminder_settings
             SET notifications = ?1, critical_every = ?2, major_every = ?3, minor_every = ?4
             WHERE id = 1",
            params![
                settings.notifications,
                settings.critical_every,
                settings.major_every,
                settings.minor_every
            ],
        )?;
        tx.commit()?;
        self.reminder_settings()
    }

    /// Every reminder not dismissed, due or not, soonest first.
    pub fn reminders(&self, now: DateTime<Utc>) -> CoreResult<Vec<Reminder>> {
        let language = self
            .business()?
            .map_or(Language::En, |business| business.language);
        let w = words(language);
        let settings = self.reminder_settings()?;
        let mut all = Vec::new();
        let open: Vec<(i64, bool)> = self
            .conn
            .prepare_cached(
                "SELECT id, drill FROM incidents WHERE resolved_at IS NULL ORDER BY id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let running: Vec<i64> = crate::drills::run::open_drill_rows(&self.conn)?
            .iter()
            .filter(|d| d.running_since.is_some())
            .map(|d| d.incident_id)
            .collect();
        let drill_words = crate::drills::scenarios::words(language);
        for (id, drill) in &open {
            // A drill's incident reminds only while the drill runs, marked as a drill.
            if *drill && !running.contains(id) {
                continue;
            }
            let incident = self.incident(*id, now)?;
            let mut these = incident_reminders(&incident, &settings, w);
            these.extend(team_reminders(*id, &self.check_ins(*id)?, w, language));
            if !*drill {
                these.extend(self.cold_reminders(*id, now, w, language)?);
            }
            if *drill {
                for reminder in &mut these {
                    reminder.title = drill_words.titled(&reminder.title);
                }
            }
            all.extend(these);
        }
        all.extend(self.drill_reminders(language)?);
        if !open.iter().any(|(_, drill)| !drill) {
            all.extend(self.calm_day_reminders(w)?);
        }
        all.extend(self.claim_reminders(w, language, now)?);
        all.extend(self.announced_reminders(w, now)?);
        let mut kept = Vec::new();
        for mut reminder in all {
            let mark = self.mark(&reminder.key)?;
            if !mark.dismissed {
                reminder.snoozed_until = mark.snoozed_until;
                kept.push(reminder);
            }
        }
        kept.sort_by_key(|r| (r.shows_at(), r.key.to_string()));
        Ok(kept)
    }

    /// A warning for each fridge or freezer an outage stops, while its clock runs:
    /// [`crate::costs::cold::WARN_MINUTES`] before its safe limit (at the start, if the limit
    /// is closer than that). Named after the outage and the store, so it fires once.
    fn cold_reminders(
        &self,
        incident: i64,
        now: DateTime<Utc>,
        w: &Words,
        language: Language,
    ) -> CoreResult<Vec<Reminder>> {
        use crate::costs::cold::WARN_MINUTES;
        let mut out = Vec::new();
        for clock in self.cold_clocks(incident, now)? {
            if clock.stopped_at.is_some() {
                continue;
            }
            let title = if clock.minutes_left > 0 {
                w.cold_title
                    .replace("{left}", &duration(clock.minutes_left, language))
            } else {
                w.cold_past_title.to_owned()
            };
            out.push(Reminder {
                key: ReminderKey::ColdChain {
                    incident,
                    store: clock.store_id,
                },
                kind: ReminderKind::ColdChain,
                due_at: (clock.limit_at - Duration::minutes(WARN_MINUTES)).max(clock.started_at),
                incident_id: Some(incident),
                announced_id: None,
                title: title.replace("{store}", &clock.name),
                body: w.cold_body.into(),
                snoozed_until: None,
            });
        }
        Ok(out)
    }

    /// The plan's own reminders, for days without an outage.
    fn calm_day_reminders(&self, w: &Words) -> CoreResult<Vec<Reminder>> {
        let mut out = Vec::new();
        let Some(business) = self.business()? else {
            return Ok(out);
        };
        let reviewed = self.safety_plan()?.reviewed_at;
        let since = reviewed.unwrap_or(business.created_at);
        if let Some(due) = since.checked_add_months(Months::new(REVIEW_EVERY_MONTHS)) {
            out.push(Reminder {
                key: ReminderKey::Review {
                    due: due.date_naive(),
                },
                kind: ReminderKind::PlanReview,
                due_at: due,
                incident_id: None,
                announced_id: None,
                title: w.review_title.into(),
                body: if reviewed.is_some() {
                    w.review_body
                } else {
                    w.never_reviewed_body
                }
                .into(),
                snoozed_until: None,
            });
        }
        for action in self.open_plan_actions()? {
            // Past its due date: from the start of the next day.
            let Some(due) = action
                .due_on
                .and_then(|day| day.succ_opt())
                .and_then(|day| day.and_hms_opt(0, 0, 0))
            else {
                continue;
            };
            out.push(Reminder {
                key: ReminderKey::DrillAction { action: action.id },
                kind: ReminderKind::DrillAction,
                due_at: due.and_utc(),
                incident_id: None,
                announced_id: None,
                title: w.drill_action_title.into(),
                body: w.drill_action_body.replace("{text}", &action.text),
                snoozed_until: None,
            });
        }
        let printed = self.print_status()?;
        if let (Some(printed_at), true) = (printed.binder_printed_at, printed.changed_since_printed)
        {
            out.push(Reminder {
                key: ReminderKey::Reprint { printed_at },
                kind: ReminderKind::Reprint,
                due_at: printed_at + Duration::hours(REPRINT_GRACE_HOURS),
                incident_id: None,
                announced_id: None,
                title: w.reprint_title.into(),
                body: w.reprint_body.into(),
                snoozed_until: None,
            });
        }
        Ok(out)
    }

    /// A claim's deadline after a real outage: a week before it (at once when nearer), at the
    /// start of the shop's day, until marked as sent. Not a calm-day reminder: another outage
    /// left open must not silence a deadline.
    fn claim_reminders(
        &self,
        w: &Words,
        language: Language,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        let mut out = Vec::new();
        let paper = crate::print::words::words(language);
        for (incident, rule, claim, deadline) in self.open_claim_deadlines(now)? {
            let remind_on = deadline
                .checked_sub_days(chrono::Days::new(crate::costs::claims::REMIND_DAYS_BEFORE))
                .unwrap_or(deadline);
            let Some(due) = remind_on
                .and_hms_opt(0, 0, 0)
                .and_then(|midnight| {
                    let offset = self.local_offset(now);
                    midnight.and_local_timezone(offset).earliest()
                })
                .map(|at| at.with_timezone(&Utc))
            else {
                continue;
            };
            out.push(Reminder {
                key: ReminderKey::ClaimDeadline { incident, rule },
                kind: ReminderKind::ClaimDeadline,
                due_at: due,
                incident_id: Some(incident),
                announced_id: None,
                title: w
                    .claim_deadline_title
                    .replace("{deadline}", &paper.date(deadline)),
                body: w
                    .claim_deadline_body
                    .replace("{claim}", &claim)
                    .replace("{deadline}", &paper.date(deadline)),
                snoozed_until: None,
            });
        }
        Ok(out)
    }

    /// An announced outage's reminders while nothing is decided about it: each phase's
    /// beginning (those after it was planned or last changed, while the phase lasts), its
    /// start, and the question once its start has passed. Named after its start time, so a
    /// new time brings them again, once.
    fn announced_reminders(&self, w: &Words, now: DateTime<Utc>) -> CoreResult<Vec<Reminder>> {
        let mut out = Vec::new();
        for announced in self.pending_announced(now)? {
            let start = announced.details.starts_at;
            // With when it was planned: one removed and planned again under the same id is
            // another outage, whose reminders have not been seen.
            let planned = announced.created_at.timestamp();
            let begins = |phase: Phase| {
                announced
                    .phases
                    .iter()
                    .find(|p| p.phase == phase)
                    .map_or(start, |p| p.begins_at)
            };
            let phases = [
                (Phase::DaysBefore, Phase::DayBefore),
                (Phase::DayBefore, Phase::HourBefore),
                (Phase::HourBefore, Phase::During),
                (Phase::During, Phase::After),
            ];
            for (i, (phase, next)) in phases.into_iter().enumerate() {
                let due = begins(phase);
                if due <= announced.updated_at || now >= begins(next) {
                    continue;
                }
                let kind = if phase == Phase::During {
                    ReminderKind::AnnouncedStart
                } else {
                    ReminderKind::AnnouncedPhase
                };
                let (title, body) = w.announced[i];
                out.push(Reminder {
                    key: ReminderKey::AnnouncedPhase {
                        announced: announced.id,
                        planned,
                        phase,
                        start: start.timestamp(),
                    },
                    kind,
                    due_at: due,
                    incident_id: None,
                    announced_id: Some(announced.id),
                    title: title.replace("{title}", &announced.title),
                    body: body.into(),
                    snoozed_until: None,
                });
            }
            let (title, body) = w.announced[4];
            out.push(Reminder {
                key: ReminderKey::AnnouncedAsk {
                    announced: announced.id,
                    planned,
                    start: start.timestamp(),
                },
                kind: ReminderKind::AnnouncedAsk,
                due_at: start + Duration::minutes(ANNOUNCED_ASK_AFTER_MINUTES),
                incident_id: None,
                announced_id: Some(announced.id),
                title: title.replace("{title}", &announced.title),
                body: body.into(),
                snoozed_until: None,
            });
        }
        Ok(out)
    }

    fn mark(&self, key: &ReminderKey) -> CoreResult<Mark> {
        Ok(self
            .conn
            .query_row(
                "SELECT fired_at IS NOT NULL, snoozed_until, dismissed_at IS NOT NULL
                 FROM reminder_marks WHERE key = ?1",
                [key.to_string()],
                |r| {
                    Ok(Mark {
                        fired: r.get(0)?,
                        snoozed_until: r.get(1)?,
                        dismissed: r.get(2)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// The reminders showing now: due, not dismissed, not snoozed.
    pub fn due_reminders(&self, now: DateTime<Utc>) -> CoreResult<Vec<Reminder>> {
        let mut due = self.reminders(now)?;
        due.retain(|r| r.shows_at() <= now);
        Ok(due)
    }

    /// The reminders showing now that have not been announced yet, marked as announced in
    /// the same transaction: each is handed out once.
    pub fn take_unannounced(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<Reminder>> {
        Ok(self.reminder_pass(now)?.fresh)
    }

    /// One look at the reminders for the schedule: what to announce now (marked announced,
    /// as [`Store::take_unannounced`]), what is showing, and when the next one will show.
    pub fn reminder_pass(&mut self, now: DateTime<Utc>) -> CoreResult<ReminderPass> {
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let all = self.reminders(now)?;
        let next = all
            .iter()
            .map(Reminder::shows_at)
            .filter(|at| *at > now)
            .min();
        let due: Vec<Reminder> = all.into_iter().filter(|r| r.shows_at() <= now).collect();
        let mut fresh = Vec::new();
        for reminder in &due {
            if !self.mark(&reminder.key)?.fired {
                fresh.push(reminder.clone());
            }
        }
        let tx = self.conn.transaction()?;
        for reminder in &fresh {
            tx.execute(
                "INSERT INTO reminder_marks (key, fired_at) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET fired_at = excluded.fired_at",
                params![reminder.key.to_string(), now],
            )?;
            // A drill's surprise announced has come: the drill keeps when.
            if let ReminderKey::DrillInject { drill, inject } = &reminder.key {
                let text = crate::drills::scenarios::words(language).untitled(&reminder.title);
                crate::drills::run::mark_fired(&tx, *drill, inject, text, now)?;
            }
        }
        tx.commit()?;
        Ok(ReminderPass { fresh, due, next })
    }

    /// When the next reminder will show, if any is still to come.
    pub fn next_reminder_at(&self, now: DateTime<Utc>) -> CoreResult<Option<DateTime<Utc>>> {
        Ok(self
            .reminders(now)?
            .iter()
            .map(Reminder::shows_at)
            .filter(|at| *at > now)
            .min())
    }

    /// Hides a reminder until `until`, when it shows (and is announced) again.
    pub fn snooze_reminder(&mut self, key: &str, until: DateTime<Utc>) -> CoreResult<()> {
        let key = named(key)?.to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO reminder_marks (key, snoozed_until) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET snoozed_until = excluded.snoozed_until,
                                              fired_at = NULL",
            params![key, until],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a reminder away for good.
    pub fn dismiss_reminder(&mut self, key: &str, now: DateTime<Utc>) -> CoreResult<()> {
        let key = named(key)?.to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO reminder_marks (key, dismissed_at) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET dismissed_at = excluded.dismissed_at",
            params![key, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Minutes between customer updates at `severity`, as the owner set them.
    pub fn update_every(&self, severity: Severity) -> CoreResult<Option<u32>> {
        Ok(self.reminder_settings()?.every(severity))
    }
}

/// Where a clicked notification leads the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderOpened {
    pub kind: ReminderKind,
    #[ts(type = "number | null")]
    pub incident_id: Option<i64>,
    #[ts(type = "number | null")]
    pub announced_id: Option<i64>,
}

/// The reminder a key from the window names: only one Steady could have made, so the window
/// can name reminders but never write arbitrary rows.
fn named(key: &str) -> CoreResult<ReminderKey> {
    key.parse().map_err(|_| {
        CoreError::Validation(vec![crate::error::FieldError::new(
            crate::field_paths::ReminderKeyField::Key,
            FieldProblem::Unknown,
        )])
    })
}

/// One notification for several reminders due at once (those that fell due while Steady
/// was closed), rather than a burst.
pub fn summary_of(reminders: &[Reminder], language: Language) -> (String, String) {
    let title = words(language)
        .waiting
        .replace("{n}", &reminders.len().to_string());
    let body = reminders
        .iter()
        .map(|r| format!("• {}", r.title))
        .collect::<Vec<_>>()
        .join("\n");
    (title, body)
}
