//! What names a reminder for good: `reminder_marks` keeps whether it was announced, snoozed
//! or dismissed under this key, across restarts, and the window hands it back to snooze or
//! dismiss one. A typed key, written and read in one place, so the kinds cannot drift
//! apart and the window can only name a reminder Steady could have made.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::announced::Phase;

/// The longest key the window may hand back.
const LONGEST: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReminderKey {
    /// Check everyone is safe, during an outage where someone may be in danger.
    Safety { incident: i64 },
    /// The next customer update: after the notice `after`, or the first one. Named after the
    /// notice it follows, not its due time: that moves with the severity or the cadence.
    Update { incident: i64, after: Option<i64> },
    /// A provider's promised time passed.
    Eta { call: i64 },
    /// Time to call a provider back.
    CallBack { call: i64 },
    /// The plan's review, due on that day.
    Review { due: NaiveDate },
    /// The printed plan is out of date since it was printed then.
    Reprint { printed_at: DateTime<Utc> },
    /// A phase of an announced outage begins, for the outage planned at `planned` (a
    /// timestamp: one removed and planned again under the same id is another outage) and
    /// starting at `start` (a new time brings its reminders again, once).
    AnnouncedPhase {
        announced: i64,
        planned: i64,
        phase: Phase,
        start: i64,
    },
    /// Whether the announced outage happened, asked once its start has passed.
    AnnouncedAsk {
        announced: i64,
        planned: i64,
        start: i64,
    },
    /// Someone of the team called with no answer, not tried again: named after that
    /// check-in, so trying again (a new check-in) ends it and it fires once.
    TeamNoAnswer { check_in: i64 },
    /// Someone on the way not arrived by the time they gave, named after that check-in.
    TeamLate { check_in: i64 },
    /// Something a drill found to fix, past its due date: named after the action, so it
    /// fires once.
    DrillAction { action: i64 },
    /// A surprise of a drill, by its key in the drill's scenario: it comes once.
    DrillInject { drill: i64, inject: String },
    /// A claim's deadline nears for an outage, by the rule's key in `costs/claims.json`: it
    /// stops once the claim is marked as sent.
    ClaimDeadline { incident: i64, rule: String },
    /// A fridge or freezer close to its safe limit during an outage: once per outage and
    /// store.
    ColdChain { incident: i64, store: i64 },
}

impl fmt::Display for ReminderKey {
    /// The form the file keeps (`eta:12`, `update:3:first`): marks written by an earlier
    /// Steady still name the same reminders.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Safety { incident } => write!(f, "safety:{incident}"),
            Self::Update {
                incident,
                after: Some(notice),
            } => write!(f, "update:{incident}:{notice}"),
            Self::Update {
                incident,
                after: None,
            } => write!(f, "update:{incident}:first"),
            Self::Eta { call } => write!(f, "eta:{call}"),
            Self::CallBack { call } => write!(f, "callback:{call}"),
            Self::Review { due } => write!(f, "review:{due}"),
            Self::Reprint { printed_at } => write!(f, "reprint:{}", printed_at.to_rfc3339()),
            Self::AnnouncedPhase {
                announced,
                planned,
                phase,
                start,
            } => write!(
                f,
                "announced:{announced}:{planned}:{}:{start}",
                phase.as_str()
            ),
            Self::AnnouncedAsk {
                announced,
                planned,
                start,
            } => write!(f, "announced:{announced}:{planned}:ask:{start}"),
            Self::TeamNoAnswer { check_in } => write!(f, "team:no_answer:{check_in}"),
            Self::TeamLate { check_in } => write!(f, "team:late:{check_in}"),
            Self::DrillAction { action } => write!(f, "drill_action:{action}"),
            Self::DrillInject { drill, inject } => write!(f, "drill:{drill}:{inject}"),
            Self::ClaimDeadline { incident, rule } => write!(f, "claim:{incident}:{rule}"),
            Self::ColdChain { incident, store } => write!(f, "cold:{incident}:{store}"),
        }
    }
}

/// A text that names no reminder Steady makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAReminder;

impl FromStr for ReminderKey {
    type Err = NotAReminder;

    fn from_str(text: &str) -> Result<Self, NotAReminder> {
        if text.len() > LONGEST {
            return Err(NotAReminder);
        }
        let parts: Vec<&str> = text.split(':').collect();
        let id = |part: &str| -> Result<i64, NotAReminder> {
            // Digits only, as Display writes them: no sign, no spaces.
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NotAReminder);
            }
            part.parse().map_err(|_| NotAReminder)
        };
        let key = match parts.as_slice() {
            ["safety", incident] => Self::Safety {
                incident: id(incident)?,
            },
            ["update", incident, "first"] => Self::Update {
                incident: id(incident)?,
                after: None,
            },
            ["update", incident, notice] => Self::Update {
                incident: id(incident)?,
                after: Some(id(notice)?),
            },
            ["eta", call] => Self::Eta { call: id(call)? },
            ["callback", call] => Self::CallBack { call: id(call)? },
            ["review", due] => Self::Review {
                due: due.parse().map_err(|_| NotAReminder)?,
            },
            ["reprint", ..] => {
                let printed = text.strip_prefix("reprint:").ok_or(NotAReminder)?;
                Self::Reprint {
                    printed_at: DateTime::parse_from_rfc3339(printed)
                        .map_err(|_| NotAReminder)?
                        .with_timezone(&Utc),
                }
            }
            ["announced", announced, planned, "ask", start] => Self::AnnouncedAsk {
                announced: id(announced)?,
                planned: id(planned)?,
                start: id(start)?,
            },
            ["announced", announced, planned, phase, start] => Self::AnnouncedPhase {
                announced: id(announced)?,
                planned: id(planned)?,
                phase: Phase::parse_stored(phase).map_err(|_| NotAReminder)?,
                start: id(start)?,
            },
            ["team", "no_answer", check_in] => Self::TeamNoAnswer {
                check_in: id(check_in)?,
            },
            ["team", "late", check_in] => Self::TeamLate {
                check_in: id(check_in)?,
            },
            ["drill_action", action] => Self::DrillAction {
                action: id(action)?,
            },
            // A scenario's surprise keys are lower-case words joined by `_`.
            ["drill", drill, inject]
                if !inject.is_empty()
                    && inject.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
            {
                Self::DrillInject {
                    drill: id(drill)?,
                    inject: (*inject).to_owned(),
                }
            }
            // A rule's key is lower-case words joined by `_`, as the data file names it.
            ["claim", incident, rule]
                if !rule.is_empty()
                    && rule.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
            {
                Self::ClaimDeadline {
                    incident: id(incident)?,
                    rule: (*rule).to_owned(),
                }
            }
            ["cold", incident, store] => Self::ColdChain {
                incident: id(incident)?,
                store: id(store)?,
            },
            _ => return Err(NotAReminder),
        };
        // One spelling per reminder: "eta:012" is not "eta:12".
        if key.to_string() == text {
            Ok(key)
        } else {
            Err(NotAReminder)
        }
    }
}

/// Across IPC a key is its text: the window only hands it back.
impl Serialize for ReminderKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReminderKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom("not a reminder Steady makes"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn phase() -> impl Strategy<Value = Phase> {
        prop::sample::select(vec![
            Phase::DaysBefore,
            Phase::DayBefore,
            Phase::HourBefore,
            Phase::During,
            Phase::After,
        ])
    }

    fn key() -> impl Strategy<Value = ReminderKey> {
        let id = 0..i64::from(u32::MAX);
        let stamp = 0i64..4_102_444_800;
        prop_oneof![
            id.clone()
                .prop_map(|incident| ReminderKey::Safety { incident }),
            (id.clone(), prop::option::of(id.clone()))
                .prop_map(|(incident, after)| ReminderKey::Update { incident, after }),
            id.clone().prop_map(|call| ReminderKey::Eta { call }),
            id.clone().prop_map(|call| ReminderKey::CallBack { call }),
            (0i64..100_000).prop_map(|days| ReminderKey::Review {
                due: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(days as u64),
            }),
            (stamp.clone(), 0u32..1_000_000_000).prop_map(|(secs, nanos)| {
                ReminderKey::Reprint {
                    printed_at: Utc.timestamp_opt(secs, nanos).unwrap(),
                }
            }),
            (id.clone(), stamp.clone(), phase(), stamp.clone()).prop_map(
                |(announced, planned, phase, start)| ReminderKey::AnnouncedPhase {
                    announced,
                    planned,
                    phase,
                    start,
                }
            ),
            (id.clone(), stamp.clone(), stamp).prop_map(|(announced, planned, start)| {
                ReminderKey::AnnouncedAsk {
                    announced,
                    planned,
                    start,
                }
            }),
            id.clone()
                .prop_map(|check_in| ReminderKey::TeamNoAnswer { check_in }),
            id.clone()
                .prop_map(|check_in| ReminderKey::TeamLate { check_in }),
            id.clone()
                .prop_map(|action| ReminderKey::DrillAction { action }),
            (id.clone(), "[a-z_]{1,30}")
                .prop_map(|(drill, inject)| ReminderKey::DrillInject { drill, inject }),
            (id.clone(), "[a-z_]{1,30}")
                .prop_map(|(incident, rule)| ReminderKey::ClaimDeadline { incident, rule }),
            (id.clone(), id)
                .prop_map(|(incident, store)| ReminderKey::ColdChain { incident, store }),
        ]
    }

    proptest! {
        #[test]
        fn every_key_reads_back_as_written(key in key()) {
            prop_assert_eq!(key.to_string().parse::<ReminderKey>(), Ok(key));
        }

        #[test]
        fn any_other_text_is_no_reminder(text in ".{0,90}") {
            if let Ok(key) = text.parse::<ReminderKey>() {
                prop_assert_eq!(key.to_string(), text);
            }
        }
    }

    #[test]
    fn the_forms_earlier_steadys_kept_still_name_their_reminders() {
        let check = |text: &str, key: ReminderKey| {
            assert_eq!(text.parse::<ReminderKey>(), Ok(key.clone()), "{text}");
            assert_eq!(key.to_string(), text);
        };
        check("eta:12", ReminderKey::Eta { call: 12 });
        check("callback:3", ReminderKey::CallBack { call: 3 });
        check("safety:7", ReminderKey::Safety { incident: 7 });
        check(
            "update:3:first",
            ReminderKey::Update {
                incident: 3,
                after: None,
            },
        );
        check(
            "update:3:41",
            ReminderKey::Update {
                incident: 3,
                after: Some(41),
            },
        );
        check(
            "review:2027-05-20",
            ReminderKey::Review {
                due: NaiveDate::from_ymd_opt(2027, 5, 20).unwrap(),
            },
        );
        check(
            "reprint:2026-11-20T10:00:00+00:00",
            ReminderKey::Reprint {
                printed_at: Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap(),
            },
        );
        check(
            "announced:4:1795000000:day_before:1796000000",
            ReminderKey::AnnouncedPhase {
                announced: 4,
                planned: 1_795_000_000,
                phase: Phase::DayBefore,
                start: 1_796_000_000,
            },
        );
        check(
            "announced:4:1795000000:ask:1796000000",
            ReminderKey::AnnouncedAsk {
                announced: 4,
                planned: 1_795_000_000,
                start: 1_796_000_000,
            },
        );
        check(
            "team:no_answer:8",
            ReminderKey::TeamNoAnswer { check_in: 8 },
        );
        check("team:late:9", ReminderKey::TeamLate { check_in: 9 });
        check("drill_action:3", ReminderKey::DrillAction { action: 3 });
        check(
            "drill:3:eta_longer",
            ReminderKey::DrillInject {
                drill: 3,
                inject: "eta_longer".into(),
            },
        );
        check(
            "claim:7:enedis_long_cut",
            ReminderKey::ClaimDeadline {
                incident: 7,
                rule: "enedis_long_cut".into(),
            },
        );
        check(
            "cold:4:2",
            ReminderKey::ColdChain {
                incident: 4,
                store: 2,
            },
        );
        for refused in [
            "claim:7:",
            "claim:7:Enedis",
            "claim:x:enedis_long_cut",
            "claim:07:enedis_long_cut",
            "cold:4",
            "cold:4:x",
            "cold:4:02",
            "drill:3:",
            "drill:3:Eta",
            "drill:3:eta longer",
            "drill:x:eta",
            "drill:03:eta",
            "team:late:",
            "team:early:9",
            "eta",
            "eta:",
            "eta:-1",
            "eta:012",
            "eta: 12",
            "eta:12:3",
            "update:3",
            "review:2027-13-40",
            "announced:4:1:sometime:2",
            "snooze:1",
            &"eta:1".repeat(30),
        ] {
            assert_eq!(
                refused.parse::<ReminderKey>(),
                Err(NotAReminder),
                "{refused:?}"
            );
        }
    }
}
