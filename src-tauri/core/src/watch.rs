//! What the computer itself knows first: the laptop went on battery, the network became
//! unreachable. The shell reads it from the system (UPower, NetworkManager) and feeds each
//! change to a [`Watch`]; the watch decides when a change has lasted long enough to be worth
//! a question, asks it once per change, and never starts anything by itself. The texts of
//! those questions are here too, in the owner's language.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::announced::AnnouncedWhat;
use crate::business::{Clock, Language};
use crate::error::CoreResult;
use crate::incidents::{Cause, IncidentStart};
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::{fill, Choice, PerLanguage};

text_enum! {
    /// A supply the computer can see for itself.
    pub enum Supply {
        Power = "power",
        Internet = "internet",
    }
}

impl Supply {
    /// The starter plan's service for it (`services.starter_key`).
    fn starter_key(self) -> &'static str {
        match self {
            Self::Power => "power",
            Self::Internet => "internet",
        }
    }

    fn from_starter_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.starter_key() == key)
    }

    fn cause(self) -> Cause {
        match self {
            Self::Power => Cause::Power,
            Self::Internet => Cause::Internet,
        }
    }
}

/// How long a change must last before Steady says anything: a laptop unplugged to be moved,
/// or a network that drops for a few seconds, is no outage.
pub const SETTLE: Duration = Duration::from_secs(60);

#[derive(Debug, Default, Clone)]
struct Track {
    /// `None` until the system first said.
    up: Option<bool>,
    /// When the last change happened; `None` for the state found at start-up, which is no
    /// event (a laptop running on battery when Steady starts is just a laptop).
    since: Option<DateTime<Utc>>,
    /// Whether the last change was dealt with (asked about, or not worth asking).
    settled: bool,
}

/// The supplies as the system reports them, and which changes were already asked about.
#[derive(Debug, Default, Clone)]
pub struct Watch {
    power: Track,
    internet: Track,
}

/// A question for the owner, once a change has lasted [`SETTLE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Suggestion {
    /// It went away and no outage open is about it: start one?
    Lost {
        supply: Supply,
        since: DateTime<Utc>,
    },
    /// It came back during an outage about it: check and confirm the fix?
    Back {
        supply: Supply,
        since: DateTime<Utc>,
        #[ts(type = "number")]
        incident_id: i64,
    },
}

impl Suggestion {
    pub fn supply(&self) -> Supply {
        match self {
            Self::Lost { supply, .. } | Self::Back { supply, .. } => *supply,
        }
    }
}

/// The outage still open, as far as the watch cares: which supplies it is about, and the
/// other things down the owner should check once a supply is back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOutage {
    pub id: i64,
    pub supplies: Vec<Supply>,
    /// The affected services that are not a supply themselves, in the order they were ticked.
    pub to_check: Vec<String>,
}

impl Watch {
    fn track(&mut self, supply: Supply) -> &mut Track {
        match supply {
            Supply::Power => &mut self.power,
            Supply::Internet => &mut self.internet,
        }
    }

    /// What the system says now: `up` is false on battery, or with no or limited
    /// connectivity. Only a change from what it said before is an event; true when this was
    /// one (a question asked about the state before is then out of date).
    pub fn observe(&mut self, supply: Supply, up: bool, at: DateTime<Utc>) -> bool {
        let track = self.track(supply);
        if track.up == Some(up) {
            return false;
        }
        let first = track.up.is_none();
        *track = Track {
            up: Some(up),
            since: (!first).then_some(at),
            settled: first,
        };
        !first
    }

    /// The questions due at `now`: each change that has lasted `settle`, once. A loss an
    /// open outage is already about, or a return with no outage about it, is let go silently.
    pub fn due(
        &mut self,
        now: DateTime<Utc>,
        settle: Duration,
        open: Option<&OpenOutage>,
    ) -> Vec<Suggestion> {
        let mut due = Vec::new();
        for supply in Supply::ALL.iter().copied() {
            let track = self.track(supply);
            let (Some(up), Some(since)) = (track.up, track.since) else {
                continue;
            };
            if track.settled
                || now
                    .signed_duration_since(since)
                    .to_std()
                    .unwrap_or_default()
                    < settle
            {
                continue;
            }
            track.settled = true;
            let about = open.filter(|o| o.supplies.contains(&supply));
            match (up, about) {
                (false, None) => due.push(Suggestion::Lost { supply, since }),
                (true, Some(outage)) => due.push(Suggestion::Back {
                    supply,
                    since,
                    incident_id: outage.id,
                }),
                _ => {}
            }
        }
        due
    }

    /// When the next question may fall due, if a change is waiting to settle.
    pub fn next_due(&self, settle: Duration) -> Option<DateTime<Utc>> {
        [&self.power, &self.internet]
            .into_iter()
            .filter(|t| !t.settled)
            .filter_map(|t| t.since)
            .min()
            .map(|since| since + settle)
    }
}

/// The laptop's battery as the system reports it, for the outage screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Battery {
    pub on_battery: bool,
    /// The system's estimate while on battery; `None` while it has none yet.
    pub minutes_left: Option<u32>,
}

impl Battery {
    /// From UPower's `OnBattery` and the display device's `TimeToEmpty` (seconds, 0 when
    /// unknown).
    pub fn from_upower(on_battery: bool, time_to_empty: i64) -> Self {
        let minutes = (time_to_empty + 30) / 60;
        Self {
            on_battery,
            minutes_left: (on_battery && time_to_empty > 0)
                .then(|| u32::try_from(minutes).unwrap_or(u32::MAX)),
        }
    }
}

/// This computer's choices about the questions: whether to ask them, and whether Steady
/// starts in the background at login to ask them (and keep its reminders) with no window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchSettings {
    pub ask: bool,
    pub start_at_login: bool,
}

/// A question asked, as the window receives it: to show it, and to act on the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Asked {
    pub suggestion: Suggestion,
    pub text: SuggestionText,
    /// For a loss: what the start screen has ticked, from when it began.
    pub start: Option<IncidentStart>,
    /// For a loss during an announced outage of it: that one, to follow rather than start
    /// another.
    #[ts(type = "number | null")]
    pub announced_id: Option<i64>,
}

/// A question as the notification shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionText {
    pub title: String,
    pub body: String,
    /// The button that does what it suggests.
    pub action: String,
}

/// The questions' words in every language (`watch/<language>.json`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WatchWords {
    and: String,
    lost: HashMap<Supply, String>,
    lost_body: String,
    lost_action: String,
    check_nothing: String,
    check_one: String,
    check_many: String,
    back: HashMap<Supply, String>,
    back_body: String,
    back_action: String,
    announced_title: String,
    announced_body: String,
    announced_action: String,
}

static WORDS: PerLanguage<WatchWords> = PerLanguage::new(&[
    (Language::En, include_str!("../watch/en.json")),
    (Language::Fr, include_str!("../watch/fr.json")),
]);

fn list(items: &[String], language: Language) -> String {
    let and = &WORDS.get(language).and;
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

impl Suggestion {
    /// The notification's words; `open` is the outage a return is about.
    pub fn text(
        &self,
        language: Language,
        clock: Clock,
        offset: FixedOffset,
        open: Option<&OpenOutage>,
    ) -> SuggestionText {
        let words = WORDS.get(language);
        let said = |map: &HashMap<Supply, String>, supply: Supply| {
            map.get(&supply).cloned().unwrap_or_default()
        };
        match *self {
            Self::Lost { supply, since } => {
                let time = clock.time(since.with_timezone(&offset));
                SuggestionText {
                    title: fill(&said(&words.lost, supply), &[("time", &time)]),
                    body: words.lost_body.clone(),
                    action: words.lost_action.clone(),
                }
            }
            Self::Back { supply, .. } => {
                let to_check = open.map(|o| o.to_check.clone()).unwrap_or_default();
                // "check card payments and confirm"; "check A and B, then confirm".
                let check = match to_check.as_slice() {
                    [] => words.check_nothing.clone(),
                    [one] => fill(&words.check_one, &[("item", one)]),
                    many => fill(&words.check_many, &[("items", &list(many, language))]),
                };
                SuggestionText {
                    title: fill(&said(&words.back, supply), &[("check", &check)]),
                    body: words.back_body.clone(),
                    action: words.back_action.clone(),
                }
            }
        }
    }
}

impl Supply {
    fn announced_what(self) -> AnnouncedWhat {
        match self {
            Self::Power => AnnouncedWhat::Power,
            Self::Internet => AnnouncedWhat::Internet,
        }
    }
}

impl Suggestion {
    /// The question for a loss that falls within an announced outage of it (`title`).
    pub fn announced_text(
        &self,
        title: &str,
        language: Language,
        clock: Clock,
        offset: FixedOffset,
    ) -> SuggestionText {
        let since = match self {
            Self::Lost { since, .. } | Self::Back { since, .. } => *since,
        };
        let time = clock.time(since.with_timezone(&offset));
        let words = WORDS.get(language);
        SuggestionText {
            title: fill(&words.announced_title, &[("title", title), ("time", &time)]),
            body: words.announced_body.clone(),
            action: words.announced_action.clone(),
        }
    }
}

impl Store {
    /// An announced outage of `supply` nothing was decided about, whose slot (from an hour
    /// before its start to its end) holds `at`: a loss then is most likely that one.
    pub fn announced_for(
        &self,
        supply: Supply,
        at: DateTime<Utc>,
    ) -> CoreResult<Option<crate::announced::Announced>> {
        Ok(self.pending_announced(at)?.into_iter().find(|a| {
            a.details.what == supply.announced_what()
                && a.details.starts_at - chrono::Duration::hours(1) <= at
                && at <= a.ends_at
        }))
    }

    /// The outage still open, with the supplies it is about: its cause, a starter service
    /// for the supply ("Power", "Internet") among those ticked, or the label the start
    /// screen writes for it.
    pub fn open_outage(&self) -> CoreResult<Option<OpenOutage>> {
        let Some((id, cause, something_else)) = self
            .conn
            .query_row(
                "SELECT id, cause, something_else FROM incidents WHERE resolved_at IS NULL AND drill = 0
                 ORDER BY started_at DESC, id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?
        else {
            return Ok(None);
        };
        let mut supplies: Vec<Supply> = Supply::ALL
            .iter()
            .copied()
            .filter(|s| {
                s.cause().as_str() == cause
                    || [Language::En, Language::Fr]
                        .iter()
                        .any(|l| something_else.trim().eq_ignore_ascii_case(s.label(*l)))
            })
            .collect();
        let mut to_check = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.name, s.starter_key FROM incident_services i
             LEFT JOIN services s ON s.id = i.service_id
             WHERE i.incident_id = ?1 ORDER BY i.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (name, key) = row?;
            match key.as_deref().and_then(Supply::from_starter_key) {
                Some(supply) if !supplies.contains(&supply) => supplies.push(supply),
                Some(_) => {}
                None => to_check.push(name),
            }
        }
        Ok(Some(OpenOutage {
            id,
            supplies,
            to_check,
        }))
    }

    /// What the start screen has ticked when the owner accepts a question about `supply`:
    /// the plan's service for it, or else its name as "something else"; from `since`.
    pub fn start_for(
        &self,
        supply: Supply,
        since: DateTime<Utc>,
        language: Language,
    ) -> CoreResult<IncidentStart> {
        let service: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM services WHERE starter_key = ?1",
                [supply.starter_key()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(IncidentStart {
            service_ids: service.into_iter().collect(),
            something_else: if service.is_some() {
                String::new()
            } else {
                supply.label(language).to_owned()
            },
            started_at: Some(since),
        })
    }
}

#[cfg(test)]
mod tests;
